#!/usr/bin/env python3
"""Time landmark against onnxruntime and TensorFlow on the same frozen graph, same input, same thread count.

    .venv/bin/python scripts/compare_peers.py [--model graph.pb] [--rounds 7] [--iterations 20] [--threads 1,2]
        [--skip-batch] [--skip-cold] [--engines landmark,onnxruntime,tensorflow] [--landmark PATH]
        [--landmark-timer PATH] [--python PATH] [--out FILE.md]

What it measures (everything interleaved: each round visits every configuration once, the configurations of one
thread count back to back, in a fresh shuffled order, so machine noise from the other users of the box lands on all
engines alike; the *paired* ratios are medians of the per-round ratios):

(a) in-process latency at batch 1, for each thread count. Every (engine, threads) pair is a long-lived worker
    process that loaded the model and warmed up once; a round asks each worker for `--iterations` back-to-back
    inferences and keeps their median. The reported number is the median of the round medians.
      landmark:     Benchmarks' `landmark-timer` (Model.run on the loaded model, Model.Options(threads: N)), which
                    the script first builds (`swift build -c release --package-path Benchmarks`, incremental);
                    without it, `landmark bench --json --iterations N --threads N` is started once per round and
                    its latency median is the round median (it times the planned graph without output copies).
      onnxruntime:  the graph converted by tf2onnx (in a temp dir); SessionOptions intra_op_num_threads=N,
                    inter_op_num_threads=1, ORT_SEQUENTIAL, all graph optimisations.
      TensorFlow:   tf.compat.v1.Session on the imported GraphDef, intra_op_parallelism_threads=N,
                    inter_op_parallelism_threads=1.
(b) batch throughput: a variant of the graph with a [None,128,128,3] placeholder instead of the placeholder +
    ExpandDims (made in a temp dir by scripts/peers/prepare_models.py, which checks that each item's output matches
    the original graph), timed at batch 1 and batch 16 (`--batch`) in all three engines; ms per face compared.
(c) cold start: process start -> load -> one inference -> write the output -> exit, for `landmark run` and for
    scripts/peers/cold_start.py with onnxruntime and with TensorFlow; wall time and peak RSS (wait4's ru_maxrss)
    of each process, `--cold-reps` interleaved repetitions after one untimed run each (file cache), medians.

`--engines` times only some engines (the models are still prepared with TensorFlow): `--engines landmark` gives
landmark's batch speed-up without the other engines' rounds in between.

It also checks that the outputs agree (landmark and onnxruntime against TensorFlow, max abs and max rel error).
Engines that are missing (no landmark binary, no onnxruntime / tf2onnx / TensorFlow in `--python`) are skipped
with a note. Ratios are this engine's time divided by the peer's: below 1 means faster than the peer.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PEERS = Path(__file__).resolve().parent / "peers"
ENGINES = ("landmark", "onnxruntime", "tensorflow")
SHORT = {"landmark": "landmark", "onnxruntime": "ort", "tensorflow": "tf"}


# --------------------------------------------------------------------------------------------------------------
# Workers


class WorkerError(RuntimeError):
    """A worker failed to start or to answer."""


@dataclass
class Config:
    """One timed configuration: an engine at a thread count and batch size on one model file."""

    engine: str
    threads: int
    batch: int
    model: str
    input_path: str
    iterations: int
    round_medians: list[float] = field(default_factory=list)
    by_round: dict[int, float] = field(default_factory=dict)  # round index -> that round's median
    worker: Worker | BenchRunner | None = None
    failure: str | None = None
    load_ms: float | None = None
    first_ms: float | None = None

    @property
    def label(self) -> str:
        return f"{self.engine} t{self.threads} b{self.batch}"


class Worker:
    """A long-lived timing process speaking the line protocol of scripts/peers/py_worker.py."""

    def __init__(self, command: list[str], log_path: Path, env: dict[str, str] | None = None):
        self.command = command
        self.log_path = log_path
        self.log = open(log_path, "w")  # noqa: SIM115 - closed in close()
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log,
                                        text=True, bufsize=1, env=env)
        ready = self._read()
        if not ready.get("ready"):
            raise WorkerError(f"did not start: {ready}")
        self.load_ms = ready.get("load_ms")
        self.first_ms = ready.get("first_ms")

    def _read(self) -> dict:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            self.process.wait()
            raise WorkerError(f"exited with status {self.process.returncode}; log tail: {self.log_tail()}")
        try:
            reply = json.loads(line)
        except json.JSONDecodeError as error:
            raise WorkerError(f"unreadable reply {line!r}: {error}") from error
        if "error" in reply:
            raise WorkerError(f"{reply['error']} (log tail: {self.log_tail()})")
        return reply

    def _ask(self, line: str) -> dict:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(line + "\n")
            self.process.stdin.flush()
        except BrokenPipeError as error:
            raise WorkerError(f"worker gone; log tail: {self.log_tail()}") from error
        return self._read()

    def time(self, iterations: int) -> list[float]:
        return self._ask(f"time {iterations}")["times_ms"]

    def save(self, path: Path) -> None:
        self._ask(f"save {path}")

    def log_tail(self, lines: int = 4) -> str:
        self.log.flush()
        try:
            text = self.log_path.read_text(errors="replace").strip().splitlines()
        except OSError:
            return "(no log)"
        return " | ".join(text[-lines:]) or "(empty)"

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                assert self.process.stdin is not None
                self.process.stdin.write("quit\n")
                self.process.stdin.flush()
                self.process.wait(timeout=20)
            except (BrokenPipeError, subprocess.TimeoutExpired, OSError):
                self.process.kill()
                self.process.wait()
        self.log.close()


class BenchRunner:
    """Fallback for landmark without landmark-timer: one `landmark bench --json` process per round."""

    def __init__(self, landmark: str, model: str, input_name: str, input_path: str, output: str, threads: int,
                 log_path: Path):
        self.base = [landmark, "bench", model, "--input", f"{input_name}={input_path}", "--output", output,
                     "--threads", str(threads), "--warmup", "2", "--json"]
        self.landmark, self.model, self.input = landmark, model, (input_name, input_path)
        self.output, self.threads, self.log_path = output, threads, log_path
        self.command = self.base + ["--iterations", "N"]
        self.load_ms = None
        self.first_ms = None

    def time(self, iterations: int) -> list[float]:
        with open(self.log_path, "a") as log:
            result = subprocess.run(self.base + ["--iterations", str(iterations)], stdout=subprocess.PIPE,
                                    stderr=log, text=True, check=False)
        if result.returncode != 0:
            raise WorkerError(f"landmark bench exited with {result.returncode}: {result.stdout.strip()[-300:]}")
        report = json.loads(result.stdout)
        return [report["latency_ms"]["median"]]  # one number per round: the round median

    def save(self, path: Path) -> None:
        with tempfile.TemporaryDirectory() as directory:
            run_landmark(self.landmark, self.model, self.input, self.output, self.threads, Path(directory))
            produced = Path(directory) / (self.output.replace("/", "_").replace(":", "_") + ".npy")
            shutil.move(str(produced), path)

    def close(self) -> None:
        pass


def run_landmark(landmark: str, model: str, feed: tuple[str, str], output: str, threads: int,
                 save_dir: Path) -> None:
    command = [landmark, "run", model, "--input", f"{feed[0]}={feed[1]}", "--output", output,
               "--save-dir", str(save_dir), "--threads", str(threads)]
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    if result.returncode != 0:
        raise WorkerError(f"landmark run failed: {result.stderr.strip()[-300:]}")


# --------------------------------------------------------------------------------------------------------------
# Environment


def landmark_timer(explicit: str | None = None) -> tuple[Path | None, list[str]]:
    """Benchmarks' landmark-timer (Model.run in a long-lived worker, like the peers' py_worker.py) and notes for
    the report. `explicit` is used as given; otherwise the default timer is built (or brought up to date) first,
    so it never times an older engine than the sources. None when there is no timer: landmark is then timed
    with `landmark bench --json`, one process per round (BenchRunner)."""
    notes: list[str] = []
    if explicit:
        timer = Path(explicit)
        if not timer.is_file():
            return None, [f"landmark-timer {timer} not found"]
        return timer, notes
    if not shutil.which("swift"):
        return None, ["no swift to build Benchmarks' landmark-timer: landmark timed with `landmark bench --json` "
                      "(one process per round)"]
    # SwiftPM keeps its build plan of the engine (a path dependency) until a manifest changes, so a source file
    # added to the engine would be left out and the link fail: drop the plan so it is made anew.
    (REPO / "Benchmarks/.build/release.yaml").unlink(missing_ok=True)
    print("building Benchmarks' landmark-timer ...", file=sys.stderr, flush=True)
    build = subprocess.run(["swift", "build", "-c", "release", "--package-path", str(REPO / "Benchmarks"),
                            "--product", "landmark-timer"], capture_output=True, text=True)
    if build.returncode != 0:  # SwiftPM reports compile errors on stdout
        lines = [line for line in (build.stdout + build.stderr).splitlines() if "error" in line] or ["?"]
        return None, [f"building landmark-timer failed (exit {build.returncode}): {lines[-1].strip()}; "
                      "timed with `landmark bench` instead (an older timer would time an older engine)"]
    timer = first_existing([REPO / "Benchmarks/.build/release/landmark-timer"])
    if timer is None:
        return None, ["landmark-timer not found after its build: landmark timed with `landmark bench --json` "
                      "(one process per round)"]
    return timer, notes


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def first_existing(candidates: list[Path]) -> Path | None:
    return next((c for c in candidates if c.is_file() and os.access(c, os.X_OK)), None)


def python_has(python: str, module: str) -> str | None:
    """The module's version if `python` can import it (checked without importing TensorFlow in this process)."""
    code = ("import importlib.metadata as m, importlib.util as u, sys\n"
            f"spec = u.find_spec({module!r})\n"
            "if spec is None: sys.exit(1)\n"
            f"names = {{'tensorflow': 'tensorflow', 'onnxruntime': 'onnxruntime', 'tf2onnx': 'tf2onnx', 'numpy': 'numpy'}}\n"
            f"try: print(m.version(names.get({module!r}, {module!r})))\n"
            "except Exception: print('?')\n")
    try:
        result = subprocess.run([python, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def python_version(python: str) -> str:
    try:
        result = subprocess.run([python, "-c", "import platform; print(platform.python_version())"],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    return result.stdout.strip() or "?"


def worker_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.setdefault("CUDA_VISIBLE_DEVICES", "")
    # numpy's own OpenBLAS is not in any timed path; keep its idle threads out of the way.
    env.setdefault("OPENBLAS_NUM_THREADS", "1")
    return env


# --------------------------------------------------------------------------------------------------------------
# Measurement


def start_worker(config: Config, args, paths, work: Path, output: str, input_name: str) -> None:
    log = work / f"{config.label.replace(' ', '_')}.log"
    try:
        if config.engine == "landmark":
            if paths["timer"]:
                command = [str(paths["timer"]), config.model, "--input", f"{input_name}={config.input_path}",
                           "--output", output, "--threads", str(config.threads), "--warmup", "3"]
                config.worker = Worker(command, log)
            else:
                config.worker = BenchRunner(str(paths["landmark"]), config.model, input_name, config.input_path,
                                            output, config.threads, log)
        else:
            command = [args.python, str(PEERS / "py_worker.py"), "--engine", SHORT[config.engine],
                       "--model", config.model, "--input", f"{input_name}={config.input_path}", "--output", output,
                       "--threads", str(config.threads), "--warmup", "3"]
            config.worker = Worker(command, log, env=worker_env())
        config.load_ms = config.worker.load_ms
        config.first_ms = config.worker.first_ms
    except (WorkerError, OSError) as error:
        config.failure = f"start failed: {error}"
        config.worker = None


def run_rounds(configs: list[Config], rounds: int, gap: float, seed: int, progress: str) -> None:
    """Round-robin: every round visits every live configuration once. Configurations with the same thread count
    run back to back (the groups and the order inside each group shuffled anew every round), so the per-round
    ratios between engines (`paired_ratio`) compare runs made seconds apart, within one of the machine's fast or
    slow spells."""
    rng = random.Random(seed)
    for round_index in range(rounds):
        live = [c for c in configs if c.worker is not None and c.failure is None]
        groups = [[c for c in live if c.threads == t] for t in sorted({c.threads for c in live})]
        rng.shuffle(groups)
        order = []
        for group in groups:
            rng.shuffle(group)
            order += group
        for config in order:
            # Let the previous engine's spinning pool threads go idle before the next one starts.
            time.sleep(gap)
            try:
                times = config.worker.time(config.iterations)
            except (WorkerError, OSError, ValueError, KeyError) as error:
                config.failure = f"round {round_index + 1}: {error}"
                continue
            config.round_medians.append(statistics.median(times))
            config.by_round[round_index] = config.round_medians[-1]
        print(f"  {progress}: round {round_index + 1}/{rounds} done", file=sys.stderr, flush=True)


def median_or_none(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def paired_ratio(config: Config | None, reference: Config | None, per: float = 1.0) -> str:
    """Median over the rounds both ran of (config's round median / reference's), `per` scaling the reference
    (e.g. the batch size, for a per-face speedup): robust to the machine's spells, which last longer than a round."""
    if config is None or reference is None:
        return "n/a"
    ratios = [config.by_round[r] / (reference.by_round[r] * per)
              for r in config.by_round if r in reference.by_round and reference.by_round[r] > 0]
    return f"{statistics.median(ratios):.2f}" if ratios else "n/a"


def compare_arrays(candidate, reference) -> dict:
    import numpy as np  # noqa: PLC0415

    a = np.asarray(candidate, dtype=np.float64).reshape(-1)
    b = np.asarray(reference, dtype=np.float64).reshape(-1)
    if a.shape != b.shape:
        return {"error": f"shape {np.shape(candidate)} vs {np.shape(reference)}"}
    diff = np.abs(a - b)
    return {"max_abs": float(diff.max()), "max_rel": float((diff / np.maximum(np.abs(b), 1e-3)).max()),
            "ref_max": float(np.abs(b).max())}


def cold_start(command: list[str], env: dict[str, str] | None) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB (ru_maxrss of that child alone) and exit status of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024.0, process.returncode


# --------------------------------------------------------------------------------------------------------------
# Report


def fmt(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def ratio(value: float | None, reference: float | None) -> str:
    if value is None or reference is None or reference <= 0:
        return "n/a"
    return f"{value / reference:.2f}"


def spread(config: Config, per: int = 1) -> str:
    if not config.round_medians:
        return "n/a"
    return f"{min(config.round_medians) / per:.2f}–{max(config.round_medians) / per:.2f}"


def latency_table(configs: list[Config], threads: list[int]) -> list[str]:
    lines = ["| engine | threads | batch | median ms | round medians ms (min–max) | vs onnxruntime | vs onnxruntime, "
             "paired | vs TF | vs TF, paired | load ms |",
             "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|"]
    for t in threads:
        row = {c.engine: c for c in configs if c.threads == t}
        ort = median_or_none(row["onnxruntime"].round_medians) if "onnxruntime" in row else None
        tf = median_or_none(row["tensorflow"].round_medians) if "tensorflow" in row else None
        for engine in ENGINES:
            config = row.get(engine)
            if config is None:
                continue
            value = median_or_none(config.round_medians)
            note = f" ({config.failure})" if config.failure else ""
            lines.append(f"| {engine}{note} | {t} | 1 | {fmt(value)} | {spread(config)} | {ratio(value, ort)} | "
                         f"{paired_ratio(config, row.get('onnxruntime'))} | {ratio(value, tf)} | "
                         f"{paired_ratio(config, row.get('tensorflow'))} | {fmt(config.load_ms, 0)} |")
    return lines


def batch_table(configs: list[Config], threads: list[int], batch: int) -> list[str]:
    lines = ["| engine | threads | batch | median ms / run | ms / face | round medians ms / face (min–max) | "
             "faces/s | vs onnxruntime | vs onnxruntime, paired | vs TF | batch speedup / face | "
             "batch speedup / face, paired |",
             "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|"]
    for t in threads:
        for b in (1, batch):
            row = {c.engine: c for c in configs if c.threads == t and c.batch == b}
            per_face = {e: (median_or_none(c.round_medians) / b if c.round_medians else None) for e, c in row.items()}
            for engine in ENGINES:
                config = row.get(engine)
                if config is None:
                    continue
                value = median_or_none(config.round_medians)
                face = per_face.get(engine)
                single = next((c for c in configs if c.engine == engine and c.threads == t and c.batch == 1), None)
                single_face = median_or_none(single.round_medians) if single else None
                speedup = f"{single_face / face:.2f}x" if (b > 1 and face and single_face) else "–"
                # single's time per face over this one's: the inverse of this config's ratio to single (per face).
                inverse = paired_ratio(config, single, per=b) if b > 1 else "n/a"
                paired_speedup = f"{1 / float(inverse):.2f}x" if inverse not in ("n/a",) and float(inverse) > 0 else "–"
                note = f" ({config.failure})" if config.failure else ""
                lines.append(
                    f"| {engine}{note} | {t} | {b} | {fmt(value)} | {fmt(face)} | {spread(config, b)} | "
                    f"{fmt(1000 / face if face else None, 0)} | {ratio(face, per_face.get('onnxruntime'))} | "
                    f"{paired_ratio(config, row.get('onnxruntime'))} | "
                    f"{ratio(face, per_face.get('tensorflow'))} | {speedup} | {paired_speedup} |")
    return lines


# --------------------------------------------------------------------------------------------------------------
# Main


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    seed = REPO / "Tests/Fixtures/seed_tf1"
    parser.add_argument("--model", default=str(seed / "graph.pb"), help="frozen GraphDef (default: the seed graph)")
    parser.add_argument("--input", default=f"input_image_tensor={seed / 'input_image_tensor.npy'}",
                        help="NAME=FILE.npy, one item without a batch dimension")
    parser.add_argument("--output", default="logits/BiasAdd")
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds per section")
    parser.add_argument("--iterations", type=int, default=20, help="inferences per round at batch 1")
    parser.add_argument("--batch-iterations", type=int, default=3, help="inferences per round at batch --batch")
    parser.add_argument("--threads", default="1,2", help="comma-separated thread counts")
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--skip-batch", action="store_true", help="skip (b), the batch variant")
    parser.add_argument("--skip-cold", action="store_true", help="skip (c), cold start")
    parser.add_argument("--engines", default=",".join(ENGINES),
                        help="comma-separated engines to time (default: all three; TensorFlow still prepares the "
                             "models, and the output check needs it timed)")
    parser.add_argument("--cold-reps", type=int, default=5)
    parser.add_argument("--cold-threads", type=int, help="threads for cold start (default: the largest of --threads)")
    parser.add_argument("--landmark", help="landmark CLI (default: .build/release/landmark, then .build-peers/...)")
    parser.add_argument("--landmark-timer",
                        help="Benchmarks' landmark-timer (default: Benchmarks/.build/release/landmark-timer, then "
                             "Benchmarks/.build-peers/...); without it landmark is timed by `landmark bench --json`")
    parser.add_argument("--onnx", help="an ONNX conversion of --model to use instead of converting it with tf2onnx "
                                       "(lets onnxruntime run without TensorFlow)")
    parser.add_argument("--no-timer", action="store_true", help="time landmark with `landmark bench --json` anyway")
    parser.add_argument("--python", help="Python with tensorflow/onnxruntime/tf2onnx (default: .venv/bin/python, "
                                         "else this interpreter)")
    parser.add_argument("--gap", type=float, default=0.2, help="seconds of idle between two timed blocks")
    parser.add_argument("--seed", type=int, default=1, help="seed of the round order shuffles")
    parser.add_argument("--keep-temp", action="store_true", help="keep the temp dir (converted models, logs)")
    parser.add_argument("--out", help="also write the Markdown report to this file")
    args = parser.parse_args()
    try:
        args.thread_list = sorted({int(t) for t in args.threads.split(",") if t.strip()})
    except ValueError:
        parser.error("--threads must be comma-separated integers")
    if not args.thread_list or min(args.thread_list) < 1:
        parser.error("--threads needs positive integers")
    if min(args.rounds, args.iterations, args.batch_iterations, args.cold_reps) < 1 or args.batch < 2:
        parser.error("--rounds, --iterations, --batch-iterations, --cold-reps must be >= 1 and --batch >= 2")
    if args.python is None:
        venv = REPO / ".venv/bin/python"
        args.python = str(venv) if venv.exists() else sys.executable
    if "=" not in args.input:
        parser.error("--input must be NAME=FILE.npy")
    args.engine_list = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = [e for e in args.engine_list if e not in ENGINES]
    if unknown or not args.engine_list:
        parser.error(f"--engines takes some of {', '.join(ENGINES)}; got {args.engines!r}")
    return args


def main() -> int:
    args = parse_args()
    input_name, _, input_path = args.input.partition("=")
    input_path = str(Path(input_path).resolve())
    model = str(Path(args.model).resolve())
    notes: list[str] = []
    report: list[str] = []

    landmark = Path(args.landmark) if args.landmark else first_existing(
        [REPO / ".build/release/landmark", REPO / ".build-peers/release/landmark"])
    if landmark is not None and not (landmark.is_file() and os.access(landmark, os.X_OK)):
        notes.append(f"landmark binary {landmark} not found: landmark skipped")
        landmark = None
    elif landmark is None:
        notes.append("no landmark binary (build: swift build -c release --product landmark): landmark skipped")
    timer = None
    if landmark is not None and not args.no_timer:
        timer, timer_notes = landmark_timer(args.landmark_timer)
        notes += timer_notes
    elif landmark is not None:
        notes.append("landmark timed with `landmark bench --json`, one process per round (--no-timer)")
    paths = {"landmark": landmark, "timer": timer}

    versions = {name: python_has(args.python, name) for name in ("numpy", "tensorflow", "onnxruntime", "tf2onnx")}
    have_tf = versions["tensorflow"] is not None and versions["numpy"] is not None
    have_ort = versions["onnxruntime"] is not None and versions["numpy"] is not None
    if not have_tf:
        notes.append(f"TensorFlow not importable by {args.python}: TensorFlow skipped; without it there is no "
                     "ONNX conversion and no batch variant either")
    if not have_ort:
        notes.append(f"onnxruntime not importable by {args.python}: onnxruntime skipped")
    try:
        import numpy  # noqa: F401, PLC0415
        have_numpy_here = True
    except ImportError:
        have_numpy_here = False
        notes.append(f"numpy not importable by {sys.executable}: no output agreement check")

    work = Path(tempfile.mkdtemp(prefix="compare_peers_"))
    started = datetime.datetime.now().astimezone()
    load_before = os.getloadavg()
    prepared: dict = {}
    try:
        # ---- models -------------------------------------------------------------------------------------------
        if have_tf:
            print("preparing models (batch variant, tf2onnx) ...", file=sys.stderr, flush=True)
            command = [args.python, str(PEERS / "prepare_models.py"), "--model", model, "--input",
                       f"{input_name}={input_path}", "--output", args.output, "--out-dir", str(work),
                       "--batch", str(args.batch)] + (["--skip-batch"] if args.skip_batch else [])
            with open(work / "prepare.log", "w") as log:
                result = subprocess.run(command, stdout=subprocess.PIPE, stderr=log, text=True, env=worker_env(),
                                        check=False)
            try:
                prepared = json.loads(result.stdout.strip().splitlines()[-1])
            except (IndexError, json.JSONDecodeError):
                notes.append(f"prepare_models.py failed (status {result.returncode}); see {work / 'prepare.log'}")
                args.keep_temp = True
            notes.extend(prepared.get("notes", []))
        onnx_model = str(Path(args.onnx).resolve()) if args.onnx else prepared.get("graph_onnx")
        if have_ort and not onnx_model:
            notes.append("no ONNX model (needs TensorFlow + tf2onnx, or --onnx): onnxruntime skipped")

        def engines_for(onnx: str | None, tf_graph: str | None) -> list[tuple[str, str]]:
            chosen = []
            if landmark is not None and tf_graph:
                chosen.append(("landmark", tf_graph))
            if have_ort and onnx:
                chosen.append(("onnxruntime", onnx))
            if have_tf and tf_graph:
                chosen.append(("tensorflow", tf_graph))
            return [(engine, file) for engine, file in chosen if engine in args.engine_list]

        agreement: list[str] = ["| engine | vs | graph | batch | max abs err | max rel err | max abs ref |",
                                "|---|---|---|---:|---:|---:|---:|"]

        def check_outputs(configs: list[Config], graph_label: str) -> None:
            if not have_numpy_here:
                return
            import numpy as np  # noqa: PLC0415

            saved: dict[tuple[str, int, int], object] = {}
            for config in configs:
                if config.worker is None or config.failure:
                    continue
                path = work / f"out_{config.label.replace(' ', '_')}_{graph_label}.npy"
                try:
                    config.worker.save(path)
                    saved[(config.engine, config.threads, config.batch)] = np.load(path)
                except (WorkerError, OSError, ValueError) as error:
                    notes.append(f"{config.label}: could not save its output: {error}")
            for (engine, t, b), value in sorted(saved.items()):
                if engine == "tensorflow":
                    continue
                reference = saved.get(("tensorflow", t, b))
                if reference is None:
                    continue
                result = compare_arrays(value, reference)
                if "error" in result:
                    agreement.append(f"| {engine} t{t} | TF t{t} | {graph_label} | {b} | {result['error']} | | |")
                else:
                    agreement.append(f"| {engine} t{t} | TF t{t} | {graph_label} | {b} | {result['max_abs']:.3g} | "
                                     f"{result['max_rel']:.3g} | {result['ref_max']:.3g} |")

        # ---- (a) latency ----------------------------------------------------------------------------------------
        latency_configs: list[Config] = []
        for t in args.thread_list:
            for engine, model_file in engines_for(onnx_model, model):
                latency_configs.append(Config(engine, t, 1, model_file, input_path, args.iterations))
        print(f"(a) latency: starting {len(latency_configs)} workers ...", file=sys.stderr, flush=True)
        for config in latency_configs:
            start_worker(config, args, paths, work, args.output, input_name)
        run_rounds(latency_configs, args.rounds, args.gap, args.seed, "(a) latency")
        check_outputs(latency_configs, "seed")
        for config in latency_configs:
            if config.worker:
                config.worker.close()

        # ---- (b) batch ------------------------------------------------------------------------------------------
        batch_configs: list[Config] = []
        if not args.skip_batch and prepared.get("batch_graph"):
            inputs = prepared["batch_inputs"]
            for t in args.thread_list:
                for b in (1, args.batch):
                    iterations = args.iterations if b == 1 else args.batch_iterations
                    for engine, model_file in engines_for(prepared.get("batch_graph_onnx"), prepared["batch_graph"]):
                        batch_configs.append(Config(engine, t, b, model_file, inputs[str(b)], iterations))
            print(f"(b) batch: starting {len(batch_configs)} workers ...", file=sys.stderr, flush=True)
            for config in batch_configs:
                start_worker(config, args, paths, work, args.output, input_name)
            run_rounds(batch_configs, args.rounds, args.gap, args.seed + 1, "(b) batch")
            check_outputs(batch_configs, "batch")
            if have_numpy_here and prepared.get("batch_check"):
                check = prepared["batch_check"]
                notes.append(f"batch variant vs original graph in TensorFlow, first {check['items_checked']} items "
                             f"of batch {args.batch}: max abs {check['max_abs']:.3g}, max rel {check['max_rel']:.3g}")
            for config in batch_configs:
                if config.worker:
                    config.worker.close()
        elif not args.skip_batch:
            notes.append("(b) skipped: no batch variant (needs TensorFlow)")

        # ---- (c) cold start -------------------------------------------------------------------------------------
        cold_rows: list[tuple[str, list[float], list[float], list[str]]] = []
        cold_commands: dict[str, list[str]] = {}
        cold_threads = args.cold_threads or max(args.thread_list)
        if not args.skip_cold:
            save_dir = work / "cold"
            save_dir.mkdir()
            if landmark is not None and "landmark" in args.engine_list:
                cold_commands["landmark"] = [str(landmark), "run", model, "--input", f"{input_name}={input_path}",
                                             "--output", args.output, "--save-dir", str(save_dir / "landmark"),
                                             "--threads", str(cold_threads)]
                (save_dir / "landmark").mkdir()
            for engine, model_file, short in (("onnxruntime", onnx_model if have_ort else None, "ort"),
                                              ("tensorflow", model if have_tf else None, "tf")):
                if model_file and engine in args.engine_list:
                    cold_commands[engine] = [args.python, str(PEERS / "cold_start.py"), "--engine", short, "--model",
                                             model_file, "--input", f"{input_name}={input_path}", "--output",
                                             args.output, "--threads", str(cold_threads), "--save",
                                             str(save_dir / f"{short}.npy")]
            results: dict[str, tuple[list[float], list[float], list[str]]] = {e: ([], [], []) for e in cold_commands}
            print(f"(c) cold start: {len(cold_commands)} engines x {args.cold_reps} ...", file=sys.stderr, flush=True)
            rng = random.Random(args.seed + 2)
            for rep in range(args.cold_reps + 1):  # rep 0 warms the file cache, untimed
                order = list(cold_commands)
                rng.shuffle(order)
                for engine in order:
                    time.sleep(args.gap)
                    wall, rss, status = cold_start(cold_commands[engine],
                                                   None if engine == "landmark" else worker_env())
                    if status != 0:
                        results[engine][2].append(f"exit {status}")
                    elif rep > 0:
                        results[engine][0].append(wall)
                        results[engine][1].append(rss)
            for engine, (walls, rsses, errors) in results.items():
                cold_rows.append((engine, walls, rsses, errors))

        # ---- report ---------------------------------------------------------------------------------------------
        finished = datetime.datetime.now().astimezone()
        report.append("# landmark vs onnxruntime vs TensorFlow")
        report.append("")
        report.append(f"- date: {started:%Y-%m-%d %H:%M %Z} (finished {finished:%H:%M}); "
                      f"load average at start {load_before[0]:.2f} / {load_before[1]:.2f} / {load_before[2]:.2f}, "
                      f"at end {' / '.join(f'{v:.2f}' for v in os.getloadavg())}")
        report.append(f"- machine: nproc {os.cpu_count()}, CPU `{cpu_model()}`, {platform.system()} {platform.release()}")
        report.append(f"- model: `{args.model}` (input `{input_name}` from `{input_path}`, output `{args.output}`)")
        report.append(f"- versions: python {python_version(args.python)} ({args.python}); "
                      f"numpy {versions['numpy'] or '-'}; tensorflow {versions['tensorflow'] or '-'}; onnxruntime "
                      f"{versions['onnxruntime'] or '-'}; {prepared.get('tf2onnx', 'tf2onnx -')}")
        report.append(f"- rounds {args.rounds}, iterations per round {args.iterations} at batch 1 and "
                      f"{args.batch_iterations} at batch {args.batch}; figures are medians of the per-round medians; "
                      "ratios are this engine's time / the peer's (below 1 = faster); a *paired* ratio is the median "
                      "of the per-round ratios (each round runs the engines at one thread count back to back, so a "
                      "pair shares the machine's fast or slow spell)")
        report.append(f"- driver: `{' '.join(shlex.quote(a) for a in [sys.executable] + sys.argv)}`")
        examples = [c for c in latency_configs if c.worker is not None]
        for engine in ENGINES:
            example = next((c for c in examples if c.engine == engine), None)
            if example is not None:
                report.append(f"- {engine} worker (a): `{' '.join(shlex.quote(str(a)) for a in example.worker.command)}`")
        for engine, command in cold_commands.items():
            report.append(f"- {engine} cold start: `{' '.join(shlex.quote(a) for a in command)}`")
        report.append("")
        report.append("## (a) in-process latency, batch 1")
        report.append("")
        report.extend(latency_table(latency_configs, args.thread_list))
        if batch_configs:
            report.append("")
            report.append(f"## (b) batch {args.batch} vs batch 1 ([None,128,128,3] variant of the graph)")
            report.append("")
            report.extend(batch_table(batch_configs, args.thread_list, args.batch))
        if cold_rows:
            report.append("")
            report.append(f"## (c) cold start: process start → load → 1 inference → exit ({cold_threads} threads, "
                          f"{args.cold_reps} reps)")
            report.append("")
            report.append("| engine | median s | min s | vs onnxruntime | vs TF | peak RSS MB (median) | RSS vs onnxruntime "
                          "| RSS vs TF | failures |")
            report.append("|---|---:|---:|---:|---:|---:|---:|---:|---|")
            medians = {e: (median_or_none(w), median_or_none(r)) for e, w, r, _ in cold_rows}
            for engine, walls, rsses, errors in cold_rows:
                wall, rss = medians[engine]
                ort_wall, ort_rss = medians.get("onnxruntime", (None, None))
                tf_wall, tf_rss = medians.get("tensorflow", (None, None))
                report.append(f"| {engine} | {fmt(wall, 3)} | {fmt(min(walls) if walls else None, 3)} | "
                              f"{ratio(wall, ort_wall)} | {ratio(wall, tf_wall)} | {fmt(rss, 0)} | {ratio(rss, ort_rss)} | "
                              f"{ratio(rss, tf_rss)} | {', '.join(sorted(set(errors))) or '–'} |")
            if have_numpy_here:
                import numpy as np  # noqa: PLC0415

                cold = work / "cold"
                lm_file = cold / "landmark" / (args.output.replace("/", "_").replace(":", "_") + ".npy")
                for engine, path in (("landmark", lm_file), ("onnxruntime", cold / "ort.npy")):
                    if path.exists() and (cold / "tf.npy").exists():
                        result = compare_arrays(np.load(path), np.load(cold / "tf.npy"))
                        if "error" not in result:
                            agreement.append(f"| {engine} (cold run) | TF (cold run) | seed | 1 | "
                                             f"{result['max_abs']:.3g} | {result['max_rel']:.3g} | "
                                             f"{result['ref_max']:.3g} |")
        if len(agreement) > 2:
            report.append("")
            report.append("## output agreement (max rel err = max |a−b| / max(|b|, 1e−3))")
            report.append("")
            report.extend(agreement)
        if notes:
            report.append("")
            report.append("## notes")
            report.append("")
            report.extend(f"- {note}" for note in notes)
        text = "\n".join(report)
        print(text)
        if args.out:
            Path(args.out).write_text(text + "\n")
    finally:
        if args.keep_temp:
            print(f"temp dir kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
