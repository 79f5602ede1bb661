"""Timelines: a person's offices, statements and aid given through an office; an office's holders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np

from navokg.errors import NotFoundError
from navokg.network.index import KINDS, NetworkIndex, load_index
from navokg.network.load import resolve_iri
from navokg.network.projection import DateWindow, EdgeKind, Fact, FactType, Node, NodeKind, When
from navokg.read.facts import read_date_bounds, read_facts, stretches
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

    @property
    def person(self) -> Node:
        return self.entity


def _certainly_held(holding: Fact) -> list[DateWindow]:
    """The stretches a holding was certainly held (its term, where derived; else its bounds)."""
    if not holding.held:
        return [DateWindow(*holding.bounds)] if holding.bounds != (None, None) else []
    return [DateWindow(s.first, s.last) for s in holding.held if s.certainty == "certain"]


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
) -> Timeline:
    """A person's offices, statements and the aid given by a state or body they served, by date;
    for an office, its holders in succession.

    Aid counts as a person's when its donor is the post of an office they certainly held
    at the aid's date and the aid's document names them: an inference, marked as such.
    Without ``statements`` the person's words are left out (a page that lists them itself);
    ``reports`` bounds the evidence read of each fact (``read_facts``), for drawings.
    """
    wanted = resolve_iri(store, name)
    index = load_index(store)
    try:
        me = index.position[wanted]
    except KeyError:
        raise NotFoundError(f"<{wanted}> is no person, office, organization, country or document") from None
    person = index.node(me)

    def edges(kind: EdgeKind) -> tuple[Any, Any, Any]:
        chosen = index.kind == KINDS.index(kind)
        return index.source[chosen], index.target[chosen], index.fact[chosen]

    def iris(values: Any) -> set[str]:
        return {str(index.facts[f]) for f in values if f >= 0}

    if person.kind is NodeKind.OFFICE:
        source, target, fact = edges(EdgeKind.HOLDING)
        return _finish(
            Timeline(person, window, _holders(index, read_facts(store, iris(fact[target == me]), reports=reports)))
        )

    posts = {int(o): int(p) for o, p, _ in zip(*edges(EdgeKind.POST), strict=True)}
    source, target, fact = edges(EdgeKind.MENTIONS)
    named_in = {str(index.nodes[d]) for d in source[target == me]}
    own = set()
    for kind in (EdgeKind.STATEMENT, EdgeKind.SAID_IN) if statements else ():
        source, target, fact = edges(kind)
        own |= iris(fact[source == me])
    source, target, fact = edges(EdgeKind.HOLDING)
    own |= iris(fact[source == me])
    offices = {int(o) for o in target[source == me]}
    donors = {posts[o] for o in offices if o in posts}
    source, target, fact = edges(EdgeKind.AID)
    given = np.isin(source, list(donors)) if donors else np.zeros(len(source), dtype=bool)
    donors_of: dict[str, set[str]] = {}
    for s, f in zip(source[given], fact[given], strict=True):
        if f >= 0:
            donors_of.setdefault(str(index.facts[f]), set()).add(str(index.nodes[s]))
    candidates = set(donors_of)
    if candidates and named_in:
        # Only aid its documents name the person in: each candidate's documents, asked of the
        # store by fact (a lookup each), not every fact of the person's documents.
        reported = select_rows(
            store,
            f"""SELECT ?f ?d WHERE {{ VALUES ?f {{ {" ".join(f"<{f}>" for f in sorted(candidates))} }}
                  ?f prov:wasDerivedFrom ?d }}""",
        )
        candidates = {row["f"].value for row in reported if row["d"].value in named_in}
    elif not named_in:
        candidates = set()
    facts = read_facts(store, own, reports=reports)
    held = [f for f in facts.values() if f.type is FactType.HOLDING and person.iri in f.subjects]
    post_of = {str(index.nodes[o]): str(index.nodes[posts[o]]) for o in offices if o in posts}
    terms = [(h, post_of.get(h.objects[0] if h.objects else ""), _certainly_held(h)) for h in held]
    # Only aid whose date falls in a term held then is read in full (its dates first, alone).
    bounds = read_date_bounds(store, candidates)
    facts |= read_facts(store, {
        f for f in candidates
        if f in bounds and any(post in donors_of[f] and _held_then(spans, bounds[f]) for _, post, spans in terms)
    }, reports=reports)  # fmt: skip
    labels = {str(index.nodes[i]): str(index.labels[i]) for i in {*offices, *donors, *index_targets(index, facts)}}
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
    return _finish(Timeline(person, window, entries))


def _finish(found: Timeline) -> Timeline:
    """Only the entries that may fall in the window, in date order."""
    entries = found.entries
    if found.window is not None:
        entries = [e for e in entries if found.window.overlaps(*e.fact.bounds)]
    return Timeline(found.entity, found.window, sorted(entries, key=_timeline_key))


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
    if fact.held:
        parts.append("held: " + ", ".join(s.text() for s in stretches(fact.held)))
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
