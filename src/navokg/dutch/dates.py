"""Dutch date phrases -> periods with the precision the text gives.

A date in navokg is a period: the earliest and latest day meant, plus the words as
written.  "6 april 2022" is one day, "april 2022" a month, "eind 2022" the last third of
a year.  The contract's literal (xsd:date, xsd:gYearMonth, xsd:gYear) is derived from the
bounds: the finest calendar unit that contains them.

Relative phrases ("dinsdag", "vorig jaar oktober", "gisteren") resolve only against a
reference period the document itself gives (its publication date or a dateline), never
against today's date; without a reference they stay unresolved (bounds ``None``).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

__all__ = [
    "DateMention",
    "Precision",
    "Tense",
    "TimeValue",
    "dateline",
    "find_dates",
    "fold_case",
    "parse_date",
    "parse_iso",
]


class Precision(StrEnum):
    """How finely a literal pins a period down; names the XSD datatype used."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"

    @property
    def xsd(self) -> str:
        return {"day": "date", "month": "gYearMonth", "year": "gYear"}[self.value]


class Tense(StrEnum):
    """Which way a bare weekday points: "zei dinsdag" (past) or "wordt dinsdag" (future)."""

    PAST = "past"
    FUTURE = "future"
    ANY = "any"


@dataclass(frozen=True)
class TimeValue:
    """A period as the text gives it: bounds (``None`` when unresolved) and the words."""

    earliest: date | None
    latest: date | None
    as_written: str

    def __post_init__(self) -> None:
        if (self.earliest is None) != (self.latest is None):
            raise ValueError("a period needs both bounds or neither")
        if self.earliest and self.latest and self.earliest > self.latest:
            raise ValueError(f"period ends before it starts: {self.earliest} > {self.latest}")

    @property
    def resolved(self) -> bool:
        return self.earliest is not None

    @property
    def precision(self) -> Precision | None:
        """The finest calendar unit containing the whole period."""
        lo, hi = self.earliest, self.latest
        if lo is None or hi is None:
            return None
        if lo == hi:
            return Precision.DAY
        if (lo.year, lo.month) == (hi.year, hi.month):
            return Precision.MONTH
        return Precision.YEAR

    @property
    def lexical(self) -> str | None:
        """The literal's lexical form at this precision ("2024", "2024-10", "2024-10-01")."""
        lo, precision = self.earliest, self.precision
        if lo is None or precision is None:
            return None
        if precision is Precision.DAY:
            return lo.isoformat()
        if precision is Precision.MONTH:
            return f"{lo.year:04d}-{lo.month:02d}"
        return f"{lo.year:04d}"

    def written(self, words: str) -> TimeValue:
        return replace(self, as_written=words)


@dataclass(frozen=True)
class DateMention:
    """A date phrase found in running text, with its code-point offsets."""

    start: int
    end: int
    value: TimeValue


MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10,
    "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4,
    "zaterdag": 5, "zondag": 6,
}  # fmt: skip
# Seasons and parts of a period, as (first month, first day, last month, last day).
SEASONS: dict[str, tuple[int, int, int, int]] = {
    "voorjaar": (3, 1, 5, 31), "lente": (3, 1, 5, 31), "zomer": (6, 1, 8, 31),
    "najaar": (9, 1, 11, 30), "herfst": (9, 1, 11, 30), "winter": (12, 1, 2, 28),
}  # fmt: skip
PARTS_OF_YEAR: dict[str, tuple[int, int]] = {
    "begin": (1, 4), "vroeg in": (1, 4), "eind": (9, 12), "einde": (9, 12), "eind van": (9, 12),
    "laat in": (9, 12), "medio": (5, 8), "midden": (5, 8), "half": (5, 8), "halverwege": (5, 8),
    "voorjaar": (3, 5), "najaar": (9, 11),
}  # fmt: skip
PARTS_OF_MONTH: dict[str, tuple[int, int]] = {
    "begin": (1, 10), "vroeg in": (1, 10), "eind": (21, 31), "einde": (21, 31),
    "eind van": (21, 31), "laat in": (21, 31), "medio": (11, 20), "midden": (11, 20),
    "half": (11, 20), "halverwege": (11, 20),
}  # fmt: skip
QUARTERS: dict[str, int] = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "laatste": 4}

_MONTH = r"(?P<{name}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_YEAR = r"(?P<{name}>(?:19|20)\d\d)"
_PART = r"(?P<part>begin|eind(?:e|\s+van)?|medio|midden|half|halverwege|vroeg\s+in|laat\s+in)"
_SEASON = r"(?P<season>voorjaar|lente|zomer|najaar|herfst|winter)"


def _m(name: str) -> str:
    return _MONTH.format(name=name)


def _y(name: str) -> str:
    return _YEAR.format(name=name)


# Ordered: longer, more specific forms first, so the alternation prefers them.
_PATTERNS: list[tuple[str, str]] = [
    ("iso", r"(?P<y>(?:19|20)\d\d)-(?P<mo>0[1-9]|1[0-2])(?:-(?P<d>[0-3]\d))?(?![\d-])"),
    ("dmy_num", r"(?P<d>[0-3]?\d)[-/.](?P<mo>[01]?\d)[-/.](?P<y>(?:19|20)\d\d)"),
    (
        "day_range",
        r"(?P<d1>[0-3]?\d)\s*(?:en|tot(?:\s+en\s+met)?|t/m|-|–)\s*(?P<d2>[0-3]?\d)\s+"
        + _m("mo")
        + r"(?:\s+(?:'(?P<yy>\d\d)|"
        + _y("y")
        + "))?",
    ),
    (
        "dmy",
        r"(?:"
        + _WEEKDAY
        + r",?\s+)?(?P<d>[0-3]?\d)(?:e|ste|de)?\s+"
        + _m("mo")
        + r"(?:\s+(?:'(?P<yy>\d\d)|"
        + _y("y")
        + r"))?",
    ),
    (
        "quarter",
        r"(?:het\s+)?(?P<q>eerste|tweede|derde|vierde|laatste)\s+kwartaal(?:\s+(?:van\s+)?" + _y("y") + r")?",
    ),
    ("q_short", r"Q(?P<qn>[1-4])\s+" + _y("y")),
    ("season_year", r"(?:(?:het|de)\s+)?" + _SEASON + r"\s+(?:van\s+)?" + _y("y")),
    ("rel_season", r"(?P<rel>dit|deze|vorig|vorige|afgelopen|komend|komende|volgend|volgende)\s+" + _SEASON),
    ("part_month", _PART + r"\s+" + _m("mo") + r"(?:\s+" + _y("y") + r")?"),
    ("part_year", _PART + r"\s+(?:van\s+(?:het\s+jaar\s+)?)?" + _y("y")),
    ("rel_year_month", r"(?P<rel>vorig|afgelopen|volgend|komend)\s+jaar\s+" + _m("mo")),
    ("month_rel_year", _m("mo") + r"\s+(?P<rel>vorig|afgelopen|volgend|komend)\s+jaar"),
    ("my", _m("mo") + r"\s+(?:'(?P<yy>\d\d)|" + _y("y") + r")"),
    ("year_range", _y("y1") + r"\s*(?:-|–|tot(?:\s+en\s+met)?|t/m)\s*" + _y("y2")),
    (
        "rel_unit",
        r"(?P<rel>vorig|vorige|afgelopen|dit|deze|volgend|volgende|komend|komende)\s+"
        r"(?P<unit>jaar|maand|week)",
    ),
    (
        "rel_day",
        r"(?P<word>eergisteren|gisteren|gisteravond|gistermiddag|gisterochtend|vandaag"
        r"|vanochtend|vanmorgen|vanmiddag|vanavond|vannacht|morgen|overmorgen)",
    ),
    (
        "weekday",
        r"(?:(?P<rel>afgelopen|vorige|komende|volgende)\s+)?"
        + _WEEKDAY
        + r"(?P<daypart>ochtend|middag|avond|nacht|morgen)?",
    ),
    ("in_month", r"(?P<prep>in|sinds|vanaf|tot|eind|begin)\s+" + _m("mo") + r"(?!\s*\d)"),
    (
        "year",
        r"(?P<prep>in|sinds|vanaf|tot(?:\s+en\s+met)?|t/m|voor|vóór|na|per|rond|omstreeks"
        r"|jaar|van)\s+" + _y("y"),
    ),
    ("year_alone", _y("y") + r"(?=\s*[,.;:)!?]|\s*$)"),
]

_COMPILED: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(r"\b" + pattern + r"(?!\w)", re.IGNORECASE)) for kind, pattern in _PATTERNS
]

# Case folding exactly as re.IGNORECASE compares a character with a lower-case ASCII
# letter: A-Z, and the four other characters it takes for one (İ ı ſ K).  Searching the
# folded text for lower-case words finds what a case-insensitive search finds, faster.
_ASCII_FOLD = str.maketrans(
    {**{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}, "İ": "i", "ı": "i", "ſ": "s", "K": "k"}
)


def fold_case(text: str) -> str:
    """``text`` with every character re.IGNORECASE equates with a lower-case ASCII letter
    replaced by that letter: a case-sensitive search for lower-case ASCII words in the
    result matches where a case-insensitive search in ``text`` does, offsets unchanged."""
    return text.translate(_ASCII_FOLD)


# What each pattern cannot match without: a digit, a month name, a weekday ...  A text
# without one of these words skips the patterns that need it; the rest run as before.
# (Searched in ``fold_case(text)``, so without re.IGNORECASE.)
_FEATURES: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern)
    for name, pattern in {
        "digit": r"\d",
        "year": r"(?:19|20)\d\d",
        "month": "|".join(sorted(MONTHS, key=len, reverse=True)),
        "weekday": "|".join(WEEKDAYS),
        "season": r"voorjaar|lente|zomer|najaar|herfst|winter",
        "jaar": r"jaar",
        "unit": r"jaar|maand|week",
        "relday": r"gister|vandaag|vanochtend|vanmorgen|vanmiddag|vanavond|vannacht|morgen",
        "kwartaal": r"kwartaal",
        "q": r"q[1-4]",
    }.items()
}
_REQUIRES: dict[str, tuple[str, ...]] = {
    "iso": ("year",), "dmy_num": ("year",), "day_range": ("digit", "month"), "dmy": ("digit", "month"),
    "quarter": ("kwartaal",), "q_short": ("q", "year"), "season_year": ("season", "year"),
    "rel_season": ("season",), "part_month": ("month",), "part_year": ("year",),
    "rel_year_month": ("jaar", "month"), "month_rel_year": ("jaar", "month"), "my": ("month", "digit"),
    "year_range": ("year",), "rel_unit": ("unit",), "rel_day": ("relday",), "weekday": ("weekday",),
    "in_month": ("month",), "year": ("year",), "year_alone": ("year",),
}  # fmt: skip


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year_of(groups: dict[str, str | None], reference: TimeValue | None) -> int | None:
    if groups.get("y"):
        return int(groups["y"])  # type: ignore[arg-type]
    if groups.get("yy"):
        return 2000 + int(groups["yy"])  # type: ignore[arg-type]
    if reference is not None and reference.earliest is not None:
        return reference.earliest.year
    return None


def _period(lo: date, hi: date, words: str) -> TimeValue:
    return TimeValue(lo, hi, words)


def _unresolved(words: str) -> TimeValue:
    return TimeValue(None, None, words)


def _shift(reference: TimeValue, days: int, words: str) -> TimeValue:
    assert reference.earliest is not None and reference.latest is not None
    return TimeValue(reference.earliest + timedelta(days=days), reference.latest + timedelta(days=days), words)


def _safe_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday(weekday: int, rel: str | None, reference: TimeValue | None, tense: Tense, words: str) -> TimeValue:
    if reference is None or reference.earliest is None or reference.latest is None:
        return _unresolved(words)
    if reference.precision is not Precision.DAY:
        # A weekday against a month-precise reference: somewhere within a week of it.
        return TimeValue(reference.earliest - timedelta(days=6), reference.latest + timedelta(days=6), words)
    ref = reference.earliest
    back = (ref.weekday() - weekday) % 7
    forward = (weekday - ref.weekday()) % 7
    rel = (rel or "").lower()
    if rel in ("afgelopen", "vorige"):
        offset = -(back or 7)
    elif rel in ("komende", "volgende"):
        offset = forward or 7
    elif tense is Tense.PAST:
        offset = -back
    elif tense is Tense.FUTURE:
        offset = forward
    else:
        offset = -back if back <= forward else forward
    day = ref + timedelta(days=offset)
    return _period(day, day, words)


def _rel_unit(rel: str, unit: str, reference: TimeValue | None, words: str) -> TimeValue:
    if reference is None or reference.earliest is None:
        return _unresolved(words)
    ref = reference.earliest
    step = {"vorig": -1, "vorige": -1, "afgelopen": -1, "dit": 0, "deze": 0}.get(rel.lower(), 1)
    if unit == "jaar":
        year = ref.year + step
        # "het afgelopen jaar" in a December article means the year now ending.
        if rel.lower() == "afgelopen" and ref.month == 12:
            year = ref.year
        return _period(date(year, 1, 1), date(year, 12, 31), words)
    if unit == "maand":
        month_index = ref.year * 12 + ref.month - 1 + step
        year, month = divmod(month_index, 12)
        return _period(date(year, month + 1, 1), _month_end(year, month + 1), words)
    monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=step)
    return _period(monday, monday + timedelta(days=6), words)


_REL_DAYS = {
    "eergisteren": -2, "gisteren": -1, "gisteravond": -1, "gistermiddag": -1,
    "gisterochtend": -1, "vandaag": 0, "vanochtend": 0, "vanmorgen": 0, "vanmiddag": 0,
    "vanavond": 0, "vannacht": 0, "morgen": 1, "overmorgen": 2,
}  # fmt: skip


def _season(season: str, year: int, words: str) -> TimeValue:
    m1, d1, m2, d2 = SEASONS[season.lower()]
    end_year = year + 1 if m2 < m1 else year
    last = min(d2, calendar.monthrange(end_year, m2)[1])
    return _period(date(year, m1, d1), date(end_year, m2, last), words)


def _interpret(
    kind: str, g: dict[str, str | None], words: str, reference: TimeValue | None, tense: Tense
) -> TimeValue | None:
    """Turn one matched pattern into a period; None when the match is no real date."""
    year: int | None
    month = MONTHS.get((g.get("mo") or "").lower().rstrip("."))
    if kind == "iso":
        year = int(g["y"])  # type: ignore[arg-type]
        mo = int(g["mo"])  # type: ignore[arg-type]
        if g.get("d"):
            day = _safe_day(year, mo, int(g["d"]))  # type: ignore[arg-type]
            return _period(day, day, words) if day else None
        return _period(date(year, mo, 1), _month_end(year, mo), words)
    if kind == "dmy_num":
        mo = int(g["mo"])  # type: ignore[arg-type]
        day = _safe_day(int(g["y"]), mo, int(g["d"])) if 1 <= mo <= 12 else None  # type: ignore[arg-type]
        return _period(day, day, words) if day else None
    if kind in ("dmy", "day_range"):
        year = _year_of(g, reference)
        if month is None:
            return None
        if year is None:
            return _unresolved(words)
        if kind == "day_range":
            lo = _safe_day(year, month, int(g["d1"]))  # type: ignore[arg-type]
            hi = _safe_day(year, month, int(g["d2"]))  # type: ignore[arg-type]
            return _period(lo, hi, words) if lo and hi and lo <= hi else None
        day = _safe_day(year, month, int(g["d"]))  # type: ignore[arg-type]
        return _period(day, day, words) if day else None
    if kind in ("quarter", "q_short"):
        q = QUARTERS[g["q"].lower()] if g.get("q") else int(g["qn"])  # type: ignore[union-attr,arg-type]
        year = _year_of(g, reference)
        if year is None:
            return _unresolved(words)
        return _period(date(year, 3 * q - 2, 1), _month_end(year, 3 * q), words)
    if kind == "season_year":
        return _season(g["season"], int(g["y"]), words)  # type: ignore[arg-type]
    if kind == "rel_season":
        if reference is None or reference.earliest is None:
            return _unresolved(words)
        step = {"vorig": -1, "vorige": -1, "afgelopen": -1, "dit": 0, "deze": 0}.get((g["rel"] or "").lower(), 1)
        return _season(g["season"], reference.earliest.year + step, words)  # type: ignore[arg-type]
    if kind == "part_month":
        year = _year_of(g, reference)
        if month is None:
            return None
        if year is None:
            return _unresolved(words)
        first, last = PARTS_OF_MONTH[" ".join((g["part"] or "").lower().split())]
        last = min(last, calendar.monthrange(year, month)[1])
        return _period(date(year, month, first), date(year, month, last), words)
    if kind == "part_year":
        year = int(g["y"])  # type: ignore[arg-type]
        m1, m2 = PARTS_OF_YEAR[" ".join((g["part"] or "").lower().split())]
        return _period(date(year, m1, 1), _month_end(year, m2), words)
    if kind in ("rel_year_month", "month_rel_year"):
        if reference is None or reference.earliest is None or month is None:
            return _unresolved(words)
        step = -1 if (g["rel"] or "").lower() in ("vorig", "afgelopen") else 1
        year = reference.earliest.year + step
        return _period(date(year, month, 1), _month_end(year, month), words)
    if kind == "my":
        year = _year_of(g, None)
        if month is None or year is None:
            return None
        return _period(date(year, month, 1), _month_end(year, month), words)
    if kind == "year_range":
        y1, y2 = int(g["y1"]), int(g["y2"])  # type: ignore[arg-type]
        return _period(date(y1, 1, 1), date(y2, 12, 31), words) if y1 < y2 else None
    if kind == "rel_unit":
        return _rel_unit(g["rel"] or "", (g["unit"] or "").lower(), reference, words)
    if kind == "rel_day":
        if reference is None or reference.earliest is None:
            return _unresolved(words)
        return _shift(reference, _REL_DAYS[(g["word"] or "").lower()], words)
    if kind == "weekday":
        return _weekday(WEEKDAYS[(g["weekday"] or "").lower()], g.get("rel"), reference, tense, words)
    if kind == "in_month":
        if month is None:
            return None
        year = _year_of(g, reference)
        if year is None:
            return _unresolved(words)
        return _period(date(year, month, 1), _month_end(year, month), words)
    if kind in ("year", "year_alone"):
        year = int(g["y"])  # type: ignore[arg-type]
        return _period(date(year, 1, 1), date(year, 12, 31), words)
    raise AssertionError(kind)


def _date_part(kind: str, match: re.Match[str]) -> tuple[int, int]:
    """Where the date itself lies inside a match that also took a preposition ("in 2022")."""
    if kind in ("year", "in_month") and match.group("prep"):
        if kind == "year":
            return match.start("y"), match.end()
        return match.start("mo"), match.end()
    return match.start(), match.end()


def find_dates(text: str, *, reference: TimeValue | None = None, tense: Tense = Tense.ANY) -> list[DateMention]:
    """Find the date phrases in running text, longest first, without overlaps."""
    candidates: list[tuple[int, int, int, str, re.Match[str]]] = []
    present: dict[str, bool] = {}
    folded = fold_case(text)
    for rank, (kind, pattern) in enumerate(_COMPILED):
        if not all(_present(folded, feature, present) for feature in _REQUIRES[kind]):
            continue
        for match in pattern.finditer(text):
            start, end = _date_part(kind, match)
            candidates.append((start, -(end - start), rank, kind, match))
    candidates.sort()
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for start, neg_len, _rank, kind, match in candidates:
        end = start - neg_len
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        value = _interpret(kind, match.groupdict(), text[start:end], reference, tense)
        if value is None:
            continue
        taken.append((start, end))
        found.append(DateMention(start, end, value))
    found.sort(key=lambda m: m.start)
    return found


def _present(folded: str, feature: str, seen: dict[str, bool]) -> bool:
    """Whether a (case-folded) text has a feature a pattern needs, tested once per text."""
    if feature not in seen:
        seen[feature] = _FEATURES[feature].search(folded) is not None
    return seen[feature]


def parse_date(text: str, *, reference: TimeValue | None = None, tense: Tense = Tense.ANY) -> TimeValue | None:
    """Parse a whole phrase ("eind 2022", "6 april 2022", "dinsdag") or return None.

    Leading prepositions ("op", "in", "sinds") are allowed; anything else around the
    date makes it not a date phrase.
    """
    words = " ".join(text.split())
    iso = _iso_or_none(words)
    if iso is not None:
        return iso
    stripped = re.sub(r"^(?:op|in|per|sinds|vanaf|rond|omstreeks)\s+", "", words, flags=re.I)
    for mention in find_dates(stripped, reference=reference, tense=tense):
        if mention.start == 0 and mention.end == len(stripped):
            return mention.value.written(words)
    return None


_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _iso_or_none(text: str) -> TimeValue | None:
    try:
        return parse_iso(text)
    except ValueError:
        return None


def parse_iso(text: str) -> TimeValue:
    """Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD" strictly; ValueError names what is wrong."""
    match = _ISO.fullmatch(text.strip())
    if not match:
        raise ValueError(f"'{text}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    y = int(year)
    if month is None:
        return TimeValue(date(y, 1, 1), date(y, 12, 31), text.strip())
    m = int(month)
    if not 1 <= m <= 12:
        raise ValueError(f"'{text}' has no month {m}")
    if day is None:
        return TimeValue(date(y, m, 1), _month_end(y, m), text.strip())
    d = int(day)
    try:
        exact = date(y, m, d)
    except ValueError:
        raise ValueError(
            f"'{text}' is not a calendar date ({calendar.month_name[m]} {y} has {calendar.monthrange(y, m)[1]} days)"
        ) from None
    return TimeValue(exact, exact, text.strip())


_DATELINE_TAG = re.compile(
    r"\A\s*(?:date|datum|gepubliceerd|published|geplaatst)\s*:?\s*"
    r"(?P<iso>\d{4}(?:-\d{2}(?:-\d{2})?)?)\b",
    re.IGNORECASE,
)


def dateline(body: str, *, lines: int = 6, max_line: int = 90) -> DateMention | None:
    """Find the date a text gives for itself: a tagged date at its start or a dateline.

    A dateline is a short line near the top that consists of a full date and little
    else ("dinsdag, 2 december 2025 (16:45) - NOS Nieuws").  A date inside the first
    sentence of the story ("In november 2021 gaat ...") is an event, not a dateline.
    """
    tagged = _DATELINE_TAG.match(body)
    if tagged:
        value = parse_iso(tagged.group("iso"))
        return DateMention(tagged.start("iso"), tagged.end("iso"), value)
    offset = 0
    for line in body.split("\n")[:lines]:
        stripped = line.strip()
        if stripped and len(stripped) <= max_line:
            for mention in find_dates(line):
                value = mention.value
                if value.resolved and value.precision is Precision.DAY:
                    rest = (line[: mention.start] + line[mention.end :]).strip()
                    # What is left: a time, a separator, a source name - few words.
                    if len(re.findall(r"[^\W\d_]{4,}", rest)) <= 3 and not rest.endswith(":"):
                        return DateMention(offset + mention.start, offset + mention.end, value)
        offset += len(line) + 1
    return None


def iter_years(value: TimeValue) -> Iterator[int]:
    """Years a resolved period touches (for per-year aggregation)."""
    if value.earliest is None or value.latest is None:
        return iter(())
    return iter(range(value.earliest.year, value.latest.year + 1))
