"""The vocabulary of news attribution: speech verbs, titles, determiners, words that are not names,
organisation and place nouns. Shared by the modules that read cues and resolve people."""

from __future__ import annotations

import re

from narrator.letters import LETTER, LOWER, UPPER
from narrator.segment.gender import TITLE_GENDER
from narrator.titles import TITLE_ABBREVIATIONS as WRITTEN_TITLES

SPEECH_VERBS = (
    "said|says|say|saying|told|tells|added|adds|wrote|writes|asked|asks|replied|replies|warned|warns|insisted"
    "|insists|explained|explains|noted|notes|recalled|recalls|continued|continues|argued|argues|claimed|claims"
    "|admitted|admits|acknowledged|acknowledges|stated|states|declared|declares|announced|announces|tweeted"
    "|posted|responded|responds|remarked|observed|shouted|yelled|whispered|laughed|laughs|smiled|smiles|grinned|sighs|joked|jokes|conceded"
    "|concedes|agreed|agrees|suggested|suggests|predicted|predicts|cautioned|urged|urges|concluded|testified"
    "|boasted|complained|complains|confirmed|confirms|vowed|promised|pleaded|sighed|cried|exclaimed|mused"
    "|countered|counters|maintained|maintains|stressed|stresses|emphasised|emphasized|reflected|remembered"
    "|remembers|emailed|texted|wondered|wonders|offered|advised|answered|answers|quipped|quip|quips|snapped|recounted"
    "|recounts|reported|reports|interjected|protested|objected|demanded|begged|pointed out|went on|chimed in"
    # less usual verbs of saying, as news uses them
    "|chanted|chants|crowed|crows|retorted|retorts|implored|implores|advises|jeered|boomed|scoffed|scoffs"
    "|opined|elaborated|yells|shouts|beamed|fumed|riffed|barked|exhorted|chided|marveled|marvelled|gushed"
    "|lamented|laments|cautions|tweets|wrote back|shot back|fired back|reacted|assured|asserted|asserts"
    "|added later|screamed|screams|cheered|pleads|begs|teased|teases|mocked|mocks|sneered|snarled|hissed"
    "|muttered|mumbled|stammered|blurted|thundered|sang|sings|prayed|swore|vowed|vows|warned|rejoined"
    "|recommended|recommends|put it|puts it|informed|informs|commented|mouthed|mouths|murmured|murmurs"
    "|gasped|sobbed|roared|bellowed|alleged|alleges"
    # a film's or a song's lines, and a magazine's present tense: "“I'll find you,” Mara growls at him"
    "|growls|growled|snarls|snaps|hisses|barks|mutters|whispers|howls|howled|grins|croons|crooned"
    # a tabloid's verbs of saying: "A TV insider revealed:", "the star raged", "she penned alongside a snap"
    "|revealed|reveals|confided|confessed|confesses|raged|blasted|slammed|hit back|penned|captioned"
    # West African and South Asian papers' verbs of saying: "he disclosed", "she indicated", "he averred"
    "|disclosed|discloses|indicated|indicates|intimated|averred|hinted"
    # present participles that introduce a quotation after a comma: `…, telling reporters, "…"`
    "|telling|writing|adding|asking|tweeting|declaring|insisting|noting|arguing|explaining"
    "|asserting|chanting|shouting|yelling|replying|responding|stating|recalling|joking|quipping"
    "|singing|howling|crooning"
)


def _by_first_letter(words: str) -> str:
    """The alternation ``words`` grouped under each first letter ("s(?:aid|ays)|t(?:old)"): the same matches
    in the same order, but a word is tried only against the verbs that start with its letter, which makes
    every pattern that holds VERB several times faster."""
    groups: dict[str, list[str]] = {}
    for word in words.split("|"):
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


VERB = rf"(?:{_by_first_letter(SPEECH_VERBS)})"


_INFORMED_SAYS = (
    r"|(?<!-)(?<!\bwas )(?<!\bwere )(?<!\bbe )(?<!\bbeen )(?<!\bis )(?<!\bare )(?<!\bwell )(?<!\bbetter )"
    r"(?<!\bfully )(?<!\bill )"
    r"(?!informed\s+(?:by|about|of|that|decisions?|choices?|sources?|opinions?|consent)\b)"
)
""""Informed" as a verb of saying ("he informed reporters", Indian English "informed the Collector"), never
"well-informed", "was informed that", "an informed decision" or "informed by"."""


VERB_RE = re.compile(
    rf"\b(?={VERB}\b)"  # a verb starts here: only then are the determiners before it looked at
    r"(?<!\bthe )(?<!\bThe )(?<!\ba )(?<!\ban )(?<!\bhis )(?<!\bher )(?<!\bits )(?<!\btheir )(?<!\bour )"
    r"(?:(?<![0-9] )|(?=(?:said|told|wrote|tweeted|replied)\b))(?<!\bother )"
    rf"(?:(?!inform){_INFORMED_SAYS}){VERB}\b"
)
"""A speech verb, unless a determiner, a number or "other" makes it a noun ("one of the states suing", "his
remarks", "50 states at once", "other reports"); "said", "told", "wrote" … are never nouns ("the world No 3
said", "@dogdad99 wrote")."""


ADVERB = (
    rf"(?:(?!(?:family|only|early|daily|weekly|monthly|rally|ally|supply|reply|assembly|italy|july)\b){LOWER}+ly"
    r"|once|later|also|then|now|previously|recently|earlier|still|simply|just|again|too)"
)


TITLE_ABBREVIATIONS = {short.lower(): title.lower() for short, title in WRITTEN_TITLES.items()}
"""Abbreviated titles and the words they stand for: "Adm. Kessler" and "Admiral Kessler" are one title."""


TITLES = set(TITLE_GENDER) | set(TITLE_ABBREVIATIONS) | {
    "dr",
    "professor",
    "reverend",
    "councillor",
    "councilman",
    "councilwoman",
    "commissioner",
    "collector",  # "District Collector Ravi Rao": who runs an Indian district
    "senator",
    "representative",
    "governor",
    "president",
    "vice",
    "prime",
    "minister",
    "secretary",
    "secretary-general",  # "UN Secretary-General Ana Ruiz", later "the secretary-general"
    "chancellor",
    "leader",
    "mayor",
    "judge",
    "justice",
    "lieutenant",
    "commander",
    "general",
    "colonel",
    "captain",
    "chief",
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
    "mla",  # Canadian, Indian and Northern Irish legislators: "NDP MLA Sol Tait"
    "mpp",
    "mna",
    "mha",
    "alderman",
    "reeve",  # who heads a Canadian rural municipality
    "warden",
    "elder",  # "Elder Joseph Crowe": a First Nation's title of respect
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


# Capitalised words that start sentences or name times and places, not people.
NOT_NAMES = set(
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
        "moments",  # "Moments after the blast, …": a time, never a person called Moments
        "minutes",
        "hours",
        "days",
        "weeks",
        "months",
        "years",
        "decades",
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
        # auxiliaries that open a question: "Was Szlachta satisfied?", "Did Ruiz know?"
        "was",
        "is",
        "are",
        "were",
        "did",
        "does",
        "do",
        "has",
        "have",
        "had",
        "should",
        "could",
        "would",
        "can",
    ]
)


PRONOUNS = {"he": "m", "she": "f", "they": None, "we": None, "i": None}
OWNER_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it"}
"""Possessive pronouns and the subject pronouns they stand for."""
OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}
"""Object pronouns and the subject pronouns they stand for: "According to him, …" means he said it."""


QUANTIFIERS = r"(?:one|some|many|most|two|three|several|none|each|all|any|another)"


DETERMINERS = r"(?:the|a|an|one|another|his|her|their|its|our|my|two|three|several|some)"


_LONG_TITLES = "|".join(short for short in WRITTEN_TITLES if len(short) > 2)  # "Lt." and "Dr." are any two


def _abbreviation(capital: str, small: str) -> str:
    return rf"(?:{capital}{small}?|Mrs|{_LONG_TITLES})\."


ABBREVIATION = _abbreviation(UPPER, LOWER)


HANDLE = r"@(?<![\w@].)\w{1,30}\b"
"""A social media handle, which names its account as a name does: "@ruthmoss"."""


# A name word ends with a full stop only as an initial or a known abbreviation ("J.", "Jr.", "Sen.",
# "U.S."): otherwise the stop ends the sentence, and "said Jane Smith. The end." must stop at Smith.
def _capitalised(capital: str, small: str) -> str:
    """A capitalised word, an abbreviation, initials or a handle, with these letter classes."""
    abbreviation = _abbreviation(capital, small)
    return rf"(?:{abbreviation}|{capital}\.(?:{capital}\.)+|{capital}[\w'’-]*\w|{capital}|{HANDLE})"


CAP = _capitalised(UPPER, LOWER)
ANY_CASE_CAP = _capitalised(LETTER, LETTER)
"""``CAP`` for a pattern that ignores case, where a capital or small letter class would match no letter of
Latin-1 (see ``narrator.letters``): the shape of a capitalised word, whatever its case."""


PARTICLE = r"(?:de|del|dela|delos|della|di|da|du|van|von|der|den|ten|ter|le|la|bin|ibn|al|el|dos|das|y)"


NAME_RE = re.compile(
    rf"{CAP}(?:[ \u00a0]+(?:{CAP}|{PARTICLE}-{CAP}|(?:{PARTICLE}|of|for|the)(?=[ \u00a0]+{UPPER})))*"
)
"""A capitalised name, with the particles inside it: "Rosa de Lima", "Anwar al-Hamdi"."""
PARTICLE_SURNAME = re.compile(rf"{PARTICLE}-{CAP}")
"""A surname written with its particle in lower case: "al-Masri", "el-Amin" (a name though it opens small)."""


ORG_WORDS = {
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
    "observatory",  # "the Syrian Observatory for Human Rights", a war monitor
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
    "watch",
    "center",
    "centre",
    "caucus",
    "institution",
}


COMPANY_SUFFIXES = {
    "corporation", "corp", "inc", "co", "llc", "ltd", "plc", "holdings", "technologies", "systems", "labs",
    "motors", "airlines", "airways", "pharmaceuticals", "industries", "entertainment", "studios",
    "enterprises", "brands", "foods", "aerospace", "energy", "logistics", "software", "electronics",
    "telecom", "financial", "insurance", "therapeutics", "biotech", "solutions", "dynamics", "petroleum",
    "chemicals", "bancorp",
}  # fmt: skip
"""Last words that make a name a company's, never a person's: "Acme Corp", "Helix Aerospace"."""
_COMPANY_WORDS = COMPANY_SUFFIXES | {
    "company", "firm", "group", "bank", "records", "app", "startup", "start-up", "maker", "provider",
    "retailer", "carrier", "operator", "brand", "platform", "manufacturer", "chain", "broadcaster",
    "publisher", "supplier", "utility", "insurer", "lender", "airline", "conglomerate", "developer",
    "producer", "giant", "carmaker", "automaker", "employer", "business", "label", "studio", "network",
}  # fmt: skip
_GROUP_WORDS = {
    "group", "organization", "organisation", "charity", "foundation", "association", "coalition", "alliance",
    "society", "institute", "center", "centre", "fund", "league", "federation", "union", "committee",
    "council", "club", "network", "campaign", "project", "trust", "caucus", "watch", "pac", "nonprofit",
    "non-profit", "watchdog",
}  # fmt: skip
_CARMAKER_WORDS = {"carmaker", "automaker", "motors", "motor", "automotive"}

ORG_KINDS = {
    "company": _COMPANY_WORDS,
    "firm": _COMPANY_WORDS,
    "corporation": _COMPANY_WORDS,
    "group": _GROUP_WORDS,
    "organization": _GROUP_WORDS,
    "organisation": _GROUP_WORDS,
    "charity": {"charity", "foundation", "trust", "fund", "nonprofit"},
    "coalition": {"coalition", "alliance"},
    "foundation": {"foundation"},
    "association": {"association"},
    "institute": {"institute"},
    "ministry": {"ministry"},
    "department": {"department"},
    "council": {"council"},
    "government": {"government"},
    "agency": {"agency", "administration", "bureau", "service", "commission", "authority", "department"},
    "club": {"club"},
    "party": {"party"},
    "union": {"union", "federation", "workers", "teamsters", "guild", "brotherhood"},
    "force": {"force", "police", "constabulary"},
    "label": {"label", "records"},
    "team": {"team"},
    "bank": {"bank", "bancorp", "lender"},
    "airline": {"airline", "airlines", "airways", "carrier"},
    "network": {"network", "networks", "broadcaster", "broadcasting", "news", "tv"},
    "university": {"university", "college"},
    "hospital": {"hospital", "clinic", "infirmary"},
    "retailer": {"retailer", "stores", "store", "chain"},
    "carmaker": _CARMAKER_WORDS,
    "automaker": _CARMAKER_WORDS,
}
"""The nouns an organisation speaks under ("the company said") → the words that make a name, or what the
article calls it, one of that kind: "the company" is "Acme Corp" or "Zyntra, a software company"; "the
department" is "the Department of Health", never a company nor the broadcaster someone spoke to."""

ORG_HEADS = set(ORG_KINDS)


ORG_NOUNS = ORG_HEADS | {
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


RANKS = {"vice", "deputy", "assistant", "associate", "lieutenant", "lt", "under"}
"""Words that make the title after them another office: a vice president is never "the president", nor a
deputy mayor "the mayor"."""


OFFICE_RANKS = RANKS | {"prime", "chief", "acting", "former", "shadow", "senior", "junior"}
"""Words that open the name of an office ("Prime Minister", "Senior Minister of State") without being a
title themselves."""


ROLE_SYNONYMS = {
    "coach": {"manager", "boss", "head coach"},
    "manager": {"coach", "boss"},
    "boss": {"manager", "coach"},
    "captain": {"skipper"},
    "skipper": {"captain"},
    "pm": {"prime minister"},
    "prime minister": {"pm"},
    "spokesman": {"spokesperson", "spokeswoman"},
    "spokeswoman": {"spokesperson", "spokesman"},
    "spokesperson": {"spokesman", "spokeswoman"},
    "officer": {"detective", "inspector", "sergeant", "constable"},
    "detective": {"inspector", "di"},
    # court reporting: "Assistant District Attorney Helen Marsh", "Tom Hale, prosecuting," is "the
    # prosecutor"; "Sarah Whitcombe KC, defending," is "the barrister"
    "prosecutor": {"prosecuting", "district attorney", "assistant district attorney", "state's attorney"},
    "barrister": {"prosecuting", "defending", "kc", "qc"},
    "lawmaker": {"senator", "congressman", "congresswoman", "representative", "mp"},
    "senator": {"lawmaker", "sen"},
    "sen": {"senator"},
    "governor": {"gov"},
    "gov": {"governor"},
    "chief": {"chief executive", "ceo"},
    "ceo": {"chief executive"},
    "chief executive": {"ceo"},
    # "Deputy Foreign Minister Sergei Ryabkov … the diplomat said": whoever conducts foreign relations
    "diplomat": {
        "ambassador", "envoy", "foreign minister", "deputy foreign minister", "vice foreign minister",
        "foreign secretary", "secretary of state", "consul",
    },  # fmt: skip
    # a tabloid's anonymous informant, named again by another word: "A source told The Sun … The insider
    # added", "a friend of the couple … the pal said"
    "source": {"insider"},
    "insider": {"source"},
    "friend": {"pal"},
    "pal": {"friend"},
    # a traditional ruler, named again by what he is: "HRH Oba Ade Ajayi … the monarch said"
    "monarch": {"king", "queen", "oba", "emir", "togbe", "ruler"},
}


PEERAGE = {"duke": "m", "duchess": "f", "earl": "m", "countess": "f", "marquess": "m", "viscount": "m"}
"""Ranks of the peerage, written before what the title is of ("Duke of Sussex"), and the holder's gender."""


PLACE_WORDS = {
    "road",
    "rd",
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
    "arena",
    "oval",
    "theatre",
    "theater",
    "velodrome",
    "racecourse",
    "showground",
    "showgrounds",
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
} | ORG_WORDS


PLACE_NAMES = frozenset(
    {
        # US states and their AP abbreviations (not those that are also first names: Georgia, Virginia, Del)
        "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
        "Florida", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana",
        "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana",
        "Nebraska", "Nevada", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Tennessee", "Texas", "Utah",
        "Vermont", "Wisconsin", "Wyoming", "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Fla", "Ill",
        "Kan", "Ky", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa",
        "Tenn", "Vt", "Va", "Wash", "Wis", "Wyo",
        # countries and continents news names most
        "America", "Britain", "England", "Scotland", "Wales", "Ireland", "France", "Germany", "Italy",
        "Spain", "Portugal", "Greece", "Russia", "Ukraine", "Poland", "Sweden", "Norway", "Denmark",
        "Finland", "Belgium", "Netherlands", "Austria", "Switzerland", "Hungary", "Turkey", "Syria", "Iraq",
        "Iran", "Israel", "Egypt", "Libya", "Yemen", "Lebanon", "Afghanistan", "Pakistan", "India", "China",
        "Japan", "Korea", "Vietnam", "Indonesia", "Australia", "Canada", "Mexico", "Cuba", "Venezuela",
        "Brazil", "Argentina", "Chile", "Colombia", "Peru", "Nigeria", "Kenya", "Ethiopia", "Eritrea",
        "Somalia", "Sudan", "Africa", "Europe", "Asia",
    }
)
"""Places that a lone capitalised word names: never a person, whatever verb follows ("Michigan was only
doing what 40 states do, he said"); as a speaker, the government ("Texas argued")."""


DEMONYMS = frozenset(
    {
        "American", "Mexican", "Canadian", "Cuban", "Venezuelan", "Brazilian", "Argentine", "Colombian",
        "Chilean", "Peruvian", "British", "English", "Scottish", "Welsh", "Irish", "French", "German",
        "Italian", "Spanish", "Portuguese", "Greek", "Russian", "Ukrainian", "Polish", "Swedish",
        "Norwegian", "Danish", "Finnish", "Belgian", "Dutch", "Austrian", "Swiss", "Hungarian", "Turkish",
        "Syrian", "Iraqi", "Iranian", "Israeli", "Palestinian", "Egyptian", "Libyan", "Yemeni", "Lebanese",
        "Saudi", "Afghan", "Pakistani", "Indian", "Chinese", "Japanese", "Korean", "Vietnamese",
        "Indonesian", "Australian", "Nigerian", "Kenyan", "Ethiopian", "Somali", "Sudanese", "African",
        "European", "Asian", "Arab", "Hispanic", "Latino", "Latina",
    }
)
"""Nationality adjectives: "Mexican flags", "a German woman". Alone, never a person; as a speaker (or its
plural, "Germans"), a group that he or she never means."""


GROUP_PRONOUNS = ("others", "some", "many", "most", "several", "both", "dozens", "hundreds", "thousands")
"""Pronouns for a group of people that can open a cue: "Others shouted", "Some, reacting to it, said"."""
SOMEONE = ("someone", "somebody")
"""Pronouns for one person no one names: "“Get out!” someone shouted"."""

SPOKES = re.compile(r"\b(?:spokes(?:person|man|woman|people)|representative|official|officials)\b", re.I)


FUNCTION_WORDS = {
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


CONNECTORS = {"of", "for", "at", "from", "with", "in"}


POSSESSIVE = re.compile(r"['’]s$")
"""A word's possessive ending: "Kemper's", "Quillon’s"."""


PRONOUN_RE = re.compile(r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)")


REPLY_VERBS = re.compile(
    r"\b(?:replied|replies|answered|answers|responded|responds|countered|counters|retorted)\b"
)


WHERE = r"(?:outside|inside|near|beside|behind|across|around|among|opposite|along|past|beyond)"
"""Where someone stood: "the crowd outside the National Assembly" is the crowd; the name after the
preposition is only a place."""


BREAKS = re.compile(
    r"\s+(?:who|which|whose|in|on|at|during|after|before|when|while|as|adding|referring|speaking|"
    rf"according|about|of|to|from|via|{WHERE}|last|this|on)\b|[,.;:!?()—–]|\s-\s|$"
)


PREP_BEFORE = re.compile(
    r"(?:\b(?:to|with|from|at|on|in|for|of|by|about|told|asked|than|like|as|into|onto|toward|towards|"
    r"against|before|after|behind|beside|under|over|through|and|or|said|says|met|visited|thanked|praised|"
    r"criticised|criticized|called|named|joined|behalf|including|unlike|via|per|born|addressed|when|"
    r"whether|if|that)\s+)$",
    re.I,
)


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
OTHER_ROLES = {
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
    "narrator",
    "announcer",
    "heckler",
    "protester",
    "protestor",
    "insider",
    "questioner",
    "caller",
}


_SAME_DOCUMENT = {
    "e-mail": "email",
    # a post is a tweet, a message or a photo put online, and its caption; a text is a message
    **dict.fromkeys(("tweet", "caption", "photo", "picture", "video", "clip", "selfie", "posting"), "post"),
    **dict.fromkeys(("text", "message"), "post"),
}


def document_key(noun: str) -> str:
    """One name for a kind of document: "e-mail" and "email", "tweet" and "post"."""
    noun = noun.lower()
    return _SAME_DOCUMENT.get(noun, noun)


def clean_token(tok: str) -> str:
    return tok.rstrip(".").replace("’", "'")


def is_cap(tok: str) -> bool:
    low = tok.lower().rstrip(".")
    return bool(tok) and (tok[0].isupper() or tok[0] == "@") and (low not in NOT_NAMES or low in TITLES)
