"""Speech engines behind one small interface, found through a registry.

This is the simonw/llm plugin pattern: the built-in engines are entry points exactly like a third-party
engine, which a package declares in its pyproject.toml::

    [project.entry-points."narrator.engines"]
    myengine = "my_package.engine:MyEngine"

The entry point names a zero-argument factory (usually the class) returning an ``Engine``. Engines are
imported only when asked for, so ``narrator --help`` works on a machine without any speech driver.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Protocol, runtime_checkable

from narrator.errors import EngineError
from narrator.models import Voice

GROUP = "narrator.engines"

BUILTIN_ENGINES = (
    EntryPoint("pyttsx3", "narrator.engines.pyttsx3_engine:Pyttsx3Engine", GROUP),
    EntryPoint("flite", "narrator.engines.flite:FliteEngine", GROUP),
    EntryPoint("piper", "narrator.engines.piper:PiperEngine", GROUP),
)


@dataclass(frozen=True)
class EngineVoice:
    """One voice (or voice variant) an engine offers on this machine."""

    id: str
    """What goes into ``engine_id`` in voices.toml."""
    name: str
    language: str | None = None
    gender: str | None = None


@runtime_checkable
class Engine(Protocol):
    """What narrator needs from a speech engine.

    ``synthesise`` writes one mono 16-bit WAV per job. The sample rate may differ from the clip rate:
    the synth stage resamples when it verifies the file.

    Four methods are optional (see ``voice_problem``, ``voice_fingerprint``, ``resolve_voice_id`` and
    ``preload_voice`` below): ``voice_problem(voice)`` says why a voice cannot speak here,
    ``voice_identity(voice)`` names the voice data that shapes its sound (a model file's hash),
    ``resolve_voice(engine_id, folder)`` turns an id into what the engine finds from the pool's folder,
    and ``preload(voice, threads)`` loads what the voice needs (a model) before its first sentence is asked
    for, to run on ``threads`` cores.
    """

    name: str

    def is_available(self) -> bool:
        """True when the engine can run here (library or program installed)."""
        ...

    def version(self) -> str:
        """Engine and voice-data version; part of every cache key, so an upgrade re-synthesises."""
        ...

    def list_voices(self) -> list[EngineVoice]:
        """Every voice id this engine accepts on this machine."""
        ...

    def synthesise(self, voice: Voice, jobs: Sequence[tuple[str, Path]], timeout: float) -> None:
        """Speak each text into its path; raise EngineError naming the text that failed.

        ``timeout`` bounds each job, not the batch. Each file must depend only on its text and the
        voice, never on what was spoken before it: builds are byte-identical whatever the batching.
        """
        ...


_factories: dict[str, Callable[[], Engine]] = {}
_instances: dict[str, Engine] = {}
_loaded = False
_lock = threading.Lock()
_loading = threading.Lock()
"""Held while the entry points load: `narrator read` asks for engines from several threads at once."""


def register_engine(name: str, factory: Callable[[], Engine]) -> None:
    """Make an engine known under ``name`` (a later registration of the same name wins)."""
    with _lock:
        _factories[name] = factory
        _instances.pop(name, None)


def unregister_engine(name: str) -> None:
    """Forget the engine registered under ``name``: a plugin unloaded, or an engine a test brought."""
    with _lock:
        _factories.pop(name, None)
        _instances.pop(name, None)


def _load_entry_points() -> None:
    global _loaded
    if _loaded:
        return
    with _loading:
        if _loaded:  # another thread loaded them while this one waited
            return
        installed = [ep for ep in entry_points(group=GROUP) if ep.name not in _factories]
        for entry in (*BUILTIN_ENGINES, *installed):
            if entry.name in _factories:
                continue
            try:
                _factories[entry.name] = entry.load()
            except Exception as error:  # a broken plugin must not break the other engines
                _factories[entry.name] = _broken_factory(entry.name, entry.value, error)
        _loaded = True  # only now: a thread that sees it finds every engine


def _broken_factory(name: str, value: str, error: Exception) -> Callable[[], Engine]:
    def factory() -> Engine:
        raise EngineError(
            f'engine "{name}" ({value}) failed to load: {error}; reinstall the package providing it'
        )

    return factory


def engine_names() -> list[str]:
    """Names of every registered engine, built-in first."""
    _load_entry_points()
    return list(_factories)


def get_engine(name: str) -> Engine:
    """The engine registered as ``name``; EngineError listing the known engines otherwise."""
    _load_entry_points()
    with _lock:
        if name in _instances:
            return _instances[name]
        factory = _factories.get(name)
    if factory is None:
        known = ", ".join(sorted(_factories))
        raise EngineError(f'unknown speech engine "{name}"; known: {known}')
    engine = factory()
    with _lock:
        _instances[name] = engine
    return engine


def voice_problem(voice: Voice) -> str | None:
    """Why ``voice`` cannot speak here (engine missing, unknown voice id, missing model), or None."""
    try:
        engine = get_engine(voice.engine)
        if not engine.is_available():
            return f'engine "{voice.engine}" is not installed'
        check = getattr(engine, "voice_problem", None)
        return check(voice) if check is not None else None
    except EngineError as error:
        return str(error)


def voice_fingerprint(voice: Voice) -> str:
    """The engine's version plus the identity of the voice's own data: part of every cache key."""
    engine = get_engine(voice.engine)
    identity = getattr(engine, "voice_identity", None)
    version = engine.version()
    return f"{version}/{identity(voice)}" if identity is not None else version


def resolve_voice_id(engine_name: str, engine_id: str, folder: Path) -> str:
    """``engine_id`` as the engine finds it from ``folder`` (a model path made absolute), or unchanged."""
    try:
        engine = get_engine(engine_name)
    except EngineError:
        return engine_id
    resolve = getattr(engine, "resolve_voice", None)
    return resolve(engine_id, folder) if resolve is not None else engine_id


def preloads(voice: Voice) -> bool:
    """Whether ``voice``'s engine loads something into the process that speaks it (a neural model), so
    that it pays to keep one process speaking it."""
    try:
        return getattr(get_engine(voice.engine), "preload", None) is not None
    except EngineError:
        return False


def preload_voice(voice: Voice, threads: int = 1) -> None:
    """Load what ``voice`` needs in this process (a neural model) before its first sentence is asked for,
    so a listener does not wait for it, to run on ``threads`` cores (a process that speaks alone may use
    more than a build's workers, which keep one each). Engines without ``preload`` have nothing to load; a
    voice that cannot speak is left alone, for synthesis to report as it always does."""
    try:
        engine = get_engine(voice.engine)
        preload = getattr(engine, "preload", None)
        if preload is not None and voice_problem(voice) is None:
            preload(voice, threads)
    except EngineError:
        return
