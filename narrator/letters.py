"""Letters for regular expressions' character classes: names and places are written in the whole Latin
script, not only in "A"-"Z" ("Élise Gagnon", "Łukasz Nowak", "Søren Østergaard", "MONTRÉAL"), and
Python's ``re`` has no class for "a capital letter"."""

from __future__ import annotations

import unicodedata

_LATIN = [chr(c) for c in (*range(0x41, 0x250), *range(0x1E00, 0x1F00))]

UPPER = "".join(c for c in _LATIN if unicodedata.category(c) == "Lu")
"""The capital letters of the Latin script, as the inside of a character class: ``[{UPPER}]``."""

LOWER = "".join(c for c in _LATIN if unicodedata.category(c) == "Ll")
"""The small letters of the Latin script, as the inside of a character class: ``[{LOWER}]``."""
