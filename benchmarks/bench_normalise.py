"""Speech normalisation speed: 10,000 words of news in well under 0.2 s, and time per KB flat from 10 KB to
5 MB, on ordinary news text and on hostile text (long digit runs, one endless word, dotted and dashed
chains, every rule's trigger repeated).

Times are CPU seconds of this process (time.process_time), which other work on a shared machine does not
inflate the way it inflates wall-clock time. Each text is normalised as one string, the worst case: the
segmenter normally hands over a sentence at a time. Ratios are against the 10 KB time per KB of the same
text, measured in the same run; a linear normaliser stays near 1 (below 3 is flat within noise, as small
inputs pay a fixed overhead).

Run: .venv/bin/python benchmarks/bench_normalise.py [--max-mb 5]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

from narrator.normalise.style import speech_style
from narrator.normalise.text import speakable

OWN_SENTENCES = Path(__file__).parent.parent / "tests" / "normalise" / "own-sentences.jsonl"
PROSE = [
    "The council met on Tuesday to discuss the plan, which residents have opposed for months.",
    "Officials said the figures would be published later this week, along with a full report.",
    "“We have waited long enough for this,” said a campaigner who has followed the debate closely.",
]


def news(size: int, seed: int = 7) -> str:
    """News sentences, a third of them carrying a number, a date, money, a code or a symbol."""
    rng = random.Random(seed)
    items = [json.loads(line)["text"] for line in OWN_SENTENCES.open(encoding="utf-8")]
    parts, total = [], 0
    while total < size:
        sentence = rng.choice(items) if rng.random() < 0.35 else rng.choice(PROSE)
        parts.append(sentence)
        total += len(sentence) + 1
    return " ".join(parts)[:size]


HOSTILE: dict[str, Callable[[int], str]] = {
    "digits": lambda size: "7" * size,
    "one word": lambda size: "a" * size,
    "capitals": lambda size: "ABC" * (size // 3),
    "dotted": lambda size: "a." * (size // 2),
    "dashed digits": lambda size: "1-" * (size // 2),
    "slashed digits": lambda size: "12/" * (size // 3),
    "colons": lambda size: "1:2" * (size // 3),
    "spaced digits": lambda size: "12 " * (size // 3),
    "triggers": lambda size: ("£1.5m 3/4 10km 7.15am St Dr No 1 A1 #x @y x.com -5C ½ II " * size)[:size],
}


def per_kb(text: str, repeats: int = 1) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        speakable(text)
        best = min(best, time.process_time() - start)
    return best / (len(text.encode("utf-8")) / 1024)


def ten_thousand_words() -> float:
    """What the segmenter does for a 10,000-word article: one call per sentence."""
    text = news(70_000)
    sentences = text.replace(". ", ".\n").splitlines()
    words = 0
    chosen = []
    for sentence in sentences:
        chosen.append(sentence)
        words += len(sentence.split())
        if words >= 10_000:
            break
    style = speech_style("en-gb", chosen)
    speakable("warm up", style=style)
    best = best_wall = float("inf")
    for _ in range(3):
        start, wall = time.process_time(), time.perf_counter()
        for sentence in chosen:
            speakable(sentence, style=style)
        best = min(best, time.process_time() - start)
        best_wall = min(best_wall, time.perf_counter() - wall)
    print(f"10,000 words of news in {len(chosen)} sentences: {best:.3f} s of CPU "
          f"({best_wall:.3f} s wall clock; target well under 0.2 s)")
    return best


def scaling(name: str, make: Callable[[int], str], sizes: list[int]) -> float:
    baseline = per_kb(make(sizes[0]), repeats=3)
    worst = 1.0
    cells = []
    for size in sizes:
        ratio = per_kb(make(size), repeats=3 if size <= 100_000 else 1) / baseline
        worst = max(worst, ratio)
        cells.append(f"{size // 1000:>5} KB x{ratio:4.2f}")
    print(f"{name:15} {baseline * 1000:7.3f} ms/KB at 10 KB; " + "  ".join(cells))
    return worst


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-mb", type=float, default=5.0)
    args = parser.parse_args()
    sizes = [s for s in (10_000, 100_000, 1_000_000, 5_000_000) if s <= args.max_mb * 1_000_000]
    elapsed = ten_thousand_words()
    worst = scaling("news", news, sizes)
    for name, make in HOSTILE.items():
        worst = max(worst, scaling(name, make, sizes))
    flat = worst < 3
    print(f"worst time-per-KB ratio {worst:.2f} ({'flat: linear' if flat else 'NOT flat'})")
    return 0 if flat and elapsed < 0.2 else 1


if __name__ == "__main__":
    sys.exit(main())
