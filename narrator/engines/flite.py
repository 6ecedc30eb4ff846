"""CMU Flite (Debian package ``flite``): timbres eSpeak NG cannot give, at hundreds of times real time.

One ``flite`` process per text, so a hang costs one segment. Flite writes 8 or 16 kHz; the synth stage
resamples to the clip rate when it verifies the file. Flite has no volume setting, so it is applied here.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
import wave
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from narrator.engines import EngineVoice
from narrator.errors import EngineError
from narrator.models import Voice

DEFAULT_F0 = {"kal": 87.0, "kal16": 88.0, "awb": 131.0, "rms": 101.0, "slt": 170.0}
"""Measured median F0 of each built-in voice; ``pitch`` 50 keeps it, each 50 points move it half an octave.
rms ignores ``int_f0_target_mean``."""

DEFAULT_RATE = 170
"""Flite's own speaking rate in words per minute, approximately; ``rate`` scales duration against it."""

LIMITED_DOMAIN = {"awb_time"}
"""Voices that can only say the time of day."""


class FliteEngine:
    name = "flite"

    def __init__(self, program: str = "flite") -> None:
        self.program = program

    def is_available(self) -> bool:
        return shutil.which(self.program) is not None

    @functools.cache  # noqa: B019 - engines are process-wide singletons
    def version(self) -> str:
        self._require()
        result = subprocess.run([self.program, "--version"], capture_output=True, text=True, timeout=10)
        for line in result.stdout.splitlines():
            if "version:" in line:
                return line.split("version:", 1)[1].split("(")[0].strip().replace(" ", "_")
        return "flite-unknown"

    @functools.cache  # noqa: B019
    def list_voices(self) -> list[EngineVoice]:
        self._require()
        result = subprocess.run([self.program, "-lv"], capture_output=True, text=True, timeout=10)
        names = result.stdout.split(":", 1)[-1].split()
        return [
            EngineVoice(id=name, name=name, language="en") for name in names if name not in LIMITED_DOMAIN
        ]

    def voice_problem(self, voice: Voice) -> str | None:
        """Why flite cannot speak ``voice.engine_id`` here, or None."""
        known = [v.id for v in self.list_voices()]
        if voice.engine_id in known:
            return None
        if voice.engine_id.endswith(".flitevox"):
            found = Path(voice.engine_id).is_file()
            return None if found else f"flite voice file {voice.engine_id} not found"
        return f'flite has no voice "{voice.engine_id}"; known: {", ".join(known)}'

    def synthesise(self, voice: Voice, jobs: Sequence[tuple[str, Path]], timeout: float) -> None:
        self._require()
        problem = self.voice_problem(voice)
        if problem:
            raise EngineError(f'voice "{voice.name}": {problem}')
        options = ["--setf", f"duration_stretch={DEFAULT_RATE / voice.rate:.3f}"]
        base_f0 = DEFAULT_F0.get(voice.engine_id)
        if base_f0 and voice.pitch != 50:
            target = base_f0 * 2 ** ((voice.pitch - 50) / 100)
            options += ["--setf", f"int_f0_target_mean={target:.1f}"]
        # One flite process per text, as many at once as there are cores: its clustergen voices (slt,
        # rms) speak only ~40x faster than real time, so a batch run one by one leaves a core idle.
        with ThreadPoolExecutor(max_workers=max(1, min(len(jobs), os.cpu_count() or 1))) as runners:
            running = [runners.submit(self._speak, voice, options, *job, timeout) for job in jobs]
            for job in running:
                job.result()

    def _speak(self, voice: Voice, options: list[str], text: str, path: Path, timeout: float) -> None:
        with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as source:
            source.write(text)
            source.flush()
            command = [self.program, "-voice", voice.engine_id, *options, "-f", source.name, "-o", str(path)]
            try:
                result = subprocess.run(command, capture_output=True, timeout=timeout)
            except subprocess.TimeoutExpired:
                raise EngineError(
                    f'flite did not finish "{text[:60]}" within {timeout:g} s; killed it'
                ) from None
        if result.returncode != 0 or not path.exists():
            detail = result.stderr.decode("utf-8", "replace").strip() or f"exit status {result.returncode}"
            raise EngineError(f'flite failed on "{text[:60]}": {detail}')
        if voice.volume != 1.0:
            _scale(path, voice.volume)

    def _require(self) -> None:
        if not self.is_available():
            raise EngineError(f'flite is not installed ("{self.program}" not found); apt install flite')


def _scale(path: Path, gain: float) -> None:
    import numpy as np  # here, not at the top: asking whether flite can speak must not import numpy

    with wave.open(str(path), "rb") as handle:
        params = handle.getparams()
        samples = np.frombuffer(handle.readframes(params.nframes), dtype="<i2")
    scaled = np.clip(samples.astype(np.float64) * gain, -32768, 32767).astype("<i2")
    with wave.open(str(path), "wb") as handle:
        handle.setparams(params)
        handle.writeframes(scaled.tobytes())
