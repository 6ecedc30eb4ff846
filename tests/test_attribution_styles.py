"""Attribution on house styles of real outlets (wire, BBC, NYT, sports, tech, court, feature …).

Each article in ``fixtures/styles/`` was written for these tests and has a sidecar JSON listing quote
snippets with their speaker, and quoted words that must stay in the narrator's voice. Run this file as a
script for a per-article report: ``python tests/test_attribution_styles.py``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from narrator.ingest.reader import read_article
from narrator.models import Segment
from narrator.segment.segmenter import split_segments

STYLES = Path(__file__).parent / "fixtures" / "styles"
ARTICLES = sorted(STYLES.glob("*.txt"))
_TITLES = {"mr", "mrs", "ms", "dr", "the", "a", "an", "one", "judge", "gov", "sheriff"}


def _key(name: str) -> list[str]:
    words = [w.lower().replace("’", "'") for w in re.findall(r"\w+(?:['’]\w+)*", name)]
    words = [w[:-2] if w.endswith("'s") else w.removesuffix("s") if len(w) > 3 else w for w in words]
    return [w for w in words if w not in _TITLES] or words


def same_speaker(predicted: str | None, gold: str, strict: bool) -> bool:
    """The scorer's lenient match: same last word or overlapping words; all gold words when ``strict``
    (two speakers in the article share that last name)."""
    if not predicted:
        return False
    p, g = _key(predicted), _key(gold)
    if strict:
        return set(g) <= set(p)
    ps, gs = set(p), set(g)
    return p[-1] == g[-1] or ps <= gs or gs <= ps or len(ps & gs) / len(ps | gs) >= 0.5


def _flat(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").split())


def check(path: Path) -> tuple[list[str], int]:
    """Problems found in one article and the number of expectations checked."""
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    segments: list[Segment] = split_segments(read_article(path))
    gold_names = [speaker for _, speaker in expected["quotes"]]
    problems = []
    for snippet, speaker in expected["quotes"]:
        hits = [s for s in segments if _flat(snippet) in _flat(s.text)]
        if not hits:
            problems.append(f"{path.stem}: snippet not found: {snippet!r}")
            continue
        seg = hits[0]
        last = _key(speaker)[-1]
        strict = len({g for g in gold_names if _key(g)[-1] == last}) > 1
        if seg.kind != "quote":
            problems.append(f"{path.stem}: not voiced as a quote: {snippet!r}")
        elif not same_speaker(seg.speaker, speaker, strict):
            problems.append(f"{path.stem}: {snippet!r} → {seg.speaker!r}, expected {speaker!r}")
    for snippet in expected["narrator"]:
        hits = [s for s in segments if _flat(snippet) in _flat(s.text)]
        if any(s.kind == "quote" for s in hits):
            problems.append(f"{path.stem}: narrator span voiced as a quote: {snippet!r}")
    return problems, len(expected["quotes"]) + len(expected["narrator"])


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_style_article(path: Path) -> None:
    problems, _ = check(path)
    assert not problems, "\n".join(problems)


def test_fixtures_are_news_length() -> None:
    assert len(ARTICLES) >= 8
    for path in ARTICLES:
        assert 300 <= len(path.read_text(encoding="utf-8").split()) <= 700, path.name


if __name__ == "__main__":
    total = wrong = 0
    for article_path in ARTICLES:
        found, checked = check(article_path)
        total += checked
        wrong += len(found)
        print(f"{article_path.stem}: {checked - len(found)}/{checked}")
        for line in found:
            print("   ", line)
    print(f"all: {total - wrong}/{total}")
    sys.exit(1 if wrong else 0)
