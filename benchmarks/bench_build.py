"""Build speed against a bare sequential pipeline, measured in the same run.

Prints three ratios (targets from issue 5):
- cold build of 20 articles / bare `espeak-ng -w` + `ffmpeg` MP3 per article, one after another  (< 1.0)
- rebuild with nothing changed / cold build                                                     (<= 0.10)
- rebuild after editing one paragraph of one article / cold build                               (<= 0.15)

Run: .venv/bin/python benchmarks/bench_build.py [--articles 20] [--espeak-narrator]

``--espeak-narrator`` leaves the neural voices out of the pool, so eSpeak NG narrates as on a machine
without Piper: the configuration the figures before the neural narrator were measured in.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pools import leave_out_neural

ROOT = Path(__file__).resolve().parent.parent
NARRATOR = [sys.executable, "-m", "narrator"]
PEOPLE = ["Anna Kowal", "Rich Greenfield", "Helen Brody", "Sam Ncube", "Ruth Evans", "Tom Price"]
NARRATION = [
    "The council met on Tuesday to discuss the plan, which would cost about $4.2 million over five years.",
    "Residents have followed the debate closely since 2019, and turnout at meetings has doubled.",
    "Officials said the figures would be published in March, along with a full report on the costs.",
    "The proposal includes new crossings, wider pavements and a review of bus routes in the area.",
    "Local businesses were divided, with some warning of lost trade during the works.",
]
QUOTES = [
    "\u201cWe have waited long enough for this,\u201d said {p}, who has campaigned for a decade.",
    "\u201cIt is not perfect,\u201d {p} said. \u201cBut it is a start, and we should take it.\u201d",
    "{p} told reporters: \u201cNobody should pretend this is easy.\u201d",
]


def write_articles(folder: Path, count: int, words: int = 300) -> list[Path]:
    rng = random.Random(11)
    paths = []
    for n in range(count):
        paragraphs, total = [], 0
        while total < words:
            text = " ".join(
                rng.choice(NARRATION)
                if rng.random() < 0.6
                else rng.choice(QUOTES).format(p=rng.choice(PEOPLE))
                for _ in range(2)
            )
            paragraphs.append(text)
            total += len(text.split())
        path = folder / f"story-{n:02d}.txt"
        path.write_text(f"Story number {n + 1}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def bare_pipeline(articles: list[Path], scratch: Path) -> float:
    """What a shell script would do: eSpeak NG to WAV, ffmpeg to a 64 kbps MP3, one article at a time."""
    start = time.perf_counter()
    for article in articles:
        wav, mp3 = scratch / f"{article.stem}.wav", scratch / f"{article.stem}.mp3"
        subprocess.run(["espeak-ng", "-w", str(wav), "-f", str(article)], check=True)
        subprocess.run(
            [
                "ffmpeg",
                "-v",
                "error",
                "-y",
                "-i",
                str(wav),
                "-ar",
                "44100",
                "-ac",
                "1",
                "-b:a",
                "64k",
                str(mp3),
            ],
            check=True,
        )
    return time.perf_counter() - start


def timed_build(config: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [*NARRATOR, "build", "--config", str(config), "--quiet"], check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--espeak-narrator", action="store_true", help="leave the neural voices out")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copy(ROOT / "podcast.toml", root)
        shutil.copytree(ROOT / "voices", root / "voices", ignore=shutil.ignore_patterns("cast.toml"))
        if args.espeak_narrator:
            leave_out_neural(root / "voices" / "voices.toml")
        (root / "articles").mkdir()
        (root / "bare").mkdir()
        articles = write_articles(root / "articles", args.articles)
        config = root / "podcast.toml"

        bare = bare_pipeline(articles, root / "bare")
        cold = timed_build(config)
        unchanged = timed_build(config)
        edited = articles[len(articles) // 2]
        text = edited.read_text(encoding="utf-8").replace(
            "The council met on Tuesday", "The council met on Monday", 1
        )
        if text == edited.read_text(encoding="utf-8"):
            text = text.rstrip("\n") + "\n\nOne more paragraph was added after publication.\n"
        edited.write_text(text, encoding="utf-8")
        one_edit = timed_build(config)

    print(f"articles: {args.articles}")
    print(f"bare espeak-ng + ffmpeg, sequential: {bare:7.2f} s")
    print(f"narrator build, cold:                {cold:7.2f} s   ratio {cold / bare:5.2f}  (target < 1.0)")
    print(
        f"rebuild, nothing changed:            {unchanged:7.2f} s   ratio {unchanged / cold:5.3f} (<= 0.10)"
    )
    print(
        f"rebuild, one paragraph edited:       {one_edit:7.2f} s   ratio {one_edit / cold:5.3f} (<= 0.15)"
    )


if __name__ == "__main__":
    main()
