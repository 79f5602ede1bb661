"""Money amounts in every Dutch form become exact decimals with ISO currencies."""

from __future__ import annotations

from decimal import Decimal

import pytest

from navokg.dutch.amounts import find_amounts, parse_amount, parse_number


@pytest.mark.parametrize(
    "text,amount,currency,qualifier",
    [
        ("€ 300 miljoen", 300_000_000, "EUR", None),
        ("€2,5 mld", 2_500_000_000, "EUR", None),
        ("2,5 miljard euro", 2_500_000_000, "EUR", None),
        ("250 miljoen euro", 250_000_000, "EUR", None),
        ("500 miljoen dollar", 500_000_000, "USD", None),
        ("circa 10 miljard euro", 10_000_000_000, "EUR", "circa"),
        ("ruim 1 miljard euro", 1_000_000_000, "EUR", "ruim"),
        ("300.000 euro", 300_000, "EUR", None),
        ("anderhalf miljard euro", 1_500_000_000, "EUR", None),
        ("EUR 12,75 miljoen", 12_750_000, "EUR", None),
        ("£ 40 miljoen", 40_000_000, "GBP", None),
        # Never the euro or the paragraph's dollar for a currency the words name.
        ("50 miljoen Deense kronen", 50_000_000, "DKK", None),
        ("2 miljard Noorse kronen", 2_000_000_000, "NOK", None),
        ("8 miljoen Zwitserse franken", 8_000_000, "CHF", None),
        ("15 miljoen Canadese dollar", 15_000_000, "CAD", None),
        ("een half miljard dollar", 500_000_000, "USD", None),
        ("een kwart miljoen euro", 250_000, "EUR", None),
    ],
)
def test_amounts_normalise_to_whole_units(text: str, amount: int, currency: str, qualifier: str | None) -> None:
    money = parse_amount(text)
    assert money.amount == Decimal(amount)
    assert (money.currency, money.qualifier) == (currency, qualifier)


def test_a_bare_scaled_amount_takes_its_currency_from_context() -> None:
    assert parse_amount("circa 10 miljard").currency is None
    assert parse_amount("circa 10 miljard", currency="EUR").currency == "EUR"


@pytest.mark.parametrize(
    "sentence",
    [
        "Het gaat om 3000 gevechtshelmen en 100 scherpschuttergeweren.",
        "De PVV eindigt als grootste partij met 37 zetels.",
        "Hij wil dat de defensiebudgetten stijgen tot 5% van het BBP.",
    ],
)
def test_counts_seats_and_percentages_are_not_money(sentence: str) -> None:
    assert find_amounts(sentence) == []


def test_amounts_are_found_with_exact_offsets() -> None:
    text = "Nederland draagt 250 miljoen euro bij aan een pakket van in totaal 500 miljoen euro."
    found = find_amounts(text)
    assert [text[m.start : m.end] for m in found] == ["250 miljoen euro", "500 miljoen euro"]


@pytest.mark.parametrize("text,value", [("5 miljoen", 5_000_000), ("3000", 3000), ("1.000", 1000), ("tien", 10)])
def test_numbers_with_scales(text: str, value: int) -> None:
    assert parse_number(text) == Decimal(value)


def test_an_unparseable_amount_says_how_to_write_one() -> None:
    with pytest.raises(ValueError, match="2,5 miljard euro"):
        parse_amount("twee komma vijf")
