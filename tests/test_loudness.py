"""The one BS.1770 meter used for clips and whole episodes, against pyloudnorm and ffmpeg."""

import math
import re
import subprocess
import wave

import numpy as np
import pyloudnorm
import pytest

from narrator.audio.loudness import LoudnessMeter, measure_loudness

RATE = 22050


def noise(seconds: float, seed: int = 7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    samples = rng.normal(0, 0.05, int(RATE * seconds))
    samples[RATE * 2 : RATE * 3] *= 0.01  # a quiet stretch that the gates must drop
    return samples


def test_meter_fed_in_uneven_pieces_agrees_with_pyloudnorm():
    samples = noise(6)
    meter = LoudnessMeter(RATE)
    for piece in np.array_split(samples, 37):
        meter.add(piece)
    expected = pyloudnorm.Meter(RATE).integrated_loudness(samples)
    assert meter.integrated() == pytest.approx(expected, abs=0.1)


def test_pieces_and_whole_give_the_same_reading():
    samples = noise(5, seed=3)
    whole, pieces = LoudnessMeter(RATE), LoudnessMeter(RATE)
    whole.add(samples)
    for piece in np.array_split(samples, 11):
        pieces.add(piece)
    assert pieces.integrated() == pytest.approx(whole.integrated(), abs=1e-6)


def test_agrees_with_ffmpeg_ebur128(tmp_path):
    samples = (noise(8, seed=5) * 32767).astype("<i2")
    path = tmp_path / "noise.wav"
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(RATE)
        handle.writeframes(samples.tobytes())
    log = subprocess.run(["ffmpeg", "-nostats", "-i", str(path), "-af", "ebur128", "-f", "null", "-"],
                         capture_output=True, text=True).stderr
    ffmpeg = float(re.findall(r"I:\s+(-?[\d.]+) LUFS", log)[-1])
    assert measure_loudness(samples, RATE) == pytest.approx(ffmpeg, abs=0.2)


def test_short_and_silent_clips_have_no_loudness():
    assert measure_loudness(np.zeros(RATE, dtype="<i2"), RATE) is None
    assert measure_loudness((noise(1) * 32767).astype("<i2")[: RATE // 4], RATE) is None
    assert LoudnessMeter(RATE).integrated() == -math.inf
