"""Write Tests/Fixtures/landmarks68: the bundled 68-point graph's input and TensorFlow's output on it, and a
square crop of a committed photo as SquareCrop must sample it.

    .venv/bin/python scripts/landmarks68/make_fixture.py

- `crop_square.json` + `crop.npy`: the square (x, y, side) of `grace_hopper.png` and its 112x112 RGB crop,
  area-averaged with black outside the image (float64, rounded to uint8);
- `input.npy`: uint8 [3, 112, 112, 3]: that crop, an upscaled small crop and random pixels;
- `expected.npy`: float32 [3, 136]: TensorFlow running `Sources/FacePipeline/Resources/landmarks68/pfld68.pb`;
- `turned.json` + `turned_crop.npy`, `small_turned_crop.npy`, `large_turned_crop.npy`: three turned squares (centre,
  side, rotation; one partly outside the image, one smaller than the crop, one large enough for the two-step
  sampling) and their 112x112 crops as RotatedCrop samples them (search_crops.warp, rounded half up);
- in `turned.json` also a face mesh of the photo (from `Tests/Fixtures/mesh/reference.json`), the square
  `mesh_region` (search_crops.mesh_region) crops for it, and `mesh_points`: the 68 points the stage gives from that
  crop with mirror averaging (TensorFlow on the crop and its mirror image, averaged, mapped back to the photo).
"""

import json
import os
import sys

import numpy as np
import tensorflow as tf
from PIL import Image

sys.path.insert(0, os.path.dirname(__file__))
from evaluate_crops import area_crop, bilinear_crop  # noqa: E402
from search_crops import MIRROR, mesh_region, unwarp, warp  # noqa: E402

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

        def turned_crop(centre, side, angle):
            return np.clip(np.floor(warp(photo, centre, side, angle, 112) + 0.5), 0, 255).astype(np.uint8)

        turned = [(np.array([150.0, 140.0]), 320.0, 0.35), (np.array([210.5, 190.25]), 70.0, -0.6),
                  (np.array([200.0, 230.0]), 560.0, 2.8)]
        reference = json.load(open("Tests/Fixtures/mesh/reference.json"))
        mesh = next(p for p in reference["photos"] if p["image"].startswith("grace_hopper"))["faces"][0]["mesh"]
        mesh = np.round(np.array(mesh, dtype=np.float64), 3)
        region = mesh_region(mesh)
        face = turned_crop(*region)
        out = session.run("logits/BiasAdd:0", {"input_image_tensor:0": np.stack([face, face[:, ::-1]])})
        out = out.astype(np.float64).reshape(2, 68, 2)
        mirrored = out[1][MIRROR]
        mirrored[:, 0] = 1 - mirrored[:, 0]
        mesh_points = unwarp((out[0] + mirrored) / 2, *region)
    np.save(f"{OUT}/turned_crop.npy", turned_crop(*turned[0]))
    np.save(f"{OUT}/small_turned_crop.npy", turned_crop(*turned[1]))
    np.save(f"{OUT}/large_turned_crop.npy", turned_crop(*turned[2]))
    with open(f"{OUT}/turned.json", "w") as f:
        json.dump({"photo": "mtcnn/photos/grace_hopper.png",
                   "turned": [[c[0], c[1], s, a] for c, s, a in turned],
                   "mesh": mesh.tolist(),
                   "mesh_region": [region[0][0], region[0][1], region[1], region[2]],
                   "mesh_points": np.round(mesh_points, 4).tolist()}, f)
        f.write("\n")
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
