"""`narrator read`: streaming playback steered from a terminal, the file sink, -o, and the sources.

The keyboard tests fork a child on a pseudo-terminal that reads an article into the file sink at four
times real time; the parent types keys when the child prints the sentence it is speaking. Expected audio
comes from clips synthesised once in this process and shared with every session (the child inherits
them), because pyttsx3's samples for a sentence vary a little from run to run.
"""

from __future__ import annotations

import http.server
import io
import json
import os
import pty
import re
import select
import statistics
import subprocess
import sys
import termios
import threading
import time
import wave
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from narrator.errors import ConfigError, PlaybackError
from narrator.models import Voice
from narrator.read.keys import NoControls
from narrator.read.options import Rate, ReadOptions
from narrator.read.playback import FileSink, open_sink
from narrator.read.reading import likely_narrator, prepare_reading
from narrator.read.session import read_aloud
from narrator.read.speech import Speech, lead_clause, pause_before
from narrator.read.voice_process import VoiceProcess
from narrator.synth.planning import CLIP_RATE

pytestmark = pytest.mark.audio

CONFIG = Path(__file__).resolve().parents[1] / "podcast.toml"
SPEED = 4.0
ARTICLE = """# Harbour Notes

## Boats

The harbour opened at dawn. Fishing boats left early.

The harbour master spoke to reporters. "We expect a calm week," said Jane Smith.

## Weather

Rain is due on Friday. The ferry will run as normal.
"""
# Sentence indexes in the reading (0 is the title, 1 the first heading).
DAWN, EARLY, REPORTERS, QUOTE, SAID, WEATHER, RAIN, FERRY = 2, 3, 4, 5, 6, 7, 8, 9


@pytest.fixture(scope="module")
def article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("read") / "harbour.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test keeps its reading places in its own folder (a forked child inherits it)."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state" / "narrator" / "places.json"


def options(**changes: object) -> ReadOptions:
    return replace(ReadOptions(config=CONFIG), **changes)


@pytest.fixture(scope="module")
def speech(article: Path) -> Iterator[Speech]:
    """Every sentence of the article synthesised once, at the base rate and one + faster.

    pyttsx3's samples vary a little from run to run, so sessions share these clips (a forked child
    inherits them) and their audio can be checked byte for byte.
    """
    shared = Speech(context="tests")
    reading = prepare_reading(str(article), options())
    for steps in (0, 1):
        items = [replace(item, voice=Rate(steps=steps).apply(item.voice)) for item in reading.items]
        shared.plan(items, 0)
        for item in items:
            shared.pcm(item)
    yield shared
    shared.close()


def reference(article: Path, speech: Speech, faster_from: int | None = None) -> tuple[list[bytes], list[int]]:
    """Each sentence's PCM and the silence before it (in samples); from ``faster_from`` on at one + faster."""
    items = list(prepare_reading(str(article), options()).items)
    if faster_from is not None:
        faster = Rate(steps=1)
        items[faster_from:] = [replace(item, voice=faster.apply(item.voice)) for item in items[faster_from:]]
    gaps = [pause_before(items, i, i == 0) for i in range(len(items))]
    return [speech.pcm(item) for item in items], gaps


def stream(pcm: list[bytes], gaps: list[int], indexes: range | list[int]) -> bytes:
    return b"".join(b"\0\0" * gaps[i] + pcm[i] for i in indexes)


def frames(path: Path) -> bytes:
    with wave.open(str(path), "rb") as handle:
        assert (handle.getnchannels(), handle.getsampwidth(), handle.getframerate()) == (1, 2, CLIP_RATE)
        return handle.readframes(handle.getnframes())


class Child:
    """read_aloud in a forked child whose terminal is a pty; the parent reads its lines and types keys."""

    def __init__(self, source: Path, wav: Path, speech: Speech, **option_changes: object) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: stdin and stdout are the pty
            code = 1
            try:
                os.environ["NO_COLOR"] = "1"
                sys.stdin = open(0, closefd=False)  # noqa: SIM115 - pytest replaced the standard streams
                sys.stdout = open(1, "w", buffering=1, closefd=False)  # noqa: SIM115
                before = termios.tcgetattr(0)
                sink = FileSink(wav, CLIP_RATE, speed=SPEED)
                read_aloud(str(source), options(**option_changes), sink=sink, speech=speech)
                restored = termios.tcgetattr(0) == before
                print("TERMINAL RESTORED" if restored else "TERMINAL LEFT RAW", flush=True)
                code = 0
            except BaseException:
                import traceback

                traceback.print_exc()
            finally:
                os._exit(code)
        self.pid, self.fd, self.text = pid, fd, ""

    def expect(self, needle: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while needle not in self.text:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"{needle!r} not printed; got:\n{self.text}"
            if select.select([self.fd], [], [], remaining)[0]:
                try:
                    self.text += os.read(self.fd, 4096).decode("utf-8", "replace")
                except OSError:  # the child closed the terminal
                    break
        assert needle in self.text, f"{needle!r} not printed; got:\n{self.text}"

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def wait(self, timeout: float = 60.0) -> int:
        self.expect("TERMINAL", timeout)
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return os.waitstatus_to_exitcode(status)


def split_prefix(played: bytes, head: bytes, tail: bytes) -> int:
    """Check played == (a prefix of head) + tail, and return the prefix's length in bytes."""
    assert played.endswith(tail), "the audio after the key press is not what the session should play"
    cut = len(played) - len(tail)
    assert head.startswith(played[:cut]), "the audio before the key press is not the article's start"
    return cut


def test_without_keys_plays_every_sentence_in_order(article: Path, speech: Speech, tmp_path: Path) -> None:
    wav = tmp_path / "played.wav"
    out = io.StringIO()
    result = read_aloud(str(article), options(), sink=FileSink(wav, CLIP_RATE, speed=None),
                        controls=NoControls(), out=out, speech=speech)
    pcm, gaps = reference(article, speech)
    assert frames(wav) == stream(pcm, gaps, range(len(pcm)))
    assert result.duration == pytest.approx(len(frames(wav)) / 2 / CLIP_RATE)
    assert out.getvalue().splitlines()[DAWN] == "The harbour opened at dawn."
    assert "\x1b" not in out.getvalue()


def test_n_skips_to_the_next_paragraph(article: Path, speech: Speech, tmp_path: Path) -> None:
    wav = tmp_path / "skip.wav"
    child = Child(article, wav, speech)
    child.expect("The harbour opened at dawn.")
    child.send("n")
    assert child.wait() == 0
    assert "Fishing boats left early." not in child.text
    pcm, gaps = reference(article, speech)
    cut = split_prefix(frames(wav), stream(pcm, gaps, range(DAWN + 1)), stream(pcm, gaps,
                                                                               range(REPORTERS, len(pcm))))
    assert cut > len(stream(pcm, gaps, range(DAWN))), "the skip came before the sentence started"


def test_q_quits_at_once_with_exit_code_0_and_the_terminal_restored(
    article: Path, speech: Speech, tmp_path: Path
) -> None:
    wav = tmp_path / "quit.wav"
    child = Child(article, wav, speech)
    child.expect("The harbour opened at dawn.")
    child.send("q")
    assert child.wait() == 0
    assert "TERMINAL RESTORED" in child.text
    assert "Fishing boats left early." not in child.text
    pcm, gaps = reference(article, speech)
    played = frames(wav)
    assert stream(pcm, gaps, range(DAWN + 1)).startswith(played)
    assert len(played) > len(stream(pcm, gaps, range(DAWN)))


def test_space_pauses_without_recording_and_resumes_where_it_left(
    article: Path, speech: Speech, tmp_path: Path
) -> None:
    wav = tmp_path / "pause.wav"
    child = Child(article, wav, speech)
    child.expect("The harbour opened at dawn.")
    child.send(" ")
    child.expect("Paused.")
    time.sleep(0.3)
    size = wav.stat().st_size
    time.sleep(0.6)
    assert wav.stat().st_size == size, "the file sink recorded audio while paused"
    child.send(" ")
    child.expect("Resumed.")
    assert child.wait() == 0
    pcm, gaps = reference(article, speech)
    assert frames(wav) == stream(pcm, gaps, range(len(pcm)))
    assert child.text.index("Fishing boats left early.") > child.text.index("Resumed.")


def test_r_repeats_the_sentence(article: Path, speech: Speech, tmp_path: Path) -> None:
    wav = tmp_path / "repeat.wav"
    child = Child(article, wav, speech)
    child.expect("The harbour opened at dawn.")
    child.send("r")
    child.expect("Fishing boats left early.")
    assert child.wait() == 0
    assert child.text.count("The harbour opened at dawn.") == 2
    pcm, gaps = reference(article, speech)
    played = frames(wav)
    tail = stream(pcm, gaps, range(DAWN, len(pcm)))
    cut = split_prefix(played, stream(pcm, gaps, range(DAWN + 1)), tail)
    assert cut > len(stream(pcm, gaps, range(DAWN))), "the repeat came before the sentence started"


def test_plus_speeds_up_the_following_sentences(article: Path, speech: Speech, tmp_path: Path) -> None:
    wav = tmp_path / "faster.wav"
    child = Child(article, wav, speech)
    child.expect("The harbour opened at dawn.")
    child.send("+")
    narrator = prepare_reading(str(article), options()).narrator
    child.expect(f"Rate: {Rate(steps=1).wpm_for(narrator)} words per minute.")
    assert child.wait() == 0
    base, gaps = reference(article, speech)
    pcm, _ = reference(article, speech, faster_from=EARLY)
    played = frames(wav)
    assert played == stream(pcm, gaps, range(len(pcm)))
    # One + (25 wpm) faster: each later sentence is about 12 % shorter.
    for index in (EARLY, RAIN, FERRY):
        assert 0.75 < len(pcm[index]) / len(base[index]) < 0.95


def test_going_on_from_where_the_listener_stopped(
    article: Path, speech: Speech, tmp_path: Path, places: Path
) -> None:
    first = Child(article, tmp_path / "first.wav", speech)
    first.expect("The harbour master spoke to reporters.")
    first.send("q")
    assert first.wait() == 0
    assert [entry["start_at"] for entry in json.loads(places.read_text()).values()] == ["2"]

    declined = Child(article, tmp_path / "declined.wav", speech)
    declined.expect("You stopped at paragraph 2 of 3. Press r")
    declined.send("x")
    declined.expect("The harbour opened at dawn.")
    declined.send("q")
    assert declined.wait() == 0
    assert "Harbour Notes" in declined.text.split("Press r")[1], "declined: read from the beginning"

    resumed = Child(article, tmp_path / "resumed.wav", speech)
    resumed.expect("You stopped at paragraph 1 of 3. Press r")
    resumed.send("r")
    assert resumed.wait() == 0
    heard = resumed.text.split("Going on from paragraph 1 of 3.")[1]
    assert "Harbour Notes" not in heard and "The ferry will run as normal." in heard
    pcm, gaps = reference(article, speech)
    assert frames(tmp_path / "resumed.wav") == stream(pcm, gaps, range(DAWN, len(pcm)))[2 * gaps[DAWN]:]
    assert json.loads(places.read_text()) == {}, "read to the end: nothing left to go on from"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_speaker_names_and_one_status_line(
    article: Path, speech: Speech, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal: the speaker before the quotation, and a status line that is rewritten in place,
    never left in the scroll-back; --quiet prints neither."""
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("NO_COLOR", "1")
    out = Terminal()
    read_aloud(str(article), options(), sink=FileSink(tmp_path / "s.wav", CLIP_RATE, speed=None),
               controls=NoControls(), out=out, speech=speech)
    written = out.getvalue()
    scrollback = [line.split("\r\x1b[K")[-1] for line in written.split("\n")]
    assert scrollback[-1] == "", "the status line is cleared at the end"
    assert scrollback[QUOTE] == 'Jane Smith: "We expect a calm week,"'
    assert scrollback[SAID] == "said Jane Smith." and scrollback[DAWN] == "The harbour opened at dawn."
    assert not [line for line in scrollback if "Paragraph" in line]
    statuses = re.findall(r"\r\x1b\[K(Paragraph [^\r\n]*)", written)
    complete = [re.fullmatch(r"Paragraph (\d) of 3 · (\d+):(\d\d) · about (\d+):(\d\d) left", s) for s in
                statuses if " of " in s]  # fmt: skip
    assert all(complete) and [int(m[1]) for m in complete] == sorted(int(m[1]) for m in complete)
    heard = [int(m[2]) * 60 + int(m[3]) for m in complete]
    left = [int(m[4]) * 60 + int(m[5]) for m in complete]
    assert heard == sorted(heard) and left == sorted(left, reverse=True) and heard[-1] > 0
    assert {int(m[1]) for m in complete} == {1, 2, 3}

    quiet = Terminal()
    read_aloud(str(article), options(quiet=True), sink=FileSink(tmp_path / "q.wav", CLIP_RATE, speed=None),
               controls=NoControls(), out=quiet, speech=speech)
    assert quiet.getvalue() == ""


def test_reads_from_a_url_on_localhost(article: Path, tmp_path: Path) -> None:
    html = tmp_path / "site" / "harbour.html"
    html.parent.mkdir()
    html.write_text(
        "<html><head><title>Harbour Notes</title></head><body><article><h1>Harbour Notes</h1>"
        "<p>The harbour opened at dawn. Fishing boats left early.</p>"
        "<p>Rain is due on Friday. The ferry will run as normal.</p></article></body></html>",
        encoding="utf-8",
    )

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):  # noqa: ANN002, ANN003
            super().__init__(*args, directory=str(html.parent), **kwargs)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/harbour.html"
        out = io.StringIO()
        result = read_aloud(url, options(), sink=FileSink(tmp_path / "url.wav", CLIP_RATE, speed=None),
                            controls=NoControls(), out=out)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    lines = out.getvalue().splitlines()
    assert lines[0] == "Harbour Notes"
    assert lines.index("The harbour opened at dawn.") < lines.index("The ferry will run as normal.")
    assert result.duration == pytest.approx(len(frames(tmp_path / "url.wav")) / 2 / CLIP_RATE)


def test_reads_markdown_and_a_lone_paragraph_from_standard_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def heard(text: str) -> list[str]:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
        out = io.StringIO()
        read_aloud("-", options(quiet=False), sink=FileSink(tmp_path / "stdin.wav", CLIP_RATE, speed=None),
                   controls=NoControls(), out=out)
        return out.getvalue().splitlines()

    lines = heard("---\ntitle: Harbour Notes\nauthor: Ines Roy\n---\n\n" + ARTICLE.split("\n", 1)[1])
    assert lines[:2] == ["Harbour Notes", "Boats"] and "Rain is due on Friday." in lines
    assert not [line for line in lines if "#" in line or "title" in line or "Ines Roy" in line]
    note = "The ferry to the island now leaves at noon, an hour later than last summer."
    assert heard(note + "\n")[-1] == note


@pytest.mark.parametrize("suffix", [".mp3", ".ogg"])
def test_o_encodes_by_extension_with_a_transcript(
    article: Path, speech: Speech, tmp_path: Path, suffix: str
) -> None:
    from mutagen import File as AudioFile

    result = read_aloud(str(article), options(output=tmp_path / f"harbour{suffix}"), speech=speech)
    assert result.sentences == len(prepare_reading(str(article), options()).items)
    assert AudioFile(str(tmp_path / f"harbour{suffix}")).info.length == pytest.approx(result.duration)
    import webvtt

    cues = webvtt.read(str(tmp_path / "harbour.vtt"))
    assert [cue.text for cue in cues][DAWN] == "The harbour opened at dawn."
    # The last words, then the second of silence an episode ends with.
    assert result.duration - seconds(cues[-1].end) == pytest.approx(1, abs=0.1)
    assert "<v Narrator>" in (tmp_path / "harbour.vtt").read_text()
    assert not [p for p in tmp_path.iterdir() if ".part" in p.name]


QUAY = """---
title: Quay Works
author: Ruth Adler
---

The council met on Tuesday about the quay. Residents filled the hall to the doors.

"We have waited years for this," said Tom Berg. "The old stones are failing."

The engineer said the new quay would be lower than the old one. "People want to see the water," said
Elena Ruiz.

## Next steps

Work starts in the spring and takes two summers. "It is the best news in a decade," said Anna Kowalski.
"""


def decoded(path: Path, rate: int = 48000) -> np.ndarray:
    command = ["ffmpeg", "-v", "error", "-i", str(path), "-ac", "1", "-ar", str(rate), "-f", "s16le", "-"]
    pcm = subprocess.run(command, capture_output=True, check=True).stdout
    return np.frombuffer(pcm, dtype="<i2")


def true_peak(path: Path) -> float:
    """dBTP by ffmpeg's ebur128 (4x oversampled)."""
    report = subprocess.run(["ffmpeg", "-nostats", "-i", str(path), "-af", "ebur128=peak=true", "-f", "null",
                             "-"], capture_output=True, text=True, check=True).stderr  # fmt: skip
    return float(re.findall(r"Peak:\s+(-?[\d.]+) dBFS", report)[-1])


@pytest.mark.parametrize("suffix", [".mp3", ".m4b"])
def test_o_is_levelled_like_an_episode_and_tagged(tmp_path: Path, suffix: str) -> None:
    """The episodes' loudness target, no jump between voices, true peak under -1 dBTP; title, author and
    chapters in order (ffprobe), as an episode is."""
    import webvtt

    from narrator.audio.loudness import LoudnessMeter, measure_loudness

    source = tmp_path / "quay.md"
    source.write_text(QUAY, encoding="utf-8")
    path = tmp_path / f"quay{suffix}"
    read_aloud(str(source), options(output=path))
    samples = decoded(path)
    meter = LoudnessMeter(48000)
    meter.add(samples / 32768)
    assert meter.integrated() == pytest.approx(-19, abs=0.5)
    assert true_peak(path) < -1.0
    levels: dict[bool, list[float]] = {}
    for cue in webvtt.read(str(path.with_suffix(".vtt"))):
        level = measure_loudness(samples[round(seconds(cue.start) * 48000) : round(seconds(cue.end) * 48000)],
                                 48000)
        if level is not None:
            levels.setdefault(cue.voice == "Narrator", []).append(level)
    assert len(levels[False]) >= 3, "the quotes are read in other voices"
    # Unmatched, Piper's narrator reads 6 dB quieter than eSpeak's quoted voices; matched voices stay
    # within a dB or so (each voice's median clip against the narrator's, measured here per cue).
    jump = statistics.median(levels[True]) - statistics.median(levels[False])
    assert abs(jump) < 2.0, f"{jump:.1f} dB between the narrator and the quoted voices"
    command = ["ffprobe", "-v", "error", "-show_chapters", "-show_format", "-of", "json", str(path)]
    probe = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    assert [c["tags"]["title"] for c in probe["chapters"]] == ["Quay Works", "Next steps"]
    tags = {key.lower(): value for key, value in probe["format"]["tags"].items()}
    assert (tags["title"], tags["artist"]) == ("Quay Works", "Ruth Adler")


def seconds(timestamp: str) -> float:
    hours, minutes, rest = timestamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


def test_o_m4b_is_an_audiobook_with_a_chapter_per_heading(
    article: Path, speech: Speech, tmp_path: Path
) -> None:
    from mutagen.mp4 import MP4

    result = read_aloud(str(article), options(output=tmp_path / "harbour.m4b"), speech=speech)
    book = MP4(tmp_path / "harbour.m4b")
    assert book.info.codec == "mp4a.40.2" and book.info.length == pytest.approx(result.duration, abs=0.1)
    assert book.tags["\xa9nam"] == ["Harbour Notes"] and book.tags["stik"] == [2]  # 2: audiobook
    import webvtt

    starts = {cue.text: seconds(cue.start) for cue in webvtt.read(str(tmp_path / "harbour.vtt"))}
    assert [(c.title, round(c.start, 2)) for c in book.chapters] == [
        ("Harbour Notes", 0.0),
        ("Boats", round(starts["Boats"], 2)),
        ("Weather", round(starts["Weather"], 2)),
    ]


def test_start_at_a_heading_or_a_paragraph(article: Path, tmp_path: Path) -> None:
    assert prepare_reading(str(article), options(start_at="weather")).start == WEATHER
    walls = tmp_path / "walls.md"
    walls.write_text("# Walls\n\n## The wall of sound\n\nLoud.\n\n## A wall you can see over\n\nLow.\n\n"
                     "## Walls, you can see!\n\nShort.\n", encoding="utf-8")  # fmt: skip
    reading = prepare_reading(str(walls), options(start_at="wall you can"))
    assert reading.items[reading.start].segment.text == "A wall you can see over"
    reading = prepare_reading(str(walls), options(start_at="walls you CAN see"))  # its beginning, any case
    assert reading.items[reading.start].segment.text == "Walls, you can see!"
    with pytest.raises(ConfigError, match="no heading matches"):
        prepare_reading(str(walls), options(start_at="all you"))  # whole words only
    assert prepare_reading(str(article), options(start_at="2")).start == REPORTERS
    with pytest.raises(ConfigError, match=r'no heading matches; headings: "Boats"; "Weather"'):
        prepare_reading(str(article), options(start_at="Sport"))
    with pytest.raises(ConfigError, match="has 3 paragraphs"):
        prepare_reading(str(article), options(start_at="9"))


def test_single_voice_and_voice_choice(article: Path) -> None:
    voices = {item.voice.name for item in prepare_reading(str(article), options(single_voice=True)).items}
    assert voices == {"joe"}  # the neural narrator, which the pool puts first
    chosen = prepare_reading(str(article), options(voice="adam"))
    assert chosen.items[DAWN].voice.name == "adam"
    assert chosen.items[QUOTE].voice.name != "adam"


LONG_TITLE = "Coast guard calls for closer ties with harbour towns after the winter storms"


def test_a_waited_for_sentence_is_cut_after_its_first_words_or_at_an_early_pause() -> None:
    assert lead_clause("The ferry will run as normal on Friday.") is None  # short: spoken whole
    assert lead_clause(LONG_TITLE) == ("Coast guard calls for", "closer ties with harbour towns after the "
                                                               "winter storms")
    assert lead_clause("In March, the coast guard asked every harbour town for a plan.") == (
        "In March,", "the coast guard asked every harbour town for a plan.")


def test_the_neural_narrator_is_guessed_before_the_article_is_read() -> None:
    assert likely_narrator(options()).name == "joe"  # the packaged pool's first narrator, neural
    assert likely_narrator(options(voice="adam")).name == "adam"


def test_the_neural_narrator_speaks_in_a_process_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """read_aloud with a voice process: the title and the article are heard as this process would speak
    them (the noise is seeded; only the float sums of more cores differ), this process never loads the
    model, and the voice process ends with the read."""
    import multiprocessing

    from narrator.engines import piper, register_engine

    article = tmp_path / "storms.md"
    article.write_text(f"# {LONG_TITLE}\n\nBoats left early.\n", encoding="utf-8")
    loads: list[Path] = []
    real_load = piper.load_model

    def counted(path: Path, threads: int = 1) -> piper.LoadedModel:
        loads.append(path)
        return real_load(path, threads)

    monkeypatch.setattr(piper, "load_model", counted)  # the forked process counts its own loads
    register_engine("piper", piper.PiperEngine)  # a fresh engine: no model loaded by an earlier test
    voices = VoiceProcess(options())
    items = prepare_reading(str(article), options()).items
    assert voices.speaks(items[0].voice) and not voices.speaks(Voice("adam", "pyttsx3", "en-us"))
    apart, here = tmp_path / "apart.wav", tmp_path / "here.wav"
    read_aloud(str(article), options(), sink=FileSink(apart, CLIP_RATE, speed=None), controls=NoControls(),
               out=io.StringIO(), voices=voices)
    assert loads == [] and multiprocessing.active_children() == []
    fresh = Speech(context="tests")  # every voice in this process
    try:
        read_aloud(str(article), options(), sink=FileSink(here, CLIP_RATE, speed=None), controls=NoControls(),
                   out=io.StringIO(), speech=fresh)
    finally:
        fresh.close()
    # The process's model runs on every core, whose float sums differ a little from one core's.
    heard, spoken_here = (np.frombuffer(frames(path), dtype="<i2").astype(float) for path in (apart, here))
    assert len(loads) == 1 and heard.size == pytest.approx(spoken_here.size, rel=0.01)
    size = min(heard.size, spoken_here.size)
    assert np.corrcoef(heard[:size], spoken_here[:size])[0, 1] > 0.99  # the same words in the same voice
    # A narrator whose engine loads no model: the process says so and ends; the voice is spoken here.
    espeak = VoiceProcess(options(voice="adam"))
    try:
        assert not espeak.speaks(items[0].voice)
    finally:
        espeak.close()
    assert multiprocessing.active_children() == []


def test_a_long_first_sentence_is_heard_while_its_end_is_made(tmp_path: Path) -> None:
    """The title comes in two clips from the real neural voice; the file sink gets both, in order,
    printed once, and the sentence is as long as its words need."""
    article = tmp_path / "storms.md"
    article.write_text(f"# {LONG_TITLE}\n\nBoats left early.\n", encoding="utf-8")
    wav = tmp_path / "played.wav"
    out = io.StringIO()
    fresh = Speech(context="tests")
    try:
        read_aloud(str(article), options(), sink=FileSink(wav, CLIP_RATE, speed=None),
                   controls=NoControls(), out=out, speech=fresh)
        items = prepare_reading(str(article), options()).items
        assert items[0].voice.engine == "piper"
        parts = list(fresh.pcm_parts(items[0]))
        gap = pause_before(items, 1, False)
        assert len(parts) == 2 and all(parts)
        assert frames(wav) == b"".join(parts) + b"\0\0" * gap + fresh.pcm(items[1])
        assert out.getvalue().splitlines() == [LONG_TITLE, "Boats left early."]
        seconds = sum(len(part) for part in parts) / 2 / CLIP_RATE
        assert seconds == pytest.approx(len(LONG_TITLE.split()) * 60 / items[0].voice.rate, rel=0.25)
        # A later stage re-plans from the same sentence: the parts stay, nothing is spoken again whole.
        fresh.plan(items, 0)
        assert list(fresh.pcm_parts(items[0])) == parts
    finally:
        fresh.close()


def test_rate_parsing() -> None:
    assert Rate.parse("200") == Rate(wpm=200)
    assert Rate.parse("1.5x") == Rate(factor=1.5)
    assert Rate.parse("80%") == Rate(factor=0.8)
    with pytest.raises(ConfigError, match="words per minute"):
        Rate.parse("fast")
    with pytest.raises(ConfigError, match="80-450"):
        Rate.parse("20")


def test_no_audio_device_says_to_use_o(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setitem(sys.modules, "sounddevice", None)
    with pytest.raises(PlaybackError, match=r"no audio output device found.*-o FILE"):
        open_sink(None, CLIP_RATE)


def test_without_a_sound_card_a_bad_source_names_its_own_fault(
    article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A missing file, a folder or a 404 is the real cause, not the missing sound card."""
    from click.testing import CliRunner

    from narrator.cli import cli

    class NotFound(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            self.send_error(404)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), NotFound)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("PATH", str(tmp_path))  # no player program
    monkeypatch.setitem(sys.modules, "sounddevice", None)  # and no PortAudio
    monkeypatch.chdir(tmp_path)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/gone.html"
        cases = {"nope.txt": "nope.txt: no such file", str(tmp_path): f"{tmp_path}: is a folder",
                 url: f"{url}: the server answered 404"}  # fmt: skip
        for source, cause in cases.items():
            result = CliRunner().invoke(cli, ["read", source, "--config", str(CONFIG)])
            assert result.exit_code == 1
            assert result.output.startswith(f"Error: {cause}"), result.output
            assert "audio output" not in result.output and len(result.output.splitlines()) == 1
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    with pytest.raises(PlaybackError, match="no audio output device found"):
        read_aloud(str(article), options(), controls=NoControls(), out=io.StringIO())


def test_a_player_that_cannot_open_the_device_says_to_use_o(
    article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    player = tmp_path / "aplay"
    player.write_text("#!/bin/sh\necho 'aplay: main:831: audio open error: No such file or directory' >&2\n"
                      "exit 1\n")
    player.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    with pytest.raises(PlaybackError, match=r"aplay could not play audio \(aplay: .*open error.*-o FILE"):
        read_aloud(str(article), options(device="aplay"), controls=NoControls(), out=io.StringIO())


def test_unknown_device_and_bad_output_are_refused() -> None:
    with pytest.raises(PlaybackError, match='unknown device "speakers"'):
        open_sink("speakers", CLIP_RATE)
    with pytest.raises(PlaybackError, match="must name a .wav file"):
        open_sink("file:out.mp3", CLIP_RATE)
    with pytest.raises(ConfigError, match=r"must end in \.mp3, \.m4a, \.m4b, \.wav or \.ogg"):
        ReadOptions(output=Path("out.flac"))


def test_player_programs_are_fed_raw_pcm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stand-in aplay that stores its stdin gets exactly the samples written."""
    player = tmp_path / "aplay"
    player.write_text(f"#!/bin/sh\ncat > {tmp_path / 'got.raw'}\n")
    player.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    sink = open_sink("aplay", CLIP_RATE)
    sink.write(b"\x01\x00" * 2205)
    sink.close()
    assert (tmp_path / "got.raw").read_bytes() == b"\x01\x00" * 2205
