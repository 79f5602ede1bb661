"""Full-text search over the words of statements and evidence: Dutch-aware, ranked.

Searches the index the build writes beside the store (``navokg.build.search_index``),
with words normalised as the index normalised them (``navokg.dutch.words``).  Every hit
is a fact IRI, so it joins with the graph.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from navokg.dutch.words import porter_stem, stem, words
from navokg.errors import NotFoundError, UsageError
from navokg.tables import csv_text
from navokg.vocab import compact_iri

__all__ = ["Hit", "hits_text", "iter_hits_as_dicts", "search", "statements_containing"]


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


def _match_expression(text: str) -> str:
    found = words(text)
    if not found:
        raise UsageError("search needs at least one word")
    # Every word must match, under either stem. Quoting keeps FTS5 syntax (AND, OR, NEAR,
    # *) in the user's words from being read as operators.
    return " AND ".join(f'("{stem(w)}" OR "{porter_stem(w)}")' for w in found)


def search(index: Path, text: str, *, kind: str | None = None, limit: int = 20) -> list[Hit]:
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
        params: list[Any] = [_match_expression(text)] + ([kind] if kind else [])
        hits: dict[str, Hit] = {}
        for row in db.execute(query, params):
            fact, kind_, document, fact_text, exact, start, end, date, who, score = row
            hit = Hit(fact, kind_, document, fact_text, exact, start, end, date, who, score=-float(score))
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


def hits_text(hits: list[Hit], fmt: str) -> str:
    """Hits as a list to read (``table``), CSV or JSON."""
    rows = list(iter_hits_as_dicts(hits))
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        columns = list(rows[0]) if rows else ["fact"]
        return csv_text(columns, [[str(v) if v is not None else "" for v in r.values()] for r in rows])
    lines = []
    for hit in rows:
        when = f" ({hit['date']})" if hit["date"] else ""
        lines.append(f"{hit['who']}{when}: {' '.join(hit['text'].split())}")
        lines.append(f"    {compact_iri(hit['fact'])}  [{hit['document']} {hit['start']}-{hit['end']}]")
    lines.append(f"({len(rows)} hit{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def statements_containing(index: Path, words: str) -> list[str] | None:
    """The statements whose words contain ``words`` as SPARQL's CONTAINS(LCASE(...)) would find
    them, from the index (one scan in SQLite); None where the store has no such index."""
    if not index.exists():
        return None
    db = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    try:
        rows = db.execute(
            "SELECT DISTINCT fact FROM rows WHERE kind = 'statement' AND instr(lowered, ?) > 0 ORDER BY fact",
            (words.lower(),),
        ).fetchall()
    except sqlite3.OperationalError:
        return None  # an index from before the lowered words were kept
    finally:
        db.close()
    return [fact for (fact,) in rows]
