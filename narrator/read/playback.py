"""Where `narrator read` sends its audio: the system's output device, or a WAV file.

Every sink takes mono 16-bit little-endian PCM at one sample rate, in small blocks, and accepts audio
only about as fast as it is heard. That pacing is what makes the keyboard controls prompt: pausing is
simply not writing, and a skip discards at most ``LEAD`` seconds already handed over.

Routes to the device, tried in order (``open_sink("default")``):
- the ``sounddevice`` PortAudio binding (its macOS and Windows wheels bundle PortAudio; Linux needs
  the libportaudio2 package);
- a player program reading raw PCM on stdin: ``pw-play`` (PipeWire), ``paplay`` (PulseAudio),
  ``aplay`` (ALSA);
- on macOS ``afplay`` and on Windows ``winsound``, one WAV per sentence.

``file:PATH.wav`` records exactly the PCM that would be played (nothing while paused), in real time,
so tests and pipes can compare it byte for byte.
"""

from __future__ import annotations

import contextlib
import io
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path
from typing import Any, Protocol

from narrator.errors import PlaybackError
from narrator.read.options import OUTPUT_SUFFIXES

LEAD = 0.25
"""Seconds of audio a sink may hold beyond what has been heard: bounds how late pause and skip act."""

_FIX = f"or write the audio to a file instead with -o FILE ({', '.join(OUTPUT_SUFFIXES)})"
STALL_SECONDS = 10.0
"""A player that takes no audio for this long (paced writes keep only a fraction of a second queued), or
takes longer than this beyond a sentence's length to play it, is stuck: it is killed and reported."""


class Sink(Protocol):
    """A destination for PCM that plays it in real time."""

    rate: int
    block_seconds: float | None
    """How much audio to hand over per write; None asks for whole sentences (sinks that cannot stream)."""

    def write(self, pcm: bytes) -> None:
        """Queue mono s16le PCM; returns once it is at most ``LEAD`` seconds ahead of the listener."""
        ...

    def close(self) -> None:
        """Let the queued audio finish, then release the device."""
        ...

    def abort(self) -> None:
        """Stop at once, dropping queued audio (quit)."""
        ...


class Pacer:
    """Keeps a writer at most ``lead`` seconds ahead of real time at ``speed``× playback.

    After a gap (pause, slow synthesis) the device has run dry, so the clock restarts from now.
    """

    def __init__(self, rate: int, speed: float = 1.0, lead: float = LEAD) -> None:
        self.rate = rate
        self.speed = speed
        self.lead = lead / speed
        """In wall-clock seconds: ``lead`` seconds of audio, whatever the speed."""
        self._ends_at = 0.0
        """Monotonic time at which everything written so far will have been heard."""

    def wait(self, frames: int) -> None:
        """Block until ``frames`` more can be handed over, then account for them."""
        now = time.monotonic()
        self._ends_at = max(self._ends_at, now)
        ahead = self._ends_at - now
        if ahead > self.lead:
            time.sleep(ahead - self.lead)
        self._ends_at += frames / self.rate / self.speed

    def drain(self) -> None:
        """Block until everything accounted for has been heard."""
        remaining = self._ends_at - time.monotonic()
        if remaining > 0:
            time.sleep(remaining)


class FileSink:
    """Records the played PCM to a WAV file, paced like a device (``speed``× real time; None: unpaced).

    The header is written when the sink opens and its sizes are fixed on close, so a reader can watch
    the file grow from the first block of audio on.
    """

    block_seconds: float | None = 0.05

    def __init__(self, path: Path, rate: int, *, speed: float | None = 1.0) -> None:
        self.rate = rate
        self.path = path
        self._pacer = Pacer(rate, speed) if speed else None
        self.first_audio_at: float | None = None
        """time.time() when the first audio was handed over (benchmarks read it)."""
        try:
            self._file = open(path, "wb")  # noqa: SIM115 - open for the sink's lifetime
        except OSError as exc:
            raise PlaybackError(
                f"cannot write the audio device file {path}: {exc.strerror or exc}; pick a writable path"
            ) from None
        self._wav = wave.open(self._file, "wb")  # noqa: SIM115 - closed in close()/abort()
        self._wav.setnchannels(1)
        self._wav.setsampwidth(2)
        self._wav.setframerate(rate)
        self._wav.writeframes(b"")
        self._file.flush()

    def write(self, pcm: bytes) -> None:
        if self._pacer is not None:
            self._pacer.wait(len(pcm) // 2)
        if self.first_audio_at is None:
            self.first_audio_at = time.time()
        self._wav.writeframes(pcm)
        self._file.flush()

    def close(self) -> None:
        if self._pacer is not None:
            self._pacer.drain()
        self.abort()

    def abort(self) -> None:
        if not self._file.closed:
            self._wav.close()
            self._file.close()


class SoundDeviceSink:
    """PortAudio through ``sounddevice``: a blocking raw stream with a short device buffer."""

    block_seconds: float | None = 0.05

    def __init__(self, sounddevice: Any, rate: int, device: str | int | None = None) -> None:
        self.rate = rate
        try:
            self._stream = sounddevice.RawOutputStream(
                samplerate=rate, channels=1, dtype="int16", device=device, latency="low"
            )
            self._stream.start()
        except Exception as exc:  # PortAudioError, ValueError for an unknown device
            raise PlaybackError(f"cannot open the audio device ({exc}); {_FIX}") from None
        self._pacer = Pacer(rate)

    def write(self, pcm: bytes) -> None:
        self._pacer.wait(len(pcm) // 2)
        self._stream.write(pcm)

    def close(self) -> None:
        self._pacer.drain()
        self._stream.stop()
        self._stream.close()

    def abort(self) -> None:
        self._stream.abort()
        self._stream.close()


PLAYERS: dict[str, list[str]] = {
    "pw-play": ["pw-play", "--rate", "{rate}", "--channels", "1", "--format", "s16", "-"],
    "paplay": ["paplay", "--raw", "--rate={rate}", "--channels=1", "--format=s16le"],
    "aplay": ["aplay", "-q", "-t", "raw", "-f", "S16_LE", "-c", "1", "-r", "{rate}", "-"],
}
"""Player programs that read raw PCM on stdin, in the order they are preferred."""


class ProgramSink:
    """Pipes raw PCM into a player program; the pacer keeps the pipe from buffering seconds of audio."""

    block_seconds: float | None = 0.05

    def __init__(self, program: str, rate: int) -> None:
        self.rate = rate
        self.program = program
        command = [part.format(rate=rate) for part in PLAYERS[Path(program).name]]
        command[0] = program
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed with the player
        self._process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=self._errors
        )
        self._pacer = Pacer(rate)

    def write(self, pcm: bytes) -> None:
        self._pacer.wait(len(pcm) // 2)
        assert self._process.stdin is not None
        if not select.select([], [self._process.stdin], [], STALL_SECONDS)[1]:
            self.abort()
            raise PlaybackError(f"{Path(self.program).name} took no audio for {STALL_SECONDS:.0f} s; {_FIX}")
        try:
            if self._process.poll() is not None:
                raise BrokenPipeError
            self._process.stdin.write(pcm)
            self._process.stdin.flush()
        except (BrokenPipeError, ValueError):
            raise PlaybackError(
                f"{Path(self.program).name} could not play audio ({self._reason()}); {_FIX}"
            ) from None

    def _reason(self) -> str:
        self._process.wait()
        self._errors.seek(0)
        lines = self._errors.read().decode("utf-8", "replace").strip().splitlines()
        return lines[-1] if lines else f"exit status {self._process.returncode}"

    def close(self) -> None:
        assert self._process.stdin is not None
        with contextlib.suppress(BrokenPipeError):
            self._process.stdin.close()
        try:
            self._process.wait(timeout=STALL_SECONDS)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._errors.close()

    def abort(self) -> None:
        self._process.kill()
        self._process.wait()
        self._errors.close()


class SentencePlayerSink:
    """Plays each write as one WAV and waits for it: ``afplay`` on macOS, ``winsound`` on Windows.

    Neither can stream, so the reader hands over whole sentences; pause and skip act between them.
    """

    block_seconds: float | None = None

    def __init__(self, rate: int) -> None:
        self.rate = rate
        self._process: subprocess.Popen[bytes] | None = None

    def _wav(self, pcm: bytes) -> bytes:
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as handle:
            handle.setnchannels(1)
            handle.setsampwidth(2)
            handle.setframerate(self.rate)
            handle.writeframes(pcm)
        return buffer.getvalue()

    def write(self, pcm: bytes) -> None:
        data = self._wav(pcm)
        if sys.platform == "win32":
            import winsound

            winsound.PlaySound(data, winsound.SND_MEMORY)
            return
        with tempfile.NamedTemporaryFile(suffix=".wav", delete=False) as handle:
            handle.write(data)
        try:
            self._process = subprocess.Popen(["afplay", handle.name], stderr=subprocess.PIPE)
            try:
                _, errors = self._process.communicate(timeout=STALL_SECONDS + len(pcm) / (2 * self.rate))
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
                raise PlaybackError(f"afplay did not finish a sentence; {_FIX}") from None
            if self._process.returncode not in (0, -9):
                reason = (
                    errors.decode("utf-8", "replace").strip() or f"exit status {self._process.returncode}"
                )
                raise PlaybackError(f"afplay could not play audio ({reason}); {_FIX}")
        finally:
            os.unlink(handle.name)

    def close(self) -> None:
        self._process = None

    def abort(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()


def open_sink(device: str | None, rate: int) -> Sink:
    """The sink named by ``--device``: None or "default" (the system output), ``file:PATH.wav``, or
    ``sounddevice:NAME`` / ``pw-play`` / ``paplay`` / ``aplay`` to force one route.

    Raises PlaybackError saying what is missing, and suggesting ``-o FILE``, when nothing can play.
    """
    if device and device.startswith("file:"):
        path = Path(device[len("file:") :])
        if path.suffix.lower() != ".wav" or not path.name:
            raise PlaybackError(f'device "{device}" must name a .wav file, e.g. file:out.wav')
        return FileSink(path, rate)
    if device in (None, "", "default"):
        return _default_sink(rate)
    if device == "sounddevice" or device.startswith("sounddevice:"):
        name = device.partition(":")[2] or None
        return SoundDeviceSink(
            _import_sounddevice(strict=True), rate, int(name) if name and name.isdigit() else name
        )
    if device in PLAYERS:
        program = shutil.which(device)
        if program is None:
            raise PlaybackError(f'device "{device}": the program {device} is not installed; {_FIX}')
        return ProgramSink(program, rate)
    known = ", ".join(["default", "file:PATH.wav", "sounddevice[:NAME]", *PLAYERS])
    raise PlaybackError(f'unknown device "{device}"; use one of {known}')


def _default_sink(rate: int) -> Sink:
    sounddevice = _import_sounddevice(strict=False)
    problems = []
    if sounddevice is not None:
        try:
            sounddevice.query_devices(kind="output")
            return SoundDeviceSink(sounddevice, rate)
        except Exception as exc:  # no default output device, or PortAudio refused it
            problems.append(f"PortAudio: {exc}")
    else:
        problems.append("sounddevice/PortAudio is not installed")
    for program in PLAYERS:
        found = shutil.which(program)
        if found:
            return ProgramSink(found, rate)
    if (sys.platform == "darwin" and shutil.which("afplay")) or sys.platform == "win32":
        return SentencePlayerSink(rate)
    problems.append(f"none of {', '.join(PLAYERS)} is on PATH")
    raise PlaybackError(
        f"no audio output device found ({'; '.join(problems)}); install sounddevice with PortAudio "
        f"(pip install sounddevice; Debian/Ubuntu: apt install libportaudio2) or a player such as aplay "
        f"(apt install alsa-utils), {_FIX}"
    )


def _import_sounddevice(*, strict: bool) -> Any:
    """The sounddevice module, or None; importing it fails with OSError when PortAudio is missing."""
    try:
        import sounddevice
    except (ImportError, OSError) as exc:
        if strict:
            raise PlaybackError(
                f"sounddevice is not usable ({exc}); pip install sounddevice, {_FIX}"
            ) from None
        return None
    return sounddevice
