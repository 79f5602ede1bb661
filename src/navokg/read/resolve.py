"""One name resolver: from what a researcher types to the entity it means, the same everywhere.

Every command, saved-query parameter, page and search resolves names here, folded by one
rule (``navokg.dutch.names``: case, diacritics, spacing, apostrophes; a Dutch possessive
"-s" as a second try), and offers the same close matches when a name means nothing or
more than one thing.  A local store answers from the names table the build writes beside
it (``build.search_index``: an index lookup, whatever the size of the graph); a remote
endpoint from its labels, folded here.
"""

from __future__ import annotations

import difflib
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from navokg.dutch.names import fold_name, name_variants
from navokg.errors import NotFoundError, UsageError
from navokg.store import Queryable
from navokg.vocab import NKG_BASE, compact_iri, expand_iri

__all__ = ["NameMatch", "find_names", "resolve"]

KINDS = ("person", "organization", "country", "office")


@dataclass(frozen=True)
class NameMatch:
    """An entity a name may mean: its IRI, kind, label, and the name that matched."""

    iri: str
    kind: str
    label: str
    name: str


def _rows_from_index(graph: Queryable) -> sqlite3.Connection | None:
    index = getattr(graph, "search_index", None)
    if index is None or not index.exists():
        return None
    db = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    found = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'names'").fetchone()
    if found is None:
        db.close()
        return None
    return db


def _all_names(graph: Queryable) -> list[NameMatch]:
    """Every label and alias of every named entity (for a remote endpoint, or close matches)."""
    db = _rows_from_index(graph)
    if db is not None:
        with db:
            rows = db.execute("SELECT iri, kind, label, name FROM names ORDER BY key, iri").fetchall()
        db.close()
        return [NameMatch(*row) for row in rows]
    kinds = " ".join(f"nkg:{k.title()}" for k in KINDS)
    found = []
    for row in graph.query(
        f"""SELECT ?e ?type ?label ?name WHERE {{ VALUES ?type {{ {kinds} }} ?e a ?type ; rdfs:label ?label .
              FILTER (LANG(?label) = "nl" || LANG(?label) = "")
              {{ ?e rdfs:label ?name }} UNION {{ ?e skos:altLabel ?name }} }}"""
    ):
        kind = row["type"].value[len(NKG_BASE) :].lower()
        found.append(NameMatch(row["e"].value, kind, row["label"].value, row["name"].value))
    return sorted(set(found), key=lambda m: (fold_name(m.name), m.iri))


def _lookup(graph: Queryable, key: str) -> list[NameMatch]:
    db = _rows_from_index(graph)
    if db is None:
        return [m for m in _all_names(graph) if fold_name(m.name) == key]
    with db:
        rows = db.execute("SELECT iri, kind, label, name FROM names WHERE key = ? ORDER BY iri", (key,)).fetchall()
    db.close()
    return [NameMatch(*row) for row in rows]


def _closest(graph: Queryable, name: str, limit: int = 5) -> list[str]:
    labels = {fold_name(m.name): m.label for m in _all_names(graph)}
    keys = difflib.get_close_matches(fold_name(name), list(labels), n=limit * 2, cutoff=0.6)
    return list(dict.fromkeys(labels[k] for k in keys))[:limit]


_NOT_IN_IRI = re.compile(r"[\x00-\x20<>\"{}|\\^`\x7f]")


def _iri(name: str, iri: str) -> str:
    """An IRI as given, refused where it holds what no IRI can (it would break the query)."""
    bad = _NOT_IN_IRI.search(iri)
    if bad:
        raise UsageError(
            f"'{name}' is no IRI: an IRI cannot hold {bad.group()!r}; give the entity's name, or its IRI "
            f"with {bad.group()!r} percent-encoded (%{ord(bad.group()):02X})"
        )
    return iri


def resolve(graph: Queryable, name: str, *, kinds: Iterable[str] | None = None) -> str:
    """The IRI of the entity a name, alias, prefixed name or IRI means.

    An unknown name is a NotFoundError that offers the closest names; a name of several
    entities a UsageError that lists them (give the IRI).
    """
    name = name.strip()
    if name.startswith(("http://", "https://")):
        return _iri(name, name)
    if " " not in name and (expanded := expand_iri(name)) != name:
        return _iri(name, expanded)
    wanted = set(kinds) if kinds is not None else set(KINDS)
    found: list[NameMatch] = []
    for key in name_variants(name):
        found = [m for m in _lookup(graph, key) if m.kind in wanted]
        if found:
            break
    if not found:
        # The last words of a name ("Putin" of "Vladimir Putin", "Yeşilgöz-Zegerius"), where
        # only one entity's name ends so.
        ends = [m for m in find_names(graph, name, limit=1000)[0] if m.kind in wanted]
        found = [m for m in ends if fold_name(m.name).endswith(" " + fold_name(name))]
        if len({m.iri for m in found}) > 1:
            found = []
    iris = sorted({m.iri for m in found})
    if len(iris) == 1:
        return iris[0]
    if not iris:
        close = _closest(graph, name)
        hint = f"; closest: {', '.join(close)}" if close else ""
        raise NotFoundError(f"no entity named '{name}'{hint}")
    options = ", ".join(compact_iri(iri) for iri in iris[:8])
    raise UsageError(f"'{name}' is ambiguous, it may mean {options}; give the IRI")


def find_names(graph: Queryable, text: str, *, limit: int = 50) -> tuple[list[NameMatch], int]:
    """Entities whose label or alias contains the words, best first, and how many there are.

    Whole names first, then names that start with the words, then names with a word that
    does, then the rest; one match per entity (its best name).
    """
    wanted = fold_name(text)
    if not wanted:
        return [], 0
    db = _rows_from_index(graph)
    if db is not None:
        with db:
            pattern = "%" + wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            rows = db.execute(
                "SELECT iri, kind, label, name FROM names WHERE key LIKE ? ESCAPE '\\'", (pattern,)
            ).fetchall()
        db.close()
        candidates = [NameMatch(*row) for row in rows]
    else:
        candidates = [m for m in _all_names(graph) if wanted in fold_name(m.name)]
    best: dict[str, tuple[int, NameMatch]] = {}
    for match in candidates:
        key = fold_name(match.name)
        rank = 0 if key == wanted else 1 if key.startswith(wanted) else 2 if f" {wanted}" in f" {key}" else 3
        if match.iri not in best or (rank, match.name) < (best[match.iri][0], best[match.iri][1].name):
            best[match.iri] = (rank, match)
    ordered = sorted(best.values(), key=lambda pair: (pair[0], pair[1].label.casefold(), pair[1].iri))
    return [m for _, m in ordered[:limit]], len(ordered)
