"""English subjects and speakers on articles read by eye: the dev3 tuning split of the fact
gold set (``facts-dev3.jsonl``) and BBC articles outside the gold set.

Each test pins what an editor would check on one real article: whom a figure is
attributed to, what it measures, which event a date dates. The held-out test splits are
never read here.
"""

from __future__ import annotations

from bench.gold import article
from reconcile.document import from_text
from reconcile.facts import extract_facts
from reconcile.models import Fact

from .helpers import corpus


def _at(ref: str, context: str, value: str) -> Fact:
    """The fact whose span covers ``value`` inside the unique ``context`` of the article."""
    corpus("bbc-news-2225.jsonl")
    text = article(ref)
    assert text.count(context) == 1, context
    start = text.index(context) + context.index(value)
    found = [
        f for f in extract_facts(from_text(text)) if f.start < start + len(value) and start < f.end
    ]
    assert len(found) == 1, (value, found)
    return found[0]


# --- speakers ------------------------------------------------------------------------------


def test_a_speech_verb_inside_a_quotation_is_not_its_attribution() -> None:
    # '"With this agreement the EU and US have confirmed their willingness …," Mr Mandelson
    # said. "I hope our negotiations in the next three months …"': Mandelson's, not the US's.
    fact = _at("bbc:bbc-business-424", "in the next three months", "three months")
    assert fact.speaker == "Mr Mandelson"


def test_a_date_after_said_dates_the_saying() -> None:
    # "David Gill said in December that talks would not resume": the reporter says when
    # Gill spoke; December is not Gill's claim.
    fact = _at("bbc:bbc-business-293", "said in December that", "December")
    assert fact.speaker is None
    # Inside someone's quotation, "In 1998 the government said" is still the quoted
    # person's claim.
    fact = _at("bbc:bbc-politics-266", "In 1998 the government said", "1998")
    assert fact.speaker == "Mr Katwala"


def test_a_participle_of_saying_attributes_what_follows_it() -> None:
    # "Mr Brown surprised some City experts by forecasting UK growth at between 3% and
    # 3.5%": the forecast is Brown's.
    assert _at("bbc:bbc-politics-021", "between 3% and 3.5%", "3%").speaker == "Mr Brown"
    # "… to increase income tax to 50% for those earning more than £100,000, saying it
    # would apply to just 1% of the population": the 1% is what Kennedy says; the plan's
    # 50% before the participle is the reporter's account.
    assert _at("bbc:bbc-politics-223", "apply to just 1%", "1%").speaker == "Mr Kennedy"
    assert _at("bbc:bbc-politics-223", "income tax to 50%", "50%").speaker is None


# --- subjects ------------------------------------------------------------------------------


def test_an_acronym_opening_a_subject_is_kept() -> None:
    # "Almost one in five US citizens aged under 30 have one": "US" is not the pronoun.
    fact = _at("bbc:bbc-tech-047", "one in five US citizens", "five")
    assert fact.subject is not None and fact.subject.startswith("US citizens")


def test_an_age_belongs_to_whom_the_sentence_describes() -> None:
    # "14% of those aged 30-39": the group with its ages ("those" alone names nobody).
    assert _at("bbc:bbc-tech-047", "those aged 30-39", "30").subject == "those aged 30-39"
    # "9% of those who have dial-up access": the share is of that group.
    fact = _at("bbc:bbc-tech-047", "9% of those who have", "9%")
    assert fact.subject == "those who have dial-up access"
    # "Nogar, who died in 1994 aged 72": who died, not the first name in the sentence.
    text = article("bbc:bbc-entertainment-152")
    ages = [f for f in extract_facts(from_text(text)) if f.kind == "age" and f.text == "72"]
    assert ages and all(f.subject in ("Nogar", "Mr Nogar") for f in ages)


def test_a_subject_keeps_its_own_numbers() -> None:
    # "the top 12 films grossed around $91m": the total of the top 12 films, not of "top
    # films", which any other box-office total would also be.
    assert _at("bbc:bbc-entertainment-053", "around $91m", "$91m").subject == "top 12 films"


def test_an_ing_noun_after_a_figure_is_what_it_measures() -> None:
    # "using his 28.1% shareholding to vote off three board members": the shareholding.
    assert _at("bbc:bbc-business-293", "his 28.1% shareholding", "28.1%").subject == (
        "shareholding"
    )


# --- events --------------------------------------------------------------------------------


def test_a_place_before_a_date_is_not_its_event() -> None:
    # "England …, play Ireland, top of the table, in Dublin on 27 February": the game, not
    # Dublin; past the apposition to the clause with the verb.
    assert _at("bbc:bbc-sport-285", "on 27 February", "27 February").subject == "play Ireland"
    # "The Academy Awards ceremony will be held in Hollywood on 27 February."
    fact = _at("bbc:bbc-entertainment-082", "in Hollywood on 27 February", "27 February")
    assert fact.subject == "Academy Awards ceremony held"


def test_a_possessive_date_dates_the_named_event_after_it() -> None:
    # "compared to 2004's Super Bowl weekend when the total box office was $73.4m".
    fact = _at("bbc:bbc-entertainment-053", "2004's Super Bowl weekend", "2004")
    assert fact.subject == "Super Bowl weekend"
    # "in November's New York City marathon": "New" is part of the name.
    fact = _at("bbc:bbc-sport-019", "November's New York City marathon", "November")
    assert fact.subject == "New York City marathon"


def test_the_end_of_a_month_is_part_of_the_date() -> None:
    # "A decision is expected to be announced before the end of February": the decision,
    # not "end".
    fact = _at("bbc:bbc-sport-023", "before the end of February", "February")
    assert fact.subject == "decision announced"


def test_a_date_after_a_verb_and_its_object_dates_the_act() -> None:
    # "using his 28.1% shareholding to vote off three board members last November": the
    # vote, not the board members.
    fact = _at("bbc:bbc-business-293", "board members last November", "November")
    assert fact.subject is not None and fact.subject.startswith("vote off")
    # "songwriter Kurt Cobain committed suicide in April 1994".
    fact = _at("bbc:bbc-entertainment-155", "suicide in April 1994", "April 1994")
    assert fact.subject == "committed suicide"
    # A date's own part is no event: "a search conducted on the morning of the 22
    # December" dates the search.
    fact = _at("bbc:bbc-tech-257", "on the morning of the 22 December", "22 December")
    assert fact.subject == "search conducted"


def test_a_relative_clause_before_the_attribution_is_the_reporters() -> None:
    # "The US tycoon, who has been wooing the club for the last 12 months, has approached
    # the United board …, it has confirmed": the 12 months describe Glazer; the club
    # confirmed the approach, not how long he had wooed it.
    assert _at("bbc:bbc-business-293", "the last 12 months", "12 months").speaker is None


# --- ranks ---------------------------------------------------------------------------------


def test_a_rank_skips_the_apposition_before_its_place() -> None:
    # "Other new entries included The Wedding Date, a comedy starring Will and Grace's
    # Debra Messing, at number two": the film is at number two, not the actress.
    fact = _at("bbc:bbc-entertainment-053", "at number two", "number two")
    assert fact.subject == "The Wedding Date"


def test_a_share_measures_its_clause_subject_or_what_it_is_said_to_be() -> None:
    # "Many believe the figure is more likely to be under 3%": the figure, past "more
    # likely to be".
    assert _at("bbc:bbc-politics-021", "under 3%", "3%").subject == "figure"
    # "Of the 22 million Americans who own MP3 players, 59% are men".
    assert _at("bbc:bbc-tech-047", "59% are men", "59%").subject == "men"


def test_a_possessors_office_speaks_whole() -> None:
    # "According to a statement from Mr Spitzer's office, …": not "Mr Spitzer's of".
    fact = _at("bbc:bbc-business-401", "between 2002 and 2004", "2002 and 2004")
    assert fact.speaker == "Mr Spitzer's office"


def test_a_place_inside_the_event_phrase_is_left_out() -> None:
    # "Jones won three gold medals and two bronzes in Sydney in 2000": the medals, not
    # the city they were won in.
    assert _at("bbc:bbc-sport-049", "in Sydney in 2000", "2000").subject == "bronzes"


# --- sentences -----------------------------------------------------------------------------


def test_a_semicolon_in_brackets_and_a_question_mark_in_a_title_end_no_sentence() -> None:
    # "The European Union has said it will deliver 3m euros (£2.1m; $4.1m) of aid": the
    # conversions after the ";" measure the aid, as the first one does.
    assert _at("bbc:bbc-business-353", "£2.1m; $4.1m", "$4.1m").subject == "aid"
    # "… Shall We Dance? at number three": the title goes on into its place.
    text = article("bbc:bbc-entertainment-073")
    assert text.count("Shall We Dance? at number three") == 1
    doc = from_text(text)
    assert not any(s.text.startswith("at number three") for s in doc.segments)


def test_including_is_no_verb_of_a_count() -> None:
    # "The commission, an independent body including two judges, …": judges, not "judges
    # including".
    assert _at("bbc:bbc-politics-031", "including two judges", "two").subject == "judges"
    # "The wrangling could stretch into 2005": "into" is a word of time, like "in".
    assert _at("bbc:bbc-politics-358", "stretch into 2005", "2005").subject is not None


def test_money_in_something_after_a_conversion_is_that_thing() -> None:
    # "National Treasure made $17.1m (£8.8m) in ticket sales": the conversion between the
    # figure and "in" does not hide what the money is.
    assert _at("bbc:bbc-entertainment-083", "$17.1m (£8.8m) in ticket", "$17.1m").subject == (
        "ticket sales"
    )


def test_a_standing_before_a_name_is_that_persons_and_no_claim_of_theirs() -> None:
    # "… who beat world number five Guillermo Coria 6-4 7-5": Coria is number five.
    fact = _at("bbc:bbc-sport-506", "world number five Guillermo Coria", "world number five")
    assert fact.subject == "Guillermo Coria"
    # "Former world number one Juan Carlos Ferrero insists …": his title, in the
    # reporter's voice.
    fact = _at("bbc:bbc-sport-423", "Former world number one", "world number one")
    assert (fact.subject, fact.speaker) == ("Juan Carlos Ferrero", None)


def test_a_figure_after_a_preposition_modifies_the_noun_after_it() -> None:
    # "cut taxes through £35bn efficiency savings": the savings, not "improve services".
    fact = _at("bbc:bbc-politics-283", "through £35bn efficiency savings", "£35bn")
    assert fact.subject == "efficiency savings"


def test_out_of_work_and_thousands_separators_keep_the_phrase_whole() -> None:
    # "The number of people out of work rose 32,000 to 1.41 million in the last three
    # months of 2004": "out of work" is part of the noun phrase, the comma of "32,000"
    # ends no clause, so the months date the rise.
    ref = "bbc:bbc-business-061"
    assert _at(ref, "to 1.41 million", "1.41 million").subject == (
        "number of people out of work rose"
    )
    assert _at(ref, "last three months of 2004", "three months").subject == "number rose"
    # "rose for the second month in a row in December": "in a row" says how often.
    assert _at(ref, "in a row in December", "December").subject == "UK's jobless total rose"


def test_a_level_after_a_time_phrase_measures_what_changed() -> None:
    # "Average earnings rose by 4.3% in the year to December up from November's 4.2%":
    # both are average earnings, and December dates the rise.
    ref = "bbc:bbc-business-061"
    assert _at(ref, "November's 4.2%", "4.2%").subject == "Average earnings"
    assert _at(ref, "year to December up", "December").subject == "Average earnings rose"


def test_a_date_opening_its_clause_dates_the_verb_after_to_or_a_modal() -> None:
    # "From May, dial-up net users will be able to download free software to stop
    # computers using numbers …": the download, not "stop computers using numbers".
    assert _at("bbc:bbc-tech-397", "From May, dial-up", "May").subject == "download free software"


def test_a_capitalised_ordinal_inside_a_name_is_no_rank() -> None:
    # "Peter Marion of Maritime Seafood Processors and First Choice Foods": a company.
    text = article("bbc:bbc-business-448")
    assert "First Choice Foods" in text
    assert not [f for f in extract_facts(from_text(text)) if f.text == "First"]


def test_said_then_a_clause_ending_in_a_name_does_not_make_the_name_the_speaker() -> None:
    # "A total of 53% of those polled said they had sympathy for Mr Blunkett, with 40%
    # saying they did not": Blunkett is whom they spoke of, not who spoke.
    fact = _at("bbc:bbc-politics-112", "A total of 53%", "53%")
    assert fact.speaker != "Mr Blunkett"


def test_a_figure_in_a_relative_clause_measures_its_antecedent() -> None:
    # "… its 2001 predecessor, Ocean's Eleven which took $38.1m (£19.8m) on its opening
    # weekend and $184m (£95.8m) in total": the predecessor's takings, both of them; and
    # "It took $40.8m (£21m) in weekend ticket sales".
    ref = "bbc:bbc-entertainment-074"
    assert _at(ref, "which took $38.1m", "$38.1m").subject == "Ocean's Eleven"
    assert _at(ref, "and $184m", "$184m").subject == "Ocean's Eleven"
    assert _at(ref, "It took $40.8m", "$40.8m").subject == "weekend ticket sales"


def test_a_length_of_time_after_an_aside_belongs_to_the_subject_before_it() -> None:
    # "The Labour Party election pledges, even when they are so incredibly vague, do not
    # even last four days."
    fact = _at("bbc:bbc-politics-147", "last four days", "four days")
    assert fact.subject is not None and fact.subject.endswith("election pledges")


def test_a_date_after_than_dates_what_is_compared() -> None:
    # "In every area of work there is a detailed plan for the future, much clearer than
    # those in 1997 or 2001": the plans of those years.
    ref = "bbc:bbc-politics-021"
    assert _at(ref, "those in 1997", "1997").subject == "detailed plan"
    assert _at(ref, "1997 or 2001", "2001").subject == "detailed plan"


def test_an_attribution_in_a_subordinate_clause_covers_only_what_follows_it() -> None:
    # "Last July, the police were accused of Islamophobia by Muslim groups after stop and
    # search figures showed …": the figures do not date the accusation.
    assert _at("bbc:bbc-politics-105", "Last July, the police", "July").speaker is None
    # "But even before Newcastle said the player would not be sold, Bellamy insisted …"
    # then '"I don't want the fans to think for one minute …," he said': Bellamy.
    fact = _at("bbc:bbc-sport-260", "for one minute", "one minute")
    assert fact.speaker == "Bellamy"


# --- what is no rank -----------------------------------------------------------------------


def _ordinals(ref: str) -> list[str]:
    corpus("bbc-news-2225.jsonl")
    text = article(ref)
    return [
        text[f.start : f.end + 10] for f in extract_facts(from_text(text)) if f.kind == "ordinal"
    ]


def test_a_position_in_a_team_or_a_bone_is_no_rank() -> None:
    # "Gregory Lamboley can also come on at number seven or eight", "tipped Yann Delaigue to
    # start ahead of Frederic Michalak at number 10", "shifts to number eight": rugby
    # positions; "a small break on the third metatarsal": a bone.
    assert not [x for x in _ordinals("bbc:bbc-sport-344") if x.startswith("number seven")]
    assert not [x for x in _ordinals("bbc:bbc-sport-340") if x.startswith("number 10")]
    assert not [x for x in _ordinals("bbc:bbc-sport-378") if x.startswith("number eight")]
    assert not [x for x in _ordinals("bbc:bbc-sport-114") if x.startswith("third metatarsal")]
    # Chart places in a list stay ranks: "It's Now or Never at number 27 and Jailhouse Rock".
    assert [x for x in _ordinals("bbc:bbc-entertainment-261") if x.startswith("number 27")]


def test_assured_attributes_what_follows() -> None:
    # "Tony Blair assured Parliament that 90% of the bill was about tightening up the
    # regulation of the gambling industry" (dev2).
    fact = _at("bbc:bbc-politics-133", "that 90% of the bill", "90%")
    assert fact.speaker is not None and "Blair" in fact.speaker


def test_he_was_n_is_the_age_of_whom_the_sentence_before_was_about() -> None:
    # "Sir Anthony Meyer, the Tory backbencher who challenged Margaret Thatcher for the
    # party leadership in 1989, has died. He was 84" (dev): Meyer, named first.
    fact = _at("bbc:bbc-politics-308", "He was 84", "84")
    assert fact.subject is not None and "Meyer" in fact.subject


def test_a_named_object_after_a_determiner_goes_with_its_verb() -> None:
    # "… made his Wales debut in 1989": the debut was made, not "Wales debut" alone.
    fact = _at("bbc:bbc-sport-413", "Wales debut in 1989", "1989")
    assert fact.subject == "made his Wales debut"


def test_a_headline_figure_between_a_verb_and_a_noun_modifies_the_noun() -> None:
    # Headline "Court rejects $280bn tobacco case": the case, not the court.
    corpus("bbc-news-2225.jsonl")
    text = article("bbc:bbc-business-010")
    first = extract_facts(from_text(text))[0]
    assert (first.text, first.subject) == ("$280bn", "tobacco case")


def test_a_place_of_several_words_or_after_from_is_not_the_event() -> None:
    # "Prodigy will play at Weston Park on Saturday 20 August".
    assert _at("bbc:bbc-entertainment-283", "Saturday 20 August", "20 August").subject == (
        "Prodigy play"
    )


def test_they_said_is_the_plural_body_the_sentence_before_opened_with() -> None:
    # "The tobacco companies deny that they illegally conspired …. They also say they have
    # already met many of the government's demands in a landmark $206bn settlement": the
    # companies, not the government their sentence mentions.
    fact = _at("bbc:bbc-business-010", "landmark $206bn settlement", "$206bn")
    assert fact.speaker == "tobacco companies"
