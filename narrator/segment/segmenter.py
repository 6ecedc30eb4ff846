"""Article → segments: paragraphs and sentences in the narrator's voice, every quotation with its
speaker (the producer's script, segment.script, corrects them in narrator.preparation)."""

from __future__ import annotations

import re
from dataclasses import replace

from narrator.models import Article, Segment
from narrator.normalise.lexicon import Lexicon
from narrator.normalise.style import SpeechStyle, article_style
from narrator.normalise.text import speakable
from narrator.segment.attribution import attribute
from narrator.segment.quotes import QuoteSpan
from narrator.segment.sentences import split_long, split_sentences

_MARKS = "\"“”‘’'«»„‹›`"


def split_segments(
    article: Article,
    lexicon: Lexicon | None = None,
    *,
    feed: str | None = None,
    style: SpeechStyle | None = None,
) -> list[Segment]:
    """Segments in reading order: headings and narration in the narrator's voice, quotations with their
    speaker. ``text`` is as written; ``spoken`` is normalised for speech in ``style`` (by default the
    article's own house style)."""
    style = style or article_style(article)
    paras = attribute(article)
    out: list[Segment] = []
    heading: str | None = None
    for para in paras:
        if para.kind == "heading":
            heading = para.text
            out.append(
                Segment(
                    para.text,
                    speakable(para.text, lexicon, feed=feed, style=style),
                    "narration",
                    paragraph=para.index,
                    heading=heading,
                    block="heading",
                )
            )
            continue
        pieces: list[tuple[str, QuoteSpan | None]] = []
        pos = 0
        for q in para.quotes:
            if not q.direct:
                continue
            if para.text[pos : q.start].strip():
                pieces.append((para.text[pos : q.start], None))
            pieces.append((para.text[q.start : q.end], q))
            pos = q.end
        if para.text[pos:].strip():
            pieces.append((para.text[pos:], None))
        sentence = 0
        for piece, q in pieces:
            for part in (p for s in split_sentences(piece) for p in split_long(s)):
                if not re.search(r"\w", part) and out and out[-1].paragraph == para.index:
                    out[-1] = replace(out[-1], text=out[-1].text + part)
                    continue
                speaker = q.speaker if q else None
                spoken_text = part.strip(_MARKS + " ") if q else part
                out.append(
                    Segment(
                        text=part,
                        spoken=speakable(spoken_text, lexicon, speaker=speaker, feed=feed, style=style),
                        kind="quote" if q else "narration",
                        speaker=speaker,
                        confidence=q.confidence if q else 1.0,
                        paragraph=para.index,
                        sentence=sentence,
                        heading=heading,
                        block=para.kind,
                        speaker_gender=q.gender if q else None,
                    )
                )
                sentence += 1
    return out

