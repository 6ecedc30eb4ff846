"""How soon `narrator read` is heard, and what -o costs against bare eSpeak NG plus ffmpeg.

    .venv/bin/python benchmarks/bench_read.py [--runs N] [--first-audio-only] [--voice NAME]

1. Time from process start to the first audio handed to the device, for the seed article and for a
   generated 10,000-word article (streaming must make both about equal; target ≤ 1.0 s). The device is
   the file sink (``--device file:PATH.wav``), whose header is written when it opens; the first audio
   is there when the file grows past the header. The clock starts just before the process is spawned.
   Beside the wall time, the CPU time the reader had used by then (all its processes and threads): on a
   shared, loaded machine the wall time mostly measures the wait for a core, the CPU time does not.
   For an idle-equivalent time run the benchmark real-time (``chrt -f 10``; ``nice`` does nothing
   under sched_autogroup): the reader then runs one real-time priority below the benchmark, so the
   benchmark sees the first audio when it is written, not when a core the reader's two processes hold
   is given up (which used to add up to 0.4 s).
2. A cold ``read -o seed.mp3`` against ``espeak-ng -w`` + ``ffmpeg`` to MP3 of the same text
   (target ratio ≤ 1.5 with eSpeak NG narrating, `--voice narrator`; the neural narrator's slower,
   better synthesis is not what the bare eSpeak pipeline measures).

The command is `narrator read` when the CLI has it, else the same library call through ``python -c``
(after importing narrator.cli, so start-up costs the same).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "articles" / "hms-argyll.txt"
WAV_HEADER = 44
SNIPPET = """
import sys
from pathlib import Path
import narrator.cli
from narrator.read.options import ReadOptions
from narrator.read.session import read_aloud
source, device, output = sys.argv[1:4]
read_aloud(source, ReadOptions(device=device or None, output=Path(output) if output else None))
"""


def read_command(source: Path, *, device: str = "", output: str = "", voice: str = "") -> list[str]:
    narrator = Path(sys.executable).with_name("narrator")
    probe = subprocess.run([str(narrator), "read", "--help"], capture_output=True)
    if probe.returncode == 0:
        extra = ["--device", device] if device else ["-o", output]
        return [str(narrator), "read", str(source), *extra, *(["--voice", voice] if voice else [])]
    return [sys.executable, "-c", SNIPPET, str(source), device, output]


def long_article(folder: Path, words: int = 10_000) -> Path:
    """The seed's paragraphs shuffled into a 10,000-word article with a heading every ~1,500 words."""
    random.seed(7)
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 8]
    lines, count, section = ["A Long Report on Naval Cooperation", ""], 0, 1
    while count < words:
        if count // 1500 >= section:
            lines += [f"Part {section}", ""]
            section += 1
        paragraph = random.choice(paragraphs)
        lines += [paragraph, ""]
        count += len(paragraph.split())
    path = folder / "long-article.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def cpu_seconds(session: int) -> float:
    """User and system CPU time of every process in the reader's session (its voice process too), all
    their threads."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        if int(fields[3]) == session:
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def below_this_process() -> None:
    """In the reader before it starts: under a real-time policy, one priority below the benchmark."""
    policy = os.sched_getscheduler(0)
    if policy in (os.SCHED_FIFO, os.SCHED_RR):
        priority = os.sched_getparam(0).sched_priority
        os.sched_setscheduler(0, policy, os.sched_param(max(1, priority - 1)))


def first_audio(source: Path, folder: Path, voice: str = "") -> tuple[float, float]:
    """Seconds from spawning the reader to its first audio in the file sink, and the CPU seconds the
    reader had used by then; the reader is then stopped."""
    wav = folder / "first.wav"
    wav.unlink(missing_ok=True)
    command = read_command(source, device=f"file:{wav}", voice=voice)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               start_new_session=True, preexec_fn=below_this_process)
    try:
        while True:
            if wav.exists() and wav.stat().st_size > WAV_HEADER:
                return time.perf_counter() - start, cpu_seconds(process.pid)
            if process.poll() is not None:
                raise SystemExit(f"the reader exited with {process.returncode} before any audio: {command}")
            time.sleep(0.002)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait()


def timed(command: list[str], **kwargs: object) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, **kwargs)
    return time.perf_counter() - start


def cold_mp3(folder: Path, voice: str = "") -> tuple[float, float]:
    """(narrator read -o, espeak-ng + ffmpeg) wall times for the seed article."""
    ours = timed(read_command(SEED, output=str(folder / "seed.mp3"), voice=voice), cwd=ROOT)
    text = folder / "seed-text.txt"
    text.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    start = time.perf_counter()
    subprocess.run(["espeak-ng", "-v", "en-gb-x-rp", "-s", "165", "-w", str(folder / "bare.wav"), "-f",
                    str(text)], check=True, capture_output=True)
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", str(folder / "bare.wav"),
                    "-c:a", "libmp3lame", "-b:a", "64k", str(folder / "bare.mp3")], check=True,
                   capture_output=True)
    return ours, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--first-audio-only", action="store_true", help="skip the -o comparison")
    parser.add_argument("--voice", default="", help="the narrator (`read --voice`); default: the pool's")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        long = long_article(folder)
        print(f"command: {' '.join(read_command(SEED, device='file:OUT.wav', voice=args.voice))[:120]}")
        print("load average before: " + " ".join(f"{load:.2f}" for load in os.getloadavg()))
        for label, source in (("seed article", SEED), ("10,000-word article", long)):
            runs = [first_audio(source, folder, args.voice) for _ in range(args.runs)]
            times, cpu = [r[0] for r in runs], [r[1] for r in runs]
            print(f"first audio, {label}: median {statistics.median(times):.3f} s, "
                  f"max {max(times):.3f} s over {args.runs} runs (target ≤ 1.0 s); CPU used by then: "
                  f"median {statistics.median(cpu):.2f} s")
        if args.first_audio_only:
            return
        pairs = [cold_mp3(folder, args.voice) for _ in range(args.runs)]
        ours = statistics.median(p[0] for p in pairs)
        bare = statistics.median(p[1] for p in pairs)
        print(f"cold read -o seed.mp3: {ours:.3f} s; espeak-ng -w + ffmpeg: {bare:.3f} s; "
              f"ratio {ours / bare:.2f} (target ≤ 1.5)")


if __name__ == "__main__":
    main()
