"""Fact cards: every fact as a list shows it, read once by the build and kept beside the store.

A page, a timeline or a drawing lists facts with the evidence of a few of their reports
(``read_facts(reports=LISTED)``). Read from the store, that is some forty rows per fact,
each an index lookup in Oxigraph: about a millisecond a fact, so a page listing a busy
entity's three hundred facts spent most of its time there. The build reads each fact that
way once and keeps the answer in an SQLite table beside the generation, encoded with
msgspec (typed, so a planted file can make a wrong fact, never run code) and zlib (a
much-reported fact lists every document); a list then reads its facts by key in tens of
microseconds each. Most facts have no more reports than a card holds, so their card is
also what a read of every report gives (a holding's with a whole copy beside it, for its
term's segments): a fact's page, a timeline or ``navokg neighbours`` read those from the
cards too, and only much-reported facts from the store (``read_whole_cards``).

The store stays the truth: a card is exactly what the store read gives (tested fact by
fact), and where there is no usable card (a store built before cards, another code
version, a view of part of the store, a remote endpoint) the store is read as before.
An incremental build carries the cards over and reads again only the facts its documents
or the derived graph changed, so its cards are those a full build makes.
"""

from __future__ import annotations

import contextlib
import sqlite3
import zlib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import msgspec

from navokg.read.facts import SQLITE_KEYS, Fact, FactType, chunked, fact_types, read_facts
from navokg.store import CARDS_DB, GraphStore, Queryable, code_fingerprint

__all__ = ["LISTED", "read_cards", "read_whole_cards", "write_cards"]

LISTED = 3  # reports of a fact whose evidence a list or drawing shows; the fact's own page shows all
_FORMAT = "2"
_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(Fact)


def _stamp() -> dict[str, str]:
    """What cards must have been made with to be read: this code and this many reports."""
    return {"format": _FORMAT, "code": code_fingerprint(), "reports": str(LISTED)}


def _usable(db: sqlite3.Connection) -> bool:
    try:
        found = dict(db.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.DatabaseError:
        return False
    return found == _stamp()


def write_cards(graph: Queryable, path: Path, facts: Iterable[str] | None = None) -> int:
    """Make the cards of a (being built) generation: of every fact, or, for an incremental
    build whose cards were carried over, again of the ``facts`` it changed (those no longer
    in the graph lose theirs). Returns how many facts were read."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        if facts is not None and not _usable(db):
            facts = None  # carried over from another code version, or none: make them all
        if facts is None:
            db.executescript("DROP TABLE IF EXISTS cards; DROP TABLE IF EXISTS meta;")
        db.execute("CREATE TABLE IF NOT EXISTS cards (iri TEXT PRIMARY KEY, card BLOB NOT NULL, whole BLOB)")
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        wanted = sorted(fact_types(graph) if facts is None else set(facts))
        for chunk in chunked(wanted):
            read = read_facts(graph, chunk, reports=LISTED, from_store=True)
            # A holding with every report on its card is also kept whole (with its term's segments).
            terms = read_facts(graph, [i for i, f in read.items() if _segments_only(f)], from_store=True)
            db.executemany("DELETE FROM cards WHERE iri = ?", [(iri,) for iri in chunk if iri not in read])
            cards = [(iri, _pack(fact), _pack(terms[iri]) if iri in terms else None) for iri, fact in read.items()]
            db.executemany("INSERT OR REPLACE INTO cards VALUES (?, ?, ?)", cards)
        db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", sorted(_stamp().items()))
        db.commit()
    return len(wanted)


def _pack(fact: Fact) -> bytes:
    return zlib.compress(_ENCODER.encode(fact), 1)


def _unpack(blob: bytes) -> Fact:
    return _DECODER.decode(zlib.decompress(blob))


def _segments_only(card: Fact) -> bool:
    """Whether a card lacks only its term's segments to be the whole fact: a holding with no
    more reports than a card holds (a list reads a term's stretches, not its segments)."""
    return not card.partial and card.type is FactType.HOLDING


def _whole_already(card: Fact) -> bool:
    """Whether a card is the whole fact: no more reports than it holds, and no term."""
    return not card.partial and card.type is not FactType.HOLDING


def read_cards(graph: Queryable, iris: list[str]) -> dict[str, Fact] | None:
    """The cards of these facts, or None where the graph has no cards this code can read.

    An IRI without a card is no fact (the build made one for every fact), as in a store read.
    """
    found = _read(graph, iris, "card")
    try:
        return None if found is None else {iri: _unpack(card) for iri, (card,) in found.items()}
    except (msgspec.DecodeError, zlib.error):
        return None  # torn or foreign: the store answers


def _read(graph: Queryable, iris: list[str], columns: str) -> dict[str, tuple[Any, ...]] | None:
    """These columns of the cards of these facts, or None where there are no cards to read."""
    if not isinstance(graph, GraphStore) or graph.view is not None:
        return None
    path = graph.generation / CARDS_DB
    if not path.is_file():
        return None
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            if not _usable(db):
                return None
            found: dict[str, tuple[Any, ...]] = {}
            for chunk in chunked(iris, SQLITE_KEYS):
                marks = ",".join("?" * len(chunk))
                for iri, *values in db.execute(f"SELECT iri, {columns} FROM cards WHERE iri IN ({marks})", chunk):
                    found[iri] = tuple(values)
            return found
    except sqlite3.DatabaseError:
        return None  # torn or foreign: the store answers


def read_whole_cards(graph: Queryable, iris: list[str]) -> tuple[dict[str, Fact], list[str]] | None:
    """The facts whose card is the whole fact, as a read of every report gives it, and the
    other facts asked for (to be read from the store); None where there are no usable cards.

    A card is whole where the fact has no more reports than ``LISTED`` (it holds every
    report's evidence and dates); a holding's then has a whole copy beside it, with its
    term's segments. The card's count of distinct dates, which a whole read does not keep
    (it counts them from its dates), is left out, so the fact is exactly the store's.
    """
    found = _read(graph, iris, "card, whole")
    if found is None:
        return None
    whole: dict[str, Fact] = {}
    try:
        for iri, (card, term) in found.items():
            fact = _unpack(term if term is not None else card)
            if term is not None or _whole_already(fact):
                whole[iri] = replace(fact, date_counts=())
    except (msgspec.DecodeError, zlib.error):
        return None
    return whole, [iri for iri in found if iri not in whole]
