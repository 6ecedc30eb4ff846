"""Transcript and chapter side files: WebVTT, SRT, Podcasting 2.0 JSON transcript and chapters.

Pure functions from timed values to text, so the formats can be tested without audio.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from narrator.models import Chapter, Cue

NARRATOR = "Narrator"
"""Speaker name for narration cues (the VTT voice span and the JSON speaker)."""

_SPACE = re.compile(r"\s+")


def _clock(seconds: float, separator: str) -> str:
    millis = max(0, round(seconds * 1000))
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def _one_line(text: str) -> str:
    # A blank line ends a cue in both VTT and SRT, so a cue's text is kept on one line.
    return _SPACE.sub(" ", text).strip()


def _vtt_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_vtt(cues: Sequence[Cue]) -> str:
    """WebVTT with a ``<v Speaker>`` span per cue: the form Apple ingests for podcast transcripts."""
    parts = ["WEBVTT", ""]
    for cue in cues:
        speaker = _vtt_escape(_one_line(cue.speaker))
        parts += [
            f"{_clock(cue.start, '.')} --> {_clock(cue.end, '.')}",
            f"<v {speaker}>{_vtt_escape(_one_line(cue.text))}</v>",
            "",
        ]
    return "\n".join(parts)


def render_srt(cues: Sequence[Cue]) -> str:
    """SRT has no speaker field, so quoted speakers are named before their words."""
    parts: list[str] = []
    for number, cue in enumerate(cues, start=1):
        text = _one_line(cue.text)
        if cue.speaker != NARRATOR:
            text = f"{_one_line(cue.speaker)}: {text}"
        parts += [str(number), f"{_clock(cue.start, ',')} --> {_clock(cue.end, ',')}", text, ""]
    return "\n".join(parts)


def render_transcript_json(cues: Sequence[Cue]) -> str:
    """Podcasting 2.0 JSON transcript (podcast:transcript type application/json)."""
    segments = [
        {
            "speaker": cue.speaker,
            "startTime": round(cue.start, 3),
            "endTime": round(cue.end, 3),
            "body": _one_line(cue.text),
        }
        for cue in cues
    ]
    return json.dumps({"version": "1.0.0", "segments": segments}, ensure_ascii=False, indent=2) + "\n"


def render_chapters_json(chapters: Sequence[Chapter]) -> str:
    """Podcasting 2.0 JSON chapters (podcast:chapters type application/json+chapters)."""
    entries = [{"startTime": round(chapter.start, 3), "title": chapter.title} for chapter in chapters]
    return json.dumps({"version": "1.2.0", "chapters": entries}, ensure_ascii=False, indent=2) + "\n"
