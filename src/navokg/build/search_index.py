"""The full-text index a build writes beside the store: every fact's words, by stem.

Oxigraph has no full-text index, so one lives beside the store, in the same generation
and built by the same atomic build: an SQLite FTS5 table (from the standard library)
over word stems (``navokg.dutch.words``).  Every row is a fact IRI with the words one
document gives it, so hits join with the graph; ``navokg.read.search`` searches it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from navokg.build.rdf import fact_iri_of, words_of
from navokg.dutch.names import fold_name
from navokg.dutch.words import index_terms
from navokg.model import AidCommitment, DocumentFacts, OfficeHolding, Statement
from navokg.sources.entities import Registry
from navokg.tables import aid_text
from navokg.vocab import NKG_BASE, RDF, RDFS, SKOS

__all__ = ["SearchRow", "index_names", "index_rows", "open_index", "remove_documents", "rows_for"]


@dataclass(frozen=True)
class SearchRow:
    """One fact's words as one document gives them."""

    fact: str
    kind: str  # "statement", "holding" or "aid"
    document: str
    text: str  # what the fact says, after who says or holds it: a statement's words, an office, aid
    exact: str  # the evidence words
    start: int
    end: int
    date: str | None
    who: str  # speakers, holder or donors, for display


def _holding_text(fact: OfficeHolding, registry: Registry) -> str:
    """ "minister van Defensie, from 2024-07-02": the office, and when the report places it."""
    office = registry.get(fact.office).label
    if fact.start is not None and fact.start.lexical:
        return f"{office}, from {fact.start.lexical}"
    if fact.attested is not None and fact.attested.lexical:
        return f"{office}, in office in {fact.attested.lexical}"
    return office


def _aid_text(fact: AidCommitment, registry: Registry) -> str:
    how = (fact.status.value if fact.status else "", fact.aid_type.value if fact.aid_type else "")
    items = [f"{i.quantity} {i.label}" if i.quantity else i.label for i in fact.items]
    return aid_text(fact.amount, fact.currency, registry.get(fact.recipient).label, how, items)


def rows_for(facts: DocumentFacts, registry: Registry) -> list[SearchRow]:
    """The search rows of one document: one per fact and piece of evidence."""

    def names(keys: Iterable[str]) -> str:
        return ", ".join(registry.get(k).label for k in keys)

    rows: list[SearchRow] = []
    for fact in facts.facts:
        iri = fact_iri_of(fact, facts.document.id)
        if isinstance(fact, Statement):
            kind, text, who, when = "statement", words_of(fact.text), names(fact.speakers), fact.date
        elif isinstance(fact, OfficeHolding):
            kind, who, when, text = "holding", names([fact.holder]), None, _holding_text(fact, registry)
        else:
            kind, who, when, text = "aid", names(fact.donors), fact.date, _aid_text(fact, registry)
        for evidence in fact.evidence:
            rows.append(
                SearchRow(
                    iri,
                    kind,
                    facts.document.id,
                    text,
                    evidence.exact,
                    evidence.start,
                    evidence.end,
                    when.lexical if when else None,
                    who,
                )
            )
    return rows


_SCHEMA = """
CREATE TABLE IF NOT EXISTS rows (
    id INTEGER PRIMARY KEY, fact TEXT NOT NULL, kind TEXT NOT NULL, document TEXT NOT NULL,
    text TEXT NOT NULL, exact TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    date TEXT, who TEXT NOT NULL,
    lowered TEXT NOT NULL DEFAULT ''  -- the words as SPARQL's LCASE gives them, for substring questions
);
CREATE INDEX IF NOT EXISTS rows_document ON rows(document);
CREATE VIRTUAL TABLE IF NOT EXISTS words USING fts5(stems, tokenize = 'unicode61');
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL, iri TEXT NOT NULL, kind TEXT NOT NULL, label TEXT NOT NULL, name TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS names_key ON names(key);
"""


def open_index(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the search index of a generation being built."""
    db = sqlite3.connect(path)
    db.executescript(_SCHEMA)
    return db


def index_names(db: sqlite3.Connection, quads: Iterable[ox.Quad]) -> None:
    """Replace the names table: every label and alias of the reference entities, folded.

    ``navokg.read.resolve`` looks names up here, so that resolving one is an index lookup
    however many entities the graph holds.
    """
    kinds = {f"{NKG_BASE}{k.title()}": k for k in ("person", "organization", "country", "office")}
    kind: dict[str, str] = {}
    labels: dict[str, list[ox.Literal]] = {}
    names: dict[str, set[str]] = {}
    for quad in quads:
        if not isinstance(quad.subject, ox.NamedNode):
            continue
        subject, predicate, value = quad.subject.value, quad.predicate.value, quad.object
        if predicate == str(RDF.type) and isinstance(value, ox.NamedNode) and value.value in kinds:
            kind[subject] = kinds[value.value]
        elif predicate in (str(RDFS.label), str(SKOS.altLabel)) and isinstance(value, ox.Literal):
            names.setdefault(subject, set()).add(value.value)
            if predicate == str(RDFS.label):
                labels.setdefault(subject, []).append(value)
    rows = []
    for iri in sorted(kind):
        dutch = sorted(lit.value for lit in labels.get(iri, []) if lit.language in ("nl", None))
        label = dutch[0] if dutch else min((lit.value for lit in labels.get(iri, [])), default=iri)
        rows += [(fold_name(name), iri, kind[iri], label, name) for name in sorted(names.get(iri, ()))]
    db.execute("DELETE FROM names")
    db.executemany("INSERT INTO names (key, iri, kind, label, name) VALUES (?, ?, ?, ?, ?)", rows)


def remove_documents(db: sqlite3.Connection, documents: Iterable[str]) -> None:
    """Drop the rows of documents that changed or went away."""
    for document in documents:
        ids = [r[0] for r in db.execute("SELECT id FROM rows WHERE document = ?", (document,))]
        db.executemany("DELETE FROM words WHERE rowid = ?", [(i,) for i in ids])
        db.execute("DELETE FROM rows WHERE document = ?", (document,))


def index_rows(db: sqlite3.Connection, rows: Iterable[SearchRow]) -> None:
    """Add rows to the index, each under the stems of its text and evidence."""
    for row in rows:
        cursor = db.execute(
            "INSERT INTO rows (fact, kind, document, text, exact, start, end, date, who, lowered) "
            "VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                row.fact,
                row.kind,
                row.document,
                row.text,
                row.exact,
                row.start,
                row.end,
                row.date,
                row.who,
                row.text.lower(),
            ),
        )
        db.execute(
            "INSERT INTO words (rowid, stems) VALUES (?, ?)",
            (cursor.lastrowid, index_terms(f"{row.text} {row.exact}")),
        )
