"""The extractor's output is a curated annotation as it stands: it loads back unchanged.

`navokg extract FILE > graph/annotations/FILE.yaml` must never make `navokg build` fail:
for every document in the repository, the printed facts load with the annotation loader
(against the same registry) and give the same facts, keys and evidence.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from navokg.build.pipeline import build
from navokg.cli import cli
from navokg.extract import extract
from navokg.model import ReportedFact
from navokg.sources.annotation_writer import dump_annotation
from navokg.sources.annotations import load_annotation, read_annotation_entities
from navokg.sources.documents import read_document
from navokg.sources.entities import load_registry

from .conftest import REPO, SEED_ENTITIES

DOCUMENTS = sorted(
    [
        *(REPO / "graph" / "documents").glob("*.txt"),
        *(REPO / "benchmarks" / "devset" / "documents").glob("*.txt"),
        *(REPO / "benchmarks" / "written" / "documents").glob("*.txt"),
        *(REPO / "benchmarks" / "blind").glob("*/documents/*.txt"),
        *(REPO / "tests" / "data" / "extract").glob("*.txt"),
    ]
)


def _comparable(fact: ReportedFact) -> ReportedFact:
    """A fact without what only the extractor gives (method, confidence)."""
    return replace(fact, method=None, confidence=None)


@pytest.mark.parametrize("entities", [SEED_ENTITIES, None], ids=["project-registry", "gazetteer-only"])
@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.stem for p in DOCUMENTS])
def test_extractor_output_loads_back_as_the_same_facts(path: Path, entities: Path | None, tmp_path: Path) -> None:
    document = read_document(path)
    registry = load_registry(entities)
    found = extract(document, registry)
    annotation = tmp_path / f"{document.id}.yaml"
    annotation.write_text(dump_annotation(found, registry), "utf-8")
    reader = load_registry(entities)
    for entity in read_annotation_entities([annotation]):
        reader.add(entity)
    loaded = load_annotation(annotation, document, reader)
    assert [_comparable(f) for f in loaded.facts] == [_comparable(f) for f in found.facts]
    assert {e.key for e in loaded.entities} == {e.key for e in found.entities}


# A line break inside a title: the office is read up to the break ("minister voor
# Buitenlandse Handel en"), a key that differs from its label's slug.
WRAPPED_TITLE = """---
published: '2024-09-10'
---
Nederland trekt 10 miljoen euro uit voor noodhulp aan Soedan, maakte minister voor Buitenlandse Handel en
Ontwikkelingssamenwerking Reinette Klever dinsdag bekend.
"""


def test_extract_saved_as_annotation_builds(tmp_path: Path, runner: CliRunner) -> None:
    documents, annotations = tmp_path / "documents", tmp_path / "annotations"
    documents.mkdir()
    annotations.mkdir()
    (documents / "klever.txt").write_text(WRAPPED_TITLE, "utf-8")
    printed = runner.invoke(cli, ["extract", str(documents / "klever.txt")], catch_exceptions=False)
    assert printed.exit_code == 0, printed.output
    (annotations / "klever.yaml").write_text(printed.stdout, "utf-8")
    report = build(documents=documents, annotations=annotations, store=tmp_path / "store", entities=SEED_ENTITIES)
    assert report.curated == 1 and sum(report.facts.values()) > 0
