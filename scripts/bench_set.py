#!/usr/bin/env python3
"""The benchmark set: landmark against onnxruntime and TFLite (XNNPACK) on a set of CNNs, one interleaved run.

    /work/main/.venv/bin/python scripts/bench_set.py [--models a,b,...] [--threads 1,2] [--rounds 5]
        [--iterations 10] [--load] [--landmark PATH] [--out FILE.md] [--json FILE.json]

Preparation (TensorFlow in the running Python; cached in out/bench-set/<model>/, rebuilt when missing):
  graph.pb      a frozen GraphDef. tf_keras.applications models get random weights (seeded) at 128x128
                (`--size`) and end at the logits (no softmax); the bundled networks (face mesh, MTCNN P-Net on a 640x480 image, R-Net, O-Net, the
                68-point PFLD net) and the seed graph are used as they are (copied).
  graph.onnx    tf2onnx conversion (opset 17).
  graph.tflite  tf.compat.v1.lite.TFLiteConverter.from_frozen_graph, float, no optimisations.
  input.npy     a random input (uint8 for uint8 placeholders); tf.npy: TensorFlow's output on it.

Timing: for each model, every (engine, threads) pair is a warm worker (onnxruntime and TFLite through
scripts/peers/py_worker.py; landmark through Benchmarks' landmark-timer, built first, which keeps the model loaded
in the same way; `--no-timer`, or a failed build, times landmark with `landmark bench --json`, one process per
round, see compare_peers.BenchRunner),
visited round robin in shuffled order (compare_peers.run_rounds); each round keeps the median of `--iterations`
back-to-back inferences (more for fast models, so that a request lasts `--min-request-ms`, see calibrate()) and
the table shows the median of the round medians. Thread counts are the same for all
engines (onnxruntime intra_op_num_threads, TFLite num_threads, landmark --threads).

Checks: landmark's and onnxruntime's outputs against TensorFlow's (max relative error, |ref| floored at 1e-3).
A model passes when landmark's error is <= 1e-5 or <= 2x onnxruntime's (deep random graphs amplify rounding).

`--load` starts one competing CPU-bound process (`yes > /dev/null`) for the whole timed run.
The table: ms per engine, ours/best (landmark over the faster peer), and the geometric mean of ours/best.
"""

from __future__ import annotations

import os as _os

# TensorFlow's oneDNN kernels abort on some graphs on CPUs with AVX-512 (PFLD's uint8 input on a Zen 5:
# "Invalid index from the dimension"); the reference outputs are made with TensorFlow's own kernels.
_os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import argparse
import datetime
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import time
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare_peers as peers  # noqa: E402  (Worker, BenchRunner, run_rounds, compare_arrays, cpu_model)

REPO = peers.REPO
OUT = REPO / "out" / "bench-set"
RESOURCES = REPO / "Sources" / "FacePipeline" / "Resources"

# name -> tf_keras.applications constructor (random weights, built at --size)
KERAS_MODELS = {
    "mobilenet_v1": "MobileNet",
    "mobilenet_v2": "MobileNetV2",
    "mobilenet_v3_small": "MobileNetV3Small",
    "mobilenet_v3_large": "MobileNetV3Large",
    "resnet50": "ResNet50",
    "resnet50_v2": "ResNet50V2",
    "inception_v3": "InceptionV3",
    "efficientnet_b0": "EfficientNetB0",
    "densenet121": "DenseNet121",
}
# name -> (graph, input name, input shape as fed, dtype, output)
BUNDLED_MODELS = {
    "face_mesh": (RESOURCES / "mesh/face_landmark.pb", "input", (1, 192, 192, 3), "float32", "landmarks"),
    "pnet_640x480": (RESOURCES / "mtcnn/pnet.pb", "input", (1, 480, 640, 3), "float32", "face_probability"),
    "rnet": (RESOURCES / "mtcnn/rnet.pb", "input", (1, 24, 24, 3), "float32", "face_probability"),
    "onet": (RESOURCES / "mtcnn/onet.pb", "input", (1, 48, 48, 3), "float32", "landmarks"),
    "pfld68": (RESOURCES / "landmarks68/pfld68.pb", "input_image_tensor", (1, 112, 112, 3), "uint8",
               "logits/BiasAdd"),
    "seed": (REPO / "Tests/Fixtures/seed_tf1/graph.pb", "input_image_tensor", (128, 128, 3), "uint8",
             "logits/BiasAdd"),
}
ALL_MODELS = list(KERAS_MODELS) + list(BUNDLED_MODELS)
ENGINES = ("landmark", "onnxruntime", "tflite")


# --------------------------------------------------------------------------------------------------------------
# Preparation


def freeze_keras(name: str, size: int, directory: Path) -> dict:
    import numpy as np  # noqa: PLC0415
    import tensorflow as tf  # noqa: PLC0415
    import tf_keras  # noqa: PLC0415
    from tensorflow.python.framework.convert_to_constants import (  # noqa: PLC0415
        convert_variables_to_constants_v2)

    tf.random.set_seed(0)
    np.random.seed(0)
    # Logits (no softmax): random weights give near-uniform probabilities that would hide any error.
    model = getattr(tf_keras.applications, KERAS_MODELS[name])(weights=None, input_shape=(size, size, 3),
                                                              classifier_activation=None)
    function = tf.function(lambda x: model(x, training=False))
    concrete = function.get_concrete_function(tf.TensorSpec([1, size, size, 3], tf.float32, name="input"))
    frozen = convert_variables_to_constants_v2(concrete)
    graph_def = frozen.graph.as_graph_def()
    (directory / "graph.pb").write_bytes(graph_def.SerializeToString())
    output = frozen.outputs[0].name.split(":")[0]
    return {"input": "input", "shape": [1, size, size, 3], "dtype": "float32", "output": output}


def tf_run(graph_path: Path, input_name: str, output: str, value):
    import tensorflow as tf  # noqa: PLC0415

    graph_def = tf.compat.v1.GraphDef()
    graph_def.ParseFromString(graph_path.read_bytes())
    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.import_graph_def(graph_def, name="")
    with tf.compat.v1.Session(graph=graph) as session:
        return session.run(graph.get_tensor_by_name(output + ":0"), {graph.get_tensor_by_name(input_name + ":0"): value})


def prepare(name: str, size: int) -> dict:
    """Writes (or reuses) the model's files in out/bench-set/<name>/ and returns its meta.json."""
    import numpy as np  # noqa: PLC0415

    directory = OUT / (name if name in BUNDLED_MODELS else f"{name}_{size}")
    meta_path = directory / "meta.json"
    if meta_path.is_file():
        return json.loads(meta_path.read_text())
    directory.mkdir(parents=True, exist_ok=True)
    if name in KERAS_MODELS:
        meta = freeze_keras(name, size, directory)
    else:
        graph, input_name, shape, dtype, output = BUNDLED_MODELS[name]
        shutil.copyfile(graph, directory / "graph.pb")
        meta = {"input": input_name, "shape": list(shape), "dtype": dtype, "output": output}
    rng = np.random.default_rng(0)
    if meta["dtype"] == "uint8":
        value = rng.integers(0, 256, size=meta["shape"], dtype=np.uint8)
    else:
        value = rng.uniform(0.0, 1.0, size=meta["shape"]).astype(np.float32)
    np.save(directory / "input.npy", value)
    np.save(directory / "tf.npy", tf_run(directory / "graph.pb", meta["input"], meta["output"], value))
    meta["notes"] = []
    # The peers need a fixed batch dimension where the seed graph feeds an image without one: both converters
    # take the graph as is and the fed shape.
    try:
        import tensorflow as tf  # noqa: PLC0415
        import tf2onnx  # noqa: PLC0415

        graph_def = tf.compat.v1.GraphDef()
        graph_def.ParseFromString((directory / "graph.pb").read_bytes())
        tf2onnx.convert.from_graph_def(graph_def, input_names=[meta["input"] + ":0"],
                                       output_names=[meta["output"] + ":0"], opset=17,
                                       output_path=str(directory / "graph.onnx"))
    except Exception as error:  # noqa: BLE001 - the model is then timed without onnxruntime
        meta["notes"].append(f"tf2onnx failed: {type(error).__name__}: {str(error)[:200]}")
    try:
        import tensorflow as tf  # noqa: PLC0415

        converter = tf.compat.v1.lite.TFLiteConverter.from_frozen_graph(
            str(directory / "graph.pb"), [meta["input"]], [meta["output"]],
            input_shapes={meta["input"]: meta["shape"]})
        (directory / "graph.tflite").write_bytes(converter.convert())
    except Exception as error:  # noqa: BLE001 - the model is then timed without TFLite
        meta["notes"].append(f"TFLite conversion failed: {type(error).__name__}: {str(error)[:200]}")
    meta["directory"] = str(directory)
    meta_path.write_text(json.dumps(meta, indent=1))
    return meta


# --------------------------------------------------------------------------------------------------------------
# Timing


def start(engine: str, threads: int, meta: dict, args, log_dir: Path):
    directory = Path(meta["directory"])
    feed = str(directory / "input.npy")
    log = log_dir / f"{Path(meta['directory']).name}_{engine}_t{threads}.log"
    if engine == "landmark":
        if args.timer:
            command = [str(args.timer), str(directory / "graph.pb"), "--input", f"{meta['input']}={feed}",
                       "--output", meta["output"], "--threads", str(threads), "--warmup", "3"]
            return peers.Worker(command, log)
        return peers.BenchRunner(args.landmark, str(directory / "graph.pb"), meta["input"], feed, meta["output"],
                                 threads, log)
    model = directory / ("graph.onnx" if engine == "onnxruntime" else "graph.tflite")
    if not model.is_file():
        raise peers.WorkerError(f"no {model.name}")
    command = [sys.executable, str(peers.PEERS / "py_worker.py"), "--engine",
               "ort" if engine == "onnxruntime" else "tflite", "--model", str(model), "--input",
               f"{meta['input']}={feed}", "--output", meta["output"], "--threads", str(threads), "--warmup", "3"]
    return peers.Worker(command, log, env=peers.worker_env())


def check(meta: dict, configs: list, work: Path) -> dict:
    import numpy as np  # noqa: PLC0415

    reference = np.load(Path(meta["directory"]) / "tf.npy")
    errors = {}
    for config in configs:
        if config.worker is None or config.threads != configs[0].threads or config.engine == "tflite":
            continue
        path = work / f"{Path(meta['directory']).name}_{config.engine}.npy"
        try:
            config.worker.save(path)
            compared = peers.compare_arrays(np.load(path), reference)
            # Relative to each element (|ref| floored at 1e-3), and never below the error relative to the largest
            # output: random-weight networks can end with outputs far below the floor.
            errors[config.engine] = max(compared["max_rel"], compared["max_abs"] / max(compared["ref_max"], 1e-30))
        except (peers.WorkerError, OSError, ValueError) as error:
            errors[config.engine] = f"{error}"[:120]
    ours, ort = errors.get("landmark"), errors.get("onnxruntime")
    if isinstance(ours, float):
        passed = ours <= 1e-5 or (isinstance(ort, float) and ours <= 2 * ort)
    else:
        passed = False
    return {"landmark": ours, "onnxruntime": ort, "passed": passed}


def calibrate(configs: list, args) -> int:
    """The iterations per request for one model: `--iterations`, or more so that a request of the fastest engine
    lasts at least `--min-request-ms`. After each pause between requests every engine runs its first few
    milliseconds two to three times slower on this machine (per iteration, O-Net at 1 ms, 0.73, 0.54, ... then
    0.39 from the sixth on, onnxruntime's and TFLite's likewise); ten iterations of a 0.1 ms model lie wholly inside
    that ramp and measure it rather than the engine. The same count goes to every engine and thread count of the
    model; one untimed request of each (after its own pause) gives the time."""
    if args.min_request_ms <= 0:
        return args.iterations
    fastest = None
    for config in configs:
        if config.worker is None or config.failure is not None:
            continue
        time.sleep(args.gap)
        try:
            times = config.worker.time(args.iterations)
        except (peers.WorkerError, OSError, ValueError, KeyError):
            continue
        # The request's last iterations are past the ramp.
        tail = statistics.median(times[len(times) // 2:])
        fastest = tail if fastest is None else min(fastest, tail)
    iterations = args.iterations
    if fastest and fastest > 0:
        iterations = max(iterations, math.ceil(args.min_request_ms / fastest))
    for config in configs:
        config.iterations = iterations
    return iterations


def time_model(name: str, meta: dict, args, work: Path) -> dict:
    configs = []
    for threads in args.threads:
        for engine in ENGINES:
            config = peers.Config(engine, threads, 1, meta["directory"], "", args.iterations)
            try:
                config.worker = start(engine, threads, meta, args, work)
            except (peers.WorkerError, OSError) as error:
                config.failure = f"start failed: {error}"[:200]
            configs.append(config)
    result = {"model": name, "errors": check(meta, configs, work), "ms": {}, "notes": meta.get("notes", [])}
    result["iterations"] = calibrate(configs, args)
    peers.run_rounds(configs, args.rounds, args.gap, args.seed, name)
    for config in configs:
        if config.worker is not None:
            config.worker.close()
        result["ms"].setdefault(str(config.threads), {})[config.engine] = (
            peers.median_or_none(config.round_medians) if config.failure is None else None)
        if config.failure:
            result["notes"].append(f"{config.engine} t{config.threads}: {config.failure}")
    return result


# --------------------------------------------------------------------------------------------------------------
# Report


def table(results: list[dict], threads: int) -> list[str]:
    lines = [f"| model | ours ms | ORT ms | TFLite ms | ours/best | max rel err ours (ORT) | iterations |",
             "|---|---:|---:|---:|---:|---|---:|"]
    ratios = []
    for result in results:
        ms = result["ms"].get(str(threads), {})
        ours = ms.get("landmark")
        peer_times = [v for k, v in ms.items() if k != "landmark" and v]
        best = min(peer_times) if peer_times else None
        ratio = ours / best if ours and best else None
        if ratio:
            ratios.append(ratio)
        errors = result["errors"]
        error_text = "n/a"
        if isinstance(errors.get("landmark"), float):
            ort = errors.get("onnxruntime")
            ort_text = f"{ort:.1e}" if isinstance(ort, float) else "n/a"
            error_text = f"{errors['landmark']:.1e} ({ort_text})" + ("" if errors["passed"] else " FAIL")
        lines.append(f"| {result['model']} | {peers.fmt(ours)} | {peers.fmt(ms.get('onnxruntime'))} | "
                     f"{peers.fmt(ms.get('tflite'))} | {peers.fmt(ratio)} | {error_text} | "
                     f"{result.get('iterations', '')} |")
    geomean = math.exp(sum(math.log(r) for r in ratios) / len(ratios)) if ratios else None
    lines.append(f"| **geometric mean** | | | | **{peers.fmt(geomean)}** | | |")
    return lines


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", default=",".join(ALL_MODELS), help=f"comma-separated subset of {ALL_MODELS}")
    parser.add_argument("--size", type=int, default=128, help="image size of the tf_keras.applications models")
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--gap", type=float, default=0.05, help="seconds of idle between two timed requests")
    parser.add_argument("--min-request-ms", type=float, default=20,
                        help="more iterations per request for fast models, so that a request lasts at least this "
                             "long (0: always --iterations); see calibrate()")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--load", action="store_true", help="run one competing `yes > /dev/null` meanwhile")
    parser.add_argument("--landmark", default=str(REPO / ".build/release/landmark"))
    parser.add_argument("--timer", help="Benchmarks' landmark-timer to time landmark with (default: build it)")
    parser.add_argument("--no-timer", action="store_true",
                        help="time landmark with `landmark bench --json`, one process per round")
    parser.add_argument("--prepare-only", action="store_true")
    parser.add_argument("--out", help="also write the report (Markdown) here")
    parser.add_argument("--json", help="also write the raw results here")
    args = parser.parse_args()
    args.models = [m for m in args.models.split(",") if m]
    unknown = [m for m in args.models if m not in ALL_MODELS]
    if unknown:
        parser.error(f"unknown models {unknown}; known: {ALL_MODELS}")
    args.threads = [int(t) for t in args.threads.split(",")]
    return args


def main() -> int:
    args = parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")
    metas = {}
    for name in args.models:
        print(f"preparing {name}", file=sys.stderr, flush=True)
        metas[name] = prepare(name, args.size)
    if args.prepare_only:
        return 0
    if not os.access(args.landmark, os.X_OK):
        print(f"error: no landmark executable at {args.landmark} (swift build -c release --product landmark)",
              file=sys.stderr)
        return 1
    timer_notes: list[str] = []
    if args.no_timer:
        args.timer = None
        timer_notes.append("landmark timed with `landmark bench --json`, one process per round (--no-timer)")
    else:
        args.timer, timer_notes = peers.landmark_timer(args.timer)
    load = subprocess.Popen(["yes"], stdout=subprocess.DEVNULL) if args.load else None
    results = []
    started = datetime.datetime.now(datetime.timezone.utc)
    load_before = os.getloadavg()
    try:
        with tempfile.TemporaryDirectory() as work:
            for name in args.models:
                results.append(time_model(name, metas[name], args, Path(work)))
    finally:
        if load is not None:
            load.kill()
            load.wait()
    load_after = os.getloadavg()
    header = (f"{started:%Y-%m-%d %H:%M} UTC, {peers.cpu_model()}, {os.cpu_count()} cores, "
              f"load average {load_before[0]:.2f} before / {load_after[0]:.2f} after"
              f"{', with one competing `yes` process' if args.load else ''}; {args.rounds} rounds x "
              f"{args.iterations} iterations (at least {args.min_request_ms:g} ms a request), medians")
    report = [header, ""]
    for threads in args.threads:
        report += [f"{threads} thread{'s' if threads > 1 else ''}:", ""] + table(results, threads) + [""]
    notes = [f"- {n}" for n in timer_notes] + [f"- {r['model']}: {n}" for r in results for n in r["notes"]]
    report += notes
    print("\n".join(report))
    if args.out:
        Path(args.out).write_text("\n".join(report) + "\n")
    if args.json:
        Path(args.json).write_text(json.dumps({"header": header, "results": results}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
