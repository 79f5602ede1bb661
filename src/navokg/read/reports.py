"""One fact, many reports: the conflicts reports leave open, and why reports merged.

Reports of the same fact (same match key, see ``navokg.build.rdf.match_key``) share one
IRI; each document's named graph adds its evidence and its own values.  The derived
graph (``navokg.build.derived``) marks where they disagree; this module shows every
claim with its document and words.
"""

from __future__ import annotations

from dataclasses import dataclass

from navokg.errors import NotFoundError
from navokg.read.query import Queryable, select_rows
from navokg.vocab import DERIVED_GRAPH, NKG, VALUE_LINKS

__all__ = ["Claim", "Conflict", "FactReports", "Report", "conflicts", "reports"]


@dataclass(frozen=True)
class Claim:
    """What one document says: a value (as written and its bounds) and its evidence."""

    document: str
    value: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Conflict:
    """Reports that disagree about one property of a fact, or two facts that compete."""

    fact: str
    label: str
    property: str  # "start", "end", "date", or "amount" for competing aid commitments
    claims: tuple[Claim, ...]
    other: str | None = None  # the competing fact, for amount conflicts


def _evidence_in(graph: Queryable, fact: str, document_graph: str) -> tuple[str, ...]:
    rows = select_rows(
        graph,
        f"""SELECT ?exact WHERE {{
              GRAPH <{document_graph}> {{ <{fact}> nkg:evidence ?e . ?e oa:exact ?exact ; oa:start ?s }}
            }} ORDER BY ?s""",
    )
    return tuple(r["exact"].value for r in rows)


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def conflicts(graph: Queryable) -> list[Conflict]:
    """Every open conflict in the graph, each claim with its document and evidence."""
    found: list[Conflict] = []
    for row in select_rows(
        graph,
        f"""SELECT ?f ?p ?label WHERE {{ GRAPH <{DERIVED_GRAPH}> {{ ?f nkg:conflictingProperty ?p }}
             ?f rdfs:label ?label }} ORDER BY ?f ?p""",
    ):
        fact, prop = row["f"].value, row["p"].value
        value_prop = VALUE_LINKS[prop]
        claims = []
        for claim in select_rows(
            graph,
            f"""SELECT ?d ?written ?lo ?hi (GROUP_CONCAT(?exact; separator="\u0000") AS ?words) WHERE {{
                  GRAPH ?g {{ <{fact}> <{value_prop}> ?v ; prov:wasDerivedFrom ?d .
                              ?v nkg:asWritten ?written ; nkg:evidence ?e . ?e oa:exact ?exact .
                              OPTIONAL {{ ?v nkg:earliest ?lo ; nkg:latest ?hi }} }}
                }} GROUP BY ?d ?written ?lo ?hi ORDER BY ?d ?lo ?written""",
        ):
            bounds = f" ({claim['lo'].value} – {claim['hi'].value})" if "lo" in claim else ""
            # The words of this claim's own report, not every evidence of the fact.
            words = tuple(sorted(claim["words"].value.split("\u0000")))
            claims.append(Claim(claim["d"].value, f"{claim['written'].value}{bounds}", words))
        found.append(Conflict(fact, row["label"].value, _local(prop), tuple(claims)))
    for row in select_rows(
        graph,
        f"""SELECT ?a ?b ?label WHERE {{ GRAPH <{DERIVED_GRAPH}> {{ ?a nkg:conflictsWith ?b }} ?a rdfs:label ?label
             FILTER (STR(?a) < STR(?b)) }} ORDER BY ?a ?b""",
    ):
        claims = []
        for fact in (row["a"].value, row["b"].value):
            for claim in select_rows(
                graph,
                f"""SELECT DISTINCT ?g ?d ?amount ?currency WHERE {{
                      <{fact}> nkg:amount ?amount ; nkg:currency ?currency .
                      GRAPH ?g {{ <{fact}> prov:wasDerivedFrom ?d }}
                    }} ORDER BY ?d""",
            ):
                claims.append(
                    Claim(
                        claim["d"].value,
                        f"{claim['amount'].value} {claim['currency'].value}",
                        _evidence_in(graph, fact, claim["g"].value),
                    )
                )
        found.append(Conflict(row["a"].value, row["label"].value, "amount", tuple(claims), other=row["b"].value))
    return found


@dataclass(frozen=True)
class Report:
    """One document's report of a fact: its dates as written, and its evidence."""

    document: str
    title: str | None
    values: dict[str, tuple[str, ...]]
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class FactReports:
    """A fact with every report merged into it and the reason they were merged."""

    fact: str
    label: str
    match_keys: tuple[str, ...]
    methods: tuple[str, ...]
    statuses: tuple[str, ...]
    reports: tuple[Report, ...]


_SHOWN = {
    "start": NKG.startValue,
    "end": NKG.endValue,
    "attested": NKG.attestedValue,
    "date": NKG.dateValue,
}


def reports(graph: Queryable, fact: str) -> FactReports:
    """Which documents report a fact, what each says, and the match key that joined them."""
    head = select_rows(graph, f"SELECT ?label ?key WHERE {{ <{fact}> rdfs:label ?label ; nkg:matchKey ?key }}")
    if not head:
        raise NotFoundError(f"no fact <{fact}> in the graph; find facts with navokg search or navokg query")
    found = []
    for row in select_rows(
        graph,
        f"""SELECT DISTINCT ?g ?d ?title WHERE {{
              GRAPH ?g {{ <{fact}> prov:wasDerivedFrom ?d }}
              OPTIONAL {{ ?d dcterms:title ?title }} }} ORDER BY ?d""",
    ):
        values: dict[str, tuple[str, ...]] = {}
        for name, prop in _SHOWN.items():
            written = select_rows(
                graph,
                f"""SELECT ?w WHERE {{ GRAPH <{row["g"].value}> {{ <{fact}> <{prop}>/nkg:asWritten ?w }} }}
                    ORDER BY ?w""",
            )
            if written:
                values[name] = tuple(w["w"].value for w in written)
        found.append(
            Report(
                row["d"].value,
                row["title"].value if "title" in row else None,
                values,
                _evidence_in(graph, fact, row["g"].value),
            )
        )
    methods = tuple(
        r["m"].value for r in select_rows(graph, f"SELECT DISTINCT ?m WHERE {{ <{fact}> nkg:method ?m }} ORDER BY ?m")
    )
    statuses = tuple(
        r["s"].value for r in select_rows(graph, f"SELECT DISTINCT ?s WHERE {{ <{fact}> nkg:status ?s }} ORDER BY ?s")
    )
    return FactReports(
        fact,
        head[0]["label"].value,
        tuple(sorted({r["key"].value for r in head})),
        methods,
        statuses,
        tuple(found),
    )
