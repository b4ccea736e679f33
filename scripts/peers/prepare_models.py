#!/usr/bin/env python3
"""Model preparation for compare_peers.py (needs TensorFlow; tf2onnx for the ONNX files). Writes into OUT_DIR:

  batch_graph.pb   the seed graph with a batch dimension: the uint8 [128,128,3] placeholder and its ExpandDims
                   are replaced by a uint8 [None,128,128,3] placeholder of the same name feeding the Cast, so the
                   same weights run on N faces at once (the flatten chain reads the batch size from Shape).
  input_b1.npy     the fixture image as [1,128,128,3]
  input_b16.npy    16 distinct images: the fixture image, then 15 copies rolled by a few pixels with seeded noise
  graph.onnx       tf2onnx conversion of the original graph (when tf2onnx is importable)
  batch_graph.onnx tf2onnx conversion of batch_graph.pb (same)

and checks that every item of batch_graph.pb's output at batch 16 matches the original graph run on that item
alone. Prints one JSON object: paths, the per-item check (max abs/rel difference), notes on anything skipped.

    python scripts/peers/prepare_models.py --model graph.pb --input input_image_tensor=img.npy \
        --output logits/BiasAdd --out-dir DIR [--opset 17]
"""

from __future__ import annotations

import argparse
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")

import numpy as np  # noqa: E402


def batch_variant(graph_def, input_name: str):
    """Copy of `graph_def` whose placeholder `input_name` takes [None, *shape] and whose ExpandDims on it is gone."""
    import tensorflow as tf  # noqa: PLC0415

    result = tf.compat.v1.GraphDef()
    result.CopyFrom(graph_def)
    placeholder = next((n for n in result.node if n.name == input_name and n.op == "Placeholder"), None)
    if placeholder is None:
        raise ValueError(f"no Placeholder named {input_name!r}")
    expand = [n for n in result.node if n.op == "ExpandDims" and n.input and n.input[0] == input_name]
    if len(expand) != 1:
        raise ValueError(f"expected exactly one ExpandDims reading {input_name!r}, found {len(expand)}")
    expand_node = expand[0]
    axis_node = next((n for n in result.node if n.name == expand_node.input[1]), None)
    if axis_node is None or axis_node.op != "Const" or tf.make_ndarray(axis_node.attr["value"].tensor).item() != 0:
        raise ValueError("the ExpandDims does not insert axis 0; cannot turn it into a batch dimension")
    dims = placeholder.attr["shape"].shape.dim
    item_shape = [d.size for d in dims]
    if not item_shape or any(s < 0 for s in item_shape):
        raise ValueError(f"placeholder shape {item_shape} is not fully known")
    placeholder.attr["shape"].shape.CopyFrom(
        tf.TensorShape([None] + item_shape).as_proto())
    # Everything that read the ExpandDims now reads the batched placeholder.
    for node in result.node:
        for k, name in enumerate(node.input):
            if name in (expand_node.name, expand_node.name + ":0"):
                node.input[k] = input_name
    kept = [n for n in result.node if n.name not in (expand_node.name,)]
    still_used = any(axis_node.name in (i.split(":")[0].lstrip("^") for i in n.input) for n in kept)
    del result.node[:]
    result.node.extend(n for n in kept if still_used or n.name != axis_node.name)
    return result, item_shape


def run_graph(graph_def, input_name: str, output: str, value):
    import tensorflow as tf  # noqa: PLC0415

    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.import_graph_def(graph_def, name="")
    with tf.compat.v1.Session(graph=graph) as session:
        return session.run(f"{output}:0", feed_dict={f"{input_name}:0": value})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True)
    parser.add_argument("--input", required=True, help="NAME=FILE.npy (one item, no batch dimension)")
    parser.add_argument("--output", required=True)
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--opset", type=int, default=17)
    parser.add_argument("--skip-batch", action="store_true")
    args = parser.parse_args()

    summary: dict = {"notes": []}
    input_name, _, input_path = args.input.partition("=")
    image = np.load(input_path)
    try:
        import tensorflow as tf  # noqa: PLC0415
    except ImportError as error:
        summary["notes"].append(f"TensorFlow not importable ({error}): no batch variant, no ONNX conversion")
        print(json.dumps(summary))
        return 0

    graph_def = tf.compat.v1.GraphDef()
    with open(args.model, "rb") as handle:
        graph_def.ParseFromString(handle.read())

    if not args.skip_batch:
        try:
            batched, item_shape = batch_variant(graph_def, input_name)
            if list(image.shape) != item_shape:
                raise ValueError(f"input file shape {list(image.shape)} != placeholder shape {item_shape}")
            batch_path = os.path.join(args.out_dir, "batch_graph.pb")
            with open(batch_path, "wb") as handle:
                handle.write(batched.SerializeToString())
            rng = np.random.default_rng(1234)
            items = [image]
            for k in range(1, args.batch):
                shifted = np.roll(image, shift=(k % 5 - 2, k // 5 - 1), axis=(0, 1)).astype(np.int16)
                noisy = shifted + rng.integers(-6, 7, size=image.shape)
                items.append(np.clip(noisy, 0, 255).astype(image.dtype))
            stacked = np.stack(items)
            np.save(os.path.join(args.out_dir, "input_b1.npy"), stacked[:1])
            np.save(os.path.join(args.out_dir, f"input_b{args.batch}.npy"), stacked)
            batched_out = run_graph(batched, input_name, args.output, stacked)
            worst_abs, worst_rel = 0.0, 0.0
            for k, item in enumerate(items):
                single = run_graph(graph_def, input_name, args.output, item) if k < 4 else None
                if single is None:
                    continue  # four items are enough to show the rewiring is right; TF sessions are slow to make
                diff = np.abs(batched_out[k:k + 1].astype(np.float64) - single.astype(np.float64))
                worst_abs = max(worst_abs, float(diff.max()))
                worst_rel = max(worst_rel, float((diff / np.maximum(np.abs(single), 1e-3)).max()))
            summary["batch_graph"] = batch_path
            summary["batch_inputs"] = {"1": os.path.join(args.out_dir, "input_b1.npy"),
                                       str(args.batch): os.path.join(args.out_dir, f"input_b{args.batch}.npy")}
            summary["batch_check"] = {"items_checked": min(4, len(items)), "max_abs": worst_abs, "max_rel": worst_rel,
                                      "batch_output_shape": list(batched_out.shape)}
            np.save(os.path.join(args.out_dir, f"tf_batch{args.batch}_out.npy"), batched_out)
        except Exception as error:  # noqa: BLE001
            summary["notes"].append(f"batch variant failed: {type(error).__name__}: {error}")

    try:
        import tf2onnx  # noqa: PLC0415
    except ImportError as error:
        summary["notes"].append(f"tf2onnx not importable ({error}): no ONNX models")
        tf2onnx = None
    if tf2onnx is not None:
        targets = [("graph_onnx", graph_def, "graph.onnx")]
        if "batch_graph" in summary:
            targets.append(("batch_graph_onnx", batched, "batch_graph.onnx"))
        for key, definition, file_name in targets:
            path = os.path.join(args.out_dir, file_name)
            try:
                tf2onnx.convert.from_graph_def(
                    definition, input_names=[f"{input_name}:0"], output_names=[f"{args.output}:0"],
                    opset=args.opset, output_path=path)
                summary[key] = path
            except Exception as error:  # noqa: BLE001
                summary["notes"].append(f"tf2onnx on {file_name} failed: {type(error).__name__}: {error}")
        summary["tf2onnx"] = f"tf2onnx {tf2onnx.__version__}, opset {args.opset}"
    summary["tensorflow"] = tf.__version__
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
