"""Dutch date phrases keep the precision the text gives, with earliest/latest bounds."""

from __future__ import annotations

from datetime import date

import pytest

from navokg.dutch.dates import Precision, Tense, dateline, find_dates, parse_date, parse_iso

PUBLISHED = parse_iso("2025-12-02")  # a Tuesday


@pytest.mark.parametrize(
    "text,lexical,earliest,latest",
    [
        ("6 april 2022", "2022-04-06", date(2022, 4, 6), date(2022, 4, 6)),
        ("zaterdag 28 september 2024", "2024-09-28", date(2024, 9, 28), date(2024, 9, 28)),
        ("april 2022", "2022-04", date(2022, 4, 1), date(2022, 4, 30)),
        ("2022", "2022", date(2022, 1, 1), date(2022, 12, 31)),
        ("eind 2022", "2022", date(2022, 9, 1), date(2022, 12, 31)),
        ("najaar 2022", "2022", date(2022, 9, 1), date(2022, 11, 30)),
        ("het najaar van 2022", "2022", date(2022, 9, 1), date(2022, 11, 30)),
        ("medio 2023", "2023", date(2023, 5, 1), date(2023, 8, 31)),
        ("begin februari 2022", "2022-02", date(2022, 2, 1), date(2022, 2, 10)),
        ("het eerste kwartaal van 2023", "2023", date(2023, 1, 1), date(2023, 3, 31)),
        ("2024-2026", "2024", date(2024, 1, 1), date(2026, 12, 31)),
        ("24 en 25 juni 2025", "2025-06", date(2025, 6, 24), date(2025, 6, 25)),
        ("2024-10-01", "2024-10-01", date(2024, 10, 1), date(2024, 10, 1)),
    ],
)
def test_absolute_dates_keep_their_precision(text: str, lexical: str, earliest: date, latest: date) -> None:
    value = parse_date(text)
    assert value is not None
    assert (value.lexical, value.earliest, value.latest) == (lexical, earliest, latest)
    assert value.as_written == text


@pytest.mark.parametrize(
    "text,tense,lexical",
    [
        ("gisteren", Tense.ANY, "2025-12-01"),
        ("vandaag", Tense.ANY, "2025-12-02"),
        ("morgen", Tense.ANY, "2025-12-03"),
        ("vorig jaar oktober", Tense.ANY, "2024-10"),
        ("vorige maand", Tense.ANY, "2025-11"),
        ("volgend jaar", Tense.ANY, "2026"),
        ("afgelopen vrijdag", Tense.ANY, "2025-11-28"),
        ("vrijdag", Tense.PAST, "2025-11-28"),
        ("vrijdag", Tense.FUTURE, "2025-12-05"),
        ("dinsdag", Tense.ANY, "2025-12-02"),
        ("begin februari", Tense.ANY, "2025-02"),
    ],
)
def test_relative_dates_resolve_against_the_document_date(text: str, tense: Tense, lexical: str) -> None:
    value = parse_date(text, reference=PUBLISHED, tense=tense)
    assert value is not None and value.lexical == lexical


def test_relative_dates_without_a_reference_stay_unresolved() -> None:
    value = parse_date("dinsdag")
    assert value is not None
    assert not value.resolved and value.as_written == "dinsdag" and value.lexical is None


def test_relative_dates_against_a_month_keep_month_uncertainty() -> None:
    value = parse_date("vorig jaar oktober", reference=parse_iso("2024-02"))
    assert value is not None and value.lexical == "2023-10"
    today = parse_date("vandaag", reference=parse_iso("2025-02"))
    assert today is not None and today.precision is Precision.MONTH


@pytest.mark.parametrize("text", ["31 februari 2022", "2022-02-30", "30 februari"])
def test_impossible_dates_are_not_dates(text: str) -> None:
    assert parse_date(text, reference=PUBLISHED) is None


def test_parse_iso_explains_an_impossible_day() -> None:
    with pytest.raises(ValueError, match="February 2022 has 28 days"):
        parse_iso("2022-02-31")


@pytest.mark.parametrize(
    "sentence,found",
    [
        ("Het gaat om 3000 gevechtshelmen en 2000 scherfvesten.", []),
        ("Op 18 februari 2022 besluit het kabinet om goederen te leveren.", ["18 februari 2022"]),
        ("Rusland heeft sinds eind 2021 troepen verzameld.", ["eind 2021"]),
        ("In de Voorjaarsnota 2024 staat het.", []),
        ("De steun loopt in 2024 en voor de periode 2024-2026 door.", ["2024", "2024-2026"]),
    ],
)
def test_find_dates_in_running_text(sentence: str, found: list[str]) -> None:
    mentions = find_dates(sentence, reference=PUBLISHED)
    assert [sentence[m.start : m.end] for m in mentions] == found


@pytest.mark.parametrize(
    "body,written",
    [
        (
            "Kop van het stuk\n\ndinsdag, 2 december 2025 (16:45) - NOS Nieuws\n\nTekst.",
            "dinsdag, 2 december 2025",
        ),
        (" date 2024-02 De NAVO is op zoek naar een nieuwe secretaris-generaal.", "2024-02"),
        ("In november 2021 gaat demissionair premier Mark Rutte op werkbezoek.", None),
    ],
)
def test_dateline_is_the_date_a_text_gives_for_itself(body: str, written: str | None) -> None:
    found = dateline(body)
    assert (body[found.start : found.end] if found else None) == written
