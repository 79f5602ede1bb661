"""Benchmark stages, each run in a fresh process: ``python -m benchmarks.stages NAME ARGS``.

A stage prints one JSON object on stdout: its measurements and the process's peak
memory.  Baselines (spaCy tokenizing the same text, pyoxigraph bulk-loading the same
quads, pyoxigraph dumping the same store, networkx writing the same graph) are stages
too, so every ratio compares two measurements of the same run on the same machine.
"""

from __future__ import annotations

import itertools
import json
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

STAGES: dict[str, Callable[..., dict[str, Any]]] = {}
# Edge kinds whose every hop is a fact (no mentions): a neighbourhood that answers "who
# dealt with whom", of a size that does not grow with every document naming someone.
FACT_WALK = ("holding", "post", "statement", "aid")


def stage(function: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    STAGES[function.__name__] = function
    return function


def _timed(repeats: int, action: Callable[[], object]) -> dict[str, float]:
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    samples.sort()
    return {
        "median_ms": statistics.median(samples) * 1000,
        "p95_ms": samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))] * 1000,
        "runs": len(samples),
    }


@stage
def generate(directory: str, size: str, seed: str = "2024") -> dict[str, Any]:
    from benchmarks.corpus import write_corpus

    paths = write_corpus(Path(directory), int(size), seed=int(seed))
    return {"documents": len(paths), "bytes": sum(p.stat().st_size for p in paths)}


@stage
def tokenize(directory: str) -> dict[str, Any]:
    """Baseline: bare spaCy (spacy.blank('nl')) tokenizing every body."""
    import spacy

    from navokg.sources.documents import iter_documents

    bodies = [d.body for d in iter_documents(directory)]
    nlp = spacy.blank("nl")
    started = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(bodies, batch_size=256))
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "tokens": words, "tokens_per_second": words / seconds,
            "characters": sum(len(b) for b in bodies)}  # fmt: skip


@stage
def pipeline_alone(directory: str, sample: str = "300") -> dict[str, Any]:
    """Baseline: the shipped Dutch pipeline (tagger, morphologizer, parser, lemmatizer) over
    the bodies of an evenly spread sample of the documents, one process, loaded beforehand.

    The extractor runs this pipeline on the sentences that can hold an aid commitment; the
    build is compared with running it alone over whole texts, per document.
    """
    from navokg.extract.syntax import parser
    from navokg.sources.documents import iter_documents

    documents = list(iter_documents(directory))
    step = max(1, len(documents) // int(sample))
    bodies = [d.body for d in documents[::step]]
    nlp = parser()
    assert nlp is not None, "the Dutch pipeline is not installed"
    started = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(bodies, batch_size=64))
    seconds = time.perf_counter() - started
    per_document = seconds / len(bodies)
    return {"seconds": seconds, "documents": len(bodies), "tokens": words, "seconds_per_document": per_document}


@stage
def build(directory: str, store: str, jobs: str = "1", full: str = "1") -> dict[str, Any]:
    from navokg.build.pipeline import available_cores
    from navokg.build.pipeline import build as run_build
    from navokg.read.cards import write_cards

    # jobs 0: every core, as `navokg build` does by default.
    processes = int(jobs) or available_cores()
    report = run_build(
        documents=Path(directory), store=Path(store), jobs=processes, incremental=full != "1", cards=write_cards
    )
    return {
        "wall_seconds": report.wall_seconds, "stages": report.seconds, "documents": report.documents,
        "reused": report.reused, "quads": report.quads, "facts": dict(report.facts),
    }  # fmt: skip


@stage
def dump(store: str, target: str) -> dict[str, Any]:
    """The quads of a built store as one N-Quads file, for the raw-load baseline."""
    import pyoxigraph as ox

    from navokg.store import GraphStore

    graph = GraphStore.open(store)
    started = time.perf_counter()
    graph.store.dump(target, format=ox.RdfFormat.N_QUADS)
    return {"seconds": time.perf_counter() - started, "bytes": Path(target).stat().st_size}


@stage
def rawload(nquads: str, target: str) -> dict[str, Any]:
    """Baseline: pyoxigraph bulk-loading the same quads into a new on-disk store."""
    import pyoxigraph as ox

    store = ox.Store(target)
    started = time.perf_counter()
    store.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS)
    store.flush()
    return {"seconds": time.perf_counter() - started, "quads": len(store)}


def _saved_query_cases(graph: Any) -> list[tuple[str, str]]:
    """Every saved query with realistic parameter values taken from the store itself."""
    from navokg.read.query import bind_parameters, load_saved_queries, select_rows

    person = select_rows(graph, "SELECT ?p WHERE { ?h nkg:holder ?p } ORDER BY ?p LIMIT 1")[0]["p"].value
    office = select_rows(graph, "SELECT ?o WHERE { ?h nkg:office ?o } ORDER BY ?o LIMIT 1")[0]["o"].value
    fact = select_rows(graph, "SELECT ?f WHERE { ?f nkg:evidence ?e ; prov:wasDerivedFrom ?d } ORDER BY ?f LIMIT 1")[0][
        "f"
    ].value
    values = {
        "date": "2022-06-15", "from": "2021-01-01", "to": "2023-12-31", "person": person, "office": office,
        "entity": person, "words": "verantwoordelijkheid", "fact": fact, "donor": "https://w3id.org/navokg/id/country/nederland",
        "recipient": "https://w3id.org/navokg/id/country/oekraine",
    }  # fmt: skip
    cases = []
    for name, saved in load_saved_queries().items():
        params = {p.name: values[p.name] for p in saved.params if p.required or p.name in ("from", "to")}
        cases.append((name, bind_parameters(saved.text, saved, params, graph)))
    return cases


def _consume(result: Any) -> int:
    return 1 if isinstance(result, bool) or not hasattr(result, "__iter__") else sum(1 for _ in result)


@stage
def queries(store: str, repeats: str = "30") -> dict[str, Any]:
    """Each saved query through navokg, and the same text through raw pyoxigraph."""
    import pyoxigraph as ox

    from navokg.read.query import OutputFormat, render_answer, run_query
    from navokg.store import GraphStore
    from navokg.vocab import PREFIXES

    graph = GraphStore.open(store)
    raw = ox.Store.read_only(str(graph.generation / "oxigraph"))
    results: dict[str, Any] = {}
    for name, text in _saved_query_cases(graph):
        run_query(graph, text)  # warm caches once, as a reader who types a second query would
        navokg = _timed(int(repeats), lambda text=text: render_answer(run_query(graph, text), OutputFormat.JSON))
        baseline = _timed(
            int(repeats),
            lambda text=text: _consume(raw.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)),
        )
        results[name] = {
            "navokg": navokg,
            "raw": baseline,
            "ratio": navokg["median_ms"] / baseline["median_ms"],
        }
    return {"queries": results}


@stage
def network(store: str, repeats: str = "10") -> dict[str, Any]:
    """The network commands as a user runs them (projection read from the store's cache),
    against networkx doing the same walk on the already-built graph."""
    import networkx as nx

    from navokg.network import load_projection
    from navokg.network.projection import FACT_KINDS
    from navokg.network.walk import Centrality, centrality, neighbourhood, shortest_paths
    from navokg.read.query import select_rows
    from navokg.store import GraphStore

    graph = GraphStore.open(store)
    person = select_rows(graph, "SELECT ?p WHERE { ?h nkg:holder ?p } ORDER BY ?p LIMIT 1")[0]["p"].value
    country = "https://w3id.org/navokg/id/country/oekraine"
    started = time.perf_counter()
    projection = load_projection(graph)  # builds and caches the projection, as the first command does
    first = time.perf_counter() - started
    simple = projection.simple(FACT_KINDS)
    # PageRank has no networkx baseline here: networkx computes it with SciPy, not installed.
    cases: dict[str, tuple[Callable[[], object], Callable[[], object] | None]] = {
        "neighbourhood (depth 2)": (
            lambda: neighbourhood(GraphStore.open(store), person, depth=2),
            lambda: nx.single_source_shortest_path_length(simple, person, cutoff=2),
        ),
        "path": (
            lambda: shortest_paths(GraphStore.open(store), person, country),
            lambda: list(itertools.islice(nx.all_shortest_paths(simple, person, country), 10)),
        ),
        "centrality (degree)": (
            lambda: centrality(GraphStore.open(store)),
            lambda: nx.degree_centrality(simple),
        ),
        "centrality (pagerank)": (
            lambda: centrality(GraphStore.open(store), measure=Centrality.PAGERANK),
            None,
        ),
    }
    results: dict[str, Any] = {"first_projection_seconds": first, "nodes": len(simple), "edges": simple.size()}
    for name, (command, baseline) in cases.items():
        navokg = _timed(int(repeats), command)
        results[name] = {"navokg": navokg}
        if baseline is not None:
            raw = _timed(int(repeats), baseline)
            results[name] |= {"networkx": raw, "ratio": navokg["median_ms"] / raw["median_ms"]}
    return {"network": results}


@stage
def exports(store: str, workdir: str) -> dict[str, Any]:
    """Each export format; baselines: pyoxigraph's serializers and networkx's writers."""
    import networkx as nx
    import pyoxigraph as ox

    from navokg.export import ExportFormat, edge_attributes, export, node_attributes
    from navokg.network import load_projection
    from navokg.store import GraphStore

    graph = GraphStore.open(store)
    out = Path(workdir)
    out.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {}

    def timed(action: Callable[[], object]) -> float:
        started = time.perf_counter()
        action()
        return time.perf_counter() - started

    nquads = timed(lambda: graph.store.dump(str(out / "base.nq"), format=ox.RdfFormat.N_QUADS))
    results["pyoxigraph_nquads_seconds"] = nquads

    def union() -> Any:
        # Triple formats have no store dump: pyoxigraph reads the store and serializes.
        return (ox.Triple(q.subject, q.predicate, q.object) for q in graph.store)

    same_format = {
        ExportFormat.NQUADS: lambda: graph.store.dump(str(out / "base.nq"), format=ox.RdfFormat.N_QUADS),
        ExportFormat.TRIG: lambda: graph.store.dump(str(out / "base.trig"), format=ox.RdfFormat.TRIG),
        ExportFormat.NTRIPLES: lambda: ox.serialize(union(), str(out / "base.nt"), format=ox.RdfFormat.N_TRIPLES),
        ExportFormat.TURTLE: lambda: ox.serialize(union(), str(out / "base.ttl"), format=ox.RdfFormat.TURTLE),
        ExportFormat.JSONLD: lambda: ox.serialize(union(), str(out / "base.jsonld"), format=ox.RdfFormat.JSON_LD),
    }
    for fmt in ExportFormat:
        seconds = timed(lambda fmt=fmt: export(graph, fmt, out / f"navokg.{fmt.value}"))
        entry = {"seconds": seconds, "vs_nquads_dump": seconds / nquads}
        if fmt in same_format:
            baseline = timed(same_format[fmt])
            entry |= {"pyoxigraph_same_format_seconds": baseline, "vs_same_format": seconds / baseline}
        results[fmt.value] = entry
    projection_started = time.perf_counter()
    projection = load_projection(graph)
    results["projection_seconds"] = time.perf_counter() - projection_started
    network = nx.MultiDiGraph()
    for iri, node in projection.nodes.items():
        network.add_node(iri, **node_attributes(node))
    for edge in projection.edges:
        network.add_edge(edge.source, edge.target, key=edge.id, **edge_attributes(edge))
    for fmt, writer in ((ExportFormat.GRAPHML, nx.write_graphml), (ExportFormat.GEXF, nx.write_gexf)):
        baseline = timed(lambda writer=writer, fmt=fmt: writer(network, str(out / f"networkx.{fmt.value}")))
        results[fmt.value] |= {
            "networkx_seconds": baseline,
            # navokg's export includes building the projection; the ratio compares writing alone.
            "vs_networkx": (results[fmt.value]["seconds"] - results["projection_seconds"]) / baseline,
        }
    return {"exports": results, "quads": len(graph.store)}


@stage
def http(store: str, repeats: str = "30") -> dict[str, Any]:
    """Each saved query over the SPARQL protocol, from a client in this process."""
    import httpx

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.server import running_server

    from navokg.store import GraphStore

    cases = _saved_query_cases(GraphStore.open(store))
    results: dict[str, Any] = {}
    with (
        running_server(Path(store), "--log-level", "warning", log_dir=Path(store).parent) as server,
        httpx.Client(timeout=60) as client,
    ):
        for name, text in cases:

            def ask(text: str = text) -> None:
                response = client.post(
                    server.url + "/sparql",
                    content=text.encode(),
                    headers={
                        "Content-Type": "application/sparql-query",
                        "Accept": "application/sparql-results+json",
                    },
                )
                response.raise_for_status()

            ask()
            results[name] = _timed(int(repeats), ask)
    return {"http": results}


def _budgeted(action: Callable[[], object], repeats: int, budget: float = 4.0) -> dict[str, float]:
    """Timings of an action, repeated up to ``repeats`` times or until ``budget`` seconds pass;
    with the size of its answer where the action returns one (rows)."""
    size = action()  # warm: a researcher asks a second question of a store already open
    samples: list[float] = []
    spent = 0.0
    while len(samples) < repeats and (spent < budget or len(samples) < 3):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
        spent += samples[-1]
    samples.sort()
    return {
        "median_ms": statistics.median(samples) * 1000,
        "p95_ms": samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))] * 1000,
        "runs": len(samples),
        **({"answer_rows": size} if isinstance(size, int) else {}),
    }


def _subjects(graph: Any) -> dict[str, str]:
    """The entities the questions ask about, chosen from the store the same way at every size."""
    from navokg.read.query import select_rows

    def one(sparql: str) -> str:
        return str(select_rows(graph, sparql)[0]["x"].value)

    return {
        # The person with most facts (the seeds' Rutte in a generated corpus), a holder with
        # few, an office, a fact and a document: answers of every size.
        "busy_person": one("SELECT ?x WHERE { ?x nkg:factCount ?n } ORDER BY DESC(?n) ?x LIMIT 1"),
        "person": one("SELECT ?x WHERE { ?x nkg:factCount ?n FILTER (?n = 2) } ORDER BY ?x LIMIT 1"),
        "office": one("SELECT ?x WHERE { ?h nkg:office ?x } ORDER BY ?x LIMIT 1"),
        "fact": one("SELECT ?x WHERE { ?x a nkg:Statement } ORDER BY ?x LIMIT 1"),
        "document": one("SELECT ?x WHERE { ?x a nkg:Document } ORDER BY ?x LIMIT 1"),
    }


@stage
def interactive(store: str, repeats: str = "20") -> dict[str, Any]:
    """Every saved query and network command as the library answers it, above a no-op.

    Each question runs in this process on a store opened once (warm), repeated within a
    time budget; the no-op (``ASK {}``) is measured the same way, so "above no-op" is what
    the question itself costs.
    """
    from navokg.network import (
        Centrality,
        DateWindow,
        EdgeKind,
        ResultFormat,
        aid_flow,
        centrality,
        neighbourhood,
        render_report,
        report,
        shortest_paths,
        timeline,
    )
    from navokg.network.index import load_index
    from navokg.read.query import OutputFormat, answer, render_answer
    from navokg.store import GraphStore

    graph = GraphStore.open(store)
    who = _subjects(graph)
    started = time.perf_counter()
    load_index(graph)  # made once per generation, by the first network command
    first_index = time.perf_counter() - started
    nl, ua = "https://w3id.org/navokg/id/country/nederland", "https://w3id.org/navokg/id/country/oekraine"
    params = {
        "office-holders-on": {"date": "2024-10-02"}, "offices-of": {"person": who["person"]},
        "statements-by": {"person": who["person"]}, "statements-containing": {"words": "verantwoordelijkheid"},
        "evidence": {"fact": who["fact"]}, "entity": {"entity": who["person"]},
        "aid-commitments": {"donor": nl, "recipient": ua}, "aid-totals": {}, "aid-in-kind": {},
    }  # fmt: skip
    cases: dict[str, Callable[[], object]] = {"no-op (ASK {})": lambda: _consume(answer(graph, "ASK {}").raw)}
    from navokg.read.query import load_saved_queries

    asked = {f"query {name}": (name, params.get(name, {})) for name in sorted(load_saved_queries())}
    for name in ("aid-totals", "aid-in-kind"):
        asked[f"query {name} (2021–2023)"] = (name, {"from": "2021-01-01", "to": "2023-12-31"})
    asked["query office-holders-on (one office)"] = (
        "office-holders-on",
        {"date": "2024-10-02", "office": who["office"]},
    )
    cases |= {label: (lambda n=n, p=p: _consume(answer(graph, n, p).raw)) for label, (n, p) in asked.items()}
    window = DateWindow.parse("2024", "2024")

    def rows(result: object) -> int:
        return len(report(result).rows)  # as the command renders it

    network = {
        "neighbours (depth 1)": lambda: neighbourhood(graph, who["person"]),
        "neighbours (depth 2, facts only)": lambda: neighbourhood(
            graph, who["person"], depth=2, kinds=frozenset(EdgeKind(k) for k in FACT_WALK)
        ),
        "path": lambda: shortest_paths(graph, who["person"], ua),
        "centrality (degree)": lambda: centrality(graph),
        "centrality (pagerank)": lambda: centrality(graph, measure=Centrality.PAGERANK),
        "timeline": lambda: timeline(graph, who["person"]),
        "timeline (busiest person)": lambda: timeline(graph, who["busy_person"]),
        "aid-flow": lambda: aid_flow(graph, donor=nl),
        "neighbours in 2024 (depth 1)": lambda: neighbourhood(graph, who["person"], window=window),
    }
    cases |= {name: (lambda run=run: rows(run())) for name, run in network.items()}
    results = {name: _budgeted(action, int(repeats)) for name, action in cases.items()}
    # How big each answer is as the command prints it (--format json), measured once apart
    # from the timings: rows alone hide an answer whose rows quote more reports as it grows.
    printed: dict[str, Callable[[], bytes]] = {
        name: (lambda run=run: render_report(run(), ResultFormat.JSON)) for name, run in network.items()
    }
    printed |= {label: (lambda n=n, p=p: render_answer(answer(graph, n, p), OutputFormat.JSON))
                for label, (n, p) in asked.items()}  # fmt: skip
    for name, render in printed.items():
        results[name]["answer_kb"] = len(render()) / 1000
    return {"interactive": results, "first_index_seconds": first_index, "subjects": who}


@stage
def pages(store: str, repeats: str = "20") -> dict[str, Any]:
    """The research pages over HTTP from a running server, above a static file's round trip."""
    import httpx

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.server import running_server

    from navokg.store import GraphStore
    from navokg.web.facts import path_of

    who = _subjects(GraphStore.open(store))
    routes = {
        "no-op (static file)": "/static/style.css", "home": "/", "search": "/search?q=Rutte",
        "person page": path_of(who["person"]), "busiest person page": path_of(who["busy_person"]),
        "office page": path_of(who["office"]), "country page (Nederland)": "/country/nederland",
        "document page": path_of(who["document"]), "aid page": "/aid",
        "busiest person's statements, page 2": path_of(who["busy_person"]) + "/statements?page=2",
        "Nederland's aid given, page 2": "/country/nederland/aid-given?page=2",
        "query page": "/query?query=" + "SELECT%20%2A%20WHERE%20%7B%20%3Fs%20a%20nkg%3APerson%20%7D%20LIMIT%2010",
    }  # fmt: skip
    results: dict[str, Any] = {}
    with (
        running_server(Path(store), "--log-level", "warning", log_dir=Path(store).parent) as server,
        httpx.Client(timeout=120) as client,
    ):
        for name, route in routes.items():

            def get(route: str = route) -> None:
                client.get(server.url + route, headers={"Accept": "text/html"}).raise_for_status()

            results[name] = _budgeted(get, int(repeats))
    return {"pages": results}


@stage
def views(store: str, repeats: str = "20", workers: str = "2") -> dict[str, Any]:
    """The drawn views over HTTP: each JSON endpoint, and the pages that draw from them.

    The server runs with ``workers`` workers, each warmed first (its first network question
    reads the generation's index); the largest worker's memory is reported after.
    """
    import httpx
    import psutil

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.server import running_server

    from navokg.store import GraphStore
    from navokg.web.facts import path_of

    who = _subjects(GraphStore.open(store))
    busy, office = path_of(who["busy_person"]), path_of(who["office"])
    # The drawings fetch their neighbourhood with facts=0 and a line's facts when pointed at.
    routes = {
        "network, busiest person, 1 hop (JSON)": f"/api/neighbours{busy}?facts=0",
        "network, busiest person, 2 hops (JSON)": f"/api/neighbours{busy}?depth=2&facts=0",
        "network, Oekraïne, 1 hop (JSON)": "/api/neighbours/country/oekraine?facts=0",
        "network, Oekraïne, 2 hops (JSON)": "/api/neighbours/country/oekraine?depth=2&facts=0",
        "network, busiest person, 2024 (JSON)": f"/api/neighbours{busy}?from=2024&to=2024&facts=0",
        "a line's facts, pointed at (JSON)": "",  # filled in below, from the server's answer
        "timeline, busiest person (JSON)": f"/api/timeline{busy}",
        "timeline, office (JSON)": f"/api/timeline{office}",
        "aid (JSON)": "/api/aid",
        "network page, busiest person, 2 hops": f"/network{busy}?depth=2",
        "network page, Oekraïne, 1 hop": "/network/country/oekraine",
    }
    # Not drawn: the whole answer with every fact read, as `navokg neighbours` and programs get it.
    routes["network, Oekraïne, 1 hop, every fact read (JSON, not drawn)"] = "/api/neighbours/country/oekraine"
    results: dict[str, Any] = {"workers": int(workers)}
    options = ("--log-level", "warning", "--workers", workers, "--timeout", "120")
    with (
        running_server(Path(store), *options, log_dir=Path(store).parent) as server,
        httpx.Client(timeout=120) as client,
    ):
        drawn = client.get(server.url + routes["network, Oekraïne, 1 hop (JSON)"]).json()
        line = list(dict.fromkeys(e["fact_iri"] for e in drawn["edges"] if e["fact_iri"]))[:3]
        routes["a line's facts, pointed at (JSON)"] = "/api/facts?" + urlencode([("iri", iri) for iri in line])
        for route in routes.values():
            for _ in range(2 * int(workers)):  # warm every worker: the pool takes them in turn
                client.get(server.url + route).raise_for_status()
        for name, route in routes.items():

            def get(route: str = route) -> None:
                client.get(server.url + route).raise_for_status()

            results[name] = _budgeted(get, int(repeats)) | {"bytes": len(client.get(server.url + route).content)}
        memory = [psutil.Process(pid).memory_info().rss / 1e6 for pid in server.worker_pids()]
        results["worker_rss_mb"] = max(memory, default=0.0)
    return {"views": results}


def main() -> None:
    name, *args = sys.argv[1:]
    result = STAGES[name](*args)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


if __name__ == "__main__":
    main()
