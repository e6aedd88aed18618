"""What an editor checks on the English tuning articles of the fact gold set (docs/facts.md).

Each test reads one article of the tuning splits (``facts-dev.jsonl``, ``facts-dev2.jsonl``)
from ../shared/corpora, as ``bench.fact_audit`` does, and pins a claim an editor would check
by eye: what a figure measures, whom the text attributes it to, which event a date dates,
and which numbers are no facts at all. The held-out test splits are never read here.
"""

from __future__ import annotations

import pytest

from bench.gold import article
from reconcile.document import from_text
from reconcile.facts import extract_facts
from reconcile.models import Fact

from .helpers import corpus


def _facts(ref: str) -> tuple[str, tuple[Fact, ...]]:
    corpus(
        "bbc-news-2225.jsonl" if ref.startswith("bbc:") else "semeval2022-task8-sample-train.csv"
    )
    text = article(ref)
    return text, extract_facts(from_text(text))


def _at(ref: str, context: str, value: str) -> Fact:
    """The fact whose span covers ``value`` inside the unique ``context`` of the article."""
    text, facts = _facts(ref)
    assert text.count(context) == 1, context
    start = text.index(context) + context.index(value)
    found = [f for f in facts if f.start < start + len(value) and start < f.end]
    assert len(found) == 1, (value, found)
    return found[0]


def _texts(ref: str) -> list[str]:
    return [f.text for f in _facts(ref)[1]]


# --- subjects: what a figure measures --------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "context", "value", "subject"),
    [
        # A count of a list counts the whole list.
        (
            "bbc:bbc-business-026",
            "involves 155,465 pickups",
            "155,465",
            "pickups, vans and sports utility vehicles",
        ),
        # A year between "the" and a noun dates the noun.
        ("bbc:bbc-business-026", "from the 2004 and 2005 model years", "2004", "model years"),
        # The figure's clause runs past a time phrase to what was measured.
        ("bbc:bbc-business-361", "were 4.3% higher", "4.3%", "sales in shopping malls"),
        # "fell by 600,000 to 5.9 million": counts with no noun measure the clause's subject.
        ("bbc:bbc-entertainment-226", "fell by 600,000", "600,000", "Fox's prime-time audience"),
        ("bbc:bbc-entertainment-226", "to 5.9 million", "5.9 million", "Fox's prime-time audience"),
        # A relative clause measures what it is about.
        ("bbc:bbc-politics-164", "expected soon to top £20m", "£20m", "disaster appeal"),
        # "which killed 150,000": the count is of the killed, not of the wave.
        ("bbc:bbc-politics-164", "which killed 150,000", "150,000", "killed"),
        (
            "bbc:bbc-politics-209",
            "23 European and Arab countries",
            "23",
            "European and Arab countries",
        ),
        ("bbc:bbc-tech-075", '178 "sound recordings"', "178", "sound recordings"),
    ],
)
def test_a_figure_measures_what_the_text_says(
    ref: str, context: str, value: str, subject: str
) -> None:
    assert _at(ref, context, value).subject == subject


# --- events: what a date, duration, score or age belongs to -----------------------------------


@pytest.mark.parametrize(
    ("ref", "context", "value", "event"),
    [
        ("bbc:bbc-tech-075", "raids in August on suspected", "August", "raids"),
        ("bbc:bbc-tech-075", "sentenced on 29 April", "29 April", "men sentenced"),
        ("bbc:bbc-sport-114", "out for at least six weeks", "six weeks", "out"),
        ("bbc:bbc-sport-114", "after three days", "three days", "walk"),
        # The date opens its clause: it dates the next one's subject and verb.
        ("bbc:bbc-business-026", "In January, GM said", "January", "GM said"),
        # "Six weeks is the average time to heal": the duration names what it is.
        ("bbc:bbc-sport-114", '"Six weeks is', "Six weeks", "average time"),
        # A score in a relative clause belongs to the game the clause is about.
        ("bbc:bbc-sport-257", "which Spain won 1-0", "1-0", "game"),
        # Ages: the name before it, and "the 27-year-old" is the person named before.
        ("bbc:bbc-politics-164", "Eileen Lee, 24", "24", "Eileen Lee"),
        (
            "bbc:bbc-politics-164",
            "The 27-year-old was holidaying",
            "27-year-old",
            "Dominic Stephenson",
        ),
    ],
)
def test_a_date_dates_its_event(ref: str, context: str, value: str, event: str) -> None:
    assert _at(ref, context, value).subject == event


# --- speakers: who states a figure, or nobody ----------------------------------------------


@pytest.mark.parametrize(
    ("ref", "context", "value", "speaker"),
    [
        (
            "bbc:bbc-business-026",
            "recalling nearly 200,000 vehicles",
            "200,000",
            "federal regulators",
        ),
        # "In January, GM said …": the date dates the saying; what follows is GM's.
        ("bbc:bbc-business-026", "In January, GM said", "January", None),
        ("bbc:bbc-business-026", "its performance in 2005", "2005", "GM"),
        ("bbc:bbc-business-361", "since July according to new data", "July", "new data"),
        # "Wal-Mart, the largest US retailer, has said": the apposition is skipped.
        ("bbc:bbc-business-361", "its December sales are", "December", "Wal-Mart"),
        # "It is expecting …": the company named in the sentence before.
        ("bbc:bbc-business-361", "between 1% and 3%", "1%", "Wal-Mart"),
        # Narration between two people's quotes is the reporter's or its own attribution.
        ("bbc:bbc-sport-114", "at some point in March", "March", "Mike Banks"),
        ("bbc:bbc-sport-114", "out for two months", "two months", "Banks"),
        # What an apposition says of the speaker is the reporter's.
        ("bbc:bbc-sport-114", "push for four trophies", "four", None),
        ("bbc:bbc-politics-164", "He said 2005 must be", "2005", "Mr McConnell"),
        ("bbc:bbc-politics-209", "The attack, which killed five", "five", None),
    ],
)
def test_a_figure_is_attributed_only_where_the_text_attributes_it(
    ref: str, context: str, value: str, speaker: str | None
) -> None:
    assert _at(ref, context, value).speaker == speaker


# --- what is and is not a fact ------------------------------------------------------------


def test_a_range_is_one_fact() -> None:
    growth = _at("bbc:bbc-business-361", "between 1% and 3%", "1% and 3%")
    assert (growth.text, growth.kind) == ("1% and 3%", "percent")
    weeks = _at("bbc:bbc-sport-114", "take me six to eight weeks", "six to eight weeks")
    assert (weeks.text, weeks.kind) == ("six to eight weeks", "duration")


def test_claims_of_primacy_are_ranks() -> None:
    first = _at("bbc:bbc-tech-075", "The first convictions for piracy", "first")
    assert (first.kind, first.value, first.subject) == ("ordinal", 1, "convictions")
    assert _at("bbc:bbc-politics-209", "was the first of its kind", "first").kind == "ordinal"


def test_a_share_written_as_a_fraction_is_a_percentage() -> None:
    share = _at("bbc:bbc-business-361", "about two thirds of", "two thirds")
    assert share.kind == "percent"
    assert share.value == pytest.approx(66.7)
    assert share.subject == "economic activity"


def test_numbers_in_names_are_no_facts() -> None:
    # Half-Life 2, "Burnout 3 won three awards", Colin McRae Rally 2005: titles, not
    # figures ("won" is the verb, not the Korean currency).
    texts = _texts("bbc:bbc-tech-057")
    assert "2" not in texts and "3 won" not in texts and "2005" not in texts
    assert texts.count("six") == 1 and "three" in texts
    # "the 2002 World Cup" names the tournament.
    assert "2002" not in _texts("bbc:bbc-sport-114")


def test_standings_in_charts_and_series_are_ranks() -> None:
    ref = "bbc:bbc-entertainment-106"
    # "in second place", "came fourth", "at number 12", "in at 39", "Joss Stone was 40th".
    for context, value, rank in [
        ("Fears in second place", "second", 2),
        ("self-titled album third,", "third", 3),
        ("is the second album from", "second", 2),
        ("Bomb came fourth", "fourth", 4),
        ("was in fifth place", "fifth", 5),
        ("in at number 12", "number 12", 12),
        # A list that began with a chart position goes on with them.
        ("The Zutons at 20", "20", 20),
        ("came in at 39", "39", 39),
        ("took the 44th place", "44th", 44),
    ]:
        fact = _at(ref, context, value)
        assert (fact.kind, fact.value) == ("ordinal", rank), context
    dvd = "bbc:bbc-entertainment-073"
    assert _at(dvd, "the number one selling DVD", "number one").kind == "ordinal"
    assert _at(dvd, "coming in at number 11", "number 11").kind == "ordinal"
    assert _at(dvd, "the US' second best-selling DVD", "second").kind == "ordinal"
    # "for the fifth time since June": a later occasion in a series.
    assert _at("bbc:bbc-business-402", "for the fifth time since", "fifth").kind == "ordinal"
    # "the first Scot to be confirmed", "not the first malicious program to use": primacy;
    # after a possessive too when it says so ("her first since the bill was launched").
    assert _at("bbc:bbc-politics-164", "the first Scot to be", "first").kind == "ordinal"
    assert _at("bbc:bbc-tech-257", "not the first malicious", "first").kind == "ordinal"
    assert _at("bbc:bbc-politics-133", "her first since", "first").kind == "ordinal"
    assert _at("bbc:bbc-sport-270", "Mandaric's first choice", "first").kind == "ordinal"


def test_spans_of_months_and_fractions_of_a_point_are_one_fact() -> None:
    span = _at("bbc:bbc-business-453", "between July and September", "July and September")
    assert (span.text, span.kind) == ("July and September", "date")
    quarter = _at("bbc:bbc-business-402", "by a quarter of a percentage point", "quarter")
    assert (quarter.text, quarter.kind, quarter.value) == (
        "a quarter of a percentage point",
        "points",
        0.25,
    )
    assert _at("bbc:bbc-business-402", "quarter percentage point rises", "quarter").kind == (
        "points"
    )
    # "from 1941 to 1945" is one span of years.
    war = _at("bbc:bbc-politics-308", "from 1941 to 1945", "1941")
    assert war.text == "1941 to 1945"


def test_ages_multipliers_and_version_numbers() -> None:
    # "He was 84, had been suffering from cancer": the age of the man who died.
    assert _at("bbc:bbc-politics-308", "He was 84", "84").kind == "age"
    # "magnify text by up to 10 times": a multiplier; "Windows 95, 98, 2000": versions.
    assert "10" not in _texts("bbc:bbc-tech-310")
    assert "2000" not in _texts("bbc:bbc-tech-385")
    # "into 10 Downing Street": an address.
    assert "10" not in _texts("bbc:bbc-politics-308")


@pytest.mark.parametrize(
    ("ref", "context", "value", "subject"),
    [
        # The thing placed is named before the verb of standing, or before the place phrase.
        ("bbc:bbc-entertainment-106", "Fears in second place", "second", "Keane's Hope and Fears"),
        (
            "bbc:bbc-entertainment-106",
            "Night was in fifth place",
            "fifth",
            "Razorlight's Up All Night",
        ),
        ("bbc:bbc-entertainment-106", "Jamelia took the 44th place", "44th", "Jamelia"),
        ("bbc:bbc-entertainment-106", "in at number 12", "number 12", "Dizzee Rascal"),
        ("bbc:bbc-entertainment-106", "Estelle came in at 39", "39", "Estelle"),
        (
            "bbc:bbc-entertainment-106",
            "Bomb came fourth",
            "fourth",
            "How to Dismantle an Atomic Bomb",
        ),
        (
            "bbc:bbc-entertainment-073",
            "coming in at number 11",
            "number 11",
            "limited edition version",
        ),
        # A relative clause ranks its antecedent; a possessive names the series.
        ("bbc:bbc-sport-487", "past the fourth round", "fourth", "Hewitt"),
        ("bbc:bbc-sport-270", "Mandaric's first choice", "first", "choice"),
    ],
)
def test_a_rank_ranks_the_thing_placed(ref: str, context: str, value: str, subject: str) -> None:
    assert _at(ref, context, value).subject == subject


@pytest.mark.parametrize(
    ("ref", "context", "value", "subject"),
    [
        # A possessive or a participle between a determiner and the figure: the noun after.
        ("bbc:bbc-business-453", "America's 5.4% jobless rate", "5.4%", "jobless rate"),
        ("bbc:bbc-business-453", "from a revised 0.6% increase", "0.6%", "increase"),
        # The level a change reached measures what changed.
        ("bbc:bbc-business-402", "percentage point to 2.25%", "2.25%", "Borrowing costs"),
        # Between a verb and a noun, the figure modifies the verb's object.
        ("bbc:bbc-business-402", "quarter percentage point rises", "quarter", "rises"),
        # A list of dates dates one event; so does a date right after a figure's claim.
        (
            "bbc:bbc-business-402",
            "June, August, September",
            "August",
            "quarter percentage point rises",
        ),
        (
            "bbc:bbc-business-402",
            "in the three months to September",
            "three months",
            "US economy grew",
        ),
        ("bbc:bbc-business-453", "between July and September", "July", "US economy grew"),
        ("bbc:bbc-business-328", "in the 12 months to", "12 months", "federal budget deficit hit"),
        # A noun phrase the date follows is read back to what it is of.
        ("bbc:bbc-sport-398", "on his knee five weeks ago", "five weeks", "operation on his knee"),
        # Past an aside between dashes; a game's opponent; both of two joined verbs.
        ("bbc:bbc-sport-277", "on 28 December as", "28 December", "friendly against Valenciana"),
        ("bbc:bbc-sport-277", "their 2 January fixture", "2 January", "fixture against Livingston"),
        (
            "bbc:bbc-entertainment-029",
            "stabbed in November 2004",
            "November 2004",
            "Van Gogh shot and stabbed",
        ),
        # "his nearly 22 years in Parliament": the years are the thing, where they were spent.
        ("bbc:bbc-politics-223", "22 years in Parliament", "22 years", "years in Parliament"),
        # "for more than 20 years" qualifies the years; it compares nothing.
        ("bbc:bbc-politics-308", "for more than 20 years", "20 years", "represented as MP"),
        # A decade modifies a name too; "hits" after a number is a noun; a group by its verb.
        ("bbc:bbc-entertainment-029", "discarded 1980s Kodak", "1980s", "Kodak film"),
        ("bbc:bbc-tech-257", "only 1,440 hits", "1,440", "hits produced"),
        ("bbc:bbc-politics-223", "those earning more than £100,000", "£100,000", "those earning"),
        # "mining output drove the increase, surging 2.1%": the participle's subject.
        ("bbc:bbc-business-453", "surging 2.1%", "2.1%", "shows mining output"),
    ],
)
def test_a_figure_measures_what_its_clause_is_about(
    ref: str, context: str, value: str, subject: str
) -> None:
    assert _at(ref, context, value).subject == subject


def test_a_time_phrase_or_a_bracket_does_not_take_the_subject() -> None:
    # Sentences of other BBC reports (bbc-news-2225), where the figure's subject was lost
    # to "for 2004" or "for the three months to December".
    facts = extract_facts(
        from_text(
            "Net profit in the six months ending 31 December rose 28% to A$458.4m "
            "($357.6m; £191m) from a year earlier. Sony reported an operating loss for the "
            "three months to December of 7.5bn yen. Stella Artois said pre-tax profits for "
            "2004 rose 56%. The Bank of England has left interest rates on hold again at 4.75%."
        ),
        headline=False,
    )
    subject = {f.text: f.subject for f in facts}
    assert subject["28%"] == subject["$357.6m"] == "Net profit"
    assert subject["7.5bn yen"] == "operating loss"
    assert subject["56%"] == "pre-tax profits"
    assert subject["4.75%"] == "interest rates"


def test_half_lengths_possessive_scores_and_ages_after_a_role() -> None:
    # Sentences of other BBC reports (bbc-news-2225).
    facts = extract_facts(
        from_text(
            "He has been terrific for Birmingham City the last two and a half years. "
            "England could gain revenge for June's 51-15 hammering by the Wallabies. "
            "Rovers have offered £500,000 up front for the Wales star, 30, with the fee "
            "rising to £2.2m. I would say it's 50-50 whether you should have these games."
        ),
        headline=False,
    )
    kind = {f.text: (f.kind, f.value) for f in facts}
    assert kind["two and a half years"] == ("duration", 2.5)
    assert kind["51-15"][0] == "score"
    assert kind["30"] == ("age", 30)
    assert "50-50" not in kind  # "it's" is no possessive


def test_subjects_past_appositions_qualifiers_and_lists() -> None:
    # Sentences of other BBC business reports (bbc-news-2225).
    facts = extract_facts(
        from_text(
            "Conservatives in parliament say Turkcell's stake in Irancell, the new network, "
            "should be cut from 70% to 49%. A commission has ruled that Turkcell's 70% "
            "controlling stake is too high. Taxes will be cut in order to attract $15bn of "
            "foreign investment. About 280,000 jobs a year have been created since 2000 but "
            "unemployment remains high, currently close to 30%. Its contribution would rise "
            "from less than 5bn euros in 2014 to almost 9bn euros by 2020. Spending on health "
            "and education will rise by 9.4% and 8.1% respectively. The dollar was up "
            "slightly at just above $1.29 to the euro."
        ),
        headline=False,
    )
    subjects = [(f.text, f.subject) for f in facts if f.kind != "date"]
    assert subjects == [
        ("70%", "Turkcell's stake in Irancell"),
        ("49%", "Turkcell's stake in Irancell"),
        ("70%", "controlling stake"),
        ("$15bn", "foreign investment"),
        ("280,000", "jobs"),
        ("30%", "unemployment"),
        ("5bn euros", "contribution"),
        ("9bn euros", "contribution"),
        ("9.4%", "Spending on health"),
        ("8.1%", "Spending on education"),
        ("$1.29", "dollar"),
    ]


def test_career_firsts_lengths_of_matches_and_tiebreaks() -> None:
    # Sentences of other BBC reports (bbc-news-2225).
    facts = extract_facts(
        from_text(
            "Rod Stewart also won the first Grammy of his career. He joins Norwich with the "
            "Norfolk club second-from-bottom in the Premiership. The world number one took "
            "two hours 15 minutes to earn his victory, saving match points at 6-4 in the "
            "tiebreak before claiming it 8-6. Latin American exports to China grew 34%, to "
            "$14bn. The statement was not written by or at Number 10."
        ),
        headline=False,
    )
    found = {f.text: f for f in facts}
    assert found["first"].kind == "ordinal"
    assert (found["second"].kind, found["second"].subject) == ("ordinal", "Norfolk club")
    assert found["two hours 15 minutes"].value == pytest.approx(2.25)
    assert found["8-6"].kind == "score"
    assert found["$14bn"].subject == "Latin American exports to China"
    assert "Number 10" not in found


def test_money_in_something_is_that_thing() -> None:
    # "£5m in X": the money is X (sentences of other BBC reports, bbc-news-2225).
    facts = extract_facts(
        from_text(
            "Japan has $850bn in foreign exchange reserves. Mr Galloway won £150,000 in libel "
            "damages. EBay stock fell to $92.9 in after-hours trade."
        ),
        headline=False,
    )
    assert [f.subject for f in facts] == [
        "foreign exchange reserves",
        "libel damages",
        "EBay stock",
    ]
