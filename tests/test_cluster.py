"""A build on a Dask cluster makes the store a local build makes, and fails as a local one does.

The cluster is a real one: a scheduler and two worker processes started by the test
(``distributed.LocalCluster``), reached by its address as a user's would be.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from benchmarks.corpus import write_corpus
from click.testing import CliRunner, Result
from distributed import LocalCluster

from navokg.cli import cli

from .conftest import SEED_ANNOTATIONS, SEED_DOCUMENTS, SEED_ENTITIES, free_port

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a local Dask cluster: two single-threaded worker processes."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


def _corpus(root: Path, generated: int) -> Path:
    """The five curated seeds beside ``generated`` un-annotated documents for the extractor."""
    shutil.copytree(SEED_DOCUMENTS, root / "documents")
    shutil.copytree(SEED_ANNOTATIONS, root / "annotations")
    shutil.copy(SEED_ENTITIES, root / "entities.yaml")
    if generated:
        write_corpus(root / "documents", generated)
    return root


def _run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _build(corpus: Path, store: Path, *options: str) -> Result:
    return _run("build", "--documents", corpus / "documents", "--annotations", corpus / "annotations",
                "--entities", corpus / "entities.yaml", "--store", store, *options)  # fmt: skip


def _nquads(store: Path) -> bytes:
    exported = _run("export", "--format", "nquads", "--store", store)
    assert exported.exit_code == 0, exported.output
    return exported.stdout_bytes


def test_a_cluster_build_exports_the_bytes_of_a_local_one(scheduler: str, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", 40)
    on_cluster, local = tmp_path / "cluster", tmp_path / "local"
    built = _build(corpus, on_cluster, "--dask", scheduler)
    assert built.exit_code == 0, built.output
    assert "45 documents (5 curated, 40 automatic)" in built.stdout
    assert _build(corpus, local, "--jobs", "2").exit_code == 0
    assert len(_nquads(local)) > 100_000
    assert _nquads(on_cluster) == _nquads(local)

    # Incrementally on the cluster: one document changed, one gone, one curated one re-annotated.
    documents = corpus / "documents"
    changed = documents / "bench-2024-000003.txt"
    changed.write_text(changed.read_text("utf-8") + "\nPremier Dick Schoof reist dinsdag naar Kiev.\n", "utf-8")
    (documents / "bench-2024-000007.txt").unlink()
    annotation = corpus / "annotations" / "000_20c9fd92713bf5d2.yaml"
    annotation.write_text(annotation.read_text("utf-8") + "\n# reviewed\n", "utf-8")
    again = _build(corpus, on_cluster, "--dask", scheduler)
    assert again.exit_code == 0, again.output
    assert "44 documents" in again.stdout and "42 unchanged" in again.stdout
    # tests/test_incremental.py: a local incremental build gives the store of a full one.
    assert "42 unchanged" in _build(corpus, local).stdout
    assert _nquads(on_cluster) == _nquads(local)


def test_a_document_rejected_on_a_worker_is_rejected_as_locally(scheduler: str, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", 0)
    annotation = corpus / "annotations" / "003_11f823362a181f7f.yaml"
    text = annotation.read_text("utf-8")
    assert "evidence: demissionair premier" in text
    annotation.write_text(text.replace("evidence: demissionair premier", "evidence: niet in de tekst"), "utf-8")
    local = _build(corpus, tmp_path / "local")
    remote = _build(corpus, tmp_path / "cluster", "--dask", scheduler)
    assert local.exit_code == remote.exit_code == 1
    assert remote.stderr == local.stderr and "niet in de tekst" in remote.stderr
    assert not (tmp_path / "cluster" / "current").exists()


def test_an_unreachable_scheduler_is_one_line_and_leaves_the_store(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", 0)
    store = tmp_path / "store"
    assert _build(corpus, store).exit_code == 0
    before = _nquads(store)
    generations = sorted((store / "generations").iterdir())
    nobody = f"tcp://127.0.0.1:{free_port()}"
    failed = _build(corpus, store, "--dask", nobody)
    assert failed.exit_code == 5
    assert failed.stderr.count("\n") == 1 and f"cannot reach the Dask scheduler at {nobody}" in failed.stderr
    assert _nquads(store) == before and sorted((store / "generations").iterdir()) == generations
    malformed = _build(corpus, store, "--dask", "scheduler-without-port")
    assert malformed.exit_code == 2 and malformed.stderr.startswith("navokg: error: --dask: ")
