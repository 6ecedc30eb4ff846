"""A 20-article build on a 2-worker Dask LocalCluster against the default local pool; Dask's dispatch cost.

Run: .venv/bin/python benchmarks/bench_dask.py [--articles 20] [--words 150] [--rounds 2] [--tasks 200]
                                              [--espeak-narrator]

``--espeak-narrator`` leaves the neural voices out, as the figures before the neural narrator were measured.

Every build is cold, in its own podcast folder with its own segment cache, on the same machine, so the
ratio shows what dispatching through Dask costs when it adds no cores (on a real cluster the gain comes
from the extra machines). Rounds alternate which build goes first. The cluster is started before the clock
starts (its start-up is printed apart), as a build connects to a running scheduler, while the local pool
is started (and its workers import numpy, scipy and the engines) inside each local build, as in
`narrator build`. The dispatch overhead is measured two ways, per task, through
each executor: a trivial task, and a one-segment ``synthesise_batch`` whose segment is already cached (the
task every segment of a build becomes, minus the engine). A build sends up to 48 segments per task.
"""

from __future__ import annotations

import argparse
import json
import operator
import random
import shutil
import statistics
import tempfile
import time
from concurrent.futures import Executor
from datetime import datetime, timezone
from pathlib import Path

from distributed import LocalCluster
from pools import leave_out_neural

from narrator.build.cluster import executor_for
from narrator.build.pipeline import build
from narrator.cast.casting import load_pool
from narrator.models import CastSegment, Segment
from narrator.project import Project
from narrator.synth.synthesis import SegmentCache, synthesise, synthesise_batch

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)
PLACES = ["Kirkwall", "Tobermory", "Stromness", "Oban", "Portree", "Lerwick", "Scalloway", "Ullapool"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
THINGS = ["harbour wall", "school roof", "ferry pier", "bus shelter", "library", "lifeboat station",
          "market hall", "coast path", "swimming pool", "fish market"]
TEMPLATES = [
    "The council in {place} met on {day} to review the plans for the new {thing}.",
    "Nobody in {place} expected the vote on the {thing} to be close, but it went on past midnight.",
    "By {day} evening the first results had arrived from the villages north of {place}.",
    "Several members asked for more time to read the engineers' report on the {thing}.",
    "Outside the town hall in {place}, a small crowd gathered in the rain to wait for news.",
    "The ferry company said it would add a second boat to {place} on summer weekends.",
    "Volunteers cleared rubbish from the beach beside the {thing} over the weekend.",
    "Work on the {thing} in {place} should finish before the end of the year.",
]
QUOTES = [
    ("We will not stop until the work is done", "Mary Jones"),
    ("It is the best news this town has had in years", "Tom Baker"),
    ("Everyone worked harder than anyone had a right to ask", "Priya Shah"),
    ("We listened, and we changed the plan", "David Okafor"),
]


def write_podcast(folder: Path, articles: int, words: int, *, neural: bool = True) -> Project:
    """The repository's channel and voices with ``articles`` generated articles of about ``words`` words
    (without the neural voices unless ``neural``)."""
    (folder / "voices").mkdir(parents=True)
    (folder / "articles").mkdir()
    shutil.copy(ROOT / "podcast.toml", folder)
    for name in ("voices.toml", "lexicon.toml"):
        shutil.copy(ROOT / "voices" / name, folder / "voices")
    if not neural:
        leave_out_neural(folder / "voices" / "voices.toml")
    rng = random.Random(9)
    for n in range(articles):
        quote, speaker = QUOTES[n % len(QUOTES)]
        paragraphs = [f'"{quote}," said {speaker}.']
        count = len(paragraphs[0].split())
        while count < words:
            sentences = [
                template.format(place=rng.choice(PLACES), day=rng.choice(DAYS), thing=rng.choice(THINGS))
                for template in rng.sample(TEMPLATES, 2)
            ]
            paragraphs.insert(len(paragraphs) // 2, " ".join(sentences))
            count += sum(len(s.split()) for s in sentences)
        text = f"Local story number {n + 1}\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / "articles" / f"story-{n + 1:02d}.txt").write_text(text, encoding="utf-8")
    return Project.at(config=folder / "podcast.toml")


def timed_build(project: Project, executor: str) -> float:
    start = time.perf_counter()
    report = build(project, now=NOW, executor=executor)
    elapsed = time.perf_counter() - start
    if report.failed:
        raise SystemExit(f"build with {executor} failed: {report}")
    return elapsed


def same_bytes(a: Path, b: Path) -> bool:
    return a.read_bytes() == b.read_bytes()


def identical(a: Project, b: Project) -> str:
    """Episodes, and cached clips, that are byte-identical between two builds."""
    names = sorted(p.name for p in (a.output / "episodes").glob("*.mp3"))
    folders = (a.output / "episodes", b.output / "episodes")
    same = sum((folders[0] / n).read_bytes() == (folders[1] / n).read_bytes() for n in names)
    clips = sorted(p.relative_to(a.cache) for p in a.cache.glob("??/*.wav"))
    differ = [c for c in clips if not (b.cache / c).exists() or not same_bytes(a.cache / c, b.cache / c)]
    texts = sorted({json.loads((a.cache / c).with_suffix(".json").read_text())["text"][:50] for c in differ})
    return f"episodes {same}/{len(names)}, clips {len(clips) - len(differ)}/{len(clips)}" + (
        f" (differing: {texts})" if texts else ""
    )


def per_task(executor: Executor, tasks: int, fn, *args) -> tuple[float, float]:
    """Milliseconds per task: one at a time (round trip), and all in flight at once (throughput)."""
    executor.submit(fn, *args).result()  # warm: workers started, function and modules loaded
    start = time.perf_counter()
    for _ in range(tasks // 4):
        executor.submit(fn, *args).result()
    serial = (time.perf_counter() - start) / (tasks // 4)
    start = time.perf_counter()
    for future in [executor.submit(fn, *args) for _ in range(tasks)]:
        future.result()
    flight = (time.perf_counter() - start) / tasks
    return 1000 * serial, 1000 * flight


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--words", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=2, help="cold build pairs, alternating order")
    parser.add_argument("--tasks", type=int, default=200, help="tasks per dispatch measurement")
    parser.add_argument("--espeak-narrator", action="store_true", help="leave the neural voices out")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-dask-") as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        with LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
        ) as cluster:
            started = time.perf_counter() - start
            spec = "dask://" + cluster.scheduler_address.split("://", 1)[1]
            times: dict[str, list[float]] = {"local": [], "dask": []}
            for round_ in range(options.rounds):
                local, remote = (
                    write_podcast(root / f"{name}-{round_}", options.articles, options.words,
                                  neural=not options.espeak_narrator)
                    for name in ("local", "dask")
                )
                order = [("local", local, "local"), ("dask", remote, spec)]
                for name, project, executor in order if round_ % 2 == 0 else order[::-1]:
                    times[name].append(timed_build(project, executor))
                print(
                    f"round {round_ + 1}: local {times['local'][-1]:.2f} s, dask {times['dask'][-1]:.2f} s; "
                    f"byte-identical {identical(local, remote)}"
                )
            local_seconds = statistics.mean(times["local"])
            dask_seconds = statistics.mean(times["dask"])
            segments = sum(1 for _ in local.cache.rglob("*.wav"))
            print(f"{options.articles} articles of ~{options.words} words, {segments} distinct segments")
            print(f"  local process pool (cold, mean):   {local_seconds:7.2f} s")
            print(f"  Dask LocalCluster 2x1 (cold, mean): {dask_seconds:7.2f} s")
            print(f"  cluster start (not in the above):  {started:7.2f} s")
            print(f"  ratio dask/local:                  {dask_seconds / local_seconds:7.3f}")
            print(f"  speed-up local/dask:               {local_seconds / dask_seconds:7.3f}")

            pool = load_pool(remote.voices / "voices.toml")
            cache = SegmentCache(remote.cache)
            text = TEMPLATES[0].format(place=PLACES[0], day=DAYS[0], thing=THINGS[0])
            item = CastSegment(Segment(text=text, spoken=text, kind="narration"), pool.narrator)
            (clip,) = synthesise([item], cache)  # cached now if the build did not speak it
            jobs = [(clip.path.stem, text)]
            print(f"dispatch overhead per task, {options.tasks} tasks (ms: one at a time / all in flight)")
            for name, executor in (("local process pool", "local"), ("Dask LocalCluster 2x1", spec)):
                with executor_for(executor, shared=(remote.cache,)) as running:
                    trivial = per_task(running, options.tasks, operator.neg, 1)
                    cached = per_task(running, options.tasks, synthesise_batch, str(remote.cache),
                                      pool.narrator, jobs, 60.0)
                print(f"  {name:22s} trivial task:           {trivial[0]:6.2f} / {trivial[1]:6.2f}")
                print(f"  {name:22s} cached 1-segment batch: {cached[0]:6.2f} / {cached[1]:6.2f}")


if __name__ == "__main__":
    main()
