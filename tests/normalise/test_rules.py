"""What each category of rule says, exactly, in the British house style unless a test says otherwise."""

import pytest

from narrator.normalise.style import AMERICAN, speech_style
from narrator.normalise.text import speakable


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # dates and years
        ("on 4 July 1976", "on the fourth of July nineteen seventy six"),
        ("by Sept. 30", "by September the thirtieth"),
        ("on 2024-03-14", "on the fourteenth of March twenty twenty four"),
        ("the 1960s and ’80s", "the nineteen sixties and eighties"),
        ("the 2021-22 season", "the twenty twenty one to twenty two season"),
        ("from 1914–1918", "from nineteen fourteen to nineteen eighteen"),
        ("in 55 BC", "in fifty five B C"),
        ("1500 people came", "one thousand five hundred people came"),
        ("the 1966 final", "the nineteen sixty six final"),
        ("runs 3-5 May", "runs the third to the fifth of May"),
        # times
        ("at 6.05pm", "at six oh five p m"),
        ("at 12pm", "at twelve noon"),
        ("at 1930 GMT", "at nineteen thirty G M T"),
        ("at 0745 hrs", "at oh seven forty five hours"),
        ("at 2.30 on Monday", "at two thirty on Monday"),
        ("rose 2.30 points", "rose two point three oh points"),
        ("with 3:07 left", "with three oh seven left"),
        ("in 2:03:36", "in two hours three minutes and thirty six seconds"),
        ("swam 1:52.43", "swam one minute fifty two point four three seconds"),
        # money and percentages
        ("a £14.2m flood wall", "a fourteen point two million pound flood wall"),
        ("it cost £14.2m.", "it cost fourteen point two million pounds."),
        ("a £20,000-a-year job", "a twenty thousand pound a year job"),
        ("£1.15 a pint", "one pound fifteen a pint"),
        ("only 99p", "only ninety nine pence"),
        ("£5-10m", "five to ten million pounds"),
        ("profits hit $1.2B", "profits hit one point two billion dollars"),
        ("add 2 1/2 cups", "add two and a half cups"),
        ("lead at 5mg/L", "lead at five milligrams per litre"),
        ("a crash on Hwy. 401", "a crash on Highway four oh one"),
        ("the 49ers beat the 76ers", "the forty niners beat the seventy sixers"),
        ("veterans of WWII and WW1", "veterans of World War Two and World War One"),
        ("rates rose 7%-8%", "rates rose seven to eight per cent"),
        ("a Rs 2.5 lakh crore budget", "a two point five lakh crore rupee budget"),
        ("at 3pm AEST", "at three p m A E S T"),
        ("PM2.5 at 10 µg/m3", "P M two point five at ten micrograms per cubic metre"),
        ("emits 120 g/km", "emits one hundred and twenty grams per kilometre"),
        ("it took 1 3/4 hours", "it took one and three quarters hours"),
        ("a 50-50 chance", "a fifty fifty chance"),
        ("they drew 1-1 at home", "they drew one all at home"),
        ("a $40M deal", "a forty million dollar deal"),
        ("US$3 mln", "three million U S dollars"),
        ("owes $1.2T.", "owes one point two trillion dollars."),
        ("€20-€30", "twenty to thirty euros"),
        ("Rs 500 crore", "five hundred crore rupees"),
        ("up 12pc", "up twelve per cent"),
        ("a 25bp cut", "a twenty five basis point cut"),
        ("fell by 0.3%", "fell by nought point three per cent"),
        # measures and temperatures
        ("a 10km race", "a ten kilometre race"),
        ("ran 10km", "ran ten kilometres"),
        ("a 2.4-mile stretch", "a two point four mile stretch"),
        ("650 sq ft", "six hundred and fifty square feet"),
        ("stands 3m high", "stands three metres high"),
        ("3m people", "three million people"),
        ("the 400m hurdles", "the four hundred metres hurdles"),
        ("at 70mph", "at seventy miles per hour"),
        ("-5C tonight", "minus five degrees Celsius tonight"),
        ("35-38C", "thirty five to thirty eight degrees Celsius"),
        ("a 90° turn", "a ninety degree turn"),
        # scores, ranges, fractions, ratios
        ("won 3-1", "won three one"),
        ("a 24-17 win", "a twenty four to seventeen win"),
        ("a 2-2 draw", "a two all draw"),
        ("won 1-0", "won one nil"),
        ("were 245-6 at stumps", "were two hundred and forty five for six at stumps"),
        ("aged 18–24", "aged eighteen to twenty four"),
        ("pages 4-9", "pages four to nine"),
        ("2/3 of voters", "two thirds of voters"),
        ("a ½ mile", "a half mile"),
        ("3½ years", "three and a half years"),
        ("the 11/4 favourite", "the eleven to four favourite"),
        ("a 2:1 ratio", "a two to one ratio"),
        ("a 3:1 mix of sand", "a three to one mix of sand"),
        ("(Ephesians 5:6)", "(Ephesians five six)"),
        ("a 50/50 call", "a fifty fifty call"),
        ("open 24/7", "open twenty four seven"),
        # codes, phones, postcodes, roads
        ("call 0800 917 3322", "call oh eight oh oh nine one seven three three two two"),
        ("call 911 now", "call nine one one now"),
        ("LS5 3BT", "L S five three B T"),
        ("the A683", "the A six eighty three"),
        ("the M6 northbound", "the M six northbound"),
        ("Highway 417", "Highway four seventeen"),
        ("the Boeing 737 MAX", "the Boeing seven thirty seven Max"),
        ("a Boeing 787-9 jet", "a Boeing seven eighty seven nine jet"),  # a variant, never a cricket score
        ("an Airbus A350-900", "an Airbus A three fifty nine hundred"),
        ("COVID-19 cases", "Covid nineteen cases"),
        ("the G7", "the G seven"),
        ("5G masts", "five G masts"),
        # web and symbols
        ("at bbc.co.uk/news", "at b b c dot co dot u k slash news"),
        ("at gov.uk/cost-of-living", "at gov dot u k slash cost dash of dash living"),
        ("news@cbc.ca", "news at c b c dot c a"),
        ("follow @NASA", "follow at Nasa"),
        ("#MeToo posts", "hashtag Me Too posts"),
        ("M&S shares", "M and S shares"),
        ("on Disney+ now", "on Disney plus now"),
        ("draws ~15W", "draws about fifteen watts"),
        ("3 × 4 metres", "three by four metres"),
        ("±0.5", "plus or minus nought point five"),
        ("+/- 3.5 points", "plus or minus three point five points"),
        ("cost $ 170 billion", "cost one hundred and seventy billion dollars"),
        ("a handful of $20s", "a handful of twenties"),
        ("paid in $100 bills", "paid in one hundred dollar bills"),
        ("the R350 grant", "the three hundred and fifty rand grant"),
        ("Democrats outnumber Republicans 3-1", "Democrats outnumber Republicans three to one"),
        ("backed it by nearly 2-1", "backed it by nearly two to one"),
        ("between 10-11 a.m. on", "between ten and eleven a m on"),
        ("between 5-10% of", "between five and ten per cent of"),
        ("Burwell, No. 14-1418, was", "Burwell, Number fourteen fourteen eighteen, was"),
        ("with an 11-2 record", "with an eleven and two record"),
        ("a Mercedes R350", "a Mercedes R three fifty"),
        # abbreviations, acronyms and Roman numerals
        ("outside St Paul's", "outside Saint Paul's"),
        ("on Sauchiehall St today", "on Sauchiehall Street today"),
        ("Dr Sarah Jones", "Doctor Sarah Jones"),
        ("Oak Park Dr.", "Oak Park Drive."),
        ("Lt Col Sam Oduya", "Lieutenant Colonel Sam Oduya"),
        ("a No 10 spokesman", "a Number ten spokesman"),
        ("Gen Z shoppers", "Gen Z shoppers"),
        ("diagnosed with MS in", "diagnosed with multiple sclerosis in"),
        ("the WHO said", "the W H O said"),
        ("Stat OF THE Week", "Stat of the Week"),
        ("Before YOU GO, say NO", "Before you go, say no"),
        ("NATO and the NHS", "Nato and the N H S"),
        ("the U.S. economy", "the U S economy"),
        ("left for the U.S.", "left for the U S."),
        ("see Fig. 3 on p. 14", "see figure three on page fourteen"),
        ("costs £2,100 pcm", "costs two thousand one hundred pounds per calendar month"),
        ("pressure of 140/90 mmHg", "pressure of one hundred and forty over ninety millimetres of mercury"),
        ("jailed for 18 mths", "jailed for eighteen months"),
        ("averaged 28.3 ppg", "averaged twenty eight point three points per game"),
        ("a magnitude-6.4 quake", "a magnitude six point four quake"),
        ("released GPT-4.5 today", "released G P T four point five today"),
        ("rates peaked in Oct '23", "rates peaked in October twenty three"),
        ("the class of ’98 met", "the class of ninety eight met"),
        ("she said '23 people died'", "she said 'twenty three people died'"),
        ("King Charles III", "King Charles the third"),
        ("World War II", "World War two"),
        ("Super Bowl LVIII", "Super Bowl fifty eight"),
        ("a Grade II* building", "a Grade two star building"),
        ("Henry V opens", "Henry the fifth opens"),
        ("the 1st XI", "the first eleven"),
        ("apples, pears etc. Then he left.", "apples, pears et cetera. Then he left."),
        ("paid 4% p.a.", "paid four per cent per annum."),
        ("countries, e.g. France, agreed", "countries, for example France, agreed"),
        # leave alone
        ("Xi Jinping and Theresa May", "Xi Jinping and Theresa May"),
        ("I told us", "I told us"),
        ("the LIV Golf tour", "the Liv Golf tour"),
        ("an IV drip", "an I V drip"),
    ],
)
def test_british_reading(written: str, spoken: str) -> None:
    assert speakable(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("115 people", "one hundred fifteen people"),
        ("on 03/04/2025", "on March fourth, twenty twenty five"),
        ("on March 11", "on March eleventh"),
        ("up 4%", "up four percent"),
        ("call 0800 555 0199", "call zero eight zero zero five five five zero one nine nine"),
        ("won 1-0", "won one nothing"),
        ("a 10km race", "a ten kilometer race"),
        ("by 2005", "by two thousand five"),
    ],
)
def test_american_reading(written: str, spoken: str) -> None:
    assert speakable(written, style=AMERICAN) == spoken


def test_an_unambiguous_date_reads_the_same_in_both_styles() -> None:
    assert speakable("on 25/12/2024") == speakable("on 12/25/2024") == (
        "on the twenty fifth of December twenty twenty four"
    )
    assert speakable("on 25/12/2024", style=AMERICAN) == speakable("on 12/25/2024", style=AMERICAN) == (
        "on December twenty fifth, twenty twenty four"
    )


def test_non_english_text_gets_no_english_rules() -> None:
    french = speech_style("fr")
    assert speakable("Le 11/03/2025 à 7.15, 45 % des élèves du CM2", style=french) == (
        "Le 11/03/2025 à 7.15, 45 % des élèves du CM2"
    )
    assert speakable("Am 3. Mai kostete es 14,2 Mio. €", style=speech_style("de-DE")) == (
        "Am 3. Mai kostete es 14,2 Mio. €"
    )


def test_shouted_headlines_are_not_spelled_out() -> None:
    assert speakable("BREAKING: FLOODS HIT THE NORTH AGAIN") == "BREAKING: FLOODS HIT THE NORTH AGAIN"
    # a label on a line of its own is a word too, as is a long word in capitals; a short acronym is spelled
    assert speakable("ABSTRACT.") == "Abstract."
    assert speakable("ESPN.") == "E S P N."
    assert speakable("but he DEMONSTRATED it") == "but he Demonstrated it"


def test_numbers_too_long_for_words_are_read_digit_by_digit() -> None:
    huge = "7" * 5000
    spoken = speakable(f"The value was {huge}, or -{huge}.{huge} and {huge}th and £{huge}m.")
    assert not any(ch.isdigit() for ch in spoken)
    assert spoken.count("seven") >= 5 * 5000
    assert speakable("a 16-digit 1234567890123456 serial") == (
        "a sixteen digit one two three four five six seven eight nine zero one two three four five six serial"
    )
