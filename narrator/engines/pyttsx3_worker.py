"""A throw-away process that drives pyttsx3 for one voice; the parent enforces timeouts.

Run as ``python -m narrator.engines.pyttsx3_worker``. It reads one JSON request on stdin and writes JSON
lines on its real stdout; anything pyttsx3 prints (``Audio saved to ...``) goes to /dev/null.

pyttsx3 2.99 on eSpeak NG is engineered around here (see shared/engines.md):
- settings are applied once, before the first utterance: changing the rate between utterances gives
  wrong durations (voice and pitch changes were right, but one voice per process keeps it simple);
- one ``save_to_file`` per ``runAndWait``: queued saves write only the last file;
- ``runAndWait`` may return before the file exists (pyttsx3 #219), so wait for ``finished-utterance``
  and the file;
- texts over ~17 kB segfault, so long texts are spoken in chunks and joined;
- an unknown voice gives junk silently, so the id is checked against the voice list first.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
import wave
from pathlib import Path
from typing import Any

MAX_CHARS = 2000
"""Chunk size: far below the ~17 kB crash, and short enough that pyttsx3's quadratic buffer stays cheap."""

COMPLETE_SECONDS = 2.0
"""How long to wait, after the finished callback, for the file to hold its frames."""


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


def speak(engine: Any, text: str, path: Path) -> None:
    """One utterance into ``path``, waiting for the callback and the file (pyttsx3 #219)."""
    finished: list[bool] = []
    token = engine.connect("finished-utterance", lambda name, completed: finished.append(completed))
    try:
        engine.save_to_file(text, str(path))
        engine.runAndWait()
        # A late callback from the previous utterance can arrive here, and the driver's thread may still
        # be writing: wave writes a header that already counts every frame, then the frames, so the file
        # is complete only when its size covers them (reading earlier gave clips 0.2 s short).
        deadline = None
        while not _complete(path):
            if finished and deadline is None:
                deadline = time.monotonic() + COMPLETE_SECONDS
            if deadline is not None and time.monotonic() > deadline:
                break  # the parent's verification reports the empty file
            time.sleep(0.005)
    finally:
        engine.disconnect(token)


def _complete(path: Path) -> bool:
    try:
        with wave.open(str(path), "rb") as handle:
            frames, width = handle.getnframes(), handle.getsampwidth()
        return frames > 0 and path.stat().st_size >= 44 + frames * width
    except (OSError, EOFError, wave.Error):
        return False


def speak_chunked(engine: Any, text: str, path: Path) -> None:
    chunks = split_text(text)
    if len(chunks) == 1:
        speak(engine, text, path)
        return
    parts = [path.with_name(f"{path.name}.{i}.wav") for i in range(len(chunks))]
    try:
        for chunk, part in zip(chunks, parts, strict=True):
            speak(engine, chunk, part)
        with wave.open(str(path), "wb") as out:
            for i, part in enumerate(parts):
                with wave.open(str(part), "rb") as piece:
                    if i == 0:
                        out.setparams(piece.getparams())
                    out.writeframes(piece.readframes(piece.getnframes()))
    finally:
        for part in parts:
            part.unlink(missing_ok=True)


def main() -> int:
    # Keep the real stdout for our replies; send fd 1 (pyttsx3's prints, C library chatter) to /dev/null.
    reply = os.fdopen(os.dup(1), "w", buffering=1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process

    def send(**message: Any) -> None:
        reply.write(json.dumps(message) + "\n")
        reply.flush()

    request = json.load(sys.stdin)
    import pyttsx3

    engine = pyttsx3.init()
    voices = list_voices(engine)
    if request["command"] == "list":
        send(voices=voices)
        return 0
    voice = request["voice"]
    problem = check_voice(voice["id"], voices)
    if problem:
        send(error=problem)
        return 1
    engine.setProperty("voice", voice["id"])
    engine.setProperty("rate", voice["rate"])
    engine.setProperty("pitch", voice["pitch"])
    engine.setProperty("volume", voice["volume"])
    for index, (text, path) in enumerate(request["jobs"]):
        speak_chunked(engine, text, Path(path))
        send(done=index)
    return 0


if __name__ == "__main__":
    sys.exit(main())
