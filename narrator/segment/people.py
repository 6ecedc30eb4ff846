"""The people and organisations an article mentions: names split from their titles, and a registry
that resolves later mentions (last names, roles, pronouns) to the entity introduced earlier."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from narrator.letters import LOWER, UPPER
from narrator.segment.gender import (
    FEMALE_NOUNS,
    MALE_NOUNS,
    TITLE_GENDER,
    first_name_gender,
    first_name_sure,
    is_first_name,
)
from narrator.segment.words import (
    CAP,
    COMPANY_SUFFIXES,
    DEMONYMS,
    DETERMINERS,
    NOT_NAMES,
    OFFICE_RANKS,
    ORG_HEADS,
    ORG_KINDS,
    ORG_WORDS,
    OTHER_ROLES,
    PARTICLE,
    PEERAGE,
    PLACE_NAMES,
    PLACE_WORDS,
    POSSESSIVE,
    PRONOUNS,
    RANKS,
    ROLE_SYNONYMS,
    TITLE_ABBREVIATIONS,
    TITLES,
    VERB_RE,
    clean_token,
    document_key,
)


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


_PERSON_ENDING = re.compile(r"(?:er|or|ist|ian|man|woman|men|women|ant|ent|ee|ive|ate|ic|st|ess|crat)$")
"""Endings of nouns for people ("supporter", "senator", "economist", "politician", "resident")."""
_PERSON_NOUNS = {
    "aide", "pontiff", "pope", "kid", "child", "boy", "girl", "guy", "person", "voter", "pilot", "expert",
    "veteran", "critic", "ally", "rival", "chief", "head", "staff", "cop", "nurse", "victim", "nominee",
    "star", "host", "republican", "tory", "liberal", "fan", "guard", "pupil", "colleague", "diplomat",
    "rebel", "citizen", "guest",
    # envoys and go-betweens of foreign news: "the UN envoy for Syria, Torvald Eskeland" is "the envoy"
    "envoy", "emissary", "chairperson", "rapporteur", "monk", "pilgrim", "surgeon",
    # a tabloid's words for the star it just named: "the Kingsbridge United ace", "the Geordie beauty"
    "ace", "beauty", "hunk", "stunner", "lad", "lass", "icon", "legend", "brunette", "blonde", "redhead",
    "pro",
    # a sports report's words for the player it just named: "the defending champion", "the McLaren rookie"
    "champion", "champ", "rookie", "runner-up", "goalie",
}
_THING_NOUNS = {
    "most", "least", "best", "worst", "past", "rest", "list", "cost", "post", "test",
    "interest", "contest", "protest", "request", "forecast", "broadcast", "podcast", "blast", "boost",
    "twist", "trust", "event", "statement", "comment", "argument", "agreement", "document", "moment",
    "state", "estate", "rate", "date", "debate", "climate", "mandate", "update", "senate", "percent",
    "government", "department", "parliament", "amendment", "movement", "development", "incident",
    "letter", "newsletter", "report", "paper", "order", "charter", "indictment", "judgment", "assessment",
}  # fmt: skip
"""Nouns with a person's ending, or a speaker's role, that name things ("the most", "the statement", "a
broadcast", "the letter", "the report"); never "the first" or "the last", which stand for someone ("the
first to make such a declaration")."""
_GROUP_MEMBERS = {
    "teacher", "student", "pupil", "parent", "resident", "investigator", "journalist", "analyst",
    "researcher", "scientist", "economist", "historian", "scholar", "academic", "activist", "campaigner",
    "lawmaker",
    "legislator", "worker", "employee", "employer", "firefighter", "soldier", "trooper", "passenger",
    "volunteer", "organiser", "organizer", "demonstrator", "survivor", "patient", "farmer", "villager", "fan",
    "local", "staffer", "strategist", "pollster", "advocate", "opponent", "supporter", "observer", "lawyer",
    "rescuer", "medic", "officer", "negotiator", "regulator", "mourner", "colleague", "democrat",
    "conservative", "progressive", "delegate", "donor", "investor", "shareholder", "customer", "consumer",
    "shopper", "commuter", "motorist", "driver", "tourist", "visitor", "spectator", "member", "citizen",
    "immigrant", "migrant", "refugee", "candidate", "player", "athlete", "teammate", "owner", "tenant",
    "homeowner", "prisoner", "inmate", "detainee", "hostage", "suspect", "defendant", "juror", "agent",
    "physician", "surgeon", "engineer", "diplomat", "envoy", "mediator", "lobbyist", "adviser", "advisor",
    "consultant", "commentator", "columnist", "editor", "viewer", "listener", "reader", "taxpayer", "retiree",
    "pensioner", "teenager", "adult", "sibling", "cousin", "grandparent", "bystander", "onlooker",
    "responder", "backer", "loyalist", "skeptic", "sceptic", "detractor", "militant", "rebel", "fighter",
}  # fmt: skip
"""Nouns for people that news mostly writes in the plural, for a group ("Teachers walked out")."""
_NOT_GROUP_MEMBERS = {
    "acting", "defence", "defense", "education", "finance", "foreign", "former", "health", "home", "interior",
    "prime", "private", "shadow", "state", "vice", "statement", "report", "prosecution", "men", "women",
    "mister", "miss", "madam", "madame", "monsieur", "frau", "herr", "señor", "sir", "dame", "lord",
    "major", "dean", "king", "queen", "prince", "child", "man", "woman", "person",
    "dr", "di", "ds", "dc", "pc", "pm", "st",
}  # fmt: skip
"""Words of those tables whose plural is no group of people: things ("States", "Reports"), forms of
address ("Mrs"), titles that are surnames or places ("Majors", "Deans", "Queens"), irregular plurals."""
_PEOPLE_TABLES = MALE_NOUNS | FEMALE_NOUNS | OTHER_ROLES | set(ROLE_SYNONYMS) | TITLES | _PERSON_NOUNS
_SINGULAR_PEOPLE = {
    noun
    for noun in _PEOPLE_TABLES | _GROUP_MEMBERS
    if noun.isalpha() and noun not in TITLE_ABBREVIATIONS and noun not in TITLE_GENDER
} - _NOT_GROUP_MEMBERS
_PLURAL_PEOPLE = {
    "men", "women", "everyone", "everybody", "nobody", "anyone", "anybody", "management", "security",
    "opposition", "leadership", "crowd", "audience", "family",
}  # fmt: skip
"""Words for a group of people that are no regular plural, besides the group nouns (below) that speak
bare: "Staff told …", "Everyone asked …", "Security told …"."""


@lru_cache(maxsize=4096)
def people_group(word: str) -> bool:
    """Whether a lone capitalised word is a plural noun for people ("Reporters", "Nurses", "Allies"): a
    group, never one person's name. A surname that looks plural ("Sanders", "Waters", "Jones") has no
    noun for a person as its singular."""
    low = clean_token(word).lower()
    if low in _PLURAL_PEOPLE or low in _GROUP_NOUNS:
        return True
    one = singular(low)
    return one != low and one in _SINGULAR_PEOPLE  # "Reporters", "Witnesses", "Allies"


_HEAD_ENDS = re.compile(r"\s(?:of|from|in|at|with|for|on|about|concerning|to|who|that|which)\s")
_NOUN_OF_COUNT = re.compile(rf"({LOWER}+)-of-{LOWER}+")
"""A noun joined to a count: "mother-of-two", "father-of-three" (a mother, a father)."""
_AGE_NOUN = re.compile(r"(?:year|month|week)s?-old")
"""An age standing for a person: "the 34-year-old", "the six-month-old"."""


_LOWER_WORD_START = re.compile(rf"{LOWER}[\w'’-]*")


def person_head(description: str) -> bool:
    """Whether a description is headed by a noun for a person ("the retired neurosurgeon", "one
    questioner") rather than a thing ("a clip from a stump speech", "the war in Ukraine")."""
    phrase = _HEAD_ENDS.split(description.lower(), maxsplit=1)[0]
    words = _LOWER_WORD_START.findall(phrase)
    if not words:
        return True
    counted = _NOUN_OF_COUNT.fullmatch(words[-1])  # "the mother-of-two": a mother
    head = counted.group(1) if counted else words[-1]
    if head in _THING_NOUNS:
        return False
    return (
        bool(_AGE_NOUN.search(head))
        or head in FEMALE_NOUNS
        or head in MALE_NOUNS
        or head in TITLES
        or head in ROLE_SYNONYMS
        or head in OTHER_ROLES
        or head in _PERSON_NOUNS
        or bool(_PERSON_ENDING.search(head))
    )


_GROUP_NOUNS = {
    "police", "authorities", "people", "staff", "personnel", "crews", "troops", "forces", "services", "folks",
    "children", "families", "locals", "gardaí", "gardai",
}  # fmt: skip
"""Nouns for a group of people that a singular form does not give away ("police", "authorities")."""
_PLURAL_ENDING = re.compile(r"(?:(?<=ss|sh|ch)|(?<=x))es$|(?<=[^s])s$")
"""A plural ending that the singular drops: "witnesses", "coaches", "residents" (not "press")."""


def group_head(phrase: str) -> bool:
    """Whether a phrase ends in a plural noun for people: "residents", "state police", "witnesses",
    "authorities", so it can speak as a group with no determiner ("…,” police said"); capitalised, only
    a collective noun ("Police"), as a surname ends in -s too."""
    words = phrase.split()
    last = words[-1].lower() if words else ""
    if last in _GROUP_NOUNS:
        return True
    if not words or words[-1][0].isupper():
        return False  # "Police" opening a sentence, but never "Sanders" or "Peters"
    one = singular(last)
    return one != last and person_head(one)


def singular(noun: str) -> str:
    """A plural noun's singular, as far as its ending tells: "witnesses" → "witness", "deputies" →
    "deputy", "residents" → "resident"."""
    return noun[:-3] + "y" if noun.endswith("ies") else _PLURAL_ENDING.sub("", noun)


def title_word(word: str) -> str:
    """A title written out, so an abbreviation and the full word compare equal: "Adm." → "admiral"."""
    word = clean_token(word).lower()
    return TITLE_ABBREVIATIONS.get(word, word)


def role_head(words: list[str]) -> str:
    """The office a role's words name: its last word, with a rank before it ("vice president", "deputy
    mayor"), which makes it another office than the bare word."""
    if len(words) >= 2 and clean_token(words[-2]).lower() in RANKS:
        return f"{clean_token(words[-2]).lower()} {words[-1]}"
    counted = _NOUN_OF_COUNT.fullmatch(words[-1])
    return counted.group(1) if counted else words[-1]


_POST_MODIFIED = re.compile(
    r"(.+?)\s+(?:of|at|for|from|with|in|close\s+to)\s+(?:the|a|an|his|her|their|its)\s"
)
"""A role's noun, then whose or where: "insider at the soap", "source close to the star"."""

_CONTRACTION = re.compile(r"['’](?:s|re|ll|d|ve|m)$")

_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


_INITIAL = re.compile(rf"{UPPER}\.")

_STREET_ABBREVIATIONS = {"st", "rd", "ave", "blvd", "sq"}
_STREETS = {"street", "road", "avenue", "square", "lane", "drive", "boulevard", "place", "terrace", "gardens"}
_ROYAL = {"king", "queen", "prince", "princess"}
"""Titles that take a given name, never a surname: "Queen Street" is a street, "Sen. Lane" a senator."""

_SHORT_FAMILY_NAME = re.compile(rf"{UPPER}{LOWER}{{1,2}}")
"""A capitalised word of two or three letters ("Ong", "Ng", "Lim"): a family name written first, never a
descriptor before a name the way "Neighbour" is in "Neighbour Pauline Grady"."""

_OFFICE_OF_PLACE = re.compile(r"(\S+)\s+of\s+(\S.*)$")
"""A title and what it is of: "Prince of Wales", "Mayor of London" (the last "of" in the surface)."""


_POST_NOMINAL = re.compile(r"(?:MP|MPP|MLA|MSP|MHA|TD|KC|QC|SC|OBE|MBE|CBE|KBE|DBE|GBE|FRS|PhD|Esq)\.?,?")
"""What British, Irish and Commonwealth usage writes after a name: honours, a seat, a silk."""


def split_name(surface: str) -> tuple[list[str], list[str]]:
    """ "Japanese Prime Minister Shinzo Abe" → (["Prime", "Minister"], ["Shinzo", "Abe"]): titles and the
    name that follows the last of them."""
    titles, name = _split_name(surface)
    return list(titles), list(name)


@lru_cache(maxsize=8192)
def _split_name(surface: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """split_name's reading, kept per surface: an article names the same people again and again."""
    tokens = surface.split()
    while len(tokens) > 2 and re.fullmatch(r"(?:Jr|Sr|II|III|IV)\.?,?", tokens[-1]):
        tokens.pop()  # "Harry B. Harris Jr.": the generation is not part of the name a reader uses
    while (
        len(tokens) > 2
        and _POST_NOMINAL.fullmatch(tokens[-1])
        and tokens[0].lower() not in ("the", "a", "an")
        and (is_first_name(tokens[0]) or clean_token(tokens[0]).lower() in TITLES)
    ):
        tokens.pop()  # "Sir Keir Danton KC", "Jo Hale MP": an honour or a seat ("the Quebec MP" is a role)
    while len(tokens) > 1 and clean_token(tokens[-1]).lower() in _WEEKDAYS:
        tokens.pop()  # "On CNN Tuesday, his wife said": a day is never part of a name
    # "The Minister": no one's name has an article (but "The Podesta Group's CEO, Kim Fritts" has one)
    articled = tokens[:1] in (["The"], ["the"]) and not any(_CONTRACTION.search(t) for t in tokens)
    while (
        tokens
        and _CONTRACTION.sub("", tokens[0].lower().rstrip(".")) in NOT_NAMES  # "It’s", "That’s"
        and tokens[0].lower().rstrip(".") not in TITLES
        and not (tokens[0] == "New" and len(tokens) > 1)  # "New Hampshire", "New Jersey"
    ):
        tokens.pop(0)
    last_title = -1
    for k, tok in enumerate(tokens):
        # "The Minister" ends on its title; "The Department of Health" and "the Ministry of National Defense"
        # on what they are of
        ends = k == len(tokens) - 1
        if clean_token(tok).lower() in TITLES and (not ends or articled and "of" not in tokens[:k]):
            last_title = k
    titles, name = tokens[: last_title + 1], tokens[last_title + 1 :]
    office = titles and clean_token(titles[-1]).lower() in OFFICE_RANKS
    if office and len(name) == 1 and clean_token(name[0]).lower() in TITLES:
        titles, name = titles + name, []  # "Prime Minister", "Chief Justice": an office, no one's name
    if titles and name and name[0] in ("of", "for"):
        place = name[2:] if name[1:2] == ["the"] else name[1:]
        organisation = bool(place) and clean_token(place[-1]).lower() in ORG_WORDS  # "of Kent Police"
        if len(place) == 1 or len(place) == 2 and (organisation or not any(is_first_name(t) for t in place)):
            name = []  # "Labour MP for Wrexham North", "Mayor of London": what the title is of, no one
        elif len(place) >= 3 and all(t[:1].isupper() for t in place) and not organisation:
            # "Mayor of London Tariq Ellery": the place, then the person's name; "Minister for Manpower Tan
            # See Leng": a family name written first makes it three words
            three = len(place) >= 4 and _SHORT_FAMILY_NAME.fullmatch(place[-3])
            name = place[-3:] if three else place[-2:]
    lower = [
        k
        for k, tok in enumerate(name)
        if tok[:1].islower()
        and not re.fullmatch(PARTICLE + rf"(?:-{UPPER}[\w'’-]*)?", tok)  # "de", "al-Hamdi"
        and not (tok in ("of", "for", "the") and 0 < k < len(name) - 1 and name[k + 1][:1].isupper())
    ]
    if lower:  # "launch director Rachel Yoon", "Met Office forecaster Hannah Lowe"
        name = name[lower[-1] + 1 :]
    street = clean_token(name[0]).lower() if len(name) == 1 and titles else ""
    if street in _STREET_ABBREVIATIONS or street in _STREETS and title_word(titles[-1]) in _ROYAL:
        # "Queen St.", "King Street": a street named after a title, no one (but "Sen. Lane" is a surname)
        name, titles = titles + name, []
    if titles and name and clean_token(name[-1]).lower() in ORG_WORDS and len(name) < 4:
        # "World Health Organization", "Health Department": an organisation, not a titled person
        name, titles = titles + name, []
    # drop a leading descriptor before the titles ("Japanese Prime Minister")
    while titles and clean_token(titles[0]).lower() not in TITLES:
        titles.pop(0)
    while (
        len(name) >= 3
        # "Mr Ong Kian Seng": after an honorific comes the name, family name first
        and not (titles and clean_token(titles[-1]).lower() in TITLE_GENDER)
        and not _SHORT_FAMILY_NAME.fullmatch(name[0])  # "Lim Wei Ling": no descriptor is that short
        and (not is_first_name(name[0]) or name[0] == "Marine" and first_name_sure(name[1]))
        and is_first_name(name[1])
        and not re.fullmatch(PARTICLE, name[1])  # "Sami el Tayeb": a particle opens the surname
        and clean_token(name[-1]).lower() not in ORG_WORDS  # "Trayvon Martin Foundation" is all one name
    ):
        # "Neighbour Pauline Grady": a capitalised descriptor, then the name; "Marine John Tiegen" served
        # in the Marines (but "Marine Le Pen" is her name)
        name = name[1:]
    owner = next((k for k, t in enumerate(name[:-1]) if POSSESSIVE.search(t)), None)
    if (
        owner is not None
        and len(name) - owner > 2
        and is_first_name(name[owner + 1])
        and name[owner + 2][:1].isupper()
    ):
        # "Al Jazeera's Hani Mahmoudi", "the network's Jo Hale": a person's whole name after its owner is who
        # it is (an owner that opens with a first name, "Al", took the name for itself)
        name, owner = name[owner + 1 :], None
    if (
        owner is not None
        and (titles or is_first_name(name[0]))
        and not any(clean_token(t).lower() in ORG_WORDS | {"of"} for t in name[owner + 1 :])
    ):
        # "Rep. Alan Gray’s Senate campaign": the owner, not what they own; "Dave Leip’s Atlas of U.S.
        # Presidential Elections" is a work's title
        name = name[: owner + 1]
    if "of" in name[2:] and (titles or is_first_name(name[0])):
        name = name[: name.index("of", 2)]  # "Senator Dale Prentiss of Montana": the place is not the name
    name = [t.rstrip(".,") if not _INITIAL.fullmatch(t) else t for t in name]
    if name and name[-1].endswith(("'s", "’s")):
        name[-1] = name[-1][:-2]
    return tuple(titles), tuple(t for t in name if t)


def office_of_place(surface: str, titles: list[str]) -> str | None:
    """The whole office a nameless title is of, as a label: "the Mayor of London's" → "Mayor of London"."""
    office = _OFFICE_OF_PLACE.search(surface) if titles else None
    if office is None or office.group(1) != titles[-1]:
        return None
    return " ".join([*titles, "of", *POSSESSIVE.sub("", office.group(2)).rstrip(".,").split()])


def _initials(role: str) -> str:
    """The letters a role is abbreviated to: "chief minister" → "cm", "superintendent of police" → "sp"."""
    words = [w for w in role.split() if w not in ("of", "the", "for", "and")]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


def _abbreviates(acronym: str, role: str) -> bool:
    """ "the CM" for "chief minister", "the CS" for "interior cabinet secretary" (the office without its
    portfolio); never "the PM" for a deputy prime minister, whose rank makes another office."""
    initials = _initials(role)
    extra = len(initials) - len(acronym)
    return initials == acronym or (
        extra > 0 and initials.endswith(acronym) and not set(role.split()[:extra]) & RANKS
    )


_NAME_TOKEN = re.compile(rf"{UPPER}{LOWER}+(?:[-'’]{UPPER}{LOWER}+)?|{UPPER}\.")
"""A word of a personal name: "Tesfaye", "Al-Amin", "O’Neil", an initial."""

_NOT_GIVEN_NAME = re.compile(
    r"^(?:Neither|Either|Both|All|Every|Each|Many|Most|Some|No|Few|Plus|Besides|Whatever|Stop|House|Senate|"
    r"United|North|South|East|West|Middle)$|(?:ional|ical|ial|ic|ing|ern|ment|\.)$"
)
"""Words that open a capitalised run without being anyone's first name: "Neither Republicans", "House
Democrats", "Radical Islamic", "Playing Trump", "W. Bush"."""


_PLACE_SURNAMES = {"hall", "hill", "park", "west", "lane", "north", "court", "bay", "house", "street"}
"""Common surnames that are also place words ("Grace Hall", "Tom West", "Ann Park")."""


def _not_a_name(word: str) -> bool:
    low = word.lower()
    return (
        low in NOT_NAMES
        or low in ORG_WORDS
        or low in PLACE_WORDS
        or low in TITLES
        or word in PLACE_NAMES
        or word in DEMONYMS
        or low.endswith("ic")
    )


def _particle_free(surname: str) -> tuple[str, str]:
    """A surname joined to its particle, as written without it and as written whole: "al-assad"."""
    return surname.split("-", 1)[-1], surname


def _given_then(full: str, surname: list[str]) -> bool:
    """Whether ``full`` is a first name and then ``surname`` ("Eustaquio Ruiz Osorio"; never "Said Dora
    Pell", a verb the name pattern swallowed)."""
    tokens = full.split()
    return (
        len(tokens) == 3
        and tokens[1:] == surname
        and not _not_a_name(tokens[0])
        and not VERB_RE.fullmatch(tokens[0].lower())
    )


_PLAIN_MODIFIERS = {"former", "then", "new", "late", "current", "outgoing", "incoming", "acting", "deputy"}


def proper_modifiers(words: list[str]) -> set[str]:
    """The capitalised words before a role's head ("Ohio" in "the Ohio governor", "Avatar" in "the
    “Avatar” star"), lowercased: what the article must have said about the person it means."""
    bare = [w.strip("“”\"'‘’") for w in words]
    proper = {w.lower() for w in bare if w[:1].isupper() and not re.fullmatch(DETERMINERS, w.lower())}
    # "the Ward 4 councillor": the number of a capitalised seat says which ward
    numbered = zip(bare[1:], bare[:-1], strict=True)
    return proper | {w for w, before in numbered if w.isdigit() and before[:1].isupper()}


def modifier_fit(entity: Entity, heads: set[str], modifiers: set[str]) -> bool | None:
    """Whether the modifiers of a role ("Ohio" in "the Ohio governor") fit the roles the article gave
    this entity with the same head: True if one carries them, False if only other ones are known
    ("new jersey gov"), None if nothing is known either way."""
    known = [[w.strip('“”"‘’') for w in r.split()] for r in entity.roles if role_head(r.split()) in heads]
    numbers = {w for w in modifiers if w.isdigit()}  # "Ward 4" is not "Ward 2"
    if any(modifiers & set(words) and numbers <= set(words) for words in known):
        return True
    given = {w for words in known for w in words[:-1]} - _PLAIN_MODIFIERS
    if given and all(map(_team_nickname, modifiers)) and not any(map(_team_nickname, given)):
        return True  # "the Gunners boss" after "Arsenal manager X": a club's nickname is another name for it
    if given:
        return False
    return None


_NICKNAME = re.compile(rf"{LOWER}{{2,}}(?:[^aeiosu\W]s|es)")
_PLACE_NAMES_LOWER = frozenset(p.lower() for p in PLACE_NAMES)


def _team_nickname(modifier: str) -> bool:
    """ "gunners", "bucks", "magpies": a plural noun that names a team, never a place ("wales")."""
    return _NICKNAME.fullmatch(modifier) is not None and modifier not in _PLACE_NAMES_LOWER


def org_fits(entity: Entity, head: str) -> bool:
    """Whether an organisation is one that ``head`` ("company", "ministry") can mean: its name or what the
    article called it has a word of that kind ("Acme Corp", "Zyntra, a software company,")."""
    kinds = ORG_KINDS.get(head, {head})
    named = {clean_token(w).lower() for n in (entity.canonical, *entity.names) for w in n.split()}
    if named <= ORG_WORDS | ORG_HEADS | kinds:
        return False  # "Bank", "Party": a capitalised noun that opened a sentence names no one
    return bool(kinds & named) or any(r.split()[-1] in kinds for r in entity.roles if r)


def nameless(entity: Entity) -> bool:
    """Whether an entity read as a person or an organisation has nothing of a person: a lone word
    ("Google") that is no first name, with no title, role or gender the article gave it."""
    return (
        entity.kind in ("person", "org")
        and entity.first is None
        and not entity.gender_strong
        and " " not in entity.canonical
        and not is_first_name(entity.canonical)
        and not entity.roles
    )


def no_person_signs(entity: Entity) -> bool:
    """Whether a name read as a person's has nothing of one: no gender, title or role, and no first name
    from the tables ("Northbridge Water", which "said it would" as companies do). Unlike ``nameless`` it
    allows several words; a lone first name with no gender found ("Jordan") passes too."""
    return (
        entity.kind == "person"
        and entity.gender is None
        and not entity.roles
        and (entity.first is None or not is_first_name(entity.first))
    )


_TITLE_CASE_WORD = re.compile(rf"{UPPER}{LOWER}+")
_INSIDE_SENTENCE = r"(?<=[\w,;)”’\"'] )"
"""Right after a word, a comma or a closing mark and a space: inside a sentence, not opening one."""
_LOWER_WORD = re.compile(rf"{LOWER}(?:{LOWER}|-)+")
_NOUN_BEFORE_NAME = re.compile(rf"(?:\S+\s+)*?({LOWER}+)\s+(?={UPPER})")
"""The last lower-case word before a name: "widow" in "widow Terry Strand"."""

_HANDLE_OWNER = re.compile(
    rf"((?:{CAP}[ \u00a0]+){{0,4}}{CAP})(?:\s*\(|,\s+who\s+(?:posts|tweets|goes)\s+(?:as|by)\s+)"
    r"(@\w{1,30})\b"
)
"""A name with its handle: "Rep. Ivo Marsh (@ivomarsh)", "Jo Hale, who posts as @johale"."""


class Registry:
    """The people in one article, resolved as the text introduces them."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self.clock = 0
        self.orgs_seen: list[str] = []
        """Capitalised names that are not people (organisations, perhaps places), latest last."""
        self.companies: list[tuple[str, int]] = []
        """Lone names that did what companies do ("Google announced the layoffs"), with when, latest last."""
        self.documents: dict[str, Entity] = {}
        self.handles: dict[str, str] | None = None
        """Social media handles with their owners' names as the article gives them (read when needed)."""
        """Who last wrote each kind of document ("in a statement", "she wrote a letter", "a report from the
        Harbour Authority"), for a later "the statement said", "the letter read"."""
        self.para = -1
        """The paragraph being read, so pronouns prefer the subjects of its sentences."""
        self.set_aside: list[tuple[int, str]] = []
        """Names that opened a sentence as its subject, read as no one's, with their paragraph."""
        self.recent: list[str] = []
        """The text of the paragraph being read and the two before it, latest last."""
        self.article = ""
        """The whole article's text, for what it says of a word anywhere."""
        self.written: dict[str, tuple[bool, int]] = {}
        """Words looked up in the article: whether capitalised inside a sentence, and how often written."""

    def read_article(self, texts: Iterable[str]) -> None:
        """Keep the whole article, for what it says of a word anywhere."""
        self.article = "\n".join(texts)

    def _written(self, word: str) -> tuple[bool, int]:
        """Whether the article capitalises ``word`` inside a sentence, as a name is ("said Waters", "Tom
        Lusk"), where a common noun is capitalised only to open one ("Pundits told …"); and how often it
        writes the word. Looked up only for the few lone words in question."""
        if word not in self.written:
            inside = re.search(_INSIDE_SENTENCE + re.escape(word) + r"\b", self.article) is not None
            self.written[word] = inside, len(re.findall(rf"\b{re.escape(word)}\b", self.article))
        return self.written[word]

    def read(self, para: int, text: str) -> None:
        """Move on to paragraph ``para``."""
        self.para = para
        self.recent = [*self.recent[-2:], text]

    def introduced(self, head: str) -> bool:
        """Whether the recent paragraphs brought in someone unnamed with this noun ("One woman adopted
        from Iran …", "greeted by an organizer"), whom "the woman", "the organizer" then means."""
        unnamed = re.compile(
            rf"(?:^|[.!?][\"”’']?\s+|\bby\s+)(?:[Aa]n?|[Oo]ne)\s+(?:[\w'’-]+\s+){{0,3}}?{re.escape(head)}\b"
        )
        return any(unnamed.search(text) for text in self.recent)

    def acted_as_company(self, word: str) -> None:
        """Remember a name that did what companies do ("Google announced the layoffs")."""
        self.companies.append((word, self.clock))

    def touch(self, entity: Entity) -> Entity:
        self.clock += 1
        entity.last_seen = self.clock
        return entity

    def _gender_from(self, titles: list[str], name: list[str]) -> tuple[str | None, bool]:
        for t in titles:
            g = TITLE_GENDER.get(clean_token(t).lower())
            if g:
                return g, True
        if len(name) >= 2 or (name and not titles):
            first = first_name_gender(name[0])
            if first and len(name) >= 3 and first_name_gender(name[1]) not in (None, first):
                # "Rana Tariq Mehmood", "Syed Ali Shah": a South Asian clan name or honorific before the
                # given name, which may read as a given name of the other sex: neither is sure
                return None, False
            return first, False
        return None, False

    def _handle_owner(self, handle: str) -> str | None:
        """The name the article gives a handle's owner: "Rep. Ivo Marsh (@ivomarsh)", "Jo Hale, who posts
        as @johale" (the article is read for handles once, at the first one asked about)."""
        if self.handles is None:
            self.handles = {m.group(2): m.group(1) for m in _HANDLE_OWNER.finditer(self.article)}
        return self.handles.get(handle)

    def name(
        self, surface: str, *, speaker: bool = False, create: bool = True, person_hint: bool = False
    ) -> Entity | None:
        """A capitalised name → its entity (existing, by full, last or first name), or a new one."""
        if surface.startswith("@") and (owner := self._handle_owner(surface.strip())) is not None:
            surface = owner  # "@ivomarsh" after "Rep. Ivo Marsh (@ivomarsh)": his account
        titles, name = split_name(surface)
        if speaker and not name and not titles and _TITLE_CASE_WORD.fullmatch(surface.strip()):
            # "From said" after "Ada From": a surname that is also an everyday word, only if someone has it
            known = self._match([surface.strip()], None)
            return self.touch(known) if known is not None and known.kind == "person" else None
        if not name:
            role = " ".join(clean_token(t).lower() for t in titles)
            office = office_of_place(surface, titles)
            if office:
                # "the Prince of Wales", "the Mayor of London": known by the whole office; "the mayor" later
                return self.role(role, create=create, original=office)
            return self.role(role, create=create) if role else None
        gender, strong = self._gender_from(titles, name)
        described = _NOUN_BEFORE_NAME.match(surface)
        if not strong and described and described.group(1) in FEMALE_NOUNS | MALE_NOUNS:
            # "widow Terry Strand", "actress Lindsey Hale": the noun says more than the first name
            gender, strong = ("f" if described.group(1) in FEMALE_NOUNS else "m"), True
        full = " ".join(name)
        # "Admiral Kessler" when the article has another Kessler: the title says which ("Mr." only a gender)
        title = title_word(titles[-1]) if titles else None
        title = None if title in TITLE_GENDER else title
        match = self._match(name, gender if strong else None, title)
        if match is None:
            if not create:
                return None
            # "Gray for U.S. House", "Women for Reform": no one's name has "for" in it
            orgish = (
                any(clean_token(t).lower() in ORG_WORDS for t in name)
                or "for" in name[1:-1]
                # "Drew Pharmaceuticals", "Vale Motors": a company, whatever its first word
                or (len(name) > 1 and clean_token(name[-1]).lower() in COMPANY_SUFFIXES)
            )
            lone = clean_token(name[0]) if len(name) == 1 else ""
            demonym = lone in DEMONYMS or lone[:-1] in DEMONYMS and lone.endswith("s")  # "Former Mexican"
            place = demonym or lone in PLACE_NAMES and not titles
            if place and not speaker:
                return None  # "Michigan was only doing …", "a truck driver from Ava, Mo., who …"
            kind = (
                "org"
                if orgish or place or (len(name) == 1 and name[0].isupper() and len(name[0]) > 1)
                else "person"
            )
            lone = kind == "person" and not titles and len(name) == 1
            if lone and people_group(name[0]):
                # "Reporters asked Tom Lusk …": a plural noun for people, capitalised to open a sentence, is
                # a group that may speak, never someone's name that "he" or "she" could mean
                return self.role(name[0], create=create) if speaker else None
            named = self._named_before(name[0]) if lone else None
            if named:
                # "Tesfaye Gudina was once …" read as no one, then "Gudina volunteered": a surname used alone
                # means the full name given before, which was a person's all along
                name, full, person_hint = named, " ".join(named), True
            if kind == "person" and not titles and len(name) == 1 and not (speaker or person_hint):
                return None  # a lone capitalised word ("Tokyo") is not a person until it speaks
            if (
                kind == "person"
                and not titles
                and not speaker
                and (
                    (
                        clean_token(name[-1]).lower() in PLACE_WORDS
                        and not (person_hint and is_first_name(name[0]))  # "Mary Lane disagreed"
                    )
                    # a long name is a person's only with a particle inside: "Faisal bin Abdulaziz Al Nuaimi"
                    or len(name) > 3 and not any(re.fullmatch(PARTICLE, t.lower()) for t in name[1:-1])
                    or (not is_first_name(name[0]) and not person_hint)
                )
            ):
                if len(name) >= 2 and name[0].lower() not in NOT_NAMES:
                    self.orgs_seen.append(full)
                return None  # "Bridge Road", "Third Street": not people unless they speak
            cased = full.lower()
            written = (e for e in self.entities if kind == "org" and e.canonical.lower() == cased)
            match = next(written, None)  # "said Toronto police", then "Toronto Police said": one force
            if match is None:
                match = Entity(full, kind)
                if kind == "person":
                    match.first, match.last = (name[0] if len(name) > 1 else None), name[-1]
                self.entities.append(match)
        if match.kind == "person" and len(name) > 1 and match.canonical in (name[0], name[-1]):
            # "Harwood said" was read before "Thomas Harwood"; "her son Liam" before "Liam Cole"
            match.canonical, match.first, match.last = full, name[0], name[-1]
        match.names.add(full)
        if titles:
            role = " ".join(clean_token(t).lower() for t in titles)
            head = role_head([clean_token(t).lower() for t in titles])
            match.roles.update({role, head})
            if head == clean_token(titles[-1]).lower():
                # "Sgt Tom Hale" is a sergeant, so "the officer" (a sergeant's synonym) may mean him
                match.roles.add(title_word(titles[-1]))
            if len(titles) > 1 and clean_token(titles[0]).lower() in ("detective", "det"):
                match.roles.add("detective")  # "Detective Sgt. Ines Marlow" is "the detective" of any rank
            before = surface[: surface.rfind(titles[-1])].split()
            placed = []  # "Ohio Gov.", "former New Jersey Gov.": the state the title is of
            while before and before[-1][:1].isupper() and before[-1] not in titles and len(placed) < 3:
                placed.insert(0, before.pop())
            if placed:
                match.roles.add(" ".join(clean_token(w).lower() for w in [*placed, titles[-1]]))
            if role in ("prime minister", "pm"):
                match.roles.update({"prime minister", "pm"})
        elif match.kind == "person" and len(name) > 1:
            # "Taoiseach Niall Kehoe", "Pensioner Doris Hale": the capitalised word set aside before the name
            # is what the person is, so "the Taoiseach" and "the pensioner" are them
            lead = surface[: surface.find(f"{name[0]} ")].split()
            word = clean_token(lead[-1]).lower() if lead else ""
            if _LOWER_WORD.fullmatch(word) and not _not_a_name(word) and word not in _WEEKDAYS:
                match.roles.update({word, role_head([word])})
        if match.kind == "person" and (silk := surface.rstrip(".,")[-3:]) in (" KC", " QC"):
            match.roles.add(silk[1:].lower())  # "Sarah Whitcombe KC" is a barrister ("the barrister")
        peer = PEERAGE.get(clean_token(name[0]).lower()) if name[1:2] == ["of"] else None
        if peer and match.kind == "person":
            # "the Duke of Sussex": a peer goes by the rank, so "the duke said" later is him
            match.roles.add(clean_token(name[0]).lower())
            gender, strong = peer, True
        # a first name's guess only from the first name: "Pena Nieto", after "Enrique Pena Nieto", is a double
        # surname whose first word says nothing of him
        guessed_here = match.first in (None, name[0])
        if gender and match.kind == "person" and (strong or match.gender is None and guessed_here):
            match.gender, match.gender_strong = gender, strong or match.gender_strong
        return self.touch(match)

    def _stray(self, word: str) -> bool:
        """Whether a lone word looks plural and is capitalised only where it opens a sentence ("Pundits",
        "Britons"), never inside one as a surname would be ("said Waters"), and is no first name."""
        plural = singular(word) != word
        return plural and not self._written(word)[0] and not is_first_name(word)

    def common_word(self, word: str) -> bool:
        """Whether a lone capitalised word labelling a quotation ("Update: “…”", "Verdict: “…”") is a common
        noun: the article writes it nowhere else (a name it would write inside a sentence, "said Lusk", or
        in what it did, "Google cut jobs"), and it is no first name and no noun for a person."""
        return (
            bool(_TITLE_CASE_WORD.fullmatch(word))
            and not is_first_name(word)
            and word.lower() not in _SINGULAR_PEOPLE
            and not people_group(word)
            and self._match([word], None) is None
            and self._written(word) == (False, 1)
        )

    def _named_before(self, word: str) -> list[str] | None:
        """The unfamiliar full name, set aside as no one's, that ``word`` is the surname of."""
        if _not_a_name(word) or word.endswith("s"):
            return None  # "Senate Republicans … Republicans said": a group, never one person
        for seen in reversed(self.orgs_seen):
            tokens = seen.split()
            if len(tokens) == 3 and tokens[0].lower() in FEMALE_NOUNS | MALE_NOUNS | OTHER_ROLES:
                tokens = tokens[1:]  # "Actress Amandla Stenberg": what she is, then her name
            if (
                tokens[-1] == word
                and 2 <= len(tokens) <= 3
                and all(_NAME_TOKEN.fullmatch(t) for t in tokens)
                and not _not_a_name(tokens[0])
                and not _NOT_GIVEN_NAME.search(tokens[0])
            ):
                return tokens
        return None

    def _match(self, name: list[str], gender: str | None, title: str | None = None) -> Entity | None:
        """The entity ``name`` means: the latest with that full name, else with that surname (or first
        name); with a ``title`` ("Admiral Kessler"), one the article gave that title first."""
        found = self._matches(name, gender, everyone=title is not None)
        if title:
            holders = (e for e in found if any(title_word(r.split()[-1]) == title for r in e.roles))
            fitting = next(holders, None)
            if fitting is not None:
                return fitting
        return found[0] if found else None

    def _matches(self, name: list[str], gender: str | None, *, everyone: bool) -> list[Entity]:
        """The entities ``name`` may mean, likeliest first; only the likeliest unless ``everyone``."""
        full = " ".join(name)
        people = sorted(self.entities, key=lambda e: -e.last_seen)
        exact = [
            e
            for e in people
            if (full in e.names or full == e.canonical)
            and not (gender and e.gender_strong and e.gender and e.gender != gender)
        ]
        if exact and not everyone:
            return exact[:1]
        candidates = []
        for e in people:
            if e.kind == "org":
                continue
            if (
                gender
                and e.gender
                and e.gender != gender
                and (e.gender_strong or e.first and first_name_sure(e.first))
            ):
                # "Ruth Ames and her husband, Bill," then "Mr Ames said": not Ruth, but the relative the
                # article named by first name alone, who shares her surname
                candidates += [k for k in e.kin.values() if k.gender == gender and " " not in k.canonical]
                continue
            if len(name) == 1:
                if name[0] in (e.last, e.first) or any(n.split()[-1] == name[0] for n in e.names):
                    candidates.append(e)
                elif e.last and e.last[:1].islower() and name[0].lower() in _particle_free(e.last.lower()):
                    candidates.append(e)  # "Anwar al-Hamdi", then "Hamdi" or "Al-Hamdi" opening a sentence
            elif e.last == name[-1] and (e.first is None or e.first == name[0] or len(name[0]) <= 2):
                candidates.append(e)
            elif len(name) == 2 and any(_given_then(n, name) for n in e.names):
                candidates.append(e)  # "Mr. Ruiz Osorio" after "Eustaquio Ruiz Osorio": a double surname
            elif (
                len(name) == 2
                and e.names == {name[0]}
                and is_first_name(name[0])
                and clean_token(name[-1]).lower() not in ORG_WORDS  # "Clinton Foundation" is no Clinton
            ):
                candidates.append(e)  # "her son Liam", later "Liam Cole"
        if not exact and not candidates and len(name) == 1 and gender:
            # "Mr Hafiz" after "Muhammad Hafiz Rahman", "Ms Tan" after "Cheryl Tan Mei Ling": with an
            # honorific, a name may be a middle word of the full name (a Malay given name after "Muhammad",
            # a Chinese family name after an English given name)
            candidates = [e for e in people if e.kind == "person" and name[0] in e.canonical.split()[1:-1]]
        if gender:
            strong = [e for e in candidates if e.gender == gender]
            candidates = strong or candidates
        return exact + candidates

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
        det = words[0] if re.fullmatch(DETERMINERS, words[0]) else None
        body = words[1:] if det else words
        cased_body = cased.split()[1:] if det else cased.split()
        if not body:
            return None
        role_text = " ".join(body)
        # "an insider at the soap", "a friend of the couple": the person is the noun before what they are
        # of or close to, never "soap" or "couple" ("secretary of state", with no article, stays whole)
        modified = _POST_MODIFIED.match(role_text) if " " in role_text else None
        head = role_head(modified.group(1).split() if modified else body)
        if role_text in ("pm", "prime minister"):
            role_text = head = "prime minister"
        definite = det in ("the", "his", "her", "their", "its", None)
        if definite:
            heads = {head} | ROLE_SYNONYMS.get(head, set())
            # "the Ohio governor", "the “Avatar” star": a proper modifier must fit what the article said
            modifiers = proper_modifiers(cased_body[:-1])
            people = sorted(self.entities, key=lambda e: -e.last_seen)
            if modifiers and head not in ORG_HEADS:
                fitting = next((e for e in people if modifier_fit(e, heads, modifiers) is True), None)
                if fitting is not None:
                    return self.touch(fitting)
            # "the CM" after "Chief Minister K. Rao", "the DCI" after "Detective Chief Inspector Jo Barr"
            # and "the Health CS" after "Health Cabinet Secretary Jo Rao": the portfolio must be in the role
            short = len(body) <= 2 and cased_body[-1].isupper() and 2 <= len(body[-1]) <= 4
            acronym = body[-1] if short else ""
            portfolio = body[:-1]
            unfit: Entity | None = None
            for e in people:
                if head in ORG_HEADS:
                    break  # "the group", "the company": the latest organisation, below
                if modifiers and modifier_fit(e, heads, modifiers) is False:
                    # "New Jersey Gov. Chris Christie" is not "the Ohio governor": when asked whether the
                    # role means someone known (so a description of the person just named is read first),
                    # and only as a last resort when it must be someone
                    unfit = unfit or e
                    continue
                if heads & e.roles or acronym and any(
                    _abbreviates(acronym, r) and all(w in r.split() for w in portfolio) for r in e.roles
                ):
                    return self.touch(e)
                if (
                    role_text in e.roles
                    or head in e.roles
                    or (e.kind != "person" and (e.canonical.lower().endswith(" " + head) or head in e.roles))
                ):
                    return self.touch(e)
            if head in ORG_HEADS:
                # the latest organisation the article made one of this kind ("Zyntra, a software company,",
                # "the Health Ministry"), never whichever name came last: a ministry is not the BBC someone
                # "told" just before, nor "the group" the City Hall protesters marched to
                # or a body the article named in lower case ("the province's health ministry")
                org = next(
                    (
                        e
                        for e in people
                        if e.kind == "org" and org_fits(e, head)
                        or e.kind == "unnamed" and role_head(e.canonical.lower().split()) == head
                    ),
                    None,
                )
                if org is None:
                    fitting = (n for n in reversed(self.orgs_seen) if org_fits(Entity(n, "org"), head))
                    seen = next(fitting, None)
                    org = self.name(seen, speaker=True) if seen is not None else None
                    if org is not None:
                        org.kind = "org"
                if "company" in ORG_KINDS[head]:
                    # a lone name that acted as a company since the latest organisation of the kind was named
                    for word, at in reversed(self.companies):
                        if org is not None and at <= org.last_seen:
                            break
                        name = split_name(word)[1]
                        acting = name and self._match(name, None) or self.name(word, speaker=True)
                        if acting is not None and (
                            nameless(acting) or acting.kind == "org" or no_person_signs(acting)
                        ):
                            org = acting
                            org.kind, org.gender = "org", None
                            break
                if org is not None:
                    org.roles.add(head)
                    return self.touch(org)
            if (writer := self.documents.get(document_key(head))) is not None:
                return self.touch(writer)
            if unfit is not None and create:
                return self.touch(unfit)
        if not create:
            return None
        # "one Hale adviser", not "one hale adviser": the names in a description keep their capitals
        canonical = " ".join(cased_body if det in ("a", "an", "the", None) else [det, *cased_body])
        if original:
            canonical = original
        for e in self.entities:
            if e.canonical.lower() == canonical.lower():
                return self.touch(e)
        entity = Entity(canonical, "unnamed", roles={role_text, head})
        if head in FEMALE_NOUNS:
            entity.gender, entity.gender_strong = "f", True
        elif head in MALE_NOUNS:
            entity.gender, entity.gender_strong = "m", True
        self.entities.append(entity)
        return self.touch(entity)

    def pair(self, first: Entity, second: str) -> Entity:
        """Two people named together as a sentence's subject ("Jo Hale and Ed Marr founded …"), whom a
        later "they said" means: one group, voiced as one."""
        canonical = f"{first.canonical} and {second}"
        for e in self.entities:
            if e.kind == "unnamed" and e.canonical == canonical:
                return self.touch(e)
        entity = Entity(canonical, "unnamed", names={canonical})
        self.entities.append(entity)
        return self.touch(entity)

    def pronoun(self, word: str, history: list[Mention], *, exclude: Entity | None = None) -> Entity | None:
        """he/she/they → the latest compatible person; speakers first, then anyone mentioned. A lone word
        that may be a common noun capitalised to open its sentence ("Pundits told Tom Lusk …") only if no
        one else fits."""
        found = self._pronoun(word, history, exclude, strays=False)
        if found is None and word.lower() in ("he", "she"):
            found = self._pronoun(word, history, exclude, strays=True)
        return found

    def _pronoun(
        self, word: str, history: list[Mention], exclude: Entity | None, *, strays: bool
    ) -> Entity | None:
        gender = PRONOUNS.get(word.lower())
        plural = word.lower() in ("they", "we")

        def ok(e: Entity) -> bool:
            if word.lower() == "it":
                return e.kind in ("org", "unnamed")
            if plural:
                return e.kind in ("org", "unnamed") or e.canonical.endswith("s")
            if e.kind == "org" or (e.kind == "unnamed" and not person_head(e.canonical)):
                return False  # "he" is not "the war in Ukraine" nor "a clip from a speech"
            if group_head(e.canonical) or people_group(e.canonical):
                return False  # nor "police", "local residents", "Reporters" or "Nurses": a group
            if not strays and nameless(e) and self._stray(e.canonical):
                return False  # "Pundits", a common noun opening its sentence, only when no one else fits
            if e.canonical.rstrip("s") in DEMONYMS:
                return False  # nor "German" ("a German woman") nor "Germans"
            return e.gender is None or e.gender == gender

        # the latest subject in this paragraph beats people mentioned after it in passing:
        # "Frost said Mbeki would keep his place. 'Why not?' she said." is Frost
        latest = history[-1].para if history else self.para  # this paragraph, or the one before
        if gender and not plural and self.set_aside and self.set_aside[-1][0] > latest:
            # "Wharetini Rapana runs the kitchen. ¶ “…,” she says": a name set aside after everyone known
            unfamiliar = self._unfamiliar_person(gender)
            if unfamiliar is not None:
                return unfamiliar
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
        return self._unfamiliar_person(gender) if gender and not plural else None

    def _unfamiliar_person(self, gender: str) -> Entity | None:
        """ "Kwame Mensah runs a barber shop … ¶ “…,” he says": with no one else "he" or "she" could mean,
        a name that opened a sentence of this paragraph or the one before, set aside because its first name
        is not in the tables (as many names outside the USA are not), was a person's after all."""
        for para, seen in reversed(self.set_aside):
            if para < self.para - 1:
                break
            tokens = seen.split()
            if (
                2 <= len(tokens) <= 3
                and all(_NAME_TOKEN.fullmatch(t) for t in tokens)
                and not any(_not_a_name(t) for t in tokens[:-1])
                and not _NOT_GIVEN_NAME.search(tokens[0])
                and (
                    not _not_a_name(tokens[-1])
                    # "Grace Hall teaches …", "Tom West runs …": a surname that is also a place word, after
                    # a first name of the pronoun's gender
                    or tokens[-1].lower() in _PLACE_SURNAMES
                    and first_name_sure(tokens[0])
                    and first_name_gender(tokens[0]) == gender
                )
            ):
                entity = Entity(seen, "person", gender=gender, names={seen})
                entity.first, entity.last = tokens[0], tokens[-1]
                self.entities.append(entity)
                return self.touch(entity)
        return None
