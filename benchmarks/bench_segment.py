"""Segmentation speed on a generated 10,000-word article (target: under 0.5 s).

The absolute figure moves with the machine (the same commit measured 0.42 s and 0.47 s on two days), so the
run also times a baseline on the same text, a plain tokenising pass over its words, and prints the ratio:
that figure compares across machines and days. Both are the fastest of a few runs.

Run: .venv/bin/python benchmarks/bench_segment.py
     .venv/bin/python benchmarks/bench_segment.py --real   # real news (PolNeAR dev set, if built)
"""

from __future__ import annotations

import gc
import json
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

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


_TOKEN = re.compile(r"\w+|[^\w\s]")


def plain_pass(article: Article) -> None:
    """The baseline: what any reader of the text does at the least, each word found and lower-cased."""
    for block in article.blocks:
        [token.lower() for token in _TOKEN.findall(block.text)]


def forget_readings() -> None:
    """Empty the memos the segmenting and speech modules keep of words and names (``functools`` caches), so
    each timed run reads the article as if no article had been read before it; a loaded resource (a cache
    of one, such as the first-name table) stays, as it does for every article after a process's first."""
    for name, module in list(sys.modules.items()):
        if name.startswith(("narrator.segment", "narrator.normalise", "narrator.titles", "narrator.letters")):
            for value in vars(module).values():
                info = getattr(value, "cache_info", None)
                if callable(info) and info().maxsize != 1:
                    value.cache_clear()


def fastest(work: Callable[[Article], object], article: Article, runs: int) -> float:
    """The least CPU time of ``runs`` runs of ``work(article)``, each from empty memos, with the garbage
    collector off as timeit has it (a collection falls on whichever run the heap happens to fill)."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(runs):
            forget_readings()
            cpu = time.process_time()
            work(article)
            best = min(best, time.process_time() - cpu)
    finally:
        gc.enable()
    return best


def real_news(limit: int = 150) -> list[Article]:
    """The first ``limit`` studied articles of the PolNeAR dev set, when it has been built
    (``../shared/eval/make_polnear_dev.sh``; never committed), as ``narrator segments`` reads them."""
    from narrator.ingest.reader import parse_article

    path = Path(tempfile.gettempdir()) / "narrator-eval" / "polnear_dev.jsonl"
    if not path.is_file():
        sys.exit(f"{path} not found: build it with ../shared/eval/make_polnear_dev.sh")
    articles = []
    with path.open(encoding="utf-8") as lines:
        for index, line in enumerate(lines):
            if index % 5 != 4 and len(articles) < limit:
                articles.append(parse_article(json.loads(line)["text"], "txt", f"{index}.txt"))
    return articles


def time_real_news() -> None:
    """CPU per 10,000 words over real articles, each read from empty memos: the synthetic article repeats
    its sentences, which the memos of names and sentences favour more than real text does."""
    articles = real_news()
    words = sum(len(b.text.split()) for a in articles for b in a.blocks)
    split_segments(articles[0])
    best = min(sum(fastest(split_segments, a, runs=1) for a in articles) for _ in range(2))
    print(f"real news: {len(articles)} articles, {words} words in {best:.2f} s of CPU; "
          f"{best / words * 10_000:.3f} s per 10,000 words")


def main() -> None:
    if "--real" in sys.argv[1:]:
        time_real_news()
        return
    article = make_article()
    words = sum(len(b.text.split()) for b in article.blocks)
    split_segments(make_article(300))  # warm up lazy imports and regex caches
    segments = len(split_segments(article))
    cpu = fastest(split_segments, article, runs=5)
    baseline = fastest(plain_pass, article, runs=50)
    print(f"segmented {words} words into {segments} segments in {cpu:.3f} s of CPU (target < 0.5 s)")
    print(
        f"baseline, a plain tokenising pass over the same words: {baseline * 1000:.1f} ms; "
        f"ratio {cpu / baseline:.0f}"
    )


if __name__ == "__main__":
    main()
