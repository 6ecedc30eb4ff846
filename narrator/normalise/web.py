"""Web addresses, email addresses, social handles and hashtags, said the way a presenter reads them out:
"bbc.co.uk/news" is "b b c dot co dot u k slash news", "@NASA" is "at NASA", "#MeToo" is "hashtag Me Too".
"""

from __future__ import annotations

import re

from narrator.normalise.rules import Rule, previous_word, rule, word_set
from narrator.normalise.style import SpeechStyle
from narrator.normalise.words import code_number

TOP_LEVEL_DOMAINS = (
    "com|org|net|gov|edu|mil|int|info|biz|io|ai|co|uk|us|ca|au|nz|ie|in|de|fr|es|it|nl|be|ch|at|se|dk|fi"
    "|no|pl|pt|jp|cn|kr|za|eu|ru|br|mx|ar|sg|hk|tw|news|tv|me|app|dev|ly|gl|fm|ac|scot|wales|london|online"
    "|site|blog|xyz|museum|aero|coop|jobs|travel|tech|media|cloud|page|store"
)
SAID_AS_WORDS = word_set(
    "com co org net gov info biz news blog site online app web mail www2 museum store tech media cloud "
    "page jobs travel aero coop london wales scot"
)
"""Parts of an address said as words; other parts of three letters or fewer are spelled out."""
SLUG_WORDS = word_set(
    "a an and are as at be but by can do for get has how in is it its my new no not now of off old on one "
    "or our out per say see the to too top two up use war was way who why win won yes you"
)
"""Short words said as words in an address's path, a headline's slug: "/cost-of-living", "/how-to-vote"."""

_HOST = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?\.)+"
_PATH = r"(?:/[^\s\"'”’<>)\]]*[^\s\"'”’<>)\].,;:!?])?"
_VOWELS = set("aeiouy")
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


def _label(part: str, style: SpeechStyle, *, path: bool = False) -> str:
    """One piece of an address: a word, letters spelled out, or digits."""
    pieces = []
    path_words = SLUG_WORDS if path else frozenset()
    for piece in re.findall(r"[A-Za-z]+|\d+", part):
        lower = piece.lower()
        if piece.isdigit():
            pieces.append(code_number(piece, style.zero))
        elif lower in SAID_AS_WORDS or len(piece) > 3 and set(lower) & _VOWELS or lower in path_words:
            pieces.append(lower if piece.isupper() else piece)
        else:
            pieces.append(" ".join(lower))
    return " ".join(pieces)


def _dotted(text: str, style: SpeechStyle) -> str:
    """"bbc.co.uk" -> "b b c dot co dot u k"; hyphens and underscores are said."""
    out = []
    path = False
    for part in re.split(r"([./_-])", text):
        if part in (".", "/", "_", "-"):
            out.append({".": "dot", "/": "slash", "_": "underscore", "-": "dash"}[part])
            path = path or part == "/"
        elif part:
            out.append(_label(part, style, path=path))
    return " ".join(out)


def _address(m: re.Match[str], style: SpeechStyle) -> str:
    address = re.sub(r"^https?://", "", m.group(), flags=re.IGNORECASE)
    address = re.split(r"[?#]", address)[0].rstrip("/")
    return _dotted(address, style)


def _email(m: re.Match[str], style: SpeechStyle) -> str:
    return f"{_dotted(m.group('local'), style)} at {_dotted(m.group('domain'), style)}"


def split_camel(name: str) -> str:
    """"MetOffice" -> "Met Office", "BBCBreaking" -> "BBC Breaking", "COP28" -> "COP 28"."""
    return " ".join(_CAMEL.findall(name))


def _handle(m: re.Match[str], style: SpeechStyle) -> str:
    """"@SenSchumer" is "at sen schumer": a handle's words are said as written, so its capitalised pieces
    go to lower case, out of reach of the title, street and Roman numeral rules that follow ("Sen"
    is not "Senator" there); its capitals are still spelled."""
    pieces = split_camel(m.group(1).replace("_", " ")).split()
    at = "" if previous_word(m).lower() == "at" else "at "  # "follow us at @NASA": one "at", not two
    return at + " ".join(piece.lower() if piece[:1].isupper() and piece[1:].islower() else piece
                            for piece in pieces)


def _hashtag(m: re.Match[str], style: SpeechStyle) -> str:
    """"#MeToo" is "hashtag Me Too"; after the word itself ("the hashtag #MeToo") the sign is not said
    again."""
    said = "" if previous_word(m).lower() in ("hashtag", "hashtags") else "hashtag "
    return said + split_camel(m.group(1))


RULES: tuple[Rule, ...] = (
    rule(r"(?<![\w@.+-])(?P<local>[A-Za-z0-9][A-Za-z0-9._%+-]*)@(?P<domain>" + _HOST + r"[A-Za-z]{2,})"
         r"(?![\w-])",
         _email, "", gate=r"@\w"),
    rule(r"(?i:https?://)[^\s\"'”’<>]*[^\s\"'”’<>.,;:!?)\]]", _address, "", gate="://"),
    rule(r"(?<![\w@./-])" + _HOST + r"(?:" + TOP_LEVEL_DOMAINS + r")(?![\w-])" + _PATH, _address, "",
         gate=r"[A-Za-z0-9]\.[a-z]{2}"),
    rule(r"(?<![\w@.&])@([A-Za-z0-9_]{1,30})(?![\w@])", _handle, "@"),
    rule(r"(?<![\w&#/])#([A-Za-z][A-Za-z0-9_]{0,60})\b", _hashtag, "#"),
)
