"""Timelines: a person's offices, statements and aid given through an office; an office's holders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np

from navokg.errors import NotFoundError
from navokg.network.index import KINDS, NetworkIndex, edge_bounds, load_index
from navokg.network.load import resolve_iri
from navokg.network.projection import DateWindow, EdgeKind, Fact, FactType, Node, NodeKind, When
from navokg.read.facts import read_facts
from navokg.read.query import select_rows
from navokg.store import GraphStore
from navokg.tables import aid_text

__all__ = [
    "Timeline",
    "TimelineEntry",
    "holding_detail",
    "timeline",
]


@dataclass(frozen=True)
class TimelineEntry:
    """A fact in a person's life: an office held, a statement, aid given through an office."""

    when: When | None
    kind: str
    what: str
    detail: str
    fact: Fact


@dataclass(frozen=True)
class Timeline:
    entity: Node  # a person, or an office (its holders in succession)
    window: DateWindow | None
    entries: list[TimelineEntry]
    total: int = 0  # entries before a limit kept the latest

    @property
    def left_out(self) -> int:
        return max(self.total - len(self.entries), 0)

    @property
    def note(self) -> str | None:
        """What a limit left out, in words (None when nothing was)."""
        if not self.left_out:
            return None
        return (f"{self.left_out} earlier of {self.total} entries left out: shown are the latest; "
                "narrow the dates (from, to) to see others")  # fmt: skip

    @property
    def person(self) -> Node:
        return self.entity


def _certainly_held(holding: Fact) -> list[DateWindow]:
    """The stretches a holding was certainly held (its term, where derived; else its bounds)."""
    if not holding.stretches:
        return [DateWindow(*holding.bounds)] if holding.bounds != (None, None) else []
    return [DateWindow(s.first, s.last) for s in holding.stretches if s.certainty == "certain"]


def _held_then(spans: list[DateWindow], when: tuple[dt.date | None, dt.date | None]) -> bool:
    """Whether some day of a period falls in one of a holding's certain stretches."""
    return any(span.overlaps(*when) for span in spans)


def timeline(
    store: GraphStore,
    name: str,
    *,
    window: DateWindow | None = None,
    statements: bool = True,
    reports: int | None = None,
    limit: int | None = None,
) -> Timeline:
    """A person's offices, statements and the aid given by a state or body they served, by date;
    for an office, its holders in succession.

    Aid counts as a person's when its donor is the post of an office they certainly held
    at the aid's date and the aid's document names them: an inference, marked as such.
    Without ``statements`` the person's words are left out (a page that lists them itself);
    ``reports`` bounds the evidence read of each fact (``read_facts``), and ``limit`` keeps
    the latest that many statements and aid (an office: holders), for drawings; the
    entries are chosen by the dates the network index keeps, so that only those are read.
    """
    wanted = resolve_iri(store, name)
    index = load_index(store)
    try:
        me = index.position[wanted]
    except KeyError:
        raise NotFoundError(f"<{wanted}> is no person, office, organization, country or document") from None
    person = index.node(me)
    edges = _Edges(index, window)

    if person.kind is NodeKind.OFFICE:
        holders = edges.facts(EdgeKind.HOLDING, target=me)
        shown = _latest(holders, limit)
        found = _holders(index, read_facts(store, shown, reports=reports))
        return _finish(Timeline(person, window, found, total=len(holders)))

    posts = {int(o): int(p) for o, p, _ in zip(*edges.of(EdgeKind.POST)[:3], strict=True)}
    source, target, _, _ = edges.of(EdgeKind.MENTIONS)
    named_in = set(index.nodes[source[target == me]].tolist())
    said: dict[str, tuple[dt.date | None, dt.date | None]] = {}
    for kind in (EdgeKind.STATEMENT, EdgeKind.SAID_IN) if statements else ():
        said |= edges.facts(kind, source=me)
    holdings = read_facts(store, edges.facts(EdgeKind.HOLDING, source=me), reports=reports)
    held = [f for f in holdings.values() if f.type is FactType.HOLDING and person.iri in f.subjects]
    offices = {index.position[f.objects[0]] for f in held if f.objects and f.objects[0] in index.position}
    post_of = {str(index.nodes[o]): str(index.nodes[posts[o]]) for o in offices if o in posts}
    terms = [(h, post_of.get(h.objects[0] if h.objects else ""), _certainly_held(h)) for h in held]
    others = said | _given_through(store, edges, terms, named_in)
    facts = holdings | read_facts(store, _latest(others, limit), reports=reports)
    labels = {str(index.nodes[i]): str(index.labels[i]) for i in {*offices, *index_targets(index, facts)}}
    entries = []
    for fact_ in held:
        office = labels.get(fact_.objects[0], "?") if fact_.objects else "?"
        entries.append(TimelineEntry(fact_.when, "holding", office, holding_detail(fact_), fact_))
    for fact_ in facts.values():
        if fact_.type is FactType.STATEMENT and person.iri in fact_.subjects:
            about = ", ".join(labels[o] for o in fact_.objects if o in labels)
            detail = f"{fact_.speech or 'statement'}" + (f", about {about}" if about else "")
            entries.append(TimelineEntry(fact_.when, "statement", fact_.text or "", detail, fact_))
        elif fact_.type is FactType.AID and named_in.intersection(fact_.documents):
            via = next((h for h, post, spans in terms
                        if post in fact_.subjects and _held_then(spans, fact_.bounds)), None)  # fmt: skip
            if via is not None:
                entries.append(TimelineEntry(fact_.when, "aid", _aid_summary(fact_, labels),
                                             f"via office: {labels[via.objects[0]]}", fact_))  # fmt: skip
    return _finish(Timeline(person, window, entries, total=len(held) + len(others)))


Bounds = tuple[dt.date | None, dt.date | None]


class _Edges:
    """The index's edges of one kind, and the facts on them with their dates (the facts'
    bounds, as the index keeps them), inside the window where one is given."""

    def __init__(self, index: NetworkIndex, window: DateWindow | None) -> None:
        self.index, self.window = index, window

    def of(self, kind: EdgeKind) -> tuple[Any, Any, Any, Any]:
        chosen = np.flatnonzero(self.index.kind == KINDS.index(kind))
        return self.index.source[chosen], self.index.target[chosen], self.index.fact[chosen], chosen

    def facts(self, kind: EdgeKind, *, source: int | None = None, target: int | None = None) -> dict[str, Bounds]:
        """Each fact on the edges from ``source`` (to ``target``) with its bounds."""
        sources, targets, facts, chosen = self.of(kind)
        keep = np.ones(len(chosen), dtype=bool)
        if source is not None:
            keep &= sources == source
        if target is not None:
            keep &= targets == target
        keep &= facts >= 0
        edges, iris = chosen[keep], self.index.facts[facts[keep]].tolist()
        found: dict[str, Bounds] = {}
        for iri, lo, hi in zip(iris, self.index.lo[edges].tolist(), self.index.hi[edges].tolist(), strict=True):
            bounds = edge_bounds(lo, hi)
            if self.window is None or self.window.overlaps(*bounds):
                found[iri] = bounds
        return found


def _given_through(
    store: GraphStore, edges: _Edges, terms: list[tuple[Fact, str | None, list[DateWindow]]], named_in: set[str]
) -> dict[str, Bounds]:
    """The aid a state or body gave while the person certainly held an office of it, in a
    document that names them: by date from the index first, then by document from the store."""
    if not named_in:
        return {}
    held_for: dict[str, list[DateWindow]] = {}  # each post, and when the person certainly held an office of it
    for _, post, spans in terms:
        if post is not None:
            held_for.setdefault(post, []).extend(spans)
    dated = {
        iri: bounds
        for post, spans in held_for.items()
        for iri, bounds in edges.facts(EdgeKind.AID, source=edges.index.position[post]).items()
        if _held_then(spans, bounds)
    }
    if not dated:
        return {}
    # Each remaining candidate's documents, asked of the store by fact (a lookup each).
    reported = select_rows(
        store,
        f"""SELECT ?f ?d WHERE {{ VALUES ?f {{ {" ".join(f"<{f}>" for f in sorted(dated))} }}
              ?f prov:wasDerivedFrom ?d }}""",
    )
    return {row["f"].value: dated[row["f"].value] for row in reported if row["d"].value in named_in}


def _latest(facts: dict[str, Bounds], limit: int | None) -> set[str]:
    """The ``limit`` facts that end latest (undated last; ties by IRI), or all of them."""
    if limit is None or len(facts) <= limit:
        return set(facts)
    order = sorted(facts, key=lambda f: (facts[f][1] is None, -(facts[f][1] or dt.date.min).toordinal(), f))
    return set(order[:limit])


def _finish(found: Timeline) -> Timeline:
    """Only the entries that may fall in the window, in date order."""
    entries = found.entries
    if found.window is not None:
        entries = [e for e in entries if found.window.overlaps(*e.fact.bounds)]
    return Timeline(found.entity, found.window, sorted(entries, key=_timeline_key), total=found.total)


def _holders(index: NetworkIndex, facts: dict[str, Fact]) -> list[TimelineEntry]:
    """An office's holdings, each as the holder's name and the term."""
    entries = []
    for fact in facts.values():
        if fact.type is FactType.HOLDING:
            holders = [str(index.labels[index.position[s]]) for s in fact.subjects if s in index.position]
            entries.append(TimelineEntry(fact.when, "holding", ", ".join(holders) or "?", holding_detail(fact), fact))
    return entries


# How each kind of claim reads in a timeline: "from 2024-10-01", "over by “oud-premier”".
_CLAIM_WORDS = (
    ("start", "from"), ("start_not_before", "not before"), ("start_not_after", "begun by"), ("end", "until"),
    ("end_not_before", "still on"), ("end_not_after", "over by"), ("attested", "attested"),
)  # fmt: skip


def holding_detail(fact: Fact) -> str:
    """What the reports claim of a holding's term, and the term the build derives from them.

    "from 2024-10-01; attested 2025-02; held: certain 2024-10-01 – 2025-12-02, likely after
    (continuation)": the claims as the texts date them, then the days inside the term on
    every reading (certain) and on some (likely), with what those rest on.
    """
    claims = [(word, fact.dates(role)) for role, word in _CLAIM_WORDS]
    parts = [f"{word} {', '.join(w.said for w in dates)}" for word, dates in claims if dates]
    if fact.durations:
        parts.append(f"lasting {', '.join(f'“{d}”' for d in fact.durations)}")
    if fact.stretches:
        parts.append("held: " + ", ".join(s.text() for s in fact.stretches))
    return "; ".join(parts)


def _timeline_key(entry: TimelineEntry) -> tuple[Any, ...]:
    when = entry.when
    lo = when.earliest if when and when.earliest else dt.date.max
    hi = when.latest if when and when.latest else dt.date.max
    return (lo, hi, ("holding", "statement", "aid").index(entry.kind), entry.fact.iri)


def index_targets(index: NetworkIndex, facts: dict[str, Fact]) -> set[int]:
    """The nodes the facts point to (offices, what a statement is about, recipients)."""
    return {index.position[o] for f in facts.values() for o in f.objects if o in index.position}


def _aid_summary(fact: Fact, labels: dict[str, str]) -> str:
    recipient = ", ".join(labels[o] for o in fact.objects if o in labels)
    items = [f"{i.quantity} {i.label}" if i.quantity else i.label for i in fact.items]
    return aid_text(fact.amount, fact.currency, recipient, (fact.status or "", fact.aid_type or ""), items)
