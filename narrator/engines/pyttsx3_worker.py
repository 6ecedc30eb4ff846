"""A throw-away process that speaks for one voice; the parent enforces timeouts.

Run as ``python -m narrator.engines.pyttsx3_worker``. It reads one JSON request on stdin and writes JSON
lines on its real stdout; anything a speech library prints (``Audio saved to ...``) goes to /dev/null.

On eSpeak NG (Linux) the worker drives the library through pyttsx3's own ctypes bindings, but in
eSpeak's synchronous mode rather than through pyttsx3's engine, because every sentence must sound the
same whatever was spoken before it (issue 12): eSpeak keeps state for the life of its process that no
call resets (the pitch flutter phase, the gain control, the echo buffer, libc's random numbers behind
breathy variants such as ``+f2``), so in one process a sentence's samples depend on its predecessors. The
worker initialises eSpeak and sets the voice, then forks a child per sentence that speaks it and exits:
each clip is what ``espeak-ng`` says for that sentence alone, byte for byte, at about the cost of one
long-lived process (``benchmarks/bench_clip_isolation.py``). Synchronous mode starts no thread, so the
fork is safe, and needs none of the waiting that pyttsx3's asynchronous loop does.

On macOS and Windows (NSSpeech, SAPI5) pyttsx3's engine is used, engineered around its known faults
(see shared/engines.md):
- the espeak driver's ``endLoop`` cancels a busy queue (dropping a just-set rate or pitch), so that stop
  is disabled and every utterance waits until the engine is idle again;
- settings are applied once, before the first utterance (one voice per process keeps it simple);
- one ``save_to_file`` per ``runAndWait``: queued saves write only the last file;
- ``runAndWait`` may return before the file exists (pyttsx3 #219), so wait for ``finished-utterance``
  and the file;
- texts over ~17 kB segfault, so long texts are spoken in chunks and joined (on every platform);
- an unknown voice gives junk silently, so the id is checked against the voice list first.
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import signal
import sys
import threading
import time
import traceback
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

from narrator.build.lifetime import die_with_parent

MAX_CHARS = 2000
"""Chunk size: far below the ~17 kB crash, and short enough that pyttsx3's quadratic buffer stays cheap."""

COMPLETE_SECONDS = 2.0
"""How long to wait, after the finished callback, for the file to hold its frames and eSpeak to go idle."""

POLL_SECONDS = 0.002


def split_text(text: str, limit: int = MAX_CHARS) -> list[str]:
    """Split at sentence ends, then spaces, so that no piece is longer than ``limit``."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for part in re.split(r"(?<=[.!?;:])\s+|\s+", text):
        while len(part) > limit:
            pieces.append(part[:limit])
            part = part[limit:]
        if current and len(current) + 1 + len(part) > limit:
            pieces.append(current)
            current = part
        else:
            current = f"{current} {part}" if current else part
    if current:
        pieces.append(current)
    return pieces


def _espeak_variants() -> set[str] | None:
    """eSpeak variant names (lower case), or None when the driver is not eSpeak."""
    try:
        from pyttsx3.drivers import _espeak
    except Exception:
        return None
    spec = _espeak.VOICE(languages=b"variant")
    return {v.identifier.decode("utf-8").rsplit("/", 1)[-1].lower() for v in _espeak.ListVoices(spec)}


def list_voices(engine: Any) -> list[dict[str, Any]]:
    voices = []
    for voice in engine.getProperty("voices"):
        languages = [str(lang) for lang in (getattr(voice, "languages", None) or [])]
        voices.append({"id": voice.id, "name": voice.name, "language": languages[0] if languages else None})
    variants = _espeak_variants()
    voices.extend(
        {"id": f"+{name}", "name": f"variant {name}", "language": None} for name in sorted(variants or ())
    )
    return voices


def check_voice(voice_id: str, voices: list[dict[str, Any]]) -> str | None:
    """None if ``voice_id`` is known; otherwise the reason it is not."""
    ids = {v["id"].lower() for v in voices if not v["id"].startswith("+")}
    names = {v["name"].lower() for v in voices if not v["id"].startswith("+")}
    short = {i.rsplit("/", 1)[-1] for i in ids}
    variants = {v["id"][1:].lower() for v in voices if v["id"].startswith("+")}
    base, plus, variant = voice_id.partition("+")
    if voice_id.lower() in ids | names:
        return None
    if base.lower() not in ids | names | short:
        return f'unknown voice "{base}"'
    if plus and variant.lower() not in variants:
        return f'unknown variant "+{variant}"'
    return None


def espeak_idle(engine: Any) -> Callable[[], bool]:
    """Make ``engine`` keep queued eSpeak settings; return a test for "eSpeak has nothing queued".

    pyttsx3's eSpeak driver cancels eSpeak's queue at the end of every ``runAndWait`` (see the module
    docstring), which loses settings that are still queued. Other drivers are left alone and are always
    considered idle.
    """
    driver = getattr(getattr(engine, "proxy", None), "_driver", None)
    if type(driver).__module__ != "pyttsx3.drivers.espeak":
        return lambda: True
    from pyttsx3.drivers import _espeak

    driver.stop = lambda: None
    return lambda: not _espeak.IsPlaying()


def wait_idle(idle: Callable[[], bool], limit: float = COMPLETE_SECONDS) -> None:
    deadline = time.monotonic() + limit
    while not idle() and time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)


def report_save_failures(send: Callable[..., None]) -> Callable[[Any], None]:
    """An unraisable-exception hook that reports a WAV pyttsx3 could not write, and ends the worker.

    pyttsx3 writes each WAV inside eSpeak's ctypes callback, where an exception is only printed and the
    utterance never finishes: on a full disk the worker waited for its timeout, batch after batch
    (issue 13). The reply names the errno, so the parent can tell a full disk from other failures.
    """

    def hook(unraisable: Any) -> None:
        sys.__unraisablehook__(unraisable)
        cause = unraisable.exc_value.__context__ or unraisable.exc_value
        if isinstance(cause, OSError):
            send(save_error=cause.strerror or str(cause), errno=cause.errno)
            os._exit(1)

    return hook


def speak(engine: Any, text: str, path: Path, idle: Callable[[], bool] = lambda: True) -> None:
    """One utterance into ``path``; returns once it is finished, written and eSpeak is idle.

    ``runAndWait`` returns as soon as the text is queued (pyttsx3 #219), and the driver's thread writes
    the file, then resets its shared state (buffer, speaking flag), then reports ``finished-utterance``.
    A reset landing after the next utterance had started would silence that one, and a busy queue would
    be cancelled by the next ``runAndWait``; hence the wait for all three.
    """
    finished: list[bool] = []
    token = engine.connect("finished-utterance", lambda name, completed: finished.append(completed))
    try:
        engine.save_to_file(text, str(path))
        engine.runAndWait()
        deadline = None
        while not (finished and idle() and _complete(path)):
            if finished and deadline is None:
                deadline = time.monotonic() + COMPLETE_SECONDS
            if deadline is not None and time.monotonic() > deadline:
                break  # the parent's verification reports the empty file
            time.sleep(POLL_SECONDS)
    finally:
        engine.disconnect(token)


def _complete(path: Path) -> bool:
    try:
        with wave.open(str(path), "rb") as handle:
            frames, width = handle.getnframes(), handle.getsampwidth()
        return frames > 0 and path.stat().st_size >= 44 + frames * width
    except (OSError, EOFError, wave.Error):
        return False


def speak_chunked(engine: Any, text: str, path: Path, idle: Callable[[], bool] = lambda: True) -> None:
    chunks = split_text(text)
    if len(chunks) == 1:
        speak(engine, text, path, idle)
        return
    parts = [path.with_name(f"{path.name}.{i}.wav") for i in range(len(chunks))]
    try:
        for chunk, part in zip(chunks, parts, strict=True):
            speak(engine, chunk, part, idle)
        with wave.open(str(path), "wb") as out:
            for i, part in enumerate(parts):
                with wave.open(str(part), "rb") as piece:
                    if i == 0:
                        out.setparams(piece.getparams())
                    out.writeframes(piece.readframes(piece.getnframes()))
    finally:
        for part in parts:
            part.unlink(missing_ok=True)


class ChildFailed(Exception):
    """The process speaking one sentence died or could not finish."""


def in_fresh_process(task: Callable[[], Any]) -> Any:
    """Run ``task`` in a child forked from this process and return its (JSON) result.

    The child dies with this worker, and this worker with its parent, so a timeout's kill or the build's
    death ends the whole tree.
    """
    read_end, write_end = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            os.close(read_end)
            die_with_parent(parent)
            with os.fdopen(write_end, "w", encoding="utf-8") as out:
                out.write(json.dumps({"result": task()}))
            status = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8") as answer:
        data = answer.read()
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        raise ChildFailed(f"eSpeak was killed by {signal.Signals(os.WTERMSIG(status)).name}")
    if status != 0 or not data:
        raise ChildFailed("eSpeak failed (see the error above)")
    return json.loads(data)["result"]


def fresh_engine(voice: dict[str, Any] | None) -> tuple[Any, Callable[[], bool]]:
    """A pyttsx3 engine with ``voice``'s settings applied and landed, and its idle test."""
    import pyttsx3

    engine = pyttsx3.init()
    idle = espeak_idle(engine)
    wait_idle(idle)  # init queued its own rate and volume; let them land before anything else
    if voice is not None:
        apply_voice(engine, voice)
    return engine, idle


def apply_voice(engine: Any, voice: dict[str, Any]) -> None:
    """Settings are set once, before the first utterance (rate changes between utterances misfire)."""
    engine.setProperty("voice", voice["id"])
    engine.setProperty("rate", voice["rate"])
    engine.setProperty("pitch", voice["pitch"])
    engine.setProperty("volume", voice["volume"])


class SynchronousESpeak:
    """eSpeak NG in synchronous mode through pyttsx3's ctypes bindings: ``speak`` returns with the audio.

    Voice ids, names and settings mean exactly what they mean to pyttsx3's eSpeak driver.
    """

    def __init__(self) -> None:
        from pyttsx3.drivers import _espeak

        self.espeak = _espeak
        self.rate = _espeak.Initialize(_espeak.AUDIO_OUTPUT_SYNCHRONOUS, 0)
        if self.rate <= 0:
            raise ChildFailed("eSpeak NG could not start (espeak_Initialize failed)")
        self.samples: list[bytes] = []
        _espeak.SetSynthCallback(self._collect)

    def _collect(self, wav: Any, count: int, events: Any) -> int:
        if wav and count > 0:
            self.samples.append(ctypes.string_at(wav, count * 2))
        return 0

    def voices(self) -> list[dict[str, Any]]:
        """The voices as pyttsx3 lists them (id, name, language), and the variants as ``+name``."""
        found = []
        for voice in self.espeak.ListVoices(None):
            languages = voice.languages[1:].decode("utf-8", "ignore") if voice.languages else None
            found.append({"id": voice.identifier.decode("utf-8").lower(), "name": voice.name.decode("utf-8"),
                          "language": languages or None})
        variants = _espeak_variants() or ()
        found.extend(
            {"id": f"+{name}", "name": f"variant {name}", "language": None} for name in sorted(variants)
        )
        return found

    def use(self, voice: dict[str, Any]) -> None:
        espeak = self.espeak
        if espeak.SetVoiceByName(str(voice["id"]).encode("utf-8")) != espeak.EE_OK:
            raise ChildFailed(f'eSpeak NG refused voice "{voice["id"]}"')
        espeak.SetParameter(espeak.RATE, int(voice["rate"]), 0)
        espeak.SetParameter(espeak.PITCH, int(voice["pitch"]), 0)
        espeak.SetParameter(espeak.VOLUME, int(round(voice["volume"] * 100, 2)), 0)

    def speak(self, text: str, path: Path) -> None:
        """``text`` into a mono 16-bit WAV at ``path`` (long texts in pieces, as pyttsx3 needs)."""
        self.samples.clear()
        for piece in split_text(text):
            self.espeak.Synth(piece, flags=self.espeak.CHARS_UTF8 | self.espeak.ENDPAUSE)
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(self.rate)
            out.writeframes(b"".join(self.samples))


def forks_per_sentence() -> bool:
    """eSpeak NG drives here, and a process can fork; macOS and Windows speech frameworks cannot fork."""
    return hasattr(os, "fork") and sys.platform not in ("darwin", "win32")


def main() -> int:
    # Keep the real stdout for our replies; send fd 1 (pyttsx3's prints, C library chatter) to /dev/null.
    reply = os.fdopen(os.dup(1), "w", buffering=1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process

    lock = threading.Lock()  # a speech driver's own thread may report a save failure

    def send(**message: Any) -> None:
        with lock:
            reply.write(json.dumps(message) + "\n")
            reply.flush()

    request = json.load(sys.stdin)
    die_with_parent(request.get("parent") or os.getppid())
    sys.unraisablehook = report_save_failures(send)
    try:
        if forks_per_sentence():
            espeak = SynchronousESpeak()
            if request["command"] == "list":
                send(voices=espeak.voices())
                return 0
            voice = request["voice"]
            # Listing every voice and variant costs ~70 ms; the parent asks only for ids it has not seen.
            problem = check_voice(voice["id"], espeak.voices()) if request.get("check", True) else None
            if not problem:
                espeak.use(voice)

            def say(text: str, path: Path) -> None:
                def speak_or_report() -> None:
                    try:
                        espeak.speak(text, path)
                    except OSError as error:  # the parent tells a full disk from other failures
                        send(save_error=error.strerror or str(error), errno=error.errno)
                        raise

                in_fresh_process(speak_or_report)
        else:
            engine, idle = fresh_engine(None)
            if request["command"] == "list":
                send(voices=list_voices(engine))
                return 0
            voice = request["voice"]
            problem = check_voice(voice["id"], list_voices(engine)) if request.get("check", True) else None
            if not problem:
                apply_voice(engine, voice)

            def say(text: str, path: Path) -> None:
                speak_chunked(engine, text, path, idle)

        if problem:
            send(error=problem)
            return 1
        for index, (text, path) in enumerate(request["jobs"]):
            say(text, Path(path))
            send(done=index)
    except ChildFailed as failure:
        print(failure, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
