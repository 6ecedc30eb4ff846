"""ITU-R BS.1770-4 loudness: one meter for a clip (synth) and for a whole stitched episode (produce).

The K-weighting is applied by FFT overlap-add rather than as an IIR filter, so neither stage needs
scipy (whose import costs about a second in every worker and before the first sentence of
``narrator read``). The filter's impulse response dies out within ``TAIL_SECONDS``, so filtering in
pieces of any size gives the same result as filtering the whole stream.
"""

from __future__ import annotations

import math
from array import array
from functools import lru_cache

import numpy as np
import numpy.typing as npt

BLOCK = 1 << 15
"""Samples filtered per transform: pieces are cut to at most this and padded to one size, so one
response serves every clip and stream (a size per clip length recomputed it for every clip)."""

TAIL_SECONDS = 0.15
"""Length of the filter's impulse response that is kept. Its slowest part, the 38 Hz high pass
(Q 0.5), decays as exp(-2π·38·t): below 1e-15 after 0.15 s."""


@lru_cache(maxsize=8)
def k_weighting(rate: int, size: int) -> npt.NDArray[np.complex128]:
    """K-weighting (high shelf then high pass) on an rfft grid of ``size`` points (read-only).

    Kept per process: computing it costs as much as the transform it weights, and a meter uses one
    size for every piece (``BLOCK``).

    Coefficients as in libebur128 (and so ffmpeg's ebur128), which derives BS.1770's 48 kHz filters
    for any sample rate.
    """
    z1 = np.exp(-1j * np.linspace(0, np.pi, size // 2 + 1))
    z2 = z1 * z1
    k = math.tan(math.pi * 1681.974450955533 / rate)
    q = 0.7071752369554196
    vh = 10 ** (3.999843853973347 / 20)
    vb = vh**0.4996667741545416
    a0 = 1 + k / q + k * k
    shelf = ((vh + vb * k / q + k * k) + 2 * (k * k - vh) * z1 + (vh - vb * k / q + k * k) * z2) / (
        a0 + 2 * (k * k - 1) * z1 + (1 - k / q + k * k) * z2
    )
    k = math.tan(math.pi * 38.13547087602444 / rate)
    q = 0.5003270373238773
    a0 = 1 + k / q + k * k
    highpass = a0 * (1 - 2 * z1 + z2) / (a0 + 2 * (k * k - 1) * z1 + (1 - k / q + k * k) * z2)
    response = shelf * highpass
    response.flags.writeable = False
    return response


def _fast_size(n: int) -> int:
    """The smallest 2^a·3^b·5^c at least ``n``: FFTs of such sizes are fast, and far shorter than the
    next power of two for most clips."""
    best = 1 << (n - 1).bit_length()
    fives = 1
    while fives < best:
        threes = fives
        while threes < best:
            size = threes << max(0, (n - 1) // threes).bit_length()
            best = min(best, size)
            threes *= 3
        fives *= 5
    return best


class LoudnessMeter:
    """Integrated loudness of a mono stream fed in pieces of any size (samples as floats in [-1, 1]).

    Keeps one energy per 100 ms step (about 1 MB for three hours), never the audio itself.
    """

    def __init__(self, rate: int) -> None:
        self._rate = rate
        self._tail = round(TAIL_SECONDS * rate)
        self._overlap = np.zeros(self._tail)
        self._step = round(rate / 10)
        self._carry = np.zeros(0)
        self._energy = array("d")
        self._size = _fast_size(BLOCK + self._tail)

    def add(self, samples: npt.ArrayLike) -> None:
        samples = np.asarray(samples, dtype=np.float64)
        for start in range(0, samples.size, BLOCK):
            self._add_block(samples[start : start + BLOCK])

    def _add_block(self, samples: npt.NDArray[np.float64]) -> None:
        if not samples.any() and not self._overlap.any():
            filtered = samples  # silence in, silence out: no transform needed
        else:
            size = self._size
            out = np.fft.irfft(np.fft.rfft(samples, size) * k_weighting(self._rate, size), size)
            out = out[: samples.size + self._tail]
            out[: self._tail] += self._overlap
            filtered, self._overlap = out[: samples.size], out[samples.size :].copy()
        filtered = np.concatenate([self._carry, filtered])
        whole = filtered.size - filtered.size % self._step
        steps = np.square(filtered[:whole]).reshape(-1, self._step).sum(axis=1)
        self._energy.extend(steps.tolist())
        self._carry = filtered[whole:]

    def integrated(self) -> float:
        """Gated loudness in LUFS (-inf for silence): 400 ms blocks overlapping by 75 %, absolute then
        relative gate."""
        steps = np.frombuffer(self._energy, dtype=np.float64)
        if steps.size < 4:
            return -math.inf
        blocks = (steps[:-3] + steps[1:-2] + steps[2:-1] + steps[3:]) / (4 * self._step)
        with np.errstate(divide="ignore"):
            levels = -0.691 + 10 * np.log10(blocks)
        gated = blocks[levels > -70.0]
        if gated.size == 0:
            return -math.inf
        relative = -0.691 + 10 * math.log10(float(gated.mean())) - 10.0
        gated = blocks[(levels > -70.0) & (levels > relative)]
        return -0.691 + 10 * math.log10(float(gated.mean()))


def measure_loudness(samples: npt.ArrayLike, rate: int) -> float | None:
    """Integrated loudness of one clip of 16-bit samples; None when shorter than a 400 ms block or silent."""
    samples = np.asarray(samples)
    if samples.size < round(0.4 * rate):
        return None
    meter = LoudnessMeter(rate)
    meter.add(samples / 32768.0)
    loudness = meter.integrated()
    return None if math.isinf(loudness) else round(loudness, 3)
