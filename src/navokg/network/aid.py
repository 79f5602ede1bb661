"""Aid flow: totals per donor and recipient, each commitment counted once.

The totals are the saved ``aid-totals`` query's own answer (one rule for every view of
aid: how a commitment counts is decided by the build, ``build.derived``), reshaped into
rows with the donor and recipient as nodes; aid in kind, which has no amount to add, gets
rows of its own from the saved ``aid-in-kind`` query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from navokg.network.projection import DateWindow, Node, NodeKind
from navokg.read.query import answer
from navokg.read.resolve import resolve
from navokg.store import GraphStore
from navokg.vocab import ID_BASE

__all__ = ["AidFlow", "AidFlowRow", "FlowGrouping", "aid_flow"]


class FlowGrouping(StrEnum):
    YEAR = "year"
    PAIR = "pair"


@dataclass(frozen=True)
class AidFlowRow:
    """Aid from one donor to one recipient with the same year, currency, status and kind.

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
    kind: str | None = None


@dataclass(frozen=True)
class AidFlow:
    grouping: FlowGrouping
    window: DateWindow | None
    rows: list[AidFlowRow] = field(default_factory=list)


def _node(iri: str, label: str) -> Node:
    kind = iri[len(ID_BASE) :].split("/", 1)[0] if iri.startswith(ID_BASE) else "organization"
    return Node(iri, NodeKind(kind) if kind in NodeKind.__members__.values() else NodeKind.ORGANIZATION, label)


def _value(term: Any) -> str | None:
    return None if term is None else str(term.value)


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
    params = {"by": grouping.value}
    if window is not None and window.start:
        params["from"] = window.start.isoformat()
    if window is not None and window.end:
        params["to"] = window.end.isoformat()
    for name, value in (("donor", donor), ("recipient", recipient)):
        if value:
            params[name] = resolve(store, value)
    monetary = answer(store, "aid-totals", params).raw
    in_kind = answer(store, "aid-in-kind", params).raw
    rows = [_row(r, total=True) for r in monetary] + [_row(r, total=False) for r in in_kind]
    rows.sort(key=_flow_key)
    return AidFlow(grouping, window, rows)


def _row(row: Any, *, total: bool) -> AidFlowRow:
    year, status, kind = _value(row["year"]), _value(row["status"]), _value(row["type"])
    return AidFlowRow(
        donor=_node(_value(row["donor"]) or "", _value(row["donorLabel"]) or ""),
        recipient=_node(_value(row["recipient"]) or "", _value(row["recipientLabel"]) or ""),
        year=int(year) if year and year.isdigit() else None,
        currency=_value(row["currency"]) if total else None,
        status=None if status in (None, "unknown") else status,
        total=Decimal(_value(row["total"]) or "0") if total else None,
        commitments=int(_value(row["commitments"]) or 0),
        shared=int(_value(row["shared"]) or 0),
        disputed=int(_value(row["conflicting"]) or 0),
        facts=tuple(sorted((_value(row["facts"]) or "").split())),
        kind=None if kind in (None, "unknown") else kind,
    )


def _flow_key(row: AidFlowRow) -> tuple[Any, ...]:
    return (row.donor.label, row.donor.iri, row.recipient.label, row.recipient.iri, row.year is None,
            row.year or 0, row.total is None, row.currency or "", row.status or "", row.kind or "")  # fmt: skip
