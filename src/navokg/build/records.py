"""What each document contributed to a store generation: the basis of incremental builds.

A generation keeps ``documents.sqlite`` beside its Oxigraph store, with one row per
document (its content key, the entities it introduced, the names it used, its counts
and its triples about shared facts) and a reference count per shared fact triple.  A
fact triple enters the facts graph when the first document reports it and leaves when
the last one does; so a rebuild that adds, changes or removes a document touches only
that document's triples and gives the store a full build would give.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from navokg.model import Entity, EntityKind
from navokg.store import DOCUMENTS_DB

__all__ = ["DocumentRecord", "Records"]


_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, path TEXT, content_key TEXT, method TEXT, facts TEXT,
    entities TEXT, keys TEXT, aliases TEXT, fact_triples BLOB
);
CREATE TABLE IF NOT EXISTS fact_triples (hash BLOB PRIMARY KEY, refs INTEGER NOT NULL) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class DocumentRecord:
    """One document's contribution, as workers hand it to the build."""

    doc_id: str
    path: str
    content_key: str
    method: str
    facts: dict[str, int]
    entities: tuple[Entity, ...]
    keys: tuple[str, ...]
    aliases: dict[str, tuple[str, ...]]
    fact_triples: bytes  # N-Triples, one triple a line


def _entity_json(entity: Entity) -> dict[str, Any]:
    return {
        "kind": entity.kind.value, "key": entity.key, "label": entity.label, "label_en": entity.label_en,
        "aliases": list(entity.aliases), "post_in": entity.post_in, "same_as": list(entity.same_as),
        "adjectives": list(entity.adjectives),
    }  # fmt: skip


def _entity_from_json(data: dict[str, Any]) -> Entity:
    return Entity(
        kind=EntityKind(data["kind"]), key=data["key"], label=data["label"], label_en=data["label_en"],
        aliases=tuple(data["aliases"]), post_in=data["post_in"], same_as=tuple(data["same_as"]),
        adjectives=tuple(data["adjectives"]),
    )  # fmt: skip


def _lines(ntriples: bytes) -> list[bytes]:
    return [line for line in ntriples.split(b"\n") if line.strip()]


def _hash(line: bytes) -> bytes:
    return hashlib.blake2b(line, digest_size=16).digest()


class Records:
    """The records of the generation being built (a copy of the previous one's, if any)."""

    def __init__(self, generation: Path) -> None:
        self.db = sqlite3.connect(generation / DOCUMENTS_DB)
        self.db.executescript(_SCHEMA)

    def close(self) -> None:
        self.db.commit()
        self.db.close()

    def content_keys(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT id, content_key FROM documents").fetchall())

    def add(self, record: DocumentRecord) -> list[bytes]:
        """Record a document; return its fact triples that are new to the store."""
        self.db.execute(
            "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record.doc_id, record.path, record.content_key, record.method, json.dumps(record.facts),
                json.dumps([_entity_json(e) for e in record.entities]), json.dumps(list(record.keys)),
                json.dumps({k: list(v) for k, v in sorted(record.aliases.items())}, ensure_ascii=False),
                zlib.compress(record.fact_triples),
            ),
        )  # fmt: skip
        new = []
        for line in _lines(record.fact_triples):
            (refs,) = self.db.execute(
                "INSERT INTO fact_triples VALUES (?, 1) ON CONFLICT(hash) DO UPDATE SET refs = refs + 1 RETURNING refs",
                (_hash(line),),
            ).fetchone()
            if refs == 1:
                new.append(line)
        return new

    def remove(self, doc_id: str) -> list[bytes]:
        """Forget a document; return its fact triples that no other document reports."""
        row = self.db.execute("SELECT fact_triples FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return []
        gone = []
        for line in _lines(zlib.decompress(row[0])):
            key = _hash(line)
            (refs,) = self.db.execute(
                "UPDATE fact_triples SET refs = refs - 1 WHERE hash = ? RETURNING refs", (key,)
            ).fetchone()
            if refs == 0:
                self.db.execute("DELETE FROM fact_triples WHERE hash = ?", (key,))
                gone.append(line)
        self.db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        return gone

    def contributions(self) -> Iterator[tuple[list[Entity], list[str], dict[str, list[str]]]]:
        """Each document's entities, referenced keys and names used, in id order."""
        for entities, keys, aliases in self.db.execute("SELECT entities, keys, aliases FROM documents ORDER BY id"):
            yield [_entity_from_json(e) for e in json.loads(entities)], json.loads(keys), json.loads(aliases)

    def counts(self) -> Iterator[tuple[str, dict[str, int]]]:
        for method, facts in self.db.execute("SELECT method, facts FROM documents"):
            yield method, json.loads(facts)


def triples_in(lines: list[bytes]) -> list[ox.Triple]:
    """Parse N-Triples lines back into triples (to remove them from the store)."""
    return list(ox.parse(b"\n".join(lines) + b"\n", format=ox.RdfFormat.N_TRIPLES)) if lines else []
