#!/usr/bin/env python3
"""Debugging aid: run one fixture's graph.pb with TensorFlow and compare against .npy files our engine wrote.

    .venv/bin/python scripts/tf_reference.py Tests/Fixtures/<case> [ENGINE_DIR] [options]

For every output listed in <case>/case.json this prints TensorFlow's value against the committed expected
.npy and, when ENGINE_DIR has a file of the same name (tensor name with `/` and `:` -> `_`, plus `.npy`),
against the engine's value: shapes, dtypes, max abs diff, max rel diff and where the worst element is.

Any other .npy in ENGINE_DIR whose name is the file name of a tensor in the graph (an intermediate the
engine dumped, e.g. `conv2d_3_Relu.npy` for `conv2d_3/Relu`) is fetched from TensorFlow and compared
too, in graph order, so the first diverging node stands out. `--tensor NAME` fetches more tensors
(`node` or `node:k`); `--dump DIR` writes TensorFlow's value of every compared tensor to DIR.

Exit status: 0 if every engine tensor is within tolerance (|engine - tf| <= atol + rtol * |tf|, exact
for integer/bool), 1 otherwise, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fixtures.common import (  # noqa: E402
    fetch_name, load_graph_def, save_npy, session_config, tensor_file_name, tf,
)
import numpy as np  # noqa: E402


def tensor_names_by_file(graph: tf.Graph) -> tuple[dict[str, str], list[str]]:
    """Map .npy file name -> TF tensor name for every tensor in the graph, in graph (topological) order."""
    mapping: dict[str, str] = {}
    order: list[str] = []
    for op in graph.get_operations():
        for k, _ in enumerate(op.outputs):
            name = op.name if k == 0 else f"{op.name}:{k}"
            fname = tensor_file_name(name)
            if fname in mapping and mapping[fname] != name:
                print(f"warning: {fname} is ambiguous ({mapping[fname]} / {name}); using the first",
                      file=sys.stderr)
                continue
            mapping[fname] = name
            order.append(name)
    return mapping, order


def compare(reference: np.ndarray, other: np.ndarray) -> dict:
    """Difference summary of `other` against `reference`."""
    result = {"shape_ok": reference.shape == other.shape, "dtype_ok": reference.dtype == other.dtype}
    if not result["shape_ok"]:
        if reference.size == other.size:
            other = other.reshape(reference.shape)
        else:
            return result
    if reference.dtype.kind in "fc" or other.dtype.kind in "fc":
        ref = reference.astype(np.float64)
        oth = other.astype(np.float64)
        with np.errstate(invalid="ignore"):
            diff = np.abs(oth - ref)
        nan_mismatch = np.isnan(ref) != np.isnan(oth)
        diff = np.where(np.isnan(ref) & np.isnan(oth), 0.0, diff)
        diff = np.where(nan_mismatch, np.inf, diff)
        rel = diff / np.maximum(np.abs(ref), 1e-12)
        result["max_abs"] = float(diff.max()) if diff.size else 0.0
        result["max_rel"] = float(rel.max()) if rel.size else 0.0
        result["diff"] = diff
        if diff.size:
            worst = np.unravel_index(int(np.argmax(diff)), diff.shape)
            result["worst"] = (tuple(int(i) for i in worst), float(ref[worst]), float(oth[worst]))
    else:
        mismatched = reference != other
        result["mismatches"] = int(np.count_nonzero(mismatched))
        if result["mismatches"]:
            worst = np.unravel_index(int(np.argmax(mismatched)), mismatched.shape)
            result["worst"] = (tuple(int(i) for i in worst), reference[worst].item(), other[worst].item())
    return result


def within_tolerance(reference: np.ndarray, summary: dict, atol: float, rtol: float) -> bool:
    if not summary["shape_ok"] or not summary["dtype_ok"]:
        return False
    if "diff" not in summary and "mismatches" not in summary:
        return False
    if "mismatches" in summary:
        return summary["mismatches"] == 0
    bound = atol + rtol * np.abs(reference.astype(np.float64).reshape(summary["diff"].shape))
    return bool(np.all(summary["diff"] <= bound))


def describe(label: str, reference: np.ndarray, other: np.ndarray, summary: dict) -> str:
    parts = [f"  {label:10s}"]
    if not summary["shape_ok"]:
        parts.append(f"SHAPE {list(other.shape)} != {list(reference.shape)}")
        if "diff" not in summary and "mismatches" not in summary:
            return " ".join(parts)
    if not summary["dtype_ok"]:
        parts.append(f"DTYPE {other.dtype} != {reference.dtype}")
    if "max_abs" in summary:
        parts.append(f"max_abs={summary['max_abs']:.3e} max_rel={summary['max_rel']:.3e}")
    else:
        parts.append(f"mismatches={summary['mismatches']}/{reference.size}")
    if "worst" in summary and (summary.get("max_abs", 0) > 0 or summary.get("mismatches", 0) > 0):
        index, ref_v, oth_v = summary["worst"]
        parts.append(f"worst at {list(index)}: tf={ref_v!r} got={oth_v!r}")
    return " ".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("fixture", type=Path, help="fixture directory (graph.pb + case.json + .npy)")
    parser.add_argument("engine", type=Path, nargs="?", help="directory of .npy outputs written by our engine")
    parser.add_argument("--inputs", type=Path, help="take input .npy files from this directory instead")
    parser.add_argument("--tensor", action="append", default=[], help="extra tensor to fetch (node or node:k)")
    parser.add_argument("--dump", type=Path, help="write TensorFlow's value of every compared tensor here")
    parser.add_argument("--atol", type=float, default=1e-5)
    parser.add_argument("--rtol", type=float, default=1e-4)
    args = parser.parse_args()

    manifest_path = args.fixture / "case.json"
    if not manifest_path.is_file():
        parser.error(f"{manifest_path} not found")
    manifest = json.loads(manifest_path.read_text())
    if args.engine is not None and not args.engine.is_dir():
        parser.error(f"{args.engine} is not a directory")

    graph = tf.Graph()
    with graph.as_default():
        tf.graph_util.import_graph_def(load_graph_def(args.fixture / "graph.pb"), name="")
    by_file, order = tensor_names_by_file(graph)

    input_dir = args.inputs or args.fixture
    feeds = {graph.get_tensor_by_name(fetch_name(i["name"])): np.load(input_dir / i["file"])
             for i in manifest["inputs"]}

    outputs = [o["name"] for o in manifest["outputs"]]
    wanted = list(outputs) + [t for t in args.tensor if t not in outputs]
    if args.engine is not None:
        dumped = {p.name for p in args.engine.glob("*.npy")}
        input_files = {i["file"] for i in manifest["inputs"]}
        extra = [by_file[f] for f in sorted(dumped) if f in by_file and f not in input_files]
        extra.sort(key=order.index)
        wanted += [t for t in extra if t not in wanted]
        unknown = sorted(f for f in dumped if f not in by_file and f not in input_files)
        for f in unknown:
            print(f"note: {f} matches no tensor of the graph; ignored", file=sys.stderr)

    with tf.compat.v1.Session(graph=graph, config=session_config()) as sess:
        values = sess.run([graph.get_tensor_by_name(fetch_name(t)) for t in wanted], feed_dict=feeds)

    print(f"{args.fixture.name}: {manifest.get('description', '')}")
    all_ok = True
    bad: list[str] = []
    for name, value in zip(wanted, values):
        value = np.asarray(value)
        fname = tensor_file_name(name)
        kind = "output" if name in outputs else "tensor"
        print(f"{kind} {name} {value.dtype}{list(value.shape)}  ({fname})")
        expected_path = args.fixture / fname
        if name in outputs and expected_path.is_file():
            expected = np.load(expected_path)
            print(describe("committed", value, expected, compare(value, expected)))
        if args.engine is not None:
            engine_path = args.engine / fname
            if engine_path.is_file():
                got = np.load(engine_path)
                summary = compare(value, got)
                ok = within_tolerance(value, summary, args.atol, args.rtol)
                print(describe("engine", value, got, summary) + ("" if ok else "   <-- OUT OF TOLERANCE"))
                if not ok:
                    all_ok = False
                    bad.append(name)
            elif name in outputs:
                print("  engine     MISSING")
                all_ok = False
        if args.dump is not None:
            args.dump.mkdir(parents=True, exist_ok=True)
            save_npy(args.dump / fname, value)
    if args.engine is not None:
        if all_ok:
            print("OK: engine within tolerance")
        elif bad:
            first = min(bad, key=order.index)
            print(f"FAIL: {len(bad)} tensor(s) out of tolerance; first in graph order: {first}")
        else:
            print("FAIL: engine output(s) missing")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
