"""The navokg command line: one thin function per command over the library.

This is the only module that knows about click.  Each command parses its options, makes
one library call and writes what the library renders.  Library errors become one line
on stderr, in the command line's words (its flags for the library's parameters), and
the exit code of their class (see ``navokg --help``); nothing prints a traceback unless
NAVOKG_DEBUG=1.
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
from navokg.errors import EXIT_CODES, EXIT_INTERNAL, EXIT_INTERRUPTED, MissingParameter, NavokgError
from navokg.paths import DEFAULT_DOCUMENTS
from navokg.tables import set_table_width

EXIT_HELP = "\b\nExit codes:\n" + "\n".join(f"  {code:<4} {meaning}" for code, meaning in EXIT_CODES)


def _exit(message: str, code: int) -> NoReturn:
    """Say what failed in one line on stderr and leave with the error's exit code."""
    click.echo(f"navokg: error: {' '.join(message.split())}", err=True)
    raise click.exceptions.Exit(code)


def _flag(command: click.Command | None, parameter: str) -> str:
    """How a command's user gives a library parameter: its own option, else ``--param NAME``."""
    options = [opt for p in (command.params if command else []) for opt in p.opts]
    if f"--{parameter}" in options:
        return f"--{parameter}"
    return f"--param {parameter}" if "--param" in options else parameter


def fail(error: NavokgError, command: click.Command | None = None) -> NoReturn:
    """The library's error in the words of the command line: its flags, one line, its exit code."""
    if isinstance(error, MissingParameter):
        message = error.phrase("--param ")
    elif error.parameter:
        message = f"{_flag(command, error.parameter)}: {error.detail}"
    else:
        message = error.message
    _exit(message, error.exit_code)


class NavokgGroup(click.Group):
    """Turns every error into one line and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NavokgError as error:
            name = ctx.invoked_subcommand
            fail(error, self.get_command(ctx, name) if name else None)
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
            _exit(f"internal error ({type(error).__name__}): {message}; rerun with NAVOKG_DEBUG=1 for details",
                  EXIT_INTERNAL)  # fmt: skip


def _out(data: bytes | str) -> None:
    sys.stdout.buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
    sys.stdout.flush()


def _graph(store: Path | None, min_confidence: str | None = None) -> Any:
    from navokg.read.confidence import open_at_least

    return open_at_least(store, min_confidence)


PATH = click.Path(path_type=Path)
store_option = click.option("--store", type=PATH, help="Store directory (default: $NAVOKG_STORE, else graph/store).")
min_confidence_option = click.option("--min-confidence", metavar="X", default=None,
    help="Leave out automatic facts whose confidence is below X (0 to 1); curated facts always stay.")  # fmt: skip


def _format(*choices: str, default: str = "table", help: str | None = None) -> Callable[..., Any]:
    # --width is taken as it is parsed (no command sees it): every table of the command fits it.
    width = click.option("--width", type=click.IntRange(min=0), expose_value=False, metavar="N", callback=lambda *a:
                         set_table_width(a[2]), help="Fit tables in N columns (default: the terminal's).")  # fmt: skip
    fmt = click.option("--format", "fmt", type=click.Choice(choices), default=default, show_default=True, help=help)
    return lambda command: width(fmt(command))


@click.group(cls=NavokgGroup, epilog=EXIT_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="navokg")
def cli() -> None:
    """navokg: a knowledge graph of Dutch political news.

    Offices held, statements made and aid committed, each fact tied to the exact words
    of its source. Build the graph from documents, then query, explore, export or serve it.
    """


@contextmanager
def _progress(documents: Path, enabled: bool) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr for long builds, silent when stderr is not a terminal."""
    from tqdm import tqdm

    from navokg.sources.documents import discover_documents

    total = len(discover_documents(documents)) if enabled and sys.stderr.isatty() else 0
    with tqdm(total=total, unit="doc", file=sys.stderr, leave=False, disable=total < 50) as bar:
        yield bar.update if total >= 50 else None


@cli.command()
@click.option("--documents", type=PATH, default=DEFAULT_DOCUMENTS, show_default=True,
              help="Directory of documents (*.txt, searched recursively).")  # fmt: skip
@click.option("--annotations", type=PATH, default=None,
              help="Curated annotations, {id}.yaml (default: annotations/ beside the documents).")  # fmt: skip
@click.option("--entities", type=PATH, default=None,
              help="Entity registry YAML (default: graph/entities.yaml if it exists).")  # fmt: skip
@store_option
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0,
              help="Processes for extraction and validation (default 0: one per core).")  # fmt: skip
@click.option("--full", is_flag=True, help="Rebuild every document, not only the changed ones.")
@click.option("--validator", type=click.Choice(["turbo", "pyshacl"]), default="turbo", show_default=True,
              help="SHACL engine: pyshacl-turbo (fast) or pySHACL (the reference implementation).")  # fmt: skip
@click.option("--follow-links", is_flag=True, help="Also read documents that links lead to outside the directory.")
@click.option("--dask", metavar="ADDRESS", help="Process documents on the Dask cluster at ADDRESS (tcp://host:8786).")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing on success.")
def build(documents: Path, annotations: Path | None, entities: Path | None, store: Path | None, jobs: int,
          full: bool, validator: str, follow_links: bool, dask: str | None, quiet: bool) -> None:  # fmt: skip
    """Build the store from every document, curated where annotated, automatic otherwise.

    Only documents whose text, metadata or annotation changed are processed again (unless
    --full). A failed or interrupted build leaves the previous store as it was.
    """
    from navokg.build import BESIDE
    from navokg.build import build as run_build
    from navokg.build.validate import Engine
    from navokg.read.cards import write_cards

    with _progress(documents, not quiet) as progress:
        report = run_build(documents=documents, annotations=annotations or BESIDE, entities=entities or BESIDE,
                           store=store, jobs=jobs, engine=Engine(validator), incremental=not full,
                           progress=progress, follow_links=follow_links, dask=dask, cards=write_cards)  # fmt: skip
    for line in report.skipped_lines(documents):
        click.echo(f"navokg: {line.replace('follow links', '--follow-links')}", err=True)
    if not quiet:
        click.echo(report.summary())


@cli.command()
@click.argument("query_text", metavar="QUERY")
@store_option
@_format("table", "csv", "tsv", "json", help="Result format; json is W3C SPARQL 1.1 Query Results JSON.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="A saved query's parameter (repeatable).")
@click.option("--endpoint", metavar="URL", default=None, help="Ask this remote SPARQL endpoint instead of the store.")
@min_confidence_option
def query(query_text: str, store: Path | None, fmt: str, params: tuple[str, ...], endpoint: str | None,
          min_confidence: str | None) -> None:  # fmt: skip
    """Answer a SPARQL query: its text, @file.rq, or the name of a saved query.

    Queries see the union of all named graphs, navokg's prefixes (nkg:, id:, ...) predeclared;
    CONSTRUCT answers in Turtle (JSON-LD with --format json). --endpoint: a remote endpoint.

    \b
    Examples: navokg query office-holders-on --param date=2024-10-02
              navokg query 'SELECT ?p WHERE { ?p a nkg:Person }' --format csv
    """
    from navokg.read.query import OutputFormat, answer, open_graph, parse_params, render_answer

    graph = open_graph(store, endpoint=endpoint, min_confidence=min_confidence)
    _out(render_answer(answer(graph, query_text, parse_params(params)), OutputFormat(fmt)))


@cli.command()
def queries() -> None:
    """List the saved queries in queries/ with their parameters."""
    from navokg.read.query import saved_queries_text

    _out(saved_queries_text())


@cli.command()
@click.argument("file", type=PATH)
@click.option("--entities", type=PATH, default=None,
              help="Entity registry to link names to (default: graph/entities.yaml if it exists).")  # fmt: skip
def extract(file: Path, entities: Path | None) -> None:
    """Print the automatic extractor's facts for a document, as an annotation file to correct."""
    from navokg.extract import extract_file

    _out(extract_file(file, entities=entities))


@cli.command()
@click.option("--to", "graph_store", metavar="URL", required=True,
              help="The server's Graph Store Protocol address (Oxigraph: http://host:7878/store).")  # fmt: skip
@click.option("--endpoint", metavar="URL", default=None,
              help="The server's SPARQL query endpoint, needed by --prune to list its graphs.")  # fmt: skip
@click.option("--prune", is_flag=True, help="Also delete document graphs the store no longer has.")
@store_option
def push(graph_store: str, endpoint: str | None, prune: bool, store: Path | None) -> None:
    """Send the built graph to a SPARQL server, one named graph per PUT.

    Each PUT replaces one named graph as a whole, so readers never see a document
    half-updated. docs/scaling.md: bulk loading very large graphs.
    """
    from navokg.read.remote import push as run_push

    click.echo(run_push(_graph(store), graph_store, endpoint=endpoint, prune=prune).summary())


@cli.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--workers", default=0, type=click.IntRange(0, 64), help="Query worker processes (default 0: four per "
              "core, 2 to 16: more than cores keep cheap queries answering past slow ones; ~50 MB each).")  # fmt: skip
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(0.1, None),
              help="Seconds a query or page may run before it is stopped (503).")  # fmt: skip
@click.option("--max-result-bytes", default=32_000_000, show_default=True, type=click.IntRange(1, None),
              help="Largest result the endpoint sends; larger ones are refused (413).")  # fmt: skip
@click.option("--max-memory", metavar="SIZE", default=None,
              help="Memory a query worker may use (800M, 2G) [default: half the machine's, shared].")  # fmt: skip
@click.option("--allow-service", is_flag=True, help="Allow federated queries (SERVICE); refused by default.")
@click.option("--cors-origin", "cors_origins", multiple=True, metavar="ORIGIN",
              help="Let browser pages from ORIGIN use the endpoint (repeatable; * for any).")  # fmt: skip
@click.option("--log-level", default="info", show_default=True, help="Server log detail.",
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))  # fmt: skip
@click.option("--review", is_flag=True, help="Add the review queue at /review: decide on automatic facts; "
              "each decision is written to the document's annotation file. Loopback only without a token.")  # fmt: skip
@click.option("--review-token", envvar="NAVOKG_REVIEW_TOKEN", default=None, metavar="TOKEN",
              help="Secret every review write must carry (16+ characters; or $NAVOKG_REVIEW_TOKEN).")  # fmt: skip
def serve(**options: Any) -> None:
    """Serve the graph: a read-only SPARQL 1.1 endpoint at /sparql and research pages at /.

    Queries run in worker processes with time, memory and result-size limits; the server
    follows a new build without a restart (docs/serving.md).

    \b
    Example: navokg serve --port 8080 --cors-origin '*'   (pages at /, SPARQL at /sparql)
    """
    from navokg.web.server import ServeConfig
    from navokg.web.server import serve as run_server

    run_server(ServeConfig(**options))


@cli.command()
@click.argument("words", nargs=-1, required=True)
@store_option
@click.option("--kind", type=click.Choice(["statement", "holding", "aid"]), default=None,
              help="Only facts of this kind.")  # fmt: skip
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True, help="Most hits to show.")
@_format("table", "csv", "json")
def search(words: tuple[str, ...], store: Path | None, kind: str | None, limit: int, fmt: str) -> None:
    """Find facts by the words of statements and evidence, best match first.

    Case, diacritics and word forms do not matter ("steun oekraine" finds "steunen Oekraïne").
    """
    from navokg.read.search import hits_text
    from navokg.read.search import search as run_search

    _out(hits_text(run_search(_graph(store).search_index, " ".join(words), kind=kind, limit=limit), fmt))


@cli.command()
@click.option("--set", "which", type=click.Choice(["seeds", "devset", "written", "blind", "all"]), default="all",
              show_default=True,
              help="Truth set: the seeds' curated annotations, the development set, the texts written "
                   "for evaluation (benchmarks/written), the texts written apart from the rules "
                   "(benchmarks/blind: its development and held-out halves), or seeds and devset.")  # fmt: skip
@click.option("--truth", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None, metavar="DIR",
              help="Your own texts and gold files, in the development set's format, instead of --set.")  # fmt: skip
@_format("table", "json", help="Output format.")
@click.option("--per-document", is_flag=True, help="Also show the counts of each document.")
@click.option("--calibrate", is_flag=True, help="Refit the confidence calibration first (make calibrate).")
def evaluate(which: str, truth: Path | None, fmt: str, per_document: bool, calibrate: bool) -> None:
    """Measure the automatic extractor against curated truth: precision, recall, F1, calibration.

    Facts match by meaning; on the seeds the extractor sees only the built-in gazetteer (run
    from the project folder).
    """
    from navokg.extract.evaluate import evaluation_report, run_evaluation

    names = {"all": ["seeds", "devset"], "blind": ["blind-dev", "blind-held"]}.get(which, [which])
    results, report = run_evaluation(names, Path("."), calibrate=calibrate, truth=truth)
    _out(evaluation_report(results, report, fmt=fmt, per_document=per_document))


_KINDS_HELP = "Edge kinds to follow, comma-separated: holding, post, statement, said-in, aid, mentions, co-mention, all"


_reports_option = click.option("--reports", type=click.IntRange(1, None), default=None, metavar="N",
                               help="Evidence of at most N reports per fact (their facts marked partial).")  # fmt: skip


def _network_options(command: Callable[..., None]) -> Callable[..., None]:
    """--store, --format, --from and --to, shared by the network commands."""
    options = (
        store_option,
        _format("table", "csv", "json", help="A table to read, CSV, or JSON (shapes in docs/exports.md)."),
        click.option("--from", "date_from", metavar="DATE", default=None,
                     help="Only facts whose date may fall on or after this day (YYYY, YYYY-MM, YYYY-MM-DD)."),
        click.option("--to", "date_to", metavar="DATE", default=None,
                     help="Only facts whose date may fall on or before this day."),
    )  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return command


def _network(store: Path | None, fmt: str, window: tuple[str | None, str | None], call: Callable[..., Any]) -> None:
    """Run a network command on the store within the --from/--to window; write its answer as asked."""
    from navokg.network import DateWindow, ResultFormat, render_report

    within = DateWindow.parse(*window)
    _out(render_report(call(_graph(store), within), ResultFormat(fmt)))


@cli.command()
@click.argument("entity")
@click.option("--depth", type=click.IntRange(1, 10), default=1, show_default=True, help="How many hops out.")
@click.option("--via", metavar="KINDS", default=None, help=f"{_KINDS_HELP} [default: all but co-mention].")
@click.option(
    "--limit",
    type=click.IntRange(1, None),
    default=None,
    help="Show at most this many nodes: the nearest, then the most connected.",
)
@click.option("--facts-per-pair", type=click.IntRange(1, None), default=None,
              help="Show at most this many facts of a kind between two nodes, the earliest.")  # fmt: skip
@click.option("--facts/--no-facts", "with_facts", default=True, show_default=True,
              help="Read each edge's fact and evidence; --no-facts names the fact only (fact_iri).")  # fmt: skip
@_reports_option
@_network_options
def neighbours(entity: str, depth: int, via: str | None, limit: int | None, facts_per_pair: int | None,
               with_facts: bool, reports: int | None, store: Path | None, fmt: str, date_from: str | None,
               date_to: str | None) -> None:  # fmt: skip
    """Show what lies within --depth hops of an entity, and the facts that join it.

    ENTITY is a name, alias or IRI ("Rutte", "Mark Rutte"). Edges are followed either
    way; with --from/--to only facts dated inside the window count.
    """
    from navokg.network import ALL_KINDS, EdgeKind, neighbourhood, parse_kinds

    kinds = parse_kinds(via, ALL_KINDS - {EdgeKind.CO_MENTION}, EdgeKind)
    _network(store, fmt, (date_from, date_to), lambda graph, window: neighbourhood(
        graph, entity, depth=depth, kinds=kinds, window=window, limit=limit,
        facts_per_pair=facts_per_pair, reports=reports, with_facts=with_facts))  # fmt: skip


@cli.command()
@click.argument("source")
@click.argument("target")
@click.option("--via", metavar="KINDS", default=None,
              help=f"{_KINDS_HELP} [default: holding,post,statement,said-in,aid: every hop a fact].")  # fmt: skip
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True, help="Most paths to show.")
@click.option("--facts-per-hop", type=click.IntRange(1, 1000), default=3, show_default=True,
              help="Most facts to show for each hop (the table says how many there are).")  # fmt: skip
@_network_options
def path(source: str, target: str, via: str | None, limit: int, facts_per_hop: int, store: Path | None, fmt: str,
         date_from: str | None, date_to: str | None) -> None:  # fmt: skip
    """Show the shortest paths between two entities, each hop with its facts and evidence.

    \b
    Example: how a Dutch minister is tied to Oekraïne through aid:
      navokg path Brekelmans Oekraïne --via holding,post,aid
    """
    from navokg.network import FACT_KINDS, EdgeKind, parse_kinds, shortest_paths

    kinds = parse_kinds(via, FACT_KINDS, EdgeKind)
    _network(store, fmt, (date_from, date_to), lambda graph, window: shortest_paths(
        graph, source, target, kinds=kinds, limit=limit, facts_per_hop=facts_per_hop, window=window))  # fmt: skip


@cli.command()
@click.option("--measure", type=click.Choice(["degree", "betweenness", "pagerank"]), default="degree",
              show_default=True, help="Degree, betweenness, or PageRank (alpha 0.85, tolerance 1e-10).")  # fmt: skip
@click.option("--top", type=click.IntRange(0), default=20, show_default=True, help="How many to show (0: all).")
@click.option("--type", "types", metavar="KINDS", default=None,
              help="Node kinds: person, office, organization, country, document [default: not document]")  # fmt: skip
@click.option("--via", metavar="KINDS", default=None,
              help=f"{_KINDS_HELP} [default: holding,post,statement,aid,co-mention].")  # fmt: skip
@click.option("--sample", type=click.IntRange(1), default=None,
              help="Estimate betweenness from this many source nodes (seed 0), for large graphs.")  # fmt: skip
@_network_options
def centrality(measure: str, top: int, types: str | None, via: str | None, sample: int | None, store: Path | None,
               fmt: str, date_from: str | None, date_to: str | None) -> None:  # fmt: skip
    """Rank entities by centrality over the whole graph or a date window (undirected; ties by IRI)."""
    from navokg.network import ENTITY_KINDS, FACT_KINDS, Centrality, EdgeKind, NodeKind, parse_kinds
    from navokg.network import centrality as rank

    kinds = parse_kinds(via, FACT_KINDS - {EdgeKind.SAID_IN} | {EdgeKind.CO_MENTION}, EdgeKind)
    node_kinds = parse_kinds(types, ENTITY_KINDS, NodeKind, parameter="type")
    _network(store, fmt, (date_from, date_to), lambda graph, window: rank(
        graph, measure=Centrality(measure), kinds=kinds, node_kinds=node_kinds, window=window, top=top or None,
        sample=sample))  # fmt: skip


@cli.command()
@click.argument("person")
@click.option("--limit", type=click.IntRange(1, None), default=None, metavar="N",
              help="At most N statements and aid (an office: holders), the latest; the rest is counted.")  # fmt: skip
@_reports_option
@_network_options
def timeline(person: str, limit: int | None, reports: int | None, store: Path | None, fmt: str,
             date_from: str | None, date_to: str | None) -> None:  # fmt: skip
    """Show a person's offices, statements and aid in date order, with each date's precision.

    Aid is listed when the person held an office of the donor at the time and the aid's
    document names them: an inference; the detail column names the office. Given an
    office instead, show its holders in succession.
    """
    from navokg.network import timeline as person_timeline

    _network(store, fmt, (date_from, date_to), lambda graph, window: person_timeline(
        graph, person, window=window, reports=reports, limit=limit))  # fmt: skip


@cli.command("aid-flow")
@click.option("--donor", metavar="NAME", default=None, help="Only aid from this country or organization.")
@click.option("--recipient", metavar="NAME", default=None, help="Only aid to this country or organization.")
@click.option("--by", "grouping", type=click.Choice(["year", "pair"]), default="year", show_default=True,
              help="Totals per year, or one per donor and recipient.")  # fmt: skip
@_network_options
def aid_flow_command(donor: str | None, recipient: str | None, grouping: str, store: Path | None, fmt: str,
                     date_from: str | None, date_to: str | None) -> None:  # fmt: skip
    """Show aid totals per donor -> recipient and year.

    Currencies and statuses stay apart: EUR is never added to USD, nor a pledge to its
    delivery; "shared" counts commitments made jointly with other donors.
    """
    from navokg.network import FlowGrouping, aid_flow

    _network(store, fmt, (date_from, date_to), lambda graph, window: aid_flow(
        graph, donor=donor, recipient=recipient, grouping=FlowGrouping(grouping), window=window))  # fmt: skip


@cli.command()
@click.option("--format", "fmt", required=True, help="What to write (see below).",
              type=click.Choice(["turtle", "ntriples", "nquads", "trig", "jsonld", "graphml", "gexf", "cyjs",
                                 "csv"]))  # fmt: skip
@click.option("--out", type=PATH, help="File, or with --shards a directory, to write atomically (default: stdout).")
@click.option("--shards", type=click.IntRange(1), metavar="N", help="nquads: N gzipped files and a manifest in --out.")
@store_option
@min_confidence_option
def export(fmt: str, out: Path | None, shards: int | None, store: Path | None, min_confidence: str | None) -> None:
    """Write the whole graph; the same store gives the same bytes every time.

    \b
    turtle, ntriples, jsonld  the union of all named graphs, as triples
    trig, nquads              every named graph kept; nquads --shards N for bulk loaders
    graphml, gexf, cyjs       the network (entities, documents; facts as edges with
                              their evidence); gexf with Gephi time intervals
    csv                       one row per fact with its evidence
    Attributes and columns are described in docs/exports.md, shards in docs/scaling.md.
    """
    from navokg.export import ExportFormat, export_shards, export_to_file

    if shards is not None:
        click.echo(export_shards(_graph(store, min_confidence), out, shards=shards, fmt=ExportFormat(fmt)).summary())
    else:
        export_to_file(_graph(store, min_confidence), ExportFormat(fmt), out)


@cli.command()
@store_option
@_format("table", "json")
def conflicts(store: Path | None, fmt: str) -> None:
    """List the open conflicts: reports that disagree, each claim with its evidence.

    Start dates that exclude each other, two dates for one statement, two amounts for
    one aid package: every claim stays in the graph, and this lists them side by side.
    """
    from navokg.read.reports import as_json, conflicts_text
    from navokg.read.reports import conflicts as find_conflicts

    found = find_conflicts(_graph(store))
    _out(as_json(found) if fmt == "json" else conflicts_text(found))


@cli.command()
@click.argument("fact")
@store_option
@_format("table", "json")
def reports(fact: str, store: Path | None, fmt: str) -> None:
    """Show which documents report a fact, what each says, and why they were merged.

    Reports merge when they share a match key: holder and office; speakers and words;
    donors, recipient, amount and currency.
    """
    from navokg.read.reports import as_json, reports_text
    from navokg.read.reports import reports as fact_reports

    found = fact_reports(_graph(store), fact)
    _out(as_json(found) if fmt == "json" else reports_text(found))


@cli.command()
@click.argument("fact")
@store_option
@_format("text", "trig", default="text",
         help="text: a citation to paste; trig: the fact with its provenance as a nanopublication.")  # fmt: skip
def cite(fact: str, store: Path | None, fmt: str) -> None:
    """Cite a fact: who, when, the exact words and the sources (--format trig: a nanopublication)."""
    from navokg.read.cite import bundle, citation

    _out(bundle(_graph(store), fact) if fmt == "trig" else citation(_graph(store), fact).text())


def main() -> None:
    cli(prog_name="navokg")
