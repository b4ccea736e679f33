#!/usr/bin/env python3
"""Timing worker for compare_peers.py: loads one model in one engine (TensorFlow, onnxruntime or TFLite), then serves
timing requests on stdin so the driver can interleave engines round by round with every model kept warm.

    python scripts/peers/py_worker.py --engine tf|ort|tflite --model FILE --input NAME=FILE.npy --output NAME --threads N

Protocol (one line each way): after loading and one warm-up inference the worker prints
`{"ready": true, "load_ms": ..., "first_ms": ...}`. Then, for each line read:
  `time N`     -> runs N inferences back to back, prints `{"times_ms": [...]}` (wall time of each `run` call)
  `save PATH`  -> writes the output of one inference to PATH (.npy), prints `{"saved": PATH}`
  `quit` / EOF -> exits.
Errors print `{"error": "..."}` and exit 1. Everything else the engines log goes to stderr.

Each engine lives in its own process so that thread-pool settings (TensorFlow's process-wide pools in
particular) cannot leak from one configuration into another.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time


def reply(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def tensor_name(name: str) -> str:
    return name if ":" in name else name + ":0"


def load_tf(model: str, input_name: str, output: str, threads: int):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")
    import tensorflow as tf  # noqa: PLC0415

    graph_def = tf.compat.v1.GraphDef()
    with open(model, "rb") as handle:
        graph_def.ParseFromString(handle.read())
    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.import_graph_def(graph_def, name="")
    config = tf.compat.v1.ConfigProto(
        intra_op_parallelism_threads=threads, inter_op_parallelism_threads=1,
        device_count={"GPU": 0})
    session = tf.compat.v1.Session(graph=graph, config=config)
    fetch = graph.get_tensor_by_name(tensor_name(output))
    feed_tensor = graph.get_tensor_by_name(tensor_name(input_name))

    def run(value):
        return session.run(fetch, feed_dict={feed_tensor: value})

    return run


def load_ort(model: str, input_name: str, output: str, threads: int):
    import onnxruntime as ort  # noqa: PLC0415

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(model, sess_options=options, providers=["CPUExecutionProvider"])
    # tf2onnx keeps TensorFlow's tensor names (`name:0`); accept either spelling.
    inputs = {i.name for i in session.get_inputs()}
    feed_name = tensor_name(input_name) if tensor_name(input_name) in inputs else input_name
    outputs = {o.name for o in session.get_outputs()}
    fetch = tensor_name(output) if tensor_name(output) in outputs else output

    def run(value):
        return session.run([fetch], {feed_name: value})[0]

    return run


def load_tflite(model: str, input_name: str, output: str, threads: int):
    """TFLite's default interpreter with `num_threads`: XNNPACK is its default delegate for float graphs."""
    import numpy as np  # noqa: PLC0415
    import tensorflow as tf  # noqa: PLC0415

    interpreter = tf.lite.Interpreter(model_path=model, num_threads=threads)
    interpreter.allocate_tensors()
    inputs = interpreter.get_input_details()
    outputs = interpreter.get_output_details()
    feed = next((i for i in inputs if i["name"].split(":")[0] == input_name), inputs[0])
    fetch = next((o for o in outputs if o["name"].split(":")[0] == output.split(":")[0]), outputs[0])
    resized = [False]

    def run(value):
        value = np.asarray(value, dtype=feed["dtype"])
        if not resized[0] and tuple(feed["shape"]) != value.shape:
            interpreter.resize_tensor_input(feed["index"], value.shape)
            interpreter.allocate_tensors()
        resized[0] = True
        interpreter.set_tensor(feed["index"], value)
        interpreter.invoke()
        return interpreter.get_tensor(fetch["index"])

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engine", choices=["tf", "ort", "tflite"], required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--input", required=True, help="NAME=FILE.npy")
    parser.add_argument("--output", required=True)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=3, help="untimed inferences after loading")
    args = parser.parse_args()

    try:
        import numpy as np  # noqa: PLC0415

        input_name, _, input_path = args.input.partition("=")
        value = np.load(input_path)
        start = time.perf_counter()
        loader = {"tf": load_tf, "ort": load_ort, "tflite": load_tflite}[args.engine]
        run = loader(args.model, input_name, args.output, args.threads)
        loaded = time.perf_counter()
        run(value)
        first = time.perf_counter()
        for _ in range(max(args.warmup - 1, 0)):
            run(value)
    except Exception as error:  # noqa: BLE001 - reported to the driver, which decides what to skip
        reply({"error": f"{type(error).__name__}: {error}"})
        return 1
    reply({"ready": True, "load_ms": (loaded - start) * 1e3, "first_ms": (first - loaded) * 1e3})

    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        try:
            if command == "time":
                times = []
                for _ in range(int(argument)):
                    t0 = time.perf_counter()
                    run(value)
                    times.append((time.perf_counter() - t0) * 1e3)
                reply({"times_ms": times})
            elif command == "save":
                np.save(argument, np.asarray(run(value)))
                reply({"saved": argument})
            elif command == "quit":
                break
            else:
                reply({"error": f"unknown command {command!r}"})
        except Exception as error:  # noqa: BLE001
            reply({"error": f"{type(error).__name__}: {error}"})
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
