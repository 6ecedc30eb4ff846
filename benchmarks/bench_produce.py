"""Peak memory and time of producing a 10-minute and a 3-hour episode, and their ratios in this run.

Run: .venv/bin/python benchmarks/bench_produce.py [--long-words 30000] [--short-words 1500] [--check]

A pool of sentence clips is synthesised once with the real espeak-ng CLI and reused in a cycle, so the
figures measure producing (stitching, loudness, encoding, tags, side files) rather than synthesis.
eSpeak reads 30,000 words in about three hours. Each episode is produced in a fresh process, so each peak
resident size is its own. Targets (issue 5): the 3-hour peak under 300 MB and within 1.5x of the
10-minute peak.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
import wave
from pathlib import Path

import numpy as np
import pyloudnorm

SENTENCES = [
    "The committee met on Thursday to review the plans for the new harbour.",
    "Nobody expected the vote to be close.",
    "By the evening, the first results had arrived from the northern towns.",
    "Several members asked for more time to read the report.",
    "The chair refused, saying the public had waited long enough.",
    "Outside, a small crowd gathered in the rain.",
    "Some carried banners; others simply watched.",
    "The debate lasted well into the night, with speeches from every side of the chamber.",
    "It was, by any measure, a remarkable day for the town.",
    "We will not stop until the work is done.",
    "In the morning the papers told a different story.",
    "Prices had risen by four per cent over the year, faster than wages.",
]
NARRATOR = ("narrator", "en-us", 170, 50)
GUEST = ("guest", "en+f3", 160, 60)


def make_pool(folder: Path) -> list[tuple[str, tuple[str, str, int, int], Path]]:
    """Every sentence in both voices, synthesised once by the espeak-ng CLI."""
    pool = []
    for voice in (NARRATOR, GUEST):
        name, engine_id, rate, pitch = voice
        for n, text in enumerate(SENTENCES):
            path = folder / f"{name}-{n}.wav"
            if not path.exists():
                command = [
                    "espeak-ng",
                    "-v",
                    engine_id,
                    "-s",
                    str(rate),
                    "-p",
                    str(pitch),
                    "-w",
                    str(path),
                    text,
                ]
                subprocess.run(command, check=True)
            pool.append((text, voice, path))
    return pool


def produce(words: int, clips_dir: Path, out_dir: Path) -> dict[str, float]:
    """Produce one episode of about `words` words; runs in a child process."""
    from narrator.config import Channel
    from narrator.models import Article, CastSegment, Clip, Segment, Voice
    from narrator.produce.episode import produce_episode

    pool = make_pool(clips_dir)
    voices = {
        v[0]: Voice(v[0], "espeak", v[1], rate=v[2], pitch=v[3], narrator=v is NARRATOR)
        for v in (NARRATOR, GUEST)
    }
    measured: dict[Path, Clip] = {}
    for _, _, path in pool:  # measured as synthesis does; every sentence is longer than one 0.4 s block
        with wave.open(str(path)) as wav:
            rate, data = wav.getframerate(), wav.readframes(wav.getnframes())
        samples = np.frombuffer(data, dtype="<i2") / 32768
        measured[path] = Clip(path, rate, samples.size, pyloudnorm.Meter(rate).integrated_loudness(samples))

    items: list[CastSegment] = []
    clips: list[Clip] = []

    def add(text: str, voice: Voice, path: Path, **where: object) -> None:
        kind = "quote" if voice.name == "guest" else "narration"
        speaker = "A Guest" if kind == "quote" else None
        items.append(CastSegment(Segment(text, text, kind, speaker=speaker, **where), voice))
        clips.append(measured[path])

    narrator_clips = [(t, p) for t, v, p in pool if v is NARRATOR]
    guest_clips = [(t, p) for t, v, p in pool if v is GUEST]
    text, path = narrator_clips[0]
    add(text, voices["narrator"], path, block="intro")
    count, n, paragraph = 0, 0, 0
    while count < words:
        if paragraph % 30 == 0:
            text, path = narrator_clips[n % len(narrator_clips)]
            add(text, voices["narrator"], path, paragraph=paragraph, block="heading")
            paragraph += 1
        for sentence in range(5):
            if n % 7 == 6:
                text, path = guest_clips[n % len(guest_clips)]
                add(text, voices["guest"], path, paragraph=paragraph, sentence=sentence)
            else:
                text, path = narrator_clips[n % len(narrator_clips)]
                add(text, voices["narrator"], path, paragraph=paragraph, sentence=sentence)
            count += len(text.split())
            n += 1
        paragraph += 1
    text, path = narrator_clips[1]
    add(text, voices["narrator"], path, block="outro")

    channel = Channel(
        "Bench", "Benchmark.", "Bench", "Bench", "b@example.com", "en", "News", "https://example.com/"
    )
    article = Article(title=f"Bench {words} words", blocks=(), source="bench.txt")
    encoder_peak = [0]
    done = threading.Event()
    watcher = threading.Thread(target=watch_children, args=(encoder_peak, done), daemon=True)
    watcher.start()
    start = time.perf_counter()
    episode = produce_episode(article, items, clips, channel, out_dir, f"bench-{words}")
    seconds = time.perf_counter() - start
    done.set()
    watcher.join()
    return {
        "words": count,
        "clips": len(clips),
        "duration": episode.duration,
        "seconds": seconds,
        "python_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "ffmpeg_mb": encoder_peak[0] / 1024,
        "audio": str(episode.audio),
        "last_cue_start": episode.cues[-1].start,
    }


def watch_children(peak: list[int], done: threading.Event) -> None:
    """Track the peak resident size (VmHWM, kB) of this process's children, i.e. the ffmpeg encoder.

    RUSAGE_CHILDREN would report the forked Python's size from before exec, not ffmpeg's.
    """
    me = str(os.getpid())
    while not done.wait(0.1):
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                if stat.read_text().rsplit(")", 1)[1].split()[1] != me:
                    continue
                status = (stat.parent / "status").read_text()
            except (OSError, IndexError):
                continue
            match = re.search(r"VmHWM:\s+(\d+) kB", status)
            if match:
                peak[0] = max(peak[0], int(match.group(1)))


def run_child(words: int, clips_dir: Path, out_dir: Path) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", str(words), str(clips_dir), str(out_dir)]
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def ebur128(path: str) -> tuple[float, float]:
    command = [
        "ffmpeg",
        "-hide_banner",
        "-nostats",
        "-i",
        path,
        "-af",
        "ebur128=peak=true",
        "-f",
        "null",
        "-",
    ]
    summary = subprocess.run(command, capture_output=True, text=True, check=True).stderr.split("Summary:")[-1]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+) dBFS", summary).group(1))
    return integrated, peak


def onset_error(path: str, cue_start: float) -> float:
    """Seconds between a cue's start and the first audible sample after it in the decoded MP3.

    The output-side -ss decodes from the start and discards, so the position is exact. The cue includes
    15 ms of lead margin before the first audible sample, so a perfect timing reads about +0.015.
    """
    before = 0.5
    command = ["ffmpeg", "-v", "error", "-i", path, "-ss", f"{cue_start - before:.6f}", "-t", "1.5",
               "-f", "s16le", "-ac", "1", "-"]  # fmt: skip
    raw = subprocess.run(command, capture_output=True, check=True).stdout
    samples = np.abs(np.frombuffer(raw, dtype="<i2").astype(np.float64) / 32768)
    return float(np.flatnonzero(samples > 0.003)[0] / 44100 - before)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--long-words", type=int, default=30_000)
    parser.add_argument("--short-words", type=int, default=1_500)
    parser.add_argument(
        "--check",
        action="store_true",
        help="measure loudness (ffmpeg ebur128) and last-cue timing of both MP3s",
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        words, clips_dir, out_dir = args.child
        print(json.dumps(produce(int(words), Path(clips_dir), Path(out_dir))))
        return

    with tempfile.TemporaryDirectory() as tmp:
        clips_dir, out_dir = Path(tmp, "clips"), Path(tmp, "episodes")
        clips_dir.mkdir()
        make_pool(clips_dir)
        results = {name: run_child(words, clips_dir, out_dir) for name, words in
                   (("short", args.short_words), ("long", args.long_words))}  # fmt: skip
        for name, r in results.items():
            print(
                f"{name:5}: {r['words']:6d} words, {r['clips']:5d} clips, "
                f"{r['duration'] / 60:6.1f} min of audio; "
                f"produced in {r['seconds']:6.1f} s ({r['duration'] / r['seconds']:5.0f}x real time); "
                f"peak RSS python {r['python_mb']:5.0f} MB, ffmpeg {r['ffmpeg_mb']:4.0f} MB"
            )
            if args.check:
                integrated, peak = ebur128(r["audio"])
                error = onset_error(r["audio"], r["last_cue_start"])
                print(
                    f"       loudness {integrated:.1f} LUFS, true peak {peak:.1f} dBTP; "
                    f"last cue at {r['last_cue_start']:.3f} s, speech begins {error * 1000:+.1f} ms after it"
                )
        short, long = results["short"], results["long"]
        ratio = long["python_mb"] / short["python_mb"]
        print(f"peak RSS ratio long/short (python): {ratio:.2f}  (target <= 1.5)")
        total = {k: r["python_mb"] + r["ffmpeg_mb"] for k, r in results.items()}
        print(f"peak RSS ratio long/short (python + ffmpeg): {total['long'] / total['short']:.2f}")
        print(f"long peak RSS python {long['python_mb']:.0f} MB  (target < 300 MB)")
        print(f"time per audio hour: {long['seconds'] / (long['duration'] / 3600):.1f} s")


if __name__ == "__main__":
    main()
