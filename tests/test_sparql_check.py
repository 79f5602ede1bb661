"""The one check every query passes before the engine: nesting, updates, SERVICE, cost."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from navokg.cli import cli
from navokg.errors import QueryError
from navokg.read.query import load_saved_queries
from navokg.read.sparql_check import MAX_DEPTH, check_query, nesting_depth

from .server import Server

# The shape that crashed Oxigraph 0.5's parser (SIGSEGV): a 10 KB query, 5,000 parentheses deep.
DEEP = "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"


@pytest.mark.parametrize(
    "text,depth",
    [
        ("SELECT * WHERE { ?s ?p ?o }", 1),
        ("SELECT * WHERE { { ?s ?p ?o } FILTER((1 + 2) > 0) }", 3),
        ('SELECT * WHERE { ?s ?p "((((((((" }', 1),
        ("SELECT * WHERE { ?s ?p ?o } # ((((((((", 1),
        ("SELECT * WHERE { ?s <http://example.org/a_(b)> ?o }", 2),  # brackets in IRIs count: '<' may be less-than
        ("SELECT * WHERE { ?s ?p ?o FILTER(?o<'>' || ((((1)))) || ?o = '') }", 6),
        ("ASK { ?s ?p ( ( ( 1 ) ) ) }", 4),
        ("ASK { ?s ?p [ ?q [ ?r 1 ] ] }", 3),
        ("ASK { } } } } ((( ", 3),  # unbalanced: the parser's business, the depth still counts
    ],
)
def test_nesting_depth_counts_code_not_strings_or_comments(text: str, depth: int) -> None:
    assert nesting_depth(text)[0] == depth


@pytest.mark.parametrize(
    "text",
    [
        DEEP,
        "SELECT * WHERE " + "{ " * 3000 + "?s ?p ?o" + " }" * 3000,
        "SELECT * WHERE { ?s <p:p> " + "[ <p:p> " * 200 + "1" + " ]" * 200 + " }",
        "SELECT * WHERE { ?s <p:p> " + "( " * 200 + "1" + " )" * 200 + " }",
    ],
    ids=["parentheses", "braces", "blank-node lists", "collections"],
)
def test_queries_nested_too_deep_are_refused_before_any_parser(text: str) -> None:
    with pytest.raises(QueryError, match=f"nested at most {MAX_DEPTH} deep"):
        check_query(text)


def test_nesting_up_to_the_limit_is_read() -> None:
    text = "SELECT * WHERE { FILTER(" + "(" * (MAX_DEPTH - 2) + "1" + ")" * (MAX_DEPTH - 2) + ") }"
    assert check_query(text).form == "SELECT"


def test_long_flat_queries_are_read() -> None:
    """rdflib's parser recurses per triple pattern: a long group must not look too deep."""
    text = "SELECT * WHERE { " + " ".join(f"?s <p:{i}> ?o{i} ." for i in range(500)) + " }"
    assert check_query(text).form == "SELECT"


def test_every_saved_query_passes_the_check() -> None:
    for saved in load_saved_queries().values():
        assert check_query(saved.text).form == "SELECT", saved.name


@pytest.mark.parametrize(
    "text,bounded",
    [
        ("SELECT ?l WHERE { <https://w3id.org/navokg/id/person/mark-rutte> rdfs:label ?l }", True),
        ("SELECT ?o WHERE { ?h nkg:holder <https://w3id.org/navokg/id/person/mark-rutte> ; nkg:office ?o }", True),
        ("SELECT ?p ?l WHERE { ?p a nkg:Person ; rdfs:label ?l } ORDER BY ?l LIMIT 50", True),
        ("ASK { ?x a nkg:Statement }", True),
        ("SELECT ?l WHERE { VALUES ?p { <https://w3id.org/navokg/id/person/mark-rutte> } ?p rdfs:label ?l }", True),
        ("SELECT * WHERE { ?a ?b ?c }", False),
        ("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f ?c LIMIT 1", False),
        ("SELECT * WHERE { ?p a nkg:Person . ?q a nkg:Person }", False),  # a cross product
        ("SELECT * WHERE { ?x nkg:text ?t }", False),  # every statement: nothing to start from
        ("SELECT * WHERE { <https://w3id.org/navokg/id/person/mark-rutte> (rdfs:seeAlso|^rdfs:seeAlso)+ ?x }", False),
        ("SELECT * WHERE { { ?p a nkg:Person } UNION { ?p a nkg:Office } }", False),
        ("SELECT * WHERE { ?p a nkg:Person { SELECT ?p WHERE { ?p rdfs:label ?l } } }", False),
    ],
)
def test_cost_is_bounded_only_by_constants_the_patterns_start_from(text: str, bounded: bool) -> None:
    assert check_query(text).bounded is bounded


def test_dataset_clause_is_read_from_the_parse() -> None:
    assert check_query("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }").dataset
    assert not check_query("SELECT ?from WHERE { ?from ?p ?o }").dataset


def test_syntax_errors_say_where() -> None:
    with pytest.raises(QueryError, match="SPARQL syntax error at line 2, column 4"):
        check_query("SELECT ?x WHERE {\n  }}")


# --- the CLI and the endpoint ------------------------------------------------------------------


def test_cli_refuses_a_deep_query_with_one_line_and_exit_3(runner: CliRunner, seed_store: Path, tmp_path: Path) -> None:
    query = tmp_path / "deep.rq"
    query.write_text(DEEP, "utf-8")
    result = runner.invoke(cli, ["query", "--store", str(seed_store), f"@{query}"], catch_exceptions=False)
    assert result.exit_code == 3
    assert result.stderr.startswith("navokg: error: the query nests brackets 5002 deep")
    assert result.stderr.count("\n") == 1


def test_endpoint_refuses_a_deep_query_and_keeps_its_workers(seed_server: Server) -> None:
    before = seed_server.worker_pids()
    response = httpx.post(seed_server.url + "/sparql", data={"query": DEEP})
    assert response.status_code == 400, response.text
    assert response.json()["error"]["type"] == "QueryError"
    assert f"nested at most {MAX_DEPTH} deep" in response.json()["error"]["message"]
    # A longer one is read by a worker rather than the server: refused all the same.
    longer = "SELECT * WHERE { FILTER(" + "(" * 20_000 + "1" + ")" * 20_000 + ") }"
    response = httpx.post(seed_server.url + "/sparql", data={"query": longer})
    assert response.status_code == 400 and "deep" in response.json()["error"]["message"]
    assert seed_server.worker_pids() == before  # no worker crashed


def test_a_prefixed_name_containing_service_is_no_federated_query(seed_server: Server) -> None:
    response = httpx.get(seed_server.url + "/sparql", params={"query": "SELECT * WHERE { ?s schema:serviceType ?o }"})
    assert response.status_code == 200, response.text
