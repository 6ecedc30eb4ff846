"""Acoustic measurements that tell voices apart: median F0 and a long-term spectral envelope.

Used by the voice tests and benchmarks/bench_voices.py to prove that pool voices really differ.
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

F0_MIN = 60.0
F0_MAX = 450.0


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    """Mono 16-bit WAV → float samples in [-1, 1] and the sample rate."""
    with wave.open(str(path), "rb") as handle:
        rate = handle.getframerate()
        frames = handle.readframes(handle.getnframes())
    return np.frombuffer(frames, dtype="<i2").astype(np.float64) / 32768.0, rate


def f0_track(samples: np.ndarray, rate: int, *, frame: float = 0.04, hop: float = 0.01) -> np.ndarray:
    """F0 in Hz of every voiced frame, by YIN (de Cheveigné & Kawahara 2002).

    Plain autocorrelation jumps to formant peaks on low voices; YIN's normalised difference does not.
    """
    size, step = int(frame * rate), int(hop * rate)
    lag_min, lag_max = int(rate / F0_MAX), int(rate / F0_MIN)
    if len(samples) < size + lag_max:
        return np.empty(0)
    starts = np.arange(0, len(samples) - size - lag_max, step)
    energy = np.array([np.sqrt(np.mean(samples[s : s + size] ** 2)) for s in starts])
    values = []
    for start in starts[energy > 0.1 * energy.max()]:
        chunk = samples[start : start + size + lag_max]
        head = chunk[:size]
        # d(tau) = sum (x_j - x_{j+tau})^2 over the first `size` samples, via cumulative sums and FFT.
        squares = np.cumsum(np.concatenate(([0.0], chunk**2)))
        energy_head = squares[size]
        energy_shift = squares[np.arange(lag_max) + size] - squares[np.arange(lag_max)]
        n = 1 << int(np.ceil(np.log2(len(chunk) + size)))
        cross = np.fft.irfft(np.fft.rfft(chunk, n) * np.conj(np.fft.rfft(head, n)), n)[:lag_max]
        diff = energy_head + energy_shift - 2 * cross
        diff[0] = 0.0
        cumulative = np.cumsum(diff[1:])
        cmnd = np.ones(lag_max)
        cmnd[1:] = diff[1:] * np.arange(1, lag_max) / np.where(cumulative > 0, cumulative, 1.0)
        below = np.nonzero(cmnd[lag_min:] < 0.15)[0]
        if below.size:
            lag = lag_min + int(below[0])
            while lag + 1 < lag_max and cmnd[lag + 1] < cmnd[lag]:
                lag += 1
        else:
            lag = lag_min + int(np.argmin(cmnd[lag_min:]))
            if cmnd[lag] > 0.35:
                continue
        # Parabolic interpolation around the minimum for sub-sample precision.
        if 0 < lag < lag_max - 1:
            left, centre, right = cmnd[lag - 1], cmnd[lag], cmnd[lag + 1]
            denominator = left - 2 * centre + right
            offset = 0.5 * (left - right) / denominator if denominator else 0.0
        else:
            offset = 0.0
        values.append(rate / (lag + offset))
    return np.asarray(values)


def median_f0(path: Path) -> float:
    """Median F0 of a WAV in Hz; 0.0 when nothing is voiced."""
    samples, rate = read_wav(path)
    track = f0_track(samples, rate)
    return float(np.median(track)) if track.size else 0.0


def semitones(a: float, b: float) -> float:
    """Distance between two frequencies in semitones."""
    return abs(12.0 * np.log2(a / b)) if a > 0 and b > 0 else float("inf")


def spectral_envelope(path: Path, bands: int = 24) -> np.ndarray:
    """Long-term average spectrum in dB over log-spaced bands from 100 Hz to 8 kHz, mean removed.

    Formants (eSpeak variants, flite voices) show up here even when F0 is close.
    """
    samples, rate = read_wav(path)
    size = 1024
    starts = range(0, max(len(samples) - size, 1), size // 2)
    window = np.hanning(size)
    power = np.zeros(size // 2 + 1)
    for start in starts:
        chunk = samples[start : start + size]
        if len(chunk) == size:
            power += np.abs(np.fft.rfft(chunk * window)) ** 2
    freqs = np.fft.rfftfreq(size, 1 / rate)
    edges = np.geomspace(100, min(8000, rate / 2), bands + 1)
    bounds = zip(edges[:-1], edges[1:], strict=True)
    levels = np.array([power[(freqs >= lo) & (freqs < hi)].mean() + 1e-12 for lo, hi in bounds])
    db = 10 * np.log10(levels)
    return db - db.mean()


def spectral_distance(a: Path, b: Path) -> float:
    """RMS difference in dB between two long-term spectral envelopes."""
    return float(np.sqrt(np.mean((spectral_envelope(a) - spectral_envelope(b)) ** 2)))


def spectral_centroid(path: Path) -> float:
    """Power-weighted mean frequency in Hz (100 Hz-8 kHz) of the long-term spectrum of the speech frames.

    Brightness: formants, vocal effort and the engine's filtering move it; pitch alone barely does.
    """
    samples, rate = read_wav(path)
    size = 1024
    window = np.hanning(size)
    frames = [samples[s : s + size] for s in range(0, max(len(samples) - size, 1), size // 2)]
    frames = [f for f in frames if len(f) == size]
    if not frames:
        return 0.0
    levels = np.array([np.sqrt(np.mean(f**2)) for f in frames])
    power = sum(np.abs(np.fft.rfft(f * window)) ** 2 for f, level in zip(frames, levels, strict=True)
                if level > 0.1 * levels.max())
    freqs = np.fft.rfftfreq(size, 1 / rate)
    band = (freqs >= 100) & (freqs <= min(8000, rate / 2))
    return float(np.sum(freqs[band] * power[band]) / np.sum(power[band]))


ALIKE_SEMITONES = 2.0
ALIKE_CENTROID = 0.15


def sound_alike(f0_a: float, f0_b: float, centroid_a: float, centroid_b: float) -> bool:
    """True when two voices are within 2 semitones of median F0 and 15 % of spectral centroid: listeners
    then tell them apart by accent at best (issue 17's measure)."""
    close_pitch = semitones(f0_a, f0_b) < ALIKE_SEMITONES
    close_brightness = abs(centroid_a - centroid_b) / max(centroid_a, centroid_b, 1e-9) < ALIKE_CENTROID
    return close_pitch and close_brightness
