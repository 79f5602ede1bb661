"""Pushing the graph to a real Oxigraph server and querying it remotely."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from navokg.build.pipeline import build
from navokg.cli import cli

from .conftest import SEED_ANNOTATIONS, SEED_DOCUMENTS, SEED_ENTITIES, free_port


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Oxigraph server on a loopback port, union default graph as navokg expects."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(binary).exists():
        pytest.skip("the oxigraph server binary (PyPI package 'oxigraph') is not installed")
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{base}/query", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("the oxigraph server did not start")
        time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)


def _run(*args: str | Path):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_pushed_graph_answers_remotely_as_it_does_locally(oxigraph_server: str, seed_store: Path) -> None:
    pushed = _run("push", "--to", f"{oxigraph_server}/store", "--store", seed_store)
    assert pushed.exit_code == 0, pushed.output
    assert "Pushed 9 graphs" in pushed.stdout  # five documents, facts, entities, derived, ontology
    for args in (["persons"], ["office-holders-on", "--param", "date=2024-10-02"],
                 ["statements-by", "--param", "person=Rutte", "--param", "from=2022-04-01"]):  # fmt: skip
        local = _run("query", "--store", seed_store, "--format", "csv", *args)
        remote = _run("query", "--endpoint", f"{oxigraph_server}/query", "--format", "csv", *args)
        assert remote.exit_code == 0, remote.output
        assert remote.stdout_bytes == local.stdout_bytes


def test_a_second_push_replaces_graphs_and_prune_removes_stale_ones(
    oxigraph_server: str, seed_store: Path, tmp_path: Path
) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    _run("push", "--to", f"{oxigraph_server}/store", "--store", seed_store)
    before = _run("query", "--endpoint", f"{oxigraph_server}/query", "--format", "csv", count).stdout
    _run("push", "--to", f"{oxigraph_server}/store", "--store", seed_store)
    assert _run("query", "--endpoint", f"{oxigraph_server}/query", "--format", "csv", count).stdout == before

    # A store without document 001: pruning removes that document's graph remotely.
    smaller = tmp_path / "documents"
    smaller.mkdir()
    for source in SEED_DOCUMENTS.iterdir():
        if not source.name.startswith("001_"):
            shutil.copy(source, smaller / source.name)
    annotations = tmp_path / "annotations"
    shutil.copytree(SEED_ANNOTATIONS, annotations)
    (annotations / "001_2e465c82d589c2ad.yaml").unlink()
    store = tmp_path / "store"
    build(documents=smaller, annotations=annotations, entities=SEED_ENTITIES, store=store)
    result = _run("push", "--to", f"{oxigraph_server}/store", "--endpoint", f"{oxigraph_server}/query",
                  "--prune", "--store", store)  # fmt: skip
    assert result.exit_code == 0 and "removed 1 stale document graphs" in result.stdout
    ask = "ASK { GRAPH <https://w3id.org/navokg/graph/doc/001_2e465c82d589c2ad> { ?s ?p ?o } }"
    assert _run("query", "--endpoint", f"{oxigraph_server}/query", ask).stdout == "false\n"


def test_remote_errors_are_one_line(oxigraph_server: str, seed_store: Path) -> None:
    bad_query = _run("query", "--endpoint", f"{oxigraph_server}/query", "SELECT * WHERE {")
    assert bad_query.exit_code == 3 and "the endpoint refused the query" in bad_query.stderr
    nobody = f"http://127.0.0.1:{free_port()}/store"
    refused = _run("push", "--to", nobody, "--store", seed_store)
    assert refused.exit_code == 5 and refused.stderr.count("\n") == 1
    assert "pushing https://w3id.org/navokg/graph/" in refused.stderr
