"""Full-text search over the words of statements and evidence: Dutch-aware, ranked.

Oxigraph has no full-text index, so one lives beside the store, in the same generation
and built by the same atomic build: an SQLite FTS5 table (from the standard library)
over word stems.  Text and queries are normalised the same way: case and diacritics
folded ("Oekraïne" = "oekraine") and each word reduced to its Snowball Dutch stem, plus
the present-tense ending ("steunt", "steunen", "gesteund" all become "steun").  Snowball's
Dutch stemmers differ: the current one knows the "ge-" of participles, the older Porter
one adjective endings and vowel doubling ("leuke"/"leuk", "grote"/"groot"); every word is
indexed under both, and a searched word matches when either agrees.  Every hit is a fact
IRI, so it joins with the graph.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .entities import Registry
from .errors import NotFoundError, UsageError
from .model import DocumentFacts, OfficeHolding, Statement
from .rdf import fact_iri_of

__all__ = [
    "SEARCH_DB",
    "Hit",
    "SearchRow",
    "index_rows",
    "normalise",
    "open_index",
    "remove_documents",
    "rows_for",
    "search",
]

SEARCH_DB = "search.sqlite"
_WORD = re.compile(r"\w+", re.UNICODE)


@cache
def _stemmer(algorithm: str = "dutch") -> Any:
    import Stemmer  # PyStemmer: the Snowball stemmers, compiled

    return Stemmer.Stemmer(algorithm)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _stem(word: str) -> str:
    stem = str(_stemmer().stemWord(word))
    # Snowball's Dutch stemmer keeps the present tense -t ("steunt") and d/t alternation
    # ("miljard"/"miljarden"); dropping a final t/d on longer stems unites them.
    if len(stem) >= 5 and stem[-1] in "td":
        stem = stem[:-1]
    return stem


def normalise(text: str) -> list[str]:
    """The stems a text is indexed (or searched) by (Snowball's current Dutch stemmer)."""
    return [_stem(word) for word in _WORD.findall(_fold(text))]


def _porter(word: str) -> str:
    return "p" + str(_stemmer("dutch_porter").stemWord(word))


def _index_terms(text: str) -> str:
    """Each word under both stemmers' stems (the Porter one marked with a leading p)."""
    return " ".join(f"{_stem(w)} {_porter(w)}" for w in _WORD.findall(_fold(text)))


@dataclass(frozen=True)
class SearchRow:
    """One fact's words as one document gives them."""

    fact: str
    kind: str  # "statement", "holding" or "aid"
    document: str
    text: str  # the statement's text; for other facts their label
    exact: str  # the evidence words
    start: int
    end: int
    date: str | None
    who: str  # speakers, holder or donors, for display


@dataclass(frozen=True)
class Hit:
    """A search result: a fact, where it is said, and how well it matches."""

    fact: str
    kind: str
    document: str
    text: str
    exact: str
    start: int
    end: int
    date: str | None
    who: str
    score: float


def rows_for(facts: DocumentFacts, registry: Registry) -> list[SearchRow]:
    """The search rows of one document: one per fact and piece of evidence."""

    def names(keys: Iterable[str]) -> str:
        return ", ".join(registry.get(k).label for k in keys)

    rows: list[SearchRow] = []
    for fact in facts.facts:
        iri = fact_iri_of(fact, facts.document.id)
        if isinstance(fact, Statement):
            kind, text, who, when = "statement", fact.text, names(fact.speakers), fact.date
        elif isinstance(fact, OfficeHolding):
            kind, who = "holding", names([fact.holder])
            text, when = f"{who}: {registry.get(fact.office).label}", fact.start or fact.attested
        else:
            kind, who, when = "aid", names(fact.donors), fact.date
            text = f"{who} → {registry.get(fact.recipient).label}: " + ", ".join(i.label for i in fact.items)
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
    date TEXT, who TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS rows_document ON rows(document);
CREATE VIRTUAL TABLE IF NOT EXISTS words USING fts5(stems, tokenize = 'unicode61');
"""


def open_index(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the search index of a generation being built."""
    db = sqlite3.connect(path)
    db.executescript(_SCHEMA)
    return db


def remove_documents(db: sqlite3.Connection, documents: Iterable[str]) -> None:
    """Drop the rows of documents that changed or went away."""
    for document in documents:
        ids = [r[0] for r in db.execute("SELECT id FROM rows WHERE document = ?", (document,))]
        db.executemany("DELETE FROM words WHERE rowid = ?", [(i,) for i in ids])
        db.execute("DELETE FROM rows WHERE document = ?", (document,))


def index_rows(db: sqlite3.Connection, rows: Iterable[SearchRow]) -> None:
    for row in rows:
        cursor = db.execute(
            "INSERT INTO rows (fact, kind, document, text, exact, start, end, date, who) VALUES (?,?,?,?,?,?,?,?,?)",
            (row.fact, row.kind, row.document, row.text, row.exact, row.start, row.end, row.date, row.who),
        )
        db.execute(
            "INSERT INTO words (rowid, stems) VALUES (?, ?)",
            (cursor.lastrowid, _index_terms(f"{row.text} {row.exact}")),
        )


def _match_expression(words: str) -> str:
    found = _WORD.findall(_fold(words))
    if not found:
        raise UsageError("search needs at least one word")
    # Every word must match, under either stem. Quoting keeps FTS5 syntax (AND, OR, NEAR,
    # *) in the user's words from being read as operators.
    return " AND ".join(f'("{_stem(w)}" OR "{_porter(w)}")' for w in found)


def search(index: Path, words: str, *, kind: str | None = None, limit: int = 20) -> list[Hit]:
    """Facts whose words contain every word searched for, best first (BM25)."""
    if not index.exists():
        raise NotFoundError(f"{index}: no search index; rebuild the store with navokg build --full")
    db = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    try:
        query = """
            SELECT r.fact, r.kind, r.document, r.text, r.exact, r.start, r.end, r.date, r.who, bm25(words) AS score
            FROM words JOIN rows r ON r.id = words.rowid
            WHERE words MATCH ? {kind}
            ORDER BY score, r.fact, r.document, r.start
        """.format(kind="AND r.kind = ?" if kind else "")
        params: list[Any] = [_match_expression(words)] + ([kind] if kind else [])
        hits: dict[str, Hit] = {}
        for row in db.execute(query, params):
            fact, kind_, document, text, exact, start, end, date, who, score = row
            hit = Hit(fact, kind_, document, text, exact, start, end, date, who, score=-float(score))
            if hit.fact not in hits:  # one hit per fact: its best-matching report
                hits[hit.fact] = hit
            if len(hits) >= limit:
                break
        return list(hits.values())
    finally:
        db.close()


def iter_hits_as_dicts(hits: Iterable[Hit]) -> Iterator[dict[str, Any]]:
    for hit in hits:
        yield {
            "fact": hit.fact,
            "kind": hit.kind,
            "document": hit.document,
            "who": hit.who,
            "date": hit.date,
            "text": hit.text,
            "exact": hit.exact,
            "start": hit.start,
            "end": hit.end,
            "score": round(hit.score, 4),
        }
