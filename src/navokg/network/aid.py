"""Aid flow: totals per donor and recipient, each commitment counted once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from navokg.network.load import load_projection, resolve_iri
from navokg.network.projection import DateWindow, Fact, FactType, Node
from navokg.store import GraphStore

__all__ = ["AidFlow", "AidFlowRow", "FlowGrouping", "aid_flow"]


class FlowGrouping(StrEnum):
    YEAR = "year"
    PAIR = "pair"


@dataclass(frozen=True)
class AidFlowRow:
    """Aid from one donor to one recipient with the same year, currency and status.

    ``total`` is None for aid in kind (no amount); ``shared`` counts commitments the donor
    made jointly with others, whose amount is counted in full under each of them;
    ``disputed`` those whose reports disagree (see ``navokg conflicts``).
    """

    donor: Node
    recipient: Node
    year: int | None
    currency: str | None
    status: str | None
    total: Decimal | None
    commitments: int
    shared: int
    disputed: int
    facts: tuple[str, ...]


@dataclass(frozen=True)
class AidFlow:
    grouping: FlowGrouping
    window: DateWindow | None
    rows: list[AidFlowRow] = field(default_factory=list)


def aid_flow(
    store: GraphStore,
    *,
    donor: str | None = None,
    recipient: str | None = None,
    grouping: FlowGrouping = FlowGrouping.YEAR,
    window: DateWindow | None = None,
) -> AidFlow:
    """Aid totals per donor -> recipient (and year), never adding across currency or status.

    Each commitment counts once however many documents report it, under the furthest
    status any report gives it and in the year of its earliest date (None where no text
    dates it), as aid trackers count. A pledge and its delivery are different commitments
    with different statuses, so they stay on separate rows; aid in kind (no amount) gets
    its own rows with no total; ``disputed`` counts commitments reports disagree about.
    """
    wanted_donor = resolve_iri(store, donor) if donor else None
    wanted_recipient = resolve_iri(store, recipient) if recipient else None
    projection = load_projection(store)
    groups: dict[tuple[Any, ...], list[Fact]] = defaultdict(list)
    for fact in projection.facts.values():
        if fact.type is not FactType.AID or (window and not window.overlaps(*fact.bounds)):
            continue
        first, _ = fact.bounds  # an aid commitment's bounds are those of its dates
        year = first.year if first else None
        for giver in fact.subjects:
            for receiver in fact.objects:
                if wanted_donor not in (None, giver) or wanted_recipient not in (None, receiver):
                    continue
                key = (giver, receiver, year if grouping is FlowGrouping.YEAR else None,
                       fact.currency, fact.status, fact.amount is not None)  # fmt: skip
                groups[key].append(fact)
    rows = []
    for (giver, receiver, year, currency, status, has_amount), members in groups.items():
        total = sum((f.amount for f in members if f.amount is not None), Decimal(0)) if has_amount else None
        shared = sum(len(f.subjects) > 1 for f in members)
        disputed = sum(bool(f.disputed) for f in members)
        facts = tuple(sorted(f.iri for f in members))
        rows.append(AidFlowRow(projection.node(giver), projection.node(receiver), year, currency, status,
                               total, len(members), shared, disputed, facts))  # fmt: skip
    rows.sort(key=_flow_key)
    return AidFlow(grouping, window, rows)


def _flow_key(row: AidFlowRow) -> tuple[Any, ...]:
    return (row.donor.label, row.donor.iri, row.recipient.label, row.recipient.iri, row.year is None,
            row.year or 0, row.total is None, row.currency or "", row.status or "")  # fmt: skip
