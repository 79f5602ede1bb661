"""The navokg command line: one thin function per command over the library.

This is the only module that knows about click.  Library errors become one line on
stderr and the exit code of their class (see ``navokg --help``); nothing prints a
traceback unless NAVOKG_DEBUG=1.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import click

from navokg import __version__
from navokg.errors import EXIT_INTERRUPTED, NavokgError, UsageError
from navokg.paths import DEFAULT_DOCUMENTS
from navokg.store import default_store_path

EXIT_CODES = """\b
Exit codes:
  0    success
  1    input rejected: documents, annotations, evidence or SHACL validation
  2    usage: bad options, unknown saved query or entity, missing --param
  3    query failed: SPARQL syntax error, refused update, timeout
  4    store problem: missing, locked by another build, incompatible, not writable
  5    remote endpoint or graph store failed
  130  interrupted
"""


def _exit(message: str, code: int) -> NoReturn:
    """Say what failed in one line on stderr and leave with the error's exit code."""
    click.echo(f"navokg: error: {' '.join(message.split())}", err=True)
    raise click.exceptions.Exit(code)


def fail(error: NavokgError) -> NoReturn:
    _exit(error.message, error.exit_code)


class NavokgGroup(click.Group):
    """Turns every error into one line and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NavokgError as error:
            fail(error)
        except KeyboardInterrupt:
            click.echo("navokg: interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            # The reader (head, less) went away: not an error of ours.
            sys.stderr.close()
            ctx.exit(0)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as error:
            if os.environ.get("NAVOKG_DEBUG"):
                raise
            message = " ".join(str(error).split()) or type(error).__name__
            _exit(
                f"internal error ({type(error).__name__}): {message}; rerun with NAVOKG_DEBUG=1 for details",
                70,
            )


store_option = click.option(
    "--store",
    type=click.Path(path_type=Path),
    default=None,
    help="Store directory (default: $NAVOKG_STORE, else graph/store).",
)


def _store_path(store: Path | None) -> Path:
    return store if store is not None else default_store_path()


@click.group(cls=NavokgGroup, epilog=EXIT_CODES, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="navokg")
def cli() -> None:
    """navokg: a knowledge graph of Dutch political news.

    Offices held, statements made and aid committed, each fact tied to the exact words
    of its source. Build the graph from documents, then query, explore, export or serve it.
    """


@contextmanager
def _progress(total: int, enabled: bool) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr for long builds, silent when stderr is not a terminal."""
    if not enabled or total < 50 or not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm

    with tqdm(total=total, unit="doc", file=sys.stderr, leave=False) as bar:
        yield bar.update


@cli.command()
@click.option(
    "--documents",
    type=click.Path(path_type=Path),
    default=DEFAULT_DOCUMENTS,
    show_default=True,
    help="Directory of documents (*.txt, searched recursively).",
)
@click.option(
    "--annotations",
    type=click.Path(path_type=Path),
    default=None,
    help="Directory of curated annotation files ({id}.yaml) (default: annotations/ beside the documents directory).",
)
@click.option(
    "--entities",
    type=click.Path(path_type=Path),
    default=None,
    help="Entity registry YAML (default: graph/entities.yaml if it exists).",
)
@store_option
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=0,
    help="Processes for extraction and validation (default 0: one per core).",
)
@click.option("--full", is_flag=True, help="Rebuild every document, not only the changed ones.")
@click.option(
    "--validator",
    type=click.Choice(["turbo", "pyshacl"]),
    default="turbo",
    show_default=True,
    help="SHACL engine: pyshacl-turbo (fast) or pySHACL (the reference implementation).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing on success.")
def build(
    documents: Path,
    annotations: Path | None,
    entities: Path | None,
    store: Path | None,
    jobs: int,
    full: bool,
    validator: str,
    quiet: bool,
) -> None:
    """Build the store from every document, curated where annotated, automatic otherwise.

    Only documents whose text, metadata or annotation changed since the last build are
    processed again (unless --full, or navokg, the ontology or the entity registry
    changed). The new store replaces the old one only when it is complete and valid; a
    failed or interrupted build leaves the previous store as it was.
    """
    from navokg.build import BESIDE
    from navokg.build import build as run_build
    from navokg.build.validate import Engine
    from navokg.sources.documents import discover_documents

    total = len(discover_documents(documents))
    with _progress(total, not quiet) as progress:
        report = run_build(
            documents=documents,
            annotations=annotations if annotations is not None else BESIDE,
            entities=entities if entities is not None else BESIDE,
            store=store,
            jobs=jobs,
            engine=Engine(validator),
            incremental=not full,
            progress=progress,
        )
    if not quiet:
        facts = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in sorted(report.distinct.items()) if n)
        reports = sum(report.facts.values())
        reused = f", {report.reused} unchanged" if report.incremental else ""
        click.echo(
            f"Built {report.store}: {report.documents} documents ({report.curated} curated, "
            f"{report.automatic} automatic{reused}); {facts or 'no facts'} from {reports} reports; "
            f"{report.entities} entities; {report.quads} quads in {report.wall_seconds:.1f} s"
        )


def _parse_params(params: tuple[str, ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--param takes name=value, got '{item}'")
        values[name.strip()] = value
    return values


@cli.command()
@click.argument("query_text", metavar="QUERY")
@store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default="table",
    show_default=True,
    help="Result format; json is W3C SPARQL 1.1 Query Results JSON.",
)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="A saved query's parameter (repeatable).")
@click.option(
    "--endpoint",
    metavar="URL",
    default=None,
    help="Ask this remote SPARQL endpoint instead of the local store.",
)
def query(query_text: str, store: Path | None, fmt: str, params: tuple[str, ...], endpoint: str | None) -> None:
    """Answer a SPARQL query: its text, @file.rq, or the name of a saved query.

    Queries see the union of all named graphs, with the nkg:, id:, rdfs:, skos:, prov:,
    oa:, org:, dcterms:, schema:, xsd: and owl: prefixes predeclared. CONSTRUCT and
    DESCRIBE answer in Turtle (JSON-LD with --format json). With --endpoint the query
    goes to a remote SPARQL 1.1 endpoint (which should use the union of its named
    graphs as default graph) and is answered in the same formats.

    \b
    Examples:
      navokg query office-holders-on --param date=2024-10-02
      navokg query 'SELECT ?p WHERE { ?p a nkg:Person }' --format csv
      navokg query @my-query.rq --format json
    """
    from navokg.read.query import OutputFormat, bind_parameters, render, resolve_query, run_query
    from navokg.store import GraphStore

    text, saved = resolve_query(query_text)
    values = _parse_params(params)
    if endpoint is not None:
        from navokg.read.remote import Endpoint

        graph: Any = Endpoint(endpoint)
    else:
        graph = GraphStore.open(_store_path(store))
    text = bind_parameters(text, saved, values, graph) if (values or saved) else text
    result = run_query(graph, text)
    sys.stdout.buffer.write(render(result, OutputFormat(fmt)))
    sys.stdout.flush()


@cli.command()
def queries() -> None:
    """List the saved queries in queries/ with their parameters."""
    from navokg.read.query import load_saved_queries

    for saved in load_saved_queries().values():
        click.echo(f"{saved.name}: {saved.title}")
        if saved.description:
            click.echo(f"    {saved.description}")
        for param in saved.params:
            need = "required" if param.required else "optional"
            click.echo(f"    --param {param.name}=<{param.type}>  ({need}) {param.description}")


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--entities",
    type=click.Path(path_type=Path),
    default=None,
    help="Entity registry to link names to (default: graph/entities.yaml if it exists).",
)
def extract(file: Path, entities: Path | None) -> None:
    """Print the facts the automatic extractor finds in one document.

    The output is in the curated-annotation format: correct it and save it as
    graph/annotations/{id}.yaml to make it curated.
    """
    from navokg.extract import extract_file

    click.echo(extract_file(file, entities=entities), nl=False)


@cli.command()
@click.option(
    "--to",
    "graph_store",
    metavar="URL",
    required=True,
    help="The server's SPARQL 1.1 Graph Store Protocol address (Oxigraph: http://host:7878/store).",
)
@click.option(
    "--endpoint",
    metavar="URL",
    default=None,
    help="The server's SPARQL query endpoint, needed by --prune to list its graphs.",
)
@click.option("--prune", is_flag=True, help="Also delete document graphs the store no longer has.")
@store_option
def push(graph_store: str, endpoint: str | None, prune: bool, store: Path | None) -> None:
    """Send the built graph to a SPARQL server, one named graph per PUT.

    Each PUT replaces one named graph as a whole (the server applies it atomically), so
    readers never see a document half-updated. See docs/scaling.md for loading very
    large graphs into QLever or Virtuoso.
    """
    from navokg.read.remote import push as run_push
    from navokg.store import GraphStore

    report = run_push(GraphStore.open(_store_path(store)), graph_store, endpoint=endpoint, prune=prune)
    removed = f", removed {len(report.removed)} stale document graphs" if prune else ""
    click.echo(f"Pushed {report.graphs} graphs ({report.triples} triples) to {report.url}{removed}")


@cli.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option(
    "--workers",
    default=0,
    type=click.IntRange(0, 64),
    help="Query worker processes (default 0: four per core, 2 to 16). More workers than cores "
    "keep cheap queries answering while slow ones run out their time; each costs ~50 MB.",
)
@click.option(
    "--timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(0.1, None),
    help="Seconds a query or page may run before it is stopped (503).",
)
@click.option(
    "--max-result-bytes",
    default=32_000_000,
    show_default=True,
    type=click.IntRange(1, None),
    help="Largest result the endpoint sends; larger ones are refused (413).",
)
@click.option("--allow-service", is_flag=True, help="Allow federated queries (SERVICE); refused by default.")
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    metavar="ORIGIN",
    help="Let browser pages from ORIGIN use the endpoint (repeatable; * for any).",
)
@click.option(
    "--log-level",
    default="info",
    show_default=True,
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
    help="Server log detail.",
)
def serve(
    store: Path | None,
    host: str,
    port: int,
    workers: int,
    timeout: float,
    max_result_bytes: int,
    allow_service: bool,
    cors_origins: tuple[str, ...],
    log_level: str,
) -> None:
    """Serve the graph: a read-only SPARQL 1.1 endpoint at /sparql and research pages at /.

    Queries run in worker processes with a time limit and a result-size cap; the server
    follows a new build of the store without a restart. See docs/serving.md.

    \b
    Examples:
      navokg serve                      # http://127.0.0.1:7878/
      navokg serve --port 8080 --cors-origin '*'
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' \\
           http://127.0.0.1:7878/sparql
    """
    from navokg.web.server import ServeConfig, default_workers
    from navokg.web.server import serve as run_server

    run_server(
        ServeConfig(
            store=_store_path(store),
            host=host,
            port=port,
            workers=workers or default_workers(),
            timeout=timeout,
            max_result_bytes=max_result_bytes,
            allow_service=allow_service,
            cors_origins=cors_origins,
            log_level=log_level,
        )
    )


@cli.command()
@click.argument("words", nargs=-1, required=True)
@store_option
@click.option(
    "--kind", type=click.Choice(["statement", "holding", "aid"]), default=None, help="Only facts of this kind."
)
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True, help="Most hits to show.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def search(words: tuple[str, ...], store: Path | None, kind: str | None, limit: int, fmt: str) -> None:
    """Find facts by the words of statements and evidence, best match first.

    Dutch-aware: case and diacritics do not matter ("oekraine" finds "Oekraïne") and
    word forms match ("steun" finds "steunen", "steunt", "gesteund"). Every hit is a fact
    IRI, to use with the evidence saved query or navokg cite.
    """
    import csv
    import json

    from navokg.read.search import iter_hits_as_dicts
    from navokg.read.search import search as run_search
    from navokg.store import GraphStore

    graph = GraphStore.open(_store_path(store))
    hits = list(iter_hits_as_dicts(run_search(graph.search_index, " ".join(words), kind=kind, limit=limit)))
    if fmt == "json":
        click.echo(json.dumps(hits, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(hits[0]) if hits else ["fact"], lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(hits)
    else:
        for hit in hits:
            when = f" ({hit['date']})" if hit["date"] else ""
            click.echo(f"{hit['who']}{when}: {' '.join(hit['text'].split())}")
            click.echo(f"    {hit['fact']}  [{hit['document']} {hit['start']}-{hit['end']}]")
        click.echo(f"({len(hits)} hit{'s' if len(hits) != 1 else ''})")


@cli.command()
@click.option(
    "--set",
    "which",
    type=click.Choice(["seeds", "devset", "all"]),
    default="all",
    show_default=True,
    help="Truth set: the seeds' curated annotations, the development set, or both.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True, help="Output format."
)
@click.option("--per-document", is_flag=True, help="Also show the counts of each document.")
def evaluate(which: str, fmt: str, per_document: bool) -> None:
    """Measure the automatic extractor against curated truth: precision, recall, F1.

    Facts match by meaning (same person, holder and office, speaker with overlapping
    evidence, donor with the same amount). On the seeds the extractor sees only the
    built-in gazetteer, never graph/entities.yaml. Run from the project folder.
    """
    import json

    from navokg.extract.evaluate import FACT_TYPES, evaluate_sets

    names = ["seeds", "devset"] if which == "all" else [which]
    results = evaluate_sets(names, Path("."))
    if fmt == "json":
        data = [
            {
                "set": ev.name,
                **{
                    kind: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "tp": s.tp, "fp": s.fp, "fn": s.fn}
                    for kind, s in ev.totals.items()
                },
                "date_accuracy": ev.dates.accuracy,
                "dates": {"correct": ev.dates.correct, "total": ev.dates.total},
            }
            for ev in results
        ]
        click.echo(json.dumps(data, indent=2))
        return
    for ev in results:
        click.echo(f"{ev.name} ({len(ev.documents)} documents)")
        click.echo(f"  {'fact type':<17} {'P':>5} {'R':>5} {'F1':>5}   tp  fp  fn")
        for kind in FACT_TYPES:
            s = ev.totals[kind]
            click.echo(f"  {kind:<17} {s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f}  {s.tp:3d} {s.fp:3d} {s.fn:3d}")
        click.echo(
            f"  {'date accuracy':<17} {ev.dates.accuracy:5.2f}  ({ev.dates.correct}/{ev.dates.total} matched facts)"
        )
        if per_document:
            for doc in ev.documents:
                counts = "  ".join(f"{k.split('_')[0]} {s.tp}/{s.fp}/{s.fn}" for k, s in doc.scores.items())
                click.echo(f"    {doc.document}: {counts}")


# --- network exploration and exports: thin calls into navokg.network and navokg.export ---

_KINDS_HELP = (
    "Edge kinds to follow, comma-separated: holding, post, statement, said-in, aid, mentions, co-mention, or all"
)


def _network_options(command: Callable[..., None]) -> Callable[..., None]:
    """--store, --format, --from and --to, shared by the network commands."""
    options = (
        store_option,
        click.option(
            "--format",
            "fmt",
            type=click.Choice(["table", "csv", "json"]),
            default="table",
            show_default=True,
            help="A table to read, CSV, or JSON (shapes in docs/exports.md).",
        ),
        click.option(
            "--from",
            "date_from",
            metavar="DATE",
            default=None,
            help="Only facts whose date may fall on or after this day (YYYY, YYYY-MM, YYYY-MM-DD).",
        ),
        click.option(
            "--to",
            "date_to",
            metavar="DATE",
            default=None,
            help="Only facts whose date may fall on or before this day.",
        ),
    )
    for option in reversed(options):
        command = option(command)
    return command


def _echo_result(result: Any, fmt: str) -> None:
    from navokg.network import ResultFormat, render

    sys.stdout.buffer.write(render(result, ResultFormat(fmt)))
    sys.stdout.flush()


@cli.command()
@click.argument("entity")
@click.option("--depth", type=click.IntRange(1, 10), default=1, show_default=True, help="How many hops out.")
@click.option("--via", metavar="KINDS", default=None, help=f"{_KINDS_HELP} [default: all but co-mention].")
@_network_options
def neighbours(
    entity: str,
    depth: int,
    via: str | None,
    store: Path | None,
    fmt: str,
    date_from: str | None,
    date_to: str | None,
) -> None:
    """Show what lies within --depth hops of an entity, and the facts that join it.

    ENTITY is a name, alias or IRI ("Rutte", "Mark Rutte",
    https://w3id.org/navokg/id/person/mark-rutte). Edges are followed either way; with
    --from/--to only facts dated inside the window count.
    """
    from navokg.network import ALL_KINDS, DateWindow, EdgeKind, neighbourhood, parse_kinds
    from navokg.store import GraphStore

    kinds = parse_kinds(via, ALL_KINDS - {EdgeKind.CO_MENTION}, EdgeKind)
    window = DateWindow.parse(date_from, date_to)
    graph = GraphStore.open(_store_path(store))
    _echo_result(neighbourhood(graph, entity, depth=depth, kinds=kinds, window=window), fmt)


@cli.command()
@click.argument("source")
@click.argument("target")
@click.option(
    "--via",
    metavar="KINDS",
    default=None,
    help=f"{_KINDS_HELP} [default: holding,post,statement,said-in,aid: every hop a fact].",
)
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True, help="Most paths to show.")
@click.option(
    "--facts-per-hop",
    type=click.IntRange(1, 1000),
    default=3,
    show_default=True,
    help="Most facts to show for each hop (the table says how many there are).",
)
@_network_options
def path(
    source: str,
    target: str,
    via: str | None,
    limit: int,
    facts_per_hop: int,
    store: Path | None,
    fmt: str,
    date_from: str | None,
    date_to: str | None,
) -> None:
    """Show the shortest paths between two entities, each hop with its facts and evidence.

    \b
    Example: how a Dutch minister is tied to Oekraïne through aid:
      navokg path Brekelmans Oekraïne --via holding,post,aid
    """
    from navokg.network import FACT_KINDS, DateWindow, EdgeKind, parse_kinds, shortest_paths
    from navokg.store import GraphStore

    kinds = parse_kinds(via, FACT_KINDS, EdgeKind)
    window = DateWindow.parse(date_from, date_to)
    graph = GraphStore.open(_store_path(store))
    result = shortest_paths(graph, source, target, kinds=kinds, limit=limit, facts_per_hop=facts_per_hop, window=window)
    _echo_result(result, fmt)


@cli.command()
@click.option(
    "--measure",
    type=click.Choice(["degree", "betweenness", "pagerank"]),
    default="degree",
    show_default=True,
    help="Degree, betweenness, or PageRank (alpha 0.85, tolerance 1e-10).",
)
@click.option("--top", type=click.IntRange(0), default=20, show_default=True, help="How many to show (0: all).")
@click.option(
    "--type",
    "types",
    metavar="KINDS",
    default=None,
    help="Node kinds to rank: person, office, organization, country, document [default: all but document].",
)
@click.option(
    "--via",
    metavar="KINDS",
    default=None,
    help=f"{_KINDS_HELP} [default: holding,post,statement,aid,co-mention].",
)
@click.option(
    "--sample",
    type=click.IntRange(1),
    default=None,
    help="Estimate betweenness from this many source nodes (seed 0), for large graphs.",
)
@_network_options
def centrality(
    measure: str,
    top: int,
    types: str | None,
    via: str | None,
    sample: int | None,
    store: Path | None,
    fmt: str,
    date_from: str | None,
    date_to: str | None,
) -> None:
    """Rank entities by centrality over the whole graph or a date window.

    Computed on the undirected graph of the chosen edge kinds (parallel facts add weight
    for PageRank). Ties are broken by IRI, so the order is the same on every run.
    """
    from navokg.network import ENTITY_KINDS, FACT_KINDS, Centrality, DateWindow, EdgeKind, NodeKind, parse_kinds
    from navokg.network import centrality as rank
    from navokg.store import GraphStore

    kinds = parse_kinds(via, FACT_KINDS - {EdgeKind.SAID_IN} | {EdgeKind.CO_MENTION}, EdgeKind)
    node_kinds = parse_kinds(types, ENTITY_KINDS, NodeKind, option="--type")
    result = rank(
        GraphStore.open(_store_path(store)),
        measure=Centrality(measure),
        kinds=kinds,
        node_kinds=node_kinds,
        window=DateWindow.parse(date_from, date_to),
        top=top or None,
        sample=sample,
    )
    _echo_result(result, fmt)


@cli.command()
@click.argument("person")
@_network_options
def timeline(person: str, store: Path | None, fmt: str, date_from: str | None, date_to: str | None) -> None:
    """Show a person's offices, statements and aid in date order, with each date's precision.

    Aid is listed when the person held an office of the donor at the aid's date and the
    aid's document names them: an inference, and the detail column says via which office.
    """
    from navokg.network import DateWindow
    from navokg.network import timeline as person_timeline
    from navokg.store import GraphStore

    window = DateWindow.parse(date_from, date_to)
    _echo_result(person_timeline(GraphStore.open(_store_path(store)), person, window=window), fmt)


@cli.command("aid-flow")
@click.option("--donor", metavar="NAME", default=None, help="Only aid from this country or organization.")
@click.option("--recipient", metavar="NAME", default=None, help="Only aid to this country or organization.")
@click.option(
    "--by",
    "grouping",
    type=click.Choice(["year", "pair"]),
    default="year",
    show_default=True,
    help="Totals per year, or one per donor and recipient.",
)
@_network_options
def aid_flow_command(
    donor: str | None,
    recipient: str | None,
    grouping: str,
    store: Path | None,
    fmt: str,
    date_from: str | None,
    date_to: str | None,
) -> None:
    """Show aid totals per donor -> recipient and year.

    Currencies and statuses stay apart: EUR is never added to USD, nor a pledge to its
    delivery. Aid in kind (no amount) has its own rows; "shared" counts commitments made
    jointly with other donors, whose amount counts in full under each of them.
    """
    from navokg.network import DateWindow, FlowGrouping, aid_flow
    from navokg.store import GraphStore

    window = DateWindow.parse(date_from, date_to)
    graph = GraphStore.open(_store_path(store))
    result = aid_flow(graph, donor=donor, recipient=recipient, grouping=FlowGrouping(grouping), window=window)
    _echo_result(result, fmt)


@cli.command()
@click.option(
    "--format",
    "fmt",
    required=True,
    help="What to write (see below).",
    type=click.Choice(["turtle", "ntriples", "nquads", "trig", "jsonld", "graphml", "gexf", "cyjs", "csv"]),
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="File to write, atomically (default: standard output).",
)
@store_option
def export(fmt: str, out: Path | None, store: Path | None) -> None:
    """Write the whole graph; the same store gives the same bytes every time.

    \b
    turtle, ntriples, jsonld  the union of all named graphs, as triples
    trig, nquads              every named graph kept
    graphml, gexf, cyjs       the network (entities, documents; facts as edges with
                              their evidence); gexf with Gephi time intervals
    csv                       one row per fact with its evidence
    Attributes and columns are described in docs/exports.md.
    """
    from navokg.export import ExportFormat, export_to_file
    from navokg.export import export as write_export
    from navokg.store import GraphStore

    graph = GraphStore.open(_store_path(store))
    if out is None:
        write_export(graph, ExportFormat(fmt), sys.stdout.buffer)
        sys.stdout.flush()
    else:
        export_to_file(graph, ExportFormat(fmt), out)


@cli.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def conflicts(store: Path | None, fmt: str) -> None:
    """List the open conflicts: reports that disagree, each claim with its evidence.

    Two reports of one office holding with start dates that exclude each other, two
    dates for one statement, or two amounts for what looks like one aid package: all
    claims stay in the graph, and this lists them side by side.
    """
    import json
    from dataclasses import asdict

    from navokg.read.reports import conflicts as find_conflicts
    from navokg.store import GraphStore

    found = find_conflicts(GraphStore.open(_store_path(store)))
    if fmt == "json":
        click.echo(json.dumps([asdict(c) for c in found], ensure_ascii=False, indent=2))
        return
    for conflict in found:
        about = f" and <{conflict.other}>" if conflict.other else ""
        click.echo(f"{conflict.label}: {conflict.property} differs  <{conflict.fact}>{about}")
        for claim in conflict.claims:
            words = " | ".join(" ".join(e.split()) for e in claim.evidence)
            click.echo(f"    {claim.value}  in {claim.document.rsplit('/', 1)[-1]}: {words}")
    click.echo(f"({len(found)} conflict{'s' if len(found) != 1 else ''})")


@cli.command()
@click.argument("fact")
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def reports(fact: str, store: Path | None, fmt: str) -> None:
    """Show which documents report a fact, what each says, and why they were merged.

    Reports merge when they share a match key: holder and office; speakers and words;
    donors, recipient, amount and currency. A curated annotation can force a merge
    (merge: <fact IRI>) or forbid one (merge: separate).
    """
    import json
    from dataclasses import asdict

    from navokg.read.reports import reports as fact_reports
    from navokg.store import GraphStore
    from navokg.vocab import expand_iri

    iri = expand_iri(fact)
    found = fact_reports(GraphStore.open(_store_path(store)), iri)
    if fmt == "json":
        click.echo(json.dumps(asdict(found), ensure_ascii=False, indent=2))
        return
    click.echo(f"{found.label}  <{found.fact}>")
    click.echo(f"  merged on: {'; '.join(found.match_keys)}")
    statuses = f"; status: {', '.join(found.statuses)}" if found.statuses else ""
    click.echo(f"  method: {', '.join(found.methods)}{statuses}")
    for report in found.reports:
        title = f" “{report.title}”" if report.title else ""
        values = "; ".join(f"{k}: {', '.join(v)}" for k, v in report.values.items())
        click.echo(f"  {report.document.rsplit('/', 1)[-1]}{title}{': ' + values if values else ''}")
        for exact in report.evidence:
            click.echo(f"      “{' '.join(exact.split())}”")
    click.echo(f"({len(found.reports)} report{'s' if len(found.reports) != 1 else ''})")


@cli.command()
@click.argument("fact")
@store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "trig"]),
    default="text",
    show_default=True,
    help="text: a citation to paste; trig: the fact with its provenance as a nanopublication.",
)
def cite(fact: str, store: Path | None, fmt: str) -> None:
    """Cite a fact: who, when, the exact words, and the source documents.

    --format trig gives a self-contained bundle in the spirit of nanopublications: the
    assertion, its provenance (documents, evidence with offsets) and publication info,
    as four named graphs.
    """
    from navokg.read.cite import bundle, citation
    from navokg.store import GraphStore
    from navokg.vocab import expand_iri

    iri = expand_iri(fact)
    graph = GraphStore.open(_store_path(store))
    if fmt == "trig":
        sys.stdout.buffer.write(bundle(graph, iri))
        sys.stdout.flush()
    else:
        click.echo(citation(graph, iri).text(), nl=False)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="navokg")
