"""Synthesise one sentence in each language with every pool voice and print how far apart each pair is.

Run: .venv/bin/python benchmarks/bench_voices.py [voices/voices.toml] [--language en]
Two voices of one language sound alike when their median F0 is within 2 semitones AND their spectral
centroids within 15 % (narrator.audio.acoustics.sound_alike); the script exits 1 if any pair does, or if
a voice cannot speak here.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from pathlib import Path

from narrator.audio.acoustics import median_f0, semitones, sound_alike, spectral_centroid
from narrator.cast.casting import load_pool
from narrator.engines import voice_problem
from narrator.models import CastSegment, Segment
from narrator.synth.synthesis import SegmentCache, synthesise

SENTENCES = {
    "en": "The committee will publish its findings on Thursday, after a long and difficult review.",
    "fr": "Le comité publiera ses conclusions jeudi, après un examen long et difficile.",
    "de": "Der Ausschuss wird seine Ergebnisse am Donnerstag nach einer langen Prüfung veröffentlichen.",
    "es": "El comité publicará sus conclusiones el jueves, después de una revisión larga y difícil.",
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("pool", nargs="?", default="voices/voices.toml")
    parser.add_argument("--language", help="only this language (default: every language in the pool)")
    args = parser.parse_args()
    pool = load_pool(Path(args.pool))
    languages = [args.language] if args.language else sorted({v.language for v in pool.voices})
    alike = broken = pairs = 0
    for language in languages:
        voices = [v for v in pool.voices if v.language == language]
        for voice in [v for v in voices if voice_problem(v)]:
            print(f"{voice.name}: cannot speak here: {voice_problem(voice)}")
            broken += 1
        voices = [v for v in voices if not voice_problem(v)]
        sentence = SENTENCES.get(language, SENTENCES["en"])
        with tempfile.TemporaryDirectory() as tmp:
            items = [CastSegment(Segment(sentence, sentence, "narration"), voice) for voice in voices]
            start = time.perf_counter()
            clips = synthesise(items, SegmentCache(Path(tmp)))
            print(f"\n[{language}] synthesised {len(clips)} voices in {time.perf_counter() - start:.2f} s")
            f0 = {v.name: median_f0(c.path) for v, c in zip(voices, clips, strict=True)}
            centroid = {v.name: spectral_centroid(c.path) for v, c in zip(voices, clips, strict=True)}
        print(f"{'voice':10} {'engine':8} {'id':24} {'gender':6} {'F0 Hz':>7} {'centroid':>8} {'LUFS':>7}")
        for voice, clip in zip(voices, clips, strict=True):
            print(
                f"{voice.name:10} {voice.engine:8} {Path(voice.engine_id).name[:24]:24} "
                f"{voice.gender or '-':6} "
                f"{f0[voice.name]:7.1f} {centroid[voice.name]:8.0f} {clip.loudness or float('nan'):7.1f}"
            )
        print(f"{'pair':22} {'F0 st':>6} {'centroid %':>10}  distinct")
        for a, b in itertools.combinations(voices, 2):
            gap = semitones(f0[a.name], f0[b.name])
            bright = 100 * abs(centroid[a.name] - centroid[b.name]) / max(centroid[a.name], centroid[b.name])
            same = sound_alike(f0[a.name], f0[b.name], centroid[a.name], centroid[b.name])
            alike += same
            pairs += 1
            print(f"{a.name + '/' + b.name:22} {gap:6.2f} {bright:10.1f}  {'NO' if same else 'yes'}")
    print(f"\n{alike} pair(s) alike of {pairs} within-language pairs; {broken} voice(s) cannot speak here")
    return 1 if alike or broken else 0


if __name__ == "__main__":
    sys.exit(main())
