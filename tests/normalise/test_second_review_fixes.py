"""Faults found by a second independent held-out check of the normaliser (issue 16), each pinned by
sentences written here for the purpose (not the held-out sentences), in the British house style unless a
test says otherwise. Each fix is a rule a newsreader follows everywhere; the neighbours that must not
change are pinned beside it."""

import pytest

from narrator.normalise.text import speakable


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # the word "hashtag" or "at" already said before the sign is not said twice
        ("The hashtag #BlackFriday was everywhere.", "The hashtag Black Friday was everywhere."),
        ("Its hashtags #WorldCup and #Qatar trended.", "Its hashtags World Cup and hashtag Qatar trended."),
        ("Fans used #WorldCup all week.", "Fans used hashtag World Cup all week."),
        ("Send questions to us at @BBCBreaking today.", "Send questions to us at B B C breaking today."),
        ("Updates come from @NHSEngland daily.", "Updates come from at N H S england daily."),
        ("We met at 10am at the station.", "We met at ten a m at the station."),
    ],
)
def test_hashtags_and_handles_say_their_sign_once(written: str, spoken: str) -> None:
    assert speakable(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # "<" or ">" written before an amount is "under" or "over", as ages and thresholds are said
        ("Entry is free for under-18s and pupils <16.",
         "Entry is free for under eighteens and pupils under sixteen."),
        ("Babies aged <2 fly free.", "Babies aged under two fly free."),
        ("Hospitals treated patients aged >80 first.", "Hospitals treated patients aged over eighty first."),
        # ... and it still reaches the amount when the amount is money, a percentage or a temperature
        ("Support fell to <3% in the poll.", "Support fell to under three per cent in the poll."),
        ("Fares are <£20 off peak.", "Fares are under twenty pounds off peak."),
        ("Nights of <-10C are due.", "Nights of under minus ten degrees Celsius are due."),
        ("The rigs drew ~40% less power.", "The rigs drew about forty per cent less power."),
        # between two terms it stays "less than" / "more than", with the words kept apart
        ("The link held (p<0.01) in each trial.",
         "The link held (p less than nought point oh one) in each trial."),
        ("The test needs x > 3 to pass.", "The test needs x more than three to pass."),
    ],
)
def test_signs_before_amounts(written: str, spoken: str) -> None:
    assert speakable(written) == spoken
