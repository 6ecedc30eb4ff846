"""Segmentation time per KB, from 10 KB to 5 MB of text (issue 13 item 5: every stage linear in size).

Three shapes: one long paragraph of one repeated sentence (the case that took 34 s at 158 KB), one long
paragraph of mixed narration, names and quotations, and that mixed text as many short paragraphs. Prints
CPU seconds and ms per KB for each size and the ratio of the largest size's ms/KB to the smallest's (flat is
about 1; quadratic grows with size).

Run: .venv/bin/python benchmarks/bench_segment_scaling.py [--max-kb 5120]
"""

from __future__ import annotations

import argparse
import time

from narrator.models import Article, Block
from narrator.segment.segmenter import split_segments

SENTENCES = (
    "The council met on Tuesday to discuss the plan, which would cost about $4.2 million. ",
    "“We have waited long enough for this,” said Anna Kowal, who has campaigned for a decade. ",
    "Mr. Abe, who arrived late, took a seat near the front of the hall in Tunica. ",
    "“It is not perfect,” she said. “But it is a start.” ",
    "Dr Sam Ncube told reporters: “Nobody should pretend this is easy.” ",
)


def text_of(kb: int, unit: str = "".join(SENTENCES)) -> str:
    return (unit * (kb * 1024 // len(unit.encode()) + 1))[: kb * 1024]


def timed(article: Article) -> float:
    """CPU seconds, not wall-clock: other processes on a shared machine then hardly move the ratio."""
    start = time.process_time()
    split_segments(article)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--max-kb", type=int, default=5120, help="largest size in KB (default 5 MB)")
    args = parser.parse_args()
    split_segments(Article(title="warm", blocks=(Block("paragraph", text_of(2)),), source="bench"))
    sizes = [kb for kb in (10, 40, 160, 640, 1280, 2560, 5120) if kb <= args.max_kb]
    for shape in ("repeated", "one paragraph", "paragraphs"):
        rates = []
        for kb in sizes:
            text = text_of(kb, SENTENCES[0] if shape == "repeated" else "".join(SENTENCES))
            if shape != "paragraphs":
                blocks = (Block("paragraph", text),)
            else:
                blocks = tuple(Block("paragraph", p.strip()) for p in text.split(". “It is") if p.strip())
            seconds = timed(Article(title="Scaling", blocks=blocks, source="bench"))
            rates.append(seconds * 1000 / kb)
            print(f"{shape:14} {kb:6} KB  {seconds:8.2f} s  {rates[-1]:7.2f} ms/KB", flush=True)
        growth = rates[-1] / rates[0]
        print(f"{shape:14} ms/KB at {sizes[-1]} KB / at {sizes[0]} KB = {growth:.2f} (flat: about 1)")


if __name__ == "__main__":
    main()
