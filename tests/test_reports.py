"""One fact from many reports, conflicts kept in view, merges explained, facts cited."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import rdflib
from click.testing import CliRunner

from navokg.build.periods import stretches
from navokg.build.pipeline import build
from navokg.cli import cli
from navokg.read.facts import DATE_ROLES, FactType, When, read_all_facts, read_facts
from navokg.read.query import bind_parameters, load_saved_queries, select_rows
from navokg.sources.documents import read_document
from navokg.store import GraphStore

DATA = Path(__file__).parent / "data" / "reports"
GRAPH = Path(__file__).parents[1] / "graph"
OEKRAINE = "https://w3id.org/navokg/id/country/oekraine"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reports") / "store"
    build(documents=DATA / "documents", annotations=DATA / "annotations", store=path)
    return path


def _cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _saved(graph: GraphStore, name: str, **params: str) -> list[dict[str, str]]:
    saved = load_saved_queries()[name]
    rows = select_rows(graph, bind_parameters(saved.text, saved, params, graph))
    return [{k: v.value for k, v in row.items()} for row in rows]


def _package_of_1_december(graph: GraphStore) -> str:
    rows = select_rows(
        graph,
        f"""SELECT DISTINCT ?aid WHERE {{ ?aid nkg:recipient <{OEKRAINE}> ; nkg:amount ?amount ;
              prov:wasDerivedFrom <https://w3id.org/navokg/id/doc/nos-steunpakket> FILTER (?amount = 250000000) }}""",
    )
    assert len(rows) == 1
    return str(rows[0]["aid"].value)


def test_two_articles_on_the_same_250_million_give_one_commitment(store: Path) -> None:
    graph = GraphStore.open(store)
    aid = _package_of_1_december(graph)
    evidence = select_rows(
        graph, f"SELECT ?d ?exact WHERE {{ <{aid}> nkg:evidence ?e . ?e oa:hasSource ?d ; oa:exact ?exact }}"
    )
    assert sorted(r["d"].value.rsplit("/", 1)[1] for r in evidence) == [
        "nos-steunpakket",
        "rijksoverheid-steunpakket",
    ]
    count = select_rows(graph, f"SELECT ?n WHERE {{ <{aid}> nkg:reportCount ?n }}")
    assert count[0]["n"].value == "2"


def test_totals_count_the_commitment_once(store: Path) -> None:
    graph = GraphStore.open(store)
    rows = _saved(graph, "aid-totals", recipient=OEKRAINE)
    by_type = {(r["type"], r["year"]): r for r in rows}
    # The reported-twice package: once, under the furthest status its reports give.
    assert by_type[("military", "2025")]["total"] == "250000000"
    assert by_type[("military", "2025")]["commitments"] == "1"
    assert by_type[("military", "2025")]["status"] == "committed"
    # The package the researcher kept apart is counted on its own.
    assert by_type[("financial", "2025")]["total"] == "250000000"


def test_a_curated_annotation_can_keep_reports_apart(store: Path) -> None:
    graph = GraphStore.open(store)
    rows = select_rows(
        graph,
        f"SELECT DISTINCT ?aid WHERE {{ ?aid nkg:recipient <{OEKRAINE}> ; nkg:amount ?a FILTER (?a = 250000000) }}",
    )
    assert len(rows) == 2


def test_a_curated_annotation_can_force_a_merge(tmp_path: Path, store: Path) -> None:
    aid = _package_of_1_december(GraphStore.open(store))
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    annotation = data / "annotations" / "zelfde-bedrag-ander-pakket.yaml"
    annotation.write_text(annotation.read_text("utf-8").replace("merge: separate", f"merge: {aid}"), "utf-8")
    merged = tmp_path / "store"
    build(documents=data / "documents", annotations=data / "annotations", store=merged)
    graph = GraphStore.open(merged)
    rows = select_rows(
        graph,
        f"SELECT DISTINCT ?aid WHERE {{ ?aid nkg:recipient <{OEKRAINE}> ; nkg:amount ?a FILTER (?a = 250000000) }}",
    )
    assert [r["aid"].value for r in rows] == [aid]
    assert select_rows(graph, f"SELECT ?n WHERE {{ <{aid}> nkg:reportCount ?n }}")[0]["n"].value == "3"


def _built_from(tmp_path: Path, files: dict[str, str]) -> GraphStore:
    """A store built from documents and annotations written for one test ({"documents/x.txt": text})."""
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, "utf-8")
    store = tmp_path / "store"
    build(
        documents=tmp_path / "documents",
        annotations=tmp_path / "annotations",
        entities=GRAPH / "entities.yaml",
        store=store,
    )
    return GraphStore.open(store)


def test_a_quote_repeated_with_other_punctuation_is_one_statement_with_one_text(tmp_path: Path) -> None:
    statement = "  - {{speaker: Mark Rutte, kind: direct, text: {text!r}, evidence: {evidence!r}}}\n"
    graph = _built_from(
        tmp_path,
        {
            "documents/kort.txt": '"Elke dag telt voor de mensen daar", aldus Mark Rutte.\n\n'
            "Rutte schreef op X: ‘Elke dag telt voor de mensen daar.’\n",
            "documents/herhaald.txt": "Mark Rutte: 'Elke dag telt voor de  mensen daar.'\n",
            "annotations/kort.yaml": "statements:\n"
            + statement.format(
                text="Elke dag telt voor de mensen daar", evidence='Elke dag telt voor de mensen daar", aldus'
            )
            + statement.format(
                text="Elke dag telt voor de mensen daar.", evidence="Elke dag telt voor de mensen daar.’"
            ),
            "annotations/herhaald.yaml": "statements:\n"
            + statement.format(text="Elke dag telt voor de  mensen daar.", evidence="Elke dag telt"),
        },
    )
    rows = select_rows(
        graph,
        "SELECT ?s ?text (COUNT(DISTINCT ?e) AS ?evidence) WHERE { ?s a nkg:Statement ; nkg:text ?text ; nkg:evidence ?e }"
        " GROUP BY ?s ?text",
    )
    assert [(r["text"].value, r["evidence"].value) for r in rows] == [("Elke dag telt voor de mensen daar", "3")]


def test_reports_giving_other_quantities_of_one_item_keep_both(tmp_path: Path) -> None:
    aid = (
        "  - {{donor: Nederland, recipient: Oekraïne, amount: 100 miljoen euro,"
        " items: [{{label: F-16's, quantity: {n}}}], evidence: {evidence!r}}}\n"
    )
    graph = _built_from(
        tmp_path,
        {
            "documents/toestellen.txt": "Nederland geeft Oekraïne 100 miljoen euro, onder meer voor 24 F-16's.\n"
            "Later bleek het bij 100 miljoen euro om 18 F-16's te gaan.\n",
            "annotations/toestellen.yaml": "aid_commitments:\n"
            + aid.format(n=24, evidence="100 miljoen euro, onder meer voor 24 F-16's")
            + aid.format(n=18, evidence="100 miljoen euro om 18 F-16's"),
        },
    )
    rows = select_rows(
        graph, "SELECT ?n WHERE { ?aid a nkg:AidCommitment ; nkg:item ?i . ?i nkg:quantity ?n } ORDER BY ?n"
    )
    assert [r["n"].value for r in rows] == ["18", "24"]


def test_conflicting_start_dates_both_survive_and_are_listed(store: Path) -> None:
    graph = GraphStore.open(store)
    starts = select_rows(
        graph,
        "SELECT ?s WHERE { ?h nkg:office ?o ; nkg:start ?s . ?o rdfs:label 'burgemeester van Zeist'@nl } ORDER BY ?s",
    )
    assert [r["s"].value for r in starts] == ["2023-03-01", "2023-06-01"]
    rows = _saved(graph, "conflicts")
    zeist = [r for r in rows if "Jan de Vries" in r["label"]]
    assert {(r["value"], r["document"].rsplit("/", 1)[1]) for r in zeist} == {
        ("1 maart 2023", "zeist-installatie"), ("1 juni 2023", "zeist-interview"),
    }  # fmt: skip
    assert all(r["property"].endswith("#start") for r in zeist)


def test_two_amounts_for_one_package_are_a_conflict(store: Path) -> None:
    found = json.loads(_cli("conflicts", "--store", str(store), "--format", "json"))
    amounts = [c for c in found if c["property"] == "amount"]
    assert len(amounts) == 1
    assert sorted(claim["value"] for claim in amounts[0]["claims"]) == ["30000000 EUR", "35000000 EUR"]
    totals = _saved(GraphStore.open(store), "aid-totals", recipient="Moldavië")
    assert [(r["total"], r["commitments"], r["conflicting"]) for r in totals] == [("65000000", "2", "2")]


def test_the_conflicts_command_shows_each_claim_with_its_words(store: Path) -> None:
    out = _cli("conflicts", "--store", str(store))
    assert "Jan de Vries — burgemeester van Zeist: start differs" in out
    assert "1 juni 2023" in out and "sinds 1 juni 2023 burgemeester van Zeist" in out
    assert out.rstrip().endswith("(2 conflicts)")


def test_the_reports_command_explains_a_merge(store: Path) -> None:
    aid = _package_of_1_december(GraphStore.open(store))
    out = _cli("reports", "--store", str(store), aid)
    assert "merged on: aid|donors=nederland|recipient=oekraine|amount=250000000|currency=EUR" in out
    assert "method: curated; status: announced, committed" in out
    assert "nos-steunpakket “Nederland draagt 250 miljoen bij aan steunpakket”: date: maandag" in out
    assert (
        "rijksoverheid-steunpakket “Kabinet stelt 250 miljoen euro beschikbaar voor Oekraïne”: date: 2025-12-01" in out
    )
    assert out.rstrip().endswith("(2 reports)")


def test_a_cited_fact_names_its_sources_and_words(store: Path) -> None:
    aid = _package_of_1_december(GraphStore.open(store))
    text = _cli("cite", "--store", str(store), aid)
    assert text.startswith("Nederland, 2025-12-01: Nederland → Oekraïne: 250.000.000 EUR")
    assert (
        "“Nederland draagt 250 miljoen bij aan steunpakket”, Testomroep, 2025-12-01. https://example.org/nos-steunpakket"
        in text
    )
    assert "“Nederland draagt 250 miljoen euro bij aan een nieuw steunpakket voor Oekraïne.” (characters 0–78)" in text


# rdflib's own TriG parsing calls its deprecated default_context and ConjunctiveGraph (rdflib 7.6).
@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_a_cited_facts_bundle_parses_as_trig_and_holds_the_exact_evidence(store: Path) -> None:
    aid = _package_of_1_december(GraphStore.open(store))
    trig = CliRunner().invoke(cli, ["cite", "--store", str(store), "--format", "trig", aid]).stdout_bytes
    dataset = rdflib.Dataset()
    dataset.parse(data=trig, format="trig")
    graphs = {str(g.identifier).rsplit("#", 1)[-1]: g for g in dataset.graphs() if "#" in str(g.identifier)}
    assert set(graphs) == {"Head", "assertion", "provenance", "pubinfo"}
    assert (
        rdflib.URIRef(aid),
        rdflib.RDF.type,
        rdflib.URIRef("https://w3id.org/navokg/ontology#AidCommitment"),
    ) in graphs["assertion"]
    body = read_document(DATA / "documents" / "nos-steunpakket.txt").body
    exacts = {str(o) for o in graphs["provenance"].objects(None, rdflib.URIRef("http://www.w3.org/ns/oa#exact"))}
    assert body[0:78] in exacts
    again = CliRunner().invoke(cli, ["cite", "--store", str(store), "--format", "trig", aid]).stdout_bytes
    assert again == trig, "the same store cites a fact with the same bytes"


def test_the_research_pages_mark_conflicts_and_report_counts(store: Path, tmp_path: Path) -> None:
    import httpx

    from .server import running_server

    with running_server(store, "--workers", "2", "--log-level", "warning", log_dir=tmp_path) as server:
        person = httpx.get(f"{server.url}/person/jan-de-vries", timeout=30).text
        aid = httpx.get(f"{server.url}/aid", timeout=30).text
    note = person.split('class="conflict-note"', 1)[1].split("</p>", 1)[0]
    assert "The reports disagree about start" in note
    assert "2023-03-01" in note and "2023-06-01" in note
    assert "reported by 2 documents" in aid
    assert 'class="badge conflict"' in aid.split('<table class="totals">', 1)[1].split("</table>", 1)[0]


def test_a_list_reads_the_evidence_of_a_few_reports_and_every_date(store: Path) -> None:
    graph = GraphStore.open(store)
    zeist = select_rows(graph, "SELECT ?h WHERE { ?h nkg:office ?o . ?o rdfs:label 'burgemeester van Zeist'@nl }")
    holding, aid = str(zeist[0]["h"].value), _package_of_1_december(graph)
    whole = read_facts(graph, [holding, aid])
    capped = read_facts(graph, [holding, aid], reports=1)
    for iri in (holding, aid):
        assert not whole[iri].partial and capped[iri].partial
        assert capped[iri].documents == whole[iri].documents and capped[iri].report_count == 2
        # Only the first document's words are read; the dates every report gives stay.
        first = min(whole[iri].documents)
        assert {e.document_iri for e in capped[iri].evidence} == {first}
        assert {e.document_iri for e in whole[iri].evidence} == set(whole[iri].documents)
        assert [_placed(capped[iri].dates(r)) for r in DATE_ROLES] == [_placed(whole[iri].dates(r)) for r in DATE_ROLES]
        assert capped[iri].disputed == whole[iri].disputed and capped[iri].bounds == whole[iri].bounds
    assert [w.value for w in capped[holding].start] == ["2023-03-01", "2023-06-01"]
    # The words of the report shown stay with its date; the other report's date comes without.
    assert [w.as_written for w in capped[holding].start] == ["1 maart 2023", None]


def _placed(whens: tuple[When, ...]) -> list[tuple[str | None, dt.date | None, dt.date | None]]:
    """The dates claims place a fact at (a claim placed nowhere is only words: a capped read
    has those of the reports it shows)."""
    return sorted({(w.value, w.earliest, w.latest) for w in whens if w.value is not None}, key=str)


def _first(placed: list[tuple[str | None, dt.date | None, dt.date | None]]) -> tuple[Any, ...]:
    return min((lo, hi) for _, lo, hi in placed)


def _last(placed: list[tuple[str | None, dt.date | None, dt.date | None]]) -> tuple[Any, ...]:
    return max((hi, lo) for _, lo, hi in placed)


def test_the_network_commands_cap_the_evidence_they_print(store: Path) -> None:
    shown = json.loads(_cli("neighbours", "Jan de Vries", "--store", str(store), "--format", "json", "--reports", "1"))
    every = json.loads(_cli("neighbours", "Jan de Vries", "--store", str(store), "--format", "json"))
    holding = next(e["fact"] for e in shown["edges"] if e["kind"] == "holding")
    whole = next(e["fact"] for e in every["edges"] if e["id"] == next(x["id"] for x in shown["edges"]
                                                                          if x["kind"] == "holding"))  # fmt: skip
    assert holding["partial"] and holding["reports"] == 2 and len(holding["evidence"]) == 1
    assert not whole["partial"] and len(whole["evidence"]) == 2
    assert [d["value"] for d in holding["start"]] == [d["value"] for d in whole["start"]]


def test_a_capped_read_can_put_one_document_first(store: Path) -> None:
    graph = GraphStore.open(store)
    aid = _package_of_1_december(graph)
    last = max(read_facts(graph, [aid])[aid].documents)
    shown = read_facts(graph, [aid], reports=1, first=last)[aid]
    assert {e.document_iri for e in shown.evidence} == {last} and shown.partial


def test_a_capped_read_keeps_what_every_report_together_says(seed_graph: GraphStore) -> None:
    iris = [row["f"].value for row in select_rows(seed_graph, "SELECT ?f WHERE { ?f prov:wasDerivedFrom ?d }")]
    whole, capped = read_facts(seed_graph, iris), read_facts(seed_graph, iris, reports=1)
    assert capped.keys() == whole.keys() and len(whole) > 50
    for iri, fact in whole.items():
        cut = capped[iri]
        assert (cut.documents, cut.report_count, cut.disputed, cut.bounds, cut.when and cut.when.value) == (
            fact.documents, fact.report_count, fact.disputed, fact.bounds, fact.when and fact.when.value
        ), iri  # fmt: skip
        for role in DATE_ROLES:
            every, some = _placed(fact.dates(role)), _placed(cut.dates(role))
            assert set(some) <= set(every) and cut.date_count(role) == fact.date_count(role) == len(every), iri
            if every:  # the first and the last date every report together gives are kept
                assert _first(some) == _first(every) and _last(some) == _last(every), iri
        assert cut.stretches == fact.stretches and not (cut.held and cut.partial), iri
        assert (cut.amount, cut.statuses, cut.confidence, cut.methods, cut.items) == (
            fact.amount, fact.statuses, fact.confidence, fact.methods, fact.items
        ), iri  # fmt: skip
        assert set(cut.evidence) <= set(fact.evidence) and len({e.document_iri for e in cut.evidence}) <= 1
        assert cut.partial == (len(fact.documents) > 1)


def test_the_stretches_a_store_gives_are_its_segments_merged(seed_graph: GraphStore) -> None:
    holdings = {i: f for i, f in read_all_facts(seed_graph).items() if f.type is FactType.HOLDING}
    assert len(holdings) > 10 and sum(len(f.held) > len(f.stretches) for f in holdings.values()) > 3
    for iri, fact in holdings.items():
        assert list(fact.stretches) == stretches(fact.held), iri
