"""Where navokg finds what it does not ship inside the package: ontology, queries, the corpus.

A checkout keeps ``ontology/``, ``queries/`` and ``graph/`` beside ``src/``; anywhere else
they are looked for in the working directory.  A corpus directory carries its curated
annotations beside its documents (``graph/documents`` -> ``graph/annotations``), which is
where a build looks for them unless told otherwise; the entity registry is the
project's ``graph/entities.yaml`` unless another is given.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["DEFAULT_DOCUMENTS", "beside_documents", "default_entities", "default_ontology_dir", "project_path"]

DEFAULT_DOCUMENTS = Path("graph/documents")


def project_path(name: str) -> Path:
    """``name`` beside ``src/`` in a checkout, else in the working directory."""
    beside = Path(__file__).resolve().parents[2] / name
    return beside if beside.exists() else Path(name)


def beside_documents(documents: Path, name: str) -> Path | None:
    """A file or folder next to the documents folder (graph/documents -> graph/annotations), if there."""
    candidate = documents.resolve().parent / name
    return candidate if candidate.exists() else None


def default_entities() -> Path | None:
    """The project's entity registry, ``graph/entities.yaml``, where there is one."""
    return beside_documents(DEFAULT_DOCUMENTS, "entities.yaml")


def default_ontology_dir() -> Path:
    """ontology/ beside src/ in a checkout, else ./ontology."""
    return project_path("ontology")
