#!/usr/bin/env python3
"""Cold-start probe for compare_peers.py: import the engine, load the model, run one inference, save the
output, exit -- the Python counterpart of `landmark run`. The driver times the whole process and reads its
peak RSS, so nothing here measures anything.

    python scripts/peers/cold_start.py --engine tf|ort --model FILE --input NAME=FILE.npy --output NAME \
        --threads N --save FILE.npy
"""

from __future__ import annotations

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engine", choices=["tf", "ort"], required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--input", required=True, help="NAME=FILE.npy")
    parser.add_argument("--output", required=True)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--save", required=True, help="where to write the output (.npy)")
    args = parser.parse_args()

    import numpy as np  # noqa: PLC0415

    from py_worker import load_ort, load_tf  # noqa: PLC0415

    input_name, _, input_path = args.input.partition("=")
    loader = load_tf if args.engine == "tf" else load_ort
    run = loader(args.model, input_name, args.output, args.threads)
    np.save(args.save, np.asarray(run(np.load(input_path))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
