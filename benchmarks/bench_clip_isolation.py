"""What it costs to make every eSpeak clip independent of what its process spoke before (issue 12, item 8).

    .venv/bin/python benchmarks/bench_clip_isolation.py [--sentences N] [--runs N]

eSpeak keeps state for the life of its process (pitch flutter phase, gain control, echo buffer, libc's
random numbers behind breathy variants), so the same sentence comes out differently after other speech.
Four ways to speak N sentences with one voice (fiona, ``en-gb-x-rp+f2``), each timed and checked
against ``espeak-ng`` run once per sentence (what a fresh process says):

1. shared: one pyttsx3 engine speaks them all in a row, as the workers did before (the baseline);
2. fork+init: a child forked per sentence before eSpeak starts, which starts pyttsx3's engine and speaks;
3. synchronous: eSpeak started once in synchronous mode (no thread) with the voice set, then a child
   forked per sentence that only speaks (what the worker does now);
4. spawned: a new worker process per sentence.

Prints seconds per sentence, the ratio to the baseline, and how many clips equal the fresh-process audio.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

from narrator.engines import get_engine
from narrator.engines.pyttsx3_worker import SynchronousESpeak, fresh_engine, in_fresh_process, speak_chunked
from narrator.models import Voice

VOICE = {"id": "en-gb-x-rp+f2", "rate": 150, "pitch": 30, "volume": 1.0}


def sentences(count: int) -> list[str]:
    return [f"Item {n} on the agenda: the ferry returns to the harbour on Tuesday, said the mayor."
            for n in range(count)]


def pcm(path: Path) -> bytes:
    with wave.open(str(path), "rb") as handle:
        return handle.readframes(handle.getnframes())


def shared(texts: list[str], folder: Path) -> list[Path]:
    paths = [folder / f"shared-{n}.wav" for n in range(len(texts))]

    def speak_all() -> None:
        engine, idle = fresh_engine(VOICE)
        for text, path in zip(texts, paths, strict=True):
            speak_chunked(engine, text, path, idle)

    in_fresh_process(speak_all)  # this process must not start eSpeak itself: the next way forks it
    return paths


def fork_init(texts: list[str], folder: Path) -> list[Path]:
    paths = [folder / f"fork-init-{n}.wav" for n in range(len(texts))]

    def speak_alone(text: str, path: Path) -> None:
        engine, idle = fresh_engine(VOICE)
        speak_chunked(engine, text, path, idle)

    for text, path in zip(texts, paths, strict=True):
        in_fresh_process(lambda text=text, path=path: speak_alone(text, path))
    return paths


def synchronous(texts: list[str], folder: Path) -> list[Path]:
    paths = [folder / f"synchronous-{n}.wav" for n in range(len(texts))]

    def speak_all() -> None:
        espeak = SynchronousESpeak()
        espeak.use(VOICE)
        for text, path in zip(texts, paths, strict=True):
            in_fresh_process(lambda text=text, path=path: espeak.speak(text, path))

    in_fresh_process(speak_all)  # eSpeak starts in a child, so the other ways still fork a clean process
    return paths


def spawned(texts: list[str], folder: Path) -> list[Path]:
    engine = get_engine("pyttsx3")
    voice = Voice("fiona", "pyttsx3", VOICE["id"], rate=VOICE["rate"], pitch=VOICE["pitch"])
    paths = [folder / f"spawned-{n}.wav" for n in range(len(texts))]
    for text, path in zip(texts, paths, strict=True):
        engine.synthesise(voice, [(text, path)], timeout=60)
    return paths


def fresh_reference(texts: list[str], folder: Path) -> list[bytes]:
    found = []
    for n, text in enumerate(texts):
        path = folder / f"cli-{n}.wav"
        subprocess.run(["espeak-ng", "-v", VOICE["id"], "-s", str(VOICE["rate"]), "-p", str(VOICE["pitch"]),
                        "-w", str(path), text], check=True)
        found.append(pcm(path))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    import pyttsx3.drivers.espeak  # noqa: F401 - imported once, as the worker does

    texts = sentences(args.sentences)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        reference = fresh_reference(texts, folder)
        ways = {"shared": shared, "fork+init": fork_init, "synchronous": synchronous, "spawned": spawned}
        times: dict[str, list[float]] = {way: [] for way in ways}
        equal: dict[str, int] = {}
        for _ in range(args.runs):
            for way, speak in ways.items():
                started = time.perf_counter()
                paths = speak(texts, folder)
                times[way].append(time.perf_counter() - started)
                equal[way] = sum(pcm(p) == r for p, r in zip(paths, reference, strict=True))
    base = statistics.median(times["shared"]) / len(texts)
    print(f"{len(texts)} sentences, voice {VOICE['id']}, median of {args.runs} runs")
    for way, runs in times.items():
        per = statistics.median(runs) / len(texts)
        print(f"  {way:11} {per * 1000:7.1f} ms/sentence  ×{per / base:5.2f}  "
              f"{equal[way]:3d}/{len(texts)} equal to a fresh espeak-ng")


if __name__ == "__main__":
    sys.exit(main())
