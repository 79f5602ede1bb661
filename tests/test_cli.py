"""The command line as a user meets it: output, exit codes, files left behind."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from click.testing import CliRunner

from navokg.cli import cli

from .conftest import SEED_ANNOTATIONS, SEED_DOCUMENTS, SEED_ENTITIES


def _run(runner: CliRunner, *args: str | Path):  # type: ignore[no-untyped-def]
    return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_build_reports_what_it_built(runner: CliRunner, tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = _run(
        runner,
        "build",
        "--documents",
        SEED_DOCUMENTS,
        "--annotations",
        SEED_ANNOTATIONS,
        "--entities",
        SEED_ENTITIES,
        "--store",
        store,
    )
    assert result.exit_code == 0, result.output
    assert f"Built {store}: 5 documents (5 curated, 0 automatic)" in result.stdout
    assert (store / "current").is_symlink()


def test_build_finds_the_annotations_beside_the_documents(runner: CliRunner, tmp_path: Path, seed_copy: Path) -> None:
    """A corpus kept as DIR/documents + DIR/annotations needs only --documents."""
    store = tmp_path / "store"
    args = ["build", "--documents", seed_copy / "documents", "--entities", seed_copy / "entities.yaml"]
    result = _run(runner, *args, "--store", store)
    assert result.exit_code == 0, result.output
    assert "5 documents (5 curated, 0 automatic)" in result.stdout


def test_query_json_is_w3c_sparql_results(runner: CliRunner, seed_store: Path) -> None:
    result = _run(
        runner,
        "query",
        "--store",
        seed_store,
        "--format",
        "json",
        "SELECT ?p WHERE { ?p a nkg:Person } ORDER BY ?p LIMIT 3",
    )
    data = json.loads(result.stdout)
    assert data["head"]["vars"] == ["p"]
    assert len(data["results"]["bindings"]) == 3
    assert data["results"]["bindings"][0]["p"]["type"] == "uri"


def test_query_csv_and_tsv(runner: CliRunner, seed_store: Path) -> None:
    query = "SELECT ?l WHERE { <https://w3id.org/navokg/id/person/mark-rutte> rdfs:label ?l }"
    assert _run(runner, "query", "--store", seed_store, "--format", "csv", query).stdout_bytes == b"l\r\nMark Rutte\r\n"
    assert (
        _run(runner, "query", "--store", seed_store, "--format", "tsv", query).stdout_bytes == b'?l\n"Mark Rutte"@nl\n'
    )


def test_saved_query_with_parameter_as_table(runner: CliRunner, seed_store: Path) -> None:
    args = ("office-holders-on", "--param", "date=2024-10-02", "--width", "0")
    result = _run(runner, "query", "--store", seed_store, *args)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["personLabel", "officeLabel", "certainty", "basis"]
    [navo] = [line for line in lines if "secretaris-generaal van de NAVO" in line]
    assert "Mark Rutte" in navo and " certain " in navo
    [premier] = [line for line in lines if "minister-president van Nederland" in line]
    assert "Dick Schoof" in premier and " likely " in premier and "continuation" in premier
    assert lines[-1] == f"({len(lines) - 3} rows)"


def test_query_from_a_file(runner: CliRunner, seed_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "count.rq"
    path.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s a nkg:Document }", "utf-8")
    assert _run(runner, "query", "--store", seed_store, "--format", "csv", f"@{path}").stdout_bytes == b"n\r\n5\r\n"


def test_a_query_file_that_declares_its_parameters_binds_them_as_a_saved_query_does(
    runner: CliRunner, seed_store: Path, tmp_path: Path
) -> None:
    # A researcher copies a saved query to adapt it: an entity parameter is still found by name.
    path = tmp_path / "mine.rq"
    path.write_text(
        "# param: person entity required  Whose offices\n"
        "SELECT ?office WHERE { ?h nkg:holder ?person ; nkg:office ?office }",
        "utf-8",
    )
    found = _run(runner, "query", "--store", seed_store, "--format", "csv", f"@{path}", "--param", "person=Rutte")
    assert "/office/secretaris-generaal-van-de-navo" in found.stdout


def test_ask_and_construct(runner: CliRunner, seed_store: Path) -> None:
    assert _run(runner, "query", "--store", seed_store, "ASK { ?s a nkg:AidCommitment }").stdout == "true\n"
    result = _run(
        runner,
        "query",
        "--store",
        seed_store,
        "CONSTRUCT { ?c a nkg:Country ; rdfs:label ?l } WHERE { ?c a nkg:Country ; rdfs:label ?l }",
    )
    graph = rdflib.Graph().parse(data=result.stdout, format="turtle")
    assert (
        rdflib.URIRef("https://w3id.org/navokg/id/country/oekraine"),
        rdflib.RDFS.label,
        rdflib.Literal("Oekraïne", lang="nl"),
    ) in graph
    jsonld = _run(
        runner,
        "query",
        "--store",
        seed_store,
        "--format",
        "json",
        "DESCRIBE <https://w3id.org/navokg/id/country/oekraine>",
    )
    assert len(list(pyoxigraph.parse(jsonld.stdout_bytes, format=pyoxigraph.RdfFormat.JSON_LD))) > 0


@pytest.mark.parametrize(
    "args,code,message",
    [
        (["query", "SELECT * WHERE { ?s ?p"], 3, "SPARQL syntax error"),
        (["query", "INSERT DATA { <x:a> <x:b> <x:c> }"], 3, "updates are not allowed"),
        (["query", "offices-off"], 2, "no saved query 'offices-off'; did you mean offices-of"),
        (["query", "office-holders-on"], 2, "needs --param date=..."),
        (["query", "office-holders-on", "--param", "date=2022-02-31"], 2, "February 2022 has 28 days"),
        (["query", "office-holders-on", "--param", "datum=2022-02-03"], 2, "unknown parameter(s) datum"),
        (
            ["query", "offices-of", "--param", "person=Mark Rute"],
            2,
            "no entity named 'Mark Rute'; closest: Mark Rutte",
        ),
        (["query", "@/nonexistent/q.rq"], 2, "no such query file"),
        (["query", "offices-of", "--param", "person=id:person/x>y"], 2, "--param person: 'id:person/x>y' is no IRI"),
        (["query", "offices-of", "--param", 'person=https://x.nl/a"b'], 2, "an IRI cannot hold '\"'"),
        # Bytes that are not UTF-8 reach Python as lone surrogates (here the byte 0xff).
        (["query", "offices-of", "--param", "person=Rutte\udcff"], 2, "--param person: not UTF-8 text (byte 0xff"),
        (["query", "ASK { ?s ?p '\udce9' }"], 2, "the query is not UTF-8 text (byte 0xe9"),
    ],
)
def test_query_errors_are_one_line_with_their_exit_code(
    runner: CliRunner, seed_store: Path, args: list[str], code: int, message: str
) -> None:
    result = _run(runner, *args, "--store", seed_store)
    assert result.exit_code == code
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def test_missing_store_and_store_that_is_a_file(runner: CliRunner, tmp_path: Path) -> None:
    missing = _run(runner, "query", "--store", tmp_path / "nowhere", "persons")
    assert missing.exit_code == 4 and "no navokg store here" in missing.stderr
    a_file = tmp_path / "file"
    a_file.write_text("x")
    result = _run(runner, "build", "--documents", SEED_DOCUMENTS, "--store", a_file)
    assert result.exit_code == 4 and "is a file" in result.stderr


def test_build_refuses_to_write_into_a_foreign_directory(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "thesis.tex").write_text("precious")
    result = _run(runner, "build", "--documents", SEED_DOCUMENTS, "--store", tmp_path)
    assert result.exit_code == 4 and "refusing to write into it" in result.stderr
    assert sorted(os.listdir(tmp_path)) == ["thesis.tex"]


def test_bad_evidence_fails_the_build_with_exit_1_and_keeps_the_store(
    runner: CliRunner, tmp_path: Path, seed_copy: Path
) -> None:
    store = tmp_path / "store"
    args = [
        "build",
        "--documents",
        seed_copy / "documents",
        "--annotations",
        seed_copy / "annotations",
        "--entities",
        seed_copy / "entities.yaml",
        "--store",
        store,
    ]
    assert _run(runner, *args).exit_code == 0
    before = os.readlink(store / "current")
    path = seed_copy / "annotations" / "003_11f823362a181f7f.yaml"
    path.write_text(path.read_text("utf-8").replace("Dat Rutte favoriet is", "Dat Rutte de favoriet is"), "utf-8")
    result = _run(runner, *args)
    assert result.exit_code == 1
    assert "003_11f823362a181f7f.yaml line" in result.stderr and "does not occur" in result.stderr
    assert result.stderr.count("\n") == 1
    assert os.readlink(store / "current") == before


def test_extract_prints_the_annotation_format(runner: CliRunner, small_article: Path) -> None:
    result = _run(runner, "extract", small_article)
    assert result.exit_code == 0
    assert "document: kabinet-luchtverdediging" in result.stdout


def test_saved_queries_are_listed(runner: CliRunner) -> None:
    result = _run(runner, "queries")
    assert "office-holders-on: Office holders on a date" in result.stdout
    assert "--param date=<date>  (required)" in result.stdout
