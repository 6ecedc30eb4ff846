"""The engine registry and the real engines (pyttsx3 on eSpeak NG, flite)."""

from __future__ import annotations

import subprocess
import sys
import wave
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from narrator.audio.acoustics import median_f0, semitones
from narrator.engines import (
    BUILTIN_ENGINES,
    EngineVoice,
    engine_names,
    get_engine,
    register_engine,
    unregister_engine,
)
from narrator.engines.pyttsx3_worker import check_voice, split_text
from narrator.errors import EngineError
from narrator.models import Voice


def test_builtins_are_entry_points_like_plugins() -> None:
    assert [entry.name for entry in BUILTIN_ENGINES] == ["pyttsx3", "flite", "piper"]
    assert {"pyttsx3", "flite"} <= set(engine_names())


def test_unknown_engine_lists_known_ones() -> None:
    with pytest.raises(EngineError, match=r'unknown speech engine "nope"; known: .*flite.*pyttsx3'):
        get_engine("nope")


def test_registered_engine_is_returned_until_unregistered() -> None:
    class Quiet:
        name = "quiet-test"

        def is_available(self) -> bool:
            return True

        def version(self) -> str:
            return "1"

        def list_voices(self) -> list[EngineVoice]:
            return [EngineVoice("q", "q")]

        def synthesise(self, voice: Voice, jobs: object, timeout: float) -> None:
            raise AssertionError("not called")

    register_engine("quiet-test", Quiet)
    try:
        assert get_engine("quiet-test").list_voices() == [EngineVoice("q", "q")]
    finally:
        unregister_engine("quiet-test")
    assert "quiet-test" not in engine_names()
    with pytest.raises(EngineError, match='unknown speech engine "quiet-test"'):
        get_engine("quiet-test")


def test_help_does_not_import_pyttsx3() -> None:
    code = (
        "import sys, narrator.engines, narrator.synth.synthesis, narrator.cast.casting; "
        "print('pyttsx3' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_long_text_is_split_below_the_crash_size() -> None:
    text = "This is one sentence of a long article. " * 1000
    pieces = split_text(text)
    assert len(pieces) > 1
    assert all(len(piece) <= 2000 for piece in pieces)
    assert " ".join(pieces).split() == text.split()


def test_voice_ids_are_checked_against_the_voice_list() -> None:
    voices = [
        {"id": "gmw/en-us", "name": "English (America)"},
        {"id": "+f3", "name": "variant f3"},
        {"id": "+alicia", "name": "variant Alicia"},
    ]
    assert check_voice("en-us", voices) is None
    assert check_voice("en-us+f3", voices) is None
    assert check_voice("en-us+Alicia", voices) is None
    assert check_voice("en-zz", voices) == 'unknown voice "en-zz"'
    assert check_voice("en-us+f9", voices) == 'unknown variant "+f9"'


def _wav(path: Path) -> tuple[int, int, int, float]:
    with wave.open(str(path), "rb") as handle:
        return (
            handle.getnchannels(),
            handle.getsampwidth(),
            handle.getframerate(),
            handle.getnframes() / 22050,
        )


@pytest.mark.audio
def test_pyttsx3_writes_every_file_and_nothing_on_stdout(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    engine = get_engine("pyttsx3")
    jobs = [
        (f"Sentence {word} has a few words in it.", tmp_path / f"{i}.wav") for i, word in enumerate("abc")
    ]
    engine.synthesise(Voice("t", "pyttsx3", "en-us", rate=170), jobs, timeout=20)
    for _, path in jobs:
        channels, width, rate, seconds = _wav(path)
        assert (channels, width, rate) == (1, 2, 22050)
        assert 1.0 < seconds < 5.0
    assert "Audio saved" not in capfd.readouterr().out


@pytest.mark.audio
def test_pyttsx3_pitch_setting_moves_f0(tmp_path: Path) -> None:
    engine = get_engine("pyttsx3")
    text = "The quick brown fox jumps over the lazy dog near the river bank."
    low, high = tmp_path / "low.wav", tmp_path / "high.wav"
    engine.synthesise(Voice("lo", "pyttsx3", "en-us", pitch=10), [(text, low)], timeout=20)
    engine.synthesise(Voice("hi", "pyttsx3", "en-us", pitch=90), [(text, high)], timeout=20)
    # engines.md: en-us gives 73 Hz at pitch 10 and 153 Hz at pitch 90.
    assert median_f0(low) == pytest.approx(74, abs=8)
    assert median_f0(high) == pytest.approx(154, abs=12)


@pytest.mark.audio
def test_pyttsx3_rejects_unknown_voice(tmp_path: Path) -> None:
    with pytest.raises(EngineError, match=r'voice "bad" \(en-zz\): unknown voice "en-zz"'):
        get_engine("pyttsx3").synthesise(
            Voice("bad", "pyttsx3", "en-zz"), [("Hello.", tmp_path / "x.wav")], 20
        )


@pytest.mark.audio
def test_pyttsx3_long_text_is_chunked_not_crashed(tmp_path: Path) -> None:
    text = "Every word of this long passage is spoken in order. " * 400  # ~21 kB, above the segfault size
    out = tmp_path / "long.wav"
    get_engine("pyttsx3").synthesise(Voice("t", "pyttsx3", "en-us", rate=400), [(text, out)], timeout=60)
    assert _wav(out)[3] > 300


@pytest.mark.audio
def test_pyttsx3_hang_is_killed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import narrator.engines.pyttsx3_engine as module

    monkeypatch.setattr(module, "STARTUP_SECONDS", 0.0)
    text = "This text takes far longer than a millisecond to speak."
    with pytest.raises(EngineError, match="did not finish .* within 0.001 s; killed it"):
        get_engine("pyttsx3").synthesise(Voice("t", "pyttsx3", "en-us"), [(text, tmp_path / "x.wav")], 0.001)


@pytest.mark.audio
def test_flite_voice_speaks_with_its_own_pitch(tmp_path: Path) -> None:
    engine = get_engine("flite")
    if not engine.is_available():
        pytest.skip("flite not installed")
    assert {"slt", "rms", "awb", "kal"} <= {voice.id for voice in engine.list_voices()}
    text = "The quick brown fox jumps over the lazy dog near the river bank."
    plain, high = tmp_path / "slt.wav", tmp_path / "slt-high.wav"
    engine.synthesise(Voice("s", "flite", "slt"), [(text, plain)], timeout=20)
    engine.synthesise(Voice("s", "flite", "slt", pitch=90), [(text, high)], timeout=20)
    assert semitones(median_f0(plain), median_f0(high)) > 3
    with pytest.raises(EngineError, match='flite has no voice "zzz"; known: kal'):
        engine.synthesise(Voice("z", "flite", "zzz"), [(text, plain)], timeout=20)


@pytest.mark.audio
def test_pyttsx3_output_is_identical_under_concurrency(tmp_path: Path) -> None:
    engine = get_engine("pyttsx3")
    voice = Voice("t", "pyttsx3", "en-gb-x-rp", rate=150, pitch=30)
    text = "The ferry returns to the harbour on Tuesday, said the mayor."

    def run(i: int) -> bytes:
        path = tmp_path / f"{i}.wav"
        engine.synthesise(voice, [(text, path)], timeout=20)
        with wave.open(str(path), "rb") as handle:
            return handle.readframes(handle.getnframes())

    with ThreadPoolExecutor(4) as pool:
        outputs = set(pool.map(run, range(12)))
    assert [len(data) // 2 for data in outputs] == [89589]  # `espeak-ng -v en-gb-x-rp -s 150 -p 30`


def pcm(path: Path) -> bytes:
    with wave.open(str(path), "rb") as handle:
        return handle.readframes(handle.getnframes())


@pytest.mark.audio
@pytest.mark.parametrize("voice_id", ["en-gb-x-rp+f2", "en-us+f3"])
def test_a_sentence_sounds_the_same_whatever_was_spoken_before_it(tmp_path: Path, voice_id: str) -> None:
    """eSpeak keeps flutter, gain, echo and noise state for the life of its process; the worker speaks each
    sentence in a process that has said nothing before, so batching never changes a clip (issue 12)."""
    engine = get_engine("pyttsx3")
    voice = Voice("t", "pyttsx3", voice_id, rate=150, pitch=30)
    text = "The ferry returns to the harbour on Tuesday, said the mayor."
    before = ["Nobody expected the council to agree so quickly.", "A quick brown fox jumps over the dog."]
    alone, batch = tmp_path / "alone.wav", [tmp_path / f"{n}.wav" for n in range(4)]
    engine.synthesise(voice, [(text, alone)], timeout=30)
    engine.synthesise(voice, list(zip([*before, text, text], batch, strict=True)), timeout=30)
    cli = tmp_path / "cli.wav"
    subprocess.run(["espeak-ng", "-v", voice_id, "-s", "150", "-p", "30", "-w", str(cli), text], check=True)
    assert pcm(batch[2]) == pcm(batch[3]) == pcm(alone) == pcm(cli)
