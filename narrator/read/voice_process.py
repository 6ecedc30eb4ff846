"""The narrator's neural voice in a process of its own, for `narrator read`.

A neural model takes longer to load (~0.7 s of CPU: ONNX Runtime, the seeded model, the session) than
`read` needs to read and prepare the article's title, and both hold the interpreter: in one process
they take turns on one core while the other core waits. So `read` forks, first thing, a process that
guesses the narrator (``reading.likely_narrator``), loads its model and then speaks every voice of that
engine, while the first process reads and segments the article on the other core. Sentences go to it in
the order they were asked for (the first words of the title first) and come back as the same WAV clips
``Speech`` writes itself: one path from sentence to clip (``speak_clips``), whichever process runs it.
"""

from __future__ import annotations

import importlib
import os
import signal
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from narrator.errors import NarratorError, SynthesisError
from narrator.fsutil import staging_folder
from narrator.models import Voice

if TYPE_CHECKING:
    from concurrent.futures import Future
    from multiprocessing.connection import Connection

    from narrator.read.options import ReadOptions

READ_THREADS = 4
"""Most cores the voice process's model runs on (Piper gains little beyond four on short sentences)."""


def speak_clips(
    voice: Voice, texts: Sequence[str], paths: Sequence[Path], timeout: float, context: str
) -> None:
    """Speak ``texts`` in one engine run (synth's ``speak_batch``: the build's engine call, checks and
    resampling), each into its path as a mono 16-bit WAV at CLIP_RATE."""
    import wave

    from narrator.synth.planning import CLIP_RATE
    from narrator.synth.synthesis import speak_batch

    with staging_folder(paths[0].parent) as staging:
        try:
            clips = speak_batch(voice, texts, staging, timeout)
        except SynthesisError as error:
            raise SynthesisError(f'"{context}": could not synthesise {error}') from None
    for samples, path in zip(clips, paths, strict=True):
        with wave.open(str(path), "wb") as handle:
            handle.setnchannels(1)
            handle.setsampwidth(2)
            handle.setframerate(CLIP_RATE)
            handle.writeframes(samples.astype("<i2").tobytes())


class VoiceProcess:
    """A forked process that loads the likely narrator's model at once and then speaks, in order, the
    sentences of every voice of its engine; ``start`` gives None where that cannot be done safely."""

    def __init__(self, options: ReadOptions) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._connection, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child, self._connection, options),
                                        name="narrator-voice", daemon=True)
        self._process.start()
        child.close()
        self._engine: str | None = None
        self._engine_known = threading.Event()
        self._receiving = threading.Lock()
        # Imported after the fork: the voice process does not need it.
        from concurrent.futures import ThreadPoolExecutor

        self._sender = ThreadPoolExecutor(max_workers=1, thread_name_prefix="narrator-voice")
        """One thread talks to the process, so sentences are spoken in the order they were submitted."""

    @classmethod
    def start(cls, options: ReadOptions) -> VoiceProcess | None:
        """The process, or None when this process may not fork: where the platform has no fork, or
        while other threads run (one could hold a lock the child would wait for forever)."""
        import multiprocessing

        if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
            return None
        return cls(options)

    def speaks(self, voice: Voice) -> bool:
        """Whether ``voice`` is spoken in the process: a voice of the engine whose model it loaded."""
        engine = self.engine()
        return engine is not None and voice.engine == engine

    def engine(self) -> str | None:
        """The engine whose voices the process speaks, known a moment after the start; None when the
        narrator's engine loads no model (the process has ended)."""
        if not self._engine_known.is_set():
            with self._receiving:
                if not self._engine_known.is_set():
                    try:
                        self._engine = self._connection.recv()
                    except (EOFError, OSError):
                        self._engine = None
                    self._engine_known.set()
        return self._engine

    def submit(
        self, voice: Voice, texts: Sequence[str], paths: Sequence[Path], timeout: float, context: str
    ) -> Future[None]:
        """Speak ``texts`` into ``paths`` (see ``speak_clips``) after every sentence submitted before."""
        return self._sender.submit(self._request, (voice, tuple(texts), tuple(paths), timeout, context))

    def close(self) -> None:
        """Stop the process at once (a model still loading, a sentence half spoken) and its sender."""
        self._sender.shutdown(wait=False, cancel_futures=True)
        self._process.kill()
        self._process.join()
        self._connection.close()

    def _request(self, request: tuple[Voice, tuple[str, ...], tuple[Path, ...], float, str]) -> None:
        self.engine()  # the engine message comes first on the pipe
        try:
            self._connection.send(request)
            answer = self._connection.recv()
        except (EOFError, OSError):
            raise SynthesisError(f'"{request[4]}": the voice process stopped') from None
        if answer is not None:
            raise answer


def _serve(connection: Connection, parents_end: Connection, options: ReadOptions) -> None:
    """The process: tell which engine it speaks (None: nothing to load, and it ends), load the
    narrator's model, then answer each request with None or the NarratorError it raised, until the
    first process is gone."""
    from narrator.engines import preload_voice, preloads
    from narrator.read.reading import likely_narrator

    parents_end.close()  # inherited by the fork; open here, it would hide the first process's end
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the first process's to handle
    try:
        voice: Voice | None = likely_narrator(options)
    except NarratorError:
        voice = None  # a broken pool or podcast.toml is the first process's to report
    engine = voice.engine if voice is not None and preloads(voice) else None
    connection.send(engine)
    if voice is None or engine is None:
        return
    # What speaking needs besides the model (synth's checks and resampling, and numpy, which ONNX Runtime
    # needs too) is imported first, here rather than at the first sentence; not on a thread beside the
    # model's load: numpy imported from two threads at once can fail ("import numpy failed").
    importlib.import_module("narrator.synth.synthesis")
    # This process speaks alone while the first one waits for it: the model may use every core (up to
    # READ_THREADS), which makes the first words ~1.5x sooner on two.
    preload_voice(voice, threads=max(1, min(READ_THREADS, os.cpu_count() or 1)))
    while True:
        try:
            voice, texts, paths, timeout, context = connection.recv()
        except EOFError:  # the first process is gone
            return
        answer: NarratorError | None = None
        try:
            speak_clips(voice, texts, paths, timeout, context)
        except NarratorError as error:
            answer = error
        try:
            connection.send(answer)
        except BrokenPipeError:  # the first process is gone
            return
