#!/usr/bin/env python3
"""(Re)generate Tests/Fixtures: one directory per case with a frozen graph.pb, case.json and .npy
inputs/expected outputs computed by TensorFlow running the committed graph itself.

Usage:
    .venv/bin/python scripts/make_fixtures.py              # all cases
    .venv/bin/python scripts/make_fixtures.py conv2d_valid seed_keras   # only these
    .venv/bin/python scripts/make_fixtures.py --list
    .venv/bin/python scripts/make_fixtures.py --skip-large # everything but the full-size seed graph

Needs tensorflow(-cpu) 2.21 and tf_keras 2.21 (pip install tf_keras~=2.21.0). Deterministic: every
case seeds its own RNG from its name.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fixtures.common import DEFAULT_OUT_DIR, REGISTRY, prepare_case  # noqa: E402
from fixtures import seed_models  # noqa: E402,F401  (registers cases)
from fixtures import cases_nn, cases_math, cases_shape, cases_graph, cases_depthwise  # noqa: E402,F401
from fixtures import cases_movement, cases_resize, cases_blocks, cases_transposed, cases_networks_tf1  # noqa: E402,F401
from fixtures import cases_elementwise, cases_reduce, cases_functions, cases_keras_applications, cases_keras_fusions  # noqa: E402,F401
from fixtures.readme import render_readme  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", nargs="*", help="case names to (re)generate (default: all)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR, help="fixtures root directory")
    parser.add_argument("--list", action="store_true", help="list case names and descriptions")
    parser.add_argument("--skip-large", action="store_true", help="skip the full-size seed graph")
    args = parser.parse_args()

    if args.list:
        for spec in REGISTRY:
            print(f"{spec.name}: {spec.description}")
        return 0

    known = {spec.name for spec in REGISTRY}
    unknown = [name for name in args.cases if name not in known]
    if unknown:
        parser.error(f"unknown cases: {', '.join(unknown)}")
    selected = [s for s in REGISTRY if (not args.cases or s.name in args.cases)
                and not (args.skip_large and s.large)]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "README.md").write_text(render_readme(REGISTRY))
    (args.out / ".gitattributes").write_text("*.pb binary\n*.npy binary\n")
    case_dirs = [prepare_case(spec, args.out) for spec in selected]

    # Expected outputs: computed in a fresh interpreter that only imports and runs the written graphs.
    scripts_dir = Path(__file__).resolve().parent
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(scripts_dir), os.environ.get("PYTHONPATH")])))
    subprocess.run([sys.executable, "-m", "fixtures.evaluate", *map(str, case_dirs)], check=True, env=env)

    for case_dir in case_dirs:
        size = sum(p.stat().st_size for p in case_dir.iterdir())
        print(f"{case_dir.name:40s} {size:>10d} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
