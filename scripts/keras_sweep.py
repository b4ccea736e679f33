#!/usr/bin/env python3
"""Sweeps every model constructor in tf_keras.applications through `landmark run` and compares with TensorFlow.

For each constructor (found programmatically: every capitalised callable of tf_keras.applications) a child
process builds the model with weights=None at the smallest input size the constructor accepts, 10 classes and no
classifier activation (logits, so a softmax cannot hide errors), random batch-norm statistics, freezes it with
convert_variables_to_constants_v2 (as scripts/fixtures/cases_keras_applications.py does), and writes model.pb,
x.npy and TensorFlow's output tf.npy into out/keras-sweep/<name>/. A second child runs the frozen graph in a
TensorFlow session on one thread (tf_1thread.npy): how far TensorFlow moves from its own output when only the
summation order changes. Deep networks with random weights and batch-norm statistics amplify rounding through
their depth (ResNetRS200's activations grow to 1e6; TensorFlow on 1 and 2 threads then differs by 0.55 of its
largest logit), so an error is judged against that spread. The parent then runs
`landmark run model.pb --input x=x.npy --output <node> --save-dir <dir>/ours` with a timeout and prints one line
per model: name, input size, status (ok / unsupported ops / error / mismatch / timeout), the error
max|ours - TF| / max|TF|, and TensorFlow's own spread max|TF 1 thread - TF| / max|TF|. ok: error <= 1e-3, or
at most twice TensorFlow's spread (the issue's rule for deep random graphs, with TensorFlow's own thread
count as the second implementation).

    scripts/keras_sweep.py [--only A,B] [--skip A,B] [--build-timeout 300] [--run-timeout 120] [--markdown]
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
TOLERANCE = 1e-3

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
    frozen = convert_variables_to_constants_v2(concrete)
    output = frozen.outputs[0].name.split(":")[0]
    directory = OUT / name
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "model.pb").write_bytes(frozen.graph.as_graph_def().SerializeToString())
    image = rng.uniform(0.0, 255.0, [1, size, size, 3]).astype(np.float32)
    np.save(directory / "x.npy", image)
    reference = frozen(tf.constant(image))
    reference = reference[0] if isinstance(reference, (list, tuple)) else reference
    np.save(directory / "tf.npy", reference.numpy())
    print("RESULT " + json.dumps({"size": size, "output": output, "params": model.count_params()}))


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


def sweep_one(name: str, args) -> tuple[str, str, str, str]:
    """Returns (size, status, error, TensorFlow's own 1-vs-default-thread spread) for one constructor."""
    import numpy as np

    start = time.time()
    try:
        child = subprocess.run([sys.executable, __file__, "--build", name], capture_output=True, text=True,
                               timeout=args.build_timeout)
    except subprocess.TimeoutExpired:
        return "?", f"skipped: TF build/freeze exceeded {args.build_timeout} s", "", ""
    lines = [line for line in child.stdout.splitlines() if line.startswith("RESULT ")]
    if child.returncode != 0 or not lines:
        tail = [line for line in child.stderr.splitlines() if line.strip()]
        return "?", "build error: " + (tail[-1] if tail else f"exit {child.returncode}"), "", ""
    info = json.loads(lines[-1][len("RESULT "):])
    size = str(info["size"])
    directory = OUT / name
    spread = None
    try:
        single = subprocess.run([sys.executable, __file__, "--single-thread", name, "--single-thread-output",
                                 info["output"]], capture_output=True, text=True, timeout=args.build_timeout)
        if single.returncode == 0:
            spread = relative_error(np.load(directory / "tf_1thread.npy"), np.load(directory / "tf.npy"))
    except subprocess.TimeoutExpired:
        pass
    spread_text = "" if spread is None else f"{spread:.2e}"
    save = directory / "ours"
    save.mkdir(exist_ok=True)
    for old in save.glob("*.npy"):
        old.unlink()
    command = [str(args.landmark), "run", str(directory / "model.pb"), "--input", f"x={directory / 'x.npy'}",
               "--output", info["output"], "--save-dir", str(save)]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=args.run_timeout)
    except subprocess.TimeoutExpired:
        return size, f"timeout: landmark run exceeded {args.run_timeout} s", "", spread_text
    if run.returncode != 0:
        message = next((line for line in run.stderr.splitlines() if line.strip()), f"exit {run.returncode}")
        message = message.removeprefix("error: ").replace(str(directory / "model.pb") + ": ", "")
        if re.search(r"unsupported|not supported|unknown op", message, re.IGNORECASE):
            return size, "unsupported ops: " + message, "", spread_text
        return size, "error: " + message, "", spread_text
    outputs = sorted(save.glob("*.npy"))
    if len(outputs) != 1:
        return size, f"error: expected one output .npy, found {len(outputs)}", "", spread_text
    ours = np.load(outputs[0])
    reference = np.load(directory / "tf.npy")
    if ours.shape != reference.shape:
        return size, f"mismatch: shape {ours.shape} vs TF {reference.shape}", "", spread_text
    error = relative_error(ours, reference)
    if error <= TOLERANCE:
        status = "ok"
    elif spread is not None and error <= 2 * spread:
        status = "ok (within TF's own spread)"
    else:
        status = "mismatch"
    return size, f"{status} ({time.time() - start:.0f} s total)", f"{error:.2e}", spread_text


def relative_error(ours, reference) -> float:
    """max|ours - reference| / max|reference|, in float64."""
    import numpy as np

    ours, reference = np.asarray(ours, np.float64), np.asarray(reference, np.float64)
    scale = max(float(np.abs(reference).max()), 1e-30)
    return float(np.abs(ours - reference).max()) / scale


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", help=argparse.SUPPRESS)
    parser.add_argument("--single-thread", help=argparse.SUPPRESS)
    parser.add_argument("--single-thread-output", help=argparse.SUPPRESS)
    parser.add_argument("--only", default="", help="comma-separated constructor names to run (default: all)")
    parser.add_argument("--skip", default="", help="comma-separated constructor names to leave out")
    parser.add_argument("--build-timeout", type=float, default=300, help="seconds to build+freeze one model")
    parser.add_argument("--run-timeout", type=float, default=120, help="seconds for one `landmark run`")
    parser.add_argument("--landmark", type=Path, default=Path(os.environ.get("LANDMARK", DEFAULT_LANDMARK)))
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table row per model")
    args = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    if args.build:
        build_one(args.build)
        return
    if args.single_thread:
        run_single_thread(args.single_thread, args.single_thread_output)
        return
    names = constructors()
    only = {n for n in args.only.split(",") if n}
    skip = {n for n in args.skip.split(",") if n}
    names = [n for n in names if (not only or n in only) and n not in skip]
    for name in names:
        size, status, error, spread = sweep_one(name, args)
        if args.markdown:
            print(f"| {name} | {size} | {status} | {error} | {spread} |", flush=True)
        else:
            print(f"{name:20s} {size:>4s}  {status}  {error}  {spread}", flush=True)


if __name__ == "__main__":
    main()
