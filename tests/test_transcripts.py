"""Transcript and chapter formats, checked by parsing them back with the libraries players use."""

from __future__ import annotations

import json
from datetime import timedelta

import srt
import webvtt

from narrator.models import Chapter, Cue
from narrator.produce.transcripts import render_chapters_json, render_srt, render_transcript_json, render_vtt

CUES = [
    Cue(0.25, 2.5, "The ship left\nport at dawn.", "Narrator"),
    Cue(2.9, 4.0, "Fish <and> chips & peas --> later.", "Anna Smith"),
    Cue(3725.5, 3727.125, "Late in the episode.", "Narrator"),
]


def test_vtt_has_voice_spans_escaped_text_and_hour_timestamps():
    text = render_vtt(CUES)
    assert text.startswith("WEBVTT\n\n")
    assert "<v Anna Smith>Fish &lt;and&gt; chips &amp; peas --&gt; later.</v>" in text
    captions = webvtt.from_string(text).captions
    assert [c.voice for c in captions] == ["Narrator", "Anna Smith", "Narrator"]
    assert captions[0].text == "The ship left port at dawn."  # one line: a blank line would end the cue
    assert (captions[2].start, captions[2].end) == ("01:02:05.500", "01:02:07.125")


def test_srt_numbers_cues_and_names_quoted_speakers():
    subtitles = list(srt.parse(render_srt(CUES)))
    assert [s.index for s in subtitles] == [1, 2, 3]
    assert subtitles[0].content == "The ship left port at dawn."
    assert subtitles[1].content == "Anna Smith: Fish <and> chips & peas --> later."
    assert subtitles[2].start == timedelta(hours=1, minutes=2, seconds=5, milliseconds=500)


def test_transcript_json_is_podcasting_2_0():
    data = json.loads(render_transcript_json(CUES))
    assert data["version"] == "1.0.0"
    assert data["segments"][1] == {
        "speaker": "Anna Smith",
        "startTime": 2.9,
        "endTime": 4.0,
        "body": "Fish <and> chips & peas --> later.",
    }


def test_chapters_json_is_podcasting_2_0():
    data = json.loads(render_chapters_json([Chapter(0.0, "Introduction"), Chapter(12.3456, "Café")]))
    assert data == {
        "version": "1.2.0",
        "chapters": [{"startTime": 0.0, "title": "Introduction"}, {"startTime": 12.346, "title": "Café"}],
    }
