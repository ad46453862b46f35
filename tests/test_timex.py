from datetime import date

import pytest

from tacitus.timex import resolve

PUB = date(2018, 1, 28)  # a Sunday


@pytest.mark.parametrize(
    "expr,tense,value,precision",
    [
        ("on Monday", "future", "2018-01-29", "day"),
        ("on Saturday", "past", "2018-01-27", "day"),
        ("on Sunday", "past", "2018-01-28", "day"),
        ("in August", "past", "2017-08", "month"),
        ("last August", "past", "2017-08", "month"),
        ("next month", "future", "2018-02", "month"),
        ("last month", "past", "2017-12", "month"),
        ("yesterday", "past", "2018-01-27", "day"),
        ("tomorrow", "future", "2018-01-29", "day"),
        ("two days ago", "past", "2018-01-26", "day"),
        ("Jan. 3", "past", "2018-01-03", "day"),
        ("Dec. 30", "past", "2017-12-30", "day"),
        ("March 5", "future", "2018-03-05", "day"),
        ("14 May", "past", "2017-05-14", "day"),
        ("August 23, 2017", "past", "2017-08-23", "day"),
        ("in 1943", "past", "1943", "year"),
        ("last year", "past", "2017", "year"),
        ("earlier this month", "past", "2018-01", "month"),
        ("the 12th", "past", "2018-01-12", "day"),
    ],
)
def test_resolve(expr, tense, value, precision):
    r = resolve(expr, PUB, tense)
    assert r is not None
    assert (r.value, r.precision) == (value, precision)


def test_anaphoric_dates_need_an_anchor():
    assert resolve("the same day", PUB, "past") is None
    r = resolve("the same day", PUB, "past", anchor=date(2018, 1, 29))
    assert r.value == "2018-01-29" and r.anaphoric
    assert resolve("two days earlier", PUB, "past", anchor=date(2018, 1, 20)).value == "2018-01-18"


def test_unknown_expression():
    assert resolve("the day after the Syrian civil war", PUB, "past") is None


def test_weekday_of_last_or_next_week():
    pub = date(2014, 5, 6)  # a Tuesday
    assert resolve("on Wednesday last week", pub).value == "2014-04-30"
    assert resolve("last week on Friday", pub).value == "2014-05-02"
    assert resolve("Monday of next week", pub, "future").value == "2014-05-12"


def test_a_duration_word_nearer_the_trigger_does_not_hide_the_day(coder):
    text = ("LIMA — Peru's Congress removed President Pedro Castillo from office on Wednesday, hours after he "
            "tried to dissolve the legislature, and police detained him as his car headed to the Mexican embassy.")
    arrest = next(e for e in coder.code(text, "2022-12-08") if e.cameo.startswith("173"))
    assert arrest.date == "2022-12-07" and not arrest.date_fallback
