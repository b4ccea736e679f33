#!/usr/bin/env python3
"""Reference for the seed model's face pipeline, computed with TensorFlow.

For a few face boxes on a public-domain photo (scikit-image's astronaut), this follows the seed author's
pipeline: move the box down by 10% of its height, make it square around its centre, clamp to the image,
crop, resize to 128x128 with tf.image.resize (bilinear, half-pixel centres), round to uint8, run the frozen
seed graph (Tests/Fixtures/seed_tf1/graph.pb) and map the (x, y) outputs back to image pixels.
Writes Tests/Fixtures/seed_pipeline/reference.json. Run: .venv/bin/python scripts/seed_pipeline_reference.py
"""
import json
import math
import os

import numpy as np
import tensorflow as tf
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GRAPH = os.path.join(ROOT, "Tests/Fixtures/seed_tf1/graph.pb")
PHOTO = "Tests/Fixtures/mtcnn/photos/astronaut.png"
OUT = os.path.join(ROOT, "Tests/Fixtures/seed_pipeline/reference.json")

# (x, y, width, height): the astronaut's face as the Python mtcnn package finds it, a box that spills over the top-left corner,
# and a wide box near the right edge.
BOXES = [
    None,  # filled with the first face of Tests/Fixtures/mtcnn/reference.json for this photo
    [-30.0, -20.0, 90.0, 70.0],
    [330.0, 250.0, 120.0, 60.0],
]


def round_half_away(v):
    return math.floor(v + 0.5) if v >= 0 else -math.floor(-v + 0.5)


def crop_region(box, width, height):
    x, y, w, h = box
    shifted = y + h * 0.1
    cx, cy = x + w / 2, shifted + h / 2
    side = max(w, h)
    left = max(0, round_half_away(cx - side / 2))
    top = max(0, round_half_away(cy - side / 2))
    right = min(width, round_half_away(cx + side / 2))
    bottom = min(height, round_half_away(cy + side / 2))
    return left, top, right - left, bottom - top


def main():
    with open(os.path.join(ROOT, "Tests/Fixtures/mtcnn/reference.json")) as f:
        detections = json.load(f)
    photo = next(p for p in detections["photos"] if p["file"].endswith("astronaut.png"))
    BOXES[0] = [float(v) for v in photo["faces"][0]["box"]]
    image = np.asarray(Image.open(os.path.join(ROOT, PHOTO)).convert("RGB"))
    graph_def = tf.compat.v1.GraphDef()
    with open(GRAPH, "rb") as f:
        graph_def.ParseFromString(f.read())
    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.import_graph_def(graph_def, name="")
    inputs = []
    for box in BOXES:
        x, y, w, h = crop_region(box, image.shape[1], image.shape[0])
        crop = image[y:y + h, x:x + w, :].astype(np.float32)
        resized = tf.image.resize(crop, [128, 128], method="bilinear").numpy()  # eager
        inputs.append(((x, y, w, h), np.clip(np.floor(resized + 0.5), 0, 255).astype(np.uint8)))
    faces = []
    with tf.compat.v1.Session(graph=graph) as session:
        for box, ((x, y, w, h), pixels) in zip(BOXES, inputs):
            logits = session.run("logits/BiasAdd:0", {"input_image_tensor:0": pixels}).reshape(-1)
            points = [[x + float(logits[2 * k]) * w, y + float(logits[2 * k + 1]) * h] for k in range(len(logits) // 2)]
            faces.append({"box": box, "crop": [x, y, w, h], "points": points})
    with open(OUT, "w") as f:
        json.dump({"description": __doc__.strip().splitlines()[0], "photo": PHOTO, "graph": "Tests/Fixtures/seed_tf1/graph.pb",
                   "faces": faces}, f, indent=1)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
