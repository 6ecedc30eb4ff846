"""Start-up: how long a fresh process takes before it can segment, which every `narrator segments` call and
every scorer that runs narrator once per article pays.

Each figure is the fastest of a few runs of a new interpreter, in CPU time of the child process. The
baseline, measured in the same run, is an interpreter that only imports ``narrator`` (the package, not its
stages); the ratios compare across machines.

Run: .venv/bin/python benchmarks/bench_startup.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

RUNS = 5
ARTICLE = "Ruth Evans chairs the council.\n\n“We have waited long enough,” Evans said on Tuesday.\n"


def child_cpu(command: list[str]) -> float:
    """CPU seconds (user and system) of one run of ``command``, from the child's own accounting."""
    before = os.times()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    after = os.times()
    return (after.children_user - before.children_user) + (after.children_system - before.children_system)


def fastest(command: list[str]) -> float:
    return min(child_cpu(command) for _ in range(RUNS))


def main() -> int:
    python = sys.executable
    narrator = str(Path(python).with_name("narrator"))
    with tempfile.TemporaryDirectory() as folder:
        article = Path(folder) / "council.txt"
        article.write_text(ARTICLE, encoding="utf-8")
        baseline = fastest([python, "-c", "import narrator"])
        segmenter = fastest([python, "-c", "import narrator.segment.segmenter"])
        command = fastest([narrator, "segments", str(article), "--format", "json"])
    print(f"baseline, an interpreter importing the narrator package: {baseline:.3f} s of CPU")
    print(f"importing the segmenter: {segmenter:.3f} s; ratio {segmenter / baseline:.1f}")
    print(f"`narrator segments` on a two-paragraph article: {command:.3f} s; ratio {command / baseline:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
