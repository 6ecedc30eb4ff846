"""Who said it: find quotations in a paragraph and give each one to its speaker.

News writing has a small grammar of attribution ("…,” she said.", "Mr Kerr added: ‘…’", "said Linda
Okafor, the mayor"), so plain rules go a long way: find the cue next to each quotation, trim its subject
to a name, and resolve names, titles, roles and pronouns to people introduced earlier in the article.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from narrator.letters import LETTER, LOWER, UPPER
from narrator.models import Article
from narrator.segment.cues import (
    OWNED_WORDS,
    WORDS_OF,
    adjacent_subject,
    bare_group,
    clause_subject,
    descriptor_words,
    document_writer,
    forward_subject,
    is_thing,
    issuing_body,
    known_as,
    mask_relatives,
    mentions_document,
    subject_in,
    trailing_cue,
)
from narrator.segment.gender import FEMALE_NOUNS, MALE_NOUNS, first_name_sure, is_first_name
from narrator.segment.people import (
    Entity,
    Mention,
    Registry,
    group_head,
    modifier_fit,
    nameless,
    no_person_signs,
    office_of_place,
    person_head,
    proper_modifiers,
    role_head,
    singular,
    split_name,
)
from narrator.segment.quotes import QuoteSpan, find_quotes, starts_sentence
from narrator.segment.sentences import split_sentences
from narrator.segment.words import (
    ADVERB,
    ANY_CASE_CAP,
    CAP,
    CONNECTORS,
    DEMONYMS,
    DETERMINERS,
    FUNCTION_WORDS,
    GROUP_PRONOUNS,
    KIN,
    KIN_INVERSE,
    NAME_RE,
    OBJECT_PRONOUNS,
    ORG_HEADS,
    ORG_NOUNS,
    ORG_WORDS,
    OTHER_ROLES,
    OWNER_PRONOUNS,
    PARTICLE,
    PARTICLE_SURNAME,
    POSSESSIVE,
    PREP_BEFORE,
    PRONOUNS,
    REPLY_VERBS,
    ROLE_SYNONYMS,
    SOMEONE,
    SPOKES,
    TITLES,
    VERB,
    VERB_RE,
    clean_token,
    is_cap,
)

_PLURAL_WORD = re.compile(rf"(?:(?:^|(?<=[.!?]\s)){UPPER}|\b{LOWER})(?:{LOWER}|['’-])+s\b")
"""A word that may be a plural noun: lower case, or opening a sentence ("Residents were evacuated")."""


@lru_cache(maxsize=64)
def _groups_named(text: str) -> tuple[str, ...]:
    """The plural nouns for people a paragraph names, in order ("residents", "witnesses"): read once per
    paragraph, however many "said one" follow it."""
    return tuple(w for w in map(str.lower, _PLURAL_WORD.findall(text)) if group_head(w))


_PLURAL_WORD_END = re.compile(rf"{LOWER}s$")


def resolve_subject(
    subject: str, registry: Registry, history: list[Mention], *, exclude: Entity | None = None
) -> tuple[Entity | None, float]:
    """A cue's subject as written → entity, with a confidence. ``exclude`` is someone a pronoun cannot
    mean (the person being answered, for "she replied")."""
    subject = subject.strip().strip(",")
    subject = issuing_body(subject) or subject  # "a statement from the ministry said": the ministry
    if said := WORDS_OF.match(subject):
        subject = subject[said.end() :]  # "the words of Marie Tremblay": hers
    elif owned := OWNED_WORDS.fullmatch(subject):
        subject = owned.group(1)  # "Brennan's reply": hers
    low = subject.lower()
    low = OWNER_PRONOUNS.get(low) or OBJECT_PRONOUNS.get(low, low)  # "His answer: “…”", "according to him"
    if low in PRONOUNS or low == "it":
        entity = registry.pronoun(low, history, exclude=exclude)
        return (registry.touch(entity), 0.8) if entity else (None, 0.2)
    if low in GROUP_PRONOUNS:
        # "Others shouted", "Some said": the group, whoever they are ("some" is read as a determiner)
        group = "the " + low if re.fullmatch(DETERMINERS, low) else low
        return registry.role(group, original=subject), 0.7
    if low in SOMEONE:
        return registry.role("someone", original=subject), 0.5  # "…!” someone shouted: one person, unnamed
    if low == "another":
        return registry.role("another speaker", original=subject), 0.5  # "…,” tweeted another: someone new
    if low == "one":
        # "Treasury sources insisted … One said:": one of the group just mentioned
        for m in reversed(history):
            group = m.entity.canonical
            if m.entity.kind != "person" and _PLURAL_WORD_END.search(group) and not group.endswith("ss"):
                return registry.role(group[:-1]), 0.6
        # "Dozens of residents gathered. ¶ “…,” said one.": one of the people the text just named
        for text in reversed(registry.recent[-2:]):
            if plural := _groups_named(text):
                return registry.role("one " + singular(plural[-1])), 0.5
        return registry.role("one source"), 0.3
    words = subject.split()
    if " close to " in subject:
        return _resolve_role(subject, registry), 0.7  # "People close to Ms Hale": not Ms Hale herself
    # "Ms Price’s family", "the Prime Minister's official spokesman": the family of someone we know
    owned = next((k for k in range(len(words) - 2, -1, -1) if POSSESSIVE.search(words[k])), -1)
    if owned >= max(0, len(words) - 4) and all(w.islower() for w in words[owned + 1 :]) and is_cap(words[0]):
        owner = registry.name(" ".join(words[: owned + 1])[:-2], create=False)
        what = " ".join(words[owned + 1 :])
        name = f"{owner.canonical}'s {what}" if owner else " ".join(words).replace("’", "'")
        return registry.role(name, original=name), 0.75
    if ranked := _RANKING.fullmatch(subject):
        # "the world No 3 said", "the No. 1 seed": the player just named, known by the rank itself (two
        # players are never "the player" both)
        rank = f"the {ranked.group(1)}-ranked"
        described = _described_subject(rank, registry, history, exclude, person=True)
        return (registry.touch(described), 0.6) if described else (registry.role(subject), 0.7)
    if re.match(DETERMINERS + r"\b", subject, re.I):
        rest = words[1:]
        indefinite = words[0].lower() in ("a", "an", "one", "another", "some", "two", "three", "several")
        if (
            rest
            and indefinite
            and rest[-1][:1].isupper()
            and all(re.fullmatch(r"[\w'’-]+", w) and w not in CONNECTORS for w in rest)
            and not split_name(" ".join(rest))[0]
        ):
            named = split_name(" ".join(rest))[1]
            how = rest[: len(rest) - len(named)]  # "tearful", "visibly shaken": how they were, no one's role
            plain = (
                0 < len(how) <= 2
                and all(w.islower() for w in how)
                and not (set(how) & FUNCTION_WORDS or person_head(how[-1]))
            )
            known = registry.name(" ".join(named), create=False) if named and plain else None
            if plain and (known or len(named) > 1 and is_first_name(named[0])):
                # "said a tearful Marie Tremblay", "an emotional Tremblay said": how she was, then who
                entity = known if known is not None else registry.name(" ".join(named), speaker=True)
                return registry.touch(entity), 0.85
            # "said one Republican involved in the planning", "a Democrat": someone new, not a person the
            # article named whose roles include the word
            counted = words[0].lower() not in ("a", "an")  # "one Republican", "another Republican": kept
            return registry.role(subject, original=subject if counted else None), 0.7
        if (
            rest
            and words[0].lower() == "the"
            and _is_demonym(rest[-1])
            and all(_NATIONALITY_MODIFIER.fullmatch(w) for w in rest[:-1])
        ):
            # "“…,” the Australian said", "the Irishman", "the 24-year-old Briton": the person just named,
            # described by their country
            nationality = "the " + rest[-1].lower()
            described = (
                registry.role(nationality, create=False)
                or _described_subject(nationality, registry, history, exclude, person=True)
                or _compatriot(nationality, registry, history, exclude)
            )
            if described is not None:
                return registry.touch(described), 0.6
        if rest and all(w[:1].isupper() or w.lower() in ("of", "and", "for") for w in rest):
            # "The Downtown Dayton Partnership", "The PM", "The Prime Minister"
            titles, name = split_name(" ".join(rest) if words[0].lower() != "the" else subject)
            if all(clean_token(t).lower() in TITLES for t in rest):
                titles, name = rest, []
            if not name and office_of_place(" ".join(rest), titles):
                return registry.name(" ".join(rest)), 0.75  # "said the Mayor of London": the whole office
            if not name and titles and len(titles) < len(rest):
                # "the Quebec MP said": someone known by that role, else a description of the person just
                # named, whose place or party the article had not given
                known = registry.role(subject, create=False)
                described = known or _described_subject(
                    " ".join([words[0], *rest[:-1], rest[-1].lower()]), registry, history, exclude
                )
                if described is not None:
                    return registry.touch(described), 0.6 if known is None else 0.75
            if not name and titles:
                return registry.role("the " + " ".join(titles)), 0.75
            if _PARTY_MEMBER.fullmatch(rest[-1]) and words[0].lower() == "the":
                # "the Wisconsin Republican said": the person the article described so, not a new name
                described = _described_subject(subject, registry, history, exclude)
                return (registry.touch(described), 0.6) if described else (registry.role(subject), 0.7)
            if len(rest) == 1 and not registry.name(rest[0], create=False):
                found = registry.role("the " + rest[0], create=False)
                if found is not None:
                    return found, 0.7
            elif len(rest) == 1 and rest[0].isupper():
                # "the SAPM said" after "Special Assistant to the Prime Minister (SAPM) Rana Tariq": the
                # holder of the office the initials spell, though the bracket also read as a name
                found = registry.role("the " + rest[0], create=False)
                if found is not None and found.kind == "person":
                    return found, 0.7
            found = registry.role(subject, create=False) if len(rest) == 2 and rest[1].isupper() else None
            if found is not None and any(rest[0].lower() in r.split() for r in found.roles):
                return found, 0.7  # "the Health CS": the Health Cabinet Secretary the article named
            entity = registry.name(" ".join(rest), speaker=True)
            if entity is not None and entity.kind == "person" and len(rest) > 1 and not titles:
                entity.kind = "org"
            return entity, 0.85
        named_last = rest and (rest[-1][:1].isupper() or PARTICLE_SURNAME.fullmatch(rest[-1]))
        if any(is_cap(w) for w in rest) and named_last and not set(rest) & CONNECTORS:
            # "the singer Ruby Cole", "his nephew Sami el-Tayeb": the name is what counts
            entity = registry.name(subject, speaker=True)
            if entity is not None:
                return entity, 0.85
        if (kin := _KIN_PHRASE.fullmatch(low)) and kin.group(2) in KIN:
            # "His mother added:" after "Janet Cole … her son Liam": Liam's parent
            owner = registry.pronoun(_OWNER_PRONOUN.get(kin.group(1), "they"), history)
            relative = owner.kin.get(KIN[kin.group(2)]) if owner is not None else None
            if relative is not None:
                return registry.touch(relative), 0.7
        described = _described_subject(subject, registry, history, exclude)
        if described is not None:
            return registry.touch(described), 0.6
        return _resolve_role(subject, registry), 0.75
    # (a handle, "@ivomarsh", names an account as a name does)
    lower = words[0].islower() and words[0][0] != "@"
    described = lower and (all(w.islower() for w in words) or bare_group(subject))
    if described or len(words) == 1 and group_head(subject):
        # "health officials", "state police" are never titles of a name; "Police" opening a sentence is
        # the police a later "police said" means
        return _resolve_role(subject, registry), 0.6
    entity = registry.name(subject, speaker=True)
    if entity is None and words and words[-1].islower():
        return _resolve_role(subject, registry), 0.6
    return entity, 0.9 if entity else 0.2


_RANKING = re.compile(
    rf"the\s+(?:{LOWER}[\w'’-]*\s+){{0,3}}(?:No\.?|number)[ \u00a0]*(\d+)"
    r"(?:\s+(?:seed|player|ranked\s+player))?"
)
"""A player named by their ranking: "the world No 3", "the women's No. 12", "the No 1 seed"."""


def _is_demonym(word: str) -> bool:
    """ "Australian", "Irishman", "Frenchwoman": a word for someone from a country."""
    word = clean_token(word)
    base = re.sub(r"(?:wo)?man$", "", word)
    if base != word:
        return base in DEMONYMS or base == "Scots"
    if word in _DEMONYM_NOUNS:
        return True
    return word in DEMONYMS and re.search(r"(?:an|i)$", word) is not None  # not "the Chinese", a people


_NATIONALITY_MODIFIER = re.compile(rf"(?:\d+-year-old|{LOWER}(?:{LOWER}|-)*)")
"""What may stand before a nationality that describes someone: "the 24-year-old Briton", "the young Dane"."""


def _compatriot(
    nationality: str, registry: Registry, history: list[Mention], exclude: Entity | None
) -> Entity | None:
    """ "The Red Bull driver started third … ahead of Tom Fenn. ¶ “…,” the Dutchman said": a nationality
    describes whom the last two paragraphs were about, though someone else was named after them; with no
    such subject, the last person they named ("The stewards gave Ortiz a penalty. ¶ … The Mexican said:").
    Never someone the article gave another nationality, or the other sex ("the Frenchwoman")."""
    word = nationality.removeprefix("the ")
    sex = "f" if word.endswith("woman") else "m" if word.endswith("man") else None
    named: Entity | None = None
    for mention in reversed(history):
        if mention.para < registry.para - 2:
            break
        e = mention.entity
        if e.kind != "person" or e is exclude or sex and e.gender not in (None, sex):
            continue
        if any(r != word and " " not in r and _is_demonym(r.title()) for r in e.roles):
            continue  # "the Monegasque" is not the Mexican
        if mention.subject:
            named = e
            break
        named = named or e
    if named is not None:
        named.roles.add(word)  # "the Dutchman replied" later: the same man
    return named


_DEMONYM_NOUNS = {
    "Pole",
    "Swede",
    "Dane",
    "Finn",
    "Turk",
    "Scot",
    "Brit",
    "Briton",
    "Spaniard",
    "Czech",
    "Serb",
    "Croat",
    "Kiwi",
    "Aussie",
    "Argentinian",
    "Filipino",
    "Filipina",
    "Greek",
    "Monegasque",
}
"""Words for someone from a country that are not the country's adjective ("the Pole", "the Kiwi")."""


def _described_subject(
    subject: str, registry: Registry, history: list[Mention], exclude: Entity | None, *, person: bool = False
) -> Entity | None:
    """ "Coyle, who scored the opener, said … 'Nobody dropped their heads,' the captain said": a first
    "the <role>" right after a named subject describes that person rather than someone new."""
    m = re.fullmatch(
        rf"the\s+((?:[“\"]?[^\W_][\w'’-]*[”\"]?\s+){{0,2}}(?:(?:and|[^\W_][\w'’-]*)\s+){{0,4}}(?:\d+-)?{LETTER}[\w'’-]*)",
        subject.strip(),
        re.I,
    )
    # "the Republican incumbent", "the independent Vermont senator and Democratic presidential candidate",
    # "the Wisconsin Republican" (a party member is a person, capitalised); never "The Guardian"
    if m is None or _NOT_ROLE_HEAD.search(m.group(1)):
        return None
    last = m.group(1).split()[-1]
    if not (last.islower() or _PARTY_MEMBER.fullmatch(last)):
        return None
    head = role_head(m.group(1).lower().split())
    if re.search(r"[^s']s$", head):
        return None  # "the nurses chanted": a group, never the one person just named
    if head in OTHER_ROLES or head in ORG_HEADS or head in ORG_WORDS or SPOKES.search(head):
        return None
    if not (person or person_head(m.group(1))):
        return None  # "the article said", "the document reads": a thing, never the person just named
    if registry.introduced(head):
        return None  # "One woman adopted from Iran … ¶ “…,” said the woman": her, not the person named
    modifiers = proper_modifiers(m.group(1).split()[:-1])
    heads = {head} | ROLE_SYNONYMS.get(head, set())
    known = registry.role(subject, create=False)
    if known is not None and not (modifiers and modifier_fit(known, heads, modifiers) is not True):
        return None  # a role the article gave someone; "the “Avatar” star" is not just any star
    passing: Entity | None = None  # "after Zia Ruiz revealed …, the “Avatar” star posted": named in passing
    # "Allen has written lines for Mike Baxter, played by Allen": named last, in passing, by a paragraph
    # they are the subject of
    previous_subjects = {id(m.entity) for m in history if m.para == registry.para - 1 and m.subject}
    words = set(m.group(1).lower().split())
    for mention in reversed(history):
        previous = mention.para == registry.para - 1
        if mention.para != registry.para and not previous:
            break
        e = mention.entity
        if modifiers and modifier_fit(e, heads, modifiers) is False:
            continue  # "“Orange Sky” star Selma Lee" is never "the “Avatar” star"
        if (
            passing is None
            and not mention.subject
            and mention.para == registry.para
            and e.kind == "person"
            and e is not exclude
            and not (head in FEMALE_NOUNS and e.gender == "m" or head in MALE_NOUNS and e.gender == "f")
        ):
            passing = e
        subject = mention.subject or previous and id(e) in previous_subjects
        if previous and not subject and e.kind != "person" and _in_aside(registry.recent[-2:-1], e.canonical):
            continue  # "Rathore, who was dropped for the first ODI in Pune, said …": an aside on the subject
        if previous and not (subject and e.kind == "person"):
            # "Vandermeer, who set up the winner, said … ¶ 'Nobody's giving up,' the midfielder said":
            # the last person named in the paragraph before, if they were its subject; after a name in
            # passing, its subject if the description names their title ("Sen. Dale Huxley responded,
            # ripping into President Nora Quill. ¶ '…,' the Utah senator and presidential candidate said")
            holder = next(
                (
                    h.entity
                    for h in reversed(history)
                    if h.para == mention.para
                    and h.subject
                    and h.entity.kind == "person"
                    and h.entity is not exclude
                    and words & _known_roles(h.entity)
                    and not (modifiers and modifier_fit(h.entity, heads, modifiers) is False)
                ),
                None,
            )
            if holder is None or not mention.subject and e.kind == "person" and words & _known_roles(e):
                break
            holder.roles.update({m.group(1).lower(), head})
            return holder
        if subject and e.kind == "person" and e is not exclude:
            if head in FEMALE_NOUNS and e.gender == "m" or head in MALE_NOUNS and e.gender == "f":
                return None
            known = _known_roles(e)
            if "and" in words and not words & known:
                return None  # two roles joined describe the person just named only if one is theirs
            e.roles.update({m.group(1).lower(), head})
            return e
    if passing is not None and modifiers:
        # a description specific enough to name someone ("the “Avatar” star") with no subject it fits:
        # the person the paragraph named, even in passing
        passing.roles.update({m.group(1).lower(), head})
        return passing
    return None


_RELATIVE_ASIDE = re.compile(r",\s+(?:who|whose)\s[^,]*,")
"""A relative clause set off by commas after a name: ", who was dropped for the first ODI in Pune,"."""


def _in_aside(texts: list[str], name: str) -> bool:
    """Whether ``name`` is written inside a relative clause set off by commas in one of the texts."""
    return any(name in m.group() for text in texts for m in _RELATIVE_ASIDE.finditer(text))


def _known_roles(entity: Entity) -> set[str]:
    """The roles the article gave someone, with the words that mean the same ("sen" → "senator")."""
    return entity.roles | {s for r in entity.roles for s in ROLE_SYNONYMS.get(r, ())}


def _resolve_role(subject: str, registry: Registry) -> Entity | None:
    m = re.match(
        rf"(?P<np>(?:{DETERMINERS}\s+)?[\w'’.\s-]+?)\s+(?:for|at|from|of|with|in)\s+(?:the\s+)?"
        rf"(?P<org>{ANY_CASE_CAP}(?:\s+(?:{ANY_CASE_CAP}|of|and))*)$",
        subject,
        re.I,
    )
    # every word of the organisation capitalised (the pattern ignores case): in "a Department of Defense
    # official" the body modifies the role after it, it is not what "of" brings in
    if m and all(w[:1].isupper() for w in m.group("org").split() if w.lower() not in ("of", "and")):
        np = m.group("np")
        existing = registry.role(np, create=False)
        if existing is not None and not SPOKES.search(np):
            return existing
        words = np.split()
        canonical = " ".join(words[1:] if words[0].lower() in ("a", "an", "the") else words)
        return registry.role(np, original=f"{m.group('org')} {canonical}")
    m = re.fullmatch(
        rf"(?P<np>(?:{DETERMINERS}\s+)?{LETTER}[\w'’-]*(?:\s+{LETTER}[\w'’-]*)?)\s+(?:for|at|from|of|with)\s+"
        rf"the\s+(?P<head>{LETTER}+)",
        subject,
        re.I,
    )
    if m and m.group("head").lower() in ORG_HEADS and SPOKES.search(m.group("np")):
        # "a spokesperson for the charity": the organisation the article just named
        org = registry.role("the " + m.group("head").lower(), create=False)
        if org is not None and org.kind == "org":
            words = m.group("np").split()
            canonical = " ".join(words[1:] if words[0].lower() in ("a", "an", "the") else words)
            return registry.role(m.group("np"), original=f"{org.canonical} {canonical}")
    return registry.role(subject)


@dataclass
class Paragraph:
    """One block of the article with its quotations, as attribution leaves them."""

    index: int
    text: str
    kind: str
    quotes: list[QuoteSpan]
    entities: dict[QuoteSpan, Entity] = field(default_factory=dict)
    """Each attributed quotation's speaker; a canonical name may grow as the article names them in full."""


_RUNS_ON = re.compile(rf"\s*(?:{LOWER}|\()")
"""Text that carries on the sentence after a closing mark (a small letter or a bracket)."""


_NEXT_SENTENCE = re.compile(rf"\s+{UPPER}")


_CAPITAL_AFTER_MARKS = re.compile(rf"\W*{UPPER}")


def _classify(text: str, spans: list[QuoteSpan]) -> None:
    """Decide which quotations are speech (voiced) and which are titles, nicknames, scare quotes or
    partial quotes inside indirect speech (left to the narrator)."""
    direct_end = 0  # where the latest quotation that is speech ends
    for k, q in enumerate(spans):
        if k and spans[k - 1].direct:
            direct_end = spans[k - 1].end
        limit = spans[k + 1].start if k + 1 < len(spans) else len(text)
        inner = text[q.start + 1 : q.end - (1 if q.closed else 0)].strip(" '\"‘’“”`")
        words = len(inner.split())
        prev_end = spans[k - 1].end if k else 0
        prefix = text[prev_end : q.start].rstrip()  # since the last quotation: the whole text is quadratic
        suffix = text[q.end : limit]
        if k + 1 < len(spans) and _title_in_cue(text, q, spans[k + 1]):
            q.cue = trailing_cue(text, q, spans[k + 2].start if k + 2 < len(spans) else len(text))
        else:
            q.cue = trailing_cue(text, q, limit)
        # an aside in brackets with its own cue: "… at length (“I have never seen it,” she said) and …"
        start = starts_sentence(text, q.start) or (k and not prefix) or (prefix.endswith("(") and q.cue)
        # the clause runs back through a fragment quoted inside it: "Gore insisted it was “premature” to back
        # Clinton, adding, “…”" (bounded, and never past a quotation that is speech, to stay linear)
        reach = max(direct_end, q.start - _WINDOW) if k and not spans[k - 1].direct else prev_end
        clause = _last_clause(text[min(reach, prev_end) : prev_end + len(prefix)])
        colon = prefix.endswith(":")
        comma_cue = prefix.endswith(",") and bool(
            VERB_RE.search(clause)
            or re.search(r"according to|in the words of|^\s*(?:Said|Says|Added|Asked)\s", clause, re.I)
            or VERB_RE.fullmatch(clause.strip(" ,").lower()) is not None  # "… was not good.” Adding, “…”"
        )
        # no comma after the verb: `Protesters chanted "What curfew?"`, `Trump declared “I think …”`
        comma_cue = comma_cue or bool(_VERB_AT_END.search(prefix) and _CAPITAL_AFTER_MARKS.match(inner))
        comma_cue = comma_cue or bool(_MESSAGE_READING.search(prefix))
        if not q.closed:
            q.direct = bool(start or colon or comma_cue)
        elif colon and _SONG_WORDS.search(clause):
            q.direct = False  # "The chorus goes: “Nobody leaves this town”": a lyric quoted, not sung
        elif colon or comma_cue:
            q.direct = words >= 1
        elif start:
            continues = _RUNS_ON.match(suffix) and q.cue is None
            late = _LATE_CUE.match(suffix) if continues and words >= _SPOKEN_RUN_ON else None
            if late:
                # "“You've got one candidate who … of the past” that is blatantly sexist, Brock said.": a long
                # quotation opening a sentence whose cue ends it
                continues, q.cue = None, (late.group(1), q.end + late.start(1), q.end + late.end(1))
            elif continues and words >= _SPOKEN_RUN_ON and not re.search(r",\W*$", inner):
                continues = None  # "''… just a tax increase'' for the top bracket.": speech, run on
            full = words >= 3 or re.search(r"[.!?…]\W*$", inner) or q.cue is not None
            q.direct = bool(full and not continues)
            if words <= 3 and not q.cue and not re.search(r"[.!?]\W*$", inner):
                q.direct = False
            aside = re.search(r"[—–]\s*$", prefix) and re.match(r"\s*[—–]", suffix)
            # "a line — “I kept the keys to a van that isn’t there” —": the wording a noun names, however long
            short = words <= 5 or _WORDING_BEFORE.search(prefix)
            if aside and short and not q.cue and not re.search(r"[.!?…]\W*$", inner):
                q.direct = False  # "the slogan — “Not under our homes” — and said": a name, not speech
        else:
            # "As for his promises, “I write them off,” said Mr. Pike": a whole sentence with its own cue;
            # never a title set off in commas ("On a rival program, “Face the Week,” Sen. Tobias Grange said")
            q.direct = bool(
                prefix.endswith(",")
                and q.cue is not None
                and words >= 3
                and re.search(r"[,?!]\W*$", inner)
                and not _TITLE_CASED.fullmatch(inner)
            )
        ended = q.closed and re.search(r"[.!?…]\W*$", inner) and _NEXT_SENTENCE.match(suffix)
        if q.direct and (colon or comma_cue) and (q.cue is None or ended):
            # `Hayek said, “… we try to overlook.” The star then recalled …`: a quotation introduced by its
            # own clause and closed with a full stop leaves the next sentence to someone else
            offset = prev_end + len(prefix) - len(clause)
            subject = clause_subject(clause, max(0, offset))
            if subject:
                q.cue = subject
        elif (
            q.direct
            and (colon or comma_cue)
            and q.cue is not None
            and q.cue[1] >= q.end
            and _REPORTER.match(q.cue[0])
        ):
            # `Kowalczyk answered, “Just me,” the complaint says`: the clause that introduces the words names
            # who said them; a record or a body after them only reports it ("police said", "court papers say")
            offset = prev_end + len(prefix) - len(clause)
            subject = None if _ACCORDING_TO.search(clause) else clause_subject(clause, max(0, offset))
            verb = VERB_RE.search(clause, subject[2] - offset) if subject else None
            if verb and not verb.group().endswith("ing"):
                q.cue = subject  # not a label's "What they're saying: “…,” one aide said"


_TITLE_CASED = re.compile(
    rf"{UPPER}[\w'’-]*(?:\s+(?:(?:the|of|a|an|and|in|on|for|to|at|with)\s+)*{UPPER}[\w'’-]*)+\W*"
)
"""Words capitalised as a title is ("Face the Week"), as speech never is."""


_COMMA_THEN_CAPITAL = re.compile(rf"\s*,?\s+{UPPER}")


def _title_in_cue(text: str, q: QuoteSpan, title: QuoteSpan) -> bool:
    """ "“…,” Jo Hale, author of “The Long Road,” said": a short quoted title inside the words between a
    quotation cut off by a comma and its speech verb, so the cue reads on past it."""
    between = text[q.end : title.start]
    return (
        title.closed
        and re.search(r"[,?!]\W*$", text[q.start : q.end]) is not None
        and _COMMA_THEN_CAPITAL.match(between) is not None
        and not re.search(r"[.!?;:]", between)
        and len(text[title.start : title.end].split()) <= 6
        and VERB_RE.search(between) is None
    )


def _last_clause(prefix: str) -> str:
    sentences = split_sentences(prefix)
    return sentences[-1] if sentences else ""


def _intro_subject(text: str) -> tuple[str, int, int] | None:
    """A paragraph that ends by introducing the next one's quotation: "She said:" or "… told Mrs May"."""
    stripped = text.rstrip()
    if (not stripped or find_quotes(stripped)) and not stripped.endswith(":"):
        return None
    last = _last_clause(stripped)
    if not (stripped.endswith(":") or (not re.search(r"[.!?…\"”’]$", stripped) and VERB_RE.search(last))):
        return None
    if _TRANSCRIPT_HEADING.fullmatch(last):
        return None  # "Partial transcript as follows:": the words that follow say who speaks, if anyone
    offset = len(stripped) - len(last)
    return clause_subject(last, offset)


_TRANSCRIPT_HEADING = re.compile(
    r"\s*(?:here\s+(?:is|are)\s+)?(?:(?:a|an|the)\s+)?(?:\w+\s+)?(?:transcripts?|excerpts?|highlights)"
    r"(?:\s+(?:(?:is\s+|are\s+)?as\s+follows|follows?|below|from\s+[^:]{1,80}))?\s*:?\s*",
    re.I,
)
"""A line that announces a transcript or excerpts, not who speaks in them."""


_VERB_AT_END = re.compile(rf"\b{VERB}$")
_MESSAGE_READING = re.compile(
    r"\b(?:message|post|tweet|note|letter|e-?mail|text)\b[^“”\".!?]{0,60}?\s(?:reading|that\s+read|saying)\s*,?$"
)
"""A message brought in with its words: "Trump posted a message on Twitter reading “Thank you Georgia”"."""
_HANDLE_AND_DATE = r"\(@\w{1,30}\)(?:\s+[\w ,]{1,30})?"
"""An embedded post's sign-off after the name: "(@JoHale) June 12, 2026"."""
_SIGNATURE = re.compile(
    rf"\s*[-—–―]+\s*((?:{CAP}[ \u00a0]+){{0,4}}{CAP})\s*(?:,[^.!?\"“”]{{1,80}}|{_HANDLE_AND_DATE})?[.,]?\s*"
)
"""A paragraph that only signs the quotation above it: "- Bernie Sanders.", "— Gov. Ann Ruiz", "-Jo Hale,
Philadelphia.", "-President Obama, tweeting after the speech.", an embedded post's "— Jo Hale (@JoHale) June
12, 2026"."""
_SIGNED_BLOCKQUOTE = re.compile(rf"\s[—–-]+\s*({UPPER}[^,.]+?)\s*(?:{_HANDLE_AND_DATE})?$")
"""A block quotation signed at its end: "… — Jo Hale", an embedded post's "… — Jo Hale (@JoHale) June 12,
2026"."""
_MODIFIED_NAME = re.compile(rf"((?:\s+{LOWER}[\w'’-]*){{1,3}})\s+{CAP}")
"""A name used as a modifier of a role before another name: "Obama consultant Cornell Belcher"."""
_TIME_STAMP = re.compile(r"\s*\d{1,2}[.:]\d{2}\s?(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?\s*[:–—-]\s+")
"""A live blog's time before an entry: "10.42am: ", "14:05 GMT - "."""
_SUBORDINATE_OPENER = re.compile(
    r"\s*[\"“‘']?(?:When|If|After|Before|While|Although|Though|Because|Since|Until|Once|As|Whenever|Unless)\b"
    r"[^,.;:!?]{1,200},"
)
"""A subordinate clause before the main one: "When a reporter asked Trump …, Trump deflected." """
_OPENING_PHRASE = re.compile(
    rf"(?:[^,]*,\s*(?:{UPPER}{LOWER}+\.?,\s*(?=(?:on|in|at|during)\b))?(?:(?:on|in|at|during)\b[^,]*,\s*)*)?"
)
"""What may stand before a sentence's subject: nothing, or a phrase, whose place may name its state and
be followed by a time ("At a rally in Portland, Maine, on Thursday, Trump …")."""
_DESCRIBED_OPENING = re.compile(
    rf"\s*((?:The|the)\s+(?:[\w'’“”\"-]+\s+){{0,2}}?{LOWER}[\w'’-]*)\s+(?:also\s+|then\s+)?({LOWER}+(?:ed|s))\b"
)
"""A sentence that opens with "the <description>" and a verb: "The veteran anchor explained …"."""
_DESCRIBED_THEN_VERB = (
    rf"(?:,\s+(?:a|an|the|who)\s(?:(?!{UPPER})[^,])*,)?\s+(?:also\s+|then\s+)?({LOWER}+(?:ed|s))\b"
)
"""After a subject, an apposition that names no one, then the verb: ", a retired miner, was"."""
_UNNAMED_OPENING = re.compile(
    rf"\s*((?:Her|His|Their|My|Our|A|An|One|Another)\s+(?:{LOWER}[\w'’-]*\s+){{0,2}}?{LOWER}[\w'’-]*)"
    + _DESCRIBED_THEN_VERB
)
"""A sentence that opens with someone unnamed and a verb: "Her father, a retired miner, was less sure"."""
_IN_A_STATEMENT = re.compile(
    r"\b(?:in|issued|released|put\s+out)\s+a\s+(?:joint\s+|written\s+|short\s+)?statement\b", re.I
)
"""A sentence that brings in a statement and who made it: "The union, in a statement, …", "The ministry
issued a statement …"."""
_ACCORDING_TO = re.compile(r"\baccording to\b", re.I)
_REPORTER = re.compile(rf"(?!(?:he|she|they|we|I)\b)(?:the\s+)?{LOWER}")
"""A cue that names no one: a record or a body ("the complaint", "police", "court documents")."""
_OF_NAME = re.compile(rf"^{UPPER}{LOWER}+[ \u00a0]+of[ \u00a0]+(?={UPPER})")
"""A capitalised word and "of" before a name, read as one by the name pattern: "Footage of Al-Hamdi"."""
_WINDOW = 300
"""How far around a name narration looks for its role, a place preposition or an appositive."""
_CLOSE_THEN_WORD = re.compile(rf"[”\"’]\s+{LOWER}")
_THE_BEFORE = re.compile(r"\bthe\s+$")
_NEXT_WORD_LOWER = re.compile(rf"\s+{LOWER}")
_NOUN_THEN_VERB = re.compile(rf"\s+{LOWER}[\w'’-]*\s+(?:{LOWER}+(?:ed|s)|was|is|has|had|will|would)\b")
_INITIALS_WORD = re.compile(rf"{UPPER}{{2,4}}")
_NEAR = 80
"""How far back a pattern that must end right before a name looks: an end-anchored search tries every
start in what it is given, so a short tail keeps it cheap (every such phrase is far shorter)."""
_ASKED_SOMEONE = re.compile(rf"\s+(?:asked|asks)\s+(?:him|her|{CAP})")
"""A question's cue that names whom it was put to: "“…?” a reporter asked Lena Fox"."""
_SPOKEN_RUN_ON = 8
"""Words from which a quotation opening a sentence that runs on after it can still be speech."""
_SONG_WORDS = re.compile(
    r"\b(?:chorus|refrain|lyrics?|verse|hook|opening\s+line|closing\s+line)\s+(?:goes|went|runs|ran|reads|read)"
    r"(?:\s+\w+)?\s*:$",
    re.I,
)
"""A song's words brought in by what they are: "The chorus goes:", "The first verse runs simply:"."""
_WORDING_BEFORE = re.compile(
    r"\b(?:line|lines|lyric|lyrics|refrain|chorus|slogan|motto|phrase|words|inscription|message)\s*[—–]\s*$"
)
"""A noun for wording right before a quotation set off by dashes: what it quotes is that wording."""
_LATE_CUE = re.compile(
    rf"[^.!?\"“”]{{0,120}}?,\s+((?:{CAP}[ \u00a0]+){{0,3}}{CAP}|he|she|they)\s+(?:{ADVERB}\s+)?{VERB}\b"
    r"[^.!?\"“”]{0,60}[.!?]"
)
"""The cue that ends the sentence a quotation opens: "… that is blatantly sexist, Brock said."."""
_LOOKBACK = 2000
"""How far back a quotation without a cue looks for its speaker (a few sentences; the whole paragraph
made segmentation quadratic in a long one)."""
_RECENT = 200
"""How many recent mentions a pronoun or a described role looks through."""
_INDEFINITE_BEFORE = re.compile(r"\b(?:a|an|A|An)\s+(?:[\w'’-]+\s+)?$")
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|from|into|across|through|outside|inside|born)\s+(?:the\s+)?$")


_KIND_NOUNS = ORG_NOUNS - {"producer", "developer", "publisher", "operator"}
"""Nouns that make a name an organisation, without those also said of people ("producer Rick Rubin")."""
_KIND_APPOSITIVE = re.compile(
    rf",\s+(?:the|a|an)\s+(?:(?!(?:of|for|at|with|from|to|on|by|in)\s)[\w'’&-]+\s+){{0,5}}?({LOWER}[\w-]*)"
    r"(?=[,.;:]|\s+(?:that|which|whose|behind|founded|based|owned|known|with|in)\b)"
)
"""An appositive whose last word may say what a name is: "Zyntra, a Boston software company,"."""
_KIND_WORD_BEFORE = re.compile(rf"(?:^|\s)({LOWER}[\w-]*)\s+$")
"""The lowercase word right before a name, which may say what it is: "software company Zyntra"."""
_KIND_LIST = re.compile(
    r"\b(companies|firms|employers|businesses|corporations|retailers|banks|airlines|groups|organi[sz]ations|"
    rf"charities|unions|carmakers|automakers)\b(?:[^.;:!?]|(?<={UPPER})\.){{0,60}}?"
    r"\b(?:including|such as|like)\s+$"
)
"""A name given as one of a kind: "employers such as Harvex", "employers in the U.S., including Harvex"."""
_LISTED = re.compile(r"\b(?:including|such as|like)\s+$")
_KIND_OF_PLURAL = dict.fromkeys(("firms", "employers", "businesses", "corporations"), "company")
_CORPORATE = re.compile(
    rf"\s+(?:{LOWER}+ed|{LOWER}+s|has|had|will|is|was|cut|laid|said)\b[^.!?]{{0,80}}?\b(?:layoffs|jobs|employees|"
    r"workers|shares|stock|earnings|profits?|revenue|sales|customers|stores|factor(?:y|ies)|plants?|products|"
    r"merger|acquisition|headquarters)\b"
)
"""A sentence whose subject does what companies do: "Google announced the layoffs", "Verizon cut jobs"."""
_ITSELF = re.compile(r"\s+(?:[\w'’,-]+\s+){0,8}?(?:its?|itself)\b")
"""A sentence whose subject the writer calls "it": "Twitter said in a statement, adding that it …"."""
_COMPANY_AFTER = re.compile(
    r"(?:['’]s?)?\s+(?:chief executive|CEO|shares|stock|employees|workers|headquarters|stores|factories|"
    r"plants|customers|profits?|revenue|earnings|sales)\b|,\s+which\s+(?:makes|sells|owns|operates|employs|"
    r"runs|builds|produces|manufactures|designs|develops)\b"
)
"""A name followed by what only a company has or does: "Quillon's chief executive", ", which makes"."""
_COMPANY_OWNERS = (
    r"(?i:\b(?:workers|employees|shares|stock|executives|staff|customers|shareholders|investors)"
    r"\s+(?:at|of|in)\s+)"
)
_COMPANY_BEFORE = re.compile(_COMPANY_OWNERS + "$")
_COMPANY_OPENING = re.compile(_COMPANY_OWNERS + f"(?={UPPER})")
"""Those only a company has, before its name: "workers at Quillon", or in it: "Shares of Quillon"."""


def _org_kind(before: str, after: str) -> str | None:
    """The kind of organisation the words around a name make it ("company", "group"), if any."""
    for m in (_KIND_APPOSITIVE.match(after), _KIND_WORD_BEFORE.search(before[-40:])):
        if m and m.group(1) in _KIND_NOUNS:
            return m.group(1)
    if _LISTED.search(before[-20:]) and (listed := _KIND_LIST.search(before[-120:])):
        plural = listed.group(1).lower()
        return _KIND_OF_PLURAL.get(plural) or re.sub(r"ies$", "y", plural).removesuffix("s")
    return None


_PERSON_AFTER = re.compile(
    r",\s+(?:\d{1,3}|who|whose|a|an|the|his|her|speaking|writing|for\s+(?:his|her)\s+part)\b"
    r"|\s+(?:himself|herself)\b|\s+" + VERB + r"\b"
)


_CAST_AFTER = re.compile(rf"\s+\((?:{LOWER}+\s+){{0,3}}({UPPER}{LOWER}+)(?:\s+{UPPER}[\w'’.-]*)+\)")
"""A full name in brackets after a name, a film's or a play's cast: "Mara (a flinty Ines Dravecka)"."""
_KIN_BEFORE = re.compile(rf"\b(?:(?i:his|her|their)|{UPPER}[\w'’-]*['’]s)\s+({LOWER}+),?\s+$")
"""A relation just before a name: "her son, Leo", "Tran’s wife, Linh", "Hale's mother, Denise"."""


def _person_hint(name: str, before: str, after: str) -> bool:
    """Whether the words around a capitalised name say it is a person's: a verb or an age after it, an
    appositive headed by a person noun ("Maya Lund, a nurse," but not "Seal Rock, an atoll"), or a role
    before a name of two words ("manager Ola Berg"; not "a smaller Gulfstream jet")."""
    after_match = _PERSON_AFTER.match(after)
    if after_match is not None:
        appositive = re.match(r",\s+(?:a|an|the)\s+([^,.;:]*)", after)
        return appositive is None or person_head(appositive.group(1))
    cast = _CAST_AFTER.match(after)
    if cast and is_first_name(cast.group(1)):
        return True  # "Danny (Colm Reyes) is an addict": a character, then the actor who plays him
    kin = _KIN_BEFORE.search(before[-_NEAR:])
    if kin and kin.group(1).lower() in KIN and is_first_name(name):
        return True  # "his wife, Jane, called for …": a relative named by her first name alone
    if " " in name and (bare := _BARE_APPOSITIVE.match(after)) and person_head(bare.group(1)):
        return True  # "Jo-Ann Ferris, political science professor at Dale University,": no article
    if " " in name and before.endswith(", ") and after.startswith(","):
        role = _ROLE_IN_APPOSITION_BEFORE.search(before)  # "The Tory leader, Kemi Ross, hit back"
        if role is not None and person_head(role.group(1)):
            return True
    return " " in name and bool(_ROLE_BEFORE.search(before))


_ROLE_IN_APPOSITION_BEFORE = re.compile(
    rf"\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s+((?:[\w'’-]+\s+){{0,3}}{LOWER}[\w'’-]*),\s+$"
)
"""A role ending in a common noun, then a comma, before a name: "The Tory leader, Kemi Ross,"."""
_BARE_APPOSITIVE = re.compile(
    rf",\s+((?:{LOWER}[\w'’-]*\s+){{0,3}}{LOWER}[\w'’-]*)(?=\s+(?:at|of|for|in|with|from)\s+(?:the\s+)?{UPPER}|,)"
)
"""An appositive with no article after a name: ", political science professor at Dale University,", ",
executive director of the House Majority PAC,"."""


_ROLE_BEFORE = re.compile(
    r"\b(?:(?!(?:over|after|under|other|never|ever|either|neither|whether|rather|later|together|for|nor|"
    r"per|prior|major|minor|upper|inner|outer|sooner|further|meant|went|sent|spent|want|recent|"
    r"current|different|urgent|silent|present|absent|giant|however|whatever|whenever|wherever|moreover|"
    r"border|order|matter|number|letter|paper|power|water|winter|summer|center|corner|quarter|"
    r"consequent|frequent|apparent|evident|intent|content|event|moment|percent|prevent)\s)"
    rf"{LOWER}+(?:er|or|ist|ian|ant|ent)|manager|coach|chief|captain|keeper|star|mother|"
    r"father|son|daughter|wife|husband|singer|actor|actress|forward|striker|head|boss|"
    rf"officer|mp|resident|student|guard|rookie|quarterback|shortstop|teammate|{LOWER}+-(?:back|half))\s+$"
)


_ROLE_MODIFIER = re.compile(
    rf"(?:^|\s)([“\"‘][^”\"’]{{1,40}}[”\"’]|(?:{UPPER}[\w'’.-]*\s+){{0,2}}{UPPER}[\w'’.-]*)\s+$"
)
"""A title or capitalised words right before a role word: "“Broad City” star", "New Jersey senator"."""


_PARTY_MEMBER = re.compile(r"Republican|Democrat|Conservative|Tory|Liberal")
"""A party's member, capitalised, as the head of a description: "the Wisconsin Republican", "the Tory"."""
_PARTY_MEMBER_ENDS = re.compile(
    r"\s*(?:[,.;:!?)]|$)|\s+(?:who|whose|and|but|did|does|has|had|was|is|will|would|could|can|also|then|later|"
    rf"still|now|says|said|told|thinks|argues|insists|{LOWER}+ed)\b"
)
"""What may follow the party word when it heads the description, not "the Republican nominee/base"."""


_NOT_ROLE_HEAD = re.compile(
    rf"\b(?:{VERB}|went|later|then|now|also|again|too|still|already|often|never)$", re.I
)
"""A description ending in a verb or an adverb is a clause, not a role: "The nurse later sued" is not
the governor just named, nor "Christie, the crowd went" a role of Christie's."""


def _role_word(word: str) -> bool:
    """Whether a bare lowercase word right before a name is its role ("manager Ola Berg", "Sen."), not
    a word that merely stands there ("nor Christie", "went Trump", "however, Cruz")."""
    known = word in TITLES or word in OTHER_ROLES or word in ROLE_SYNONYMS
    return known or bool(_ROLE_BEFORE.search(word + " "))


_ROLE_END = (
    r"(?=\s+(?:of|at|for|in|from|and|who|whose|with|on|since|known|called|nicknamed|named|based|born|"
    r"said|says|told)\b|,|\.|;|$)"
)


_ORG_APPOSITIVE = re.compile(
    r",\s+(?:(?:the|a|an)\s+[^,.;:]*?\b(?:"
    + "|".join(sorted(ORG_NOUNS))
    + r")(?=[,.;:]|\s+(?:that|which|whose|"
    r"behind|founded|based|owned|known)\b)|which\b)"
)


_THAT_END = re.compile(r"\s+(?:that\s+)?$")


_OWNER_OF_NAMED = re.compile(rf"['’]s?(?:\s+{LOWER}[\w'’-]*){{1,4}},\s+(?:{UPPER}[\w.'’-]*\s+)+{UPPER}")
"""A possessive before a role and the name of who holds it: "Bloomberg's pollster, Douglas Schoen"."""


_NAME_BEFORE_APPOSITION = re.compile(rf"{UPPER}[\w'’.-]*,\s*$")
"""A name and the comma that opens its apposition, right before another name."""
_OWNED_PERSON_OPENING = re.compile(
    rf"['’]s?\s+((?:{LOWER}[\w'’-]*\s+){{0,2}}?{LOWER}[\w'’-]*)" + _DESCRIBED_THEN_VERB
)
"""Someone a named person has, as a sentence's subject before its verb: "Jo Lee’s father was less sure"."""
_THING_PREDICATE = re.compile(
    r"\s+(?:is|was|isn['’]t|wasn['’]t|remains|became)\s+(?:just\s+|not\s+|only\s+|also\s+)?(?:a|an)\s+"
    r"([^,.;:]*?)(?=[,.;:]|\s+(?:in|at|near|from|of|for|on|with|who|whose|that|which|and)\s|$)"
)
"""What a name is said to be, up to what qualifies it: "… wasn't just a national tragedy", "Jo Hale is a
farmer near Bega"."""


_RELATIVE_SPEAKER = re.compile(
    rf"(?:\s+of\s+{CAP}(?:\s+{CAP})?)?(?:\s*\([^)]{{1,20}}\))?(?:,\s+(?:the|a|an)\s+[^,;.“”\"]{{1,120}})?"
    rf",\s+who\s+(?:also\s+|later\s+|then\s+)?{VERB}\b"
)
"""A name that a relative clause makes the speaker of its sentence, wherever it stands: "…, supported by
Sen. Lucia Fern of Oregon, the senior Democrat on the panel, who said …"."""


_AGE_AFTER_NAME = re.compile(r",\s+(?:aged\s+)?(\d{1,3})\b(?![.,]\d)")
"""An age in apposition: "Ann Todd, 70,", "Ann Todd, aged 70,"."""


_REPRESENTS_AFTER_NAME = re.compile(
    rf",\s+who\s+represents\s+(?:the\s+)?((?:{CAP}|\d+)(?:\s+(?:{CAP}|\d+))*)"
)
"""The seat an elected person holds, in a clause after the name: "Coun. Joe Ruiz, who represents Ward 4,"."""


_OWN_PRONOUN = re.compile(r"\s+(himself|herself)\b|,\s+for\s+(his|her)\s+part\b")


_DATELINE_DASH = re.compile(r"\s*(?:\([^)]{1,30}\)\s*)?[—–-]+\s")
"""The dash after a wire story's dateline, perhaps with the agency: "OTTAWA —", "LONDON (Reuters) -"."""
_HE_SHE_OR_NAME = re.compile(r"\b(?:he|she|He|She)\b|" + NAME_RE.pattern)
_INVERTED_SAID = re.compile(
    rf"(?:^|(?<=[.!?]\s)|(?<=[.!?][”\"’]\s))Said\s+(?=(?:{CAP}[ \u00a0]+){{0,3}}{CAP}\s*[,:])"
)
""""Said" opening a sentence before its subject and a comma or colon: "Said Khare:", "Said Ann Ellis,"."""
_OPENING_ROLE = re.compile(rf"({UPPER}(?:{LOWER}|-)+)(?=[ \u00a0]+{CAP}[ \u00a0]+{CAP}\b)")
"""A capitalised word opening a sentence before a name of two words: "Opener Kunal Varma made 88"."""


def _lowered_role(word: str) -> bool:
    """Whether a word opening a sentence before a name is a role ("Opener", "Striker") to read in lower
    case, not a title, a first name or a nationality ("Senator", "Hunter", "Italian"), which the name's own
    reading handles."""
    low = word.lower()
    return not (low in TITLES or word in DEMONYMS or is_first_name(word)) and _role_word(low)


_SHARED_SURNAME = re.compile(rf"\s+(?:and|&)\s+({CAP}[ \u00a0]+{CAP})\b(?![ \u00a0]+{UPPER})")
"""A second first name and the surname both share, after a first name alone: "Ruth [and Bill Ames]"."""


def _shares_surname(word: str, pair: str) -> bool:
    """Whether ``word`` is a first name alone and ``pair`` a first name and surname, as in "Ruth and Bill
    Ames" (not "Christie and Ted Cruz": a surname that is also a first name is no sure first name)."""
    return " " not in word and first_name_sure(word) and is_first_name(pair.split()[0])


_PAIR_SUBJECT = re.compile(rf"\s+and\s+((?:{CAP}[ \u00a0]+){{1,3}}{CAP})(?=\s+(?:{ADVERB}\s+)?{LOWER})")
"""A second full name joined to the subject's: "Jo Hale [and Ed Marr] founded the firm"."""
_HYPHEN_BEFORE = re.compile(rf"{LOWER}-$")
_PAST_TENSE_NEXT = re.compile(rf"\s+{LOWER}+ed\b")
_ROLE_AFTER_BARE = re.compile(rf",\s+({LOWER}[\w'’-]*(?:\s+{LOWER}[\w'’-]*){{0,3}}?)" + _ROLE_END)
"""A role in apposition with no article: "Dana Moss, spokeswoman for the mayor"."""
_OFFICE_ACRONYM_BEFORE = re.compile(
    rf"((?:{UPPER}[\w'’-]*\s+(?:(?:of|to|the|for|and)\s+)*)+)\(({UPPER}{{2,6}})\)"
    rf"(?:\s+(?:on|for|of)(?:\s+{UPPER}[\w'’-]*){{0,2}})?,?\s+(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?$"
)
"""An office spelt out, then the initials it goes by, right before its holder's name: "Special Assistant to
the Prime Minister (SAPM) on Information Rana Tariq", "the Inspector-General of Police (IGP), Mr Usman Baba"
(South Asian and West African copy, which then calls the holder "the SAPM", "the IGP")."""


_DETERMINED_ROLE_BEFORE = re.compile(
    rf"\b(?:the|a|an|his|her|their|{LETTER}[\w-]*['’]s)\s+([\w'’\s-]+?)(?:\s+(?:of|at|for)\s+[^,]+)?,\s*$",
    re.I,
)
"""A role before a name, with its determiner: "the mayor of Bath, Jo Hale"."""
_TITLE_AFTER = re.compile(rf",\s+((?:{UPPER}[\w'’-]*\s+){{0,2}}{UPPER}[\w'’.-]*)" + _ROLE_END)
"""A capitalised role in apposition with no article: "Jess Pike, Labour MP for Wrexham North,"."""
_KIN_MODIFIER = r"(?:(?:younger|older|elder|eldest|youngest|late|twin|former|only)\s+)?"
"""What may stand between a possessor and a relation: "her younger sister", "his late wife"."""
def _link_kin(owner: Entity, relation: str, relative: Entity) -> None:
    """Record that ``relative`` is ``owner``'s ``relation`` ("parent", "spouse" …), and the converse."""
    owner.kin[relation], relative.kin[KIN_INVERSE[relation]] = relative, owner


_OWNER_PRONOUN = {"his": "he", "her": "she"}
"""Whom a possessive means, asked as a pronoun: "her sister" is the sister of whom "she" means."""
_KIN_PHRASE = re.compile(r"(his|her|their)\s+" + _KIN_MODIFIER + r"(\w+)", re.I)
"""A relative by the possessive: "her sister", "his late wife", "her eldest son"."""
_KIN_BEFORE_NAME = re.compile(r"\b" + _KIN_PHRASE.pattern + r",?\s+$", re.I)
"""A relative named next: "Her younger sister, Teresa Brand"."""
_OWNER_KIN_BEFORE_NAME = re.compile(rf"\b({UPPER}[\w-]*)['’]s\s+{_KIN_MODIFIER}(\w+),?\s+$")
"""A named person's relative named next: "Hale's mother, Denise"."""
_APPOSED_NAME = re.compile(rf",\s+({NAME_RE.pattern}),")
"""A name in apposition after an office: "The Premier, Jo Hale, said"; the name is who holds it."""
_WORD_BEFORE = re.compile(rf"\b({LOWER}[\w'’-]+)\s+$")


_LABEL_COLON = re.compile(r"\s*:")
"""A colon right after a cue's subject: the subject labels the quotation ("Ann Bell: “…”")."""
_CAPITALS_WORD = rf"{UPPER}(?:{UPPER}|['’-])"
_TRANSCRIPT_LABEL = re.compile(rf"[\"“‘']\s*((?:{_CAPITALS_WORD}*\.?\s+){{0,3}}{_CAPITALS_WORD}+):\s+(?=\S)")
"""A transcript's speaker label opening a quoted paragraph: "“WALLACE: If I may …", "“SEN. ANN RUIZ: No."."""


def _transcript_label(text: str, start: int) -> tuple[str, int, int] | None:
    """The speaker a transcript's label names at the start of a quotation, in the case names are written in
    ("PENCE" is "Pence", "MCCAIN" is "McCain")."""
    label = _TRANSCRIPT_LABEL.match(text, start)
    if label is None:
        return None
    return " ".join(_name_case(word) for word in label.group(1).split()), label.start(1), label.end(1)


def _transcript_speakers(article: Article) -> set[str]:
    """The labels of a transcript quoted paragraph by paragraph, when there are two speakers or more: one
    label alone ("“UPDATE: …") is a heading's word."""
    labels = {
        label[0]
        for b in article.blocks
        if (label := _transcript_label(b.text, len(b.text) - len(b.text.lstrip())))
    }
    return labels if len(labels) > 1 else set()


def _name_case(word: str) -> str:
    """A word written in capitals as a name is written: "PENCE" → "Pence", "O'BRIEN" → "O'Brien"."""
    return re.sub(r"(?:^|(?<=['’-])|(?<=^mc))\w", lambda m: m.group().upper(), word.lower())


_SAYS_HE_OR_SHE = re.compile(rf"\s+{VERB}\s+(?:that\s+)?(?:he|she)\b")


class _Attributor:
    """Walks the article in order, keeping track of who has been mentioned and who spoke last."""

    def __init__(self) -> None:
        self.registry = Registry()
        self.history: list[Mention] = []
        self.last_speaker: Entity | None = None
        self.last_question = False
        """Whether the last quotation was a question (so "she replied" is someone else)."""
        self.question_put = False
        """Whether that question was put to someone named ("“…?” a reporter asked Lena Fox"), so that even
        "she said" next is the one asked."""
        self.asker: tuple[int, Entity] | None = None
        """The paragraph and subject of the latest question in narration ("Kim Lowe asked Jo Hale whether
        …"), whom "she replied" next does not mean."""
        self.quoted_here = -1
        """The paragraph of the latest quotation with a cue of its own."""
        self.reported: tuple[int, Entity] | None = None
        """The paragraph and subject of the latest reported speech ("Garland said unemployment …"), for a
        quotation that opens the next paragraph with no cue of its own."""

    def mention(self, entity: Entity | None, pos: int = 0, *, subject: bool = False) -> None:
        if entity is not None:
            self.history.append(Mention(pos, pos, entity, self.registry.para, subject))
            if len(self.history) > 2 * _RECENT:
                del self.history[:-_RECENT]  # only recent ones matter; all of them made pronouns quadratic

    def narration(self, text: str, start: int, end: int) -> None:
        """Learn names, roles and pronouns from a stretch of narration."""
        piece = text[start:end]
        opening = len(piece) - len(piece.lstrip())
        stops: list[int] = []  # where each sentence after the first starts ("Mr. Kerry" starts none)
        # the speaker of a reported-speech sentence is its subject, wherever other names stand: "Cruz won
        # them over, Stovall said", "Clinton aide Jo Palmieri said Trump …"
        reporters: dict[int, tuple[int, int]] = {}
        openings: list[tuple[int, re.Match[str]]] = []
        cursor = 0
        sentences = split_sentences(piece)
        documents = mentions_document(text)
        spoken = 0  # sentences whose reported-speech subject is read: each just before its own names, so a
        # "he said" in the second sentence can mean the person the first one names
        for number, sentence in enumerate(sentences):
            at = piece.find(sentence, cursor)
            cursor = at + len(sentence)
            if number:
                stops.append(at)
            stamp = _TIME_STAMP.match(sentence)  # a live blog's "10.42am: The health secretary has …"
            begin = stamp.end() if stamp else 0
            lead_in = _SUBORDINATE_OPENER.match(sentence, begin)  # "After the news went viral, the star …"
            begin = lead_in.end() if lead_in else begin
            opened_by = _DESCRIBED_OPENING.match(sentence, begin) or _UNNAMED_OPENING.match(sentence, begin)
            if opened_by:
                openings.append((at + opened_by.end(), opened_by))
            span = _reporting_subject(sentence)
            if span is not None:
                reporters.setdefault(bisect_right(stops, at + span[0]), (at + span[0], at + span[1]))
        has_subject: set[int] = set()
        subjects: dict[int, Entity] = {}
        opened = 0  # openings ("The veteran anchor said …") already read
        openers: dict[int, int] = {}  # sentence → where its opening subordinate clause ends (-1: none)
        # "Said Khare: “…”": the verb inverted before a name opening its sentence is not a first name "Said"
        scan = _INVERTED_SAID.sub(lambda v: " " * len(v.group()), piece) if "Said " in piece else piece
        # "Opener Kunal Varma made 88": a role capitalised to open the sentence is read as the role it is
        for at in (opening, *stops):
            if (role := _OPENING_ROLE.match(scan, at)) and _lowered_role(role.group(1)):
                scan = scan[:at] + role.group(1).lower() + scan[role.end(1) :]
        for m in _HE_SHE_OR_NAME.finditer(scan):
            while opened < len(openings) and openings[opened][0] <= m.start():
                at, described = openings[opened]
                opened += 1
                if self._described_person(described):
                    has_subject.add(bisect_right(stops, at - 1))
            word = m.group()
            if _HYPHEN_BEFORE.search(piece[max(0, m.start() - 2) : m.start()]):
                continue  # "the district's anti-Trump lean": a name inside a modifier is no one's mention
            dateline = not start and m.start() <= opening and word.isupper()
            if dateline and _DATELINE_DASH.match(piece, m.end()):
                continue  # "MELBOURNE — Jo Hale kept …": the dateline is where; the subject comes after it
            sentence_no = bisect_right(stops, m.start())
            while spoken <= sentence_no and spoken < len(sentences):
                self._speech_subject(sentences[spoken], documents)
                spoken += 1
            sentence_start = stops[sentence_no - 1] if sentence_no else 0
            lead = word.split()[0].lower()  # "Of Sanders, McCaskill said": a preposition the name swallowed
            if sentence_no not in openers:  # once per sentence: every name in it asks
                found = _SUBORDINATE_OPENER.match(piece, sentence_start)
                openers[sentence_no] = found.end() if found else -1
            opener_end = openers[sentence_no]
            # "And Bertram, then in college, did not approve": a conjunction opening the sentence is no
            # preposition, so the name it swallowed is still the subject
            conjunction = word.split()[0] in ("And", "Or") and not piece[sentence_start : m.start()].strip()
            swallowed = " " in word and PREP_BEFORE.search(lead + " ") and lead not in TITLES
            subject = (
                sentence_no not in has_subject
                and m.start() >= opener_end
                and not PREP_BEFORE.search(piece[sentence_start : m.start()])
                and not (swallowed and not conjunction)
            )
            if subject and piece[m.start() - 1 : m.start()] == "(" and piece[m.end() : m.end() + 1] == ")":
                subject = False  # "Danny (Colm Reyes) is an addict": a name in brackets is an aside
            modifier = _MODIFIED_NAME.match(piece, m.end())
            if (
                subject
                and modifier
                and descriptor_words(modifier.group(1))
                and person_head(modifier.group(1))
                and not re.search(r"(?:ed|s)\b", modifier.group(1))
            ):
                subject = False  # "Obama consultant Cornell Belcher picked up …": the subject is Belcher
            if sentence_no in reporters:
                low, high = reporters[sentence_no]
                subject = sentence_no not in has_subject and m.start() < high and m.end() > low
            if word.lower() in ("he", "she"):
                gender = "f" if word.lower() == "she" else "m"
                speaker = subjects.get(sentence_no)
                if (
                    speaker is not None
                    and speaker.kind == "person"
                    and speaker.gender not in (None, gender)
                    and not speaker.gender_strong
                    and not (speaker.first and first_name_sure(speaker.first))
                    and (verb := VERB_RE.search(piece, sentence_start, m.start())) is not None
                    and _THAT_END.fullmatch(piece, verb.end(), m.start())
                    and not any(
                        h.entity.kind == "person" and h.entity.gender == gender
                        for h in self.history
                        if h.para >= self.registry.para - 1
                    )
                ):
                    # "Patrice Nguyen-Lowe said she hid …": the pronoun right after the speech verb is
                    # the speaker, whatever the first-name table guessed, unless someone it could mean
                    # was mentioned just before ("Judge Catherine Amesbury said he had …") or the first
                    # name is given to one sex only ("Daniel Oke said she had changed his life": the
                    # woman an obituary is about, named paragraphs ago)
                    speaker.gender, speaker.gender_strong = gender, True
                entity = self.registry.pronoun(word.lower(), self.history)
                if entity is not None and subject:
                    has_subject.add(sentence_no)
                self.mention(entity, subject=subject)
                continue
            # bounded windows either side: slicing to the paragraph's ends made long paragraphs quadratic
            before, after = scan[max(0, m.start() - _WINDOW) : m.start()], scan[m.end() : m.end() + _WINDOW]
            if before.endswith(("“", '"', "‘")) and _CLOSE_THEN_WORD.match(after):
                continue  # "the “Red Canyon” star": the title of a work, modifying a noun, is no one
            if owned := _COMPANY_OPENING.match(word):
                word = word[owned.end() :]  # "Shares of Orvik Corp.", read as one name: the company
            if owned or before.endswith((" at ", " of ", " in ")) and _COMPANY_BEFORE.search(before[-40:]):
                self.registry.acted_as_company(word)  # "workers at Quillon": a company, though after "at"
            near = before[-_NEAR:]  # what ends right before the name: a short look, never the whole window
            if (_PLACE_BEFORE.search(near) or _PLACE_BEFORE.search(lead + " ")) and not split_name(word)[0]:
                continue  # "in Tunica", "born Delia Mae Hopkins": places and former names
            # "The Red Bull driver started third": the sentence's opening "The" read into a name that
            # modifies the subject's noun
            opening_the = word.startswith("The ") and _NOUN_THEN_VERB.match(after)
            bare = word[4:] if opening_the else word
            after_the = (opening_the or _THE_BEFORE.search(before[-16:])) and not split_name(bare)[0]
            known = self.registry.name(word, create=False) if after_the else None
            if known is not None and known.kind == "person" and _NEXT_WORD_LOWER.match(after):
                continue  # "the Brandt campaign ignored …": her campaign, never whom a later "she said" means
            described = after_the and known is None
            if described and _INITIALS_WORD.fullmatch(word):
                # "the CM said": a role's initials mean who holds it, never an organisation called "CM"
                holder = self.registry.role("the " + word, create=False)
                if holder is not None and holder.kind == "person":
                    self.mention(self.registry.touch(holder), subject=subject)
                    if subject:
                        has_subject.add(sentence_no)
                    continue
            # "a reversal for the Wisconsin Republican, who …", "The Wisconsin Republican did give …": a party
            # member described by place is someone the article named (the description, or a role they hold)
            party = _PARTY_MEMBER.fullmatch(word.split()[-1]) and _PARTY_MEMBER_ENDS.match(after)
            if party and (described or word.startswith("The ")):
                phrase = "the " + word.removeprefix("The ")
                entity = _described_subject(phrase, self.registry, self.history, None)
                entity = entity or self.registry.role(phrase, create=False)
                if entity is not None and entity.kind == "person":
                    self.mention(self.registry.touch(entity), subject=subject)
                    if subject:
                        has_subject.add(sentence_no)
                    continue
            if _INDEFINITE_BEFORE.search(near) and _NEXT_WORD_LOWER.match(after) and not split_name(word)[0]:
                # "a 1930s-era Art Deco movie theater", "an Iowa farm": a name inside a noun phrase modifies
                # its noun; it is no one the sentence is about
                continue
            apposed = _APPOSED_NAME.match(after)
            if apposed and not split_name(word)[1] and split_name(apposed[1])[1]:
                continue  # "The Speaker, Sir Ian Bole, rose": the office is the name after it, the subject
            hint = not described and _person_hint(word, before, after)
            if " " in word and _PAST_TENSE_NEXT.match(after) and is_first_name(word.split()[0]):
                hint = True  # "Mary Lane disagreed": a first name and a verb make a person of a street's name
            shared = _SHARED_SURNAME.match(after)
            if (
                shared
                and _shares_surname(word, shared.group(1))
                and self.registry.name(word, create=False) is None
            ):
                # "Ruth and Bill Ames run the farm": Ruth is an Ames too, whom "Mrs Ames" means later
                word, hint = f"{word} {shared.group(1).split()[-1]}", True
            known = len(self.registry.entities)
            entity = self.registry.name(word, person_hint=hint)
            if entity is None and (of := _OF_NAME.search(word)):
                # "Footage of Al-Hamdi again appears", "Critics of Brandt": no one is called "Footage of
                # Al-Hamdi", but the person after "of", if known, is mentioned (not as the subject)
                entity = self.registry.name(word[of.end() :], create=False)
                subject = subject and entity is None
            created = len(self.registry.entities) > known
            thing = _THING_PREDICATE.match(after)
            new_person = created and entity is not None and entity.kind == "person"
            if thing and new_person and not person_head(thing[1]):
                # "Sandy Hook wasn't just a national tragedy": what a new name is said to be says it is no one
                self.registry.entities.remove(entity)
                continue
            if described and entity is not None and entity.kind == "person" and created:
                # "the Paris Agreement", "the Cleveland Cavaliers": English puts no article before a person's
                # name, so this is a thing, never someone he or she could mean
                self.registry.entities.remove(entity)
                continue
            kind = None
            # the name opens its sentence, or its clause after an opening phrase ("In a statement, Google")
            opens = (
                m.start() <= opening
                or before.rstrip()[-1:] in (".", "!", "?")
                or _OPENING_PHRASE.fullmatch(piece, sentence_start, m.start()) is not None
            )
            if entity is None or nameless(entity) or no_person_signs(entity):
                kind = _org_kind(before, after)
                acts = opens and (_CORPORATE.match(after) or _ITSELF.match(after))
                if acts or _COMPANY_AFTER.match(after):
                    # "Google announced the layoffs", "Quillon's chief executive": a name doing what companies
                    # do, which "the company said" may mean when the article makes no other one a company
                    self.registry.acted_as_company(word)
            if entity is None:
                if opens:
                    _titles, name = split_name(word)
                    if name and re.match(
                        rf"\s+(?:{LOWER}+(?:ed|s)|has|had|is|was|will|would|can|could|did)\b", after
                    ):
                        self.registry.orgs_seen.append(" ".join(name))
                        self.registry.set_aside.append((self.registry.para, " ".join(name)))
                if kind or re.match(r",\s+which\b", after) and not _PLACE_BEFORE.search(near):
                    # "employers such as Monsanto, which opposed the bill", "Zyntra, a software company,":
                    # an organisation, the one "the company said" means next
                    org = self.registry.name(word, speaker=True)
                    if org is not None and org.kind != "org" and not org.gender_strong:
                        org.kind, org.gender = "org", None
                    if org is not None and org.kind == "org" and kind:
                        org.roles.add(kind)
                    self.mention(org)
                continue
            if kind:
                entity.kind, entity.gender = "org", None  # "Zyntra, a software company, announced …"
                entity.roles.add(kind)
            owner_end = m.end() - 2 if POSSESSIVE.search(word) else m.end()
            if subject and _OWNER_OF_NAMED.match(piece, owner_end):
                subject = False  # "Bloomberg's pollster, Douglas Schoen, says …": the subject is Schoen
            elif (
                subject
                and entity.kind == "person"
                and not piece[max(sentence_start, opener_end) : m.start()].strip()  # it opens the sentence
                and not _NAME_BEFORE_APPOSITION.search(before)  # "Robby Mook, Clinton’s campaign manager"
                and (owned := _OWNED_PERSON_OPENING.match(piece, owner_end))
                and person_head(owned.group(1))
                and not VERB_RE.fullmatch(owned.group(2))
            ):
                # "Jo Lee’s father was less sure": the sentence is about the father, whom "he said" means
                self.mention(entity)
                relative = self.registry.role(f"{entity.canonical}'s {owned.group(1)}")
                relation = KIN.get(owned.group(1).split()[-1].lower())
                if relative is not None and relation:
                    _link_kin(entity, relation, relative)
                if relative is not None:
                    has_subject.add(sentence_no)
                    self.mention(relative, subject=True)
                continue
            if not subject and entity.kind == "person" and _RELATIVE_SPEAKER.match(piece, m.end()):
                subject = True  # "… was backed by Sen. Lucia Fern of Oregon, who said …": she speaks next
            if subject:
                has_subject.add(sentence_no)
                if not re.search(r"['’]s?$", word) and not after.startswith(("'", "’")):
                    subjects[sentence_no] = entity  # "Kaminska’s coach … said he" is not about Kaminska
            own = _OWN_PRONOUN.match(after)
            if own and entity.kind == "person" and not entity.gender_strong:
                entity.gender = "f" if (own.group(1) or own.group(2)) in ("herself", "her") else "m"
                entity.gender_strong = True
            self.mention(entity, subject=subject)
            if subject and entity.kind == "person" and (pair := _PAIR_SUBJECT.match(after)):
                self.mention(self.registry.pair(entity, pair.group(1)), subject=True)
            self._learn_roles(scan, m, entity)
        for _at, described in openings[opened:]:
            self._described_person(described)
        for sentence in sentences[spoken:]:
            self._speech_subject(sentence, documents)

    def _speech_subject(self, sentence: str, documents: bool) -> None:
        """The subject of a reported-speech sentence is a speaker to remember ("A neighbour … said"); and
        who wrote a document it brings in, when ``documents`` says its text names one."""
        if documents and (written := document_writer(sentence)) is not None:
            # "She wrote a letter.", "one letter, from Jo Hale, …": whose words "the letter read" quotes
            writer, _ = resolve_subject(written[1], self.registry, self.history)
            if writer is not None and writer.kind in ("person", "org"):
                self.registry.documents[written[0]] = writer
                self.mention(writer)
        masked = mask_relatives(sentence)
        # "When the moderator pointed out …, the candidate said": the main clause's verb, not the opening
        # clause's, which names someone else
        opener = _SUBORDINATE_OPENER.match(masked)
        verb = (VERB_RE.search(masked, opener.end()) if opener else None) or VERB_RE.search(masked)
        if verb is None:
            # "According to Ham, the administration …": the source of the sentence is its speaker
            found = clause_subject(sentence) if _ACCORDING_TO.search(masked) else None
            if found:
                self._remember_speaker(found[0], sentence)
            elif stated := _IN_A_STATEMENT.search(masked):
                # "The opposition, in a statement read by its whip, blamed …", "the ministry issued a
                # statement accusing …": whoever issued the statement a later "the statement said" quotes
                before = masked[: stated.start()].rstrip(" ,")
                comma = masked.find(",", stated.end())
                # "In a statement, the party accused …": the subject after the opening phrase
                after = subject_in(masked[comma + 1 :], 0) if not before and comma > 0 else None
                issuer = adjacent_subject(before) if before else after[0] if after else None
                if issuer:
                    self._remember_speaker(issuer, sentence)
            return
        pre = masked[: verb.start()]
        after = masked[verb.end() :].strip()
        subject = None
        if re.match(r"^(?:in a statement|on \w+day|on \w+)?\W*$", after):
            subject = adjacent_subject(pre)  # "…, Norfolk Police said."
        if subject is None:
            main = opener.end() if opener and verb.start() >= opener.end() else 0
            found = clause_subject(sentence[main:])
            subject = found[0] if found else None
        if subject and subject.lower() in ("he", "she") and not _SUBORDINATE_OPENER.match(masked):
            # "Leader Kevin McCarthy, R-Calif., revealed this when he boasted …": the pronoun means the
            # name that opens the sentence, which has not been read yet
            opening = subject_in(masked[: verb.start()], 0)
            titles, name = split_name(opening[0]) if opening and NAME_RE.fullmatch(opening[0]) else ([], [])
            lead = masked[: opening[1]] if opening else ""
            known = (
                len(name) == 1
                and not titles
                and _OPENING_PHRASE.fullmatch(lead)  # first, or right after an opening phrase
                and self.registry.name(name[0], create=False)
            )
            if len(name) >= 2 or titles and name or known and known.kind == "person":
                # a full name or someone already known ("Trump was talking … when he told"), never a stray
                # capitalised word ("Otherwise")
                subject = opening[0]
        if subject and (opens := sentence.find(subject)) >= 0 and (name := known_as(sentence[opens:])):
            subject = name  # "A man, who gave his name only as Ahmed, said …": the name he goes by speaks
        if subject:
            # "“Please hurry,” Ann Lee says. The dispatcher replies: “…”": no one replies to themselves
            replying = REPLY_VERBS.fullmatch(verb.group()) and self.quoted_here == self.registry.para
            speaker = self._remember_speaker(subject, sentence, self.last_speaker if replying else None)
            if (
                speaker is not None
                and verb.group().lower() in ("asked", "asks")
                and pre.strip()
                and not _PASSIVE_AUXILIARY.search(pre)  # "Kemp was asked about …": she is the one asked
            ):
                self.asker = (self.registry.para, speaker)
            if speaker is not None and speaker.kind == "person" and verb.group().lower() == "testified":
                speaker.roles.add("witness")  # "Ellen Pike testified …": the witness a later cue means

    def _described_person(self, m: re.Match[str]) -> bool:
        """ "The Colombian journalist expressed concern …" after "… anchor Ilia Calderón reacted": a
        sentence whose subject is a description of the person just named is about that person. "Her father,
        a retired miner, was less sure": someone unnamed, whom "he said" next means."""
        if VERB_RE.fullmatch(m.group(2)) or not person_head(m.group(1)):
            return False
        if m.re is _UNNAMED_OPENING:
            self._unnamed_subject(m.group(1))
            return True
        phrase = "the" + m.group(1)[3:]
        entity = _described_subject(phrase, self.registry, self.history, None)
        if entity is None and phrase.islower() and not POSSESSIVE.search(phrase):
            # "The driver was less sure": someone unnamed (never "The Florida senator's answer")
            entity = self.registry.role(phrase)
        if entity is not None:
            self.mention(self.registry.touch(entity), subject=True)
        # "The Red Bull driver started third, clear of Mercedes' Tom Fenn": someone described is the subject,
        # even unresolved, never the name later in the sentence
        return True

    def _unnamed_subject(self, phrase: str) -> None:
        """The subject of "Her son was less sure" or "One farmer was furious", whom "he said" next means; a
        relative not named yet becomes theirs (a named one is found as before)."""
        kin = _KIN_PHRASE.fullmatch(phrase)
        relation = KIN.get(kin.group(2).lower()) if kin else None
        owner = None
        if kin and relation:
            pronoun = _OWNER_PRONOUN.get(kin.group(1).lower(), "they")
            owner = self.registry.pronoun(pronoun, self.history)
            if owner is not None and relation in owner.kin:
                return  # a relative the article named: the sentence's own reading finds them
        # "One woman …" is a woman, as "“…,” said the woman" later calls her
        entity = self.registry.role(re.sub(r"^(?:One|Another)\b", "a", phrase))
        if entity is None:
            return
        if owner is not None and relation and owner.kind == "person":
            _link_kin(owner, relation, entity)
        self.mention(entity, subject=True)

    def _remember_speaker(self, subject: str, sentence: str, exclude: Entity | None = None) -> Entity | None:
        entity, _ = resolve_subject(subject, self.registry, self.history, exclude=exclude)
        self.mention(entity, subject=True)
        if entity is not None and entity.kind in ("person", "org"):
            self.reported = (self.registry.para, entity)
        if entity is not None and "statement" in sentence:
            self.registry.documents["statement"] = entity
        return entity

    def _learn_roles(self, text: str, m: re.Match[str], entity: Entity) -> None:
        """ "Linda Okafor, the mayor of Dayton," → also known as "the mayor"; "Her son, Calvin Marsh" →
        "her son"; "Rovers manager Sarah Kenning" → "the manager"."""
        head, tail = text[max(0, m.start() - _WINDOW) : m.start()], text[m.end() : m.end() + _WINDOW]
        after = re.match(
            r",\s+(?:the|a|an|his|her|their)\s+([\w'’-]+(?:\s+[\w'’-]+){0,3}?)" + _ROLE_END, tail
        )
        if after is None:
            after = _ROLE_AFTER_BARE.match(tail)
        if after is None:
            # "Jess Pike, Labour MP for Wrexham North,": a capitalised title with no article
            after = _TITLE_AFTER.match(tail)
            after = after if after and clean_token(after.group(1).split()[-1]).lower() in TITLES else None
        before = _DETERMINED_ROLE_BEFORE.search(head)
        near = head[-_NEAR:]  # patterns that end where the name starts need only its last words
        descriptor = _WORD_BEFORE.search(near)
        roles = [after.group(1)] if after and not _NOT_ROLE_HEAD.search(after.group(1)) else []
        if before and person_head(before.group(1)):
            roles.append(before.group(1))  # "In his state, Christie said" gives Christie no role
        if (
            descriptor
            and descriptor.group(1) not in FUNCTION_WORDS
            and not VERB_RE.fullmatch(descriptor.group(1))
            and _role_word(descriptor.group(1))
        ):
            roles.append(descriptor.group(1))
            # "“Broad City” star Ana Cruz", "Ohio Democrat Jo Hale": the work or place the role is of, so
            # "the “Avatar” star" is never her
            modified = _ROLE_MODIFIER.search(head[: len(head) - len(near) + descriptor.start()])
            proper = modified and [w for w in modified.group(1).split() if w.lower() not in FUNCTION_WORDS]
            if proper:  # kept whole, however long: "“Orange Is the New Black” star"
                titled = re.sub(r"[“”\"]", "", " ".join([*proper, descriptor.group(1)])).strip("‘’")
                entity.roles.add(titled.lower().replace("’", "'"))
        if entity.kind == "person" and ")" in near and (office := _OFFICE_ACRONYM_BEFORE.search(near)):
            # the initials must spell the office out, and the office must hold a title: never the body in
            # "Director-General of the Emergency Agency (EA)" or "Federal Bureau of Investigation (FBI)"
            words = [w for w in re.split(r"[\s-]+", office.group(1)) if w[:1].isupper() and w != "The"]
            if "".join(w[0] for w in words) == office.group(2) and any(w.lower() in TITLES for w in words):
                roles.append(office.group(2))
        if entity.kind == "person" and (age := _AGE_AFTER_NAME.match(tail)):
            entity.roles.add(f"{age.group(1)}-year-old")  # "Ann Todd, 70," is "the 70-year-old"
        if entity.kind == "person" and (seat := _REPRESENTS_AFTER_NAME.match(tail)):
            # "Coun. Joe Ruiz, who represents Ward 4," is "the Ward 4 councillor", not any councillor
            place = seat.group(1).lower()
            entity.roles.update({f"{place} {role}" for role in list(entity.roles) if role in TITLES})
        owned = _OWNER_KIN_BEFORE_NAME.search(near)
        if owned and owned.group(2).lower() in KIN:
            # "Hale's mother, Denise": the relation of someone the article named
            owner = self.registry.name(owned.group(1), create=False)
            if owner is not None and owner is not entity and owner.kind == "person":
                relation = KIN[owned.group(2).lower()]
                _link_kin(owner, relation, entity)
        kin = _KIN_BEFORE_NAME.search(near)
        if kin and kin.group(2).lower() in KIN:
            # "Agnieszka Kowalczyk … Her sister, Teresa Brand": whose sister is read past Teresa herself,
            # whom the pronoun would otherwise mean, being the latest woman mentioned; only someone this
            # paragraph names, as a pronoun reaching further back past a name is a guess
            owner = self.registry.pronoun(
                _OWNER_PRONOUN.get(kin.group(1).lower(), "they"), self.history, exclude=entity
            )
            here = any(h.entity is owner for h in self.history if h.para == self.registry.para)
            if owner is not None and here:
                relation = KIN[kin.group(2).lower()]
                _link_kin(owner, relation, entity)
        org = _ORG_APPOSITIVE.match(tail) or (
            descriptor and descriptor.group(1) in ORG_NOUNS and descriptor.end() == len(head)
        )
        first_named = is_first_name(entity.first or entity.canonical.split()[0])  # "Bob", "Tim Hale"
        # "boat operator Wiremu Karetu said he …": who says "he" or "she" of themselves is a person
        personal = first_named or _SAYS_HE_OR_SHE.match(tail)
        if org and entity.kind == "person" and not entity.gender_strong and not personal:
            entity.kind, entity.gender = "org", None  # "Stridely, the running app," is a company
        for role in roles:
            role = role.strip().lower().replace("’", "'")
            if not role or len(role.split()) > 4:
                continue
            head = role_head(role.split())
            entity.roles.update({role, head})
            if entity.kind == "person" and entity.gender is None:
                entity.gender = "f" if head in FEMALE_NOUNS else "m" if head in MALE_NOUNS else None

    def speaker_of(
        self, cue: tuple[str, int, int], exclude: Entity | None = None
    ) -> tuple[Entity | None, float]:
        entity, confidence = resolve_subject(cue[0], self.registry, self.history, exclude=exclude)
        if entity is not None:
            self.mention(entity, subject=True)
        return entity, confidence


_NICKNAME = re.compile(
    rf"[“\"‘'](?<={LOWER} .){UPPER}[\w’-]*(?: {UPPER}[\w’-]*)?[”\"’'] "
    rf"(?={UPPER}{LOWER}|{PARTICLE} {UPPER})"
)
"""A nickname in quotation marks between a given name and a family name: "Maria “Bing” Santos", "Ronald
“Bato” dela Rosa"."""

_GIVEN_BEFORE = re.compile(rf"{UPPER}{LOWER}+")


_BRACKETED_TITLE = re.compile(
    rf"(?:(?<={LOWER} )|(?<={LOWER}\. ))\(((?:Mrs|Ms|Miss|Mr)\.?)\)(?= {UPPER})"
)
"""A courtesy title in brackets after another title, as Nigerian papers stack them: "Dr (Mrs) Ada Eze"."""


def _without_nicknames(text: str) -> str:
    """The text with each nickname blanked to spaces (offsets kept): "Maria “Bing” Santos" is one name, Maria
    Santos, and the nickname neither a quotation nor a gap between the speech verb and its speaker. The
    brackets of a stacked courtesy title go too: "Dr (Mrs) Ada Eze" reads "Dr  Mrs  Ada Eze", a woman."""
    if "(" in text:
        text = _BRACKETED_TITLE.sub(r" \1 ", text)
    if "“" not in text and '"' not in text and "‘" not in text and "'" not in text:
        return text
    return _NICKNAME.sub(_blank, text)


def _blank(nickname: re.Match[str]) -> str:
    """A nickname's place as spaces, when a given name stands before it ("Maria", never "it")."""
    before = nickname.string[: nickname.start()].split()[-1:]
    return " " * len(nickname.group()) if before and _GIVEN_BEFORE.fullmatch(before[0]) else nickname.group()


def attribute(article: Article) -> list[Paragraph]:
    """Find quotations in every block and resolve their speakers, in reading order."""
    paras: list[Paragraph] = []
    who = _Attributor()
    who.registry.read_article(_without_nicknames(b.text) for b in article.blocks)
    carry: tuple[Entity | None, float] | None = None  # speaker carried into the next paragraph
    exchange: _Exchange | None = None  # a question and its answer traded paragraph by paragraph
    line: tuple[int, Entity, bool] | None = None  # the latest paragraph of one person's cued words: where,
    # who, and whether it ends in a question
    singles_speak: bool | None = None  # whether the article quotes speech in single marks (read when needed)
    transcript = _transcript_speakers(article)
    for index, block in enumerate(article.blocks):
        text = _without_nicknames(block.text)
        who.registry.read(index, text)
        if block.kind == "heading":
            paras.append(Paragraph(index, block.text, block.kind, []))
            carry = exchange = line = None
            continue
        if block.kind == "blockquote" and not find_quotes(text):
            q = QuoteSpan(0, len(text), closed=True, direct=True)
            dash = _SIGNED_BLOCKQUOTE.search(text)
            if dash:
                q.cue = (dash.group(1), dash.start(1), dash.end(1))
                q.end = dash.start()  # the signature is the narrator's, as a "said" is
            spans = [q]
        else:
            spans = find_quotes(text)
            _classify(text, spans)
        introduced = bool(paras) and paras[-1].text.rstrip().endswith(":")  # "Siobhan Kelly, 38, said:"
        if _crosshead(text, spans) and not introduced:
            if singles_speak is None:
                singles_speak = any(_single_marks_speak(b.text) for b in article.blocks)
            spans[0].direct = spans[0].direct and singles_speak
        direct = [q for q in spans if q.direct]
        opening = len(text) - len(text.lstrip())
        if direct and direct[-1].cue is None and index + 1 < len(article.blocks):
            # a quotation signed on the line below: "“… the top 1 percent.” ¶ - Bernie Sanders."
            signed = _SIGNATURE.fullmatch(article.blocks[index + 1].text)
            if signed and direct[-1].end >= len(text.rstrip()):
                direct[-1].cue = (signed.group(1), len(text), len(text))
        pos = 0
        found: dict[int, tuple[Entity | None, float]] = {}
        entities: dict[QuoteSpan, Entity] = {}
        for k, q in enumerate(spans):
            if not q.direct:
                continue
            if q.cue is not None and q.cue[0].lower() in ("he", "she") and _CONTINUES.match(text, q.cue[2]):
                _settle_gender(who.last_speaker, "f" if q.cue[0].lower() == "she" else "m")
            who.narration(text, pos, q.start)
            pos = q.end
            if q.cue and _LABEL_COLON.match(text, q.cue[2]) and who.registry.common_word(q.cue[0]):
                q.cue = None  # "Update: “…”", "Verdict: “…”": a heading's word, not who says it
            if transcript and q.start <= opening and (label := _transcript_label(text, q.start)):
                q.cue = label  # "“PENCE: Well, look …": the label names who speaks
            if q.cue is not None:
                reply = REPLY_VERBS.search(
                    text[q.cue[2] : q.cue[2] + 12] + " " + text[max(0, q.cue[1] - 12) : q.cue[1]]
                )
                pronoun = q.cue[0].lower() in ("he", "she")
                answering = who.last_question and (reply or who.question_put and pronoun)
                # "“Please hurry,” Ann Lee says. The dispatcher replies: “…”": no one replies to themselves
                answering = answering or bool(reply and who.quoted_here == index)
                asker = who.asker[1] if who.asker is not None and who.asker[0] >= index - 1 else None
                excluded = who.last_speaker if answering else asker if reply else None
                found[k] = who.speaker_of(q.cue, exclude=excluded)
                if found[k][0] is not None:
                    who.last_speaker, who.quoted_here = found[k][0], index
        who.narration(text, pos, len(text))
        if not direct and (partial := _cued_partial_quote(text, spans)) is not None:
            # "… calling Holt “a paper tiger,” Tamsin said as she turned.": the cue after a partial quotation
            # names who reported the paragraph, for a quotation that opens the next one with no cue
            entity, _ = resolve_subject(partial, who.registry, who.history)
            if entity is not None and entity.kind in ("person", "org"):
                who.reported = (index, entity)
        # "“…,” he said. Giles attempted … and said he had …": a sentence after the last quotation that
        # opens with someone else's name moves the paragraph on to them, so its speakers are not named again
        # at its end (where a later "he said" would take them over that person)
        speakers = {id(f[0]) for f in found.values() if f[0] is not None}
        moved_on = bool(speakers) and any(
            (opener := NAME_RE.match(sentence)) is not None
            and (person := who.registry.name(opener.group(), create=False)) is not None
            and person.kind == "person"
            and id(person) not in speakers
            for sentence in split_sentences(text[pos:])
        )
        question = bool(direct) and _QUESTION_END.search(text, direct[-1].start, direct[-1].end) is not None
        words_outside = (
            len(text.split()) - sum(len(text[q.start : q.end].split()) for q in direct) if direct else 0
        )
        turn = None
        bare = direct and words_outside == 0 and not any(q.cue for q in direct)
        if bare and exchange is not None and exchange.para == index - 1:
            turn = exchange.next_line(
                question, functools.partial(_named_reply_next, article, index, who.registry)
            )
        # quotations without a cue of their own: the paragraph's other quotations, then the context
        for k, q in enumerate(spans):
            if not q.direct:
                continue
            cued = k in found and found[k][0] is not None
            if not cued:
                before = [found[j] for j in range(k - 1, -1, -1) if j in found and found[j][0]]
                after = [found[j] for j in range(k + 1, len(spans)) if j in found and found[j][0]]
                opens_paragraph = q.start <= opening
                partial = spans[k - 1] if k else None
                reporter: tuple[Entity | None, float] = (None, 0.0)
                if partial and not partial.direct and partial.cue and partial.cue[1] >= partial.end:
                    # "Ortiz was not one for “…,” said one former aide. “When she …”": the cue of the partial
                    # quotation just before names the speaker, not the subject of its sentence
                    reporter = resolve_subject(partial.cue[0], who.registry, who.history)
                if reporter[0] is not None:
                    found[k] = (reporter[0], min(reporter[1], 0.6))
                elif before:
                    found[k] = (before[0][0], before[0][1] * 0.9)
                elif after:
                    found[k] = (after[0][0], after[0][1] * 0.9)
                elif turn is not None:
                    found[k] = (turn, 0.6)
                elif opens_paragraph and carry is not None and carry[0] is not None:
                    found[k] = carry
                elif opens_paragraph and who.reported is not None and who.reported[0] == index - 1:
                    found[k] = (who.reported[1], 0.6)
                elif opens_paragraph and (subject := _narration_subject(who, paras, index - 1)):
                    found[k] = (subject, 0.5)
                else:
                    found[k] = _fallback(who, text, q, carry)
                if _other_sex(found[k][0], q.cue):
                    found[k] = (None, 0.0)  # "Ruth Ames spoke first. ¶ “No,” he said.": someone else, unnamed
            entity, confidence = found[k]
            q.speaker = entity.canonical if entity else None
            if entity is not None:
                entities[q] = entity
            q.confidence = round(confidence, 2)
            if entity is not None:
                who.registry.touch(entity)
                if not (cued and moved_on):
                    who.mention(entity, subject=True)
                who.last_speaker = entity
        turns: list[tuple[Entity | None, bool]] = []  # each run of one speaker's quotations; whether it asks
        for k in sorted(found):
            asks = _QUESTION_END.search(text, spans[k].start, spans[k].end) is not None
            if turns and turns[-1][0] is found[k][0]:
                turns[-1] = (found[k][0], asks)
            else:
                turns.append((found[k][0], asks))
        if direct and words_outside <= _CUE_WORDS * len(turns):
            for speaker, asks in turns:
                exchange, line = _follow_exchange(exchange, line, index, speaker, asks)
        elif not direct and who.asker is not None and who.asker[0] == index and who.asker[1].kind == "person":
            # "Sen. Ada Quill asked Rowan Pike whether …": a question in narration is the asker's line
            exchange, line = None, (index, who.asker[1], True)
        else:
            exchange = line = None
        if direct:
            last = direct[-1]
            who.last_question = question
            who.question_put = (
                who.last_question and last.cue is not None and bool(_ASKED_SOMEONE.match(text, last.cue[2]))
            )
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
        paras.append(Paragraph(index, block.text, block.kind, spans, entities))
    _name_from_next_paragraph(paras, who.registry)
    for para in paras:
        for q, entity in para.entities.items():
            q.speaker = entity.canonical  # the fullest name the article gave them
    _backfill_open_quotes(paras)
    return paras


_THAT_IS_HOW = re.compile(
    rf"(?:That['’]s|That\s+(?:is|was)|Those\s+(?:are|were)|This\s+is|Such\s+(?:is|was))\s+"
    rf"(?:how|what|(?:(?:some|one|part)\s+of\s+)?{WORDS_OF.pattern})\s*((?:{CAP}[ \u00a0]+){{0,4}}{CAP})"
)
"""A paragraph that names whose the quotation before it was: "That's how Marie Tremblay described the
fire", "Those were the words of Luc Roy"."""


_PASSIVE_AUXILIARY = re.compile(r"\b(?:was|were|is|are|be|been|being)\s+(?:\w+ly\s+)?$", re.I)
"""The auxiliary right before a participle ("was asked"): the subject is acted on."""
_QUESTION_END = re.compile(r"\?\W*$")
_CUE_WORDS = 6
"""The most words beside the quotations of a paragraph that is one line of an exchange: its cue alone
("Sen. Martin Kowal (R-Ohio) asked.", "the detective answered.")."""


@dataclass
class _Exchange:
    """Two people trading questions and answers paragraph by paragraph (a hearing, a cross-examination, an
    interview write-up), where a paragraph of bare quotation is the next line of one of them."""

    asker: Entity
    answerer: Entity
    para: int
    """The latest paragraph of the exchange."""
    turn: Entity
    """Whose line comes next: the other one than who spoke last."""
    asked: bool = False
    """Whether the latest line was the asker's question."""

    def took(self, speaker: Entity, para: int, question: bool) -> None:
        self.para, self.asked = para, speaker is self.asker and question
        self.turn = self.answerer if speaker is self.asker else self.asker

    def next_line(self, question: bool, named_reply_next: Callable[[Entity], bool]) -> Entity | None:
        """Who says a paragraph of bare quotation next in the exchange, if it is clear: a question is the
        asker's, and so is a remark the answerer's named reply follows ("“That's not a no.” ¶ “It's not a
        yes either,” Stone said."); the line after the asker's question is the answer. Anything else may
        be the answerer going on, and is left to the context."""
        if self.turn is self.asker:
            return self.asker if question or named_reply_next(self.answerer) else None
        return self.answerer if self.asked else None


def _follow_exchange(
    exchange: _Exchange | None,
    line: tuple[int, Entity, bool] | None,
    index: int,
    speaker: Entity | None,
    asks: bool,
) -> tuple[_Exchange | None, tuple[int, Entity, bool] | None]:
    """The exchange and the latest line after ``speaker``'s words in paragraph ``index``: "“…?” Sen. Ada Quill
    asked." then "“I don't recall,” Rowan Pike replied." (in the next paragraph or the same one) begins an
    exchange, and it goes on while the two of them speak in turn."""
    if speaker is None or speaker.kind != "person":
        return None, None
    if exchange is not None and exchange.para >= index - 1 and speaker in (exchange.asker, exchange.answerer):
        exchange.took(speaker, index, asks)
    elif line is not None and line[0] >= index - 1 and line[2] and line[1] is not speaker:
        exchange = _Exchange(line[1], speaker, index, line[1])
    else:
        exchange = None
    return exchange, (index, speaker, asks)


def _named_reply_next(article: Article, index: int, registry: Registry, answerer: Entity) -> bool:
    """Whether the paragraph after this one opens with a quotation whose cue names ``answerer``, as a
    reply, not as words going on ("she added")."""
    if index + 1 >= len(article.blocks):
        return False
    text = _without_nicknames(article.blocks[index + 1].text)
    spans = find_quotes(text)
    _classify(text, spans)
    first = next((q for q in spans if q.direct), None)
    if first is None or first.start > len(text) - len(text.lstrip()) or first.cue is None:
        return False
    if _CONTINUES.match(text, first.cue[2]):
        return False
    return registry.name(first.cue[0], create=False) is answerer


def _name_from_next_paragraph(paras: list[Paragraph], registry: Registry) -> None:
    """A paragraph that is only a quotation, with no cue, whose speaker the next paragraph names ("“We lost
    everything.” ¶ That's how Marie Tremblay, 67, described the fire"): a lede's device, which the
    quotation's context (the speaker before it, or no one) cannot know."""
    for para, nxt in pairwise(paras):
        direct = [q for q in para.quotes if q.direct]
        named = _THAT_IS_HOW.match(nxt.text) if direct else None
        if named is None or any(q.cue is not None for q in direct):
            continue
        outside = para.text
        for q in reversed(direct):
            outside = outside[: q.start] + outside[q.end :]
        if outside.strip():
            continue  # narration beside the quotation is its own context
        entity = registry.name(named.group(1), create=False)
        if entity is not None and entity.kind == "person":
            for q in direct:
                para.entities[q], q.gender = entity, entity.gender


_CONTINUES = re.compile(r"\s+(?:continued|added|went on)\b")
"""A cue verb that carries on the last speaker's words: "He continued, “…”", "he added"."""


def _cued_partial_quote(text: str, spans: list[QuoteSpan]) -> str | None:
    """The speaker named right after a partial quotation in a paragraph's last sentence: "Baird “is
    tapping into something,” Simon Roth told the magazine." → Simon Roth."""
    for q in reversed(spans):
        if q.cue is not None and q.cue[1] >= q.end:
            return q.cue[0] if len(split_sentences(text[q.cue[2] :])) <= 1 else None
    return None


def _other_sex(entity: Entity | None, cue: tuple[str, int, int] | None) -> bool:
    """Whether the cue is "he" or "she" and ``entity`` surely of the other sex (by a title, a pronoun the
    article used, or a first name given to one sex only)."""
    if entity is None or cue is None or cue[0].lower() not in ("he", "she") or entity.kind != "person":
        return False
    sure = entity.gender_strong or bool(entity.first and first_name_sure(entity.first))
    return sure and entity.gender not in (None, "m" if cue[0].lower() == "he" else "f")


def _settle_gender(speaker: Entity | None, gender: str) -> None:
    """ "Lindsey Graham said, “…” ¶ He continued, “…”": a pronoun carrying on the last speaker's words
    tells their gender, when the name table only guessed it from a first name worn by both sexes."""
    if speaker is None or speaker.kind != "person" or speaker.gender_strong:
        return
    if speaker.gender in (None, gender):
        return
    if speaker.first and not first_name_sure(speaker.first):
        speaker.gender, speaker.gender_strong = gender, True


def _crosshead(text: str, spans: list[QuoteSpan]) -> bool:
    """A paragraph that is only a short phrase in single marks ("'All Bets Are Off.'"): where speech is in
    double marks, single ones never stand alone, so it is a subheading quoting the text below."""
    return (
        len(spans) == 1
        and spans[0].closed
        and spans[0].start == len(text) - len(text.lstrip())
        and spans[0].end >= len(text.rstrip())
        and _single_mark(text, spans[0])
        and len(text.split()) <= 8
    )


def _single_marks_speak(text: str) -> bool:
    """Whether a paragraph quotes speech in single marks ("'We lost,' she said."), not a crosshead."""
    spans = find_quotes(text)
    if not any(_single_mark(text, q) for q in spans) or _crosshead(text, spans):
        return False
    _classify(text, spans)
    return any(q.direct and _single_mark(text, q) for q in spans)


def _single_mark(text: str, q: QuoteSpan) -> bool:
    return text[q.start] in "'‘" and text[q.start : q.start + 2] != "''"  # wire copy's '' is a double mark


_OFFICE_BEFORE = re.compile(r"(?:^|\s)(?:The|the|His|his|Her|her|Their|their|Its|its)\s[^,]+,\s*$")
"""An office with its determiner, before a name in apposition: "The Chairman of the Cocoa Board, "."""


def _reporting_subject(sentence: str) -> tuple[int, int] | None:
    """Where the speaker of a reported-speech sentence stands in it: the noun phrase right before the
    speech verb ("…, Stovall said.") or right after it following a quotation ("…,” said Jo Hale)."""
    masked = mask_relatives(sentence)
    verb = VERB_RE.search(masked)
    if verb is None:
        return None
    pre = masked[: verb.start()]
    subject = adjacent_subject(pre)
    if subject is not None and pre.rstrip().endswith(subject):
        end = len(pre.rstrip())
        return end - len(subject), end
    if subject is not None and pre.rstrip().endswith(","):
        # "A shop steward, Tobias Pitt of Local 12 in Dunmore, said": the name opens the last aside
        k = pre.rstrip()[:-1].rfind(",") + 1
        k += len(pre[k:]) - len(pre[k:].lstrip())
        if re.match(re.escape(subject) + r"\s+(?:of|at|from)\s", pre[k:]) or (
            re.match(re.escape(subject) + r"\s*,\s*$", pre[k:]) and _OFFICE_BEFORE.search(pre[:k])
        ):
            # "The Chairman of the Cocoa Board, Kofi Mensah, said": the name in apposition to a capitalised
            # office, which would otherwise be read first as the subject (never a tag: "Jo Hale, R-Utah,")
            return k, k + len(subject)
    if re.search(r"[\"”’'],?\s*$", pre):
        after = masked[verb.end() :]
        found = forward_subject(after)
        if found:
            start = verb.end() + after.find(found)
            return start, start + len(found)
    return None


def _narration_subject(who: _Attributor, paras: list[Paragraph], index: int) -> Entity | None:
    """The person a paragraph of plain narration was last about ("… since Trump spoke only in bromides
    during the interview."), for a quotation that opens the next paragraph with no cue of its own."""
    if not paras or paras[-1].index != index or paras[-1].kind != "paragraph":
        return None
    if any(q.direct for q in paras[-1].quotes):
        return None
    for mention in reversed(who.history):
        if mention.para < index:
            return None
        if mention.para == index and mention.subject and mention.entity.kind == "person":
            return mention.entity
    return None


def _fallback(
    who: _Attributor, text: str, q: QuoteSpan, carry: tuple[Entity | None, float] | None
) -> tuple[Entity | None, float]:
    """No cue next to the quotation: the subject of its own sentence ("Dr Adebayo was careful – “…” –"),
    a speaker introduced just before, the carried-over speaker, or the last speaker."""
    before = text[max(0, q.start - _LOOKBACK) : q.start]
    sentences = split_sentences(before)
    alone = sentences and VERB_RE.fullmatch(sentences[-1].strip(" ,").lower())  # "Adding, “…”": no subject
    if sentences and not alone and not re.search(r"[.!?…][\"”’']?\s*$", before):
        own = _subject_in_sentence(sentences[-1])
        label = sentences[-1].rstrip().endswith(":") and not VERB_RE.search(sentences[-1])
        if own and label and (is_thing(own) or who.registry.common_word(own)):
            own = None  # "The big reveal: “…”", "Verdict: “…”": a label, not a speaker; the quotation is
            # someone else's
        if own:
            entity, confidence = resolve_subject(own, who.registry, who.history)
            if entity is not None:
                return entity, min(confidence, 0.6)
    for number, sentence in enumerate(reversed(sentences)):
        subject = clause_subject(sentence)
        if subject and sentence.rstrip().endswith(":") and who.registry.common_word(subject[0]):
            subject = None  # "Verdict:": a label
        if subject:
            entity, confidence = resolve_subject(subject[0], who.registry, who.history)
            if entity is not None:
                return entity, min(confidence, 0.5)
        elif number == 0 and (actor := _named_actor(who, sentence)) is not None:
            # "Clinton touted her record on the bill. “We need …”": a quotation right after a sentence about
            # what a named person did is theirs, not the last speaker's
            return actor, 0.5
    if carry is not None and carry[0] is not None:
        return carry[0], carry[1] * 0.8
    for m in reversed(list(NAME_RE.finditer(before))):
        entity = who.registry.name(m.group(), create=False)
        if entity is not None and entity.kind != "org":
            return entity, 0.4
    return who.last_speaker, 0.3 if who.last_speaker else 0.0


_ACTION_AFTER_NAME = re.compile(
    r"(?:,\s+[^,.;:“”\"]{1,60},)?"  # an apposition first: "Jo Hale, a farmer near Bega, shrugged"
    rf"\s+(?:also\s+|then\s+|later\s+)?(?:{LOWER}+(?:ed|s)|had|was|hit|shook|sat|stood|took|rose|struck|shot)\b"
)
"""A past-tense verb (or an auxiliary) right after a sentence's opening name: "Clinton touted …"."""


def _named_actor(who: _Attributor, sentence: str) -> Entity | None:
    """The known person a sentence of narration opens with as the subject of a verb: "Marta Quill touted
    her credentials …" → Marta Quill; "Her sister snorts." → the sister of the woman just quoted, when the
    article named her."""
    sentence = sentence.lstrip()
    kin = _KIN_PHRASE.match(sentence)
    if kin and kin.group(2).lower() in KIN and _ACTION_AFTER_NAME.match(sentence, kin.end()):
        pronoun = _OWNER_PRONOUN.get(kin.group(1).lower(), "they")
        owner = who.registry.pronoun(pronoun, who.history)
        return owner.kin.get(KIN[kin.group(2).lower()]) if owner is not None else None
    if (pronoun := _PRONOUN_OPENER.match(sentence)) and _ACTION_AFTER_NAME.match(sentence, pronoun.end()):
        return who.registry.pronoun(pronoun.group().lower(), who.history)  # "She shakes her head. “…”"
    if asked := _QUESTION_ABOUT.match(sentence):
        return who.registry.pronoun(asked.group(1), who.history)  # "Does she regret it? “Not a bit.”"
    opener = _OFFICE_THEN_NAME.match(sentence) or NAME_RE.match(sentence)
    if opener is None or not _ACTION_AFTER_NAME.match(sentence, opener.end()):
        return None
    entity = who.registry.name(opener.group(opener.lastindex or 0), create=False)
    return entity if entity is not None and entity.kind == "person" else None


_PRONOUN_OPENER = re.compile(r"(?:He|She)\b")
_QUESTION_ABOUT = re.compile(
    r"(?:(?:What|Why|How|When|Where)(?:\s+\w+)?\s+)?(?:Does|Did|Is|Was|Will|Would|Has|Had|Can|Could|Should|does|did|"
    r"is|was|will|would|has|had|can|could|should)\s+(he|she)\b[^.!?]*\?\W*$"
)
"""The writer's question about someone, answered by the quotation: "Does she regret it?", "What does he
make of it?"."""
_OFFICE_THEN_NAME = re.compile(rf"(?:The|His|Her|Their)\s+[^,.;:“”\"]{{1,40}},\s+({NAME_RE.pattern}),")
"""A role, then the name in apposition: "The Tory leader, Kemi Ross, hit back." → Kemi Ross."""


def _subject_in_sentence(sentence: str) -> str | None:
    found = subject_in(mask_relatives(sentence), 0)
    return found[0] if found else None


def _backfill_open_quotes(paras: list[Paragraph]) -> None:
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
                    if following[0] in nxt.entities:
                        para.entities[q] = nxt.entities[following[0]]
                    q.gender = following[0].gender
