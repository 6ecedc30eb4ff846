"""``narrator voices``: what the pool holds, what each engine offers here, and a sample of one voice."""

from __future__ import annotations

import shutil
import tempfile
import wave
from pathlib import Path

from narrator.cast.casting import load_pool
from narrator.engines import EngineError, engine_names, get_engine
from narrator.errors import NarratorError
from narrator.fsutil import atomic_path
from narrator.models import CastSegment, Segment
from narrator.project import Project, pool_path
from narrator.synth.synthesis import SegmentCache, synthesise

SAMPLE = (
    "Hello. This is {name}, one of the voices of your podcast. The quick brown fox jumps over the lazy dog."
)


def describe_voices(project: Project) -> str:
    """The configured pool, then each engine's status and how many voices it offers on this machine."""
    pool = load_pool(pool_path(project))
    lines = [f"Voice pool ({pool_path(project)}):"]
    for voice in pool.voices:
        role = "narrator" if voice.narrator else ({"f": "female", "m": "male"}.get(voice.gender or "", "-"))
        lines.append(f"  {voice.name:10} {voice.engine:8} {voice.engine_id:18} {voice.language:6} {role:8} "
                     f"rate {voice.rate} pitch {voice.pitch}")
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
    return "\n".join(lines)


def preview_voice(project: Project, name: str, output: Path | None) -> Path | None:
    """Speak a sample sentence with voice ``name``: into ``output`` (WAV) or through the speakers."""
    if output is not None and output.suffix.lower() != ".wav":
        raise NarratorError(f"{output}: previews are written as WAV; use a .wav name")
    voice = load_pool(pool_path(project)).get(name)
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
