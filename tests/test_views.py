"""The drawn views: their JSON is the commands' JSON, their tables need no script, and in a
real (headless) Chromium the drawings show what the graph holds, where it belongs."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from decimal import Decimal
from html import unescape
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from navokg.cli import cli
from navokg.read.cards import LISTED
from navokg.read.query import bind_parameters, load_saved_queries, select_rows
from navokg.store import GraphStore
from navokg.web.facts import path_of
from navokg.web.views import EDGES_PER_PAGE, FACTS_PER_PAIR, NETWORK_LIMIT, TIMELINE_LIMIT

from .server import Server
from .test_pages import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, page, text_of

RUTTE = "https://w3id.org/navokg/id/person/mark-rutte"
SG_NAVO = "https://w3id.org/navokg/id/office/secretaris-generaal-van-de-navo"
DEFENSIE = "https://w3id.org/navokg/id/office/minister-van-defensie-nederland"


def cli_json(store: Path, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, [*args, "--store", str(store), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def api(server: Server, path: str, **params: str | list[str]) -> dict[str, Any]:
    response = httpx.get(server.url + path, params=params, timeout=30)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    document: dict[str, Any] = response.json()
    return document


# --- the JSON endpoints are the commands ------------------------------------------------------


def test_neighbours_endpoint_answers_as_the_command(seed_server: Server, seed_store: Path) -> None:
    served = api(seed_server, "/api/neighbours/person/mark-rutte", depth="2", kinds=["holding", "post", "aid"])
    command = cli_json(seed_store, "neighbours", RUTTE, "--depth", "2", "--via", "holding,post,aid",
                       "--limit", str(NETWORK_LIMIT), "--facts-per-pair", str(FACTS_PER_PAIR),
                       "--reports", str(LISTED))  # fmt: skip
    assert served == command
    assert {n["iri"] for n in served["nodes"]} >= {RUTTE, SG_NAVO}


def test_a_large_neighbourhood_is_cut_and_says_so(seed_server: Server, seed_store: Path) -> None:
    whole = cli_json(seed_store, "neighbours", RUTTE, "--depth", "2", "--via", "all")
    served = api(seed_server, "/api/neighbours/person/mark-rutte", depth="2", kinds="all", limit="30")
    assert served == cli_json(seed_store, "neighbours", RUTTE, "--depth", "2", "--via", "all", "--limit", "30",
                              "--facts-per-pair", str(FACTS_PER_PAIR), "--reports", str(LISTED))  # fmt: skip
    assert len(served["nodes"]) == 30 and served["left_out"] == len(whole["nodes"]) - 30 > 0
    assert served["note"] and "shown are the 30 nearest" in served["note"]
    html = page(seed_server, "/network/person/mark-rutte", depth="2", kinds="all", limit="30").text
    assert served["note"] in unescape(html)
    assert api(seed_server, "/api/neighbours/person/mark-rutte", depth="2", kinds="all")["limit"] == NETWORK_LIMIT
    refused = httpx.get(seed_server.url + "/api/neighbours/person/mark-rutte", params={"limit": "5000"})
    assert refused.status_code == 400 and refused.json()["error"]["type"] == "UsageError"


def test_the_drawing_names_its_facts_and_reads_a_line_s_facts_when_asked(seed_server: Server, seed_store: Path) -> None:
    full = api(seed_server, "/api/neighbours/person/mark-rutte", depth="2")
    drawn = api(seed_server, "/api/neighbours/person/mark-rutte", depth="2", facts="0")
    assert drawn == cli_json(seed_store, "neighbours", RUTTE, "--depth", "2", "--no-facts",
                             "--limit", str(NETWORK_LIMIT), "--facts-per-pair", str(FACTS_PER_PAIR))  # fmt: skip
    # The same nodes and edges, in the same order; each edge names its fact without its content.
    assert drawn["nodes"] == full["nodes"]
    assert [(e["id"], e["fact_iri"]) for e in drawn["edges"]] == [(e["id"], e["fact_iri"]) for e in full["edges"]]
    assert all(e["fact"] is None for e in drawn["edges"])
    named = [e for e in full["edges"] if e["fact"]]
    assert named and all(e["fact_iri"] == e["fact"]["iri"] for e in named)
    # A line's facts, asked for by IRI, are what the full answer holds.
    line = list({e["fact_iri"]: e["fact"] for e in named}.items())[:3]
    read = api(seed_server, "/api/facts", iri=[iri for iri, _ in line])
    assert len(line) == 3 and read["facts"] == [fact for _, fact in line]
    assert api(seed_server, "/api/facts", iri="https://w3id.org/navokg/id/aid/none") == {"facts": []}


def test_timeline_endpoint_answers_as_the_command(seed_server: Server, seed_store: Path) -> None:
    shown = ("--reports", str(LISTED), "--limit", str(TIMELINE_LIMIT))
    assert api(seed_server, "/api/timeline/person/mark-rutte") == cli_json(seed_store, "timeline", RUTTE, *shown)
    office = api(seed_server, "/api/timeline/office/secretaris-generaal-van-de-navo", **{"from": "2020"})
    assert office == cli_json(seed_store, "timeline", SG_NAVO, "--from", "2020", *shown)
    assert [e["what"] for e in office["entries"]] == ["Jens Stoltenberg", "Mark Rutte"]


def test_aid_endpoint_answers_as_the_command(seed_server: Server, seed_store: Path) -> None:
    assert api(seed_server, "/api/aid") == cli_json(seed_store, "aid-flow")
    assert api(seed_server, "/api/aid", donor="Nederland", **{"from": "2024"}) == cli_json(
        seed_store, "aid-flow", "--donor", "Nederland", "--from", "2024"
    )


# --- pages without JavaScript: the tables -----------------------------------------------------


def test_network_page_tables_hold_every_node_and_edge(seed_server: Server) -> None:
    served = api(seed_server, "/api/neighbours/person/ruben-brekelmans", depth="2")
    html = page(seed_server, "/network/person/ruben-brekelmans", depth="2").text
    nodes = html.split('<table class="network-nodes">', 1)[1].split("</table>", 1)[0]
    shown = re.findall(r'<td class="number">(\d+)</td><td><a href="([^"]+)">', nodes)
    assert len(shown) == len(served["nodes"])
    assert [int(hop) for hop, _ in shown] == [n["distance"] for n in served["nodes"]]
    edges = html.split('<table class="network-edges">', 1)[1].split("</table>", 1)[0]
    assert edges.count("<tr>") - 1 == len(served["edges"])  # less the header row
    # The form asks again without a script: depth, kinds and dates in the address.
    assert '<form class="network-form" method="get"' in html and 'name="kinds" value="aid" checked' in html


def test_network_page_pages_a_long_table_of_facts(seed_server: Server) -> None:
    served = api(seed_server, "/api/neighbours/person/mark-rutte", depth="2", kinds="all")
    assert len(served["edges"]) > EDGES_PER_PAGE  # the seeds' busiest neighbourhood needs pages
    rows: list[tuple[str, str | None]] = []
    address: str | None = "/network/person/mark-rutte?depth=2&kinds=all"
    while address:
        html = httpx.get(seed_server.url + address, timeout=30).text
        table = html.split('<table class="network-edges">', 1)[1].split("</table>", 1)[0]
        shown = table.split("<tbody>", 1)[1].split("<tr>")[1:]
        assert 0 < len(shown) <= EDGES_PER_PAGE
        for row in shown:
            link = re.search(r'<a class="key edge-([a-z-]+)" href="([^"]+)">', row)
            kind = link.group(1) if link else re.search(r'<span class="key edge-([a-z-]+)">', row).group(1)  # type: ignore[union-attr]
            rows.append((kind, unescape(link.group(2)) if link else None))
        following = re.search(r'<a rel="next" href="([^"]+)">', html)
        address = unescape(following.group(1)) if following else None
    # Every edge once, in the answer's order, each fact linked and its evidence read.
    assert rows == [(e["kind"], path_of(e["fact_iri"]) if e["fact_iri"] else None) for e in served["edges"]]
    assert f"Rows 1–{EDGES_PER_PAGE} of {len(served['edges'])}" in text_of(
        page(seed_server, "/network/person/mark-rutte", depth="2", kinds="all").text
    )


def test_person_page_counts_the_aid_his_offices_gave(seed_server: Server, seed_store: Path) -> None:
    life = cli_json(seed_store, "timeline", RUTTE)
    through_office = {e["fact"]["iri"] for e in life["entries"] if e["kind"] == "aid"}
    assert through_office
    html = page(seed_server, "/person/mark-rutte").text
    assert f'<a href="#aid">Aid ({len(through_office)})</a>' in html
    aid = html.split('id="aid"', 1)[1].split('id="documents"', 1)[0]
    assert set(re.findall(r'<tr data-fact="([^"]+)"', aid)) == through_office
    assert "held the office of minister-president van Nederland" in text_of(aid)


def test_office_page_lists_the_documents_that_report_its_holders(seed_server: Server, seed_graph: GraphStore) -> None:
    rows = select_rows(seed_graph, f"SELECT DISTINCT ?d WHERE {{ ?h nkg:office <{SG_NAVO}> ; prov:wasDerivedFrom ?d }}")
    reporting = {r["d"].value.rsplit("/", 1)[1] for r in rows}
    assert len(reporting) >= 3
    html = page(seed_server, "/office/secretaris-generaal-van-de-navo").text
    documents = html.split('id="documents"', 1)[1]
    assert reporting <= set(re.findall(r'href="/document/([^"]+)"', documents))
    assert "None." not in text_of(documents)
    assert "Untitled" not in html and not re.search(r">\s*\d{3}_[0-9a-f]{16}\s*<", html)  # never a hash


# --- in a real browser ------------------------------------------------------------------------

browser = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="no /usr/bin/chromium: install it with bash .ci/install-browser"
)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def tab(chromium: Any) -> Iterator[Any]:
    """A page that fails the test on any script error or refused resource (the CSP included)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    opened.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" and "favicon.ico" not in str(message.location)
            else None
        ),
    )
    yield opened
    context.close()
    assert problems == []


@pytest.mark.browser
@browser
def test_network_view_draws_the_neighbourhood_and_a_node_opens_its_page(seed_server: Server, tab: Any) -> None:
    from playwright.sync_api import expect

    served = api(seed_server, "/api/neighbours/person/ruben-brekelmans", depth="2")
    tab.goto(seed_server.url + "/network/person/ruben-brekelmans?depth=2")
    view = tab.locator(".network-view")
    expect(view).to_have_attribute("data-ready", "1")
    drawn = tab.evaluate(
        """() => { const cy = document.querySelector('.network-view').navokg.cy;
                   return { nodes: cy.nodes().map(n => [n.id(), n.data('kind'), n.data('colour')]),
                            lines: cy.edges().map(e => [e.data('kind'), e.source().id(), e.target().id(), e.data('count')]) }; }"""
    )
    assert sorted(n[0] for n in drawn["nodes"]) == sorted(n["iri"] for n in served["nodes"])
    colours = {kind: {c for _, k, c in drawn["nodes"] if k == kind} for _, kind, _ in drawn["nodes"]}
    assert all(len(c) == 1 for c in colours.values())  # one colour per kind of node, each its own
    assert len(set().union(*colours.values())) == len(colours) == len({n["kind"] for n in served["nodes"]})
    lines = Counter((e["kind"], e["source"], e["target"]) for e in served["edges"])
    assert {(k, s, t): c for k, s, t, c in drawn["lines"]} == dict(lines)
    tab.screenshot(path=str(ARTIFACTS / "network-brekelmans.png"))
    view.screenshot(path=str(ARTIFACTS / "network-view.png"))

    # Hovering a line shows its fact and the words it rests on (in a sparser drawing: the
    # holding, its post and the aid).
    tab.goto(seed_server.url + "/network/person/ruben-brekelmans?depth=2&kinds=holding,post,aid")
    expect(view).to_have_attribute("data-ready", "1")
    holding = tab.evaluate(
        """() => { const cy = document.querySelector('.network-view').navokg.cy;
                   const e = cy.edges("[kind = 'holding']")[0]; const p = e.renderedMidpoint();
                   const box = cy.container().getBoundingClientRect();
                   return { x: box.left + p.x, y: box.top + p.y }; }"""
    )
    # The drawing came without the facts' content; pointing at a line reads its facts.
    assert tab.evaluate("() => document.querySelector('.network-view').navokg.document.edges.every(e => !e.fact)")
    tab.mouse.move(holding["x"], holding["y"])
    tip = tab.locator(".net-tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("holding")
    expect(tip.locator("blockquote").first).to_be_visible()

    # A click on a node opens its page.
    target = tab.evaluate(
        """iri => { const cy = document.querySelector('.network-view').navokg.cy;
                    const p = cy.getElementById(iri).renderedPosition(); const box = cy.container().getBoundingClientRect();
                    return { x: box.left + p.x, y: box.top + p.y }; }""",
        DEFENSIE,
    )
    tab.mouse.click(target["x"], target["y"])
    expect(tab).to_have_url(seed_server.url + "/office/minister-van-defensie-nederland")


@pytest.mark.browser
@browser
def test_entity_page_network_filters_redraw_from_the_endpoint(seed_server: Server, tab: Any) -> None:
    from playwright.sync_api import expect

    tab.goto(seed_server.url + "/person/mark-rutte#network")
    view = tab.locator("#network .network-view")
    expect(view).to_have_attribute("data-ready", "1")
    for kind in ("post", "statement", "said-in", "mentions"):
        tab.locator("#network .net-controls").get_by_label(kind).uncheck()
    tab.locator("#network .net-controls").get_by_role("button", name="Apply").click()
    expect(view).to_have_attribute("data-ready", "1")
    served = api(seed_server, "/api/neighbours/person/mark-rutte", depth="1", kinds=["holding", "aid"])
    expect(view).to_have_attribute("data-edges", str(len(served["edges"])))
    expect(view).to_have_attribute("data-nodes", str(len(served["nodes"])))
    tab.locator("#network").screenshot(path=str(ARTIFACTS / "network-on-person-page.png"))


def _x_of(svg: dict[str, str], day: dt.date) -> float:
    """Where a day sits on the drawn axis, from the scale the SVG states."""
    d0, d1 = (dt.date.fromisoformat(svg[k]) for k in ("data-domain-start", "data-domain-end"))
    r0, r1 = float(svg["data-range-start"]), float(svg["data-range-end"])
    return r0 + (day - d0).days / (d1 - d0).days * (r1 - r0)


def _bars(tab: Any, scope: str) -> tuple[dict[str, str], list[dict[str, str]]]:
    svg = tab.locator(f"{scope} svg.timeline-svg").evaluate(
        "s => Object.fromEntries(Array.from(s.attributes).map(a => [a.name, a.value]))"
    )
    bars = tab.locator(f"{scope} rect.bar").evaluate_all(
        "rs => rs.map(r => Object.fromEntries(Array.from(r.attributes).map(a => [a.name, a.value])))"
    )
    return svg, bars


@pytest.mark.browser
@browser
def test_timeline_bars_sit_at_their_dates(seed_server: Server, seed_store: Path, tab: Any) -> None:
    from playwright.sync_api import expect

    life = cli_json(seed_store, "timeline", RUTTE)
    tab.goto(seed_server.url + "/person/mark-rutte")
    expect(tab.locator(".timeline-view")).to_have_attribute("data-ready", "1")
    svg, bars = _bars(tab, "#timeline")
    expected = [
        (e["fact"]["iri"], h["first"], h["last"] or "", h["certainty"])
        for e in life["entries"]
        if e["kind"] == "holding"
        for h in e["fact"]["stretches"]
    ]
    assert sorted((b["data-fact"], b["data-first"], b["data-last"], b["data-certainty"]) for b in bars) == sorted(
        expected
    )
    for bar in bars:
        first = dt.date.fromisoformat(bar["data-first"])
        assert float(bar["x"]) == pytest.approx(_x_of(svg, first), abs=0.5)
        if bar["data-last"]:
            end = dt.date.fromisoformat(bar["data-last"]) + dt.timedelta(days=1)
            assert float(bar["x"]) + float(bar["width"]) == pytest.approx(_x_of(svg, end), abs=0.5)
        else:  # the term goes on: drawn to the right edge, with an arrow
            assert float(bar["x"]) + float(bar["width"]) == pytest.approx(float(svg["data-range-end"]), abs=0.5)
            assert "open" in bar["class"]
        assert ("url(#" in bar.get("fill", "")) == (bar["data-certainty"] == "likely")  # likely: hatched
    navo = [b for b in bars if b["data-first"] == "2024-10-01"]
    assert navo and navo[0]["data-certainty"] == "certain"
    # Statements and aid as marks at their dates.
    marks = tab.locator("#timeline rect.mark.statement").evaluate_all("rs => rs.map(r => r.getAttribute('data-date'))")
    dated = [
        e["date"]["value"] for e in life["entries"] if e["kind"] == "statement" and e["date"] and e["date"]["earliest"]
    ]
    assert sorted(marks) == sorted(dated)
    tab.locator("#timeline").screenshot(path=str(ARTIFACTS / "timeline-person.png"))

    # Zoomed to 2024, the scale is that year and the bars follow it.
    tab.locator("#timeline .zoom").get_by_role("button", name="2024").click()
    svg, bars = _bars(tab, "#timeline")
    assert (svg["data-domain-start"], svg["data-domain-end"]) == ("2024-01-01", "2025-01-01")
    navo = next(b for b in bars if b["data-first"] == "2024-10-01")
    assert float(navo["x"]) == pytest.approx(_x_of(svg, dt.date(2024, 10, 1)), abs=0.5)
    tab.locator("#timeline").screenshot(path=str(ARTIFACTS / "timeline-person-2024.png"))


@pytest.mark.browser
@browser
def test_office_timeline_shows_its_holders_in_succession(seed_server: Server, tab: Any) -> None:
    from playwright.sync_api import expect

    tab.goto(seed_server.url + "/office/secretaris-generaal-van-de-navo")
    expect(tab.locator(".timeline-view")).to_have_attribute("data-ready", "1")
    labels = tab.locator("#holders svg .row-label").evaluate_all("ts => ts.map(t => t.firstChild.nodeValue)")
    assert labels == ["Jens Stoltenberg", "Mark Rutte"]
    _svg, bars = _bars(tab, "#holders")
    firsts: dict[str, list[float]] = defaultdict(list)
    for bar in bars:
        firsts[bar["data-fact"]].append(float(bar["x"]))
    starts = sorted(min(xs) for xs in firsts.values())
    assert len(starts) == 2 and starts[0] < starts[1]  # Stoltenberg before Rutte
    tab.locator("#holders").screenshot(path=str(ARTIFACTS / "timeline-office.png"))


@pytest.mark.browser
@browser
def test_aid_chart_totals_are_the_aid_totals_query(seed_server: Server, seed_graph: GraphStore, tab: Any) -> None:
    from playwright.sync_api import expect

    saved = load_saved_queries()["aid-totals"]
    expected: dict[tuple[str, str, str, str], Decimal] = defaultdict(Decimal)
    facts: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    others = 0
    for row in select_rows(seed_graph, bind_parameters(saved.text, saved, {}, seed_graph)):
        if row["currency"].value != "EUR":
            others += 1
            continue
        key = (row["donor"].value, row["recipient"].value, row["year"].value)
        expected[(*key, row["status"].value)] += Decimal(row["total"].value)
        facts[key] |= set(row["facts"].value.split())
    tab.goto(seed_server.url + "/aid")
    chart = tab.locator(".aid-chart")
    expect(chart).to_have_attribute("data-ready", "1")
    segments = tab.locator(".aid-chart .bar rect.segment").evaluate_all(
        """rs => rs.map(r => { const g = r.parentNode;
             return [g.dataset.donor, g.dataset.recipient, g.dataset.year, r.dataset.status, r.dataset.total]; })"""
    )
    assert {(d, r, y, s): Decimal(t) for d, r, y, s, t in segments} == dict(expected)
    bars = tab.locator(".aid-chart .bar").evaluate_all(
        "gs => gs.map(g => [g.dataset.donor, g.dataset.recipient, g.dataset.year, g.dataset.total, g.dataset.facts])"
    )
    for donor, recipient, year, total, listed in bars:
        key = (donor, recipient, year)
        assert Decimal(total) == sum(v for k, v in expected.items() if k[:3] == key)
        assert set(listed.split()) == facts[key]
    chart.screenshot(path=str(ARTIFACTS / "aid-chart.png"))

    # A click on a bar lists the commitments behind it, from the page's own table.
    bar = tab.locator('.aid-chart .bar[data-year="2024"]').first
    bar.click()
    detail = tab.locator("#aid-detail")
    expect(detail.locator("h3")).to_contain_text("2024")
    listed = detail.locator("tbody tr").evaluate_all("rs => rs.map(r => r.dataset.fact)")
    assert set(listed) == set(bar.get_attribute("data-facts").split())
    tab.locator("#chart").screenshot(path=str(ARTIFACTS / "aid-chart-detail.png"))
    assert others == 0 or tab.locator("table.aid-bars").count() == 2  # other currencies apart, never added


@pytest.mark.browser
@browser
def test_pages_work_without_javascript(seed_server: Server, chromium: Any) -> None:
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(seed_server.url + "/person/mark-rutte")
        assert not tab.locator(".timeline-view").is_visible() and not tab.locator(".network-view").is_visible()
        assert tab.locator("table.connections tbody tr").count() > 5
        assert tab.locator("#offices .holding").count() == 2
        tab.goto(seed_server.url + "/network/person/mark-rutte")
        assert tab.locator("table.network-edges tbody tr").count() > 10
        tab.get_by_label("Hops").select_option("2")
        tab.locator(".network-form").get_by_label("mentions").uncheck()
        tab.get_by_role("button", name="Show", exact=True).click()
        assert "depth=2" in tab.url and "mentions" not in tab.url
        assert tab.locator("table.network-nodes tbody tr").count() > 1
        tab.goto(seed_server.url + "/aid")
        assert not tab.locator(".aid-chart").is_visible()
        assert tab.locator("table.aid-bars tbody tr").count() >= 4
    finally:
        context.close()


@pytest.mark.browser
@browser
def test_document_view_reads_as_paragraphs_with_its_title(seed_server: Server, tab: Any) -> None:
    tab.goto(seed_server.url + "/document/000_20c9fd92713bf5d2#ev-2082-2246")
    heading = tab.get_by_role("heading", level=1)
    assert heading.inner_text().startswith("Background article: In november 2021")
    assert tab.locator(".doc-body p").count() > 10
    current = tab.locator(".doc-body .hl.current").first
    assert current.is_visible()
    assert "1 miljard euro" in " ".join(tab.locator(".doc-body .hl.current").all_inner_texts())
    tab.screenshot(path=str(ARTIFACTS / "document-reflowed.png"))


def test_every_view_is_described_in_the_docs() -> None:
    serving = (Path(__file__).resolve().parents[1] / "docs" / "serving.md").read_text("utf-8")
    for route in ("/network/{kind}/{key}", "/api/neighbours/{kind}/{key}", "/api/timeline/{kind}/{key}", "/api/aid"):
        assert f"`{route}" in serving, route


def test_the_views_json_is_the_standard_librarys_json_without_whitespace(seed_graph: GraphStore) -> None:
    from navokg.network import neighbourhood, report, timeline
    from navokg.network.render import json_bytes

    for result in (neighbourhood(seed_graph, "Mark Rutte", depth=2), timeline(seed_graph, "Mark Rutte")):
        document = report(result).document
        compact = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
        assert json_bytes(document, indent=False) == compact
        assert json.loads(json_bytes(document)) == json.loads(compact)
