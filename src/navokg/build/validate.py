"""SHACL validation of data graphs against ontology/shapes.ttl.

Two engines read the same shapes and give the same report:

- ``turbo`` (default): pyshacl-turbo, a Rust SHACL engine with pySHACL's API.  The
  shapes are compiled once and the data goes in as N-Triples text, so validation costs
  about 10 µs a triple and a 10,000-document build stays within its time budget.
- ``pyshacl``: pySHACL itself, the reference implementation; about 10-80 times slower
  here.  The test suite checks that both engines agree on valid and broken graphs.

A violation stops the build with the offending node, the constraint and the message.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from navokg.errors import ValidationError
from navokg.vocab import compact_iri

__all__ = ["Engine", "Validator", "Violation"]


class Engine(StrEnum):
    """Which SHACL implementation validates the build."""

    TURBO = "turbo"
    PYSHACL = "pyshacl"


class Violation:
    """One SHACL result, readable in one line."""

    def __init__(self, focus: str, path: str | None, component: str, message: str, value: str | None):
        self.focus, self.path, self.component = focus, path, component
        self.message, self.value = message, value

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" (value {self.value})" if self.value else ""
        return f"{self.focus}{where}: {self.component}: {self.message}{value}"

    def key(self) -> tuple[str, str | None, str]:
        return (self.focus, self.path, self.component)


def _compact(term: object) -> str:
    if isinstance(term, URIRef):
        return compact_iri(str(term))
    if isinstance(term, Literal):
        return repr(str(term)) if len(str(term)) < 60 else repr(str(term)[:57] + "...")
    return str(term)


def _ntriples(quads: Iterable[ox.Quad | ox.Triple]) -> bytes:
    """One flat graph: a document's facts must see the types of the entities they name."""
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    assert data is not None
    return data


class Validator:
    """Holds the parsed (and, for turbo, compiled) shapes; validates pyoxigraph quads."""

    def __init__(self, shapes: Path, *, engine: Engine = Engine.TURBO, text: str | None = None) -> None:
        """Read the shapes from ``shapes``, or from ``text`` (read elsewhere) when given."""
        self.shapes_path = shapes
        self.engine = Engine(engine)
        try:
            if text is None:
                self.shapes = Graph().parse(shapes, format="turtle")
            else:
                self.shapes = Graph().parse(data=text, format="turtle", publicID=shapes.resolve().as_uri())
        except Exception as exc:  # rdflib raises many parser types; all mean the same here
            raise ValidationError(f"{shapes}: cannot read the SHACL shapes: {exc}") from None
        self._compiled: Any = None
        if self.engine is Engine.TURBO:
            import pyshacl_turbo

            self._compiled = pyshacl_turbo.compile_shapes(self.shapes, advanced=True)

    def _report(self, quads: Iterable[ox.Quad | ox.Triple]) -> tuple[bool, Graph]:
        data = _ntriples(quads)
        if self.engine is Engine.TURBO:
            import pyshacl_turbo

            source = pyshacl_turbo.Input(data.decode("utf-8"), "nt", None, {}, preserve_ids=True)
            conforms, results, _ = self._compiled.validate(source, allow_warnings=True)
            return bool(conforms), results
        import pyshacl

        graph = Graph().parse(data=data, format="nt")
        conforms, results, _ = pyshacl.validate(
            graph, shacl_graph=self.shapes, inference="none", advanced=True, allow_warnings=True
        )
        return bool(conforms), results

    def violations(self, quads: Iterable[ox.Quad | ox.Triple]) -> list[Violation]:
        """Every SHACL violation in the data (the graph names are ignored)."""
        conforms, results = self._report(quads)
        if conforms:
            return []
        found: list[Violation] = []
        for result in results.subjects(SH.resultSeverity, SH.Violation):
            component = results.value(result, SH.sourceConstraintComponent)
            path = results.value(result, SH.resultPath)
            value = results.value(result, SH.value)
            found.append(
                Violation(
                    focus=_compact(results.value(result, SH.focusNode)),
                    path=_compact(path) if path is not None else None,
                    component=_compact(component).replace("sh:", "").replace("ConstraintComponent", ""),
                    message=str(results.value(result, SH.resultMessage) or "does not conform"),
                    value=_compact(value) if value is not None else None,
                )
            )
        return sorted(found, key=str)

    def check(self, quads: Iterable[ox.Quad | ox.Triple], *, where: str) -> None:
        """Raise ValidationError naming the first violation (and how many more there are)."""
        found = self.violations(quads)
        if found:
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            raise ValidationError(f"{where}: SHACL: {found[0]}{more}")
