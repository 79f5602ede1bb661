"""The endpoint with real clients: the W3C protocol tests, SPARQLWrapper, a browser.

The W3C SPARQL 1.1 Protocol test suite's query tests that apply to a read-only service
(https://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/), written as pytest
cases against `navokg serve` on the seed store: their names are the suite's.
"""

from __future__ import annotations

import contextlib
import csv
import http.server
import io
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDF, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from navokg.store import GraphStore
from navokg.vocab import ENTITIES_GRAPH, GRAPH_BASE

from .conftest import SEED_IDS
from .server import Server, free_port, running_server
from .test_pages import CHROMIUM, CHROMIUM_ARGS
from .test_serve import (
    CONSTRUCT_RUTTE,
    PERSONS,
    RUTTE,
    assert_error,
    assert_isomorphic,
    expected_graph,
    expected_persons,
    rdflib_graph,
)

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def _count(response: httpx.Response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def _in_graph(graph: GraphStore, name: str) -> int:
    return int(next(iter(graph.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")))["n"].value)


# --- W3C protocol tests: queries that must succeed -------------------------------------------


def test_query_get(seed_server: Server) -> None:
    response = httpx.get(seed_server.url + "/sparql", params={"query": "ASK {}"})
    assert response.status_code == 200
    assert response.json()["boolean"] is True


def test_query_post_form(seed_server: Server) -> None:
    response = httpx.post(seed_server.url + "/sparql", content=b"query=ASK%20%7B%7D", headers=FORM)
    assert response.status_code == 200 and response.json()["boolean"] is True


def test_query_post_direct(seed_server: Server) -> None:
    response = httpx.post(
        seed_server.url + "/sparql", content=b"ASK {}", headers={"Content-Type": "application/sparql-query"}
    )
    assert response.status_code == 200 and response.json()["boolean"] is True


def test_query_dataset_default_graphs_get(seed_server: Server, seed_graph: GraphStore) -> None:
    first = f"{GRAPH_BASE}doc/{SEED_IDS[0]}"
    params = [("query", COUNT), ("default-graph-uri", ENTITIES_GRAPH), ("default-graph-uri", first)]
    want = _in_graph(seed_graph, ENTITIES_GRAPH) + _in_graph(seed_graph, first)
    assert _count(httpx.get(seed_server.url + "/sparql", params=params)) == want


def test_query_dataset_default_graphs_post(seed_server: Server, seed_graph: GraphStore) -> None:
    first = f"{GRAPH_BASE}doc/{SEED_IDS[0]}"
    data = {"query": COUNT, "default-graph-uri": [ENTITIES_GRAPH, first]}
    want = _in_graph(seed_graph, ENTITIES_GRAPH) + _in_graph(seed_graph, first)
    assert _count(httpx.post(seed_server.url + "/sparql", data=data)) == want


def test_query_dataset_named_graphs_post(seed_server: Server) -> None:
    wanted = sorted([f"{GRAPH_BASE}doc/{SEED_IDS[1]}", ENTITIES_GRAPH])
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    response = httpx.post(seed_server.url + "/sparql", data={"query": query, "named-graph-uri": wanted})
    assert [b["g"]["value"] for b in response.json()["results"]["bindings"]] == wanted


def test_query_dataset_named_graphs_get(seed_server: Server) -> None:
    wanted = sorted([f"{GRAPH_BASE}doc/{SEED_IDS[2]}", ENTITIES_GRAPH])
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    params = [("query", query), *(("named-graph-uri", g) for g in wanted)]
    response = httpx.get(seed_server.url + "/sparql", params=params)
    assert [b["g"]["value"] for b in response.json()["results"]["bindings"]] == wanted


def test_query_dataset_full(seed_server: Server, seed_graph: GraphStore) -> None:
    """Default and named graphs given together: each part sees only its own."""
    named = f"{GRAPH_BASE}doc/{SEED_IDS[0]}"
    query = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
    params = [("query", query), ("default-graph-uri", ENTITIES_GRAPH), ("named-graph-uri", named)]
    want = _in_graph(seed_graph, ENTITIES_GRAPH) + _in_graph(seed_graph, named)
    assert _count(httpx.get(seed_server.url + "/sparql", params=params)) == want


def test_query_multiple_dataset(seed_server: Server, seed_graph: GraphStore) -> None:
    """The protocol's dataset replaces the one the query names with FROM."""
    first = f"{GRAPH_BASE}doc/{SEED_IDS[0]}"
    query = f"SELECT (COUNT(*) AS ?n) FROM <{first}> WHERE {{ ?s ?p ?o }}"
    params = {"query": query, "default-graph-uri": ENTITIES_GRAPH}
    assert _count(httpx.get(seed_server.url + "/sparql", params=params)) == _in_graph(seed_graph, ENTITIES_GRAPH)


@pytest.mark.parametrize(
    "accept,allowed",
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
    ],
)
def test_query_content_type_select(seed_server: Server, accept: str, allowed: str) -> None:
    response = httpx.get(seed_server.url + "/sparql", params={"query": PERSONS}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == allowed


def test_query_content_type_ask(seed_server: Server) -> None:
    response = httpx.get(
        seed_server.url + "/sparql", params={"query": "ASK {}"}, headers={"Accept": "application/sparql-results+xml"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/sparql-results+xml"
    assert [bool(r) for r in [ox.parse_query_results(response.content, format=ox.QueryResultsFormat.XML)]] == [True]


def test_query_content_type_describe(seed_server: Server, seed_graph: GraphStore) -> None:
    response = httpx.get(
        seed_server.url + "/sparql",
        params={"query": f"DESCRIBE <{RUTTE}>"},
        headers={"Accept": "application/rdf+xml, text/turtle"},
    )
    assert response.status_code == 200
    media_type = response.headers["content-type"].split(";")[0]
    assert media_type in ("application/rdf+xml", "text/turtle")
    fmt = "xml" if media_type == "application/rdf+xml" else "turtle"
    assert_isomorphic(rdflib_graph(response.content, fmt), expected_graph(seed_graph, f"DESCRIBE <{RUTTE}>"))


def test_query_content_type_construct_with_relative_iris(seed_server: Server) -> None:
    """The suite's own query: relative IRIs resolve against the endpoint's address."""
    response = httpx.get(
        seed_server.url + "/sparql",
        params={"query": "CONSTRUCT { <s> <p> 1 } WHERE {}"},
        headers={"Accept": "application/rdf+xml, text/turtle"},
    )
    assert response.status_code == 200, response.text
    media_type = response.headers["content-type"].split(";")[0]
    graph = rdflib_graph(response.content, "xml" if media_type == "application/rdf+xml" else "turtle")
    base = seed_server.url + "/"
    assert set(graph) == {(rdflib.URIRef(base + "s"), rdflib.URIRef(base + "p"), rdflib.Literal(1))}


# --- W3C protocol tests: requests that must fail ---------------------------------------------


def test_bad_query_method(seed_server: Server) -> None:
    response = httpx.request("PUT", seed_server.url + "/sparql", params={"query": "ASK {}"})
    assert_error(response, 405, "MethodNotAllowed")


def test_bad_multiple_queries(seed_server: Server) -> None:
    # The same query twice is still two query parameters: the protocol allows exactly one.
    response = httpx.get(seed_server.url + "/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")])
    assert "once" in assert_error(response, 400, "QueryError")["message"]
    form = httpx.post(seed_server.url + "/sparql", content=b"query=ASK%20%7B%7D&query=ASK%20%7B%7D", headers=FORM)
    assert_error(form, 400, "QueryError")


def test_bad_query_wrong_media_type(seed_server: Server) -> None:
    response = httpx.post(seed_server.url + "/sparql", content=b"ASK {}", headers={"Content-Type": "text/plain"})
    assert_error(response, 415, "UnsupportedMediaType")


def test_bad_query_missing_form_type(seed_server: Server) -> None:
    response = httpx.post(seed_server.url + "/sparql", content=b"query=ASK%20%7B%7D", headers={"Content-Type": ""})
    assert_error(response, 415, "UnsupportedMediaType")


def test_bad_query_missing_direct_type(seed_server: Server) -> None:
    response = httpx.post(seed_server.url + "/sparql", content=b"ASK {}", headers={"Content-Type": ""})
    assert_error(response, 415, "UnsupportedMediaType")


def test_bad_query_non_utf8(seed_server: Server) -> None:
    response = httpx.post(
        seed_server.url + "/sparql",
        content="ASK { ?s ?p 'é' }".encode("latin-1"),
        headers={"Content-Type": "application/sparql-query; charset=ISO-8859-1"},
    )
    assert response.status_code in (400, 415), response.text
    assert "UTF-8" in response.json()["error"]["message"]


def test_bad_query_syntax(seed_server: Server) -> None:
    response = httpx.get(seed_server.url + "/sparql", params={"query": "ASK {"})
    assert "syntax error" in assert_error(response, 400, "QueryError")["message"]


def test_missing_query(seed_server: Server) -> None:
    response = httpx.post(seed_server.url + "/sparql", data={"default-graph-uri": ENTITIES_GRAPH})
    assert "no query" in assert_error(response, 400, "QueryError")["message"]


def test_update_sent_to_the_query_operation(seed_server: Server) -> None:
    response = httpx.post(seed_server.url + "/sparql", data={"query": "CLEAR ALL"})
    assert "read-only" in assert_error(response, 400, "QueryError")["message"]


# --- SPARQLWrapper in every return format ----------------------------------------------------

ASK_RUTTE = f"ASK {{ <{RUTTE}> a nkg:Person }}"


def _labels(converted: Any, fmt: str) -> list[str]:
    if fmt == JSON:
        return [b["label"]["value"] for b in converted["results"]["bindings"]]
    if fmt == XML:
        return [node.firstChild.data for node in converted.getElementsByTagName("literal")]
    text = converted.decode("utf-8") if isinstance(converted, bytes) else converted
    if fmt == CSV:
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == ["label"]
        return [row[0] for row in rows[1:]]
    return [
        solution["label"].value for solution in ox.parse_query_results(text.encode(), format=ox.QueryResultsFormat.TSV)
    ]


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select_in_each_results_format(seed_server: Server, seed_graph: GraphStore, fmt: str) -> None:
    client = SPARQLWrapper(seed_server.url + "/sparql")
    client.setQuery(PERSONS)
    client.setReturnFormat(fmt)
    assert _labels(client.queryAndConvert(), fmt) == expected_persons(seed_graph)


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_ask_in_each_results_format(seed_server: Server, fmt: str) -> None:
    client = SPARQLWrapper(seed_server.url + "/sparql")
    client.setQuery(ASK_RUTTE)
    client.setReturnFormat(fmt)
    result = client.query()
    body = result.response.read()
    if fmt == CSV:  # the one format pyoxigraph does not read back
        assert body.decode().split() == ["true"]
        return
    results_format = {JSON: "JSON", XML: "XML", TSV: "TSV"}[fmt]
    assert bool(ox.parse_query_results(body, format=getattr(ox.QueryResultsFormat, results_format)))


@pytest.mark.filterwarnings("ignore:Sending Accept header:RuntimeWarning")  # SPARQLWrapper's own note
@pytest.mark.parametrize("fmt", [TURTLE, N3, RDF, RDFXML, JSONLD])
def test_sparqlwrapper_select_asking_for_a_graph_format_gets_results(
    seed_server: Server, seed_graph: GraphStore, fmt: str
) -> None:
    """SPARQLWrapper sends format=turtle (and Accept */*) for a SELECT: the results come in JSON."""
    client = SPARQLWrapper(seed_server.url + "/sparql")
    client.setQuery(PERSONS)
    client.setReturnFormat(fmt)
    response = client.query().response
    assert response.headers["Content-Type"] == "application/sparql-results+json"
    assert [b["label"]["value"] for b in json.loads(response.read())["results"]["bindings"]] == expected_persons(
        seed_graph
    )


@pytest.mark.filterwarnings("ignore:Sending Accept header:RuntimeWarning")
@pytest.mark.parametrize(
    "fmt,media_type",
    [
        (TURTLE, "text/turtle"),
        (N3, "text/turtle"),
        (RDF, "application/rdf+xml"),
        (RDFXML, "application/rdf+xml"),
        (XML, "application/rdf+xml"),
        (JSONLD, "application/ld+json"),
        (JSON, "application/ld+json"),
    ],
)
@pytest.mark.parametrize("form", ["CONSTRUCT", "DESCRIBE"])
def test_sparqlwrapper_graphs_in_each_rdf_format(
    seed_server: Server, seed_graph: GraphStore, fmt: str, media_type: str, form: str
) -> None:
    query = CONSTRUCT_RUTTE if form == "CONSTRUCT" else f"DESCRIBE <{RUTTE}>"
    client = SPARQLWrapper(seed_server.url + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    response = client.query().response
    assert response.headers["Content-Type"].split(";")[0] == media_type
    parse_as = {"text/turtle": "turtle", "application/rdf+xml": "xml", "application/ld+json": "json-ld"}[media_type]
    assert_isomorphic(rdflib_graph(response.read(), parse_as), expected_graph(seed_graph, query))


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # SPARQLWrapper's rdflib use
def test_sparqlwrapper_converts_rdfxml_to_a_graph(seed_server: Server, seed_graph: GraphStore) -> None:
    client = SPARQLWrapper(seed_server.url + "/sparql")
    client.setQuery(CONSTRUCT_RUTTE)
    client.setReturnFormat(RDFXML)
    assert_isomorphic(client.queryAndConvert(), expected_graph(seed_graph, CONSTRUCT_RUTTE))


# --- a browser-based client (YASGUI's requests) ----------------------------------------------

YASGUI_PAGE = """<!doctype html><html><body><script>
async function ask(endpoint, query) {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json,*/*;q=0.9"},
    body: query,
  });
  return {status: response.status, body: await response.json()};
}
</script></body></html>"""


@contextlib.contextmanager
def _page_server() -> Iterator[str]:
    """The YASGUI-like page, served over HTTP from another loopback port: another origin."""

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = YASGUI_PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            return None

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: install it with bash .ci/install-browser")
def test_a_page_from_an_allowed_origin_queries_the_endpoint_in_chromium(
    seed_store: Path, seed_graph: GraphStore, tmp_path: Path
) -> None:
    """A YASGUI-like page of another origin sends a preflighted POST, as YASGUI does."""
    from playwright.sync_api import sync_playwright

    with _page_server() as allowed, _page_server() as other:
        options = ["--cors-origin", allowed, "--workers", "2", "--log-level", "info"]
        with running_server(seed_store, *options, log_dir=tmp_path) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                tab = browser.new_page()
                tab.goto(allowed + "/")
                answer = tab.evaluate("([url, query]) => ask(url, query)", [server.url + "/sparql", PERSONS])
                tab.goto(other + "/")
                refused = tab.evaluate(
                    "([url, query]) => ask(url, query).then(() => 'answered', (e) => e.name)",
                    [server.url + "/sparql", "ASK {}"],
                )
            finally:
                browser.close()
    log = server.log_text()  # complete once the server has stopped
    assert answer["status"] == 200
    assert [b["label"]["value"] for b in answer["body"]["results"]["bindings"]] == expected_persons(seed_graph)
    # The preflight, then the query; the other origin's preflight is refused and nothing is run.
    access = [line.split('"')[1] for line in log.splitlines() if '"' in line and "/sparql" in line]
    assert access[-3:] == ["OPTIONS /sparql HTTP/1.1", "POST /sparql HTTP/1.1", "OPTIONS /sparql HTTP/1.1"], log
    assert refused == "TypeError"


def test_the_w3c_cases_cover_the_suites_query_tests() -> None:
    """Every query test of the suite that a read-only service can pass has a case here."""
    names = {name for name in globals() if name.startswith(("test_query_", "test_bad_"))}
    suite = {
        "query_get", "query_post_form", "query_post_direct", "query_dataset_default_graphs_get",
        "query_dataset_default_graphs_post", "query_dataset_named_graphs_post", "query_dataset_named_graphs_get",
        "query_dataset_full", "query_multiple_dataset", "query_content_type_select", "query_content_type_ask",
        "query_content_type_describe", "bad_query_method", "bad_multiple_queries", "bad_query_wrong_media_type",
        "bad_query_missing_form_type", "bad_query_missing_direct_type", "bad_query_non_utf8", "bad_query_syntax",
    }  # fmt: skip
    assert {"test_" + name for name in suite} <= names | {"test_query_content_type_construct"}
    assert "test_query_content_type_construct_with_relative_iris" in names
