#!/usr/bin/env python3
"""Reference data for the Swift MTCNN pipeline, computed with the PyPI package `mtcnn` 1.0.0 (MIT).

Writes into Tests/Fixtures/mtcnn/:

* photos/<name>.png             the public-domain / CC0 test photos (downscaled so each PNG stays <= 300 KB)
* reference.json                the package's detections on every photo (unrounded boxes, scores, 5 keypoints),
                                per-stage candidate counts, the parameters used and the package's wall time;
                                and its detections with other options on two photos (`variants`)
* primitives/                   area resize (tf.image.resize AREA, as the package builds its pyramid) and
                                crop-and-resize (the package's own extract_patches) on small random images
* networks/                     P-Net, R-Net and O-Net inputs taken from the pipeline on a real photo, and the
                                outputs TensorFlow computes for them with the bundled frozen graphs

Usage:
    /work/main/.venv/bin/python scripts/mtcnn/reference.py [--runs 5]

Needs: pip install tensorflow-cpu==2.21.0 mtcnn==1.0.0 lz4 scikit-image matplotlib pillow
Run scripts/mtcnn/freeze_mtcnn.py first (the network fixtures use the bundled graphs).
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import tensorflow as tf
from PIL import Image

import mtcnn
from mtcnn import MTCNN
from mtcnn.utils.images import extract_patches, load_images_batch, scale_images, standarize_batch

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "Tests" / "Fixtures" / "mtcnn"
GRAPHS = REPO / "Sources" / "LandmarkNet" / "Resources" / "mtcnn"
MAX_PNG_BYTES = 300 * 1024

# The package's defaults (MTCNN.detect_faces -> StagePNet/StageRNet/StageONet keyword defaults).
PARAMETERS = {
    "min_face_size": 20,
    "min_size": 12,
    "scale_factor": 0.709,
    "threshold_pnet": 0.6,
    "nms_pnet1": 0.5,
    "nms_pnet2": 0.7,
    "threshold_rnet": 0.7,
    "nms_rnet": 0.7,
    "threshold_onet": 0.8,
    "nms_onet": 0.7,
    "fit_to_image": True,
    "limit_boundaries_landmarks": False,
}
KEYPOINTS = ["left_eye", "right_eye", "nose", "mouth_left", "mouth_right"]


# MARK: photos

def png_bytes(pixels: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def fit_png(pixels: np.ndarray) -> np.ndarray:
    """Downscales (Lanczos, 5% steps) until the PNG is at most MAX_PNG_BYTES."""
    factor = 1.0
    current = pixels
    while len(png_bytes(current)) > MAX_PNG_BYTES:
        factor *= 0.95
        h, w = pixels.shape[:2]
        size = (max(1, round(w * factor)), max(1, round(h * factor)))
        current = np.asarray(Image.fromarray(pixels).resize(size, Image.LANCZOS))
    return current


def resized(pixels: np.ndarray, width: int, height: int, mirror: bool = False) -> np.ndarray:
    image = Image.fromarray(pixels).resize((width, height), Image.LANCZOS)
    if mirror:
        image = image.transpose(Image.FLIP_LEFT_RIGHT)
    return np.asarray(image)


def source_photos() -> list[dict]:
    """Public-domain / CC0 photos shipped by pip packages, plus a composite group of them."""
    import matplotlib.cbook
    import skimage.data

    astronaut = skimage.data.astronaut()
    camera = skimage.data.camera()
    with matplotlib.cbook.get_sample_data("grace_hopper.jpg") as f:
        hopper = np.asarray(Image.open(f).convert("RGB"))

    # Several faces at different sizes and orientations on one canvas (neutral gray background).
    canvas = np.full((400, 640, 3), 118, dtype=np.uint8)
    placements = [
        (resized(astronaut[20:300, 100:380], 190, 190), 10, 30),
        (resized(hopper[30:330, 110:410], 150, 150, mirror=True), 215, 20),
        (resized(np.stack([camera] * 3, axis=-1)[40:300, 200:460], 130, 130), 395, 40),
        (resized(astronaut[20:300, 100:380], 95, 95, mirror=True), 540, 60),
        (resized(hopper[30:330, 110:410], 120, 120), 260, 240),
        (resized(astronaut[20:300, 100:380], 70, 70), 470, 260),
    ]
    for patch, x, y in placements:
        h, w = patch.shape[:2]
        canvas[y:y + h, x:x + w] = patch

    return [
        {"name": "astronaut", "pixels": astronaut,
         "source": "scikit-image skimage.data.astronaut() (astronaut.png): NASA photo of Eileen Collins",
         "licence": "public domain (NASA)"},
        {"name": "grace_hopper", "pixels": hopper,
         "source": "matplotlib mpl-data/sample_data/grace_hopper.jpg: official U.S. Navy portrait of Grace Hopper",
         "licence": "public domain (U.S. Navy photo)"},
        {"name": "camera", "pixels": camera,
         "source": "scikit-image skimage.data.camera() (camera.png, grayscale): photo by Lav Varshney",
         "licence": "CC0"},
        {"name": "group", "pixels": canvas,
         "source": "composite made by this script from the three photos above: six faces at 70-190 px, "
                   "two mirrored, one from the grayscale photo, on a flat gray background",
         "licence": "public domain / CC0 (derived from the photos above)"},
    ]


def as_rgb(pixels: np.ndarray) -> np.ndarray:
    """What the Swift pipeline does with a 1- or 4-channel image: gray replicated, alpha dropped."""
    if pixels.ndim == 2:
        return np.stack([pixels] * 3, axis=-1)
    return pixels[..., :3]


# MARK: package runs

def run_stages(detector: MTCNN, rgb: np.ndarray) -> tuple[np.ndarray, dict]:
    """detect_faces' own steps (load, standardize, the three stages, postprocess) with per-stage outputs kept."""
    images_raw = load_images_batch([rgb])
    images_normalized, images_oshapes, pad_param = standarize_batch(images_raw, justification="center",
                                                                    normalize=True)
    stage_outputs = {}
    bboxes = None
    for stage in detector.stages:
        bboxes = stage(bboxes_batch=bboxes, images_normalized=images_normalized, images_oshapes=images_oshapes,
                       **PARAMETERS)
        # A copy: the next stage overwrites the score column of its input array in place.
        stage_outputs[stage.name] = np.array(bboxes, copy=True)
    return images_normalized, stage_outputs


def detections(detector: MTCNN, rgb: np.ndarray) -> np.ndarray:
    """The package's final detections as float rows [image, x1, y1, x2, y2, score, lx1..lx5, ly1..ly5]."""
    kwargs = {k: v for k, v in PARAMETERS.items() if k not in ("fit_to_image", "limit_boundaries_landmarks")}
    result = detector.detect_faces(rgb, fit_to_image=PARAMETERS["fit_to_image"],
                                   limit_boundaries_landmarks=PARAMETERS["limit_boundaries_landmarks"],
                                   box_format="xyxy", output_type="numpy", **kwargs)
    return np.asarray(result, dtype=np.float64).reshape(-1, 16)


# Runs with other options on one photo. The package fails outright (a Conv2D with an empty output) when a
# pyramid level is smaller than P-Net's 11-pixel minimum, which happens for min_face_size above ~25; the Swift
# detector skips such levels instead, so these runs use the package with its pyramid filtered the same way.
VARIANTS = [
    {"photo": "group", "options": {"min_face_size": 40, "threshold_onet": 0.9, "nms_pnet2": 0.6}},
    {"photo": "grace_hopper", "options": {"min_face_size": 10, "scale_factor": 0.6, "threshold_rnet": 0.8}},
]


def variant_detections(detector: MTCNN, rgb: np.ndarray, options: dict) -> np.ndarray:
    """detect_faces with other options and pyramid levels below 11 pixels left out (see VARIANTS)."""
    import mtcnn.stages.stage_pnet as stage_pnet
    from mtcnn.utils.images import build_scale_pyramid

    height, width = rgb.shape[:2]

    def usable_levels(w, h, min_face_size, scale_factor, min_size=12):
        scales = build_scale_pyramid(w, h, min_face_size=min_face_size, scale_factor=scale_factor, min_size=min_size)
        sizes = (np.asarray([height, width])[None, :] * scales[:, None]).astype(np.int32)
        return scales[(sizes >= 11).all(axis=1)]

    stage_pnet.build_scale_pyramid = usable_levels
    try:
        kwargs = {**{k: v for k, v in PARAMETERS.items() if k not in ("fit_to_image", "limit_boundaries_landmarks")},
                  **options}
        result = detector.detect_faces(rgb, box_format="xyxy", output_type="numpy", **kwargs)
    finally:
        stage_pnet.build_scale_pyramid = build_scale_pyramid
    return np.asarray(result, dtype=np.float64).reshape(-1, 16)


def face_json(row: np.ndarray) -> dict:
    x1, y1, x2, y2, score = (float(v) for v in row[1:6])
    xs, ys = row[6:11], row[11:16]
    return {
        "box": [x1, y1, x2 - x1, y2 - y1],
        "score": score,
        "keypoints": [[float(x), float(y)] for x, y in zip(xs, ys)],
    }


def time_package(detector: MTCNN, pixels: np.ndarray, runs: int) -> dict:
    """Wall time of the public call on the uint8 photo (the package decodes nothing here)."""
    start = time.perf_counter()
    detector.detect_faces(pixels)
    first = time.perf_counter() - start
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        detector.detect_faces(pixels)
        times.append(time.perf_counter() - start)
    return {"first_call": round(first, 4), "median": round(statistics.median(times), 4),
            "min": round(min(times), 4), "runs": runs}


# MARK: primitives and network fixtures

def save(path: Path, array: np.ndarray) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, np.ascontiguousarray(array), allow_pickle=False)
    return path.name


def write_primitives(rng: np.random.Generator) -> dict:
    """Area resize and crop-and-resize references on small random float images."""
    out = OUT / "primitives"
    cases: dict = {"resize": [], "crop": []}
    image = rng.uniform(-1, 1, size=(1, 37, 29, 3)).astype(np.float32)
    save(out / "resize_input.npy", image[0])
    shape = np.asarray(image.shape[1:3])
    for i, scale in enumerate([0.6, 0.6 * 0.709, 0.6 * 0.709 ** 4, 0.9137, 1.7, 0.6 * 0.709 ** 6]):
        result = scale_images(image, scale).numpy()[0]
        cases["resize"].append({"scale": scale, "height": int(result.shape[0]), "width": int(result.shape[1]),
                                "file": save(out / f"resize_{i}.npy", result)})

    crop_image = rng.uniform(-1, 1, size=(1, 31, 43, 3)).astype(np.float32)
    save(out / "crop_input.npy", crop_image[0])
    boxes = np.asarray([
        [0, 3.2, 4.7, 20.9, 22.4, 0.9],      # inside
        [0, -6.5, -3.25, 14.0, 17.25, 0.8],  # over the top-left corner: zero fill
        [0, 30.1, 18.6, 51.7, 40.2, 0.7],    # over the bottom-right corner
        [0, 10.0, 10.0, 10.5, 10.5, 0.6],    # smaller than a pixel
        [0, 0.0, 0.0, 43.0, 31.0, 0.5],      # the whole image
    ], dtype=np.float64)
    save(out / "crop_boxes.npy", boxes[:, 1:5])
    for size in (24, 48):
        crops = extract_patches(crop_image, boxes, expected_size=(size, size)).numpy()
        cases["crop"].append({"size": size, "file": save(out / f"crop_{size}.npy", crops)})
    return cases


def run_graph(kind: str, feed: np.ndarray, outputs: list[str]) -> list[np.ndarray]:
    graph_def = tf.compat.v1.GraphDef.FromString((GRAPHS / f"{kind}.pb").read_bytes())
    graph = tf.Graph()
    with graph.as_default():
        tf.graph_util.import_graph_def(graph_def, name="")
    config = tf.compat.v1.ConfigProto(intra_op_parallelism_threads=1, inter_op_parallelism_threads=1)
    config.graph_options.rewrite_options.disable_meta_optimizer = True
    with tf.compat.v1.Session(graph=graph, config=config) as session:
        return session.run([f"{n}:0" for n in outputs], {"input:0": feed})


def write_network_fixtures(images_normalized: np.ndarray, stage_outputs: dict) -> dict:
    """Real network inputs from the astronaut run: a pyramid level for P-Net, the first crops for R-Net/O-Net."""
    out = OUT / "networks"
    pnet_input = scale_images(images_normalized, 0.6 * 0.709 ** 7).numpy().astype(np.float32)
    rnet_boxes = stage_outputs["Stage PNET"][:4]
    onet_boxes = stage_outputs["Stage RNET"][:3]
    rnet_input = extract_patches(images_normalized, rnet_boxes, expected_size=(24, 24)).numpy()
    onet_input = extract_patches(images_normalized, onet_boxes, expected_size=(48, 48)).numpy()
    cases = {}
    for kind, feed in [("pnet", pnet_input), ("rnet", rnet_input), ("onet", onet_input)]:
        names = ["box_regression", "face_probability"] + (["landmarks"] if kind == "onet" else [])
        results = run_graph(kind, feed, names)
        cases[kind] = {"input": save(out / f"{kind}_input.npy", feed),
                       "outputs": {n: save(out / f"{kind}_{n}.npy", r) for n, r in zip(names, results)}}
    return cases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per photo (after one untimed call)")
    args = parser.parse_args()
    (OUT / "photos").mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(7)

    detector = MTCNN()
    photos = []
    network_cases = None
    for photo in source_photos():
        pixels = fit_png(photo["pixels"])
        png = png_bytes(pixels)
        (OUT / "photos" / f"{photo['name']}.png").write_bytes(png)
        decoded = np.asarray(Image.open(io.BytesIO(png)))
        assert np.array_equal(decoded, pixels)
        rgb = as_rgb(pixels)

        rows = detections(detector, rgb)
        images_normalized, stage_outputs = run_stages(detector, rgb)
        assert stage_outputs["Stage ONET"].shape[0] == rows.shape[0]
        if photo["name"] == "astronaut":
            network_cases = write_network_fixtures(images_normalized, stage_outputs)
        timing = time_package(detector, rgb, args.runs)
        json_faces = detector.detect_faces(rgb)
        photos.append({
            "name": photo["name"],
            "file": f"photos/{photo['name']}.png",
            "source": photo["source"],
            "licence": photo["licence"],
            "width": int(pixels.shape[1]), "height": int(pixels.shape[0]),
            "channels": 1 if pixels.ndim == 2 else int(pixels.shape[2]),
            "package_seconds": timing,
            "stage_candidates": {name: int(v.shape[0]) for name, v in stage_outputs.items()},
            "rnet_boxes": [[round(float(v), 4) for v in r[1:6]] for r in stage_outputs["Stage RNET"]],
            "faces": [face_json(r) for r in rows],
            "package_json": json_faces,
        })
        print(f"{photo['name']:14s} {pixels.shape} png {len(png)} bytes: {len(rows)} faces, "
              f"stages {photos[-1]['stage_candidates']}, {timing['median']} s median")

    variants = []
    for variant in VARIANTS:
        pixels = np.asarray(Image.open(OUT / "photos" / f"{variant['photo']}.png"))
        rows = variant_detections(detector, as_rgb(pixels), variant["options"])
        variants.append({**variant, "faces": [face_json(r) for r in rows]})
        print(f"variant {variant}: {len(rows)} faces")

    reference = {
        "description": "Detections of the PyPI package mtcnn 1.0.0 (MTCNN().detect_faces with the parameters "
                       "below) on each photo, unrounded: box [x, y, width, height] in pixels after fit_to_image "
                       "clamping, score, keypoints in the package's order " + ", ".join(KEYPOINTS) + ". "
                       "Gray photos were given to the package as RGB with the gray value in all channels.",
        "package": f"mtcnn {mtcnn.__version__}" if hasattr(mtcnn, "__version__") else "mtcnn 1.0.0",
        "tensorflow": tf.__version__,
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "parameters": PARAMETERS,
        "keypoints": KEYPOINTS,
        "photos": photos,
        "primitives": write_primitives(rng),
        "networks": network_cases,
        "variants": variants,
    }
    (OUT / "reference.json").write_text(json.dumps(reference, indent=1, default=lambda o: o.tolist()
                                                   if isinstance(o, np.ndarray) else int(o)) + "\n")
    total = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    print(f"written {OUT} ({total} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
