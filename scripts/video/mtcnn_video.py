#!/usr/bin/env python3
"""The Python peer of `landmark video`: the PyPI package mtcnn on every frame of a video, decoded and encoded by
the same ffmpeg over raw RGB pipes, boxes and five points drawn with Pillow. Prints one JSON summary line
(frames, faces, seconds, fps, peak RSS).

    .venv/bin/python scripts/video/mtcnn_video.py INPUT.mp4 [--out OUT.mp4] [--max-frames N]
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def probe(path):
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                          "stream=width,height,avg_frame_rate", "-of", "json", path],
                         check=True, capture_output=True, text=True).stdout
    stream = json.loads(out)["streams"][0]
    return stream["width"], stream["height"], stream["avg_frame_rate"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("input")
    parser.add_argument("--out")
    parser.add_argument("--max-frames", type=int)
    args = parser.parse_args()

    import numpy as np
    from mtcnn import MTCNN
    from PIL import Image, ImageDraw

    width, height, rate = probe(args.input)
    frame_bytes = width * height * 3
    start = time.perf_counter()
    detector = MTCNN()
    decode = ["ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-i", args.input, "-map", "0:v:0",
              "-fps_mode", "cfr", "-r", rate]
    if args.max_frames:
        decode += ["-frames:v", str(args.max_frames)]
    reader = subprocess.Popen(decode + ["-f", "rawvideo", "-pix_fmt", "rgb24", "-"], stdout=subprocess.PIPE)
    writer = None
    if args.out:
        writer = subprocess.Popen(["ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-f", "rawvideo",
                                   "-pix_fmt", "rgb24", "-s", f"{width}x{height}", "-r", rate, "-i", "-",
                                   "-i", args.input, "-map", "0:v:0", "-map", "1:a:0?", "-c:v", "libx264",
                                   "-preset", "superfast", "-crf", "18", "-pix_fmt", "yuv420p", "-c:a", "copy",
                                   "-shortest", args.out], stdin=subprocess.PIPE)
    frames = faces = 0
    loop_start = None
    while True:
        data = reader.stdout.read(frame_bytes)
        if len(data) < frame_bytes:
            break
        if loop_start is None:
            loop_start = time.perf_counter()
        frame = np.frombuffer(data, dtype=np.uint8).reshape(height, width, 3)
        found = detector.detect_faces(frame)
        faces += len(found)
        if writer:
            image = Image.fromarray(frame)
            draw = ImageDraw.Draw(image)
            for face in found:
                x, y, w, h = face["box"]
                draw.rectangle([x, y, x + w, y + h], outline=(0, 255, 0), width=2)
                for px, py in face["keypoints"].values():
                    draw.ellipse([px - 2, py - 2, px + 2, py + 2], fill=(255, 0, 0))
            writer.stdin.write(image.tobytes())
        frames += 1
    reader.wait()
    if writer:
        writer.stdin.close()
        writer.wait()
    end = time.perf_counter()
    seconds = end - start
    loop = end - (loop_start or end)
    print(json.dumps({"engine": "python-mtcnn", "frames": frames, "faces": faces, "seconds": round(seconds, 3),
                      "fps": round(frames / seconds, 2), "loop_fps": round(frames / loop, 2) if loop > 0 else None,
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))


if __name__ == "__main__":
    sys.exit(main())
