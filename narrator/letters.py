"""Letter classes for regular expressions: names and places are written in the whole Latin script, not
only in "A"-"Z" ("Élise Gagnon", "Łukasz Nowak", "Søren Østergaard", "Erdoğan", "MONTRÉAL"), and Python's
``re`` has no class for "a capital letter".

Each is a whole class, to write where one letter goes (``rf"{UPPER}{LOWER}+"``). Within Latin-1 they are
exact; beyond it every letter counts as both a capital and a small letter. An exact class of the Latin
letters beyond Latin-1 costs ``re`` half a millisecond to compile, at each of its thousand uses in the
segmenter: a second of every command's start-up. What the wider classes let through, a word that begins
with a small "ł" or "ș" or a Greek letter taken for a capital, is rare in English writing, and never
decides a speaker on its own.
"""

from __future__ import annotations

UPPER = r"[^\W\d_a-zß-öø-ÿªµº¹²³¼-¾]"
"""A capital letter: "A"-"Z", Latin-1's capitals, and any letter beyond Latin-1."""

LOWER = r"[^\W\d_A-ZÀ-ÖØ-Þ¹²³¼-¾]"
"""A small letter: "a"-"z", Latin-1's small letters, and any letter beyond Latin-1."""

LETTER = r"[^\W\d_¹²³¼-¾]"
"""Any letter of any script. (``\\w`` without digits would take "½" and "²" too.)"""
