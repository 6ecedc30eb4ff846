"""Faults found by an independent held-out check of the normaliser (issue 16), each pinned by sentences
written here for the purpose (not the held-out sentences), in the British house style unless a test
says otherwise. Each fix is a rule for its category: the neighbours that must not change are pinned too."""

import pytest

from narrator.normalise.style import AMERICAN
from narrator.normalise.text import speakable


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # Indian digit grouping is said in lakhs and crores, as written
        ("The district has 2,75,000 registered voters.",
         "The district has two lakh seventy five thousand registered voters."),
        ("A penalty of ₹4,50,000 was imposed.", "A penalty of four lakh fifty thousand rupees was imposed."),
        ("The project costs Rs 1,20,00,000.", "The project costs one crore twenty lakh rupees."),
        ("About 12,345,678 people",
         "About twelve million three hundred and forty five thousand six hundred and seventy eight people"),
        # a cricket score with a slash says "for"; odds keep "to"
        ("Pakistan were 203/7 at tea.", "Pakistan were two hundred and three for seven at tea."),
        ("Sri Lanka closed on 312/9 on day two.",
         "Sri Lanka closed on three hundred and twelve for nine on day two."),
        ("She is the 11/4 favourite.", "She is the eleven to four favourite."),
        ("It went off 5/2 on.", "It went off five to two on."),
        ("He won at 33/1 in the mud.", "He won at thirty three to one in the mud."),
        # "ended" and "finished" report a result, even an ascending one
        ("The derby ended 0-2.", "The derby ended nil two."),
        ("Galway finished with 1-16.", "Galway finished with one sixteen."),
        ("Children aged 5-11 may enter.", "Children aged five to eleven may enter."),
        # a span of clock times keeps its "to"
        ("The library opens 10am-6pm on Saturdays.", "The library opens ten a m to six p m on Saturdays."),
        ("Surgery runs 9-11am.", "Surgery runs nine to eleven a m."),
        ("The desk is staffed 08:30-17:00.", "The desk is staffed oh eight thirty to seventeen hundred."),
        # ZIP+4 and Eircodes are codes, said character by character
        ("Send the form to 10118-0110 by Friday.",
         "Send the form to one oh one one eight oh one one oh by Friday."),
        ("The Eircode is H91 E2K7.", "The Eircode is H nine one E two K seven."),
        ("Deliveries go to A65 F4E2 now.", "Deliveries go to A six five F four E two now."),
        # a model number before the noun it names stays a model number; a count does not
        ("It bought six Airbus 350 aircraft.", "It bought six Airbus three fifty aircraft."),
        ("In Leeds 200 people marched.", "In Leeds two hundred people marched."),
        # a handle's words are said as written, not expanded as titles
        ("Follow @DrHilaryJones for updates.", "Follow at dr hilary jones for updates."),
        ("Follow @BBCNews for updates.", "Follow at B B C news for updates."),
        # "x" between numbers is "by", and the second number keeps its unit
        ("She ran in the 4x400m relay.", "She ran in the four by four hundred metres relay."),
        ("They laid a 3 x 4m rug.", "They laid a three by four metre rug."),
        ("They laid a 3x4m rug.", "They laid a three by four metre rug."),
        # times written in parts: m is minutes there
        ("He posted a 1m 31.2s lap.", "He posted a one minute thirty one point two second lap."),
        ("She finished 2h 14m behind.", "She finished two hours fourteen minutes behind."),
        ("He won by 3min 20sec.", "He won by three minutes twenty seconds."),
        ("The wall stands 3m high.", "The wall stands three metres high."),
        # a height before a noun: "a six foot two striker"
        ("The 5ft 11in lock starts.", "The five foot eleven lock starts."),
        ("He is 5ft 11in tall.", "He is five feet eleven inches tall."),
        # a span of years in one century, and "period" is not "per cent"
        ("Growth slowed during 1966-70.", "Growth slowed during nineteen sixty six to seventy."),
        ("The 2010-14 parliament ended.", "The twenty ten to fourteen parliament ended."),
        ("The 2018-19 period was hard.", "The twenty eighteen to nineteen period was hard."),
        ("Fees rose 10-15%.", "Fees rose ten to fifteen per cent."),
    ],
)
def test_reviewed_fault_is_read_as_a_newsreader_would(written: str, spoken: str) -> None:
    assert speakable(written) == spoken


def test_zip_plus_four_in_american_style_says_zero() -> None:
    spoken = speakable("Mail it to 10118-0110 today.", style=AMERICAN)
    assert spoken == "Mail it to one zero one one eight zero one one zero today."
