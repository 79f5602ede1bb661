"""What a Dutch title says about its office: whether one person holds it at a time.

A country's premier or president, a named minister's portfolio, a mayor, a chamber's
chair, NATO's Secretary General: one holder at a time, so a successor's start bounds the
predecessor's end.  A member of parliament, a senator, an ambassador, a minister without
portfolio: many at once.  The office's label decides, as the gazetteer would.
"""

from __future__ import annotations

import re

__all__ = ["seats_of_title"]

# Heads that name one seat when the title says of what (a portfolio, a body, a place).
_OF_WHAT = re.compile(
    r"^(?:minister|staatssecretaris|burgemeester|gouverneur|voorzitter|secretaris-generaal|"
    r"commissaris van de koning|president|premier|minister-president|bondskanselier|"
    r"kanselier|eerste minister|hoge vertegenwoordiger|ombudsman|commandant)\s+(?:van|voor|der|in)\s+\S",
    re.IGNORECASE,
)
# Heads that are one seat by themselves, with the country or body named before or after.
_ALONE = re.compile(
    r"(?:^|\b)(?:premier|minister-president|president|bondskanselier|koning|koningin|paus|"
    r"commandant der strijdkrachten)(?:\s+(?:van|der)\s+\S.*)?$",
    re.IGNORECASE,
)
# Never one seat, whatever follows: members, deputies, envoys, spokespeople.
_MANY = re.compile(
    r"\b(?:lid|leden|kamerlid|senator|vicepremier|vice-premier|ambassadeur|gezant|woordvoerder|"
    r"adviseur|raadslid|wethouder|generaal|diplomaat|ambtenaar|medewerker)\b",
    re.IGNORECASE,
)


def seats_of_title(label: str) -> int | None:
    """1 where the office a title names has one holder at a time, else None (unknown or many)."""
    text = " ".join(label.split())
    if _MANY.search(text) and not text.lower().startswith(("secretaris-generaal", "voorzitter")):
        return None
    if _OF_WHAT.match(text) or _ALONE.search(text):
        return 1
    return None
