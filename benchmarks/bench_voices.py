"""Synthesise one sentence with every pool voice and print how far apart each pair is.

Run: .venv/bin/python benchmarks/bench_voices.py [voices/voices.toml] [--language en]
A pair is distinct when median F0 differs by >= 2 semitones, or the engine voices/variants differ and
the long-term spectra differ by >= SPECTRAL_MIN dB RMS.
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
import time
from pathlib import Path

from narrator.audio.acoustics import median_f0, semitones, spectral_distance
from narrator.cast.casting import load_pool
from narrator.models import CastSegment, Segment
from narrator.synth.synthesis import SegmentCache, synthesise

SENTENCE = "The committee will publish its findings on Thursday, after a long and difficult review."
SPECTRAL_MIN = 1.5


def distinct(f0_gap: float, spectral: float, same_timbre: bool) -> bool:
    return f0_gap >= 2.0 or (not same_timbre and spectral >= SPECTRAL_MIN)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pool", nargs="?", default="voices/voices.toml")
    parser.add_argument("--language", default="en")
    args = parser.parse_args()
    pool = load_pool(Path(args.pool))
    voices = [v for v in pool.voices if v.language == args.language]
    with tempfile.TemporaryDirectory() as tmp:
        items = [CastSegment(Segment(SENTENCE, SENTENCE, "narration"), voice) for voice in voices]
        start = time.perf_counter()
        clips = synthesise(items, SegmentCache(Path(tmp)))
        print(f"synthesised {len(clips)} voices in {time.perf_counter() - start:.2f} s")
        f0 = {v.name: median_f0(c.path) for v, c in zip(voices, clips, strict=True)}
        paths = {v.name: c.path for v, c in zip(voices, clips, strict=True)}
        print(f"{'voice':10} {'engine':8} {'id':22} {'gender':6} {'F0 Hz':>7} {'LUFS':>7} {'seconds':>7}")
        for voice, clip in zip(voices, clips, strict=True):
            print(
                f"{voice.name:10} {voice.engine:8} {voice.engine_id:22} {voice.gender or '-':6} "
                f"{f0[voice.name]:7.1f} {clip.loudness or float('nan'):7.1f} {clip.duration:7.2f}"
            )
        print(f"\n{'pair':22} {'F0 st':>6} {'spec dB':>8}  distinct")
        failures = 0
        for a, b in itertools.combinations(voices, 2):
            gap = semitones(f0[a.name], f0[b.name])
            spectral = spectral_distance(paths[a.name], paths[b.name])
            same = (a.engine, a.engine_id) == (b.engine, b.engine_id)
            ok = distinct(gap, spectral, same)
            failures += not ok
            print(f"{a.name + '/' + b.name:22} {gap:6.2f} {spectral:8.2f}  {'yes' if ok else 'NO'}")
        print(f"\n{failures} indistinct pair(s) of {len(voices) * (len(voices) - 1) // 2}")


if __name__ == "__main__":
    main()
