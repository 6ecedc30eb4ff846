"""Speaker attribution on real news: the PolNeAR dev set, split into a studied and a scored part.

Runs narrator's segmentation and casting in-process (the same path as ``narrator segments FILE --format
json``) and scores each article with the shared scorer's own functions, imported from the eval folder at
run time, so the numbers are the scorer's. Prints quote recall, precision, speaker accuracy and casting for
the studied part (line index % 5 != 4), the scored part (every fifth article), the shared dev set and the
seed, and the issue-15 targets beside them.

Errors are shown for the studied part only: the scored part is for measuring, never for reading.

Build the data first (never commit it): ``../shared/eval/make_polnear_dev.sh``. Run:
    .venv/bin/python benchmarks/bench_attribution.py                    # all four sets
    .venv/bin/python benchmarks/bench_attribution.py --part studied --show-errors 40
    .venv/bin/python benchmarks/bench_attribution.py --part studied --article huff-post_2016
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from types import ModuleType

from narrator.cast.casting import Cast, assign_voices, load_pool, pool_path_in
from narrator.ingest.reader import parse_article
from narrator.segment.segmenter import split_segments

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = Path(tempfile.gettempdir()) / "narrator-eval" / "polnear_dev.jsonl"
TARGETS = {"quote_recall": 0.98, "quote_precision": 0.98, "speaker_accuracy": 0.95, "casting": 0.99}
SCORED_EVERY = 5
"""Every fifth article (line index % 5 == 4) is scored and never studied."""


def eval_dir() -> Path:
    """The shared eval folder: $NARRATOR_EVAL_DIR, else ../shared/eval beside the repository or above it."""
    if os.environ.get("NARRATOR_EVAL_DIR"):
        return Path(os.environ["NARRATOR_EVAL_DIR"])
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "eval" / "score_quotes.py").is_file():
            return base / "shared" / "eval"
    sys.exit("shared eval folder not found; set NARRATOR_EVAL_DIR")


def load_scorer(folder: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_quotes", folder / "score_quotes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def segments_of(text: str, doc_id: str, pool) -> list[dict]:  # noqa: ANN001 (VoicePool)
    """What ``narrator segments FILE.txt --format json`` prints for ``text``, without a subprocess."""
    article = parse_article(text, "txt", doc_id + ".txt")
    items, _ = assign_voices(split_segments(article), pool, Cast(), language=article.language or "en")
    return [
        {"text": i.segment.text, "kind": i.segment.kind, "speaker": i.segment.speaker, "voice": i.voice.name}
        for i in items
    ]


def false_quotes(doc: dict, segments: list[dict]) -> list[tuple]:
    """Quote segments voiced where the gold has no quotation (what costs precision), as error rows."""
    spans = [(q["start"], q["end"]) for q in doc["quotes"]] + [
        (o["start"], o["end"]) for o in doc.get("other_quoted_spans", [])
    ]
    rows, at = [], 0
    for seg in segments:
        found = doc["text"].find(seg["text"].strip(), at)
        if found < 0:
            continue
        at = found
        end = found + len(seg["text"].strip())
        inside = sum(max(0, min(end, e) - max(found, s)) for s, e in spans)
        if seg["kind"] == "quote" and inside < 0.5 * (end - found):
            rows.append((doc["id"], "false", seg["text"][:90], None, seg["speaker"]))
    return rows


def score(docs: list[dict], scorer: ModuleType, pool) -> tuple[dict, list[tuple]]:  # noqa: ANN001
    """The scorer's summary over ``docs`` (casting as one figure: both pair kinds together) and its errors,
    including quotations voiced where the gold has none."""
    total: Counter = Counter()
    errors: list[tuple] = []
    for doc in docs:
        segments = segments_of(doc["text"], doc["id"], pool)
        res = scorer.score_doc(doc, segments)
        errors += [(doc["id"], *e) for e in res.pop("errors")] + false_quotes(doc, segments)
        total.update(res)
    ratio = scorer.ratio
    pairs = total["same_pairs"] + total["diff_pairs"]
    summary = {
        "articles": len(docs),
        "direct_quotes": total["direct"],
        "quote_recall": ratio(total["found"], total["direct"]),
        "quote_precision": ratio(total["pred_quote_tokens_ok"], total["pred_quote_tokens"]),
        "speaker_accuracy": ratio(total["speaker_ok"], total["attributable"]),
        "casting": ratio(total["same_pairs_ok"] + total["diff_pairs_ok"], pairs),
        "same_speaker_same_voice": ratio(total["same_pairs_ok"], total["same_pairs"]),
        "different_speakers_different_voices": ratio(total["diff_pairs_ok"], total["diff_pairs"]),
        "quotes_in_narrator_voice": total["narrator_voice_clash"],
    }
    return summary, errors


def context(doc: dict, snippet: str, width: int = 300) -> str:
    """Up to ``width`` characters either side of the quote (within its line and the line before) and the
    gold cue, indented: to read an error."""
    text = doc["text"]
    at = text.find(snippet[:60])
    if at < 0:
        return "    (quote not found in the text)"
    gold = next((q for q in doc["quotes"] if q["start"] <= at < q["end"]), {"start": at, "end": at})
    line_start = text.rfind("\n", 0, max(0, text.rfind("\n", 0, at) - 1)) + 1
    line_end = text.find("\n", gold["end"])
    start = max(line_start, gold["start"] - width)
    end = min(line_end if line_end >= 0 else len(text), gold["end"] + width)
    quote = text[gold["start"] : gold["end"]]
    shown = text[start : gold["start"]] + "[[" + quote + "]]" + text[gold["end"] : end]
    cue = (gold.get("speaker_mention") or {}).get("text"), (gold.get("cue") or {}).get("text")
    lines = ["    | " + line for line in shown.splitlines() if line.strip()]
    return "\n".join([*lines, f"    gold mention {cue[0]!r}, cue {cue[1]!r}"]) + "\n"


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def split_parts(docs: list[dict]) -> dict[str, list[dict]]:
    return {
        "studied": [d for k, d in enumerate(docs) if k % SCORED_EVERY != SCORED_EVERY - 1],
        "scored": [d for k, d in enumerate(docs) if k % SCORED_EVERY == SCORED_EVERY - 1],
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--polnear", type=Path, default=POLNEAR, help="PolNeAR dev JSON Lines")
    parser.add_argument(
        "--part", action="append", choices=["studied", "scored", "dev", "seed"],
        help="sets to score (repeatable; default all four)",
    )
    parser.add_argument("--article", help="only studied articles whose id contains this")
    parser.add_argument("--sample", type=int, help="a random sample of N studied articles (fixed seed)")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N", help="errors of the studied part")
    parser.add_argument(
        "--context", action="store_true", help="with --show-errors: the paragraph before and the quote's own"
    )
    parser.add_argument("--json", action="store_true", help="print the summaries as JSON")
    args = parser.parse_args()

    folder = eval_dir()
    scorer = load_scorer(folder)
    pool = load_pool(pool_path_in(ROOT / "no-such-folder"))  # the packaged pool, as outside a podcast
    parts = args.part or ["studied", "scored", "dev", "seed"]
    sets: dict[str, list[dict]] = {}
    if {"studied", "scored"} & set(parts):
        if not args.polnear.is_file():
            sys.exit(f"{args.polnear} not found; build it with {folder / 'make_polnear_dev.sh'}")
        sets.update({k: v for k, v in split_parts(read_jsonl(args.polnear)).items() if k in parts})
    if "studied" in sets:
        if args.article:
            sets["studied"] = [d for d in sets["studied"] if args.article in d["id"]]
        if args.sample:
            studied = sets["studied"]
            sets["studied"] = random.Random(15).sample(studied, min(args.sample, len(studied)))
    if "dev" in parts:
        sets["dev"] = read_jsonl(folder / "dev.jsonl")
    if "seed" in parts:
        sets["seed"] = read_jsonl(folder / "seed.jsonl")

    results = {}
    for name, docs in sets.items():
        start = time.perf_counter()
        summary, errors = score(docs, scorer, pool)
        summary["seconds"] = round(time.perf_counter() - start, 1)
        results[name] = summary
        if name == "studied":
            by_id = {d["id"]: d for d in docs}
            for error in errors[: args.show_errors]:
                print("\t".join(str(x) for x in error), file=sys.stderr)
                if args.context:
                    print(context(by_id[error[0]], error[2]), file=sys.stderr)
    if args.json:
        print(json.dumps(results))
        return 0
    keys = ["articles", "direct_quotes", *TARGETS, "same_speaker_same_voice",
            "different_speakers_different_voices", "quotes_in_narrator_voice", "seconds"]
    print(f"{'':36}" + "".join(f"{name:>10}" for name in results) + f"{'target':>10}")
    for key in keys:
        row = "".join(f"{results[name][key]:>10}" for name in results)
        print(f"{key:36}{row}{TARGETS.get(key, ''):>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
