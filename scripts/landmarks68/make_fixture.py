"""Write Tests/Fixtures/landmarks68: the bundled 68-point graph's input and TensorFlow's output on it, and a
square crop of a committed photo as SquareCrop must sample it.

    .venv/bin/python scripts/landmarks68/make_fixture.py

- `crop_square.json` + `crop.npy`: the square (x, y, side) of `grace_hopper.png` and its 112x112 RGB crop,
  area-averaged with black outside the image (float64, rounded to uint8);
- `input.npy`: uint8 [3, 112, 112, 3]: that crop, an upscaled small crop and random pixels;
- `expected.npy`: float32 [3, 136]: TensorFlow running `Sources/FacePipeline/Resources/landmarks68/pfld68.pb`.
"""

import json
import os
import sys

import numpy as np
import tensorflow as tf
from PIL import Image

sys.path.insert(0, os.path.dirname(__file__))
from evaluate_crops import area_crop, bilinear_crop  # noqa: E402

OUT = "Tests/Fixtures/landmarks68"
GRAPH = "Sources/FacePipeline/Resources/landmarks68/pfld68.pb"


def main():
    os.makedirs(OUT, exist_ok=True)
    photo = np.asarray(Image.open("Tests/Fixtures/mtcnn/photos/grace_hopper.png").convert("RGB")).astype(np.float64)
    x, y, side = -20.5, 30.25, 300.0  # its left edge lies outside the image
    crop = np.clip(np.round(area_crop(photo, x + side / 2, y + side / 2, side, 112)), 0, 255).astype(np.uint8)
    small = np.clip(np.round(bilinear_crop(photo, 250.0, 200.0, 80.0, 112)), 0, 255).astype(np.uint8)
    rng = np.random.default_rng(68)
    noise = rng.integers(0, 256, (112, 112, 3), dtype=np.uint8)
    batch = np.stack([crop, small, noise])
    graph_def = tf.compat.v1.GraphDef()
    graph_def.ParseFromString(open(GRAPH, "rb").read())
    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.import_graph_def(graph_def, name="")
    with tf.compat.v1.Session(graph=graph) as session:
        expected = session.run("logits/BiasAdd:0", {"input_image_tensor:0": batch})
    np.save(f"{OUT}/crop.npy", crop)
    np.save(f"{OUT}/small_crop.npy", small)
    np.save(f"{OUT}/input.npy", batch)
    np.save(f"{OUT}/expected.npy", expected.astype(np.float32))
    with open(f"{OUT}/crop_square.json", "w") as f:
        json.dump({"photo": "mtcnn/photos/grace_hopper.png", "square": [x, y, side],
                   "small_square": [250.0 - 40.0, 200.0 - 40.0, 80.0]}, f)
        f.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
