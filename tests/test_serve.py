"""The SPARQL 1.1 Protocol endpoint, tested over HTTP against a running `navokg serve`."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import shutil
import time
from pathlib import Path
from typing import Any

import httpx
import psutil
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, TSV, TURTLE, URLENCODED, XML, SPARQLWrapper

from navokg.build.pipeline import build
from navokg.errors import QueryError
from navokg.read.sparql_check import check_query
from navokg.store import GraphStore
from navokg.vocab import ENTITIES_GRAPH, GRAPH_BASE
from navokg.web.server import ServeConfig, create_app, routes
from navokg.web.sparql import ResultKind, acceptable, choose_format, parse_accept
from navokg.web.workers import WorkerContext, WorkerPool, WorkerSettings

from .conftest import SEED_ANNOTATIONS, SEED_DOCUMENTS, SEED_ENTITIES, SEED_IDS
from .server import Server, running_server

PERSONS = "SELECT ?label WHERE { ?p a nkg:Person ; rdfs:label ?label FILTER (LANG(?label) = 'nl') } ORDER BY ?label"
RUTTE = "https://w3id.org/navokg/id/person/mark-rutte"
CONSTRUCT_RUTTE = f"CONSTRUCT {{ <{RUTTE}> ?p ?o }} WHERE {{ <{RUTTE}> ?p ?o }}"
# Four unconstrained patterns over ~3,000 triples: about 10^14 solutions to count.
PATHOLOGICAL = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
TIMEOUT = 2.0  # the seed server's --timeout (tests/conftest.py)


def expected_persons(graph: GraphStore) -> list[str]:
    return [row["label"].value for row in graph.query(PERSONS)]


def labels_from_json(body: bytes) -> list[str]:
    return [b["label"]["value"] for b in json.loads(body)["results"]["bindings"]]


def assert_error(response: httpx.Response, status: int, error_type: str) -> dict[str, Any]:
    """The one error body shape: {"error": {"type", "status", "message"}}."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"type", "status", "message"}
    assert body["error"]["type"] == error_type
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return dict(body["error"])


def rdflib_graph(data: bytes, fmt: str) -> rdflib.Graph:
    if fmt == "json-ld":  # rdflib's JSON-LD parser warns about its own deprecated API: read with pyoxigraph
        data, fmt = ox.serialize(ox.parse(data, format=ox.RdfFormat.JSON_LD), format=ox.RdfFormat.N_TRIPLES), "nt"
    return rdflib.Graph().parse(data=data, format=fmt)


def expected_graph(graph: GraphStore, construct: str) -> rdflib.Graph:
    triples = list(graph.query(construct))
    return rdflib_graph(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), "nt")


def assert_isomorphic(got: rdflib.Graph, want: rdflib.Graph) -> None:
    if not isomorphic(got, want):
        _, only_got, only_want = graph_diff(to_isomorphic(got), to_isomorphic(want))
        pytest.fail(
            f"graphs differ\nonly in answer:\n{only_got.serialize(format='nt')}\n"
            f"only expected:\n{only_want.serialize(format='nt')}"
        )


# --- the three protocol forms ----------------------------------------------------------------


def test_get_query(seed_server: Server, seed_graph: GraphStore) -> None:
    response = httpx.get(
        seed_server.url + "/sparql", params={"query": PERSONS}, headers={"Accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/sparql-results+json"
    assert labels_from_json(response.content) == expected_persons(seed_graph)


def test_post_form(seed_server: Server, seed_graph: GraphStore) -> None:
    response = httpx.post(seed_server.url + "/sparql", data={"query": PERSONS})
    assert response.status_code == 200
    assert labels_from_json(response.content) == expected_persons(seed_graph)


def test_post_sparql_query_body(seed_server: Server, seed_graph: GraphStore) -> None:
    response = httpx.post(
        seed_server.url + "/sparql",
        content=PERSONS.encode("utf-8"),
        headers={"Content-Type": "application/sparql-query; charset=utf-8"},
    )
    assert response.status_code == 200
    assert labels_from_json(response.content) == expected_persons(seed_graph)


@pytest.mark.parametrize("method,request_method", [("GET", URLENCODED), (POST, URLENCODED), (POST, POSTDIRECTLY)])
def test_sparqlwrapper_select(seed_server: Server, seed_graph: GraphStore, method: str, request_method: str) -> None:
    client = SPARQLWrapper(seed_server.url + "/sparql")
    client.setMethod(method)
    client.setRequestMethod(request_method)
    client.setQuery(PERSONS)
    client.setReturnFormat(JSON)
    result = client.queryAndConvert()
    assert [b["label"]["value"] for b in result["results"]["bindings"]] == expected_persons(seed_graph)


def test_sparqlwrapper_ask_and_construct(seed_server: Server, seed_graph: GraphStore) -> None:
    client = SPARQLWrapper(seed_server.url + "/sparql")
    client.setQuery(f"ASK {{ <{RUTTE}> a nkg:Person }}")
    client.setReturnFormat(XML)
    assert client.query().convert().getElementsByTagName("boolean")[0].firstChild.data == "true"
    client.setQuery(CONSTRUCT_RUTTE)
    client.setReturnFormat(TURTLE)
    got = rdflib_graph(client.query().convert(), "turtle")
    assert_isomorphic(got, expected_graph(seed_graph, CONSTRUCT_RUTTE))


# --- result formats, parsed back -------------------------------------------------------------


def _parse_results(body: bytes, name: str) -> list[str]:
    if name == "csv":
        rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
        assert rows[0] == ["label"]
        return [row[0] for row in rows[1:]]
    fmt = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML, "tsv": ox.QueryResultsFormat.TSV}[name]
    return [solution["label"].value for solution in ox.parse_query_results(body, format=fmt)]


@pytest.mark.parametrize(
    "name,media_type",
    [
        ("json", "application/sparql-results+json"),
        ("xml", "application/sparql-results+xml"),
        ("csv", "text/csv"),
        ("tsv", "text/tab-separated-values"),
    ],
)
@pytest.mark.parametrize("by", ["accept", "format"])
def test_select_result_formats(
    seed_server: Server, seed_graph: GraphStore, name: str, media_type: str, by: str
) -> None:
    params = {"query": PERSONS, **({"format": name} if by == "format" else {})}
    headers = {"Accept": f"{media_type}, */*;q=0.1"} if by == "accept" else {"Accept": "text/html,*/*;q=0.8"}
    response = httpx.get(seed_server.url + "/sparql", params=params, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media_type
    assert "Accept" in response.headers["vary"]
    assert _parse_results(response.content, name) == expected_persons(seed_graph)


@pytest.mark.parametrize(
    "media_type,rdflib_format",
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_formats(seed_server: Server, seed_graph: GraphStore, media_type: str, rdflib_format: str) -> None:
    response = httpx.post(seed_server.url + "/sparql", data={"query": CONSTRUCT_RUTTE}, headers={"Accept": media_type})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media_type
    assert_isomorphic(rdflib_graph(response.content, rdflib_format), expected_graph(seed_graph, CONSTRUCT_RUTTE))


def test_describe_in_jsonld_via_sparqlwrapper(seed_server: Server, seed_graph: GraphStore) -> None:
    client = SPARQLWrapper(seed_server.url + "/sparql")
    client.setQuery(f"DESCRIBE <{RUTTE}>")
    client.setReturnFormat(JSONLD)
    got = rdflib_graph(client.query().response.read(), "json-ld")
    assert_isomorphic(got, expected_graph(seed_graph, f"DESCRIBE <{RUTTE}>"))


@pytest.mark.parametrize("fmt", [CSV, TSV])
def test_select_with_sparqlwrapper_text_formats(seed_server: Server, seed_graph: GraphStore, fmt: str) -> None:
    client = SPARQLWrapper(seed_server.url + "/sparql")
    client.setQuery(PERSONS)
    client.setReturnFormat(fmt)
    body = client.query().response.read()
    assert _parse_results(body, "csv" if fmt == CSV else "tsv") == expected_persons(seed_graph)


def test_ask_answers_boolean(seed_server: Server) -> None:
    response = httpx.get(seed_server.url + "/sparql", params={"query": "ASK { ?s a nkg:Unicorn }"})
    assert response.json() == {"head": {}, "boolean": False}


def test_unacceptable_accept_is_406(seed_server: Server) -> None:
    response = httpx.get(seed_server.url + "/sparql", params={"query": PERSONS}, headers={"Accept": "image/png"})
    assert_error(response, 406, "NotAcceptable")


# --- dataset ---------------------------------------------------------------------------------

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"


def _count(response: httpx.Response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def _graph_count(graph: GraphStore, name: str) -> int:
    return int(next(iter(graph.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")))["n"].value)


def test_default_graph_is_the_union(seed_server: Server, seed_graph: GraphStore) -> None:
    total = _count(httpx.get(seed_server.url + "/sparql", params={"query": COUNT}))
    assert total == int(next(iter(seed_graph.query(COUNT)))["n"].value)


def test_default_graph_uri_is_honoured(seed_server: Server, seed_graph: GraphStore) -> None:
    first = f"{GRAPH_BASE}doc/{SEED_IDS[0]}"
    params = [("query", COUNT), ("default-graph-uri", ENTITIES_GRAPH)]
    assert _count(httpx.get(seed_server.url + "/sparql", params=params)) == _graph_count(seed_graph, ENTITIES_GRAPH)
    both = _graph_count(seed_graph, ENTITIES_GRAPH) + _graph_count(seed_graph, first)
    graphs = {"default-graph-uri": [ENTITIES_GRAPH, first]}
    assert _count(httpx.post(seed_server.url + "/sparql", data={"query": COUNT, **graphs})) == both
    direct = httpx.post(
        seed_server.url + "/sparql", params=graphs, content=COUNT, headers={"Content-Type": "application/sparql-query"}
    )
    assert _count(direct) == both


def test_named_graph_uri_is_honoured(seed_server: Server) -> None:
    wanted = [f"{GRAPH_BASE}doc/{SEED_IDS[1]}", ENTITIES_GRAPH]
    params = [("query", GRAPHS), *(("named-graph-uri", g) for g in wanted)]
    response = httpx.get(seed_server.url + "/sparql", params=params)
    assert [b["g"]["value"] for b in response.json()["results"]["bindings"]] == sorted(wanted)
    # With only named graphs given, the default graph is empty, as the protocol says.
    assert _count(httpx.get(seed_server.url + "/sparql", params=[("query", COUNT), params[1]])) == 0


def test_from_clause_in_the_query_is_honoured(seed_server: Server, seed_graph: GraphStore) -> None:
    query = f"SELECT (COUNT(*) AS ?n) FROM <{ENTITIES_GRAPH}> WHERE {{ ?s ?p ?o }}"
    assert _count(httpx.get(seed_server.url + "/sparql", params={"query": query})) == _graph_count(
        seed_graph, ENTITIES_GRAPH
    )


def test_bad_graph_iri_is_400(seed_server: Server) -> None:
    response = httpx.get(seed_server.url + "/sparql", params={"query": COUNT, "default-graph-uri": "not an iri"})
    assert_error(response, 400, "QueryError")


# --- service description ---------------------------------------------------------------------


def test_service_description_parses_as_turtle(seed_server: Server, seed_graph: GraphStore) -> None:
    response = httpx.get(seed_server.url + "/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    graph = rdflib_graph(response.content, "turtle")
    service = rdflib.URIRef(seed_server.url + "/sparql")
    assert (service, rdflib.RDF.type, sd.Service) in graph
    assert (service, sd.endpoint, service) in graph
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in graph
    formats = {str(f).rsplit("/", 1)[-1] for f in graph.objects(service, sd.resultFormat)}
    assert {
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "JSON-LD",
    } <= formats
    names = {str(n) for n in graph.objects(None, sd.name)}
    assert names == {row["g"].value for row in seed_graph.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert (service, sd.feature, sd.BasicFederatedQuery) not in graph


def test_browser_opening_the_endpoint_goes_to_the_query_page(seed_server: Server) -> None:
    response = httpx.get(seed_server.url + "/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 303
    assert response.headers["location"] == "/query"


# --- refusals and limits ---------------------------------------------------------------------


def test_update_in_the_query_parameter_is_400(seed_server: Server, seed_graph: GraphStore) -> None:
    update = f"PREFIX ex: <http://example.org/> INSERT DATA {{ <{RUTTE}> ex:p 1 }}"
    error = assert_error(httpx.post(seed_server.url + "/sparql", data={"query": update}), 400, "QueryError")
    assert "read-only" in error["message"]


def test_update_operation_is_refused(seed_server: Server, seed_graph: GraphStore) -> None:
    before = _count(httpx.get(seed_server.url + "/sparql", params={"query": COUNT}))
    update = f"DELETE WHERE {{ <{RUTTE}> ?p ?o }}"
    direct = httpx.post(
        seed_server.url + "/sparql", content=update, headers={"Content-Type": "application/sparql-update"}
    )
    assert "read-only" in assert_error(direct, 403, "Forbidden")["message"]
    assert_error(httpx.post(seed_server.url + "/sparql", data={"update": update}), 403, "Forbidden")
    assert _count(httpx.get(seed_server.url + "/sparql", params={"query": COUNT})) == before


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { service silent <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "PREFIX : <http://127.0.0.1:9/sparql> SELECT * WHERE { SERVICE:{ ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p 1SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o.SERVICE<http://127.0.0.1:9/sparql>{} }",
    ],
)
def test_service_is_refused(seed_server: Server, query: str) -> None:
    response = httpx.post(seed_server.url + "/sparql", data={"query": query})
    assert "SERVICE" in assert_error(response, 400, "QueryError")["message"]


def test_malformed_query_is_400(seed_server: Server) -> None:
    response = httpx.get(seed_server.url + "/sparql", params={"query": "SELECT ?x WHERE { ?x a }"})
    assert "syntax error" in assert_error(response, 400, "QueryError")["message"]


def test_result_cap_is_413(seed_server: Server) -> None:
    everything = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"  # bodies included: well past 300,000 bytes
    response = httpx.post(
        seed_server.url + "/sparql", data={"query": everything}, headers={"Accept": "application/n-triples"}
    )
    assert "300,000 bytes" in assert_error(response, 413, "ResultTooLarge")["message"]
    small = httpx.post(seed_server.url + "/sparql", data={"query": CONSTRUCT_RUTTE})
    assert small.status_code == 200


def test_timeout_stops_the_query_and_the_server_goes_on(seed_server: Server, seed_graph: GraphStore) -> None:
    workers_before = seed_server.worker_pids()
    started = time.monotonic()
    response = httpx.get(seed_server.url + "/sparql", params={"query": PATHOLOGICAL}, timeout=30)
    elapsed = time.monotonic() - started
    assert "time limit" in assert_error(response, 503, "QueryTimeout")["message"]
    assert TIMEOUT <= elapsed < TIMEOUT + 3.0
    # The server answers at once, and the killed worker is replaced.
    after = httpx.get(seed_server.url + "/sparql", params={"query": PERSONS}, timeout=10)
    assert labels_from_json(after.content) == expected_persons(seed_graph)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(seed_server.worker_pids()) != len(workers_before):
        time.sleep(0.1)
    workers_after = seed_server.worker_pids()
    assert len(workers_after) == len(workers_before) == 2
    assert workers_after != workers_before  # one was killed and replaced


def test_cors_header_when_enabled(seed_server: Server) -> None:
    origin = {"Origin": "http://example.org"}
    response = httpx.get(seed_server.url + "/sparql", params={"query": "ASK {}"}, headers=origin)
    assert response.headers["access-control-allow-origin"] == "http://example.org"
    preflight = httpx.options(
        seed_server.url + "/sparql",
        headers={**origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"},
    )
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["access-control-allow-methods"]
    other = httpx.get(
        seed_server.url + "/sparql", params={"query": "ASK {}"}, headers={"Origin": "http://elsewhere.example"}
    )
    assert "access-control-allow-origin" not in other.headers
    error = httpx.get(seed_server.url + "/sparql", params={"query": "ASK {"}, headers=origin)
    assert error.status_code == 400 and error.headers["access-control-allow-origin"] == "http://example.org"


def test_query_too_large_is_413(seed_server: Server) -> None:
    padding = "#" + "x" * 1_100_000 + "\nASK {}"
    response = httpx.post(
        seed_server.url + "/sparql", content=padding, headers={"Content-Type": "application/sparql-query"}
    )
    assert_error(response, 413, "PayloadTooLarge")


# --- one error body over every route ---------------------------------------------------------

# Per route: a request that fails there, and the status and type it fails with.
FAILING_REQUESTS: dict[str, list[tuple[str, str, dict[str, Any], int, str]]] = {
    "/": [("POST", "/", {}, 405, "MethodNotAllowed")],
    "/sparql": [
        ("GET", "/sparql", {"params": {"query": "SELECT"}}, 400, "QueryError"),
        ("GET", "/sparql", {"params": {"query": PATHOLOGICAL}}, 503, "QueryTimeout"),
        (
            "POST",
            "/sparql",
            {"content": b"ASK {}", "headers": {"Content-Type": "text/plain"}},
            415,
            "UnsupportedMediaType",
        ),
        ("PUT", "/sparql", {}, 405, "MethodNotAllowed"),
        ("GET", "/sparql", {"params": {"query": PERSONS, "format": "pdf"}}, 400, "UsageError"),
        ("GET", "/sparql", {"params": {"query": PERSONS, "format": ["csv", "json"]}}, 400, "UsageError"),
    ],
    "/search": [("GET", "/search", {"params": {"q": "x" * 300}}, 400, "UsageError")],
    "/person/{key}": [("GET", "/person/nobody-at-all", {}, 404, "NotFoundError")],
    "/organization/{key}": [("GET", "/organization/mark-rutte", {}, 404, "NotFoundError")],
    "/country/{key}": [("GET", "/country/atlantis", {}, 404, "NotFoundError")],
    "/office/{key}": [("GET", "/office/keizer", {}, 404, "NotFoundError")],
    "/person/{key}/{section}": [
        ("GET", "/person/nobody-at-all/statements", {}, 404, "NotFoundError"),
        ("GET", "/person/mark-rutte/holders", {}, 404, "NotFoundError"),
        ("GET", "/person/mark-rutte/statements", {"params": {"page": "2"}}, 400, "UsageError"),
    ],
    "/organization/{key}/{section}": [("GET", "/organization/navo/speeches", {}, 404, "NotFoundError")],
    "/country/{key}/{section}": [
        ("GET", "/country/oekraine/aid-received", {"params": {"page": "-1"}}, 400, "UsageError")
    ],
    "/office/{key}/{section}": [("GET", "/office/keizer/holders", {}, 404, "NotFoundError")],
    "/entity": [
        ("GET", "/entity", {}, 400, "UsageError"),
        ("GET", "/entity", {"params": {"iri": "https://w3id.org/navokg/id/statement/none"}}, 404, "NotFoundError"),
    ],
    "/document/{doc_id}": [("GET", "/document/no-such-document", {}, 404, "NotFoundError")],
    "/network/{kind}/{key}": [
        ("GET", "/network/person/nobody-at-all", {}, 404, "NotFoundError"),
        ("GET", "/network/person/mark-rutte", {"params": {"depth": "3"}}, 400, "UsageError"),
        ("GET", "/network/person/mark-rutte", {"params": {"page": "99"}}, 400, "UsageError"),
        ("GET", "/network/person/mark-rutte", {"params": {"page": "last"}}, 400, "UsageError"),
    ],
    "/aid": [("DELETE", "/aid", {}, 405, "MethodNotAllowed")],
    "/aid/commitments": [("GET", "/aid/commitments", {"params": {"page": "0"}}, 400, "UsageError")],
    "/api/neighbours/{kind}/{key}": [
        ("GET", "/api/neighbours/planet/mars", {}, 404, "NotFoundError"),
        ("GET", "/api/neighbours/person/mark-rutte", {"params": {"kinds": "friendship"}}, 400, "UsageError"),
        ("GET", "/api/neighbours/person/mark-rutte", {"params": {"from": "2025", "to": "2024"}}, 400, "UsageError"),
        ("GET", "/api/neighbours/person/mark-rutte", {"params": {"facts": "some"}}, 400, "UsageError"),
    ],
    "/api/facts": [
        ("GET", "/api/facts", {}, 400, "UsageError"),
        (
            "GET",
            "/api/facts",
            {"params": {"iri": [f"https://w3id.org/navokg/id/aid/{n}" for n in range(21)]}},
            400,
            "UsageError",
        ),
    ],
    "/api/timeline/{kind}/{key}": [
        ("GET", "/api/timeline/person/nobody-at-all", {}, 404, "NotFoundError"),
        ("GET", "/api/timeline/person/mark-rutte", {"params": {"from": "2024-13"}}, 400, "UsageError"),
    ],
    "/api/aid": [
        ("GET", "/api/aid", {"params": {"donor": "Atlantis"}}, 404, "NotFoundError"),
        ("POST", "/api/aid", {}, 405, "MethodNotAllowed"),
    ],
    "/query": [("GET", "/query", {"params": {"query": "SELECT * WHERE {"}}, 400, "QueryError")],
    "/static": [("GET", "/static/missing.css", {}, 404, "NotFoundError")],
    "(unknown)": [("GET", "/no/such/page", {}, 404, "NotFoundError")],
}


def test_every_route_has_a_failing_request_listed() -> None:
    paths = {route.path for route in routes()}
    assert paths == set(FAILING_REQUESTS) - {"(unknown)"}


@pytest.mark.parametrize(
    "method,path,kwargs,status,error_type",
    [case for cases in FAILING_REQUESTS.values() for case in cases],
    ids=lambda value: value if isinstance(value, str) and value.startswith("/") else None,
)
def test_every_route_answers_errors_in_one_shape(
    seed_server: Server, method: str, path: str, kwargs: dict[str, Any], status: int, error_type: str
) -> None:
    options = dict(kwargs)
    headers = {"Accept": "application/json", **options.pop("headers", {})}
    response = httpx.request(method, seed_server.url + path, headers=headers, timeout=30, **options)
    assert_error(response, status, error_type)


def test_a_worker_that_dies_is_replaced_without_failing_a_request(seed_server: Server, seed_graph: GraphStore) -> None:
    victim = sorted(seed_server.worker_pids())[0]
    psutil.Process(victim).kill()  # the server reaps it: it is the server's child, not ours
    for _ in range(4):
        response = httpx.get(seed_server.url + "/sparql", params={"query": PERSONS}, timeout=10)
        assert labels_from_json(response.content) == expected_persons(seed_graph)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(seed_server.worker_pids()) != 2:
        time.sleep(0.1)
    assert len(seed_server.worker_pids()) == 2 and victim not in seed_server.worker_pids()


class _BrokenPool:
    """Stands in for the worker pool and fails in a way nobody planned for."""

    started = True

    async def run(self, task: Any, *args: Any, fast: bool = False) -> Any:
        raise RuntimeError("something nobody planned for")

    def close(self) -> None:
        return None


def test_unexpected_errors_keep_the_shape_and_cors(tmp_path: Path) -> None:
    config = ServeConfig(store=tmp_path, cors_origins=("http://example.org",))
    app = create_app(config, pool=_BrokenPool())  # type: ignore[arg-type]

    async def ask() -> tuple[httpx.Response, httpx.Response]:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            endpoint = await client.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "http://example.org"})
            return endpoint, await client.get("/aid", headers={"Accept": "text/html"})

    endpoint, page = asyncio.run(ask())
    assert "RuntimeError" in assert_error(endpoint, 500, "InternalError")["message"]
    assert endpoint.headers["access-control-allow-origin"] == "http://example.org"
    assert page.status_code == 500 and "InternalError" in page.text


# --- a store that changes under the server ---------------------------------------------------


def _build(store: Path, ids: list[str], tmp: Path) -> None:
    documents = tmp / "documents"
    annotations = tmp / "annotations"
    shutil.rmtree(documents, ignore_errors=True)
    shutil.rmtree(annotations, ignore_errors=True)
    documents.mkdir(parents=True)
    annotations.mkdir(parents=True)
    for doc_id in ids:
        for path in SEED_DOCUMENTS.glob(f"{doc_id}.*"):
            shutil.copy(path, documents / path.name)
        shutil.copy(SEED_ANNOTATIONS / f"{doc_id}.yaml", annotations / f"{doc_id}.yaml")
    build(documents=documents, annotations=annotations, entities=SEED_ENTITIES, store=store)


DOCUMENTS = "SELECT (COUNT(*) AS ?n) WHERE { ?d a nkg:Document }"


def test_server_follows_a_new_build_and_reports_a_lost_store(tmp_path: Path) -> None:
    store = tmp_path / "store"
    _build(store, SEED_IDS[:2], tmp_path / "v1")
    with running_server(store, "--timeout", "10", "--log-level", "warning", log_dir=tmp_path) as server:
        assert _count(httpx.get(server.url + "/sparql", params={"query": DOCUMENTS})) == 2
        assert (
            "access-control-allow-origin"
            not in httpx.get(
                server.url + "/sparql", params={"query": "ASK {}"}, headers={"Origin": "http://example.org"}
            ).headers
        )
        before = {httpx.get(server.url + "/aid").text for _ in range(4)}  # each worker keeps its aid page
        assert len(before) == 1
        _build(store, SEED_IDS, tmp_path / "v2")
        # Every worker reopens the new build on its next query: no restart, no stale answers.
        for _ in range(4):
            assert _count(httpx.get(server.url + "/sparql", params={"query": DOCUMENTS})) == len(SEED_IDS)
            assert httpx.get(server.url + "/aid").text not in before
        assert httpx.get(server.url + f"/document/{SEED_IDS[-1]}").status_code == 200

        shutil.move(store, tmp_path / "gone")
        for route in routes():
            path = route.path.replace("{key}", "mark-rutte").replace("{doc_id}", SEED_IDS[0])
            if path == "/static":
                continue
            response = httpx.get(
                server.url + path,
                params={"query": DOCUMENTS, "iri": RUTTE, "q": "Rutte"},
                headers={"Accept": "application/json"},
            )
            assert_error(response, 503, "StoreNotFound")

        store.mkdir()
        (store / "navokg-store.json").write_text("{ not json", "utf-8")
        response = httpx.get(server.url + "/sparql", params={"query": DOCUMENTS})
        assert "unreadable store marker" in assert_error(response, 500, "StoreError")["message"]


def test_federation_when_enabled(seed_store: Path, tmp_path: Path) -> None:
    with running_server(
        seed_store, "--allow-service", "--workers", "2", "--log-level", "warning", log_dir=tmp_path
    ) as server:
        sd = rdflib_graph(httpx.get(server.url + "/sparql").content, "turtle")
        feature = rdflib.URIRef("http://www.w3.org/ns/sparql-service-description#BasicFederatedQuery")
        assert feature in set(sd.objects(None, None))
        # The server calls itself: one worker runs the SERVICE call, the other answers it.
        query = f"SELECT ?label WHERE {{ SERVICE <{server.url}/sparql> {{ <{RUTTE}> rdfs:label ?label }} }}"
        response = httpx.get(server.url + "/sparql", params={"query": query}, timeout=20)
        assert response.status_code == 200, response.text
        assert "Mark Rutte" in labels_from_json(response.content)


# --- the pieces, without a server ------------------------------------------------------------


@pytest.mark.parametrize(
    "query,calls_service",
    [
        ("SELECT * { SERVICE <http://x/> {} }", True),
        ("SELECT * { ?s ?p ?o } # SERVICE <http://x/>", False),
        ('SELECT * { ?s ?p "SERVICE <http://x/> {}" }', False),
        ("SELECT ?service { ?service ?p ?o }", False),
        ("SELECT * { ?s <http://example.org/service> ?o }", False),
        ("SELECT * { ?s ?p ?o . sErViCe <http://x/> {} }", True),
        ("SELECT * { ?s ?p ?o . SERVICE ?endpoint {} }", True),
        ("SELECT * { ?s ex:service ?o }", False),
        ("SELECT * WHERE { ?s schema:serviceType ?o }", False),
        ("PREFIX : <http://x/> SELECT * WHERE { SERVICE:{ ?s ?p ?o } }", True),
        ("SELECT * WHERE { ?s ?p ?o.SERVICE<http://x/>{} }", True),
        ("SELECT * WHERE { { SELECT ?s WHERE { OPTIONAL { SERVICE SILENT <http://x/> { ?s ?p ?o } } } } }", True),
    ],
)
def test_service_is_found_in_the_parsed_query(query: str, calls_service: bool) -> None:
    assert check_query(query, allow_service=True).service is calls_service
    if calls_service:
        with pytest.raises(QueryError, match="SERVICE"):
            check_query(query, allow_service=False)


@pytest.mark.parametrize(
    "text,update",
    [
        ("INSERT DATA { <a:b> <a:b> <a:b> }", True),
        ("PREFIX ex: <http://example.org/> DELETE WHERE { ?s ex:p ?o }", True),
        ("# a comment\nCLEAR ALL", True),
        ("WITH <a:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", True),
        ("SELECT ?insert WHERE { ?insert ?p ?o }", False),
        ("PREFIX drop: <http://example.org/> SELECT * { ?s drop:x ?o }", False),
        ("ASK { ?s ?p 'INSERT' }", False),
    ],
)
def test_updates_are_refused(text: str, update: bool) -> None:
    if update:
        with pytest.raises(QueryError, match="updates are not allowed"):
            check_query(text)
    else:
        assert check_query(text).form in ("SELECT", "ASK")


@pytest.mark.parametrize(
    "kind,accept,expected",
    [
        (ResultKind.SOLUTIONS, None, "json"),
        (ResultKind.SOLUTIONS, "text/csv;q=0.5, application/sparql-results+xml", "xml"),
        (ResultKind.SOLUTIONS, "application/json", "json"),
        (ResultKind.SOLUTIONS, "text/turtle", "json"),  # no result format asked: the default
        (ResultKind.GRAPH, "application/json", "jsonld"),
        (ResultKind.GRAPH, "text/*", "turtle"),
        (ResultKind.GRAPH, "application/sparql-results+json,text/turtle;q=0.9,*/*;q=0.1", "turtle"),
        (ResultKind.BOOLEAN, "text/tab-separated-values", "tsv"),
    ],
)
def test_content_negotiation(kind: ResultKind, accept: str | None, expected: str) -> None:
    assert choose_format(kind, accept).name == expected


def test_accept_parsing() -> None:
    assert parse_accept("text/csv;q=0.4, */*;q=0") == [("text/csv", 0.4), ("*/*", 0.0)]
    assert acceptable("text/html, */*;q=0.8")
    assert not acceptable("image/png, text/html")


# --- memory ----------------------------------------------------------------------------------

# Every pair of triples, sorted: it needs gigabytes long before a time limit stops it.
MEMORY_HOG = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f ?c LIMIT 1"


@pytest.mark.slow
def test_a_query_past_the_memory_bound_is_stopped_and_its_worker_replaced(
    seed_store: Path, seed_graph: GraphStore, tmp_path: Path
) -> None:
    options = ["--workers", "2", "--timeout", "60", "--max-memory", "400M", "--log-level", "warning"]
    with running_server(seed_store, *options, log_dir=tmp_path) as server:
        before = server.worker_pids()
        peak = 0
        with httpx.Client(timeout=90) as client:
            pending = client.build_request("GET", server.url + "/sparql", params={"query": MEMORY_HOG})
            started = time.monotonic()
            response = client.send(pending)
        error = assert_error(response, 503, "QueryOutOfMemory")
        assert "--max-memory" in error["message"] and "400 MB" in error["message"]
        assert time.monotonic() - started < 60, "stopped by the memory bound, not the time limit"
        # The server and the other worker carry on; the one that ran out is replaced.
        after = httpx.get(server.url + "/sparql", params={"query": PERSONS}, timeout=30)
        assert labels_from_json(after.content) == expected_persons(seed_graph)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (len(server.worker_pids()) != 2 or server.worker_pids() == before):
            time.sleep(0.1)
        assert len(server.worker_pids()) == 2 and server.worker_pids() != before
        for pid in server.worker_pids():
            peak = max(peak, psutil.Process(pid).memory_info().rss)
    assert peak < 400 * 2**20


def test_the_default_memory_bound_shares_half_the_machine() -> None:
    from navokg.web.workers import MIN_MEMORY, default_max_memory, physical_memory

    assert default_max_memory(8) == max(MIN_MEMORY, physical_memory() // 16)
    assert default_max_memory(1) > default_max_memory(8)


def _kept_keys(ctx: WorkerContext) -> list[str]:
    return sorted(ctx.cache)


def test_a_worker_warms_what_it_is_told_and_a_failing_warm_task_costs_no_request(seed_store: Path) -> None:
    warm = ("navokg.web.data:aid_overview", "navokg.web.data:no_such_task")
    pool = WorkerPool(WorkerSettings(store=str(seed_store), warm=warm), size=1)
    pool.start()
    try:
        # The aid page's sum is made before any request asks for it; the task that does not
        # exist is logged, and the worker answers all the same.
        assert asyncio.run(pool.run(_kept_keys)) == ["aid-overview"]
    finally:
        pool.close()
