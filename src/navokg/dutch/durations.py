"""How long something lasted, as Dutch says it: "tien jaar", "ruim zes jaar lang", "twee termijnen".

A duration is a range of days, because the words are rarely exact: "tien jaar" is
anything that rounds to ten years, "ruim zes jaar" more than six and less than seven,
"bijna vier jaar" between three and four, "meer dan tien jaar" ten or more.  A term
("termijn") is one to five years, the range of the terms Dutch texts speak of (a
parliament, a presidency, NATO's Secretary General).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["DurationMention", "find_durations", "iso_duration_days", "parse_duration"]

_DAYS = {
    "dag": 1.0, "dagen": 1.0, "week": 7.0, "weken": 7.0, "maand": 30.44, "maanden": 30.44,
    "jaar": 365.25, "jaren": 365.25, "decennium": 3652.5, "decennia": 3652.5,
}  # fmt: skip
_TERM = (365, 1827)  # days of one term: one to five years
_NUMBERS = {
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
    "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
    "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19, "twintig": 20, "dertig": 30,
    "anderhalf": 1.5, "anderhalve": 1.5, "half": 0.5, "halve": 0.5,
}  # fmt: skip
_MODIFIER = (
    r"(?P<mod>ruim|ruimschoots|meer\s+dan|bijna|krap|nog\s+geen|ongeveer|circa|ca\.|zo'n|zo’n|zowat|"
    r"minstens|ten\s+minste)"
)
_NUMBER = r"(?P<number>\d+(?:,\d+)?|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + ")"
_UNIT = r"(?P<unit>" + "|".join(sorted([*_DAYS, "termijn", "termijnen", "ambtstermijn", "ambtstermijnen"],
                                         key=len, reverse=True)) + ")"  # fmt: skip
_PHRASE = re.compile(
    rf"(?<![\w-])(?:{_MODIFIER}\s+)?(?:(?:een|het)\s+)?{_NUMBER}\s+{_UNIT}(?:\s+lang)?(?![\w-])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DurationMention:
    """A duration phrase in running text: its offsets and the days it may mean."""

    start: int
    end: int
    min_days: int
    max_days: int | None
    text: str


def _number(text: str) -> float:
    text = text.lower()
    return _NUMBERS[text] if text in _NUMBERS else float(text.replace(",", "."))


def _range(number: float, unit: str, modifier: str) -> tuple[int, int | None]:
    unit = unit.lower()
    if "termijn" in unit:
        low, high = number * _TERM[0], number * _TERM[1]
    else:
        days = _DAYS[unit]
        # Said plainly, a number is a rounded one: "tien jaar" is nine and a half to ten and a
        # half; a fraction is rounded to its quarter ("anderhalf jaar": 15 to 21 months).
        slack = 0.5 if number == int(number) else 0.25
        low, high = (number - slack) * days, (number + slack) * days
        modifier = " ".join(modifier.lower().split())
        if modifier in ("ruim", "ruimschoots"):
            low, high = number * days, (number + 1) * days
        elif modifier in ("meer dan", "minstens", "ten minste"):
            return round(number * days), None
        elif modifier in ("bijna", "krap", "nog geen"):
            low, high = (number - 1) * days, number * days
        elif modifier:
            low, high = 0.8 * number * days, 1.2 * number * days
    return max(0, round(low)), round(high)


def find_durations(text: str) -> list[DurationMention]:
    """Every duration phrase in ``text``, left to right."""
    found = []
    for match in _PHRASE.finditer(text):
        low, high = _range(_number(match.group("number")), match.group("unit"), match.group("mod") or "")
        found.append(DurationMention(match.start(), match.end(), low, high, match.group(0)))
    return found


def parse_duration(text: str) -> tuple[int, int | None] | None:
    """The days a whole phrase means ("ruim zes jaar" -> (2192, 2557)), or None if it is none."""
    match = _PHRASE.fullmatch(" ".join(text.split()))
    if match is None:
        return None
    return _range(_number(match.group("number")), match.group("unit"), match.group("mod") or "")


_ISO = re.compile(r"P(?:(?P<y>\d+)Y)?(?:(?P<m>\d+)M)?(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?")


def iso_duration_days(text: str) -> int:
    """Days of an ISO 8601 duration of years, months, weeks and days ("P6Y", "P2192D")."""
    match = _ISO.fullmatch(text.strip().upper())
    if match is None or not any(match.groupdict().values()):
        raise ValueError(f"'{text}' is no ISO 8601 duration like P6Y, P18M or P2192D")
    parts = {k: int(v) for k, v in match.groupdict().items() if v}
    days = parts.get("y", 0) * 365.25 + parts.get("m", 0) * 30.44 + parts.get("w", 0) * 7 + parts.get("d", 0)
    return round(days)
