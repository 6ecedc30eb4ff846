"""Number words: the vocabulary every rule speaks with."""

import pytest

from narrator.normalise.words import (
    cardinal,
    code_number,
    decimal,
    fraction,
    ordinal,
    plural,
    spell_digits,
    year,
)


@pytest.mark.parametrize(
    ("digits", "british", "american"),
    [
        ("0", "zero", "zero"),
        ("7", "seven", "seven"),
        ("115", "one hundred and fifteen", "one hundred fifteen"),
        ("1007", "one thousand and seven", "one thousand seven"),
        ("1000001", "one million and one", "one million one"),
        ("5149139", "five million one hundred and forty nine thousand one hundred and thirty nine",
         "five million one hundred forty nine thousand one hundred thirty nine"),
        ("999999999999999", "nine hundred and ninety nine trillion nine hundred and ninety nine billion nine "
         "hundred and ninety nine million nine hundred and ninety nine thousand nine hundred and ninety nine",
         None),
    ],
)
def test_cardinals_in_both_house_styles(digits: str, british: str, american: str | None) -> None:
    assert cardinal(digits) == british
    if american:
        assert cardinal(digits, british=False) == american


def test_a_number_longer_than_words_can_say_is_read_digit_by_digit() -> None:
    assert cardinal("1234567890123456") == (
        "one two three four five six seven eight nine zero one two three four five six"
    )
    huge = "9" * 5000  # int() refuses more than 4,300 digits; the words never call it on such a string
    assert cardinal(huge) == " ".join(["nine"] * 5000)
    assert decimal(huge + "." + huge).count("nine") == 10000
    assert ordinal(huge).endswith("nine ninth")


@pytest.mark.parametrize(
    ("digits", "words"),
    [("1", "first"), ("2", "second"), ("3", "third"), ("12", "twelfth"), ("21", "twenty first"),
     ("40", "fortieth"), ("101", "one hundred and first"), ("250", "two hundred and fiftieth")],
)
def test_ordinals(digits: str, words: str) -> None:
    assert ordinal(digits) == words


@pytest.mark.parametrize(
    ("digits", "words"),
    [("1956", "nineteen fifty six"), ("2020", "twenty twenty"), ("2005", "two thousand and five"),
     ("1905", "nineteen oh five"), ("1900", "nineteen hundred"), ("2000", "two thousand"),
     ("1066", "ten sixty six"), ("800", "eight hundred")],
)
def test_years(digits: str, words: str) -> None:
    assert year(digits) == words


@pytest.mark.parametrize(
    ("digits", "words"),
    [("6", "six"), ("25", "twenty five"), ("683", "six eighty three"), ("303", "three oh three"),
     ("500", "five hundred"), ("6265", "sixty two sixty five"), ("1079", "ten seventy nine"),
     ("2000", "two thousand"), ("0161", "oh one six one"), ("90210", "nine oh two one oh"),
     ("777", "seven seven seven")],
)
def test_numbers_in_names_and_codes(digits: str, words: str) -> None:
    assert code_number(digits) == words


def test_decimals_digits_fractions_and_plurals() -> None:
    assert decimal("4.25") == "four point two five"
    assert decimal("0.3") == "nought point three"
    assert decimal("0.3", british=False) == "zero point three"
    assert decimal("1.05", zero="oh") == "one point oh five"
    assert decimal("2,300") == "two thousand three hundred"
    assert spell_digits("0800", "oh") == "oh eight oh oh"
    assert spell_digits("000", "oh") == "zero zero zero"
    assert fraction("2", "3") == "two thirds"
    assert fraction("1", "4") == "one quarter"
    assert fraction("5", "8") == "five eighths"
    assert fraction("1", "2") == "half"
    assert plural("nineteen ninety") == "nineteen nineties"
    assert plural("six") == "sixes"
