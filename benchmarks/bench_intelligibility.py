"""How well an offline recogniser understands the seed episode: neural narrator beside eSpeak NG's.

    .venv/bin/python benchmarks/bench_intelligibility.py

The seed (articles/hms-argyll.txt) is built twice in a scratch copy of the podcast: with the sample pool
as it is (neural narrator "joe") and with the eSpeak NG narrator first. Each episode's MP3 is cut by its
VTT cues and every cue is transcribed by pocketsphinx (its bundled en-us model); the word error rate is
counted against the cue's spoken form (``speakable`` with the podcast's lexicon, as the engines were
given it). Prints the narrator's WER in both builds on the same text (target: neural <= 0.45), the WER
of the quote voices the seed's speakers got, and, for information, every English quote voice of the pool
reading the seed's first narration sentences. pocketsphinx is a weak recogniser: the numbers compare
voices side by side, they do not say what a listener hears.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "articles" / "hms-argyll.txt"
RATE = 16000
MARGIN = 0.15
"""Seconds of audio kept on each side of a cue, so the recogniser hears the first and last phones."""


def build(folder: Path, neural: bool) -> Path:
    shutil.copy(ROOT / "podcast.toml", folder)
    shutil.copytree(ROOT / "voices", folder / "voices", ignore=shutil.ignore_patterns("cast.toml"))
    if not neural:  # the neural voice stops narrating; the eSpeak NG narrator is next in line
        pool = folder / "voices" / "voices.toml"
        text = pool.read_text(encoding="utf-8")
        joe = re.search(r"\[voices\.joe\]\n(.*?)(?=\n\[|\Z)", text, re.S)
        assert joe is not None, "the sample pool has no neural narrator joe"
        pool.write_text(text.replace(joe.group(0), joe.group(0).replace("narrator = true\n", "")), "utf-8")
    (folder / "articles").mkdir()
    shutil.copy(SEED, folder / "articles")
    command = [sys.executable, "-m", "narrator", "build", "--config", str(folder / "podcast.toml"), "-q"]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return folder / "output" / "episodes" / f"{SEED.stem}"


def cues(vtt: Path) -> list[tuple[float, float, str, str]]:
    """(start, end, speaker, text) of every cue."""
    found = []
    pattern = re.compile(r"(\d+):(\d+):([\d.]+) --> (\d+):(\d+):([\d.]+)\n<v ([^>]*)>(.*?)</v>", re.S)
    for block in vtt.read_text(encoding="utf-8").split("\n\n"):
        timing = pattern.search(block)
        if timing:
            h1, m1, s1, h2, m2, s2, speaker, text = timing.groups()
            start = int(h1) * 3600 + int(m1) * 60 + float(s1)
            end = int(h2) * 3600 + int(m2) * 60 + float(s2)
            found.append((start, end, speaker, text.replace("\n", " ")))
    return found


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("\u2019", "'").replace("-", " "))


def edit_distance(reference: list[str], hypothesis: list[str]) -> int:
    row = list(range(len(hypothesis) + 1))
    for i, word in enumerate(reference, 1):
        previous, row[0] = row[0], i
        for j, heard in enumerate(hypothesis, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (word != heard))
    return row[-1]


def transcribe(episode: Path, voices_of: dict[str, str]) -> dict[str, list[int]]:
    """Errors and reference words per voice name (the narrator as "Narrator")."""
    from pocketsphinx import Decoder

    from narrator.normalise.lexicon import load_lexicon
    from narrator.normalise.text import speakable

    lexicon = load_lexicon(ROOT / "voices" / "lexicon.toml")
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", str(episode.with_suffix(".mp3")), "-ac", "1", "-ar",
                          str(RATE), "-f", "s16le", "-"], capture_output=True, check=True).stdout
    audio = np.frombuffer(raw, dtype="<i2")
    decoder = Decoder(samprate=RATE, loglevel="FATAL")
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for start, end, speaker, text in cues(episode.with_suffix(".vtt")):
        cut = audio[max(0, int((start - MARGIN) * RATE)) : int((end + MARGIN) * RATE)]
        spoken = speakable(text, lexicon, speaker=None if speaker == "Narrator" else speaker)
        errors, count = recognised(decoder, cut, spoken)
        voice = "Narrator" if speaker == "Narrator" else voices_of.get(speaker, speaker)
        totals[voice][0] += errors
        totals[voice][1] += count
    return totals


def recognised(decoder: object, samples: np.ndarray, text: str) -> tuple[int, int]:
    """(errors, reference words) for ``samples`` at RATE against ``text``'s words."""
    decoder.start_utt()
    decoder.process_raw(samples.tobytes(), full_utt=True)
    decoder.end_utt()
    heard = decoder.hyp().hypstr if decoder.hyp() else ""
    reference = words(text)
    return edit_distance(reference, words(heard)), len(reference)


def every_quote_voice(sentences: int = 8) -> dict[str, tuple[int, int]]:
    """Each English quote voice of the pool reading the seed's first narration sentences."""
    from pocketsphinx import Decoder

    from narrator.cast.casting import load_pool
    from narrator.ingest.reader import read_article
    from narrator.models import CastSegment
    from narrator.normalise.lexicon import load_lexicon
    from narrator.segment.segmenter import split_segments
    from narrator.synth.synthesis import CLIP_RATE, SegmentCache, resample, synthesise

    lexicon = load_lexicon(ROOT / "voices" / "lexicon.toml")
    segments = [s for s in split_segments(read_article(str(SEED)), lexicon) if s.kind == "narration"]
    segments = segments[:sentences]
    pool = load_pool(ROOT / "voices" / "voices.toml")
    decoder = Decoder(samprate=RATE, loglevel="FATAL")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for voice in [v for v in pool.voices if v.language == "en" and not v.narrator]:
            clips = synthesise([CastSegment(s, voice) for s in segments], SegmentCache(Path(tmp)))
            errors = total = 0
            for segment, clip in zip(segments, clips, strict=True):
                samples = np.fromfile(clip.path, dtype="<i2", offset=44)
                found, count = recognised(decoder, resample(samples, CLIP_RATE, RATE), segment.spoken)
                errors, total = errors + found, total + count
            results[voice.name] = (errors, total)
    return results


def cast_of(folder: Path) -> dict[str, str]:
    text = (folder / "voices" / "cast.toml").read_text(encoding="utf-8")
    return dict(re.findall(r'\[speakers\."([^"]+)"\]\nvoice = "([^"]+)"', text))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for label, neural in (("neural (joe, Piper)", True), ("eSpeak NG (narrator)", False)):
            folder = Path(tmp) / label.split()[0]
            folder.mkdir()
            episode = build(folder, neural)
            results[label] = transcribe(episode, cast_of(folder))
    print(f"seed: {SEED.name}; recogniser: pocketsphinx en-us; WER = edits / reference words")
    for label, totals in results.items():
        errors, total = totals["Narrator"]
        print(f"narrator {label:22} WER {errors / total:.2f}  ({errors}/{total} words)")
    print("target: neural narrator WER <= 0.45\nquote voices of the seed's speakers (neural build):")
    for voice, (errors, total) in sorted(results["neural (joe, Piper)"].items()):
        if voice != "Narrator":
            print(f"  {voice:10} WER {errors / total:.2f}  ({errors}/{total} words)")
    print("every English quote voice reading the seed's first 8 narration sentences:")
    for voice, (errors, total) in every_quote_voice().items():
        print(f"  {voice:10} WER {errors / total:.2f}  ({errors}/{total} words)")


if __name__ == "__main__":
    main()
