"""Segmentation speed on a generated 10,000-word article (target: under 0.5 s).

Run: .venv/bin/python benchmarks/bench_segment.py
"""

from __future__ import annotations

import random
import time

from narrator.models import Article, Block
from narrator.segment.segmenter import split_segments

PEOPLE = ["Anna Kowal", "Rich Greenfield", "Mrs Helen Brody", "Dr Sam Ncube", "Councillor Ruth Evans"]
NARRATION = [
    "The council met on Tuesday to discuss the plan, which would cost about $4.2 million over five years.",
    "Residents in the U.S. and the UK have followed the debate closely since 2019.",
    "Mr. Abe, who arrived late, took a seat near the front of the hall.",
    "Officials said the figures would be published on 14 March, along with a full report.",
]
QUOTES = [
    "“We have waited long enough for this,” said {p}, who has campaigned for a decade.",
    "“It is not perfect,” {p} said. “But it is a start, and we should take it.”",
    "{p} told reporters: “Nobody should pretend this is easy.”",
    "“Why now?” she asked. “Because the money is there at last.”",
]


def make_article(words: int = 10_000, seed: int = 7) -> Article:
    rng = random.Random(seed)
    blocks, count = [], 0
    while count < words:
        text = " ".join(
            rng.choice(NARRATION) if rng.random() < 0.6 else rng.choice(QUOTES).format(p=rng.choice(PEOPLE))
            for _ in range(3)
        )
        blocks.append(Block("paragraph", text))
        count += len(text.split())
    return Article(title="Benchmark", blocks=tuple(blocks), source="bench")


def main() -> None:
    article = make_article()
    words = sum(len(b.text.split()) for b in article.blocks)
    split_segments(make_article(300))  # warm up lazy imports and regex caches
    start, cpu = time.perf_counter(), time.process_time()
    segments = split_segments(article)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"segmented {words} words into {len(segments)} segments in {elapsed:.3f} s "
        f"({cpu:.3f} s of CPU; target < 0.5 s)"
    )


if __name__ == "__main__":
    main()
