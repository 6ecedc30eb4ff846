"""Article → segments: paragraphs, sentences, and every quotation given to its speaker.

Also the editable script (``narrator segments --format script``): one line per segment with its
speaker, so a producer can correct attribution once; a hash of the article text marks the script stale
when the article changes.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from pathlib import Path

from narrator.errors import NarratorError, shorten
from narrator.models import Article, Segment
from narrator.normalise.lexicon import Lexicon
from narrator.normalise.style import SpeechStyle, article_style
from narrator.normalise.text import speakable
from narrator.segment.attribution import (
    _FEMALE_NOUNS,
    _FUNCTION_WORDS,
    _MALE_NOUNS,
    _ORG_HEADS,
    _PREP_BEFORE,
    _VERB_RE,
    KIN,
    KIN_INVERSE,
    NAME_RE,
    REPLY_VERBS,
    Entity,
    Mention,
    QuoteSpan,
    Registry,
    _mask_relatives,
    _starts_sentence,
    adjacent_subject,
    clause_subject,
    find_quotes,
    first_name_gender,
    resolve_subject,
    split_name,
    trailing_cue,
)

# --- sentences ----------------------------------------------------------------------------------

_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "mx",
    "dr",
    "prof",
    "st",
    "sr",
    "jr",
    "no",
    "nos",
    "vs",
    "gen",
    "sen",
    "rep",
    "gov",
    "lt",
    "col",
    "capt",
    "sgt",
    "cmdr",
    "det",
    "insp",
    "supt",
    "rev",
    "fr",
    "hon",
    "inc",
    "ltd",
    "co",
    "corp",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "approx",
    "est",
    "fig",
    "vol",
    "ave",
    "rd",
    "mt",
    "ft",
    "cllr",
    "e.g",
    "i.e",
    "etc",
    "al",
    "u.s",
    "u.k",
    "a.m",
    "p.m",
}
_SENTENCE_STARTERS = {
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "This",
    "That",
    "In",
    "On",
    "At",
    "There",
    "His",
    "Her",
    "Their",
    "Its",
    "After",
    "When",
    "If",
    "As",
    "Some",
    "Many",
    "Officials",
}
_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])|[.!?…]+[\"”’')\]]*$")


def split_sentences(text: str) -> list[str]:
    """Sentences as written (joined they give back the text); survives "Mr. Abe", "U.S.", 4.8, `?"`."""
    out, start = [], 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if end < len(text):
            word = re.search(r"([\w.]+)[.]+[\"”’')\]]*$", text[start:end])
            if word and m.group().startswith("."):
                token = word.group(1).lower()
                following = text[end:].split(None, 1)[0] if text[end:].strip() else ""
                ends_anyway = token in ("u.s", "u.k", "etc", "a.m", "p.m") and following in _SENTENCE_STARTERS
                numbered = token not in ("no", "nos") or following[:1].isdigit()
                if (token in _ABBREV or re.fullmatch(r"[a-z]", token)) and numbered and not ends_anyway:
                    continue
        piece = text[start:end].strip()
        if piece:
            out.append(piece)
        start = end
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out or ([text.strip()] if text.strip() else [])


def split_long(sentence: str, limit: int = 40) -> list[str]:
    """A very long sentence is split at clause boundaries (semicolons, dashes, ", and" …) so the
    listener hears natural pauses and each clip stays short."""
    if len(sentence.split()) <= limit:
        return [sentence]
    best = None
    middle = len(sentence) / 2
    for m in re.finditer(
        r"(?:[;:]|\s[—–]|,(?=\s+(?:and|but|or|while|which|who|because|although|so)\b)|,)\s", sentence
    ):
        left = sentence[: m.end()].strip()
        if len(left.split()) < 6 or len(sentence[m.end() :].split()) < 6:
            continue
        score = abs(m.end() - middle)
        if best is None or score < best[0]:
            best = (score, m.end())
    if best is None:
        return [sentence]
    left, right = sentence[: best[1]].strip(), sentence[best[1] :].strip()
    return split_long(left, limit) + split_long(right, limit)


# --- quotations in context ----------------------------------------------------------------------


@dataclass
class _Para:
    index: int
    text: str
    kind: str
    quotes: list[QuoteSpan]


def _classify(text: str, spans: list[QuoteSpan]) -> None:
    """Decide which quotations are speech (voiced) and which are titles, nicknames, scare quotes or
    partial quotes inside indirect speech (left to the narrator)."""
    for k, q in enumerate(spans):
        limit = spans[k + 1].start if k + 1 < len(spans) else len(text)
        inner = text[q.start + 1 : q.end - (1 if q.closed else 0)].strip(" '\"‘’“”`")
        words = len(inner.split())
        prefix = text[: q.start].rstrip()
        prev_end = spans[k - 1].end if k else 0
        suffix = text[q.end : limit]
        q.cue = trailing_cue(text, q, limit)
        start = _starts_sentence(text, q.start) or (k and not text[prev_end : q.start].strip())
        clause = _last_clause(prefix[prev_end:] if k else prefix)
        colon = prefix.endswith(":")
        comma_cue = prefix.endswith(",") and bool(
            _VERB_RE.search(clause) or re.search(r"according to", clause, re.I)
        )
        if not q.closed:
            q.direct = bool(start or colon or comma_cue)
        elif colon or comma_cue:
            q.direct = words >= 1
        elif start:
            continues = re.match(r"\s*[a-z(]", suffix) and q.cue is None
            full = words >= 3 or re.search(r"[.!?…]\W*$", inner) or q.cue is not None
            q.direct = bool(full and not continues)
            if words <= 3 and not q.cue and not re.search(r"[.!?]\W*$", inner):
                q.direct = False
            aside = re.search(r"[—–]\s*$", prefix) and re.match(r"\s*[—–]", suffix)
            if aside and words <= 5 and not q.cue and not re.search(r"[.!?…]\W*$", inner):
                q.direct = False  # "the slogan — “Not under our homes” — and said": a name, not speech
        else:
            q.direct = False
        if q.direct and q.cue is None and (colon or comma_cue):
            offset = q.start - len(clause) - (len(text[: q.start]) - len(prefix))
            subject = clause_subject(clause, max(0, offset))
            if subject:
                q.cue = subject


def _last_clause(prefix: str) -> str:
    sentences = split_sentences(prefix)
    return sentences[-1] if sentences else ""


def _intro_subject(text: str) -> tuple[str, int, int] | None:
    """A paragraph that ends by introducing the next one's quotation: "She said:" or "… told Mrs May"."""
    stripped = text.rstrip()
    if (not stripped or find_quotes(stripped)) and not stripped.endswith(":"):
        return None
    last = _last_clause(stripped)
    if not (stripped.endswith(":") or (not re.search(r"[.!?…\"”’]$", stripped) and _VERB_RE.search(last))):
        return None
    offset = len(stripped) - len(last)
    return clause_subject(last, offset)


_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|from|into|across|through|outside|inside|born)\s+(?:the\s+)?$")
_PERSON_AFTER = re.compile(
    r",\s+(?:\d{1,3}|who|whose|a|an|the|his|her|speaking|writing|for\s+(?:his|her)\s+part)\b"
    r"|\s+(?:himself|herself)\b|\s+(?:" + _VERB_RE.pattern[2:-2] + r")\b"
)
_ROLE_BEFORE = re.compile(
    r"\b(?:(?!(?:over|after|under|other|never|ever|either|neither|whether|rather|later|together|for|nor|"
    r"per|prior|major|minor|upper|inner|outer|sooner|further|meant|went|sent|spent|want|recent|"
    r"current|different|urgent|silent|present|absent|giant)\s)"
    r"[a-z]+(?:er|or|ist|ian|ant|ent)|manager|coach|chief|captain|keeper|star|mother|"
    r"father|son|daughter|wife|husband|singer|actor|actress|forward|striker|head|boss|"
    r"officer|mp|resident|student)\s+$"
)


_ROLE_END = (
    r"(?=\s+(?:of|at|for|in|from|and|who|whose|with|on|since|known|called|nicknamed|named|based|born|"
    r"said|says|told)\b|,|\.|;|$)"
)


_ORG_NOUNS = _ORG_HEADS | {
    "app",
    "firm",
    "startup",
    "start-up",
    "maker",
    "provider",
    "retailer",
    "carrier",
    "operator",
    "brand",
    "platform",
    "manufacturer",
    "chain",
    "broadcaster",
    "publisher",
    "supplier",
    "utility",
    "insurer",
    "lender",
    "bank",
    "airline",
    "conglomerate",
    "website",
    "regulator",
    "watchdog",
    "charity",
    "developer",
    "producer",
    "giant",
}
_ORG_APPOSITIVE = re.compile(
    r",\s+(?:(?:the|a|an)\s+[^,.;:]*?\b(?:"
    + "|".join(sorted(_ORG_NOUNS))
    + r")(?=[,.;:]|\s+(?:that|which|whose|"
    r"behind|founded|based|owned|known)\b)|which\b)"
)
_THAT_END = re.compile(r"\s+(?:that\s+)?$")
_OWN_PRONOUN = re.compile(r"\s+(himself|herself)\b|,\s+for\s+(his|her)\s+part\b")


class _Attributor:
    """Walks the article in order, keeping track of who has been mentioned and who spoke last."""

    def __init__(self) -> None:
        self.registry = Registry()
        self.history: list[Mention] = []
        self.last_speaker: Entity | None = None
        self.last_question = False
        """Whether the last quotation was a question (so "she replied" is someone else)."""

    def mention(self, entity: Entity | None, pos: int = 0, *, subject: bool = False) -> None:
        if entity is not None:
            self.history.append(Mention(pos, pos, entity, self.registry.para, subject))

    def narration(self, text: str, start: int, end: int) -> None:
        """Learn names, roles and pronouns from a stretch of narration."""
        piece = text[start:end]
        for sentence in split_sentences(piece):
            self._speech_subject(sentence)
        stops = [b.end() for b in re.finditer(r"[.!?…][\"”’']?\s+(?=[\"“‘']?[A-Z])", piece)]
        has_subject: set[int] = set()
        subjects: dict[int, Entity] = {}
        for m in re.finditer(r"\b(?:he|she|He|She)\b|" + NAME_RE.pattern, piece):
            word = m.group()
            sentence_no = bisect_right(stops, m.start())
            sentence_start = stops[sentence_no - 1] if sentence_no else 0
            subject = sentence_no not in has_subject and not _PREP_BEFORE.search(
                piece[sentence_start : m.start()]
            )
            if word.lower() in ("he", "she"):
                gender = "f" if word.lower() == "she" else "m"
                speaker = subjects.get(sentence_no)
                if (
                    speaker is not None
                    and speaker.kind == "person"
                    and speaker.gender not in (None, gender)
                    and not speaker.gender_strong
                    and (verb := _VERB_RE.search(piece, sentence_start, m.start())) is not None
                    and _THAT_END.fullmatch(piece, verb.end(), m.start())
                    and not any(
                        h.entity.kind == "person" and h.entity.gender == gender
                        for h in self.history
                        if h.para >= self.registry.para - 1
                    )
                ):
                    # "Patrice Nguyen-Lowe said she hid …": the pronoun right after the speech verb is
                    # the speaker, whatever the first-name table guessed, unless someone it could mean
                    # was mentioned just before ("Judge Catherine Amesbury said he had …")
                    speaker.gender, speaker.gender_strong = gender, True
                entity = self.registry.pronoun(word.lower(), self.history)
                if entity is not None and subject:
                    has_subject.add(sentence_no)
                self.mention(entity, subject=subject)
                continue
            before, after = piece[: m.start()], piece[m.end() :]
            if _PLACE_BEFORE.search(before) and not split_name(word)[0]:
                continue  # "in Tunica", "born Delia Mae Hopkins": places and former names
            hint = bool(_PERSON_AFTER.match(after) or _ROLE_BEFORE.search(before))
            entity = self.registry.name(word, person_hint=hint)
            if entity is None:
                if not before.strip() or re.search(r"[.!?]\s*$", before):
                    _titles, name = split_name(word)
                    if name and re.match(
                        r"\s+(?:[a-z]+(?:ed|s)|has|had|is|was|will|would|can|could|did)\b", after
                    ):
                        self.registry.orgs_seen.append(" ".join(name))
                continue
            if subject:
                has_subject.add(sentence_no)
                if not re.search(r"['’]s?$", word) and not after.startswith(("'", "’")):
                    subjects[sentence_no] = entity  # "Kaminska’s coach … said he" is not about Kaminska
            own = _OWN_PRONOUN.match(after)
            if own and entity.kind == "person" and not entity.gender_strong:
                entity.gender = "f" if (own.group(1) or own.group(2)) in ("herself", "her") else "m"
                entity.gender_strong = True
            self.mention(entity, subject=subject)
            self._learn_roles(piece, m, entity)

    def _speech_subject(self, sentence: str) -> None:
        """The subject of a reported-speech sentence is a speaker to remember ("A neighbour … said")."""
        masked = _mask_relatives(sentence)
        verb = _VERB_RE.search(masked)
        if verb is None:
            return
        pre = masked[: verb.start()]
        after = masked[verb.end() :].strip()
        subject = None
        if re.match(r"^(?:in a statement|on \w+day|on \w+)?\W*$", after):
            subject = adjacent_subject(pre)  # "…, Norfolk Police said."
        if subject is None:
            found = clause_subject(sentence)
            subject = found[0] if found else None
        if subject:
            entity, _ = resolve_subject(subject, self.registry, self.history)
            self.mention(entity, subject=True)
            if entity is not None and "statement" in sentence:
                self.registry.statement = entity

    def _learn_roles(self, text: str, m: re.Match[str], entity: Entity) -> None:
        """ "Linda Okafor, the mayor of Dayton," → also known as "the mayor"; "Her son, Calvin Marsh" →
        "her son"; "Rovers manager Sarah Kenning" → "the manager"."""
        after = re.match(
            r",\s+(?:the|a|an|his|her|their)\s+([\w'’-]+(?:\s+[\w'’-]+){0,3}?)" + _ROLE_END, text[m.end() :]
        )
        if after is None:
            after = re.match(r",\s+([a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,3}?)" + _ROLE_END, text[m.end() :])
        before = re.search(
            r"\b(?:the|a|an|his|her|their|[A-Z][\w-]*['’]s)\s+([\w'’\s-]+?)(?:\s+(?:of|at|for)\s+[^,]+)?,\s*$",
            text[: m.start()],
            re.I,
        )
        descriptor = re.search(r"\b([a-z][\w'’-]+)\s+$", text[: m.start()])
        roles = [found.group(1) for found in (after, before) if found]
        if (
            descriptor
            and descriptor.group(1) not in _FUNCTION_WORDS
            and not _VERB_RE.fullmatch(descriptor.group(1))
        ):
            roles.append(descriptor.group(1))
        kin = re.search(r"\b(his|her|their)\s+(\w+),?\s+$", text[: m.start()], re.I)
        if kin and kin.group(2).lower() in KIN:
            owner = self.registry.pronoun(
                {"his": "he", "her": "she"}.get(kin.group(1).lower(), "they"), self.history
            )
            if owner is not None and owner is not entity:
                relation = KIN[kin.group(2).lower()]
                entity.kin[KIN_INVERSE[relation]], owner.kin[relation] = owner, entity
        org = _ORG_APPOSITIVE.match(text[m.end() :]) or (
            descriptor and descriptor.group(1) in _ORG_NOUNS and descriptor.end() == m.start()
        )
        first_named = entity.first is not None and first_name_gender(entity.first) is not None
        if org and entity.kind == "person" and not entity.gender_strong and not first_named:
            entity.kind, entity.gender = "org", None  # "Stridely, the running app," is a company
        for role in roles:
            role = role.strip().lower().replace("’", "'")
            if not role or len(role.split()) > 4:
                continue
            head = role.split()[-1]
            entity.roles.update({role, head})
            if entity.kind == "person" and entity.gender is None:
                entity.gender = "f" if head in _FEMALE_NOUNS else "m" if head in _MALE_NOUNS else None

    def speaker_of(
        self, cue: tuple[str, int, int], exclude: Entity | None = None
    ) -> tuple[Entity | None, float]:
        entity, confidence = resolve_subject(cue[0], self.registry, self.history, exclude=exclude)
        if entity is not None:
            self.mention(entity, subject=True)
        return entity, confidence


def attribute(article: Article) -> list[_Para]:
    """Find quotations in every block and resolve their speakers, in reading order."""
    paras: list[_Para] = []
    who = _Attributor()
    carry: tuple[Entity | None, float] | None = None  # speaker carried into the next paragraph
    for index, block in enumerate(article.blocks):
        text = block.text
        who.registry.para = index
        if block.kind == "heading":
            paras.append(_Para(index, text, block.kind, []))
            carry = None
            continue
        if block.kind == "blockquote" and not find_quotes(text):
            q = QuoteSpan(0, len(text), closed=True, direct=True)
            dash = re.search(r"\s[—–-]+\s*([A-Z][^,.]+)$", text)
            if dash:
                q.cue = (dash.group(1), dash.start(1), dash.end(1))
            spans = [q]
        else:
            spans = find_quotes(text)
            _classify(text, spans)
        direct = [q for q in spans if q.direct]
        pos = 0
        found: dict[int, tuple[Entity | None, float]] = {}
        for k, q in enumerate(spans):
            if not q.direct:
                continue
            who.narration(text, pos, q.start)
            pos = q.end
            if q.cue is not None:
                reply = REPLY_VERBS.search(
                    text[q.cue[2] : q.cue[2] + 12] + " " + text[max(0, q.cue[1] - 12) : q.cue[1]]
                )
                answering = reply and who.last_question
                found[k] = who.speaker_of(q.cue, exclude=who.last_speaker if answering else None)
                if found[k][0] is not None:
                    who.last_speaker = found[k][0]
        who.narration(text, pos, len(text))
        # quotations without a cue of their own: the paragraph's other quotations, then the context
        for k, q in enumerate(spans):
            if not q.direct:
                continue
            if k not in found or found[k][0] is None:
                before = [found[j] for j in range(k - 1, -1, -1) if j in found and found[j][0]]
                after = [found[j] for j in range(k + 1, len(spans)) if j in found and found[j][0]]
                opens_paragraph = not text[: q.start].strip()
                if before:
                    found[k] = (before[0][0], before[0][1] * 0.9)
                elif after:
                    found[k] = (after[0][0], after[0][1] * 0.9)
                elif opens_paragraph and carry is not None and carry[0] is not None:
                    found[k] = carry
                else:
                    found[k] = _fallback(who, text, q, carry)
            entity, confidence = found[k]
            q.speaker = entity.canonical if entity else None
            q.entity = entity
            q.confidence = round(confidence, 2)
            if entity is not None:
                who.registry.touch(entity)
                who.mention(entity, subject=True)
                who.last_speaker = entity
        if direct:
            who.last_question = bool(re.search(r"\?\W*$", text[direct[-1].start : direct[-1].end]))
        for k, q in enumerate(spans):
            if k in found and found[k][0] is not None:
                q.gender = found[k][0].gender  # read after the whole paragraph: pronouns may have taught it
        # what the next paragraph inherits
        intro = _intro_subject(text) if not direct or direct[-1].end < len(text.rstrip()) - 1 else None
        if intro:
            carry = who.speaker_of(intro)
        elif direct and (not direct[-1].closed or text.rstrip().endswith(tuple("\"”’'"))):
            last = max(found.items())[1] if found else (None, 0.0)
            carry = (last[0], last[1] * (1.0 if not direct[-1].closed else 0.7))
        else:
            carry = None
        paras.append(_Para(index, text, block.kind, spans))
    for para in paras:
        for q in para.quotes:
            if q.entity is not None:
                q.speaker = q.entity.canonical  # the fullest name the article gave them
    _backfill_open_quotes(paras)
    return paras


def _fallback(
    who: _Attributor, text: str, q: QuoteSpan, carry: tuple[Entity | None, float] | None
) -> tuple[Entity | None, float]:
    """No cue next to the quotation: the subject of its own sentence ("Dr Adebayo was careful – “…” –"),
    a speaker introduced just before, the carried-over speaker, or the last speaker."""
    before = text[: q.start]
    sentences = split_sentences(before)
    if sentences and not re.search(r"[.!?…][\"”’']?\s*$", before):
        own = _subject_in_sentence(sentences[-1])
        if own:
            entity, confidence = resolve_subject(own, who.registry, who.history)
            if entity is not None:
                return entity, min(confidence, 0.6)
    for sentence in reversed(sentences):
        subject = clause_subject(sentence)
        if subject:
            entity, confidence = resolve_subject(subject[0], who.registry, who.history)
            if entity is not None:
                return entity, min(confidence, 0.5)
    if carry is not None and carry[0] is not None:
        return carry[0], carry[1] * 0.8
    for m in reversed(list(NAME_RE.finditer(before))):
        entity = who.registry.name(m.group(), create=False)
        if entity is not None and entity.kind != "org":
            return entity, 0.4
    return who.last_speaker, 0.3 if who.last_speaker else 0.0


def _subject_in_sentence(sentence: str) -> str | None:
    from narrator.segment.attribution import _subject_in

    found = _subject_in(_mask_relatives(sentence), 0)
    return found[0] if found else None


def _backfill_open_quotes(paras: list[_Para]) -> None:
    """A multi-paragraph quotation attributed only at its end: give the earlier paragraphs the same
    speaker when they had only a weak guess."""
    for k in range(len(paras) - 2, -1, -1):
        para, nxt = paras[k], paras[k + 1]
        direct = [q for q in para.quotes if q.direct]
        following = [q for q in nxt.quotes if q.direct]
        opens_next = direct and following and not direct[-1].closed and following[0].start == 0
        if opens_next and direct[-1].confidence < 0.6 and following[0].speaker:
            for q in direct:
                if q.confidence < 0.6:
                    q.speaker, q.confidence = following[0].speaker, following[0].confidence * 0.9
                    q.entity = following[0].entity
                    q.gender = following[0].gender


# --- segments -----------------------------------------------------------------------------------

_MARKS = "\"“”‘’'«»„`"


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


# --- editable script ----------------------------------------------------------------------------

SCRIPT_HEADER = "# narrator script v1"


def article_hash(article: Article) -> str:
    """A short fingerprint of what the article says; a script made for other text is stale."""
    body = "\n\n".join([article.title] + [b.text for b in article.blocks])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def render_script(article: Article, segments: list[Segment]) -> str:
    """One line per segment: ``N | text`` for narration, ``Q Speaker Name | text`` for a quotation (``Q ?``
    when unknown), plus the skipped lines as comments. Edit the speaker (or N/Q) and save it beside the
    article as ``<name>.script.md``."""
    lines = [
        SCRIPT_HEADER,
        f"# article: {article.source}",
        f"# hash: {article_hash(article)}",
        "# One line per segment. Change the speaker after Q, or turn N into Q (and back);",
        "# the text after | is for reference and is not read back. Lines starting with # are ignored.",
        "",
    ]
    for seg in segments:
        text = " ".join(seg.text.split())
        if seg.kind == "quote":
            lines.append(f"Q {seg.speaker or '?'} | {text}")
        else:
            lines.append(f"{'H' if seg.block == 'heading' else 'N'} | {text}")
    if article.skipped:
        lines.append("")
        lines.append("# skipped:")
        lines.extend(f"# - [{s.reason}] {' '.join(s.text.split())[:200]}" for s in article.skipped)
    return "\n".join(lines) + "\n"


def apply_script(article: Article, segments: list[Segment], script_text: str) -> list[Segment]:
    """The segments with kinds and speakers from an edited script made for this very article. Raises
    NarratorError when the script was made for a different version of the article or does not match
    its segments (``merge_script`` carries corrections across versions instead)."""
    where = f"{article.source}: the script"
    if _script_hash(where, script_text) != article_hash(article):
        raise NarratorError(
            f"{article.source}: the script is stale (the article changed since it was "
            "written); regenerate it with narrator segments --format script and redo the edits"
        )
    rows = _script_rows(where, script_text)
    if len(rows) != len(segments):
        raise NarratorError(
            f"{article.source}: the script has {len(rows)} segment lines but the article has "
            f"{len(segments)}; do not add or remove lines (regenerate it to start again)"
        )
    return [_corrected(seg, row) for row, seg in zip(rows, segments, strict=True)]


@dataclass(frozen=True)
class ScriptRow:
    """One segment line of a script: N, H or Q, the speaker after Q, and the text for reference."""

    line: int
    kind: str
    speaker: str
    text: str


def merge_script(
    article: Article, segments: list[Segment], script_text: str, where: str = ""
) -> tuple[list[Segment], str | None]:
    """Apply a script, made for this or an earlier version of the article; return the segments and, for a
    stale script, what happened to its lines.

    A stale script is merged, not thrown away: each segment whose text a line of the script still has
    takes that line's kind and speaker; the quotations whose text is gone are reported. A script that
    is not a script (no header, a malformed line) raises NarratorError naming ``where`` (the script's
    file) and the line.
    """
    where = where or f"{article.source}: the script"
    rows = _script_rows(where, script_text)
    if _script_hash(where, script_text) == article_hash(article) and len(rows) == len(segments):
        return [_corrected(seg, row) for row, seg in zip(rows, segments, strict=True)], None
    unused = list(rows)
    merged, corrections = [], 0
    for seg in segments:
        row = next((r for r in unused if r.text == _script_text(seg)), None)
        if row is None:
            merged.append(seg)
            continue
        unused.remove(row)
        corrected = _corrected(seg, row)
        corrections += (corrected.kind, corrected.speaker) != (seg.kind, seg.speaker)
        merged.append(corrected)
    dropped = [row for row in unused if row.kind == "Q"]
    report = f"{corrections} correction{'s' if corrections != 1 else ''} carried over"
    if dropped:
        gone = "; ".join(
            f'"{shorten(row.text, 60)}" ({row.speaker or "?"}, line {row.line})' for row in dropped
        )
        report += f"; {len(dropped)} quotation line(s) no longer match the article and were dropped: {gone}"
    return merged, report


def _script_hash(where: str, script_text: str) -> str:
    found = re.search(r"^# hash: (\w+)", script_text, re.M)
    if not script_text.startswith(SCRIPT_HEADER) or not found:
        raise NarratorError(
            f"{where} has no '{SCRIPT_HEADER}' header and hash; "
            "regenerate it with narrator segments --format script"
        )
    return found.group(1)


def _script_rows(where: str, script_text: str) -> list[ScriptRow]:
    rows = []
    for number, line in enumerate(script_text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        m = re.match(r"^(N|H|Q)(?:\s+([^|]*?))?\s*\|\s?(.*)$", line)
        if not m:
            raise NarratorError(
                f"{where}, line {number}: must start with N |, H | or Q Speaker |, not {line[:40]!r}"
            )
        rows.append(ScriptRow(number, m.group(1), (m.group(2) or "").strip(), " ".join(m.group(3).split())))
    return rows


def _script_text(seg: Segment) -> str:
    return " ".join(seg.text.split())


def _corrected(seg: Segment, row: ScriptRow) -> Segment:
    if row.kind == "Q":
        name = None if row.speaker in ("", "?") else row.speaker
        return replace(seg, kind="quote", speaker=name, confidence=1.0 if name else 0.0)
    return replace(seg, kind="narration", speaker=None, confidence=1.0)


__all__ = [
    "apply_script", "article_hash", "merge_script", "render_script", "split_segments", "split_sentences",
    "split_name",
]


def script_path(source: Path) -> Path:
    """Where a producer's corrected script for ``source`` lives: ``<name>.script.md`` beside it."""
    return source.with_name(source.stem + ".script.md")


def segment_article(
    article: Article, lexicon: Lexicon | None, source: Path | None, style: SpeechStyle | None = None
) -> list[Segment]:
    """Automatic segmentation, corrected by the producer's script beside the article when there is one."""
    return segment_with_script(article, lexicon, source, style)[0]


def segment_with_script(
    article: Article, lexicon: Lexicon | None, source: Path | None, style: SpeechStyle | None = None
) -> tuple[list[Segment], list[str]]:
    """``segment_article`` and what the producer should know about the script: stale, or empty."""
    segments = split_segments(article, lexicon, style=style)
    script = script_path(source) if source is not None else None
    if script is None or not script.exists():
        return segments, []
    refresh = f"`narrator segments {source} --format script -o {script}`"
    try:
        text = script.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise NarratorError(
            f"{script}: cannot be read as UTF-8 text ({error}); rewrite it with {refresh}"
        ) from None
    if not text.strip():
        return segments, [f"{script} is empty, so it was ignored; write it with {refresh}"]
    segments, report = merge_script(article, segments, text, str(script))
    if report is None:
        return segments, []
    stale = f"{script} is stale (the article changed since it was written): {report}"
    return segments, [f"{stale}; refresh it with {refresh}"]
