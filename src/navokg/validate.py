"""SHACL validation of data graphs against ontology/shapes.ttl, with pySHACL.

The build validates each document's graph together with the reference entities it
names, so the cost grows with the document, not with the corpus; a violation stops the
build with the offending node, the constraint and the shape's message.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
import pyshacl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from .errors import ValidationError
from .vocab import PREFIXES

__all__ = ["Validator", "Violation"]


class Violation:
    """One SHACL result, readable in one line."""

    def __init__(self, focus: str, path: str | None, component: str, message: str, value: str | None):
        self.focus, self.path, self.component = focus, path, component
        self.message, self.value = message, value

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" (value {self.value})" if self.value else ""
        return f"{self.focus}{where}: {self.component}: {self.message}{value}"


def _compact(term: object) -> str:
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, namespace in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
            if text.startswith(namespace):
                return f"{prefix}:{text[len(namespace) :]}"
        return f"<{text}>"
    if isinstance(term, Literal):
        return repr(str(term)) if len(str(term)) < 60 else repr(str(term)[:57] + "...")
    return str(term)


class Validator:
    """Holds the parsed shapes; validates data graphs given as pyoxigraph quads or triples."""

    def __init__(self, shapes: Path) -> None:
        self.shapes_path = shapes
        try:
            self.shapes = Graph().parse(shapes, format="turtle")
        except Exception as exc:  # rdflib raises many parser types; all mean the same here
            raise ValidationError(f"{shapes}: cannot read the SHACL shapes: {exc}") from None

    def violations(self, quads: Iterable[ox.Quad | ox.Triple]) -> list[Violation]:
        """Every SHACL violation in the data (the graph names are ignored)."""
        triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        graph = Graph().parse(data=data, format="nt")
        conforms, results, _ = pyshacl.validate(
            graph, shacl_graph=self.shapes, inference="none", advanced=True, allow_warnings=True
        )
        if conforms:
            return []
        found: list[Violation] = []
        for result in results.subjects(SH.resultSeverity, SH.Violation):
            component = results.value(result, SH.sourceConstraintComponent)
            found.append(
                Violation(
                    focus=_compact(results.value(result, SH.focusNode)),
                    path=_compact(p) if (p := results.value(result, SH.resultPath)) else None,
                    component=_compact(component).replace("sh:", "").replace("ConstraintComponent", ""),
                    message=str(results.value(result, SH.resultMessage) or "does not conform"),
                    value=_compact(v) if (v := results.value(result, SH.value)) is not None else None,
                )
            )
        return sorted(found, key=str)

    def check(self, quads: Iterable[ox.Quad | ox.Triple], *, where: str) -> None:
        """Raise ValidationError naming the first violation (and how many more there are)."""
        found = self.violations(quads)
        if found:
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            raise ValidationError(f"{where}: SHACL: {found[0]}{more}")
