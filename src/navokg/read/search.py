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
from navokg.read.facts import SQLITE_KEYS, chunked
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


_COLUMNS = "id, fact, kind, document, text, exact, start, end, date, who"


def search(index: Path, text: str, *, kind: str | None = None, limit: int = 20) -> list[Hit]:
    """Facts whose words contain every word searched for, best first (BM25), each by its
    best-matching report (ties by fact, document and place).

    A common name matches thousands of rows. Ranking them needs only their scores, from
    the full-text index alone; the rows themselves are read best first, a batch of whole
    score groups at a time, until ``limit`` facts are found.
    """
    if not index.exists():
        raise NotFoundError(f"{index}: no search index; rebuild the store with navokg build --full")
    db = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    try:
        scored = db.execute(
            "SELECT rowid, bm25(words) AS score FROM words WHERE words MATCH ? ORDER BY score",
            (_match_expression(text),),
        ).fetchall()
        hits: dict[str, Hit] = {}
        batch: list[tuple[int, float]] = []
        for at, (row_id, score) in enumerate(scored):
            batch.append((row_id, score))
            last_of_group = at + 1 == len(scored) or scored[at + 1][1] != score
            if last_of_group and len(batch) >= max(4 * (limit - len(hits)), 1):
                if _add_best(db, batch, kind, hits, limit):
                    break
                batch = []
        else:
            _add_best(db, batch, kind, hits, limit)
        return list(hits.values())
    finally:
        db.close()


def _add_best(
    db: sqlite3.Connection, batch: list[tuple[int, float]], kind: str | None, hits: dict[str, Hit], limit: int
) -> bool:
    """Add the facts of a batch of scored rows to ``hits`` in rank order; whether it is full."""
    score_of = dict(batch)
    rows = []
    for ids in chunked([row_id for row_id, _ in batch], SQLITE_KEYS):
        where = f"id IN ({', '.join('?' * len(ids))})" + (" AND kind = ?" if kind else "")
        rows += db.execute(f"SELECT {_COLUMNS} FROM rows WHERE {where}", [*ids, *([kind] if kind else [])]).fetchall()
    rows.sort(key=lambda r: (score_of[r[0]], r[1], r[3], r[6]))
    for row_id, fact, kind_, document, fact_text, exact, start, end, date, who in rows:
        if fact not in hits:
            score = -float(score_of[row_id])
            hits[fact] = Hit(fact, kind_, document, fact_text, exact, start, end, date, who, score=score)
        if len(hits) >= limit:
            return True
    return False


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
