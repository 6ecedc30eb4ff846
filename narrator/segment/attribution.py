"""Who said it: find quotations in a paragraph and give each one to its speaker.

News writing has a small grammar of attribution ("…,” she said.", "Mr Kerr added: ‘…’", "said Linda
Okafor, the mayor"), so plain rules go a long way: find the cue next to each quotation, trim its subject
to a name, and resolve names, titles, roles and pronouns to people introduced earlier in the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

# --- quotation marks ----------------------------------------------------------------------------

_PAIRS = {"“": "”", '"': '"', "‘": "’", "'": "'", "«": "»", "„": "“", "``": "''", "''": "''"}
_ELISION = re.compile(r"(?:\d\d?s?\b|em\b|tis\b|twas\b|n['’]|cause\b|til\b|bout\b|round\b)", re.I)
_OPEN_BEFORE = set(' \t\n([{“"‘—–-/:')


@dataclass
class QuoteSpan:
    """An outer quotation inside one paragraph (offsets include the marks)."""

    start: int
    end: int
    closed: bool
    direct: bool = False
    speaker: str | None = None
    confidence: float = 0.0
    cue: tuple[str, int, int] | None = None
    """The attribution's subject as written, with its offsets in the paragraph."""
    gender: str | None = None
    """What attribution learned about the speaker's gender: "f", "m" or None."""
    entity: Entity | None = None
    """The speaker as resolved; its canonical name may grow as the article names them in full."""


def find_quotes(text: str) -> list[QuoteSpan]:
    """Outer quotations in reading order; nested ones stay inside the outer span. A quotation that opens
    at a sentence start and never closes runs to the end of the paragraph (multi-paragraph quotes)."""
    spans: list[QuoteSpan] = []
    i, n = 0, len(text)
    while i < n:
        mark = text[i : i + 2] if text[i : i + 2] in ("``", "''") else text[i]
        if mark not in _PAIRS or not _can_open(text, i, mark):
            i += 1
            continue
        close = _find_close(text, i + len(mark), mark)
        if close is None:
            if _starts_sentence(text, i) and (mark != "'" or i == 0 or text[:i].rstrip().endswith(":")):
                spans.append(QuoteSpan(i, n, closed=False))
                break
            i += len(mark)
            continue
        end = close + len(_PAIRS[mark])
        spans.append(QuoteSpan(i, end, closed=True))
        i = end
    return spans


def _can_open(text: str, i: int, mark: str) -> bool:
    after = text[i + len(mark) : i + len(mark) + 1]
    if not after or after.isspace():
        return False
    if mark in ("'", "‘", "''"):
        before = text[i - 1] if i else " "
        if before not in _OPEN_BEFORE:
            return False
        if _ELISION.match(text, i + len(mark)):
            return False
    return True


def _find_close(text: str, j: int, mark: str) -> int | None:
    closer = _PAIRS[mark]
    if mark in ("'", "‘"):
        candidates = []
        for k in range(j, len(text)):
            c = text[k]
            if mark == "‘" and c == "‘" and _can_open(text, k, c) and candidates:
                break  # a new quotation opens: stop looking further
            if c != closer:
                continue
            nxt = text[k + 1 : k + 2]
            prev = text[k - 1]
            if prev.isspace() or (nxt and (nxt.isalnum())):
                continue  # an apostrophe: don't, husband’s
            candidates.append(k)
            # "the residents’ homes": a plural possessive, if a better close follows
            if prev in "sS" and re.match(r"\s+[a-z]", text[k + 1 : k + 3]):
                continue
            return k
        return candidates[0] if candidates else None
    # double marks: the next closer, unless the same opener (not its own closer) opens first
    k = text.find(closer, j)
    if k < 0:
        return None
    if closer != mark:
        again = text.find(mark, j)
        if 0 <= again < k:
            return None
    return k


def _starts_sentence(text: str, i: int) -> bool:
    before = text[:i].rstrip()
    return (
        not before
        or before[-1] in ".!?:…;—–"
        or before.endswith((" -", " --"))
        or before.endswith(tuple(_PAIRS.values()))
    )


# --- vocabulary ---------------------------------------------------------------------------------

SPEECH_VERBS = (
    "said|says|say|saying|told|tells|added|adds|wrote|writes|asked|asks|replied|replies|warned|warns|insisted"
    "|insists|explained|explains|noted|notes|recalled|recalls|continued|continues|argued|argues|claimed|claims"
    "|admitted|admits|acknowledged|acknowledges|stated|states|declared|declares|announced|announces|tweeted"
    "|posted|responded|responds|remarked|observed|shouted|yelled|whispered|laughed|laughs|smiled|smiles|grinned|sighs|joked|jokes|conceded"
    "|concedes|agreed|agrees|suggested|suggests|predicted|predicts|cautioned|urged|urges|concluded|testified"
    "|boasted|complained|complains|confirmed|confirms|vowed|promised|pleaded|sighed|cried|exclaimed|mused"
    "|countered|counters|maintained|maintains|stressed|stresses|emphasised|emphasized|reflected|remembered"
    "|remembers|emailed|texted|wondered|wonders|offered|advised|answered|answers|quipped|snapped|recounted"
    "|recounts|reported|reports|interjected|protested|objected|demanded|begged|pointed out|went on|chimed in"
)
_VERB = rf"(?:{SPEECH_VERBS})"
_VERB_RE = re.compile(rf"\b{_VERB}\b")
_ADVERB = (
    r"(?:(?!(?:family|only|early|daily|weekly|monthly|rally|ally|supply|reply|assembly|italy|july)\b)[a-z]+ly"
    r"|once|later|also|then|now|previously|recently|earlier|still|simply|just|again|too)"
)

TITLE_GENDER = {
    "mr": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "sir": "m",
    "dame": "f",
    "lord": "m",
    "lady": "f",
    "king": "m",
    "queen": "f",
    "prince": "m",
    "princess": "f",
    "father": "m",
    "sister": "f",
    "brother": "m",
    "madam": "f",
    "mister": "m",
    "uncle": "m",
    "aunt": "f",
    "grandma": "f",
    "grandpa": "m",
    "mx": None,
}
TITLES = set(TITLE_GENDER) | {
    "dr",
    "prof",
    "professor",
    "rev",
    "reverend",
    "cllr",
    "councillor",
    "councilman",
    "councilwoman",
    "commissioner",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "president",
    "vice",
    "prime",
    "minister",
    "secretary",
    "chancellor",
    "mayor",
    "judge",
    "justice",
    "lieutenant",
    "lt",
    "commander",
    "cmdr",
    "general",
    "gen",
    "col",
    "colonel",
    "captain",
    "capt",
    "chief",
    "sgt",
    "sergeant",
    "officer",
    "detective",
    "inspector",
    "di",
    "dci",
    "ds",
    "dc",
    "pc",
    "constable",
    "superintendent",
    "supt",
    "coach",
    "pope",
    "bishop",
    "archbishop",
    "cardinal",
    "rabbi",
    "imam",
    "deputy",
    "assistant",
    "attorney",
    "admiral",
    "major",
    "private",
    "corporal",
    "ambassador",
    "speaker",
    "sheriff",
    "principal",
    "dean",
    "nurse",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "congressman",
    "congresswoman",
    "premier",
    "chief executive",
    "ceo",
    "mp",
    "msp",
    "mep",
    "state",
    "foreign",
    "home",
    "health",
    "defence",
    "defense",
    "education",
    "finance",
    "interior",
    "shadow",
    "former",
    "acting",
    "sen.",
    "rep.",
    "gov.",
    "dr.",
    "mr.",
    "mrs.",
    "ms.",
    "prof.",
    "lt.",
    "col.",
    "gen.",
    "sgt.",
    "capt.",
    "st",
    "det",
    "insp",
    "supt.",
    "det.",
    "insp.",
}
_FEMALE_NOUNS = {
    "woman",
    "women",
    "mother",
    "mum",
    "mom",
    "daughter",
    "wife",
    "sister",
    "grandmother",
    "girl",
    "spokeswoman",
    "chairwoman",
    "congresswoman",
    "councilwoman",
    "actress",
    "businesswoman",
    "widow",
    "grandma",
    "aunt",
    "niece",
    "lady",
    "queen",
    "princess",
    "nan",
    "granddaughter",
    "girlfriend",
}
_MALE_NOUNS = {
    "man",
    "men",
    "father",
    "dad",
    "son",
    "husband",
    "brother",
    "grandfather",
    "boy",
    "spokesman",
    "chairman",
    "congressman",
    "councilman",
    "actor",
    "businessman",
    "widower",
    "grandpa",
    "uncle",
    "nephew",
    "king",
    "prince",
    "grandson",
    "boyfriend",
}
# Capitalised words that start sentences or name times and places, not people.
_NOT_NAMES = set(
    [
        "the",
        "a",
        "an",
        "and",
        "but",
        "or",
        "so",
        "yet",
        "for",
        "nor",
        "if",
        "when",
        "while",
        "as",
        "after",
        "before",
        "since",
        "until",
        "because",
        "although",
        "though",
        "in",
        "on",
        "at",
        "by",
        "from",
        "to",
        "of",
        "with",
        "without",
        "about",
        "into",
        "onto",
        "over",
        "under",
        "between",
        "among",
        "through",
        "during",
        "against",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "it's",
        "there",
        "here",
        "then",
        "now",
        "later",
        "earlier",
        "meanwhile",
        "however",
        "also",
        "still",
        "even",
        "only",
        "just",
        "both",
        "each",
        "every",
        "all",
        "some",
        "many",
        "most",
        "more",
        "much",
        "few",
        "several",
        "other",
        "another",
        "such",
        "no",
        "not",
        "none",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "them",
        "us",
        "him",
        "me",
        "who",
        "whom",
        "whose",
        "what",
        "which",
        "why",
        "how",
        "where",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "hundred",
        "thousand",
        "dozens",
        "hundreds",
        "thousands",
        "first",
        "second",
        "third",
        "last",
        "next",
        "new",
        "old",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "according",
        "democrat",
        "republican",
        "afterward",
        "afterwards",
        "separately",
        "elsewhere",
        "overall",
        "again",
        "nevertheless",
        "nonetheless",
        "similarly",
        "likewise",
        "indeed",
        "finally",
        "eventually",
        "initially",
        "originally",
        "together",
        "outside",
        "inside",
        "critics",
        "supporters",
        "officials",
        "residents",
        "analysts",
        "experts",
        "others",
        "asked",
        "speaking",
        "despite",
        "following",
        "under",
        "instead",
        "perhaps",
        "maybe",
        "yes",
        "no",
        "oh",
        "well",
        "like",
        "unlike",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sir",
        "dame",
        "lord",
        "lady",
        "st",
    ]
)
_PRONOUNS = {"he": "m", "she": "f", "they": None, "we": None, "i": None}
_QUANTIFIERS = r"(?:one|some|many|most|two|three|several|none|each|all|any|another)"
_DETERMINERS = r"(?:the|a|an|one|another|his|her|their|its|our|my|two|three|several|some)"
_ABBREVIATION = (
    r"(?:[A-Z][a-z]?|Mrs|Capt|Sgt|Prof|Gov|Sen|Rep|Gen|Col|Cmdr|Rev|Hon|Lieut|Supt|Insp|Det|Cllr)\."
)
# A name word ends with a full stop only as an initial or a known abbreviation ("J.", "Jr.", "Sen.",
# "U.S."): otherwise the stop ends the sentence, and "said Jane Smith. The end." must stop at Smith.
_CAP = rf"(?:{_ABBREVIATION}|[A-Z]\.(?:[A-Z]\.)+|[A-Z][\w'’-]*\w|[A-Z])"
_PARTICLE = r"(?:de|del|della|di|da|du|van|von|der|den|le|la|bin|ibn|al|el|dos|das|y)"
NAME_RE = re.compile(rf"{_CAP}(?:[ \u00a0]+(?:{_CAP}|(?:{_PARTICLE}|of|for|the)(?=[ \u00a0]+[A-Z])))*")
_ORG_WORDS = {
    "police",
    "council",
    "agency",
    "department",
    "ministry",
    "office",
    "company",
    "inc",
    "ltd",
    "corp",
    "records",
    "group",
    "union",
    "association",
    "society",
    "partnership",
    "coalition",
    "committee",
    "commission",
    "authority",
    "service",
    "services",
    "foundation",
    "organization",
    "organisation",
    "institute",
    "university",
    "school",
    "hospital",
    "trust",
    "bank",
    "board",
    "federation",
    "league",
    "club",
    "party",
    "government",
    "force",
    "network",
    "press",
    "news",
    "times",
    "post",
    "bbc",
    "nhs",
    "fbi",
    "court",
    "airline",
    "airlines",
    "labs",
    "systems",
    "technologies",
    "media",
    "studio",
    "studios",
    "fund",
    "campaign",
}
_ORG_HEADS = {
    "force",
    "company",
    "firm",
    "council",
    "agency",
    "department",
    "club",
    "group",
    "organisation",
    "organization",
    "charity",
    "party",
    "government",
    "ministry",
    "coalition",
    "union",
    "label",
    "team",
}
_ROLE_SYNONYMS = {
    "coach": {"manager", "boss", "head coach"},
    "manager": {"coach", "boss"},
    "boss": {"manager", "coach"},
    "pm": {"prime minister"},
    "prime minister": {"pm"},
    "spokesman": {"spokesperson", "spokeswoman"},
    "spokeswoman": {"spokesperson", "spokesman"},
    "spokesperson": {"spokesman", "spokeswoman"},
    "officer": {"detective", "inspector", "sergeant", "constable"},
    "detective": {"inspector", "di"},
    "lawmaker": {"senator", "congressman", "congresswoman", "representative", "mp"},
    "senator": {"lawmaker", "sen"},
    "sen": {"senator"},
    "chief": {"chief executive", "ceo"},
    "ceo": {"chief executive"},
    "chief executive": {"ceo"},
}
_PLACE_WORDS = {
    "road",
    "street",
    "st",
    "avenue",
    "ave",
    "lane",
    "drive",
    "way",
    "square",
    "park",
    "river",
    "lake",
    "bridge",
    "district",
    "city",
    "county",
    "state",
    "island",
    "islands",
    "valley",
    "hill",
    "hills",
    "mountain",
    "mountains",
    "forest",
    "beach",
    "bay",
    "coast",
    "centre",
    "center",
    "hall",
    "stadium",
    "station",
    "airport",
    "base",
    "ocean",
    "sea",
    "sound",
    "harbour",
    "harbor",
    "court",
    "house",
    "building",
    "tower",
    "church",
    "cathedral",
    "market",
    "village",
    "town",
    "north",
    "south",
    "east",
    "west",
    "peninsula",
    "region",
    "province",
    "kingdom",
    "republic",
    "union",
    "cup",
    "olympics",
    "games",
    "festival",
    "awards",
    "prize",
    "day",
    "week",
    "year",
    "war",
    "act",
    "bill",
    "report",
} | _ORG_WORDS
_PUBLIC_BODIES = {
    "administration",
    "agency",
    "department",
    "ministry",
    "police",
    "council",
    "service",
    "authority",
    "commission",
    "committee",
    "court",
    "government",
    "office",
    "parliament",
    "congress",
    "senate",
    "university",
    "school",
    "hospital",
    "union",
    "association",
    "foundation",
    "institute",
    "charity",
    "party",
}
_SPOKES = re.compile(r"\b(?:spokes(?:person|man|woman|people)|representative|official|officials)\b", re.I)


@lru_cache(maxsize=4096)
def first_name_gender(name: str) -> str | None:
    """ "f"/"m" from a first name via gender-guesser (imported lazily: it loads a large table)."""
    detector = gender_detector()
    guess = detector.get_gender(name)
    return {"female": "f", "mostly_female": "f", "male": "m", "mostly_male": "m"}.get(guess)


@lru_cache(maxsize=1)
def gender_detector():  # noqa: ANN202 (gender_guesser has no type hints)
    """One shared first-name table per process.

    gender-guesser parses its 48,000-line table through ``codecs`` line by line (0.24 s); reading the
    file in one go and feeding the same parser gives the identical table in half the time.
    """
    import gender_guesser.detector

    class WholeFileDetector(gender_guesser.detector.Detector):
        def _parse(self, filename: str) -> None:
            self.names = {}
            with open(filename, encoding="utf-8") as handle:
                for line in handle.read().splitlines():
                    self._eat_name_line(line.strip())

    return WholeFileDetector(case_sensitive=False)


# --- people in the article ----------------------------------------------------------------------


@dataclass(eq=False)
class Entity:
    """Someone (or some organisation) the article mentions, with every way it refers to them."""

    canonical: str
    kind: str  # person, org, unnamed
    gender: str | None = None
    gender_strong: bool = False
    first: str | None = None
    last: str | None = None
    names: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    last_seen: int = 0
    kin: dict[str, Entity] = field(default_factory=dict)
    """Family ties the article states ("her son Liam"): relation ("parent", "child" …) → entity."""


@dataclass
class Mention:
    start: int
    end: int
    entity: Entity
    para: int = -1
    """The paragraph (block index) the mention is in."""
    subject: bool = False
    """Whether the entity was the subject of its sentence (what a later "he said" most likely means)."""


def _clean_token(tok: str) -> str:
    return tok.rstrip(".").replace("’", "'")


def split_name(surface: str) -> tuple[list[str], list[str]]:
    """ "Japanese Prime Minister Shinzo Abe" → (["Prime", "Minister"], ["Shinzo", "Abe"]): titles and the
    name that follows the last of them."""
    tokens = surface.split()
    while (
        tokens and tokens[0].lower().rstrip(".") in _NOT_NAMES and tokens[0].lower().rstrip(".") not in TITLES
    ):
        tokens.pop(0)
    last_title = -1
    for k, tok in enumerate(tokens):
        if _clean_token(tok).lower() in TITLES and k < len(tokens) - 1:
            last_title = k
    titles, name = tokens[: last_title + 1], tokens[last_title + 1 :]
    lower = [
        k
        for k, tok in enumerate(name)
        if tok[:1].islower()
        and not re.fullmatch(_PARTICLE, tok)
        and not (tok in ("of", "for", "the") and 0 < k < len(name) - 1 and name[k + 1][:1].isupper())
    ]
    if lower:  # "launch director Rachel Yoon", "Met Office forecaster Hannah Lowe"
        name = name[lower[-1] + 1 :]
    if titles and name and _clean_token(name[-1]).lower() in _ORG_WORDS and len(name) < 4:
        # "World Health Organization", "Health Department": an organisation, not a titled person
        name, titles = titles + name, []
    # drop a leading descriptor before the titles ("Japanese Prime Minister")
    while titles and _clean_token(titles[0]).lower() not in TITLES:
        titles.pop(0)
    while len(name) >= 3 and first_name_gender(name[0]) is None and first_name_gender(name[1]) is not None:
        name = name[1:]  # "Neighbour Pauline Grady": a capitalised descriptor, then the name
    if "of" in name[2:] and (titles or first_name_gender(name[0]) is not None):
        name = name[: name.index("of", 2)]  # "Senator Dale Prentiss of Montana": the place is not the name
    name = [t.rstrip(".,") if not re.fullmatch(r"[A-Z]\.", t) else t for t in name]
    if name and name[-1].endswith(("'s", "’s")):
        name[-1] = name[-1][:-2]
    return titles, [t for t in name if t]


class Registry:
    """The people in one article, resolved as the text introduces them."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self.clock = 0
        self.orgs_seen: list[str] = []
        """Capitalised names that are not people (organisations, perhaps places), latest last."""
        self.statement: Entity | None = None
        """Who last spoke "in a statement", for a later "the statement said"."""
        self.para = -1
        """The paragraph being read, so pronouns prefer the subjects of its sentences."""

    def touch(self, entity: Entity) -> Entity:
        self.clock += 1
        entity.last_seen = self.clock
        return entity

    def _gender_from(self, titles: list[str], name: list[str]) -> tuple[str | None, bool]:
        for t in titles:
            g = TITLE_GENDER.get(_clean_token(t).lower())
            if g:
                return g, True
        if len(name) >= 2 or (name and not titles):
            return first_name_gender(name[0]), False
        return None, False

    def name(
        self, surface: str, *, speaker: bool = False, create: bool = True, person_hint: bool = False
    ) -> Entity | None:
        """A capitalised name → its entity (existing, by full, last or first name), or a new one."""
        titles, name = split_name(surface)
        if not name:
            role = " ".join(_clean_token(t).lower() for t in titles)
            return self.role(role) if role else None
        gender, strong = self._gender_from(titles, name)
        full = " ".join(name)
        match = self._match(name, gender if strong else None)
        if match is None:
            if not create:
                return None
            orgish = any(_clean_token(t).lower() in _ORG_WORDS for t in name)
            kind = (
                "org" if orgish or (len(name) == 1 and name[0].isupper() and len(name[0]) > 1) else "person"
            )
            if kind == "person" and not titles and len(name) == 1 and not (speaker or person_hint):
                return None  # a lone capitalised word ("Tokyo") is not a person until it speaks
            if (
                kind == "person"
                and not titles
                and not speaker
                and (
                    _clean_token(name[-1]).lower() in _PLACE_WORDS
                    or len(name) > 3
                    or (first_name_gender(name[0]) is None and not person_hint)
                )
            ):
                if len(name) >= 2 and name[0].lower() not in _NOT_NAMES:
                    self.orgs_seen.append(full)
                return None  # "Bridge Road", "Third Street": not people unless they speak
            match = Entity(full, kind)
            if kind == "person":
                match.first, match.last = (name[0] if len(name) > 1 else None), name[-1]
            self.entities.append(match)
        if match.kind == "person" and len(name) > 1 and match.canonical in (name[0], name[-1]):
            # "Harwood said" was read before "Thomas Harwood"; "her son Liam" before "Liam Cole"
            match.canonical, match.first, match.last = full, name[0], name[-1]
        match.names.add(full)
        if titles:
            role = " ".join(_clean_token(t).lower() for t in titles)
            match.roles.update({role, _clean_token(titles[-1]).lower()})
            if role in ("prime minister", "pm"):
                match.roles.update({"prime minister", "pm"})
        if gender and match.kind == "person" and (strong or match.gender is None):
            match.gender, match.gender_strong = gender, strong or match.gender_strong
        return self.touch(match)

    def _match(self, name: list[str], gender: str | None) -> Entity | None:
        full = " ".join(name)
        people = sorted(self.entities, key=lambda e: -e.last_seen)
        for e in people:
            if (full in e.names or full == e.canonical) and not (
                gender and e.gender_strong and e.gender and e.gender != gender
            ):
                return e
        candidates = []
        for e in people:
            if e.kind == "org":
                continue
            if gender and e.gender and e.gender != gender and e.gender_strong:
                continue
            if len(name) == 1:
                if name[0] in (e.last, e.first) or any(n.split()[-1] == name[0] for n in e.names):
                    candidates.append(e)
            elif e.last == name[-1] and (e.first is None or e.first == name[0] or len(name[0]) <= 2):
                candidates.append(e)
            elif len(name) == 2 and e.names == {name[0]} and first_name_gender(name[0]) is not None:
                candidates.append(e)  # "her son Liam", later "Liam Cole"
        if gender:
            strong = [e for e in candidates if e.gender == gender]
            candidates = strong or candidates
        return candidates[0] if candidates else None

    def role(
        self,
        phrase: str,
        *,
        create: bool = True,
        original: str | None = None,
    ) -> Entity | None:
        """A role noun phrase ("the mayor", "a council spokesman") → the entity known by that role, or a
        new unnamed speaker named by the phrase."""
        cased = re.sub(r"\s+", " ", phrase.strip().replace("’", "'"))
        phrase = cased.lower()
        words = phrase.split()
        if not words:
            return None
        det = words[0] if re.fullmatch(_DETERMINERS, words[0]) else None
        body = words[1:] if det else words
        cased_body = cased.split()[1:] if det else cased.split()
        if not body:
            return None
        head = body[-1]
        role_text = " ".join(body)
        if role_text in ("pm", "prime minister"):
            role_text = head = "prime minister"
        definite = det in ("the", "his", "her", "their", "its", None)
        if definite:
            heads = {head} | _ROLE_SYNONYMS.get(head, set())
            for e in sorted(self.entities, key=lambda e: -e.last_seen):
                if head in _ORG_HEADS:
                    break  # "the group", "the company": the latest organisation, below
                if heads & e.roles:
                    return self.touch(e)
                if (
                    role_text in e.roles
                    or head in e.roles
                    or (e.kind != "person" and (e.canonical.lower().endswith(" " + head) or head in e.roles))
                ):
                    return self.touch(e)
            if head in _ORG_HEADS:
                public = head in ("company", "firm")  # a company is not a ministry or a police force
                org = next(
                    (
                        e
                        for e in sorted(self.entities, key=lambda e: -e.last_seen)
                        if e.kind == "org"
                        and not (public and e.canonical.split()[-1].lower() in _PUBLIC_BODIES)
                    ),
                    None,
                )
                if org is None and self.orgs_seen:
                    org = self.name(self.orgs_seen[-1], speaker=True)
                    if org is not None:
                        org.kind = "org"
                if org is not None:
                    org.roles.add(head)
                    return self.touch(org)
            if head == "statement" and self.statement is not None:
                return self.touch(self.statement)
        if not create:
            return None
        canonical = " ".join(cased_body) if det in ("a", "an", "the", None) else phrase
        if original:
            canonical = original
        for e in self.entities:
            if e.canonical.lower() == canonical.lower():
                return self.touch(e)
        entity = Entity(canonical, "unnamed", roles={role_text, head})
        if head in _FEMALE_NOUNS:
            entity.gender, entity.gender_strong = "f", True
        elif head in _MALE_NOUNS:
            entity.gender, entity.gender_strong = "m", True
        self.entities.append(entity)
        return self.touch(entity)

    def pronoun(self, word: str, history: list[Mention], *, exclude: Entity | None = None) -> Entity | None:
        """he/she/they → the latest compatible person; speakers first, then anyone mentioned."""
        gender = _PRONOUNS.get(word.lower())
        plural = word.lower() in ("they", "we")

        def ok(e: Entity) -> bool:
            if plural:
                return e.kind in ("org", "unnamed") or e.canonical.endswith("s")
            if e.kind == "org":
                return False
            return e.gender is None or e.gender == gender

        # the latest subject in this paragraph beats people mentioned after it in passing:
        # "Frost said Mbeki would keep his place. 'Why not?' she said." is Frost
        latest = history[-1].para if history else self.para  # this paragraph, or the one before
        for m in reversed(history):
            if m.para != latest:
                break
            if m.subject and ok(m.entity) and m.entity is not exclude:
                if gender and m.entity.gender is None and not plural:
                    m.entity.gender = gender
                return m.entity
        seen: set[int] = set()
        for m in reversed(history):
            e = m.entity
            if id(e) in seen:
                continue
            seen.add(id(e))
            if ok(e) and e is not exclude:
                if gender and e.gender is None and not plural:
                    e.gender = gender
                return e
        return None


# --- cues ---------------------------------------------------------------------------------------

_FUNCTION_WORDS = {
    "and",
    "or",
    "but",
    "to",
    "in",
    "on",
    "at",
    "by",
    "with",
    "from",
    "that",
    "who",
    "which",
    "was",
    "is",
    "were",
    "are",
    "has",
    "had",
    "have",
    "be",
    "been",
    "not",
    "it",
    "this",
    "there",
    "so",
    "then",
    "as",
    "if",
    "when",
    "while",
    "after",
    "before",
    "than",
    "into",
    "about",
    "would",
    "could",
    "will",
    "can",
    "did",
    "do",
    "also",
    "him",
    "her",
    "them",
    "us",
    "me",
}
_CONNECTORS = {"of", "for", "at", "from", "with", "in"}
_PRONOUN_RE = re.compile(r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)")
REPLY_VERBS = re.compile(
    r"\b(?:replied|replies|answered|answers|responded|responds|countered|counters|retorted)\b"
)
_BREAKS = re.compile(
    r"\s+(?:who|which|whose|in|on|at|during|after|before|when|while|as|adding|referring|speaking|"
    r"according|about|of|to|from|via|outside|inside|last|this|on)\b|[,.;:!?()—–]|\s-\s|$"
)


def _is_cap(tok: str) -> bool:
    low = tok.lower().rstrip(".")
    return bool(tok) and tok[0].isupper() and (low not in _NOT_NAMES or low in TITLES)


def adjacent_subject(pre: str) -> str | None:
    """The noun phrase that ends exactly where ``pre`` ends ("…, Norfolk Police", "the mayor", "she",
    "Ms Price’s family", "launch director Rachel Yoon"), or None when the words before the verb are not
    a subject ("… turned to Mr. Delgado and")."""
    text = pre.rstrip()
    for _ in range(2):  # skip one adverb: "she once said", "he later added"
        m = re.search(rf"\s({_ADVERB})$", text)
        if m and not re.fullmatch(_PRONOUN_RE.pattern + "|" + _CAP, m.group(1)):
            text = text[: m.start()].rstrip()
    # an appositive or age between subject and verb: "Margaret Flynn, 74," / "Kerr, the local MP,"
    if text.endswith(","):
        inner = text[:-1]
        cut = inner.rfind(",")
        if cut < 0:
            return adjacent_subject(inner)
        between = inner[cut + 1 :].strip()
        if re.fullmatch(rf"(?:{_CAP}[ \u00a0]+){{0,5}}{_CAP}", between) and _is_cap(between.split()[0]):
            return between  # "Her son, Calvin Marsh," / "The local MP, Andrew Kerr,"
        return adjacent_subject(inner[:cut])
    m = re.search(r"(?:^|(?<=[\s(“\"‘'—–]))(" + _PRONOUN_RE.pattern + r"|One|one)$", text)
    if m and (m.group(1).lower() != "one" or not text[: m.start()].strip()):
        return m.group(1)
    tokens = text.split()
    if not tokens:
        return None
    last = tokens[-1]
    if (
        last.lower() in _FUNCTION_WORDS
        or not re.match(r"[\w]", last)
        or re.search(r"[\"”’'“‘]$", last)
        and not last.endswith(("’s", "'s"))
    ):
        return None
    k = len(tokens) - 1
    if _is_cap(last) or re.fullmatch(r"[A-Z]\.?", last):
        # a capitalised run, with any titles and lowercase descriptors just before it
        while (
            k > 0
            and (_is_cap(tokens[k - 1]) or re.fullmatch(_PARTICLE, tokens[k - 1]))
            and not tokens[k - 1].endswith(",")
        ):
            k -= 1
        j = k
        while (
            j > 0
            and tokens[j - 1].islower()
            and tokens[j - 1] not in _FUNCTION_WORDS
            and j > k - 3
            and not tokens[j - 1].endswith(",")
            and not re.fullmatch(_DETERMINERS, tokens[j - 1])
            and not _VERB_RE.fullmatch(tokens[j - 1])
            and tokens[j - 1] not in _CONNECTORS
        ):
            j -= 1
        c = j - 1 if j > 2 and j == k and tokens[j - 1].lower() == "the" else j
        if c > 1 and c <= k and tokens[c - 1] in _CONNECTORS:
            # "An official from Seoul's Defence Ministry", "a spokesman for the Lighthouse Board"
            for d in range(c - 2, max(-1, c - 6), -1):
                if re.fullmatch(_DETERMINERS, tokens[d], re.I):
                    if not any(t.lower() in _FUNCTION_WORDS or t.endswith(",") for t in tokens[d : c - 1]):
                        return " ".join(tokens[d:])
                    break
        if j > 1 and j == k and tokens[j - 1] in _CONNECTORS and _is_cap(tokens[j - 2]):
            # "Detective Sergeant Rob Keane of Dorset Police": the person, not the force
            i = j - 2
            while i > 0 and _is_cap(tokens[i - 1]) and not tokens[i - 1].endswith(","):
                i -= 1
            person = tokens[i : j - 1]
            _titles, name = split_name(" ".join(person))
            if len(name) >= 2 and not any(_clean_token(t).lower() in _ORG_WORDS for t in name):
                return " ".join(person)
        if j > 0 and re.fullmatch(_DETERMINERS, tokens[j - 1], re.I):
            j -= 1  # "the singer Ruby Cole", "the Prime Minister"
        elif j < k and not any(t.lower().rstrip(".") in TITLES for t in tokens[j:k]):
            j = k if not (j > 0 and tokens[j - 1].endswith((",", ":"))) and j != 0 else j
        words = tokens[j:]
        first = words[0].lower().rstrip(".")
        if (
            first in _NOT_NAMES
            and first not in TITLES
            and len(words) > 1
            and not re.fullmatch(_DETERMINERS, words[0], re.I)
        ):
            words = words[1:]
        return " ".join(words) if words else None
    # a lowercase head noun: walk back to its determiner or possessor ("the U.S. attorney’s office")
    for j in range(len(tokens) - 1, max(-1, len(tokens) - 9), -1):
        tok = tokens[j]
        if tok.endswith(",") or tok.endswith(":"):
            return None
        if j < len(tokens) - 1 and tok.lower() in _FUNCTION_WORDS - _CONNECTORS:
            return None
        if re.fullmatch(_DETERMINERS, tok, re.I) and j < len(tokens) - 1:
            if j >= 2 and tokens[j - 1] == "of" and re.fullmatch(_QUANTIFIERS, tokens[j - 2], re.I):
                return " ".join(tokens[j - 2 :])  # "one of the people", "some of the residents"
            if j >= 3 and tokens[j - 1] in _CONNECTORS:
                # "a spokesperson for the charity": the whole phrase, not just "the charity"
                for d in range(j - 2, max(-1, j - 5), -1):
                    if tokens[d].lower() in _FUNCTION_WORDS or tokens[d].endswith((",", ":")):
                        break
                    if re.fullmatch(_DETERMINERS, tokens[d], re.I):
                        if all(t.islower() for t in tokens[d + 1 : j - 1]):
                            return " ".join(tokens[d:])
                        break
            return " ".join(tokens[j:])
        if tok.endswith(("’s", "'s")) and _is_cap(tok):
            i = j
            while i > 0 and _is_cap(tokens[i - 1]):
                i -= 1
            # "the leader of Britain’s biggest rail union": keep the phrase the possessor sits in
            if i > 1 and tokens[i - 1] in _CONNECTORS:
                for d in range(i - 2, max(-1, i - 6), -1):
                    if re.fullmatch(_DETERMINERS, tokens[d], re.I):
                        return " ".join(tokens[d:])
                    if tokens[d].lower() in _FUNCTION_WORDS or tokens[d].endswith(","):
                        break
            return " ".join(tokens[i:])
    if (
        2 <= len(tokens) <= 3
        and _is_cap(tokens[0])
        and re.fullmatch(r"[a-z][\w'’-]*s", last)
        and all(t.lower() not in _FUNCTION_WORDS and re.match(r"\w", t) for t in tokens)
    ):
        return " ".join(tokens)  # "Treasury sources", "Labour activists": a modifier on a plural noun
    return None


_DOCUMENT = re.compile(
    rf"(?:{_DETERMINERS}\s+)?(?:[\w-]+\s+){{0,2}}?(?:statement|update|post|posting|release|filing|report|letter|"
    r"e-?mail|notice|announcement|document|documents|memo|message|tweet|blog\s+post)\b"
    r"(?:\s+(?:posted|issued|released|published|sent|shared))?\s+(?:from|by|on|of)\s+"
    rf"(?P<source>(?:the\s+)?[a-z]+(?=['’]s\b)|(?:the\s+)?(?:{_CAP}[ \u00a0]+){{0,4}}{_CAP})",
    re.I,
)


def _document_source(tail: str) -> str | None:
    """ "according to an update posted on the company's website" → "the company": a document speaks for
    whoever issued it."""
    m = _DOCUMENT.match(tail.lstrip())
    if m is None:
        return None
    source = m.group("source")
    if source.lower().startswith("the ") or source[:1].isupper():
        return source
    return None


def _forward_subject(tail: str) -> str | None:
    """The subject after an inverted verb: "said Linda Okafor, the mayor" → "Linda Okafor"."""
    tail = tail.lstrip()
    if m := re.match(_PRONOUN_RE.pattern + r"\b", tail):
        return m.group()
    m = re.match(rf"(?:{_DETERMINERS}\s+)?(?:[a-z][\w'’-]*\s+){{0,3}}(?:{_CAP}[ \u00a0]+){{0,5}}{_CAP}", tail)
    if m and any(w[0].isupper() for w in m.group().split()):
        # "Red Cross volunteer Lorraine Dupuis": an organisation, a role, then the person
        more = re.match(
            rf"((?:\s+[a-z][\w'’-]*){{1,3}})[ \u00a0]+(?:{_CAP}[ \u00a0]+){{0,4}}{_CAP}", tail[m.end() :]
        )
        if more and _descriptor_words(more.group(1)):
            return m.group() + more.group()
        return m.group()
    if m := re.match(rf"{_DETERMINERS}\s+", tail, re.I):
        rest = tail[m.end() :]
        stop = _BREAKS.search(rest)
        phrase = tail[: m.end() + (stop.start() if stop else len(rest))].strip()
        # keep "for Brightloop" / "from the ministry" when a capitalised name follows
        if m2 := re.match(
            rf"\s+(?:for|at|from|of|with)\s+(?:the\s+)?((?:{_CAP}[ \u00a0]+){{0,4}}{_CAP})",
            rest[len(phrase) - m.end() :],
        ):
            phrase += m2.group()
        return phrase or None
    return None


def _descriptor_words(words: str) -> bool:
    """Whether lowercase words between two capitalised runs describe the second ("Council leader",
    "Red Cross volunteer") rather than join clauses ("Smith and Jones", "Acme said Tuesday")."""
    return all(
        w not in _FUNCTION_WORDS
        and w not in _CONNECTORS
        and not _VERB_RE.fullmatch(w)
        and not re.fullmatch(_DETERMINERS, w)
        and not re.fullmatch(r"[a-z]+(?:ed|ing)", w)
        for w in words.split()
    )


def trailing_cue(text: str, q: QuoteSpan, limit: int) -> tuple[str, int, int] | None:
    """`…,” she said` / `…,” said Linda Okafor, the mayor` / `…” — Jane Doe` / `…,” according to X`."""
    tail = text[q.end : limit]
    lead = re.match(r"\s*[,;]?\s*", tail)
    body = tail[lead.end() :]
    base = q.end + lead.end()
    if m := re.match(r"[—–-]+\s*", body):  # dash attribution
        subject = _forward_subject(body[m.end() :])
        if subject and (subject[0].isupper() or re.match(_DETERMINERS, subject, re.I)):
            return subject, base + m.end(), base + m.end() + len(subject)
        return None
    if m := re.match(r"according to\s+", body, re.I):
        subject = _document_source(body[m.end() :]) or _forward_subject(body[m.end() :])
        return (subject, base + m.end(), base + m.end() + len(subject)) if subject else None
    if m := re.match(rf"(?:{_ADVERB}\s+)?({_VERB})\s+", body):
        subject = _forward_subject(body[m.end() :])
        if subject:
            return subject, base + m.end(), base + m.end() + len(subject)
        return None
    from narrator.segment.segmenter import split_sentences  # the sentence rules live with segmentation

    sentences = split_sentences(body)
    clause = sentences[0] if sentences else body
    verb = _VERB_RE.search(clause)
    if verb is None or len(clause[: verb.start()].split()) > 12:
        return None
    pre = body[: verb.start()]
    subject = adjacent_subject(pre)
    if subject is None:
        return None
    # everything before the verb must belong to the subject (plus an appositive or an adverb)
    head = pre[: pre.find(subject)] if subject in pre else pre
    described = re.fullmatch(rf"\s*(?:{_CAP}\s+){{0,4}}((?:[a-z][\w'’-]*\s+){{1,3}})", head)
    titled = re.fullmatch(rf"\s*(?:{_CAP}\s+){{0,3}}", head) and any(
        word.strip(".").lower() in TITLES for word in (*head.split(), subject.split()[0])
    )
    if head.strip(" ,") and not titled and not (described and _descriptor_words(described.group(1))):
        # "Tallis founder Oren Blatt wrote" and "Republican Senator Tim Scott said" keep the name;
        # "Then Smith said" does not
        return None
    start = base + pre.find(subject)
    return subject, start, start + len(subject)


_ACCORDING = re.compile(r"\baccording to\s+", re.I)
_INTRO_PHRASE = re.compile(
    r"^(?:(?:asked|pressed|speaking|responding|writing|reacting|referring|commenting|quizzed|questioned|"
    r"challenged|interviewed|addressing)\b[^,]*,\s*)",
    re.I,
)


def clause_subject(clause: str, offset: int = 0) -> tuple[str, int, int] | None:
    """The subject of the speech verb in a narration clause that introduces a quotation, e.g.
    "Lieutenant Commander Alasdair Magill, who works on the ship, told Mrs May" → Alasdair Magill."""
    if m := _ACCORDING.search(clause):
        subject = _document_source(clause[m.end() :]) or _forward_subject(clause[m.end() :])
        if subject:
            return subject, offset + m.end(), offset + m.end() + len(subject)
    masked = _mask_relatives(clause)
    intro = _INTRO_PHRASE.match(masked)
    skip = intro.end() if intro else 0
    verb = _VERB_RE.search(masked, skip)
    if verb is None:
        if not clause.rstrip().endswith(":"):
            return None
        pre = masked[skip:]
    else:
        pre = masked[skip : verb.start()]
        subject = adjacent_subject(pre)
        if subject and subject in clause:
            k = clause.find(subject, skip)
            return subject, offset + k, offset + k + len(subject)
    found = _subject_in(pre, offset + skip)
    return found


def _mask_relatives(text: str) -> str:
    """Blank out ", who …," and parenthesised asides so their verbs are not taken for the main one."""

    def blank(m: re.Match[str]) -> str:
        return " " * len(m.group())

    def relative(m: re.Match[str]) -> str:
        # the clause runs to the last comma before the main verb: ", who runs a bakery in Peckham,
        # south London, said" masks everything up to "said"
        rest = text[m.end() :]
        first_comma = rest.find(",")
        verb = _VERB_RE.search(rest, first_comma + 1) if first_comma >= 0 else None
        cut = rest.rfind(",", 0, verb.start()) if verb else rest.find(",")
        return " " * (len(m.group()) + (cut + 1 if cut >= 0 else len(rest)))

    for m in reversed(list(re.finditer(r",\s*(?:who|which|whose|whom|where)\b", text))):
        masked = relative(m)
        text = text[: m.start()] + masked + text[m.start() + len(masked) :]
    text = re.sub(r"\([^)]*\)", blank, text)
    return re.sub(r"\s[—–]\s[^—–]*\s[—–]\s", blank, text)


_PREP_BEFORE = re.compile(
    r"(?:\b(?:to|with|from|at|on|in|for|of|by|about|told|asked|than|like|as|into|onto|toward|towards|"
    r"against|before|after|behind|beside|under|over|through|and|or|said|says|met|visited|thanked|praised|"
    r"criticised|criticized|called|named|joined|behalf|including|unlike|via|per|born|addressed|when|"
    r"whether|if|that)\s+)$",
    re.I,
)


def _subject_in(pre: str, offset: int) -> tuple[str, int, int] | None:
    """First noun phrase of the main clause that is not the object of a preposition."""
    candidates: list[tuple[int, int, str]] = []
    for m in re.finditer(r"\b" + _PRONOUN_RE.pattern + r"\b", pre):
        if pre[m.start() - 1 : m.start()] not in ("'", "’"):
            candidates.append((m.start(), m.end(), "pronoun"))
    for m in NAME_RE.finditer(pre):
        titles, name = split_name(m.group())
        if not name:
            continue
        first = (titles or name)[0]
        k = pre.find(first, m.start())
        candidates.append((k, m.end(), "name"))
    for m in re.finditer(rf"\b{_DETERMINERS}\s+(?:[\w'’.-]+\s+){{0,4}}?[\w'’.-]+", pre, re.I):
        if m.group().split()[0].islower() or m.start() == 0 or pre[: m.start()].rstrip().endswith(","):
            candidates.append((m.start(), m.end(), "role"))
    good: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(candidates):
        if _PREP_BEFORE.search(pre[:start]):
            continue
        if any(s <= start < e for s, e, _ in good):
            continue
        good.append((start, end, kind))
    if not good:
        return None
    first = good[0]
    if first[2] == "name" and len(good) > 1 and good[1][2] == "name":
        # "Council leader Victoria Asante", "Retired accountant Nigel Frame": the name after the role
        between = re.fullmatch(r"((?:\s+[a-z][\w'’-]*){1,3})\s+", pre[first[1] : good[1][0]])
        if between and _descriptor_words(between.group(1)):
            first = good[1]
    if first[2] == "role":
        # a name in apposition to a leading role: "The local MP, Andrew Kerr, said"
        for start, end, kind in good[1:]:
            if kind == "name" and re.fullmatch(r"[^,]*,\s*", pre[first[0] : start]):
                return pre[start:end], offset + start, offset + end
        # the role phrase runs to the comma or the verb: "A spokesperson for Brightloop"
        m = re.match(r"[^,]*", pre[first[0] :])
        phrase = _trim_phrase(m.group().strip() if m else pre[first[0] : first[1]])
        return phrase, offset + first[0], offset + first[0] + len(phrase)
    start, end, _ = first
    return pre[start:end].strip(), offset + start, offset + end


def _trim_phrase(phrase: str) -> str:
    """Cut a noun phrase where a verb starts: "the mayor turned to Mr. Delgado" → "the mayor"."""
    words = phrase.split()
    for k in range(1, len(words)):
        w = words[k].lower()
        nxt = words[k + 1] if k + 1 < len(words) else ""
        if w in _FUNCTION_WORDS or _VERB_RE.fullmatch(w):
            return " ".join(words[:k])
        if w in _CONNECTORS and not nxt[:1].isupper() and nxt.lower() != "the":
            return " ".join(words[:k])
        if (
            re.fullmatch(r"[a-z]+(?:ed|s)", w)
            and k >= 2
            and (
                nxt.lower() in _FUNCTION_WORDS | _CONNECTORS
                or re.fullmatch(_DETERMINERS, nxt, re.I)
                or nxt[:1].isupper()
            )
        ):
            return " ".join(words[:k])
    return phrase


# --- resolution ---------------------------------------------------------------------------------


def resolve_subject(
    subject: str, registry: Registry, history: list[Mention], *, exclude: Entity | None = None
) -> tuple[Entity | None, float]:
    """A cue's subject as written → entity, with a confidence. ``exclude`` is someone a pronoun cannot
    mean (the person being answered, for "she replied")."""
    subject = subject.strip().strip(",")
    low = subject.lower()
    if low in _PRONOUNS:
        entity = registry.pronoun(low, history, exclude=exclude)
        return (registry.touch(entity), 0.8) if entity else (None, 0.2)
    if low == "one":
        # "Treasury sources insisted … One said:": one of the group just mentioned
        for m in reversed(history):
            group = m.entity.canonical
            if m.entity.kind != "person" and re.search(r"[a-z]s$", group) and not group.endswith("ss"):
                return registry.role(group[:-1]), 0.6
        return registry.role("one source"), 0.3
    words = subject.split()
    # "Ms Price’s family": the family of someone we know
    if len(words) >= 2 and re.search(r"['’]s$", words[-2]) and words[-1].islower() and _is_cap(words[0]):
        owner = registry.name(" ".join(words[:-1])[:-2], create=False)
        name = f"{owner.canonical}'s {words[-1]}" if owner else " ".join(words).replace("’", "'")
        return registry.role(name, original=name), 0.75
    if re.match(_DETERMINERS + r"\b", subject, re.I):
        rest = words[1:]
        if rest and all(w[:1].isupper() or w.lower() in ("of", "and", "for") for w in rest):
            # "The Downtown Dayton Partnership", "The PM", "The Prime Minister"
            titles, name = split_name(" ".join(rest))
            if all(_clean_token(t).lower() in TITLES for t in rest):
                titles, name = rest, []
            if not name and titles:
                return registry.role("the " + " ".join(titles)), 0.75
            if len(rest) == 1 and not registry.name(rest[0], create=False):
                found = registry.role("the " + rest[0].lower(), create=False)
                if found is not None:
                    return found, 0.7
            entity = registry.name(" ".join(rest), speaker=True)
            if entity is not None and entity.kind == "person" and len(rest) > 1 and not titles:
                entity.kind = "org"
            return entity, 0.85
        if any(_is_cap(w) for w in rest) and rest[-1][:1].isupper() and not set(rest) & _CONNECTORS:
            # "the singer Ruby Cole": the name is what counts
            entity = registry.name(subject, speaker=True)
            if entity is not None:
                return entity, 0.85
        if (kin := re.fullmatch(r"(his|her|their)\s+(\w+)", low)) and kin.group(2) in KIN:
            # "His mother added:" after "Janet Cole … her son Liam": Liam's parent
            owner = registry.pronoun({"his": "he", "her": "she"}.get(kin.group(1), "they"), history)
            relative = owner.kin.get(KIN[kin.group(2)]) if owner is not None else None
            if relative is not None:
                return registry.touch(relative), 0.7
        described = _described_subject(subject, registry, history, exclude)
        if described is not None:
            return registry.touch(described), 0.6
        return _resolve_role(subject, registry), 0.75
    entity = registry.name(subject, speaker=True)
    if entity is None and words and words[-1].islower():
        return _resolve_role(subject, registry), 0.6
    return entity, 0.9 if entity else 0.2


KIN = {
    "son": "child",
    "daughter": "child",
    "child": "child",
    "mother": "parent",
    "father": "parent",
    "mum": "parent",
    "mom": "parent",
    "dad": "parent",
    "wife": "spouse",
    "husband": "spouse",
    "partner": "spouse",
    "brother": "sibling",
    "sister": "sibling",
}
KIN_INVERSE = {"child": "parent", "parent": "child", "spouse": "spouse", "sibling": "sibling"}


# Roles that usually name someone other than the paragraph's subject ("Smith wept. 'You lied,' the
# judge said."), so a first "the judge" is a new speaker rather than a description of the subject.
_OTHER_ROLES = {
    "judge",
    "magistrate",
    "coroner",
    "prosecutor",
    "prosecution",
    "lawyer",
    "attorney",
    "barrister",
    "solicitor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "source",
    "witness",
    "police",
    "officer",
    "detective",
    "neighbour",
    "neighbor",
    "friend",
    "relative",
    "doctor",
    "paramedic",
    "referee",
    "umpire",
    "statement",
    "report",
    "interviewer",
    "reporter",
    "host",
    "presenter",
    "moderator",
    "chair",
}


def _described_subject(
    subject: str, registry: Registry, history: list[Mention], exclude: Entity | None
) -> Entity | None:
    """ "Coyle, who scored the opener, said … 'Nobody dropped their heads,' the captain said": a first
    "the <role>" right after a named subject describes that person rather than someone new."""
    m = re.fullmatch(r"the\s+((?:[a-z0-9][\w'’-]*\s+){0,2}[a-z][\w'’-]*)", subject.strip(), re.I)
    if m is None or subject[:1] == "T" and subject[4:5].isupper():
        return None
    head = m.group(1).split()[-1].lower()
    if head in _OTHER_ROLES or head in _ORG_HEADS or head in _ORG_WORDS or _SPOKES.search(head):
        return None
    if registry.role(subject, create=False) is not None:
        return None
    for mention in reversed(history):
        previous = mention.para == registry.para - 1
        if mention.para != registry.para and not previous:
            return None
        e = mention.entity
        if previous and not (mention.subject and e.kind == "person"):
            # "Vandermeer, who set up the winner, said … ¶ 'Nobody's giving up,' the midfielder said":
            # the last person named in the paragraph before, if they were its subject
            return None
        if mention.subject and e.kind == "person" and e is not exclude:
            if head in _FEMALE_NOUNS and e.gender == "m" or head in _MALE_NOUNS and e.gender == "f":
                return None
            e.roles.update({m.group(1).lower(), head})
            return e
    return None


def _resolve_role(subject: str, registry: Registry) -> Entity | None:
    m = re.match(
        rf"(?P<np>(?:{_DETERMINERS}\s+)?[\w'’.\s-]+?)\s+(?:for|at|from|of|with)\s+(?:the\s+)?"
        rf"(?P<org>{_CAP}(?:\s+(?:{_CAP}|of|and))*)$",
        subject,
        re.I,
    )
    if m and m.group("org")[0].isupper():
        np = m.group("np")
        existing = registry.role(np, create=False)
        if existing is not None and not _SPOKES.search(np):
            return existing
        words = np.split()
        canonical = " ".join(words[1:] if words[0].lower() in ("a", "an", "the") else words)
        return registry.role(np, original=f"{m.group('org')} {canonical}")
    m = re.fullmatch(
        rf"(?P<np>(?:{_DETERMINERS}\s+)?[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*)?)\s+(?:for|at|from|of|with)\s+"
        r"the\s+(?P<head>[a-z]+)",
        subject,
        re.I,
    )
    if m and m.group("head").lower() in _ORG_HEADS and _SPOKES.search(m.group("np")):
        # "a spokesperson for the charity": the organisation the article just named
        org = registry.role("the " + m.group("head").lower(), create=False)
        if org is not None and org.kind == "org":
            words = m.group("np").split()
            canonical = " ".join(words[1:] if words[0].lower() in ("a", "an", "the") else words)
            return registry.role(m.group("np"), original=f"{org.canonical} {canonical}")
    return registry.role(subject)
