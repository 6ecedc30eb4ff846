"""Attribution cues: the subject next to a speech verb ("…,” said Linda Okafor, the mayor", "Mr Kerr
added:"), trimmed to the noun phrase that names the speaker."""

from __future__ import annotations

import re
from functools import lru_cache

from narrator.letters import LETTER, LOWER, UPPER
from narrator.segment.gender import is_first_name
from narrator.segment.people import group_head, person_head, split_name
from narrator.segment.quotes import QuoteSpan
from narrator.segment.sentences import split_sentences
from narrator.segment.words import (
    ADVERB,
    ANY_CASE_CAP,
    BREAKS,
    CAP,
    CONNECTORS,
    DETERMINERS,
    FUNCTION_WORDS,
    GROUP_PRONOUNS,
    KIN,
    NAME_RE,
    NOT_NAMES,
    OFFICE_RANKS,
    ORG_NOUNS,
    ORG_WORDS,
    PARTICLE,
    PARTICLE_SURNAME,
    PEERAGE,
    PLACE_NAMES,
    POSSESSIVE,
    PREP_BEFORE,
    PRONOUN_RE,
    QUANTIFIERS,
    SOMEONE,
    SPOKES,
    TITLES,
    VERB,
    VERB_RE,
    WHERE,
    clean_token,
    document_key,
    is_cap,
)

_AUXILIARY = r"(?:will|would|has|had|have|can|could|may|might|must|should|shall|did|does|do)"
"""An auxiliary between a subject and its speech verb: "he will say", "Clinton has said"."""
_NAME_OF_PLACE = re.compile(rf"((?:{CAP}[ \u00a0]+){{1,3}}{CAP})\s+(?:of|at|from)\s+(?:the\s+)?{CAP}[^,;:]*")
"""A name and where the person is from or works, between commas: "Tobias Pitt of Local 12"."""


_ORG_OF = re.compile(
    rf"(?:^|\s)(?:{'|'.join(sorted(w.capitalize() for w in ORG_WORDS))})"
    rf"\s+(?:for|of)\s+(?:{CAP}\s+){{1,3}}and$"
)
"""An organisation's name running on with "and": "Institute for Science and", "Department of Health and"."""


_BETWEEN_SUBJECT_AND_VERB = re.compile(rf"\s({ADVERB}|{_AUXILIARY}|only|even)$")
"""An adverb or auxiliary before the verb: "she once said", "he will say", "Ruiz has long said"."""


_PRONOUN_OR_NAME = re.compile(PRONOUN_RE.pattern + "|" + CAP)

_LINKS = CONNECTORS | {"close to"}
"""Words that join a speaker's noun to whom they belong to: "a spokesman for", "a source close to"."""


def _holder_of(tokens: list[str], start: int) -> int:
    """Where the phrase opening at ``start`` really starts when a noun for a person owns it: "a spokesman
    for | the Duchess of Wessex" is the spokesman, not the duchess."""
    if start >= 3 and tokens[start - 1] in _LINKS and tokens[start - 2].islower():
        for k in range(start - 3, max(-1, start - 6), -1):
            if tokens[k].endswith((",", ":")) or tokens[k].lower() in FUNCTION_WORDS:
                break
            if re.fullmatch(DETERMINERS, tokens[k], re.I):
                return k
    return start


_NAME_WORDS = re.compile(rf"(?:{CAP}[ \u00a0]+){{0,5}}{CAP}")
_CAPITAL_WORD_COMMA = re.compile(rf"{CAP},")
_INITIAL = re.compile(rf"{UPPER}\.?")
_LOWER_PLURAL = re.compile(rf"{LOWER}[\w'’-]*s")
_PRONOUN_OR_ONE_AT_END = re.compile(
    r"(?:^|(?<=[\s(“\"‘'—–]))(" + PRONOUN_RE.pattern + r"|One|one|Another|another)$"
)


def adjacent_subject(pre: str) -> str | None:
    """The noun phrase that ends exactly where ``pre`` ends ("…, Norfolk Police", "the mayor", "she",
    "Ms Price’s family", "launch director Rachel Yoon"), or None when the words before the verb are not
    a subject ("… turned to Mr. Delgado and")."""
    text = pre.rstrip()
    for _ in range(3):  # skip adverbs and an auxiliary: "she once said", "he will say", "Ruiz has long said"
        m = _BETWEEN_SUBJECT_AND_VERB.search(text)
        if m and not _PRONOUN_OR_NAME.fullmatch(m.group(1)):
            text = text[: m.start()].rstrip()
    # an appositive or age between subject and verb: "Margaret Flynn, 74," / "Kerr, the local MP,"
    if text.endswith(","):
        inner = text[:-1]
        cut = inner.rfind(",")
        if cut < 0:
            return adjacent_subject(inner)
        between = inner[cut + 1 :].strip()
        if _NAME_WORDS.fullmatch(between) and is_cap(between.split()[0]):
            return between  # "Her son, Calvin Marsh," / "The local MP, Andrew Kerr,"
        named = _NAME_OF_PLACE.fullmatch(between)
        if named and len(split_name(named.group(1))[1]) >= 2:
            # "A shop steward backing Mr. Lowe, Tobias Pitt of Local 12 in Dunmore,": the person,
            # not the role before the comma nor the branch after "of"
            return named.group(1)
        head = inner[:cut]
        found = adjacent_subject(head)
        complement = (
            re.search(
                rf",\s+{LOWER}[^,]*?\s(?:of|at|for|with)\s+(?:the\s+)?" + re.escape(found) + "$", head
            )
            if found and found[:1].isupper()
            else None
        )
        if complement and (person := adjacent_subject(head[: complement.start()])) and person[:1].isupper():
            # "Jo Gold, editor at large of The Beacon, an influential weekly, wrote": the second appositive
            # describes the organisation that completes the first; the person before them speaks
            return person
        return found
    m = _PRONOUN_OR_ONE_AT_END.search(text)
    # "one" and "another" alone: "“…,” one said. “…,” another said." (never "the other one")
    if m and (m.group(1).lower() not in ("one", "another") or not text[: m.start()].strip()):
        return m.group(1)
    tokens = text.split()
    if not tokens:
        return None
    if " close to " in text:
        # "a source close to the singer", "people close to Hale": one link, like "of" in "a friend of"
        for k in range(len(tokens) - 2, 0, -1):
            if tokens[k] == "close" and tokens[k + 1] == "to":
                tokens[k : k + 2] = ["close to"]
        close = tokens.index("close to") if "close to" in tokens[-5:] else -1
        if close > 0 and not any(t.endswith((",", ":")) for t in tokens[close:]):
            # the noun before "close to", back to its determiner: who is close speaks, not whom
            start = close - 1
            while start > 0 and close - start < 4 and not re.fullmatch(DETERMINERS, tokens[start], re.I):
                before = tokens[start - 1]
                if before.endswith((",", ":")) or before.lower() in FUNCTION_WORDS - {"the", "a", "an"}:
                    break
                start -= 1
            return " ".join(tokens[start:])
    last = tokens[-1]
    if (
        last.lower() in FUNCTION_WORDS
        or not re.match(r"[\w@]", last)
        or re.search(r"[\"”’'“‘]$", last)
        and not last.endswith(("’s", "'s"))
    ):
        return None
    k = len(tokens) - 1
    if clean_token(last) in PLACE_NAMES and k and _CAPITAL_WORD_COMMA.fullmatch(tokens[-2]):
        # "Paul Dorn, a driver from Ava, Mo., said": the state closes a place inside an appositive, never
        # the subject; the subject opens the clause
        return None
    if is_cap(last) or _INITIAL.fullmatch(last) or PARTICLE_SURNAME.fullmatch(last):
        # a capitalised run, with any titles and lowercase descriptors just before it
        while k > 0 and not tokens[k - 1].endswith(","):
            before = tokens[k - 1]
            if k > 1 and before in ("for", "of", "and") and clean_token(tokens[k - 2]).lower() in ORG_WORDS:
                k -= 1  # "the James Martin Center for Nonproliferation Studies": one organisation's name
            elif before == "and" and k > 1 and is_cap(tokens[k - 2]) and _ORG_OF.search(" ".join(tokens[:k])):
                k -= 1  # "the Institute for Science and International Security": still one name
            elif not (is_cap(before) or re.fullmatch(PARTICLE, before) or before == "New"):
                break
            k -= 1  # "New" only starts a place here: "a New Hampshire Democrat"
        j = k
        while (
            j > 0
            and tokens[j - 1].islower()
            and tokens[j - 1] not in FUNCTION_WORDS
            and j > k - 3
            and not tokens[j - 1].endswith(",")
            and not re.fullmatch(DETERMINERS, tokens[j - 1])
            and not VERB_RE.fullmatch(tokens[j - 1])
            and tokens[j - 1] not in CONNECTORS
        ):
            j -= 1
        c = j - 1 if j > 2 and j == k and tokens[j - 1].lower() == "the" else j
        if c > 1 and c <= k and tokens[c - 1] in _LINKS:
            # "An official from Seoul's Defence Ministry", "a spokesman for the Lighthouse Board"
            for d in range(c - 2, max(-1, c - 6), -1):
                if re.fullmatch(DETERMINERS, tokens[d], re.I):
                    if not any(t.lower() in FUNCTION_WORDS or t.endswith(",") for t in tokens[d : c - 1]):
                        return " ".join(tokens[_holder_of(tokens, d) :])
                    break
        if c > 1 and c == k - (j - c) and tokens[c - 1] in CONNECTORS and is_cap(tokens[c - 2]):
            # "Detective Sergeant Rob Keane of Dorset Police", "Dan Reyes at the Daily Ledger": the
            # person, not the organisation
            i = c - 2
            while i > 0 and is_cap(tokens[i - 1]) and not tokens[i - 1].endswith(","):
                i -= 1
            person = tokens[i : c - 1]
            _titles, name = split_name(" ".join(person))
            office = all(clean_token(t).lower() in TITLES | OFFICE_RANKS for t in person)  # "Senior Minister"
            if (
                len(name) >= 2
                and not office
                and not any(clean_token(t).lower() in ORG_WORDS for t in name)
                and clean_token(name[-1]).lower() not in TITLES  # "Cabinet Secretary for Health Jo Rao"
            ):
                return " ".join(person)
        if j > 0 and re.fullmatch(DETERMINERS, tokens[j - 1], re.I):
            j -= 1  # "the singer Ruby Cole", "the Prime Minister"
        elif j < k and not any(t.lower().rstrip(".") in TITLES for t in tokens[j:k]):
            j = k if not (j > 0 and tokens[j - 1].endswith((",", ":"))) and j != 0 else j
        words = tokens[j:]
        first = words[0].lower().rstrip(".")
        if (
            first in NOT_NAMES
            and first not in TITLES
            and words[0] != "New"
            and len(words) > 1
            and not re.fullmatch(DETERMINERS, words[0], re.I)
        ):
            words = words[1:]
        return " ".join(words) if words else None
    # a lowercase head noun: walk back to its determiner or possessor ("the U.S. attorney’s office")
    for j in range(len(tokens) - 1, max(-1, len(tokens) - 9), -1):
        tok = tokens[j]
        if tok.endswith(",") or tok.endswith(":"):
            return None
        if tok == "and" and 0 < j < len(tokens) - 2 and is_cap(tokens[j - 1]) and is_cap(tokens[j + 1]):
            continue  # "the former Chelsea and England striker": two names modify one noun
        if j < len(tokens) - 1 and tok.lower() in FUNCTION_WORDS - CONNECTORS:
            return None
        if re.fullmatch(DETERMINERS, tok, re.I) and j < len(tokens) - 1:
            if j >= 2 and tokens[j - 1] == "of" and re.fullmatch(QUANTIFIERS, tokens[j - 2], re.I):
                return " ".join(tokens[j - 2 :])  # "one of the people", "some of the residents"
            if j >= 3 and (tokens[j - 1] in _LINKS or tokens[j - 1] == "to"):
                # "a spokesperson for the charity", "one person close to the board", "an adviser to the
                # company": the whole phrase, not just the organisation
                for d in range(j - 2, max(-1, j - 5), -1):
                    if tokens[d].lower() in FUNCTION_WORDS or tokens[d].endswith((",", ":")):
                        break
                    if re.fullmatch(DETERMINERS, tokens[d], re.I):
                        if all(t.islower() for t in tokens[d + 1 : j - 1]):
                            return " ".join(tokens[d:])
                        break
            return " ".join(tokens[j:])
        if tok.endswith(("’s", "'s")) and is_cap(tok):
            i = j
            while i > 0 and is_cap(tokens[i - 1]):
                i -= 1
            # "the leader of Britain’s biggest rail union": keep the phrase the possessor sits in
            if i > 1 and tokens[i - 1] in CONNECTORS:
                for d in range(i - 2, max(-1, i - 6), -1):
                    if re.fullmatch(DETERMINERS, tokens[d], re.I):
                        return " ".join(tokens[d:])
                    if tokens[d].lower() in FUNCTION_WORDS or tokens[d].endswith(","):
                        break
            return " ".join(tokens[i:])
    if (
        2 <= len(tokens) <= 3
        and is_cap(tokens[0])
        and (_LOWER_PLURAL.fullmatch(last) or group_head(last))
        and all(t.lower() not in FUNCTION_WORDS and re.match(r"\w", t) for t in tokens)
    ):
        return " ".join(tokens)  # "Treasury sources", "Labour activists", "Toronto police": a modified group
    return None


_DOCUMENT_NOUN = (
    r"statement|update|post|posting|release|filing|report|letter|e-?mail|notice|announcement|document|documents"
    r"|memo|message|tweet|blog\s+post|editorial|op-ed|column|tribute|petition"
)
_MESSAGE_NOUNS = ("letter", "note", "memo", "email", "e-mail", "message", "text")
"""What a person writes to someone: its words are the writer's ("she wrote a letter … the letter read")."""
_WRITTEN_NOUNS = (*_MESSAGE_NOUNS, "report", "essay", "op-ed", "editorial", "column")
"""Documents that may be credited to a writer ("a report from the Harbour Authority")."""
_MESSAGE_NOUN = "|".join(_MESSAGE_NOUNS)
_POST_NOUN = "post|tweet|photo|picture|video|clip|selfie|message"
"""What a person posts online: "the post read", "the caption said" quote its words as the poster's."""
_WRITTEN_NOUN = "|".join(_WRITTEN_NOUNS)
_ISSUED_NOUN = r"statement|release|e-?mail|letter|notice|announcement|update|memo|message|bulletin|advisory"
_DOCUMENT = re.compile(
    rf"(?:{DETERMINERS}\s+)?(?:[\w-]+\s+){{0,2}}?(?:{_DOCUMENT_NOUN})\b"
    r"(?:,?\s+(?:posted|issued|released|published|sent|shared|signed|written))?\s+(?:from|by|on|of|in)\s+"
    rf"(?P<source>(?:the\s+)?{LETTER}+(?=['’]s\b)"
    rf"|(?:the\s+|\d[\d,]*\s+)?(?:{ANY_CASE_CAP}[ \u00a0]+){{0,4}}{ANY_CASE_CAP})",
    re.I,
)


_BODY = re.compile(
    rf"(?:the|his|her|their|its|\d[\d,]*)\s+(?:{LOWER}+['’]s\s+)?(?:{LOWER}[\w-]*\s+){{0,2}}({LOWER}[\w-]*)\b"
    r"(?!['’])"
)
"""A body named in lower case after "from" or "by": "the province's health ministry", "his family"."""
_BODY_HEADS = ORG_WORDS | ORG_NOUNS | {"family", "district"}


_DOCUMENT_WORD = re.compile(f"{_DOCUMENT_NOUN}|{_ISSUED_NOUN}", re.I)
"""Any noun of _DOCUMENT or _ISSUED_DOCUMENT: without one, a phrase names no document."""
_ISSUED_DOCUMENT = re.compile(
    r"(?:a|an|the|its|their)\s+(?P<issuer>[\w'’.-]+(?:\s+[\w'’.-]+){0,3}?)\s+(?:(?:news|press|media)\s+)?"
    rf"(?:{_ISSUED_NOUN})",
)
"""A document named after its issuer: "a police statement", "a White House news release"."""


_OWNED_RULING = re.compile(
    r"((?:the\s+)?[\w.-]+(?:\s+[\w.-]+){0,2}?)['’]s?\s+(?:written\s+|final\s+)?(?:decision|ruling|judgment)"
)
"""A decision named by whose it is: "the stewards’ decision", "the judge’s ruling"."""


def issuing_body(phrase: str) -> str | None:
    """The body a document named as a speaker speaks for: "a statement from the ministry" → "the
    ministry", "an email from the school district" → "the school district", "a police statement" →
    "police", "a Kent Police news release" → "Kent Police" (never "a joint statement")."""
    phrase = phrase.strip(" ,.")
    if ruling := _OWNED_RULING.fullmatch(phrase):
        return ruling.group(1)  # "the stewards’ decision read", "the judge’s ruling said": who decided
    if not _DOCUMENT_WORD.search(phrase):
        return None  # a name or a pronoun, as nearly every subject is: no document to look into
    source = _document_source(phrase)
    if source and phrase.endswith(source):
        return source
    issued = _ISSUED_DOCUMENT.fullmatch(phrase)
    if issued is None:
        return None
    issuer = issued.group("issuer")
    words = issuer.split()
    if words[-1].lower() in ("press", "news", "media"):
        return None  # "a press release": the kind of document, not who issued it
    if all(is_cap(w) for w in words) and not POSSESSIVE.search(issuer):
        return issuer
    if descriptor_words(issuer) and (group_head(issuer) or words[-1] in _BODY_HEADS):
        return issuer if group_head(issuer) else "the " + issuer  # "police", "the ministry"
    return None


def _document_source(tail: str) -> str | None:
    """ "according to an update posted on the company's website" → "the company": a document speaks for
    whoever issued it."""
    m = _DOCUMENT.match(tail.lstrip())
    if m is None:
        return None
    body = _BODY.match(tail.lstrip(), m.start("source"))
    if body and re.search(r"(?:from|by)\s+$", m.string[: m.start("source")]):
        head = body.group(1)
        if head in _BODY_HEADS or group_head(head) or person_head(head):
            return body.group()  # "a statement from the province's health ministry": the ministry
    source = m.group("source")
    if source.lower().startswith("the ") or source[:1].isupper():
        return source
    return None


_DOCUMENT_WITH_WRITER = re.compile(
    # "a letter from Jo Hale", "one letter, from Jo Hale,", "a report from the Harbour Authority"
    rf"\b(?:a|an|one)\s+(?:[\w'’-]+\s+){{0,3}}?(?P<noun>{_WRITTEN_NOUN})\b,?\s+"
    r"(?:(?:written|sent|signed|posted|issued|released|published)\s+(?:out\s+)?)?(?:from|by)\s+"
    # "she wrote a letter", "he sent her an email", "she said in a text message"; not "the agency released a
    # report", which news quotes as the report's own words
    r"|\b(?:wrote|writes|sent|sends|penned|pens|drafted|mailed|emailed|fired\s+off|dashed\s+off|sent\s+out|"
    r"said\s+in|says\s+in|wrote\s+in|writes\s+in)\s+(?:(?:him|her|them|me|us)\s+)?"
    rf"(?:a|an|his|her|their|its)\s+(?:[\w'’-]+\s+){{0,3}}?(?P<written>{_MESSAGE_NOUN})\b"
    # "she posted a photo", "he responded on Sunday with a video": whose words "the post read" quotes
    r"|\b(?:posted|posts|shared|shares|tweeted|tweets|uploaded|uploads|"
    r"(?:responded|responds|replied|replies|hit\s+back|fired\s+back)\b[^,;:.!?“”\"]{0,40}?\s+with)\s+"
    rf"(?:a|an|his|her|their|its)\s+(?:[\w'’-]+\s+){{0,3}}?(?P<posted>{_POST_NOUN})\b",
    re.I,
)
_NAMED = re.compile(rf"(?:the\s+)?{UPPER}")
"""A writer given by name: "Jo Hale", "the Harbour Authority" (not "the county clerk warned …")."""


_POSTING_VERBS = ("post", "shared", "shares", "tweet", "upload", "respond", "replied", "replies")


@lru_cache(maxsize=8)
def mentions_document(text: str) -> bool:
    """Whether a text names a document someone may have written: a cheap look before reading each of its
    sentences for the writer (once per paragraph, however many quotations cut it into pieces)."""
    low = text.lower()
    return any(noun in low for noun in _WRITTEN_NOUNS) or any(verb in low for verb in _POSTING_VERBS)


def document_writer(sentence: str) -> tuple[str, str] | None:
    """A document a sentence brings in with who wrote it, whose words a later "the letter read" are:
    "one letter, from Jo Hale, …" → ("letter", "Jo Hale"), "She wrote a letter." → ("letter", "She"),
    "A report from the Harbour Authority …" → ("report", "the Harbour Authority")."""
    m = _DOCUMENT_WITH_WRITER.search(sentence)
    if m is None:
        return None
    if m.group("noun"):
        writer = forward_subject(sentence[m.end() :])
        return (document_key(m.group("noun")), writer) if writer and _NAMED.match(writer) else None
    writer = adjacent_subject(sentence[: m.start()])
    return (document_key(m.group("written") or m.group("posted")), writer) if writer else None


_ORDINAL_RANK = rf"(?:1st|2nd|3rd|[4-9]th)(?=[ \u00a0]+{UPPER})"
"""An ordinal inside a rank: "Air Force 1st Lt. Tyler Livingston", "Army 2nd Lt. Ana Cruz"."""


_KNOWN_AS = re.compile(
    rf"(?i:{DETERMINERS})\s+[^,.;:]{{0,60}}?(?:,\s+who\s+)?\b(?:known|identified(?:\s+(?:himself|herself))?|referred\s+to"
    rf"|gave\s+(?:his|her)\s+(?:first\s+)?name)\s+(?:only\s+)?as\s+((?:{CAP}[ \u00a0]+){{0,3}}{CAP})"
)
"""Someone described, then the name they go by: "the base chief known as Bob", "a man who gave his name only
as Ahmed" (wire copy from where people fear giving a full name)."""


def known_as(text: str) -> str | None:
    """The name a described person goes by when ``text`` opens with the description: "a man, who gave his
    name only as Ahmed, …" → "Ahmed"."""
    known = _KNOWN_AS.match(text)
    return known.group(1) if known else None


_PLACE_OR_TIME = r"(?:in|on|at|during|after|before|to|for|with|from|by|last|this|next|early|late)"
"""A preposition or time word after the verb starts an adverbial, never the subject ("said in an interview
Tuesday"); "said former secretary of state Helen Marsh" is a subject."""


_HEAD_AFTER_NAME = re.compile(
    rf"((?:\s+\d+)?(?:\s+{LOWER}[\w'’-]*){{1,2}})(?=\s*(?:[,.;:!?]|$)|\s+(?:who|whose|that|from|of|for|at|in|with|on)\b)"
)
"""The noun a description's capitalised words modify: "a Pentagon spokeswoman", "one Trump adviser who …",
"the Ward 4 councillor"."""


_MORE_INITIALS = re.compile(rf"(?:{UPPER}\.)+")
"""Initials run on with no space after a capitalised run cut at its first one: "U.|S."."""


_UP_TO_PUNCTUATION = re.compile(r"[^.,;:!?“”\"]*")


_ORG_NAME_GOES_ON = re.compile(
    rf"[ \u00a0]+(?:of|for)[ \u00a0]+(?:the[ \u00a0]+)?(?:{CAP}[ \u00a0]+){{0,3}}{CAP}"
)
"""The rest of an organisation's name after its head word: "Department| of Health"."""


_PLURAL_OWNER = re.compile(rf"(?:{CAP}[ \u00a0]+){{0,4}}{CAP}s['’](?=[ \u00a0]+\w)")
"""A name that ends in "s" and owns what follows with a bare apostrophe: "Quarry Systems’ [CEO]"."""
_CLOSE_TO = re.compile(r"\s+to\s+[^,.;:!?“”\"\s]+(?:\s+[^,.;:!?“”\"\s]+){0,4}(?=\s*(?:[,.;:!?]|$))")
"""Whom a speaker is close to, to the end of the phrase: " to the campaign", " to Mr. Hale"."""


_DETERMINER_START = re.compile(rf"{DETERMINERS}\s+", re.I)


def forward_subject(tail: str) -> str | None:
    """The subject after an inverted verb: "said Linda Okafor, the mayor" → "Linda Okafor"."""
    tail = tail.lstrip()
    if m := re.match(PRONOUN_RE.pattern + r"\b", tail):
        return m.group()
    if m := re.match(r"(?:another|one)(?=\s*(?:[.,;]|$))", tail):
        return m.group()  # "…,” tweeted another.
    if owner := _PLURAL_OWNER.match(tail):
        tail = f"{owner.group()}s{tail[owner.end() :]}"  # read as "Quarry Systems’s CEO"
    if tail[:1].islower() and (group := bare_group(_UP_TO_PUNCTUATION.match(tail).group())):
        return group  # "…,” said residents of Dunmarsh.", "…,” said state police on Monday."
    m = re.match(
        rf"(?:{DETERMINERS}\s+)?(?!{_PLACE_OR_TIME}\b)(?:(?!{WHERE}\s)(?:{LOWER}|[0-9])[\w'’/-]*\s+){{0,4}}"
        rf"(?:(?:{CAP}|{_ORDINAL_RANK})[ \u00a0]+){{0,5}}{CAP}",
        tail,
    )
    if m and any(w[0].isupper() or w[0] == "@" for w in m.group().split()):
        if initials := _MORE_INITIALS.match(tail, m.end()):
            m = re.match(re.escape(tail[: initials.end()]), tail)  # "U.S.", not "U." before "S."
        org = _ORG_NAME_GOES_ON.match(tail, m.end())
        last_word = clean_token(m.group().split()[-1]).lower()
        if org and last_word in ORG_WORDS and not POSSESSIVE.search(org.group()):
            whole = m.group() + org.group()  # "a spokesman for the Department of Health": one name
            # "said Bank of England governor Andrew Bailey": the person the organisation's role names
            return _named_after_role(tail, whole) or _apposed_name(tail, whole) or whole
        if org and org.group().split()[0] in ("of", "for"):
            words = [clean_token(w).lower() for w in m.group().split()]
            office_words = TITLES | PEERAGE.keys() | OFFICE_RANKS
            is_office = [w in office_words or bool(re.fullmatch(DETERMINERS, w)) for w in words]
            # the office's first word may be its portfolio ("Cabinet Secretary"), never a name after it
            if all(is_office[1:]) and (is_office[0] or words[-1] in TITLES):
                # "said the Prince of Wales": the whole office; "the Mayor of London, Sadiq Khan": the name;
                # "said Senior Minister of State for Manpower Gan Hui Min": the office, then the name;
                # "said Cabinet Secretary for Health Jo Rao": the person who holds it
                office = m.group() + org.group()
                while more := _ORG_NAME_GOES_ON.match(tail, len(office)):
                    office += more.group()
                return _apposed_name(tail, office) or office
        if POSSESSIVE.search(m.group()) and (owned := owned_by(tail[m.end() :])):
            return owned if owned[0].isupper() else m.group() + owned  # "said Kemper's aide Jo Lund"
        if named := _named_after_role(tail, m.group()):
            return named
        if apposed := _apposed_name(tail, m.group()):
            return apposed  # "said another leading Supreme Court advocate, Andrew Pincus"
        head = _HEAD_AFTER_NAME.match(tail, m.end())
        if head and re.match(DETERMINERS + r"\s", m.group(), re.I) and person_head(head.group(1)):
            return m.group() + head.group(1)  # "said a senior White House official": the official speaks
        if head and group_head(head.group(1)) and descriptor_words(head.group(1)):
            return m.group() + head.group(1)  # "said Toronto police", "said U.S. officials": the group
        return m.group()
    if known := known_as(tail):
        return known  # "said the base chief known as Bob": the name he goes by
    if m := _DETERMINER_START.match(tail):
        if source := _document_source(tail):
            return source  # "said a statement from the ministry": the ministry speaks
        rest = tail[m.end() :]
        stop = BREAKS.search(rest)
        phrase = tail[: m.end() + (stop.start() if stop else len(rest))].strip()
        if phrase.endswith(" close") and (near := _CLOSE_TO.match(tail, len(phrase))):
            return phrase + near.group()  # "said a person close to the campaign": whom they are close to
        # keep "for Brightloop" / "from the ministry" when a capitalised name follows
        if m2 := re.match(
            rf"\s+(?:for|at|from|of|with|to)\s+(?:the\s+)?((?:{CAP}[ \u00a0]+){{0,4}}{CAP})",
            rest[len(phrase) - m.end() :],
        ):
            phrase += m2.group()
        return _apposed_name(tail, phrase) or phrase or None
    return None


_LOWER_WORDS_AFTER = re.compile(rf"(?:\s+{LOWER}[\w'’-]*){{1,5}}")


def owned_by(rest: str) -> str | None:
    """What follows a possessor ("Kemper's"): the name after the role when one follows ("top aide Jo
    Lund", "introducer, actress Ann Cole", "dad, Darrin") or else the role (" spokesman"); the possessor
    itself is never the speaker."""
    role = _LOWER_WORDS_AFTER.match(rest)
    if role is None:
        return None
    words = role.group().split()
    # a word describes alone or with the words after it ("outgoing chairman": a participle needs its noun);
    # "of" between two words of a role is the role's own ("chief of staff", "director of communications")
    keep = next(
        (
            k
            for k, w in enumerate(words)
            if not descriptor_words(w)
            and not descriptor_words(" ".join(words[k:]))
            and not (w == "of" and 0 < k < len(words) - 1 and descriptor_words(words[k + 1]))
        ),
        len(words),
    )
    if keep == 0:
        return None
    if keep == len(words):
        name = re.match(
            rf",?\s+((?:{LOWER}[\w'’-]*\s+){{0,2}})((?:{CAP}[ \u00a0]+){{0,4}}{CAP})", rest[role.end() :]
        )
        if name and descriptor_words(name.group(1)) and not POSSESSIVE.search(name.group(2)):
            return name.group(2)
    return " " + " ".join(words[:keep])


_OWNED_ROLE = re.compile(r"['’]s\s")
"""A possessive inside a capitalised run, a role that an organisation owns: "Quarry’s CEO", "Acme's Chief
Executive Officer" (titles are capitalised in press releases); the name follows in apposition."""


_ROLE_THEN_PERSON = re.compile(rf"((?:\s+{LOWER}[\w'’-]*){{1,3}})[ \u00a0]+(?:{CAP}[ \u00a0]+){{0,4}}{CAP}")


def _named_after_role(tail: str, phrase: str) -> str | None:
    """An organisation, a role, then the person, who speaks: "Red Cross volunteer Lorraine Dupuis"."""
    more = _ROLE_THEN_PERSON.match(tail, len(phrase))
    return phrase + more.group() if more and descriptor_words(more.group(1)) else None


def _apposed_name(tail: str, phrase: str) -> str | None:
    """The name after a role that opens the subject: "said his best friend at Lehigh, Bruce Turry," →
    "Bruce Turry", "the LinkedIn chief executive, Jeff Weiner, put it" → "Jeff Weiner", "said her neighbour
    of 40 years, Joan Pike" → "Joan Pike"."""
    if not phrase or (
        phrase[0].isupper()
        and not re.match(DETERMINERS + r"\s", phrase, re.I)
        and not _OWNED_ROLE.search(phrase)
    ):
        return None
    m = re.match(
        rf"(?:\s+(?:{LOWER}|\d)[\w'’-]*){{0,3}},\s*((?:{CAP}[ \u00a0]+){{0,4}}{CAP})\s*(?:[,.;]|$)",
        tail[len(phrase) :],
    )
    if m and len(m.group(1).split()) >= 2:
        return m.group(1)
    if m and clean_token(phrase.split()[-1]).lower() in _RELATIVES and is_first_name(m.group(1)):
        return m.group(1)  # "said his widow, Margaret": a relative goes by the first name alone
    return None


_RELATIVES = {*KIN, "widow", "widower", "grandson", "granddaughter", "niece", "nephew", "cousin", "fiancée"}


def descriptor_words(words: str) -> bool:
    """Whether lowercase words between two capitalised runs describe the second ("Council leader",
    "Red Cross volunteer", "outgoing chairman") rather than join clauses ("Smith and Jones", "Acme said
    Tuesday", "Kerry visiting Paris")."""
    split = words.split()
    participles = [w for w in split if w not in _TITLE_PARTICIPLES and _PARTICIPLE.fullmatch(w)]
    # a participle is a verb unless it belongs to a title or a noun for a person ends the phrase:
    # "managing director", "outgoing chairman", "marketing director", "retired general"
    if participles and (participles[-1] == split[-1] or not person_head(words)):
        return False
    return all(
        w not in FUNCTION_WORDS
        and w not in CONNECTORS
        and not VERB_RE.fullmatch(w)
        and not re.fullmatch(DETERMINERS, w)
        for w in split
    )


_PARTICIPLE = re.compile(rf"{LOWER}+(?:ed|ing)")
_TITLE_PARTICIPLES = {"operating", "managing", "acting", "founding", "presiding", "ranking", "commanding"}
"""Participles that are part of a title even alone ("chief operating officer", "managing director")."""


_DOCUMENT_READS = re.compile(
    rf"(?P<before>(?:the|a|an|this|that|its|his|her|their)\s+(?:[\w'’-]+\s+){{0,3}}?{LETTER}[\w'’-]*)\s+reads?\b"
    rf"|reads?\s+(?P<after>(?:the|a|an)\s+(?:[\w'’-]+\s+){{0,3}}?{LETTER}[\w'’-]*)\b(?=[\s.,])",
    re.I,
)
_ASIDE = re.compile(r"\([^()]{0,60}\)")


_BARE_GROUP = re.compile(
    rf"\s*(?P<group>(?:{LOWER}[\w'’-]*\s+){{0,2}}?{LOWER}[\w'’-]*)"
    rf"(?:(?P<place>\s+(?:in|of|at|from)\s+(?:the\s+)?(?:{CAP}[ \u00a0]+){{0,3}}{CAP})"
    r"|\s+(?:(?:familiar|close|briefed|involved|knowledgeable|loyal)\s+)?"
    r"(?:in|of|at|from|with|for|on|to|near|inside|outside|across|around)\s+[^,;:“”\"]{1,60}?)?\s*"
)
"""A group with no determiner, perhaps placed or described: "police", "state police", "residents of
Dunmarsh", "people familiar with the matter"."""


_RECORDS = [[w] for w in ("documents", "records", "filings", "papers", "emails", "e-mails", "transcripts")]
"""Plural records that speak as people do: "…,” court documents say", "according to police records"."""


def bare_group(phrase: str) -> str | None:
    """The group of people ``phrase`` names with no determiner ("police", "health officials", "police in
    Kent", "sources close to the minister" → "sources"): people who speak together, as news writes
    them; a named place stays with them, a described one is left out."""
    text = phrase.rstrip()
    for _ in range(2):  # "police later said", "residents have long said"
        m = _BETWEEN_SUBJECT_AND_VERB.search(text)
        if m and not _PRONOUN_OR_NAME.fullmatch(m.group(1)):
            text = text[: m.start()].rstrip()
    if text.strip().lower() in (*GROUP_PRONOUNS, *SOMEONE):
        return text.strip()  # "…,” some said", "…,” said both", "…!” someone shouted"
    m = _BARE_GROUP.fullmatch(text)
    group = m.group("group") if m else ""
    if not (group_head(group) or group.split()[-1:] in _RECORDS) or not descriptor_words(group):
        return None
    return text.strip() if m.group("place") or m.end("group") == len(text) else m.group("group")


_ANY_VERB_CUE = re.compile(
    rf"(?:(?:an?|the)\s+{LOWER}+\s+(?={UPPER}))?"
    rf"((?:{CAP}[ \u00a0]+){{0,3}}{CAP}|he|she|(?:an?|the)\s+(?:{LOWER}[\w'’-]*\s+){{0,2}}{LOWER}[\w'’-]*)\s+"
    rf"(?:{ADVERB}\s+)?(?:{LOWER}+(?:ed|s)|began)(?:\s+(?:to|at|towards)\s+(?:the|a|an|his|her|their)\s+{LOWER}+)?[.,:;]"
)
"""Any verb ending the clause after a quotation cut off: "“…,” Hannity pressed.", "“We were lucky —” Jo
Hale began, before …", "“Fine,” the old man shrugged.", a magazine's present tense "“We were broke,” he
shrugs.", with whom it was aimed at: "“Go on,” she nodded to the crowd."."""
_ANY_VERB_FIRST = re.compile(rf"(?:{ADVERB}\s+)?{LOWER}+(?:ed|s)\s+(?=(?:an?|the)\s|{UPPER})")
"""Any verb before its subject, right after a quotation cut off: "“…,” shrugged Erik ten Hag."."""
_CLAUSE_ENDS = re.compile(r"\s*(?:[.,;:!?]|$)")


_CAPITAL_VERB = re.compile(r"(?<=,\s)(?:Tweeted|Posted|Wrote|Said|Added)\b")
"""A verb capitalised after an appositive, as some copy has it: "Murphy, the head of the PAC, Tweeted"."""


_ROLE_THEN_NAME = re.compile(
    rf"(?:{CAP}[ \u00a0]+){{0,2}}((?:{LOWER}[\w'’-]*[ \u00a0]+){{1,3}})"
    rf"(?P<name>(?:{CAP}[ \u00a0]+){{1,3}}{CAP})(?=,)"
)
"""A name after its role, then an appositive: "Texas delegate Bill Eastland, wearing a hat, said"."""


_APPOSED_BEFORE_VERB = re.compile(rf",\s*((?:{CAP}[ \u00a0]+){{1,4}}{CAP}),\s*$")
"""A full name set off by commas that runs up to the verb: "…, Ada Penn, [said]"."""


_FIRM = rf"(?:{CAP}\.?|&)(?:[ \u00a0]+(?:{CAP}\.?|&)){{0,4}}"
"""A firm's name as markets copy writes it: "Pell & Rourke", "Orlen Capital Group Inc."."""
_DESCRIBED_PAIR = re.compile(
    rf"\s*(?:{_FIRM}[ \u00a0]+)?((?:{LOWER}[\w'’-]*\s+){{1,2}})"
    rf"(?P<name>(?:{CAP}[ \u00a0]+){{1,3}}{CAP})\s+and\s+"
)
"""What two authors are, then the first of them: "Orlen Intelligence analysts Tara Quist and [Ed Lyle]"."""
_LED_BY = re.compile(
    rf"\s*(?:(?:an?|the)\s+)?(?:{_FIRM}[ \u00a0]+)?{LOWER}[\w'’-]*"
    rf"(?:\s+(?:at|from)\s+{_FIRM})?"
    rf"\s+(?:led\s+by|including)\s+((?:{CAP}[ \u00a0]+){{1,3}}{CAP})\s*"
)
"""A group, perhaps with its firm, led by or including a named person: "analysts at Jefferies led by Hana
Ost", "analysts at Pell & Rourke Inc. including Tara Quist"."""
_SOURCE_THEN_SPEAKER = re.compile(
    rf"[^,]{{0,40}},\s*(?:(?:{CAP}[ \u00a0]+){{0,3}}{CAP}|he|she|they)\s+(?:{ADVERB}\s+)?{VERB}\b"
)
"""The rest of an "according to" phrase, then a named or pronoun subject and its speech verb: ", Pruett told
officers" (not "the woman told": a description there is too often the source's own words)."""
_QUOTED_AS = re.compile(
    r"\s+(?:(?:was|were|is|are|has\s+been|had\s+been)\s+"
    r"(?:(?:widely\s+)?quoted\s+as|accused\s+of|(?:alleged|said|reported|understood)\s+to\s+have|heard|seen"
    r"|filmed)|(?:can|could)\s+be\s+(?:heard|seen))\s+$"  # a recording: "…,” Dana Hill can be heard saying
)
_QUOTED_SOMEONE_AS = re.compile(
    rf"\bquoted\s+(?P<who>him|her|them|(?:{LOWER}[\w-]*\s+){{0,2}}(?:{CAP}[ \u00a0]+){{0,4}}{CAP}"
    r"|(?:an?|the)\s+[^,;:]+?)\s+as\s+$"
)
"""An agency or paper passing on someone's words: "…,” the agency quoted him as saying" (he speaks)."""
_OBJECT_TO_SUBJECT = {"him": "he", "her": "she", "them": "they"}
_REDUCED_RELATIVE = re.compile(
    r"\b(?:in|on|via|through)\s+(?:a|an|the|his|her|its|their)\s+[\w'’-]+(?:\s+[\w'’-]+)?\s+$", re.I
)
"""A noun in a place phrase that a participle describes: "in a video posted to Facebook"."""


def _main_speech_verb(clause: str, start: int = 0) -> re.Match[str] | None:
    """The first speech verb of ``clause`` that is not a participle describing a medium in an aside: in
    "Chief Ray Dunn, in a video posted to Facebook, said" the verb is "said", not "posted"."""
    verb = VERB_RE.search(clause, start)
    while verb and verb.group().endswith("ed") and _REDUCED_RELATIVE.search(clause, 0, verb.start()):
        after = VERB_RE.search(clause, verb.end())
        if after is None or "," not in clause[verb.end() : after.start()]:
            break  # "a councillor in the room wondered": the verb itself, with no aside closing after it
        verb = after
    return verb


_IT_SAID = re.compile(rf"[Ii]t(?=\s+(?:{ADVERB}\s+)?(?:{VERB}|reads?)\b)")
_VERB_FIRST = re.compile(rf"(?:{ADVERB}\s+)?({VERB})\s+")
_VERDICT = (
    r"(?:reply|response|retort|answer|rejoinder|verdict|words?|view|assessment|message|warning|plea|comment"
    r"|explanation|call|cry|instruction)"
)
_WHO = rf"(?:{CAP}[ \u00a0]+){{0,3}}{CAP}|he|she|they"
_CAME_THE_REPLY = re.compile(
    rf"(?:came|was)\s+(?:the|a|his|her|their)\s+(?:[a-z]+\s+)?{_VERDICT}\s+(?:from|of)\s+"
    rf"|(?:That|This|Those|These|Such)\s+(?:was|is|were|are)\s+(?:the|a)\s+(?:[a-z]+\s+)?{_VERDICT}\s+(?:from|of)\s+"
    r"|(?:So|Thus)\s+(?:said|says|spoke|wrote)\s+"
)
"""A reply or verdict noun that names its speaker after the quotation: "…,” came the swift reply from Jo
Hale", "“…” That was the verdict of Ann Bell", "“…” So said Ann Bell"."""
_WAS_HOW = re.compile(
    r"(?:was|is|were|are)\s+how\s+(?P<who>\S+(?:\s+\S+){0,4}?)\s+(?:described|put|summed|called)\b"
)
"""The words as someone described them: "“Brilliant” was how manager Steve Cooper described it"."""
WORDS_OF = re.compile(rf"(?:[Tt]he|[Aa]n?)\s+(?:{LOWER}+\s+)?{_VERDICT}\s+(?:from|of)\s+(?={UPPER})")
OWNED_WORDS = re.compile(rf"((?:{CAP}[ \u00a0]+){{0,3}}{CAP})['’]s?\s+(?:{LOWER}+\s+)?{_VERDICT}")
"""A subject that is someone's own words: "Brennan's reply, posted at 2 a.m., was blunt: “…”"."""
"""A subject that is someone's words: "Those were the words of Marie Tremblay: “…”", "The verdict of Ann
Bell was blunt: “…”"; the one named speaks."""


_OWNED_REPLY = re.compile(
    rf"(?:came|was|(?:That|This)\s+(?:was|is))\s+((?:{CAP}[ \u00a0]+){{0,3}}{CAP}['’]s|his|her|their)\s+"
    rf"(?:{LOWER}+\s+)?{_VERDICT}\b"
    # "…,” was all Munro would say", "“…” is how she put it"
    rf"|(?:was|is)\s+(?:all|what)\s+({_WHO})\s+(?:would|could|had\s+to|did|was\s+willing\s+to)\s+"
    r"(?:say|add|offer|tell)\b"
    # "…” is how she put it", "“Shocking,” was how Nia Cole described the verdict"
    rf"|(?:is|was)\s+how\s+({_WHO})\s+(?:(?:put|summed\s+up)\s+it|described|summari[sz]ed|characteri[sz]ed)\b"
)
"""What follows a quotation and says whose words they were: a verdict noun they own ("…,” was Ann Bell's
verdict", "came her reply", "“…” was her only comment"), "was all Munro would say", "is how she put it"."""


_TO_HAVE = re.compile(r"\s+to\s+have\s")
_RELATIVE_PRONOUN_BEFORE = re.compile(rf"\s(?:who|that)\s+(?:{ADVERB}\s+)?$")
"""A relative pronoun right before a speech verb: the verb is the relative clause's ("a nurse who asked not
to be named said")."""
_DESCRIBED_BY_RELATIVE = re.compile(rf"\s*(?:{DETERMINERS})\s+{LETTER}[^,;:]*?(?=\s(?:who|that)\s)", re.I)
"""A described subject and the relative clause that restricts it: "a nurse who spoke on condition of
anonymity told Reuters"."""


_NAME_BEFORE_COMMA = re.compile(rf"(?P<name>(?:{CAP}[ \u00a0]+){{0,4}}{CAP})(?=,)")
_DETERMINED_ROLE = re.compile(rf"\s*((?:{DETERMINERS}|this|these|those)\s+[^,;:()]+?)\s*", re.I)
_AUXILIARY_TAIL = re.compile(rf"\s+(?:{_AUXILIARY}|is|was|are|were)\s.*$")
_CAPITALS_THEN_DESCRIPTION = re.compile(rf"\s*(?:{CAP}\s+){{0,4}}((?:{LOWER}[\w'’-]*\s+){{1,3}})")
_CAPITALS_ONLY = re.compile(rf"\s*(?:{CAP}\s+){{0,3}}")
_NAME_AND = re.compile(rf"\s*(?P<name>(?:{CAP}[ \u00a0]+){{0,3}}{CAP})\s+and\s+")
_AS_SOMEONE_PUT_IT = re.compile(
    rf"\s*,?\s*as\s+(?=(?:[^,.;:!?“”\"]|\.(?=\s+{UPPER})){{1,60}}?\s(?:put|puts)\s+it\b)"
)
"""A quotation's cue with "as": "…,” as one aide put it", "as Rep. Jo Hale put it on Sunday"."""
_NAME_AND_HANDLE = re.compile(rf"((?:{CAP}[ \u00a0]+){{0,4}}{CAP})\s*\(@\w{{1,30}}\)")


def trailing_cue(text: str, q: QuoteSpan, limit: int) -> tuple[str, int, int] | None:
    """`…,” she said` / `…,” said Linda Okafor, the mayor` / `…” — Jane Doe` / `…,” according to X`."""
    # party and state tags and other short asides are blanked, keeping offsets: "Rep. Ann Ruiz (D-Ore.) said"
    tail = _ASIDE.sub(lambda m: " " * len(m.group()), text[q.end : limit])
    lead = re.match(r"\s*[,;]?\s*", tail)
    if put := _AS_SOMEONE_PUT_IT.match(tail, lead.end()):
        lead = put  # "…,” as one aide put it": the one who put it so
    body = tail[lead.end() :]
    base = q.end + lead.end()
    if m := re.match(r"[—–―-]+\s*", body):  # dash attribution
        before = text[max(0, q.start - 300) : q.start].rstrip()
        if re.search(r"\s[—–―-]+$", before):
            # "including the former candidate Mitt Romney -- ''…'' -- and Fred Goldberg": a quotation set
            # off by dashes belongs to the name before it, never to the next one
            before = before.rstrip("—–―- ")
            subject = adjacent_subject(before)
            if subject and before.endswith(subject) and subject.split()[-1][:1].isupper():
                start = text.rfind(subject, 0, q.start)
                return subject, start, start + len(subject)
            return None
        if handled := _NAME_AND_HANDLE.match(text, base + m.end()):
            # an embedded post's "— Jo Hale (@johale) May 3, 2024": the name before the handle, not the date
            return handled.group(1), handled.start(1), handled.end(1)
        rest = body[m.end() :]
        if (words := _CAME_THE_REPLY.match(rest[:1].upper() + rest[1:])) and (
            subject := forward_subject(rest[words.end() :])
        ):
            # "“…” – those were the last words of PC Andrew Harper": whose words they were
            start = base + m.end() + words.end() + rest[words.end() :].find(subject)
            return subject, start, start + len(subject)
        if source := _document_source(rest):
            # "“…” – Statement from the family of Sarah Lee": whoever issued it
            start = base + m.end() + rest.find(source)
            return source, start, start + len(source)
        subject = forward_subject(body[m.end() :])
        if subject and (subject[0].isupper() or re.match(DETERMINERS, subject, re.I)):
            return subject, base + m.end(), base + m.end() + len(subject)
        return None
    if m := re.match(r"according to\s+", body, re.I):
        source = body[m.end() :]
        subject = _pronoun_source(source) or _document_source(source) or forward_subject(source)
        return (subject, base + m.end(), base + m.end() + len(subject)) if subject else None
    if m := _IT_SAID.match(body):
        return m.group(), base, base + 2  # "…,” it added: a document or an organisation
    # a document that "reads" only right after its words: "…,” the letter reads / reads the statement
    if m := _DOCUMENT_READS.match(body):
        subject = m.group("before") or m.group("after")
        start = base + m.start("before" if m.group("before") else "after")
        if m.group("after") and (source := _document_source(body[m.start("after") :])):
            # "…,” reads a Wednesday editorial in The Des Moines Register: the paper speaks
            start = base + m.start("after") + body[m.start("after") :].find(source)
            return source, start, start + len(source)
        return subject, start, start + len(subject)
    if owned := _OWNED_REPLY.match(body):
        who = owned.lastindex  # each alternative has one group: the one that matched names the speaker
        return owned.group(who), base + owned.start(who), base + owned.end(who)
    if (how := _WAS_HOW.match(body)) and (subject := forward_subject(how.group("who"))):
        return subject, base + how.start("who"), base + how.start("who") + len(subject)
    if m := _VERB_FIRST.match(body) or _CAME_THE_REPLY.match(body):
        led = _LED_BY.match(body, m.end())
        if led and re.match(r"(?:[,.;]|and\s|$)", body[led.end() :]) and split_name(led.group(1))[1]:
            return led.group(1), base + led.start(1), base + led.end(1)  # "wrote analysts including Bo Sand"
        subject = forward_subject(body[m.end() :])
        if subject:
            return subject, base + m.end(), base + m.end() + len(subject)
        return None
    sentences = split_sentences(body)
    clause = sentences[0] if sentences else body
    # "one resident, who asked not to be named, told the Herald": the aside's verb is not the cue's
    verb = (
        "wh" in clause
        and _main_speech_verb(mask_relatives(clause))  # an aside whose end is missing masks the whole rest
        or _main_speech_verb(clause)
        or _CAPITAL_VERB.search(clause)
    )
    while verb and _TO_HAVE.match(clause, verb.end()):
        verb = VERB_RE.search(clause, verb.end())  # "is reported to have said": the second verb is the cue
    relative = None
    while verb and (pronoun := _RELATIVE_PRONOUN_BEFORE.search(clause, 0, verb.start())):
        # "a nurse who asked not to be named said": the relative clause's verb, then the main one
        relative = relative or pronoun
        verb = VERB_RE.search(clause, verb.end())
    if verb is None:
        # any verb that ends the clause after a quotation cut off by a comma: "“…,” Hannity pressed.", "“…,”
        # the coach shrugged.", or before its subject: "“…,” shrugged Erik ten Hag."
        if not re.search(r"[,?!—–][\"”’'\s]*$", text[q.start : q.end]):
            return None
        if other := _ANY_VERB_CUE.match(body):
            return other.group(1), base + other.start(1), base + other.end(1)  # "an angry Hollister"
        if (inverted := _ANY_VERB_FIRST.match(body)) and (subject := forward_subject(body[inverted.end() :])):
            start = inverted.end() + body[inverted.end() :].find(subject)
            if _CLAUSE_ENDS.match(body, start + len(subject)):
                return subject, base + start, base + start + len(subject)
        return None
    if relative is None and (described := _DESCRIBED_BY_RELATIVE.match(body, 0, verb.start())):
        subject_end = described.end()  # "a nurse who spoke on condition of anonymity told": "a nurse"
    else:
        subject_end = relative.start() if relative else verb.start()
    # "…,” Pruett was quoted as saying (by Interfax)", "Pruett is accused of telling officers": the passive
    # frame is the verb's, not the subject's
    if reported := _QUOTED_SOMEONE_AS.search(body, 0, verb.start()):
        # "…,” the state news agency quoted him as saying": whom it quoted speaks, not the agency
        who = reported.group("who")
        start = base + reported.start("who")
        return _OBJECT_TO_SUBJECT.get(who, who), start, start + len(who)
    pre = _QUOTED_AS.sub("", body[:subject_end])
    # a name, then asides in commas up to the verb: "Lena Ortiz, director of … and a professor at …, said",
    # "Harry Bond, 30, of Raleigh, who was polled, said"
    named = _NAME_BEFORE_COMMA.match(pre)
    if named is None and (role := _ROLE_THEN_NAME.match(pre)) and descriptor_words(role.group(1)):
        named = role  # "Texas delegate Bill Eastland, wearing a hat …, said": the name after its role
    if (
        named
        and _OWNED_ROLE.search(named.group("name"))
        and (apposed := _APPOSED_BEFORE_VERB.match(pre, named.end("name")))
    ):
        # "Quarry’s Chief Operating Officer, Ada Penn, said": the name after the owned role
        return apposed.group(1), base + apposed.start(1), base + apposed.end(1)
    if (
        named
        and (re.search(r",[”’\"']?$", pre.rstrip()) or unclosed_apposition(pre[named.end("name") :]))
        and len(pre.split()) <= 40
        and split_name(named.group("name"))[1]
        and not re.search(r"['’]s?$", named.group("name"))
        and is_cap(named.group("name").split()[0])
    ):
        return named.group("name"), base + named.start("name"), base + named.end("name")
    if len(pre.split()) > 12:
        return None
    if (led := _LED_BY.fullmatch(pre)) and split_name(led.group(1))[1]:
        # "Jefferies analysts led by (or including) Hana Ost wrote", "a team led by Dr Ann Bell reported":
        # the one named speaks for the group
        return led.group(1), base + led.start(1), base + led.end(1)
    subject = adjacent_subject(pre)
    role = _DETERMINED_ROLE.fullmatch(pre)
    if role and any(VERB_RE.fullmatch(w) for w in role.group(1).split()):
        role = None
    if role and (subject is None or not pre.lstrip().startswith(subject)):
        # "the Florida senator and Republican presidential candidate said": one long role; "a Democratic
        # staffer in the room wondered": the role, not the room
        subject = re.sub(r"\s+in\s+(?:the|a|an)\s.*$", "", role.group(1))
        # "a reporter can be heard asking": the auxiliary starts the verb phrase, not the role
        subject = _AUXILIARY_TAIL.sub("", subject)
    if (subject is None or not pre.lstrip().startswith(subject)) and (group := bare_group(pre)):
        subject = group  # "federal prosecutors wrote", "police in Kent said": people with no determiner
    if subject is None and re.search(r"[,?!][\"”’']*$", text[q.start : q.end]):
        subject = surname_word(pre)
    if subject is None:
        return None
    # everything before the verb must belong to the subject (plus an appositive or an adverb)
    head = pre[: pre.find(subject)] if subject in pre else pre
    described = _CAPITALS_THEN_DESCRIPTION.fullmatch(head)
    titled = _CAPITALS_ONLY.fullmatch(head) and any(
        word.strip(".").lower() in TITLES for word in (*head.split(), subject.split()[0])
    )
    # "Sanders's campaign manager, Jeff Weaver, said": a role, then the name in apposition
    # "one protester, who gave only her first name, Lina, told": the role's relative clause, then the name;
    # "with 200,000 fans," is one phrase
    apposed = re.fullmatch(r"(?:[^,]|(?<=\d),(?=\d)){1,80},(?:\s*who\s[^,]{1,60},)?\s*", head) and (
        pre.rstrip().endswith(subject + ",")
        # "another friend, Mariam Ezra told CNN": the appositive's closing comma is missing
        or re.fullmatch(
            rf"\s*{DETERMINERS}\s+{LETTER}[\w'’-]*(?:\s+{LETTER}[\w'’-]*){{0,2}},\s*", head, re.I
        )
        and pre.rstrip().endswith(subject)
    )
    # "White House press secretary Josh Earnest", "former FBI agent Tim Gill": what he is, then the name
    modifier = (
        subject[-1:].isalpha()
        and subject.split()[-1][:1].isupper()
        and len(head.split()) <= 6
        and not re.search(r"[,;:]", head)
        and not any(w.lower() in FUNCTION_WORDS or VERB_RE.fullmatch(w) for w in head.split())
    )
    pair = _NAME_AND.fullmatch(head)
    if pair is None and (pair := _DESCRIBED_PAIR.fullmatch(head)) and not descriptor_words(pair.group(1)):
        pair = None
    if pair:
        # "Edward-Isaac Dovere and Gabriel Debenedetti wrote", "Orlen Intelligence analysts Tara Quist and Ed
        # Lyle wrote": two authors, voiced by the first
        start = base + pair.start("name")
        return pair.group("name"), start, start + len(pair.group("name"))
    if (
        head.strip(" ,")
        and not titled
        and not apposed
        and not modifier
        and not (described and descriptor_words(described.group(1)))
    ):
        # "Tallis founder Oren Blatt wrote" and "Republican Senator Tim Scott said" keep the name;
        # "Then Smith said" does not
        return None
    start = base + pre.find(subject)
    return subject, start, start + len(subject)


_LONE_CAPITAL = re.compile(rf"\s*({UPPER}{LOWER}+)\s*")
_AFTER_QUOTED = re.compile(rf"[,?!][\"”’']\s*(\s{UPPER}{LOWER}+\s*)$")


def surname_word(pre: str) -> str | None:
    """The one capitalised word between a quotation cut off by a comma and its verb: "…,” From said",
    "…,” Will said" can only be a surname, even one that is also an everyday word."""
    m = _LONE_CAPITAL.fullmatch(pre)
    return m.group(1) if m and not PRONOUN_RE.fullmatch(m.group(1)) else None


_APPOSITION_OPENER = re.compile(rf",\s+(?:who\s|(?:the|a|an)\s|{LOWER}[\w-]*\s+(?:and|of|at|for)\s)")


def unclosed_apposition(text: str) -> bool:
    """Whether ``text`` (what follows a name up to its verb) is an appositive whose closing comma is missing:
    ", the polling guru who founded the site", ", president and CEO of Acme"."""
    return bool(
        _APPOSITION_OPENER.match(text)
        and not re.search(r"[;:!?]|\.\s|,\s+(?:and|but)\s", text)
    )


_OPENING_VERB = re.compile(rf"\s*(?:Said|Says|Added|Adds|Asked|Wrote|Writes)\s+(?={UPPER})")
_ACCORDING = re.compile(r"\b(?:according to|in the words of)\s+", re.I)
"""A source named before its words: "According to the complaint, …", "In the words of Jo Hale, “…”"."""
_OBJECT_PRONOUN = re.compile(r"(?:him|her|them)(?=\s*(?:[,.;:]|$))", re.I)
"""A pronoun as the whole source: "According to her, “…”" (Nigerian and Ghanaian papers' staple)."""
_PARTICIPLE_PHRASE_END = re.compile(
    rf"\b{LOWER}+ing\s+(?:through|in|at|on|from|with|into|across|over|under|by|about|to|toward|towards|near|"
    r"inside|outside|outside of|along|past|around)\s+$"
)
"""A participle and its preposition just before a noun: "Protesters marching through [the streets]"."""


_INTRO_PHRASE = re.compile(
    r"^(?:(?:asked|pressed|speaking|responding|writing|reacting|referring|commenting|quizzed|questioned|"
    r"challenged|interviewed|addressing)\b[^,]*,\s*"
    # an opening participle or prepositional phrase: "Surveying the wreckage, Lund concludes:", "Along
    # with the photo, he had posted:", "Ever the optimist, Warren said:"
    rf"|(?-i:{UPPER}{LOWER}+ing\s+(?!(?:{VERB})\b)(?={LOWER})|(?:Along|Amid|Despite|During|Beyond|Throughout|Ever|"
    r"Among|Without|Unlike|Like)\b)[^,]*,\s*"
    # a subordinate clause: "When asked whether D.C. should have a vote, he said:"
    r"|(?-i:When|If|After|Before|While|Although|Though|Because|Since|Until|Once|As|Whenever|Unless)\s"
    rf"[^,]*,\s*(?=(?-i:he|she|they|{UPPER}))"
    # a time adverbial: "Hours later, Trump returned the compliment, telling Reuters", "A week earlier,"
    r"|(?:[\w-]+\s+){0,2}(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|moments?|decades?)\s+"
    r"(?:later|earlier|ago|before|after|afterwards?)\s*,\s*"
    # a time, perhaps with a clause after it: "Last month, when I asked Hale if he …, he said", "Later in
    # the show, after the interview ended, Maher stated"
    rf"|(?:(?-i:Later|Earlier)\s+(?:in|that|on)\s+(?:the\s+)?{LETTER}+"
    r"|(?-i:Last|This|Earlier|Later)\s+(?:this\s+)?(?:week|month|year|spring|summer|fall|autumn|winter|"
    rf"{LETTER}{LETTER}+day))\s*,\s*(?:(?-i:when|after|before|while|as|once)\s[^,]*,\s*(?=(?-i:he|she|{UPPER})))?)",
    re.I,
)


_RUN_IN_SOURCE = re.compile(
    rf"\s[-—–]+\s*(?:More\s+from\s+|From\s+)?(?P<source>(?:{CAP}[ \u00a0]+){{0,3}}{CAP}"
    rf"(?:\s+and\s+(?:{CAP}[ \u00a0]+){{0,3}}{CAP})?)\s*:\s*$"
)


_DESCRIBED_LABEL = re.compile(
    rf"\s*{LETTER}(?:{LOWER}|['’-])*\s+(?:{LOWER}[\w'’-]*\s+){{0,5}}"
    rf"((?:{CAP}[ \u00a0]+){{1,4}}{CAP})\s*:\s*"
)


_COLON_CLAUSE = re.compile(
    rf"(?:^|[\s,;(—–-])((?:{CAP}[ \u00a0]+){{0,3}}{CAP}|he|she|they|He|She|They)\s+(?:{ADVERB}\s+)?"
    rf"(?:{_AUXILIARY}\s+(?:not\s+)?(?:{ADVERB}\s+)?{LOWER}+|{LOWER}+ed|{LOWER}+s|put|wrote|took|made|gave|got|went|came|cut|broke)"
    r"\b[^,;:.!?“”\"]*:\s*$"
)
"""A clause with no speech verb that ends with a colon: "Pruitt called them on it:", "he had this to say:"."""
_WRITER_BEFORE_COLON = re.compile(
    rf"\b(?:{_WRITTEN_NOUN})s?\s+(?:that\s+|which\s+)?((?:{CAP}[ \u00a0]+){{0,3}}{CAP}|he|she|they)\s+"
    r"(?:had\s+)?(?:sent|left|texted|emailed|mailed|posted|scrawled|penned|signed)\b[^,;:.!?“”\"]{0,40}:\s*$"
)
"""A document and its writer in a relative clause before a colon: "the message she sent him:"."""


_AFFILIATION = rf"(?:the\s+)?(?:{CAP}[ \u00a0]+){{0,3}}{CAP}"
"""Where a named speaker works, after "at" or "from": "Ana Ruiz at UBS said" ("of" would read "Minister of
State Gan Hui Min" as a minister who works at "State Gan Hui Min")."""
_COORDINATED_CUE = re.compile(
    r"(?:\b(?:and|but|then|so|which|whom|while|whereas)|,[\"”’']?)\s+"
    rf"((?:{CAP}[ \u00a0]+){{0,3}}{CAP}|he|she)(?:\s+(?:at|from)\s+{_AFFILIATION})?"
    rf"\s+(?:{ADVERB}\s+)?{VERB}\s*[,:]?\s*$"
    r"|(?:\b(?:and|but|as|while|when)|,)\s+"
    rf"((?:the|a|an|one)\s+(?:{LOWER}[\w'’-]*\s+){{0,2}}{LOWER}[\w'’-]*|another)\s+"
    rf"(?:{ADVERB}\s+)?{VERB}\s*[,:]?\s*$"
)
"""The subject and verb that end the clause, after a conjunction or a comma: "…, and Clinton said,", "After
Dorn said that …, Hale said:", "…, a man yelled", "Vance said as the heckler yelled:", "…, while another
added,"."""


_SHARED_SUBJECT_CUE = re.compile(
    rf"(?:^|[\s,;(])((?:{CAP}[ \u00a0]+){{0,3}}{CAP}|he|she|He|She)\s+(?:{ADVERB}\s+)?{LOWER}+ed\s+"
    rf"and\s+(?:then\s+)?{VERB}\s*[,:]?\s*$"
)


_WHERE_CLAUSE_CUE = re.compile(r",\s*where\s+(?=[^,;“”\"]*$)")
"""A last clause with its own subject, opened by "where": ", where host Jo Hale told viewers:"."""


_RELATIVE_CUE = re.compile(rf",\s*who\s+(?:{ADVERB}\s+)?(?:{_AUXILIARY}\s+)?{VERB}\b")
_RELATIVE_CUE_AT_END = re.compile(
    rf",\s*who\s+(?:{ADVERB}\s+)?(?:{_AUXILIARY}\s+)?{VERB}(?:\s+[\w'’-]+){{0,2}}\s*:\s*$"
)
"""A relative clause whose speech verb introduces the quotation: "Bundy says to Santilli on camera, who
responds enthusiastically:" (the antecedent speaks, not the main clause's subject)."""


_SEEN_SAYING = re.compile(
    r"\b(?:of|with|showing|shows|showed|hear|heard|hears|see|saw|seen|sees|watch|watched|caught)\s+"
    rf"((?:{CAP}[ \u00a0]+){{0,3}}{CAP})\s+$"
)
"""Someone seen or heard right before a participle of saying: "footage of Trump saying"; or the subject of
an absolute phrase: "…, with Trump tweeting"."""


_TOLD = re.compile(r"told|tells?", re.I)
"""A speech verb whose object is its listener, so never inverted before its subject ("…, told the paper")."""


_OWNED_LABEL = re.compile(
    rf"\s*((?:[Tt]he\s+)?(?:[\w.-]+\s+){{0,3}}?[\w.-]+(?=['’]s?\s)|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)(?:['’]s?)?"
    rf"\s+(?:{LOWER}[\w'’-]*\s+){{0,2}}{LOWER}[\w'’-]*\s*:\s*"
)
"""A label someone owns, ended by a colon with no verb: "Her response:", "Ann Bell's verdict:"."""


_FOR_TOPIC = re.compile(
    rf"\s*For\s+((?:{CAP}[ \u00a0]+){{0,3}}{CAP}),\s+(?:it|(?:the|this|that)\s+{LOWER}+)\s+"
    rf"(?:is|was|has|had|remains|seems|seemed)\b[^,;:“”\"]*:\s*$"
)
"""A person as the topic of a sentence about a thing, which a colon ends: "For Ann Bell, the answer is
simple:", "For Raj Patel, it was never that easy:"."""


def _pronoun_source(source: str) -> str | None:
    """ "him" in "according to him, …": the pronoun, read later as the subject it stands for."""
    return m.group() if (m := _OBJECT_PRONOUN.match(source)) else None


_PLACE_PHRASE_TAIL = re.compile(rf"\s+(?:on|in|at|by|over)\s+{LOWER}[\w'’-]*$")
_LEADING_LABEL = re.compile(r"\s*(?:[^\s:“”\"]+\s+){0,4}[^\s:“”\"]+:\s+(?=\S)")
"""A short label opening a paragraph before its sentence: "Spotted: ", "DRIVING THE DAY: "."""


def clause_subject(clause: str, offset: int = 0) -> tuple[str, int, int] | None:
    """The subject of the speech verb in a narration clause that introduces a quotation, e.g.
    "Lieutenant Commander Alasdair Magill, who works on the ship, told Mrs May" → Alasdair Magill."""
    if label := _LEADING_LABEL.match(clause):
        # "Spotted: Rep. Jo Hale telling a lobbyist, “…”": a newsletter's label is no part of the clause
        return clause_subject(clause[label.end() :], offset + label.end())
    if m := _ACCORDING.search(clause):
        source = clause[m.end() :]
        subject = _pronoun_source(source) or _document_source(source) or forward_subject(source)
        rest = m.end() + clause[m.end() :].find(subject) + len(subject) if subject else 0
        if subject and _SOURCE_THEN_SPEAKER.match(clause, rest):
            # "According to the complaint, Pruett told officers, “…”": the source reports; the clause after it
            # names who spoke
            return clause_subject(clause[rest:], offset + rest)
        if subject:
            return subject, offset + m.end(), offset + m.end() + len(subject)
    if (m := _OPENING_VERB.match(clause)) and not _COORDINATED_CUE.search(mask_relatives(clause)):
        # "Said Dorothy Poynter, who grew up with him, “…”"; not "said Tom Reid, while Ana Ruiz said:"
        subject = forward_subject(clause[m.end() :])
        if subject:
            start = m.end() + clause[m.end() :].find(subject)
            return subject, offset + start, offset + start + len(subject)
    if VERB_RE.fullmatch(clause.strip(" ,").lower()):
        return None  # "Adding, “…”": a participle alone, whose subject is the sentence before's
    masked = mask_relatives(clause)
    if reported := _reported_speaker(masked):
        return reported[0], offset + reported[1], offset + reported[2]
    if m := _COORDINATED_CUE.search(masked) or _SHARED_SUBJECT_CUE.search(masked):
        # "a woman asked for a photo and Clinton said, “…”": the verb next to the quotation is its cue;
        # "When Mook was asked …, he laughed and said, “…”": the two verbs share their subject
        group = 1 if m.group(1) else 2
        return m.group(group), offset + m.start(group), offset + m.end(group)
    intro = _INTRO_PHRASE.match(masked)
    skip = intro.end() if intro else 0
    verb = _main_speech_verb(masked, skip)
    last_relative = _RELATIVE_CUE_AT_END.search(clause, skip)
    if (verb is None or last_relative) and (who := last_relative or _RELATIVE_CUE.search(clause, skip)):
        # "… would involve Attorney General Ada Lin, who told Congress last month: “…”": the speech verb is
        # the relative clause's, so its antecedent speaks
        # "says to Santilli on camera, who responds": the antecedent before a short place phrase
        antecedent = _PLACE_PHRASE_TAIL.sub("", clause[: who.start()])
        subject = adjacent_subject(antecedent)
        if subject:
            k = clause.rfind(subject, 0, who.start())
            return subject, offset + k, offset + k + len(subject)
    if verb is None:
        if not clause.rstrip().endswith(":"):
            return None
        if (where := _WHERE_CLAUSE_CUE.search(clause, skip)) and (
            inside := clause_subject(clause[where.end() :], offset + where.end())
        ):
            # "… on the breakfast show, where presenter Jo Hale told viewers:": the clause's own subject
            # speaks, since the sentence around it says nothing
            return inside
        pre = masked[skip:]
        if (reads := _READS_BEFORE_COLON.search(pre)) and _DOCUMENT_WORD.search(reads.group("doc")):
            # "The statement read in part:": the document's words, as in "…,” the statement read"
            return reads.group("doc"), offset + skip + reads.start("doc"), offset + skip + reads.end("doc")
        topic = _FOR_TOPIC.match(pre)
        if topic and not {topic.group(1), topic.group(1).split()[-1]} & PLACE_NAMES:
            # "For Ann Bell, the answer is simple:": the person the sentence is about gives the answer (a
            # place the sentence is about, "For Britain, the choice is stark:", gives none)
            return topic.group(1), offset + skip + topic.start(1), offset + skip + topic.end(1)
        if owned := _OWNED_LABEL.fullmatch(pre):
            # "Her response: “…”", "Ann Bell's verdict:", "The embassy's message:": the label's owner speaks
            return owned.group(1), offset + skip + owned.start(1), offset + skip + owned.end(1)
        # a run-in heading, a dash, then the source: "POLLS TOO EARLY - Ann Roe and Ed Lutz:",
        # "What it means - More from Roe:"
        if run_in := _RUN_IN_SOURCE.search(pre):
            skip += run_in.start("source")
            pre = masked[skip:]
        elif label := _DESCRIBED_LABEL.fullmatch(pre):
            skip += label.start(1)  # "Former secretary of state Ada Rusk:": a transcript's label
            pre = masked[skip:]
        elif writer := _WRITER_BEFORE_COLON.search(pre):
            # "Piotr still has the message she sent him:": the words are the writer's, not Piotr's
            return writer.group(1), offset + skip + writer.start(1), offset + skip + writer.end(1)
        elif own := _COLON_CLAUSE.search(pre):
            # "… a shaken Carl Webber could not bring himself to utter:", "— Pruitt called them on it:": the
            # subject of the clause the colon ends, not the first name of its sentence
            return own.group(1), offset + skip + own.start(1), offset + skip + own.end(1)
    else:
        pre = masked[skip : verb.start()]
        after = masked[verb.end() :]
        inverted = (
            forward_subject(after)
            if re.search(r"[,\"”’']\s*$", pre)
            and not verb.group().endswith("ing")
            and not _TOLD.fullmatch(verb.group())  # "…,” Jo Hale, a fan, told the Courier": its listener
            else None
        )
        if inverted and is_thing(inverted):
            inverted = None  # "…, tweeted a warning.": what was said, not who
        if inverted and re.fullmatch(
            r"\s*" + re.escape(inverted) + r"(?:,[^,]*|\s+(?:who|whose)\s[^,“”\"]*)?[.!?]?\s*", after
        ):
            # "Turnout will fall, said Paul Beck, a professor.", "…, said one former executive who requested
            # anonymity.": the inverted subject runs to the end
            k = verb.end() + after.find(inverted)
            return inverted, offset + k, offset + k + len(inverted)
        by = re.match(r"\s*by\s+", after) if re.search(r"\b(?:was|were|been|being)\s+$", pre) else None
        if by and (agent := forward_subject(after[by.end() :])):
            # "Sanders was asked by host Bill Maher, “…”": the passive's agent asks the question
            k = verb.end() + by.end() + after[by.end() :].find(agent)
            return agent, offset + k, offset + k + len(agent)
        seen = _SEEN_SAYING.search(pre) if verb.group().endswith("ing") else None
        if seen:
            # "The spot ends with footage of Trump saying, “…”": the one seen or heard saying it
            return seen.group(1), offset + skip + seen.start(1), offset + skip + seen.end(1)
        if aged := _AGED_NAME.match(pre):
            # "Luis Ortega, 45, of Akron, Ohio, said:": the person whose age and town the asides give
            return aged.group(1), offset + skip + aged.start(1), offset + skip + aged.end(1)
        named = _LEAD_NAME.match(pre)
        if named and split_name(named.group(1))[1] and unclosed_apposition(pre[named.end() :]):
            # "Jo Marks, president and CEO of the Restaurant Association stated,": the name, not the
            # organisation at the end of an appositive whose closing comma is missing
            return named.group(1), offset + skip + named.start(1), offset + skip + named.end(1)
        # a participle ("…, saying", "a statement saying") belongs to the clause's subject, not to the
        # noun just before it ("Putin came close to an admission about the war in Ukraine, saying")
        subject = None if verb.group().endswith("ing") else adjacent_subject(pre)
        if subject is None and (quoted := _AFTER_QUOTED.search(pre)):
            subject = surname_word(quoted.group(1))  # "… as “the party of big government,” From said"
        if subject is None:
            subject = bare_group(pre[pre.rfind(",") + 1 :])  # "On Friday, police said:": the group
        if subject and _PARTICIPLE_PHRASE_END.search(pre[: pre.rfind(subject)]):
            subject = None  # "Protesters marching through the streets chanted": not "the streets"
        if subject and _DOCUMENT_WORD.search(subject) and (by := _document_source(pre[pre.find(subject) :])):
            subject = by  # "The letter, signed by 200 doctors, warned": the doctors, whose letter it is
        if subject and subject in clause:
            k = clause.find(subject, skip)
            return subject, offset + k, offset + k + len(subject)
    found = subject_in(pre, offset + skip)
    document = found is not None and _DOCUMENT_WORD.search(found[0]) is not None
    sent = _FROM_OR_BY.match(pre, found[2] - offset - skip) if found and document else None
    if sent and (writer := forward_subject(pre[sent.end() :])) and _NAMED.match(writer):
        # "A tweet from Dana Holt on Tuesday read:": the document speaks for whoever sent it
        k = pre.find(writer, sent.end())
        return writer, offset + skip + k, offset + skip + k + len(writer)
    if document and (source := _document_source(pre[found[1] - offset - skip :])):
        # "A letter signed by 200 doctors warned": whoever signed, posted or issued it speaks
        k = pre.find(source, found[2] - offset - skip)
        return source, offset + skip + k, offset + skip + k + len(source)
    if verb is None and found and is_thing(found[0]):
        if not (read := _DOCUMENT_READ.search(found[0])):
            return None  # "The big reveal: “…”": a thing introduces the quotation; no one in it says it
        # "The post read: “…”": a document's words, its writer's
        return found[0][: read.start()], found[1], found[1] + read.start()
    return found


_REPORTED_CUE = re.compile(
    rf"\b{VERB}\s+(?:(?:[^,;:“”\"]{{1,40}}?\s+)?that\s+)?(?P<subject>[^,;:“”\"]{{1,60}}?)"
    rf"(?:\s+(?:had|has|have|would|will|could|also|later|then|once|reportedly|allegedly)){{0,3}}"
    rf"\s+(?<!\bthe\s)(?<!\ban\s)(?<!\ba\s)(?P<verb>{VERB})(?:\s+[^,;:“”\"]{{1,40}}?)?\s*[:,]\s*$"
)
"""A speech verb whose reported clause has its own, which introduces the quotation: "Police said the suspect
told officers:", "Reuters reported that the minister had said:"."""


def _reported_speaker(clause: str) -> tuple[str, int, int] | None:
    """The subject of the reported clause's speech verb when that verb introduces the quotation: the words
    are the suspect's or the minister's, not the police's or the agency's."""
    first = VERB_RE.search(clause)
    if first is None or VERB_RE.search(clause, first.end()) is None:
        return None  # one speech verb: nothing reported inside (most clauses, so asked first)
    for reported in _REPORTED_CUE.finditer(clause):
        if reported.group("verb").endswith("ing"):
            continue  # "Ann Bell said it was wrong, adding:": a participle is the first verb's subject's
        words = reported.group("subject")
        if adjacent_subject(words) == words.strip():
            at = reported.start("subject") + words.find(words.strip())
            return words.strip(), at, at + len(words.strip())
    return None


_FROM_OR_BY = re.compile(r"\s+(?:from|by)\s")
_READS_BEFORE_COLON = re.compile(
    rf"(?P<doc>(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[\w'’-]+\s+){{0,3}}?"
    rf"{LOWER}[\w'’-]*)\s+reads?(?:\s+in\s+part|\s+as\s+follows)?\s*:\s*$"
)
"""A document that reads, right before its words: "The statement read in part:" (West African papers)."""
_DOCUMENT_READ = re.compile(r"\s+reads?$")


_LEAD_PHRASE = r"(?:\s*(?:Just|Last|Earlier|Later|Meanwhile|Yesterday|Today|This|That|Then)\b[^,]{0,40},)?"
"""A short time phrase that may open the sentence before its subject: "Just last week, Jo Hale, …"."""


_LEAD_NAME = re.compile(rf"{_LEAD_PHRASE}\s*((?:{CAP}[ \u00a0]+){{0,4}}{CAP})(?=,)")


_AGED_NAME = re.compile(rf"{_LEAD_PHRASE}\s*((?:{CAP}[ \u00a0]+){{0,4}}{CAP}),\s*\d{{1,3}},[^;:“”\"]*,\s*$")
"""A name and the asides after it, an age first, up to the verb: "Luis Ortega, 45, of Akron, Ohio,"."""


_OPENING_PLACE = re.compile(
    r"\s*(?:At|In|On|Inside|Outside|Near|Across|Throughout|Within|Around)\s+(?:the\s+)?[^,]{1,60}$"
)


def _closing_mark(text: str, start: int, rest: str) -> int:
    """Where in ``rest`` the quotation ``text`` is inside at ``start`` closes; -1 when it is in none."""
    curly = rest.find("”")
    if curly >= 0 and "“" not in rest[:curly] and text.rfind("“", 0, start) > text.rfind("”", 0, start):
        return curly
    if text.count('"', 0, start) % 2:
        return rest.find('"')
    return -1


def mask_relatives(text: str) -> str:
    """Blank out ", who …," and parenthesised asides so their verbs are not taken for the main one."""

    def blank(m: re.Match[str]) -> str:
        return " " * len(m.group())

    def relative(m: re.Match[str]) -> str:
        # the clause runs to the last comma before the main verb: ", who runs a bakery in Peckham,
        # south London, said" masks everything up to "said"
        rest = text[m.end() :]
        first_comma = rest.find(",")
        verb = VERB_RE.search(rest, first_comma + 1) if first_comma >= 0 else None
        cut = rest.rfind(",", 0, verb.start()) if verb else rest.find(",")
        if _OPENING_PLACE.match(text[: m.start()]):
            # "At Boca West, where members pay $70,000, Jay Dorn, the club's manager, said": the clause
            # qualifies an opening place and ends at its first comma, where the main clause's subject starts
            cut = first_comma
        closing = _closing_mark(text, m.start(), rest)
        if 0 <= closing < (cut if cut >= 0 else len(rest)):
            # "“… inside the party, which is tired of it,” Simon Vale, a supporter, told": a clause opened
            # inside a quotation ends with it, before the speaker
            cut = closing - 1
        return " " * (len(m.group()) + (cut + 1 if cut >= 0 else len(rest)))

    for m in reversed(list(_RELATIVE_OPENER.finditer(text)) if "wh" in text else []):
        masked = relative(m)
        text = text[: m.start()] + masked + text[m.start() + len(masked) :]
    if "(" in text:
        text = _PARENTHESES.sub(blank, text)
    return _DASHED_ASIDE.sub(blank, text) if "—" in text or "–" in text else text


_RELATIVE_OPENER = re.compile(r",\s*(?:who|which|whose|whom|where)\b")
_PARENTHESES = re.compile(r"\([^)]*\)")
_DASHED_ASIDE = re.compile(r"\s[—–]\s[^—–]*\s[—–]\s")


_OPENING_PREPOSITION = re.compile(r"(?:in|on|at|for|with|from|by|about|during|after|before|amid|to|of)\s")


_CLOSING_MARK = re.compile(r"[,.!?]?[”\"’]")


_CAPITAL_WORD_COMMA_END = re.compile(rf"{CAP},\s*$")
_DETERMINED_PHRASE = re.compile(rf"\b{DETERMINERS}\s+(?:[\w'’.-]+\s+){{0,4}}?[\w'’.-]+", re.I)
_LOWER_WORDS_BETWEEN = re.compile(rf"((?:\s+{LOWER}[\w'’-]*){{1,3}})\s+")
_COMMA_THEN_LOWER_WORDS = re.compile(rf"[^,]*,\s*((?:{LOWER}[\w'’-]*\s+){{0,3}})")


def subject_in(pre: str, offset: int) -> tuple[str, int, int] | None:
    """First noun phrase of the main clause that is not the object of a preposition."""
    candidates: list[tuple[int, int, str]] = []
    for m in re.finditer(r"\b" + PRONOUN_RE.pattern + r"\b", pre):
        if pre[m.start() - 1 : m.start()] not in ("'", "’"):
            candidates.append((m.start(), m.end(), "pronoun"))
    for m in NAME_RE.finditer(pre):
        titles, name = split_name(m.group())
        if not name:
            continue
        if clean_token(m.group()) in PLACE_NAMES and _CAPITAL_WORD_COMMA_END.search(pre[: m.start()]):
            continue  # "killed in San Bernardino, Calif., a familiar voice": the state closes a place
        if pre[: m.start()].endswith(("“", '"', "‘")) and _CLOSING_MARK.match(pre, m.end()):
            continue  # "The closing track, “Harbour Lights,” runs": a work's title fills its marks, no one
        first = (titles or name)[0]
        k = pre.find(first, m.start())
        candidates.append((k, m.end(), "name"))
    for m in _DETERMINED_PHRASE.finditer(pre):
        if m.group().split()[0].islower() or m.start() == 0 or pre[: m.start()].rstrip().endswith(","):
            candidates.append((m.start(), m.end(), "role"))
    for m in _GROUP_PRONOUN.finditer(pre):
        candidates.append((m.start(1), m.end(1), "group"))
    good: list[tuple[int, int, str]] = []
    intro = _INTRO_PHRASE.match(pre)
    opening = intro.end() if intro else 0  # "Writing on Instagram, she said": no subject inside the phrase
    for start, end, kind in sorted(candidates):
        if start < opening or PREP_BEFORE.search(pre[:start]):
            continue
        if any(s <= start < e for s, e, _ in good):
            continue
        good.append((start, end, kind))
    if good and good[0][2] == "role" and is_thing(_role_phrase(pre[good[0][0] :])):
        # "The timing was so odd that …", "the stage Tuesday night, his campaign sent …": a thing speaks
        # only when no one else in the clause clearly can
        someone = [c for c in good[1:] if c[2] != "role" or _speaker_head(_role_phrase(pre[c[0] :]))]
        good = someone or good
    if not good:
        return None
    first = good[0]
    owned = owned_by(pre[first[1] :]) if POSSESSIVE.search(pre[first[0] : first[1]]) else None
    if first[2] == "name" and owned and owned[0].isupper():
        # "Schiller's son, Grant, defended his father": the person named after the possessor's role
        k = pre.find(owned, first[1])
        return owned, offset + k, offset + k + len(owned)
    if first[2] == "name" and len(good) > 1 and good[1][2] == "name":
        # "Council leader Victoria Asante", "Retired accountant Nigel Frame": the name after the role
        between = _LOWER_WORDS_BETWEEN.fullmatch(pre[first[1] : good[1][0]])
        if between and descriptor_words(between.group(1)):
            first = good[1]
    org_and = _ORG_AND_PERSON.match(pre, first[1]) if first[2] == "name" else None
    if org_and and descriptor_words(org_and.group(1).lower()) and _is_org_name(pre[first[0] : first[1]]):
        # "Yahoo News and former TV network anchor Katie Couric has …": one person, with a singular verb, whom
        # an organisation before "and" describes (her employer), never "Yahoo News" speaking
        return org_and.group(2), offset + org_and.start(2), offset + org_and.end(2)
    if first[2] == "role":
        # a name in apposition to a leading role: "The local MP, Andrew Kerr, said", "Her neighbour,
        # retired postman Derek Ashworth, said"
        for start, end, kind in good[1:]:
            between = _COMMA_THEN_LOWER_WORDS.fullmatch(pre[first[0] : start])
            if kind == "name" and between and not _OPENING_PREPOSITION.match(between.group(1)):
                # never a name inside a phrase that follows the comma: "The campaign, in a Q&A, worded it"
                return pre[start:end], offset + start, offset + end
        phrase = _role_phrase(pre[first[0] :]) or pre[first[0] : first[1]]
        return phrase, offset + first[0], offset + first[0] + len(phrase)
    start, end, _ = first
    return pre[start:end].strip(), offset + start, offset + end


_ORG_AND_PERSON = re.compile(
    rf"\s+and\s+((?:(?:{LOWER}[\w'’-]*|{UPPER}{{2,}})\s+){{1,5}}?)((?:{CAP}[ \u00a0]+){{1,3}}{CAP})\s+"
    rf"(?:{ADVERB}\s+)?(?:has|is|was|{LOWER}+s)\b"
)
"""An organisation joined to a described person before a singular verb: "… and former anchor Ann Roe has"."""


def _is_org_name(name: str) -> bool:
    return clean_token(name.split()[-1]).lower() in ORG_WORDS


_GROUP_PRONOUN = re.compile(
    r"(?:^|,\s*)(" + "|".join(word.capitalize() for word in GROUP_PRONOUNS) + rf")(?=\s*,|\s+{LOWER})"
)
"""A pronoun for a group of people opening the clause: "Others, reacting to the video, shouted,"."""


_SPEAKING_THINGS = {
    "statement", "ad", "advert", "advertisement", "article", "report", "letter", "email", "e-mail", "tweet",
    "post", "memo", "editorial", "video", "release", "document", "filing", "poll", "survey", "study",
    "message", "sign", "headline", "banner", "book", "column", "note", "paper", "site", "account", "page",
    "transcript", "campaign", "administration", "office", "court", "board", "committee", "commission",
    "panel", "network", "newspaper", "magazine", "station", "show", "family", "crowd", "audience", "camp",
    "side", "state", "city", "country", "nation", "white", "house", "caption", "slogan", "notice", "voice",
    "rally",
}  # fmt: skip
"""Things and bodies that do speak in news ("the letter reads", "the campaign said", "the crowd chanted")."""


_LOWER_WORD = re.compile(rf"{LOWER}(?:{LOWER}|-)*")


def is_thing(phrase: str) -> bool:
    """Whether a noun phrase names a thing that cannot speak ("the timing", "the Van Dyke shooting", "a
    warning") rather than a person, a group, an organisation or a document."""
    head_phrase = re.split(r"\s(?:of|from|in|at|with|for|on|about|to|who|that|which|and)\s", phrase)[0]
    words = head_phrase.split()
    if len(words) < 2 or not _LOWER_WORD.fullmatch(head := words[-1].strip(",.;:")):
        return False  # a name, a pronoun or a bare word: not judged here
    if re.search(r"[^s]s$", head) or head in ORG_NOUNS or head in _SPEAKING_THINGS:
        return False  # "protesters", "the agency", "the statement"
    return not person_head(head_phrase)


def _speaker_head(phrase: str) -> bool:
    """Whether a role phrase is surely someone who speaks: "his campaign", "a spokeswoman for the firm"."""
    head = re.split(r"\s(?:of|from|in|at|with|for|on|about|to)\s", phrase)[0].split()[-1:]
    return bool(head and (head[0] in ORG_NOUNS or head[0] in _SPEAKING_THINGS or SPOKES.search(phrase)))


def _role_phrase(text: str) -> str:
    """The role phrase that opens ``text``, up to a comma or a verb: "A spokesperson for Brightloop"."""
    m = re.match(r"[^,:]*", text)
    return _trim_phrase(m.group().strip()) if m else ""


_IRREGULAR_PAST = {"sent", "went", "made", "took", "gave", "put", "got", "came", "held", "left", "kept"}
"""Past tenses that end a subject's noun phrase: "his campaign sent out a text message saying"."""


_LOWER_VERB_FORM = re.compile(rf"{LOWER}+(?:ed|s)")


def _trim_phrase(phrase: str) -> str:
    """Cut a noun phrase where a verb starts: "the mayor turned to Mr. Delgado" → "the mayor"."""
    words = phrase.split()
    for k in range(1, len(words)):
        w = words[k].lower()
        nxt = words[k + 1] if k + 1 < len(words) else ""
        if w in FUNCTION_WORDS or VERB_RE.fullmatch(w) or w in _IRREGULAR_PAST:
            return " ".join(words[:k])
        if w in CONNECTORS and not nxt[:1].isupper() and nxt.lower() != "the":
            return " ".join(words[:k])
        if (
            _LOWER_VERB_FORM.fullmatch(w)
            and k >= 2
            and (
                nxt.lower() in FUNCTION_WORDS | CONNECTORS
                or re.fullmatch(DETERMINERS, nxt, re.I)
                or nxt[:1].isupper()
            )
        ):
            return " ".join(words[:k])
    return phrase
