#!/usr/bin/env python3
"""Measures `landmark video` against the Python mtcnn package (scripts/video/mtcnn_video.py) on the same file,
interleaved round-robin, and prints a Markdown table (median of the rounds) with the load average.

    .venv/bin/python scripts/video/compare_video.py --landmark .build/release/landmark --video clip.mp4 \\
        [--model seed.pb] [--rounds 3] [--frames 300] [--python-frames 30] [--no-python]

Each landmark configuration runs the first --frames frames with --out (decode to encode); Python runs its first
--python-frames frames (it is far slower). "fps, whole run" is frames over the wall time of the process (start-up
and model loading included); "fps, frame loop" counts from the first frame (landmark's summary line, the Python
script's loop); CPU ms per frame is user + system time of the process and its ffmpeg children over the frames.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run_landmark(binary, video, extra, out, frames):
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "maxrss_kb=%M cpu=%U+%S", binary, "video", video, "--out", out,
                             "--max-frames", str(frames)] + extra,
                            capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"landmark failed: {result.stderr}")
    frames = int(re.search(r": (\d+) frames of", result.stderr).group(1))
    rss = int(re.search(r"maxrss_kb=(\d+)", result.stderr).group(1)) / 1024
    stages = re.search(r"ms per frame: (.*)", result.stderr).group(1)
    loop_fps = float(re.search(r"([0-9.]+) frames per second", result.stderr).group(1))
    user, system = re.search(r"cpu=([0-9.]+)\+([0-9.]+)", result.stderr).groups()
    return {"frames": frames, "seconds": seconds, "fps": frames / seconds, "loop_fps": loop_fps, "rss": rss,
            "cpu_ms": 1000 * (float(user) + float(system)) / frames, "stages": stages}


def run_python(video, frames, out):
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "cpu=%U+%S", sys.executable, os.path.join(HERE, "mtcnn_video.py"),
                             video, "--out", out, "--max-frames", str(frames)], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"python mtcnn failed: {result.stderr}")
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    user, system = re.search(r"cpu=([0-9.]+)\+([0-9.]+)", result.stderr).groups()
    return {"frames": summary["frames"], "seconds": seconds, "fps": summary["frames"] / seconds,
            "loop_fps": summary["loop_fps"], "rss": summary["peak_rss_mb"],
            "cpu_ms": 1000 * (float(user) + float(system)) / summary["frames"], "stages": ""}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--landmark", required=True)
    parser.add_argument("--video", required=True)
    parser.add_argument("--model")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--python-frames", type=int, default=30)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--no-python", action="store_true", help="only the landmark configurations")
    args = parser.parse_args()
    threads = ["--threads", str(args.threads)]
    configs = [("landmark, detector + face mesh, --every 15 (default)", threads),
               ("landmark, detector only (--no-mesh), --every 15", threads + ["--no-mesh"]),
               ("landmark, detector only (--no-mesh), --every 1", threads + ["--no-mesh", "--every", "1"])]
    if args.model:
        configs.append(("landmark + seed model (--no-mesh), --every 15", threads + ["--no-mesh", "--model", args.model]))
    results = {name: [] for name, _ in configs}
    if not args.no_python:
        results["python mtcnn, every frame"] = []
    loads = []
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.mp4")
        for _ in range(args.rounds):
            for name, extra in configs:
                loads.append(os.getloadavg()[0])
                results[name].append(run_landmark(args.landmark, args.video, extra, out, args.frames))
            if not args.no_python:
                loads.append(os.getloadavg()[0])
                results["python mtcnn, every frame"].append(run_python(args.video, args.python_frames, out))
    print(f"load average (1 min) during the runs: {min(loads):.2f} to {max(loads):.2f}")
    print("| engine | frames | fps, whole run | fps, frame loop | CPU ms per frame (all processes) | peak RSS MB | ms per frame by stage (median round) |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, runs in results.items():
        fps = statistics.median(r["fps"] for r in runs)
        loop = statistics.median(r["loop_fps"] for r in runs)
        cpu = statistics.median(r["cpu_ms"] for r in runs)
        middle = sorted(runs, key=lambda r: r["loop_fps"])[len(runs) // 2]
        print(f"| {name} | {runs[0]['frames']} | {fps:.1f} | {loop:.1f} | {cpu:.1f} | {max(r['rss'] for r in runs):.0f} | {middle['stages']} |")


if __name__ == "__main__":
    main()
