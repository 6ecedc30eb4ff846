"""``narrator voices``: what the pool holds, what each engine offers here, and a sample of one voice."""

from __future__ import annotations

import shutil
import tempfile
import wave
from pathlib import Path

from narrator.cast.casting import load_pool
from narrator.engines import EngineError, engine_names, get_engine, voice_problem
from narrator.engines.piper import GET_MORE
from narrator.errors import NarratorError
from narrator.fsutil import atomic_path
from narrator.models import CastSegment, Segment
from narrator.project import Project, pool_path
from narrator.synth.synthesis import SegmentCache, synthesise

SAMPLE = (
    "Hello. This is {name}, one of the voices of your podcast. The quick brown fox jumps over the lazy dog."
)


def describe_voices(project: Project) -> str:
    """The pool (with the voices that cannot speak here, and why), the neural voices found with their
    speakers, each engine's status, and which narrator reads."""
    from narrator.cast.casting import choose_narrator
    from narrator.engines.piper import find_models

    pool = load_pool(pool_path(project), voices_dir=project.voices)
    problems = {voice: voice_problem(voice) for voice in pool.voices}  # asked once: a check may read a model
    narrator, notice = choose_narrator(pool, pool.narrator.language, problems.__getitem__)
    lines = [f"Voice pool ({pool_path(project)}):"]
    broken = 0
    for voice in pool.voices:
        gender = {"f": "female", "m": "male"}.get(voice.gender or "", "-")
        role = "narrator" if voice.narrator else gender
        shown = Path(voice.engine_id).name if voice.engine == "piper" else voice.engine_id
        problem = problems[voice]
        broken += problem is not None
        status = f"CANNOT SPEAK HERE: {problem}" if problem else ""
        if not problem and voice == narrator:
            status = "narrates"
        lines.append(f"  {voice.name:10} {voice.engine:8} {shown:24} {voice.language:3} {role:8} "
                     f"rate {voice.rate:<4}{'' if voice.engine == 'piper' else f' pitch {voice.pitch:<3}'} "
                     f"{status}".rstrip())
    if broken:
        lines.append(f"  {broken} voice(s) cannot speak here; casting uses the others")
    lines.append(f"Neural voices found (Piper models in {project.voices} and installed packages):")
    models = find_models(project.voices)
    for model in models:
        speakers = (f"{len(model.speakers)} speakers: {', '.join(model.speakers[:10])}"
                    f"{', ...' if len(model.speakers) > 10 else ''}" if model.speakers else "1 speaker")
        lines.append(f"  {model.name} ({model.language or 'language unknown'}), {model.source}: {speakers}")
    if not models:
        lines.append(f"  none; {GET_MORE}")
    lines.append("Engines on this machine:")
    for name in engine_names():
        try:
            engine = get_engine(name)
            if not engine.is_available():
                lines.append(f"  {name}: not installed")
                continue
            offered = engine.list_voices()
        except EngineError as exc:
            lines.append(f"  {name}: unavailable ({exc})")
            continue
        sample = ", ".join(v.id for v in offered[:8])
        more = f", ... ({len(offered)} in all)" if len(offered) > 8 else ""
        lines.append(f"  {name} {engine.version()}: {sample}{more}")
    lines.append(notice)
    return "\n".join(lines)


def preview_voice(project: Project, name: str, output: Path | None) -> Path | None:
    """Speak a sample sentence with voice ``name``: into ``output`` (WAV) or through the speakers."""
    if output is not None and output.suffix.lower() != ".wav":
        raise NarratorError(f"{output}: previews are written as WAV; use a .wav name")
    voice = load_pool(pool_path(project), voices_dir=project.voices).get(name)
    text = SAMPLE.format(name=name)
    item = CastSegment(Segment(text=text, spoken=text, kind="narration"), voice)
    with tempfile.TemporaryDirectory() as scratch:
        (clip,) = synthesise([item], SegmentCache(Path(scratch)), context=f"preview of {name}")
        if output is not None:
            with atomic_path(output) as tmp:
                shutil.copyfile(clip.path, tmp)
            return output
        from narrator.read.playback import open_sink

        sink = open_sink(None, clip.sample_rate)
        with wave.open(str(clip.path), "rb") as handle:
            sink.write(handle.readframes(handle.getnframes()))
        sink.close()
    return None
