"""Titles abbreviated before a name and the words they stand for, in one table for the two stages that read
them: attribution, where "Cpl. Tara Lang" is a corporal named Tara Lang (not a sentence ending at "Cpl." and
a speaker called "RCMP Cpl"), and speech, where the title is said in full ("Corporal Tara Lang")."""

from __future__ import annotations

TITLE_ABBREVIATIONS = {
    "Adm": "Admiral", "Gen": "General", "Brig": "Brigadier", "Col": "Colonel", "Maj": "Major",
    "Capt": "Captain", "Cmdr": "Commander", "Cdr": "Commander", "Lt": "Lieutenant", "Lieut": "Lieutenant",
    "Sgt": "Sergeant", "Cpl": "Corporal", "Pte": "Private", "Pvt": "Private", "Pfc": "Private First Class",
    "Spc": "Specialist", "Const": "Constable", "Cst": "Constable", "Det": "Detective", "Insp": "Inspector",
    "Supt": "Superintendent", "Sen": "Senator", "Rep": "Representative", "Gov": "Governor",
    "Sens": "Senators", "Reps": "Representatives",
    "Pres": "President", "Amb": "Ambassador", "Atty": "Attorney", "Cllr": "Councillor", "Coun": "Councillor",
    "Ald": "Alderman", "Hon": "Honourable", "Prof": "Professor", "Rev": "Reverend", "Revd": "Reverend",
    "Fr": "Father", "Msgr": "Monsignor", "Smt": "Shrimati", "Adv": "Advocate",
    # Nigerian papers' professional titles: "Engr. Tunde Bako", "Barr. Chidi Eze"
    "Engr": "Engineer", "Barr": "Barrister",
    # compound ranks as South African and British papers hyphenate them: "Lt-Gen. Thabo Mkhize"
    "Lt-Gen": "Lieutenant General", "Maj-Gen": "Major General", "Brig-Gen": "Brigadier General",
    "Lt-Col": "Lieutenant Colonel", "Lt-Cdr": "Lieutenant Commander",
}  # fmt: skip
"""Each abbreviation as written before a name (with or without its full stop) and the title it stands for."""


HONORIFICS = {
    "Alhaji": "m", "Alhaja": "f", "Hajia": "f", "Mallam": "m", "Sheikh": "m", "Comrade": None,
    "Oba": "m", "Emir": "m", "Togbe": "m", "Nana": None, "HRH": None,
}  # fmt: skip
"""Honorifics written in full before a name, as West African and South Asian papers stack them ("Alhaji
Musa Sani", "HRH Oba Ade Ajayi", "Nana Kofi Boateng"), and the sex each says (None: either). Like "Mrs",
they are no part of the name, so "Comrade Ifeanyi Okoro" is Ifeanyi Okoro and "Okoro said" means him."""
