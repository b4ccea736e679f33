#!/usr/bin/env python3
"""Sweeps every model constructor in tf_keras.applications through `landmark run` and compares with TensorFlow.

For each constructor (found programmatically: every capitalised callable of tf_keras.applications) a child
process builds the model with weights=None at the smallest input size the constructor accepts, 10 classes and no
classifier activation (logits, so a softmax cannot hide errors), random batch-norm statistics, freezes it with
convert_variables_to_constants_v2 (as scripts/fixtures/cases_keras_applications.py does), and writes model.pb,
x.npy and TensorFlow's output tf.npy into out/keras-sweep/<name>/. The largest models (STREAMED, ConvNeXtLarge
and XLarge) are frozen by `stream_freeze` instead, which writes the GraphDef node by node: TensorFlow's freezer
needs more than 13 GB for them; TensorFlow's reference then comes from the concrete function itself.

Two more children give the second opinions the issue's error rule needs: tf2onnx converts the same frozen graph
and onnxruntime runs it on the same input (ort.npy), and a TensorFlow session on one thread runs it
(tf_1thread.npy: how far TensorFlow moves from its own output when only the summation order changes). The parent
then runs `landmark run model.pb --input x=x.npy --output <node> --save-dir <dir>/ours` with a timeout and prints
one line per model: name, input size, status (ok / unsupported ops / error / mismatch / timeout), the error
max|ours - TF| / max|TF|, onnxruntime's error max|ORT - TF| / max|TF|, and TensorFlow's own spread
max|TF 1 thread - TF| / max|TF|. ok (the issue's rule): error <= 1e-5, or, on deep random graphs where
onnxruntime itself is above 1e-5, at most twice onnxruntime's error. Without an onnxruntime figure (--no-onnx, or
its conversion failed) the status says "unjudged" unless the error is within 1e-5.

    scripts/keras_sweep.py [--only A,B] [--skip A,B] [--build-timeout 300] [--run-timeout 120] [--markdown]
                           [--no-onnx] [--no-spread] [--reuse] [--memory-gb 10]
    scripts/keras_sweep.py --compare-nodes NAME [--node-ops AddV2,Conv2D]   # per node, on a saved model

Each child is killed when its resident memory passes --memory-gb (default 10): the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "out" / "keras-sweep"
DEFAULT_LANDMARK = Path("/work/main/.build/release/landmark")
TOLERANCE = 1e-5
# Frozen node by node (stream_freeze): convert_variables_to_constants_v2 was killed at 13.7 GB on ConvNeXtLarge.
STREAMED = {"ConvNeXtLarge", "ConvNeXtXLarge"}

# Approximate parameter counts in millions (Keras documentation); they order the sweep small first.
APPROX_PARAMS = {
    "MobileNetV3Small": 2.5, "RegNetX002": 2.7, "RegNetY002": 3.2, "MobileNetV2": 3.5, "MobileNet": 4.3,
    "RegNetY004": 4.3, "NASNetMobile": 5.3, "RegNetX004": 5.2, "MobileNetV3Large": 5.4, "EfficientNetB0": 5.3,
    "EfficientNetV2B0": 7.2, "RegNetX006": 6.2, "RegNetY006": 6.1, "RegNetX008": 7.3, "RegNetY008": 6.3,
    "EfficientNetB1": 7.9, "DenseNet121": 8.1, "EfficientNetV2B1": 8.2, "EfficientNetB2": 9.2,
    "RegNetX016": 9.2, "RegNetY016": 11.2, "EfficientNetV2B2": 10.2, "EfficientNetB3": 12.3,
    "EfficientNetV2B3": 14.5, "DenseNet169": 14.3, "RegNetX032": 15.3, "RegNetY032": 19.4, "EfficientNetB4": 19.5,
    "DenseNet201": 20.2, "Xception": 22.9, "RegNetX040": 22.1, "RegNetY040": 20.6, "InceptionV3": 23.9,
    "EfficientNetV2S": 21.6, "ResNet50V2": 25.6, "ResNet50": 25.6, "RegNetX064": 26.2, "ConvNeXtTiny": 28.6,
    "EfficientNetB5": 30.6, "RegNetY064": 30.6, "ResNetRS50": 35.7, "RegNetX080": 39.6, "RegNetY080": 39.2,
    "EfficientNetB6": 43.3, "ResNet101": 44.7, "ResNet101V2": 44.7, "RegNetX120": 46.1, "ConvNeXtSmall": 50.2,
    "RegNetX160": 54.3, "EfficientNetV2M": 54.4, "InceptionResNetV2": 55.9, "RegNetY120": 51.8,
    "ResNet152": 60.4, "ResNet152V2": 60.4, "ResNetRS101": 63.7, "EfficientNetB7": 66.7, "RegNetY160": 83.6,
    "ResNetRS152": 86.8, "ConvNeXtBase": 88.5, "NASNetLarge": 88.9, "ResNetRS200": 93.2, "RegNetX320": 107.8,
    "EfficientNetV2L": 119.0, "ResNetRS270": 129.9, "VGG16": 138.4, "RegNetY320": 145.0, "VGG19": 143.7,
    "ResNetRS350": 164.0, "ResNetRS420": 191.9, "ConvNeXtLarge": 197.8, "ConvNeXtXLarge": 350.1,
}

CANDIDATE_SIZES = [32, 64, 71, 75, 96, 128, 224, 331]


def constructors() -> list[str]:
    import tf_keras as keras

    names = [n for n in dir(keras.applications) if n[:1].isupper() and callable(getattr(keras.applications, n))]
    return sorted(names, key=lambda n: (APPROX_PARAMS.get(n, 1e6), n))


def build_one(name: str) -> None:
    """Child mode: builds, freezes and runs `name` in TensorFlow; prints a JSON summary line."""
    import inspect

    import numpy as np
    import tensorflow as tf
    import tf_keras as keras
    from tensorflow.python.framework.convert_to_constants import convert_variables_to_constants_v2

    ctor = getattr(keras.applications, name)
    parameters = inspect.signature(ctor).parameters
    rng = np.random.default_rng(zlib.crc32(name.encode()))  # str hash() is salted per process
    tf.keras.utils.set_random_seed(1234)
    model, size, last_error = None, None, None
    for candidate in CANDIDATE_SIZES:
        keras.backend.clear_session()
        kwargs = dict(weights=None, input_shape=(candidate, candidate, 3), include_top=True, classes=10)
        # ResNet50/101/152 take classifier_activation through **kwargs.
        if "classifier_activation" in parameters or any(
                p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()):
            kwargs["classifier_activation"] = None
        try:
            model = ctor(**kwargs)
            size = candidate
            break
        except Exception as error:  # constructor refused this size: try the next one
            last_error = error
    if model is None:
        raise SystemExit(f"no accepted input size: {last_error}")
    for layer in model.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            # gamma and beta are absent when scale=False / center=False (Inception): match weights by name.
            values = []
            for weight in layer.weights:
                kind, shape = weight.name.split("/")[-1].split(":")[0], weight.shape
                if kind == "gamma" or kind == "moving_variance":
                    values.append(rng.uniform(0.5, 1.5, shape).astype(np.float32))
                else:
                    values.append(rng.normal(0, 0.1, shape).astype(np.float32))
            layer.set_weights(values)
    fn = tf.function(lambda x: model(x, training=False))
    concrete = fn.get_concrete_function(tf.TensorSpec([1, size, size, 3], tf.float32, name="x"))
    directory = OUT / name
    directory.mkdir(parents=True, exist_ok=True)
    image = rng.uniform(0.0, 255.0, [1, size, size, 3]).astype(np.float32)
    np.save(directory / "x.npy", image)
    if name in STREAMED or os.environ.get("KERAS_SWEEP_STREAM_ALL") == "1":
        output = stream_freeze(concrete, model, directory / "model.pb")
        reference = concrete(tf.constant(image))
    else:
        frozen = convert_variables_to_constants_v2(concrete)
        output = frozen.outputs[0].name.split(":")[0]
        (directory / "model.pb").write_bytes(frozen.graph.as_graph_def().SerializeToString())
        reference = frozen(tf.constant(image))
    reference = reference[0] if isinstance(reference, (list, tuple)) else reference
    np.save(directory / "tf.npy", reference.numpy())
    print("RESULT " + json.dumps({"size": size, "output": output, "params": model.count_params()}))


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def stream_freeze(concrete, model, path: Path) -> str:
    """Writes `concrete`'s graph as a frozen GraphDef to `path` one NodeDef at a time and returns the output node.

    GraphDef's `node` (field 1) is a repeated message, so serialised NodeDefs written one after another are a valid
    GraphDef; the function library (field 2) and versions (field 4) follow. Each captured input becomes a Const:
    a variable's handle its current value, an eager constant its value; a ReadVariableOp of a captured variable
    becomes an Identity of that Const. Only one variable's bytes are in flight at a time, so memory stays near
    the model's own size (convert_variables_to_constants_v2 copies the whole graph several times).
    """
    import numpy as np
    import tensorflow as tf
    from tensorflow.core.framework import graph_pb2, node_def_pb2

    variables = {id(v.handle): v for v in model.variables}
    captured = {}  # internal placeholder name -> (kind, object)
    for external, internal in concrete.graph.captures:
        if id(external) in variables:
            captured[internal.op.name] = ("variable", variables[id(external)])
        elif internal.dtype == tf.resource:
            raise SystemExit(f"captured resource {internal.op.name} is not one of the model's variables")
        else:
            captured[internal.op.name] = ("constant", external)
    graph_def = concrete.graph.as_graph_def()
    for function in graph_def.library.function:
        for argument in function.signature.input_arg:
            if argument.type == tf.resource.as_datatype_enum:
                raise SystemExit(f"function {function.signature.name} takes a resource: cannot stream-freeze")
    resources = {n for n, (kind, _) in captured.items() if kind == "variable"}

    def const_node(name: str, value) -> bytes:
        array = np.ascontiguousarray(value.numpy() if hasattr(value, "numpy") else np.asarray(value))
        node = node_def_pb2.NodeDef(name=name, op="Const")
        dtype = tf.as_dtype(array.dtype).as_datatype_enum
        node.attr["dtype"].type = dtype
        tensor = node.attr["value"].tensor
        tensor.dtype = dtype
        for d in array.shape:
            tensor.tensor_shape.dim.add().size = d
        tensor.tensor_content = array.tobytes()
        return node.SerializeToString()

    with open(path, "wb") as file:
        def write(field: int, payload: bytes) -> None:
            file.write(_varint(field << 3 | 2) + _varint(len(payload)) + payload)

        for node in graph_def.node:
            if node.op == "Placeholder" and node.name in captured:
                kind, value = captured[node.name]
                write(1, const_node(node.name, value.read_value() if kind == "variable" else value))
            elif node.op == "ReadVariableOp" and node.input[0].split(":")[0] in resources:
                identity = node_def_pb2.NodeDef(name=node.name, op="Identity", input=[node.input[0]])
                identity.attr["T"].type = node.attr["dtype"].type
                write(1, identity.SerializeToString())
            else:
                if any(i.lstrip("^").split(":")[0] in resources for i in node.input):
                    raise SystemExit(f"node {node.name} ({node.op}) reads a variable's handle: cannot stream-freeze")
                write(1, node.SerializeToString())
        if graph_def.library.function:
            write(2, graph_def.library.SerializeToString())
        write(4, graph_def.versions.SerializeToString())
    return concrete.outputs[0].name.split(":")[0]


def run_onnx(name: str, output: str) -> None:
    """Child mode: converts the frozen model.pb of `name` with tf2onnx and runs it in onnxruntime (ort.npy)."""
    import numpy as np
    import onnxruntime
    import tensorflow as tf
    import tf2onnx

    directory = OUT / name
    graph_def = tf.compat.v1.GraphDef()
    graph_def.ParseFromString((directory / "model.pb").read_bytes())
    # from_graph_def runs Grappler, which inlines the function library (PartitionedCall nodes, which onnxruntime
    # cannot run); Keras marks its grouped and depthwise convolution functions _noinline / _XlaMustCompile, which
    # Grappler respects: those marks are dropped.
    for function in graph_def.library.function:
        for mark in ("_noinline", "_XlaMustCompile"):
            if mark in function.attr:
                del function.attr[mark]
    for node in graph_def.node:
        if "_XlaMustCompile" in node.attr:
            del node.attr["_XlaMustCompile"]
    onnx_model, _ = tf2onnx.convert.from_graph_def(graph_def, input_names=["x:0"], output_names=[output + ":0"],
                                                   opset=17)
    del graph_def
    session = onnxruntime.InferenceSession(onnx_model.SerializeToString(), providers=["CPUExecutionProvider"])
    value = session.run(None, {session.get_inputs()[0].name: np.load(directory / "x.npy")})[0]
    np.save(directory / "ort.npy", value)


def run_single_thread(name: str, output: str) -> None:
    """Child mode: runs the frozen model.pb of `name` in a fresh TF session on one thread (no eager op has run in
    this process) and writes tf_1thread.npy."""
    import numpy as np
    import tensorflow as tf

    directory = OUT / name
    graph_def = tf.compat.v1.GraphDef()
    graph_def.ParseFromString((directory / "model.pb").read_bytes())
    graph = tf.Graph()
    with graph.as_default():
        tf.import_graph_def(graph_def, name="")
    config = tf.compat.v1.ConfigProto(intra_op_parallelism_threads=1, inter_op_parallelism_threads=1)
    with tf.compat.v1.Session(graph=graph, config=config) as session:
        value = session.run(output + ":0", {"x:0": np.load(directory / "x.npy")})
    np.save(directory / "tf_1thread.npy", value)


def resident_bytes(pid: int) -> int:
    """The resident set size of process `pid` (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def child(args, *arguments: str) -> subprocess.CompletedProcess:
    """Runs this script in a child mode, killed when its resident memory passes --memory-gb (a cap on resident
    memory, not on address space: TensorFlow and onnxruntime reserve far more address space than they touch, and
    an address-space cap makes their allocations fail early). Raises subprocess.TimeoutExpired."""
    import tempfile

    command = [sys.executable, __file__, *arguments]
    cap = int(args.memory_gb * (1 << 30))
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, text=True)
        start, peak, killed = time.time(), 0, False
        while process.poll() is None:
            peak = max(peak, resident_bytes(process.pid))
            if cap > 0 and peak > cap:
                process.kill()
                killed = True
            elif time.time() - start > args.build_timeout:
                process.kill()
                process.wait()
                raise subprocess.TimeoutExpired(command, args.build_timeout)
            time.sleep(0.2)
        out.seek(0)
        err.seek(0)
        stderr = err.read()
        if killed:
            stderr += f"\nkilled: resident memory passed {args.memory_gb:g} GB"
        return subprocess.CompletedProcess(command, process.returncode, out.read(), stderr)


def second_opinion(args, mode: str, name: str, output: str, file: str):
    """Runs a child mode writing `file` and returns its error against tf.npy, or None (and why) when it failed."""
    import numpy as np

    directory = OUT / name
    if not (args.reuse and (directory / file).exists()):
        try:
            run = child(args, mode, name, "--output-node", output)
        except subprocess.TimeoutExpired:
            return None, f"{mode} timed out"
        if run.returncode != 0:
            tail = [line for line in run.stderr.splitlines() if line.strip()]
            return None, f"{mode} failed: " + (tail[-1] if tail else f"exit {run.returncode}")
    return relative_error(np.load(directory / file), np.load(directory / "tf.npy")), ""


def sweep_one(name: str, args) -> tuple[str, str, str, str, str]:
    """Returns (size, status, error, onnxruntime's error, TensorFlow's own 1-vs-default-thread spread) for one
    constructor."""
    import numpy as np

    start = time.time()
    directory = OUT / name
    if args.reuse and (directory / "info.json").exists():
        info = json.loads((directory / "info.json").read_text())
    else:
        try:
            built = child(args, "--build", name)
        except subprocess.TimeoutExpired:
            return "?", f"skipped: TF build/freeze exceeded {args.build_timeout} s", "", "", ""
        lines = [line for line in built.stdout.splitlines() if line.startswith("RESULT ")]
        if built.returncode != 0 or not lines:
            tail = [line for line in built.stderr.splitlines() if line.strip()]
            return "?", "build error: " + (tail[-1] if tail else f"exit {built.returncode}"), "", "", ""
        info = json.loads(lines[-1][len("RESULT "):])
        (directory / "info.json").write_text(json.dumps(info))
    size = str(info["size"])
    onnx, onnx_note = (None, "not run") if args.no_onnx else second_opinion(args, "--onnx", name, info["output"], "ort.npy")
    spread = None
    if not args.no_spread:
        spread, _ = second_opinion(args, "--single-thread", name, info["output"], "tf_1thread.npy")
    onnx_text = f"{onnx:.2e}" if onnx is not None else onnx_note
    spread_text = "" if spread is None else f"{spread:.2e}"
    save = directory / "ours"
    save.mkdir(exist_ok=True)
    for old in save.glob("*.npy"):
        old.unlink()
    # landmark reserves little more address space than it uses, so an address-space cap works for it.
    limit = ["prlimit", f"--as={int(args.memory_gb * (1 << 30))}"] if args.memory_gb > 0 else []
    command = limit + [str(args.landmark), "run", str(directory / "model.pb"), "--input", f"x={directory / 'x.npy'}",
               "--output", info["output"], "--save-dir", str(save)]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=args.run_timeout)
    except subprocess.TimeoutExpired:
        return size, f"timeout: landmark run exceeded {args.run_timeout} s", "", onnx_text, spread_text
    if run.returncode != 0:
        message = next((line for line in run.stderr.splitlines() if line.strip()), f"exit {run.returncode}")
        message = message.removeprefix("error: ").replace(str(directory / "model.pb") + ": ", "")
        if re.search(r"unsupported|not supported|unknown op", message, re.IGNORECASE):
            return size, "unsupported ops: " + message, "", onnx_text, spread_text
        return size, "error: " + message, "", onnx_text, spread_text
    outputs = sorted(save.glob("*.npy"))
    if len(outputs) != 1:
        return size, f"error: expected one output .npy, found {len(outputs)}", "", onnx_text, spread_text
    ours = np.load(outputs[0])
    reference = np.load(directory / "tf.npy")
    if ours.shape != reference.shape:
        return size, f"mismatch: shape {ours.shape} vs TF {reference.shape}", "", onnx_text, spread_text
    error = relative_error(ours, reference)
    if error <= TOLERANCE:
        status = "ok"
    elif onnx is None:
        status = "unjudged (no onnxruntime figure)"
    elif onnx > TOLERANCE and error <= 2 * onnx:
        status = "ok (within 2x onnxruntime's error)"
    else:
        status = "mismatch"
    return size, f"{status} ({time.time() - start:.0f} s total)", f"{error:.2e}", onnx_text, spread_text


def relative_error(ours, reference) -> float:
    """max|ours - reference| / max|reference|, in float64."""
    import numpy as np

    ours, reference = np.asarray(ours, np.float64), np.asarray(reference, np.float64)
    scale = max(float(np.abs(reference).max()), 1e-30)
    return float(np.abs(ours - reference).max()) / scale


def compare_nodes(name: str, ops: str, landmark: Path) -> None:
    """Prints, for every node of `name`'s saved model.pb whose op is in `ops` (comma-separated), the error of
    `landmark run` against a TensorFlow session (default threads) on x.npy: max|ours - TF| / max|TF| per node, in
    graph order. Asking for a node's output keeps it from being fused away, so the numbers are of the unfused
    graph at those nodes."""
    import tempfile

    import numpy as np
    import tensorflow as tf

    directory = OUT / name
    graph_def = tf.compat.v1.GraphDef()
    graph_def.ParseFromString((directory / "model.pb").read_bytes())
    wanted = set(ops.split(","))
    nodes = [n.name for n in graph_def.node if n.op in wanted]
    kinds = {n.name: n.op for n in graph_def.node}
    graph = tf.Graph()
    with graph.as_default():
        tf.import_graph_def(graph_def, name="")
    with tf.compat.v1.Session(graph=graph) as session:
        values = session.run([n + ":0" for n in nodes], {"x:0": np.load(directory / "x.npy")})
    with tempfile.TemporaryDirectory() as save:
        command = [str(landmark), "run", str(directory / "model.pb"), "--input", f"x={directory / 'x.npy'}",
                   "--save-dir", save]
        for node in nodes:
            command += ["--output", node]
        subprocess.run(command, check=True, capture_output=True)
        for node, value in zip(nodes, values):
            ours = np.load(Path(save) / (node.replace("/", "_").replace(":", "_") + ".npy"))
            print(f"{relative_error(ours, value):.2e}  max|TF| {np.abs(value).max():.2e}  {kinds[node]:18s} {node}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", help=argparse.SUPPRESS)
    parser.add_argument("--single-thread", help=argparse.SUPPRESS)
    parser.add_argument("--onnx", help=argparse.SUPPRESS)
    parser.add_argument("--output-node", help=argparse.SUPPRESS)
    parser.add_argument("--only", default="", help="comma-separated constructor names to run (default: all)")
    parser.add_argument("--skip", default="", help="comma-separated constructor names to leave out")
    parser.add_argument("--build-timeout", type=float, default=300, help="seconds to build+freeze one model")
    parser.add_argument("--run-timeout", type=float, default=120, help="seconds for one `landmark run`")
    parser.add_argument("--landmark", type=Path, default=Path(os.environ.get("LANDMARK", DEFAULT_LANDMARK)))
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table row per model")
    parser.add_argument("--no-onnx", action="store_true", help="skip the tf2onnx + onnxruntime column")
    parser.add_argument("--no-spread", action="store_true", help="skip TensorFlow's one-thread column")
    parser.add_argument("--reuse", action="store_true",
                        help="reuse model.pb, tf.npy, ort.npy and tf_1thread.npy of an earlier run when present")
    parser.add_argument("--compare-nodes", metavar="NAME",
                        help="per-node error of a saved model against TensorFlow (see --node-ops), then exit")
    parser.add_argument("--node-ops", default="AddV2", help="ops whose nodes --compare-nodes reports")
    parser.add_argument("--stream-all", action="store_true",
                        help="freeze every model with stream_freeze (to check it against TensorFlow's freezer)")
    parser.add_argument("--memory-gb", type=float, default=10, help="resident-memory cap of each child in GB (0: none)")
    args = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    if args.stream_all:
        os.environ["KERAS_SWEEP_STREAM_ALL"] = "1"
    if args.build:
        build_one(args.build)
        return
    if args.single_thread:
        run_single_thread(args.single_thread, args.output_node)
        return
    if args.onnx:
        run_onnx(args.onnx, args.output_node)
        return
    if args.compare_nodes:
        compare_nodes(args.compare_nodes, args.node_ops, args.landmark)
        return
    names = constructors()
    only = {n for n in args.only.split(",") if n}
    skip = {n for n in args.skip.split(",") if n}
    names = [n for n in names if (not only or n in only) and n not in skip]
    for name in names:
        size, status, error, onnx, spread = sweep_one(name, args)
        if args.markdown:
            print(f"| {name} | {size} | {status} | {error} | {onnx} | {spread} |", flush=True)
        else:
            print(f"{name:20s} {size:>4s}  {status}  {error}  {onnx}  {spread}", flush=True)


if __name__ == "__main__":
    main()
