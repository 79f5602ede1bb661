"""When each office was held, as a careful reader of every report would say: bounds, not points.

A term has a start and an end, and the reports rarely give either as a day.  Each becomes
an interval, earliest..latest, narrowed by everything the reports say:

- a start or end claim ("van 2010 tot 2017", "per 1 juli") places it inside the claim's
  period; a one-sided claim on one side of a date ("oud-premier" in a story of 2 December:
  the end is not after that day; "wordt premier": the start is not before it);
- a sighting ("premier Rutte" in a story of November 2021) puts the start before it and
  the end after it;
- a duration ("ruim zes jaar") ties the end to the start;
- a term starts before it ends;
- on an office one person holds at a time (``seats: 1``), the holders' terms do not
  overlap: a successor's start bounds the predecessor's end and the other way round, and a
  succession the text states ("volgt Rutte op") makes them meet.

Every bound remembers the claims that put it there, so an answer can quote them.  A day
is *certain* when it lies inside the term on every reading of the bounds (between the
latest start and the earliest end), *likely* when it does on some (between a bound and a
sighting, or after the last sighting of a term with no end and no successor known: it
continues).  Bounds that cannot all hold are a conflict, kept in view, not resolved.

Everything here is a pure function of the claims, so the derived graph is the same
however the store was built.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Protocol

__all__ = [
    "Basis",
    "Claim",
    "HoldingClaims",
    "Limit",
    "Period",
    "Segment",
    "Stretch",
    "ordered_bases",
    "periods",
    "stretches",
]

ROUNDS = 8  # passes of propagation; chains of successors settle in a few
_POINTS = ("start", "attested", "end")  # claims that place a term on the calendar themselves


class Basis(StrEnum):
    """What a stretch of a term rests on."""

    START = "start"
    END = "end"
    SIGHTING = "sighting"
    SUCCESSION = "succession"
    DURATION = "duration"
    CONTINUATION = "continuation"


_ROLE_BASIS = {
    "start": Basis.START, "start_not_before": Basis.START, "start_not_after": Basis.START,
    "end": Basis.END, "end_not_before": Basis.END, "end_not_after": Basis.END, "attested": Basis.SIGHTING,
}  # fmt: skip


@dataclass(frozen=True)
class Claim:
    """One dated claim of a report: its role, its period and the node that holds its words."""

    role: str  # start, end, attested, start_not_before, start_not_after, end_not_before, end_not_after
    earliest: dt.date
    latest: dt.date
    node: str


@dataclass
class HoldingClaims:
    """Everything the reports say of one holding's term."""

    iri: str
    office: str
    claims: list[Claim] = field(default_factory=list)
    durations: list[tuple[int, int | None, str]] = field(default_factory=list)  # min days, max days, node
    replaces: list[tuple[str, str]] = field(default_factory=list)  # predecessor holding, succession node


@dataclass(frozen=True)
class Limit:
    """One bound of a start or end: the day (None: unbounded), why, and the claims behind it."""

    day: dt.date | None
    basis: Basis | None = None
    rests_on: tuple[str, ...] = ()
    via: str | None = None  # the other holding a succession bound comes from


@dataclass(frozen=True)
class Segment:
    """A stretch of days with one certainty and basis: ``last`` None goes on with no end."""

    first: dt.date
    last: dt.date | None
    certainty: str  # certain | likely
    basis: Basis
    rests_on: tuple[str, ...]


@dataclass(frozen=True)
class Stretch:
    """Neighbouring segments of one certainty, read as one: "certain 2021-11-30 – 2024-03-01".

    What a reader is shown of a term (and a drawing draws); the segments keep the claims
    each day rests on.  ``bases`` in the order of ``Basis``.
    """

    certainty: str
    first: dt.date
    last: dt.date | None
    bases: tuple[str, ...]

    def text(self) -> str:
        why = ", ".join(self.bases)
        if self.last is None:
            return f"{self.certainty} from {self.first} on ({why})"
        return f"{self.certainty} {self.first} – {self.last} ({why})"


_BASIS_ORDER = {basis.value: rank for rank, basis in enumerate(Basis)}


def ordered_bases(names: Iterable[str]) -> tuple[str, ...]:
    """Bases in the order of ``Basis`` (unknown ones last, by name), each once."""
    return tuple(sorted(set(names), key=lambda b: (_BASIS_ORDER.get(b, len(_BASIS_ORDER)), b)))


class _Piece(Protocol):
    """A segment as the build makes it or a reader reads it back."""

    @property
    def first(self) -> dt.date: ...
    @property
    def last(self) -> dt.date | None: ...
    @property
    def certainty(self) -> str: ...
    @property
    def basis(self) -> str: ...


def stretches(segments: Iterable[_Piece]) -> list[Stretch]:
    """A term's segments (in order) merged where neighbours share a certainty."""
    merged: list[tuple[str, dt.date, dt.date | None, set[str]]] = []
    for segment in segments:
        last = merged[-1] if merged else None
        if last is not None and last[0] == segment.certainty and last[2] is not None:
            merged[-1] = (last[0], last[1], segment.last, last[3] | {str(segment.basis)})
        else:
            merged.append((segment.certainty, segment.first, segment.last, {str(segment.basis)}))
    return [Stretch(certainty, first, last, ordered_bases(bases)) for certainty, first, last, bases in merged]


@dataclass
class Period:
    """A holding's derived term: start and end as intervals, the segments, the conflicts."""

    iri: str
    start_lo: Limit = Limit(None)
    start_hi: Limit = Limit(None)
    end_lo: Limit = Limit(None)
    end_hi: Limit = Limit(None)
    segments: list[Segment] = field(default_factory=list)
    conflict: bool = False  # the holding's own claims cannot all hold
    conflicts_with: set[str] = field(default_factory=set)
    # Whether the conflict is news: two start or end claims that exclude each other are
    # already a conflict of that property; one the bounds, sightings or a duration make is not.
    new_conflict: bool = False

    @property
    def stretches(self) -> list[Stretch]:
        """The term as a reader is shown it (``stretches``)."""
        return stretches(self.segments)

    def sound(self) -> bool:
        """Whether the bounds can all hold."""
        days = [self.start_lo.day, self.start_hi.day, self.end_lo.day, self.end_hi.day]
        (s_lo, s_hi, e_lo, e_hi) = days
        return not any(a is not None and b is not None and a > b for a, b in ((s_lo, s_hi), (e_lo, e_hi), (s_lo, e_hi)))


# ---- narrowing -------------------------------------------------------------------------------


def _later(current: Limit, candidate: Limit) -> Limit:
    """The tighter of two lower bounds (the later day)."""
    if candidate.day is None or (current.day is not None and candidate.day <= current.day):
        return current
    return candidate


def _earlier(current: Limit, candidate: Limit) -> Limit:
    """The tighter of two upper bounds (the earlier day)."""
    if candidate.day is None or (current.day is not None and candidate.day >= current.day):
        return current
    return candidate


def _shift(limit: Limit, days: int, basis: Basis, node: str) -> Limit:
    if limit.day is None:
        return Limit(None)
    try:
        day = limit.day + dt.timedelta(days=days)
    except OverflowError:
        return Limit(None)
    return Limit(day, basis, (*limit.rests_on, node), limit.via)


def _own(holding: HoldingClaims) -> Period:
    """The bounds a holding's own claims give it."""
    period = Period(holding.iri)
    for claim in holding.claims:
        basis = _ROLE_BASIS[claim.role]
        low, high = Limit(claim.earliest, basis, (claim.node,)), Limit(claim.latest, basis, (claim.node,))
        if claim.role in ("start", "start_not_before"):
            period.start_lo = _later(period.start_lo, low)
        if claim.role in ("start", "start_not_after", "attested"):
            period.start_hi = _earlier(period.start_hi, high)
        if claim.role in ("end", "end_not_before", "attested"):
            period.end_lo = _later(period.end_lo, low)
        if claim.role in ("end", "end_not_after"):
            period.end_hi = _earlier(period.end_hi, high)
    return period


def _settle(period: Period, durations: list[tuple[int, int | None, str]]) -> None:
    """A term starts before it ends, and lasts as long as the words say."""
    for _ in range(ROUNDS):
        before = (period.start_lo, period.start_hi, period.end_lo, period.end_hi)
        period.end_lo = _later(period.end_lo, period.start_lo)
        period.start_hi = _earlier(period.start_hi, period.end_hi)
        for least, most, node in durations:
            period.end_lo = _later(period.end_lo, _shift(period.start_lo, least, Basis.DURATION, node))
            period.start_hi = _earlier(period.start_hi, _shift(period.end_hi, -least, Basis.DURATION, node))
            if most is not None:
                period.end_hi = _earlier(period.end_hi, _shift(period.start_hi, most, Basis.DURATION, node))
                period.start_lo = _later(period.start_lo, _shift(period.end_lo, -most, Basis.DURATION, node))
        if before == (period.start_lo, period.start_hi, period.end_lo, period.end_hi):
            return


def _anchor(period: Period) -> dt.date | None:
    """Where a holder is first known to hold the office, to order holders of one seat."""
    return period.start_hi.day or period.start_lo.day or period.end_lo.day


def _follow(
    before: Period,
    after: Period,
    *,
    meet: bool,
    node: str | None,
    durations: dict[str, list[tuple[int, int | None, str]]],
) -> bool:
    """``after`` follows ``before`` in one seat; False (and nothing changed) when that cannot hold."""
    saved = (replace(before), replace(after))
    claims = (node,) if node else ()

    def via(limit: Limit, other: Period) -> Limit:
        return Limit(limit.day, Basis.SUCCESSION, (*claims, *limit.rests_on), other.iri) if limit.day else limit

    before.end_hi = _earlier(before.end_hi, via(after.start_hi, after))
    after.start_lo = _later(after.start_lo, via(before.end_lo, before))
    if meet:  # "volgt X op": the one's end is the other's start
        before.end_lo = _later(before.end_lo, via(after.start_lo, after))
        after.start_hi = _earlier(after.start_hi, via(before.end_hi, before))
    _settle(before, durations.get(before.iri, []))
    _settle(after, durations.get(after.iri, []))
    if before.sound() and after.sound():
        return True
    before.__dict__.update(saved[0].__dict__)
    after.__dict__.update(saved[1].__dict__)
    return False


# ---- segments --------------------------------------------------------------------------------


def _segments(period: Period, claims: list[Claim]) -> list[Segment]:
    """The term as stretches of days: certain between the latest start and the earliest end,
    likely where only some readings of the bounds put it, continuing where no end is known."""
    s_lo, s_hi, e_lo, e_hi = period.start_lo, period.start_hi, period.end_lo, period.end_hi
    one_day = dt.timedelta(days=1)
    segments: list[Segment] = []
    if s_lo.day is None:
        # With no bound on the start, the term is likely from the first day its earliest
        # claim may mean ("november 2021": from 1 November), never earlier.
        earliest = min((c for c in claims if c.role in _POINTS), key=lambda c: (c.earliest, c.node), default=None)
        if earliest is not None:
            s_lo = Limit(earliest.earliest, _ROLE_BASIS[earliest.role], (earliest.node,))
    if s_hi.day is not None and e_lo.day is not None and s_hi.day <= e_lo.day:
        if s_lo.day is not None and s_lo.day < s_hi.day:
            segments.append(_span(s_lo.day, s_hi.day - one_day, "likely", s_lo, s_hi))
        segments += _certain(s_hi, e_lo, claims)
        tail, last = e_lo.day, e_lo
    elif s_hi.day is not None and e_lo.day is not None:
        # Held on some day up to the latest start, not known from when: every day is likely.
        first, cause = (s_lo.day, s_lo) if s_lo.day is not None and s_lo.day < e_lo.day else (e_lo.day, e_lo)
        segments.append(_span(first, s_hi.day, "likely", cause, s_hi))
        tail, last = s_hi.day, s_hi
    elif s_lo.day is not None:
        # Only where the term may begin is known ("wordt premier"): likely from there on.
        upto = e_lo.day if e_lo.day is not None and e_lo.day > s_lo.day else s_lo.day
        segments.append(_span(s_lo.day, upto, "likely", s_lo, e_lo))
        tail, last = upto, s_lo if upto == s_lo.day else e_lo
    else:
        return []  # nothing places the term on the calendar
    if e_hi.day is None:
        segments.append(Segment(tail + one_day, None, "likely", Basis.CONTINUATION, last.rests_on))
    elif e_hi.day > tail:
        segments.append(_span(tail + one_day, e_hi.day, "likely", e_hi, last))
    return [s for s in segments if s.last is None or s.first <= s.last]


def _span(first: dt.date, last: dt.date, certainty: str, cause: Limit, other: Limit) -> Segment:
    basis = cause.basis or other.basis or Basis.SIGHTING
    return Segment(first, last, certainty, basis, tuple(dict.fromkeys((*cause.rests_on, *other.rests_on))))


def _certain(first: Limit, last: Limit, claims: list[Claim]) -> list[Segment]:
    """The certain stretch, cut at every claim inside it, each piece resting on its neighbours."""
    assert first.day is not None and last.day is not None
    inside = sorted(
        (
            c
            for c in claims
            if c.role in ("start", "attested", "end") and c.latest >= first.day and c.earliest <= last.day
        ),
        key=lambda c: (c.earliest, c.latest, c.node),
    )
    cuts = sorted({first.day, last.day + dt.timedelta(days=1),
                   *(max(c.earliest, first.day) for c in inside),
                   *(min(c.latest, last.day) + dt.timedelta(days=1) for c in inside)})  # fmt: skip
    pieces = []
    for lo, after in itertools.pairwise(cuts):
        hi = after - dt.timedelta(days=1)
        covering = [c for c in inside if c.earliest <= lo and c.latest >= hi]
        if covering:
            claim = covering[0]
            pieces.append(Segment(lo, hi, "certain", _ROLE_BASIS[claim.role], tuple(c.node for c in covering)))
            continue
        earlier = [c for c in inside if c.latest < lo]
        later = [c for c in inside if c.earliest > hi]
        left = Limit(first.day, first.basis, first.rests_on) if not earlier else None
        basis = _ROLE_BASIS[earlier[-1].role] if earlier else (first.basis or Basis.SIGHTING)
        rests = (earlier[-1].node,) if earlier else (left.rests_on if left else ())
        rests += (later[0].node,) if later else last.rests_on
        pieces.append(Segment(lo, hi, "certain", basis, tuple(dict.fromkeys(rests))))
    return _merged(pieces)


def _merged(pieces: list[Segment]) -> list[Segment]:
    """Neighbouring pieces with the same certainty, basis and claims become one."""
    out: list[Segment] = []
    for piece in pieces:
        last = out[-1] if out else None
        if (
            last is not None
            and last.last is not None
            and last.last + dt.timedelta(days=1) == piece.first
            and (last.certainty, last.basis, last.rests_on) == (piece.certainty, piece.basis, piece.rests_on)
        ):
            out[-1] = replace(last, last=piece.last)
        else:
            out.append(piece)
    return out


# ---- all holdings of the graph ---------------------------------------------------------------


def periods(holdings: Iterable[HoldingClaims], one_seat: set[str]) -> dict[str, Period]:
    """The derived period of every holding; holders of a one-seat office bound each other."""
    by_iri = {h.iri: h for h in holdings}
    durations = {iri: h.durations for iri, h in by_iri.items()}
    found: dict[str, Period] = {}
    for iri in sorted(by_iri):
        period = _own(by_iri[iri])
        _settle(period, durations[iri])
        period.conflict = not period.sound()
        if period.conflict:
            dated = replace(by_iri[iri], claims=[c for c in by_iri[iri].claims if c.role in ("start", "end")])
            period.new_conflict = _own(dated).sound()
        found[iri] = period
    by_office: dict[str, list[str]] = {}
    for iri, holding in sorted(by_iri.items()):
        by_office.setdefault(holding.office, []).append(iri)
    for office, members in sorted(by_office.items()):
        stated = {(a, b): node for b in members for a, node in by_iri[b].replaces if a in found}
        pairs: list[tuple[str, str, bool, str | None]] = [(a, b, True, n) for (a, b), n in sorted(stated.items())]
        if office in one_seat:
            ordered = sorted((m for m in members if _anchor(found[m]) is not None and not found[m].conflict),
                             key=lambda m: (_anchor(found[m]), m))  # fmt: skip
            pairs += [(a, b, False, None) for a, b in itertools.pairwise(ordered) if (a, b) not in stated]
        for _ in range(ROUNDS):
            changed = False
            for a, b, meet, node in pairs:
                before = (found[a].end_hi, found[a].end_lo, found[b].start_lo, found[b].start_hi)
                if not _follow(found[a], found[b], meet=meet, node=node, durations=durations):
                    if b not in found[a].conflicts_with:
                        found[a].conflicts_with.add(b)
                        found[b].conflicts_with.add(a)
                    continue
                changed |= before != (found[a].end_hi, found[a].end_lo, found[b].start_lo, found[b].start_hi)
            if not changed:
                break
    for iri, period in found.items():
        claims = by_iri[iri].claims
        period.segments = _own_segments(claims) if period.conflict else _segments(period, claims)
    return found


def _own_segments(claims: list[Claim]) -> list[Segment]:
    """Segments of a holding whose own claims contradict each other: each claim on its own."""
    return [
        Segment(c.earliest, c.latest, "likely", _ROLE_BASIS[c.role], (c.node,))
        for c in sorted(claims, key=lambda c: (c.earliest, c.latest, c.node))
        if c.role in ("start", "attested", "end")
    ]
