"""A neural build against bare Piper, and the memory a long neural build needs, measured in the same run.

    .venv/bin/python benchmarks/bench_neural.py speed [--runs 2]
    .venv/bin/python benchmarks/bench_neural.py memory [--hours 0.5 3]

speed: a cold `narrator build` of the seed (articles/hms-argyll.txt, neural narrator) against bare Piper
synthesising the same narration text (the narrator's spoken segments, intro and outro included) in one
process: `PiperVoice.load` then `synthesize_wav`, as Piper's own command does, with ONNX Runtime's default
threads. Each run times both, alternately; the medians' ratio is printed (target <= 1.3).

memory: a cold build of a generated article of about H hours of speech (unique sentences, so nothing comes
from the cache) while /proc is sampled every 0.2 s; prints the peak of the summed proportional set size
(PSS: shared pages counted once) and of the summed RSS of the build and all its child processes (target:
< 1 GB, and the same for every length).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "articles" / "hms-argyll.txt"
NARRATOR = [sys.executable, "-m", "narrator"]
BARE = """
import sys, wave
from piper import PiperVoice
voice = PiperVoice.load(sys.argv[1])
with wave.open(sys.argv[3], "wb") as out:
    voice.synthesize_wav(open(sys.argv[2], encoding="utf-8").read(), out)
"""


def podcast(folder: Path, articles: list[Path]) -> Path:
    shutil.copy(ROOT / "podcast.toml", folder)
    shutil.copytree(ROOT / "voices", folder / "voices", ignore=shutil.ignore_patterns("cast.toml"))
    (folder / "articles").mkdir()
    for article in articles:
        shutil.copy(article, folder / "articles")
    return folder / "podcast.toml"


def narration(config: Path, source: Path) -> tuple[list[str], str]:
    """The narrator's spoken segments of ``source`` as a build makes them, and the narrator's model."""
    from narrator.config import load_channel
    from narrator.engines.piper import split_reference
    from narrator.preparation import Framing, Machine, load_settings, prepare_article
    from narrator.project import Project

    settings = load_settings(Project.at(config=config))
    machine = Machine.here(settings.pool.voices)
    framing = Framing.for_channel(load_channel(config))
    items = prepare_article(source, settings, machine, framing=framing).items
    narrator = items[0].voice
    if narrator.engine != "piper":
        raise SystemExit(f"the narrator is {narrator.name} ({narrator.engine}); install narrator[neural]")
    texts = [item.segment.spoken for item in items if item.voice == narrator]
    return texts, split_reference(narrator.engine_id)[0]


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def speed(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        config = podcast(root, [SEED])
        texts, model = narration(config, SEED)
        text_file = root / "narration.txt"
        text_file.write_text("\n".join(texts), encoding="utf-8")
        bare, build = [], []
        for run in range(runs):
            bare.append(timed([sys.executable, "-c", BARE, model, str(text_file), str(root / "bare.wav")]))
            output = root / f"out{run}"
            build.append(timed([*NARRATOR, "build", "--config", str(config), "--output", str(output), "-q"]))
        words = sum(len(t.split()) for t in texts)
    print(f"seed narration: {len(texts)} segments, {words} words; runs: {runs}")
    print("bare Piper, one process:        " + " ".join(f"{t:6.1f}" for t in bare) + " s")
    print("narrator build, cold (neural):  " + " ".join(f"{t:6.1f}" for t in build) + " s")
    ratio = statistics.median(build) / statistics.median(bare)
    print(f"ratio build / bare Piper: {ratio:.2f} (target <= 1.3)")


# ---------------------------------------------------------------------------------------------- memory


def long_article(folder: Path, hours: float, seed: int = 5) -> Path:
    """About ``hours`` of speech at 180 wpm in sentences that never repeat (numbers and names vary)."""
    rng = random.Random(seed)
    people = ["Anna Kowal", "Rich Greenfield", "Helen Brody", "Sam Ncube", "Ruth Evans", "Tom Price"]
    places = ["the harbour", "the north road", "the old mill", "the school", "the market", "the station"]
    words_needed, words, number = int(hours * 60 * 180), 0, 0
    lines = [f"A Very Long Report, {hours:g} Hours", ""]
    while words < words_needed:
        sentences = []
        for _ in range(4):
            number += 1
            place, person = rng.choice(places), rng.choice(people)
            if rng.random() < 0.75:
                sentence = (f"Survey team {number} spent {rng.randint(2, 90)} days near {place}, and counted "
                            f"{rng.randint(10, 9000)} birds before the weather turned.")
            else:
                sentence = f"\u201cWe saw {rng.randint(3, 400)} of them on day {number},\u201d said {person}."
            sentences.append(sentence)
            words += len(sentence.split())
        lines += [" ".join(sentences), ""]
        if number % 200 == 0:
            lines += [f"Part {number // 200}", ""]
    path = folder / f"long-{hours:g}h.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def tree_memory(pid: int) -> tuple[int, int]:
    """(PSS, RSS) in bytes summed over ``pid`` and its descendants."""
    children: dict[int, list[int]] = {}
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(status.parent.name))
    pss = rss = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        stack += children.get(current, [])
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1]) * 1024
                elif line.startswith("Rss:"):
                    rss += int(line.split()[1]) * 1024
        except OSError:
            continue
    return pss, rss


def peak_memory(command: list[str]) -> tuple[float, int, int]:
    """Wall time, peak PSS and peak RSS of ``command`` and its children."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peaks = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            pss, rss = tree_memory(process.pid)
            peaks[0], peaks[1] = max(peaks[0], pss), max(peaks[1], rss)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample)
    sampler.start()
    code = process.wait()
    done.set()
    sampler.join()
    if code:
        raise SystemExit(f"{command} failed with exit status {code}")
    return time.perf_counter() - start, peaks[0], peaks[1]


def memory(hours: list[float]) -> None:
    mb = 1 << 20
    for length in hours:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            article = long_article(root, length)
            words = len(article.read_text(encoding="utf-8").split())
            (root / "podcast").mkdir()
            config = podcast(root / "podcast", [article])
            seconds, pss, rss = peak_memory([*NARRATOR, "build", "--config", str(config), "-q"])
            audio = next((root / "podcast" / "output" / "episodes").glob("*.mp3"))
            print(f"{length:g} h article ({words} words, {audio.stat().st_size / mb:.0f} MB MP3): build "
                  f"{seconds:.0f} s, peak PSS {pss / mb:.0f} MB, peak RSS {rss / mb:.0f} MB (target < 1024)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("speed").add_argument("--runs", type=int, default=2)
    commands.add_parser("memory").add_argument("--hours", type=float, nargs="+", default=[0.5, 3.0])
    args = parser.parse_args()
    if args.command == "speed":
        speed(args.runs)
    else:
        memory(args.hours)


if __name__ == "__main__":
    main()
