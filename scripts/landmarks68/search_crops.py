"""Search the 68-point stage's crop on labelled photos: NME (mean point distance / outer-eye-corner distance) of the
PFLD network (onnxruntime on the authors' ONNX) for crop conventions built from what `landmark detect` gives for
each face (box, five points, 468-point mesh), with and without mirror averaging, rotation to level eyes and a
second pass cropped around the first pass's points.

    landmark detect OUT/*.png --json > faces.jsonl      (OUT from make_eval_set.py)
    .venv/bin/python scripts/landmarks68/search_crops.py faces.jsonl OUT --onnx pfld.onnx [--peppa slim_160_latest.onnx]

Every crop is an affine warp of a square (centre, side, angle) to the network's input, as RotatedCrop.swift samples
it: n x n bilinear samples per output pixel averaged, n = ceil(side / size) (about one per source pixel: area-like
antialiasing); over 4, in two steps (an area average to twice the crop's resolution, then 2 x 2). Black outside the
image. A detection is matched to the labelled face whose points' centre lies in its box.
"""

import argparse
import json
import os
import sys

import numpy as np
import onnxruntime as ort

ort.set_default_logger_severity(3)
from PIL import Image

sys.path.insert(0, os.path.dirname(__file__))
from evaluate_crops import area_crop  # noqa: E402
from make_eval_set import MIRROR  # noqa: E402

MIRROR = np.array(MIRROR)
GROUPS = {"jaw": range(0, 17), "brows": range(17, 27), "nose": range(27, 36), "eyes": range(36, 48),
          "mouth": range(48, 68)}


def read_pts(path):
    values = open(path).read().split("{")[1].split("}")[0].split()
    return np.array(values, dtype=np.float64).reshape(-1, 2) - 0.5


def bilinear(image, xs, ys):
    """Samples at pipeline coordinates (pixel i spans [i, i + 1]); black outside."""
    h, w, _ = image.shape
    x, y = xs - 0.5, ys - 0.5
    x0, y0 = np.floor(x).astype(int), np.floor(y).astype(int)
    fx, fy = (x - x0)[..., None], (y - y0)[..., None]
    out = 0
    for dx, dy, wt in ((0, 0, (1 - fx) * (1 - fy)), (1, 0, fx * (1 - fy)), (0, 1, (1 - fx) * fy), (1, 1, fx * fy)):
        xi, yi = x0 + dx, y0 + dy
        inside = ((xi >= 0) & (xi < w) & (yi >= 0) & (yi < h))[..., None]
        out = out + wt * np.where(inside, image[np.clip(yi, 0, h - 1), np.clip(xi, 0, w - 1)], 0)
    return out


def warp(image, centre, side, angle, size):
    """The square of `side` centred at `centre`, its axes turned by `angle` (radians, clockwise in the image), as
    size x size RGB floats."""
    ss = min(16, max(1, int(np.ceil(side / size))))  # as RotatedCrop.swift
    if ss > 4:
        # Two steps, as RotatedCrop.swift: the upright square around it area-averaged (rounded to bytes) to twice the
        # crop's resolution, then that sampled with 2 x 2 samples per output pixel.
        density = 2 * size / side
        bound = side * (abs(np.cos(angle)) + abs(np.sin(angle)))
        m = int(np.ceil(bound * density)) + 2
        inter = np.clip(np.round(area_crop(image, centre[0], centre[1], m / density, m)), 0, 255)
        return warp(inter, (m / 2, m / 2), 2.0 * size, angle, size)
    t = (np.arange(size * ss) + 0.5) / (size * ss) - 0.5
    u, v = np.meshgrid(t * side, t * side)
    c, s = np.cos(angle), np.sin(angle)
    xs = centre[0] + c * u - s * v
    ys = centre[1] + s * u + c * v
    samples = bilinear(image, xs, ys)
    return samples.reshape(size, ss, size, ss, 3).mean(axis=(1, 3))


def unwarp(points01, centre, side, angle):
    u, v = (points01[:, 0] - 0.5) * side, (points01[:, 1] - 0.5) * side
    c, s = np.cos(angle), np.sin(angle)
    return np.stack([centre[0] + c * u - s * v, centre[1] + s * u + c * v], 1)


class Network:
    def __init__(self, path, size, bgr, offset, divisor):
        self.session = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
        self.name = self.session.get_inputs()[0].name
        self.size, self.bgr, self.offset, self.divisor = size, bgr, offset, divisor
        self.batched = self.session.get_inputs()[0].shape[0] != 1

    def __call__(self, crops):
        x = np.clip(np.round(crops), 0, 255)
        x = x[..., ::-1] if self.bgr else x
        x = ((x - self.offset) / self.divisor).astype(np.float32).transpose(0, 3, 1, 2)
        if self.batched:
            out = self.session.run(None, {self.name: x})[0]
        else:
            out = np.concatenate([self.session.run(None, {self.name: x[i:i + 1]})[0] for i in range(len(x))])
        return out[:, :136].reshape(-1, 68, 2).astype(np.float64)

    def points(self, image, centre, side, angle, mirror=True):
        crop = warp(image, centre, side, angle, self.size)
        batch = np.stack([crop, crop[:, ::-1]]) if mirror else crop[None]
        out = self(batch)
        p = out[0]
        if mirror:
            m = out[1][MIRROR]
            m[:, 0] = 1 - m[:, 0]
            p = (p + m) / 2
        return unwarp(p, centre, side, angle)


def load_faces(faces_path, labels):
    faces = []
    for line in open(faces_path):
        record = json.loads(line)
        stem = os.path.splitext(os.path.basename(record["image"]))[0]
        pts = os.path.join(labels, stem + ".pts")
        if not os.path.exists(pts):
            continue
        truth = read_pts(pts)
        centre = truth.mean(axis=0)
        match = [f for f in record["faces"]
                 if f["box"][0] <= centre[0] <= f["box"][0] + f["box"][2]
                 and f["box"][1] <= centre[1] <= f["box"][1] + f["box"][3]]
        if not match:
            print("missed", stem)
            continue
        image = np.asarray(Image.open(record["image"]).convert("RGB")).astype(np.float64)
        faces.append({"stem": stem, "image": image, "truth": truth, "face": match[0]})
    return faces


def nme(points, truth):
    return np.linalg.norm(points - truth, axis=1).mean() / np.linalg.norm(truth[36] - truth[45])


def eye_angle(face, source):
    """Roll of the eye line (radians, clockwise in the image) from the five points or the mesh's outer corners."""
    if source == "five":
        a, b = np.array(face["landmarks5"][0]), np.array(face["landmarks5"][1])
    else:
        mesh = np.array(face["mesh"])[:, :2]
        a, b = mesh[33], mesh[263]
    return np.arctan2(b[1] - a[1], b[0] - a[0])


def square_from_points(points, angle, scale, shift):
    """Centre and side of a square around `points` in the frame turned by `angle`: the points' bounding box there,
    its longer side times `scale`, centre moved down (in that frame) by `shift` of the box's height."""
    c, s = np.cos(angle), np.sin(angle)
    local = np.stack([c * points[:, 0] + s * points[:, 1], -s * points[:, 0] + c * points[:, 1]], 1)
    lo, hi = local.min(0), local.max(0)
    mid = (lo + hi) / 2 + np.array([0, shift * (hi[1] - lo[1])])
    side = scale * max(hi - lo)
    return np.array([c * mid[0] - s * mid[1], s * mid[0] + c * mid[1]]), side


def run(faces, net, method, **kw):
    errors, per_group = [], {g: [] for g in GROUPS}
    for f in faces:
        p = method(f, net, **kw)
        errors.append(nme(p, f["truth"]))
        iod = np.linalg.norm(f["truth"][36] - f["truth"][45])
        d = np.linalg.norm(p - f["truth"], axis=1) / iod
        for g, idx in GROUPS.items():
            per_group[g].append(d[list(idx)].mean())
    return np.array(errors), {g: np.mean(v) for g, v in per_group.items()}


def box_crop(f, net, scale=1.0, shift=0.05, rotate=None, mirror=True, refine=0, refine_scale=1.3, refine_shift=0.0):
    x, y, w, h = f["face"]["box"]
    centre = np.array([x + w / 2, y + h / 2 + shift * h])
    side = scale * max(w, h)
    angle = eye_angle(f["face"], rotate) if rotate else 0.0
    if rotate:  # the box's centre moved down along the turned frame
        centre = np.array([x + w / 2, y + h / 2]) + shift * h * np.array([-np.sin(angle), np.cos(angle)])
    p = net.points(f["image"], centre, side, angle, mirror)
    for _ in range(refine):
        a = np.arctan2(*(p[45] - p[36])[::-1]) if rotate else 0.0
        centre, side = square_from_points(p, a, refine_scale, refine_shift)
        p = net.points(f["image"], centre, side, a, mirror)
    return p


def mesh_crop(f, net, scale=1.2, shift=0.0, rotate="mesh", mirror=True, subset="all"):
    mesh = np.array(f["face"]["mesh"])[:, :2]
    angle = eye_angle(f["face"], rotate) if rotate else 0.0
    pts = mesh if subset == "all" else mesh[OVAL]
    centre, side = square_from_points(pts, angle, scale, shift)
    return net.points(f["image"], centre, side, angle, mirror)


# The mesh's eyebrow points (MediaPipe's FACEMESH_LEFT_EYEBROW and FACEMESH_RIGHT_EYEBROW).
BROWS = [70, 63, 105, 66, 107, 55, 65, 52, 53, 46, 336, 296, 334, 293, 300, 285, 295, 282, 283, 276]


def mesh_region(mesh, scale=1.2, rotate=True):
    """The crop PFLD was trained on (a square of 1.2x the longer side of the 68 points' bounding box, centred on it)
    from the 468-point mesh: the box of the eyebrows and the face oval from the eyebrows' top down, in the frame
    turned so that the outer eye corners (mesh 33 and 263) are level. Returns centre, side, angle."""
    mesh = np.asarray(mesh)[:, :2]
    a, b = mesh[33], mesh[263]
    angle = np.arctan2(b[1] - a[1], b[0] - a[0]) if rotate else 0.0
    c, s = np.cos(angle), np.sin(angle)
    ly = -s * mesh[:, 0] + c * mesh[:, 1]
    top = ly[BROWS].min()
    points = mesh[[i for i in OVAL if ly[i] >= top] + BROWS]
    centre, side = square_from_points(points, angle, scale, 0.0)
    return centre, side, angle


def mesh68_crop(f, net, scale=1.2, rotate=True, mirror=True):
    if not f["face"].get("mesh"):
        return box_crop(f, net, mirror=mirror)  # no mesh: the box's square, as the stage does
    centre, side, angle = mesh_region(f["face"]["mesh"], scale, rotate)
    return net.points(f["image"], centre, side, angle, mirror)


OVAL = [10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176,
        149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109]


def jitter_crop(f, net, crops=((1.0, 0.05),), rotate="mesh", mirror=True):
    return np.mean([box_crop(f, net, scale=sc, shift=sh, rotate=rotate, mirror=mirror) for sc, sh in crops], axis=0)


def pair(f, nets, methods):
    return np.mean([m(f, n, **kw) for n, (m, kw) in zip(nets, methods)], axis=0)


def ensemble_configs(args):
    peppa = Network(args.peppa, 160, True, 127.0, 127.0)
    pfld = Network(args.onnx, 112, False, 0.0, 255.0)
    configs = []
    for sc in (1.2, 1.3, 1.4):
        configs.append((f"peppa box {sc} +0.00 rot mesh", lambda f, n, sc=sc: box_crop(f, peppa, scale=sc, shift=0.0, rotate="mesh"), {}))
        configs.append((f"pfld box1.0 + peppa box {sc} rot mesh", lambda f, n, sc=sc: pair(
            f, (pfld, peppa), ((box_crop, {"rotate": "mesh"}), (box_crop, {"scale": sc, "shift": 0.0, "rotate": "mesh"}))), {}))
    configs.append(("jitter 3 (0.95,0.05)(1.0,0.05)(1.05,0.05) rot mesh", jitter_crop,
                    {"crops": ((0.95, 0.05), (1.0, 0.05), (1.05, 0.05))}))
    configs.append(("jitter 3 (1.0,0.0)(1.0,0.05)(1.0,0.1) rot mesh", jitter_crop,
                    {"crops": ((1.0, 0.0), (1.0, 0.05), (1.0, 0.1))}))
    configs.append(("jitter 2 (1.0,0.05) no-mirror rot mesh + (1.05,0.08)", jitter_crop,
                    {"crops": ((1.0, 0.05), (1.05, 0.08)), "mirror": False}))
    configs.append(("box 1.0 + mesh oval 1.1 +0.05 (both mirror)", lambda f, n: np.mean(
        [box_crop(f, n, rotate="mesh"), mesh_crop(f, n, scale=1.1, shift=0.05, subset="oval")], axis=0), {}))
    return configs


def report(label, errors, groups, faces):
    stems = [f["stem"] for f in faces]
    photos = {}
    for s, e in zip(stems, errors):
        photos.setdefault(s.split("_")[0], []).append(e)
    print(f"{label:60s} mean {errors.mean():.4f}  " + " ".join(f"{k} {np.mean(v):.4f}" for k, v in photos.items())
          + "  | " + " ".join(f"{g} {v:.3f}" for g, v in groups.items()), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("faces")
    parser.add_argument("labels")
    parser.add_argument("--onnx", required=True)
    parser.add_argument("--peppa")
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    faces = load_faces(args.faces, args.labels)
    print(len(faces), "faces")
    pfld = Network(args.onnx, 112, False, 0.0, 255.0)
    configs = [
        ("box 1.0 +0.05 mirror (current)", box_crop, {}),
        ("mesh region 1.2 turned level (chosen)", mesh68_crop, {}),
        ("mesh region 1.2 turned level, no mirror", mesh68_crop, {"mirror": False}),
        ("mesh region 1.2 upright", mesh68_crop, {"rotate": False}),
        ("mesh region 1.1 turned level", mesh68_crop, {"scale": 1.1}),
        ("mesh region 1.3 turned level", mesh68_crop, {"scale": 1.3}),
        ("box 1.0 +0.05 no mirror", box_crop, {"mirror": False}),
        ("box 1.0 +0.05 rot five", box_crop, {"rotate": "five"}),
        ("box 1.0 +0.05 rot mesh", box_crop, {"rotate": "mesh"}),
        ("box 1.1 +0.05 rot mesh", box_crop, {"rotate": "mesh", "scale": 1.1}),
        ("box 1.0 +0.05 refine 1.3", box_crop, {"refine": 1}),
        ("box 1.0 +0.05 rot mesh refine 1.3", box_crop, {"rotate": "mesh", "refine": 1}),
        ("box 1.0 +0.05 rot mesh refine 1.2", box_crop, {"rotate": "mesh", "refine": 1, "refine_scale": 1.2}),
        ("box 1.0 +0.05 rot mesh refine 1.4", box_crop, {"rotate": "mesh", "refine": 1, "refine_scale": 1.4}),
    ]
    for sc in (1.0, 1.1, 1.2, 1.3):
        for sh in (-0.05, 0.0, 0.05):
            configs.append((f"mesh all {sc} {sh:+.2f} rot mesh", mesh_crop, {"scale": sc, "shift": sh}))
            configs.append((f"mesh oval {sc} {sh:+.2f} rot mesh", mesh_crop, {"scale": sc, "shift": sh, "subset": "oval"}))
    if args.only == "ensemble":
        configs = ensemble_configs(args)
    for label, method, kw in configs:
        if args.only and args.only != "ensemble" and args.only not in label:
            continue
        errors, groups = run(faces, pfld, method, **kw)
        report(label, errors, groups, faces)


if __name__ == "__main__":
    main()
