"""The default engine: pyttsx3 (eSpeak NG on Linux, SAPI5 on Windows, NSSpeech on macOS).

pyttsx3 runs only in a child process (``pyttsx3_worker``), one per batch of jobs that share a voice, so a
hang or crash costs one batch and the parent can kill it on a deadline. pyttsx3 itself is never imported
here, which keeps ``narrator --help`` working without a speech driver.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import functools
import importlib.metadata
import importlib.util
import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from narrator.engines import EngineVoice
from narrator.errors import DiskFullError, EngineError, shorten
from narrator.models import Voice

STARTUP_SECONDS = 20.0
"""Allowance for interpreter start, pyttsx3 import and eSpeak initialisation before the first job."""


class Pyttsx3Engine:
    name = "pyttsx3"

    def __init__(self) -> None:
        self._checked: set[str] = set()
        """Voice ids a worker of this process has already accepted."""

    def is_available(self) -> bool:
        return importlib.util.find_spec("pyttsx3") is not None and (
            sys.platform in ("win32", "darwin") or _espeak_library() is not None
        )

    @functools.cache  # noqa: B019 - engines are process-wide singletons
    def version(self) -> str:
        try:
            package = importlib.metadata.version("pyttsx3")
        except importlib.metadata.PackageNotFoundError:
            package = "missing"
        return f"pyttsx3-{package}/{_espeak_version()}"

    @functools.cache  # noqa: B019
    def list_voices(self) -> list[EngineVoice]:
        reply = _run_worker({"command": "list"}, [], timeout=STARTUP_SECONDS)
        return [EngineVoice(id=v["id"], name=v["name"], language=v.get("language")) for v in reply]

    def voice_problem(self, voice: Voice) -> str | None:
        """Why eSpeak NG (or the platform's driver) cannot speak ``voice.engine_id``, or None.

        The same check the worker makes before speaking, against the voice list of this machine: an
        unknown id would otherwise give junk silently (shared/engines.md).
        """
        from narrator.engines.pyttsx3_worker import check_voice

        known = _espeak_voice_list()
        if known is None:  # SAPI5 or NSSpeech: ask a worker
            known = [{"id": v.id, "name": v.name} for v in self.list_voices()]
        problem = check_voice(voice.engine_id, known)
        return f"{problem}; `narrator voices` lists what pyttsx3 offers here" if problem else None

    def synthesise(self, voice: Voice, jobs: Sequence[tuple[str, Path]], timeout: float) -> None:
        if not self.is_available():
            raise EngineError(
                "pyttsx3 is not usable here: install espeak-ng (apt install espeak-ng) and pyttsx3"
            )
        request = {
            "command": "synthesise",
            "check": voice.engine_id not in self._checked,
            "voice": {
                "id": voice.engine_id,
                "rate": voice.rate,
                "pitch": voice.pitch,
                "volume": voice.volume,
            },
            "jobs": [[text, str(path)] for text, path in jobs],
        }
        try:
            _run_worker(request, [text for text, _ in jobs], timeout=timeout)
        except EngineError as error:
            raise EngineError(f'voice "{voice.name}" ({voice.engine_id}): {error}') from None
        self._checked.add(voice.engine_id)


@functools.cache
def _espeak_library() -> str | None:
    """The eSpeak NG library, when one is installed and loads.

    Looked up once per process: find_library runs ``ldconfig -p`` each time. A damaged library (dlopen
    fails: a truncated file, the wrong architecture) counts as none, so the engine's voices are replaced
    like those of a missing engine, with a warning, instead of every build failing.
    """
    library = ctypes.util.find_library("espeak-ng") or ctypes.util.find_library("espeak")
    if library is None:
        return None
    try:
        ctypes.CDLL(library)
    except OSError:
        return None
    return library


class _EspeakVoice(ctypes.Structure):
    """espeak_VOICE from speak_lib.h; ``languages`` holds NUL-separated strings, so it stays a pointer."""

    _fields_ = [
        ("name", ctypes.c_char_p),
        ("languages", ctypes.c_void_p),
        ("identifier", ctypes.c_char_p),
        ("gender", ctypes.c_ubyte),
        ("age", ctypes.c_ubyte),
        ("variant", ctypes.c_ubyte),
        ("xx1", ctypes.c_ubyte),
        ("score", ctypes.c_int),
        ("spare", ctypes.c_void_p),
    ]


@functools.cache
def _espeak_voice_list() -> list[dict[str, str]] | None:
    """eSpeak NG's voices and variants as the worker lists them (``{"id", "name"}``; variants as ``+NAME``),
    read through libespeak-ng in this process: ~20 ms against ~0.5 s for a pyttsx3 worker. None off Linux
    (pyttsx3 drives SAPI5 or NSSpeech there) or without the library.
    """
    library = _espeak_library()
    if library is None or sys.platform in ("win32", "darwin"):
        return None
    espeak = ctypes.cdll.LoadLibrary(library)
    espeak.espeak_Initialize.restype = ctypes.c_int
    espeak.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
    espeak.espeak_ListVoices.restype = ctypes.POINTER(ctypes.POINTER(_EspeakVoice))
    espeak.espeak_ListVoices.argtypes = [ctypes.POINTER(_EspeakVoice)]
    synchronous = 2  # AUDIO_OUTPUT_SYNCHRONOUS: no audio device, no thread
    if espeak.espeak_Initialize(synchronous, 0, None, 0) <= 0:
        return None

    def listed(spec: Any) -> list[tuple[str, str]]:
        found, entries = [], espeak.espeak_ListVoices(spec)
        index = 0
        while entries[index]:
            entry = entries[index].contents
            found.append((entry.identifier.decode("utf-8", "replace"), entry.name.decode("utf-8", "replace")))
            index += 1
        return found

    variant_spec = _EspeakVoice()
    variant_spec.languages = ctypes.cast(ctypes.c_char_p(b"variant"), ctypes.c_void_p)
    voices = [{"id": ident, "name": name} for ident, name in listed(None)]
    variants = [ident.rsplit("/", 1)[-1] for ident, _ in listed(ctypes.byref(variant_spec))]
    return voices + [{"id": f"+{name}", "name": f"variant {name}"} for name in variants]


def _espeak_version() -> str:
    """eSpeak NG's own version string (its voice data changes with it); no initialisation needed."""
    library = _espeak_library()
    if library is None:
        return sys.platform
    info = ctypes.cdll.LoadLibrary(library).espeak_Info
    info.restype = ctypes.c_char_p
    info.argtypes = [ctypes.c_void_p]
    return "espeak-ng-" + info(None).decode("ascii", "replace")


def _run_worker(request: dict[str, Any], texts: list[str], *, timeout: float) -> Any:
    """Run one worker; return its ``voices`` reply, or None after every job reported done.

    Each job gets ``timeout`` seconds (the first also gets the start-up allowance); on a miss the worker's
    process group is killed and the text that hung is named.
    """
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "narrator.engines.pyttsx3_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            start_new_session=True,
        )
        try:
            assert process.stdin is not None and process.stdout is not None
            # The worker dies with this process (narrator.build.lifetime), even in its own session.
            process.stdin.write(json.dumps({**request, "parent": os.getpid()}).encode("utf-8"))
            process.stdin.close()
            return _collect(process, texts, timeout, errors)
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _collect(process: subprocess.Popen[bytes], texts: list[str], timeout: float, errors: Any) -> Any:
    assert process.stdout is not None
    pending = len(texts)
    deadline = time.monotonic() + STARTUP_SECONDS + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        buffer = b""
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not selector.select(remaining):
                current = texts[len(texts) - pending] if pending else "(voice list)"
                raise EngineError(
                    f'pyttsx3 did not finish "{shorten(current, 60)}" within {timeout:g} s; killed it'
                )
            data = os.read(process.stdout.fileno(), 65536)
            if not data:
                break
            buffer += data
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                message = json.loads(line)
                if "error" in message:
                    raise EngineError(
                        message["error"] + "; see `narrator voices` for the voices this engine offers"
                    )
                if "save_error" in message:
                    failure = f'pyttsx3 could not save "{shorten(texts[len(texts) - pending], 60)}": '
                    failure += message["save_error"]
                    if message.get("errno") in (errno.ENOSPC, errno.EDQUOT):
                        raise DiskFullError(f"{failure}; free some disk space and run again")
                    raise EngineError(failure)
                if "voices" in message:
                    return message["voices"]
                pending -= 1
                deadline = time.monotonic() + timeout
                if pending == 0:
                    return None
    process.wait()
    errors.seek(0)
    detail = errors.read().decode("utf-8", "replace").strip().splitlines()
    current = texts[len(texts) - pending] if pending and texts else "(voice list)"
    reason = detail[-1] if detail else f"exit status {process.returncode}"
    raise EngineError(f'pyttsx3 worker died on "{shorten(current, 60)}": {reason}')
