"""The research pages, read over HTTP and in a real (headless) Chromium."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pytest

from navokg.dutch.names import fold_name
from navokg.read.query import bind_parameters, load_saved_queries, select_rows
from navokg.store import GraphStore
from navokg.web.text import Span, excerpt, paragraphs, segments, sentence_bounds

from .server import Server

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
RUTTE = "https://w3id.org/navokg/id/person/mark-rutte"


def page(server: Server, path: str, **params: str) -> httpx.Response:
    response = httpx.get(server.url + path, params=params, headers=BROWSER, timeout=30)
    assert response.headers["content-type"].startswith("text/html")
    return response


def text_of(html: str) -> str:
    """The visible text of a page, roughly: tags out, entities decoded, spaces squashed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


# --- search ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query,name",
    [
        ("yesilgoz", "Dilan Yeşilgöz-Zegerius"),
        ("YEŞILGÖZ zegerius", "Dilan Yeşilgöz-Zegerius"),
        ("rutte", "Mark Rutte"),
        ("poetin", "Vladimir Poetin"),
        ("Putin", "Vladimir Poetin"),
        ("oekraine", "Oekraïne"),
        ("noord-atlantische", "NAVO"),
    ],
)
def test_search_finds_names_and_aliases_without_diacritics(seed_server: Server, query: str, name: str) -> None:
    response = page(seed_server, "/search", q=query)
    assert response.status_code == 200
    hits = re.findall(r'<li><span class="badge">[^<]*</span> <a href="([^"]+)"[^>]*>([^<]+)</a>', response.text)
    assert name in [unescape(label) for _, label in hits], hits


def test_search_without_hits_says_so(seed_server: Server) -> None:
    assert "No names found" in page(seed_server, "/search", q="Napoleon Bonaparte").text


def test_search_escapes_what_it_echoes(seed_server: Server) -> None:
    response = page(seed_server, "/search", q='<script>alert("x")</script>')
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert(" in response.text


def test_names_compare_without_case_diacritics_or_hyphens() -> None:
    assert fold_name("Dilan Yeşilgöz-Zegerius") == "dilan yesilgoz zegerius"
    assert fold_name("Oekraïne") == fold_name("OEKRAINE")


# --- person, organization, country and office pages ------------------------------------------


def test_person_page_shows_offices_statements_and_evidence(seed_server: Server, seed_graph: GraphStore) -> None:
    response = page(seed_server, "/person/mark-rutte")
    assert response.status_code == 200
    html = response.text
    text = text_of(html)
    assert '<h1 lang="nl">Mark Rutte</h1>' in html
    offices = text.split("Offices held", 2)[2].split("Statements")[0]
    assert "minister-president van Nederland" in offices and "secretaris-generaal van de NAVO" in offices
    assert re.search(r'<time datetime="2024-10-01">2024-10-01</time> <span class="precision"[^>]*>day</span>', html)
    assert re.search(r'<time datetime="2021-11">2021-11</time> <span class="precision"[^>]*>month</span>', html)
    # Each statement: its source sentence with the evidence marked, linked to that spot in the document.
    statements = html.split('id="statements"', 1)[1].split('id="aid"', 1)[0]
    quotes = re.findall(
        r'<blockquote lang="nl"><p>(.*?)<mark>(.*?)</mark>(.*?)</p></blockquote>\s*'
        r'<figcaption>.*?<a class="in-document" href="(/document/[^"#]+)#ev-(\d+)-(\d+)"',
        statements,
        re.S,
    )
    own = [row for row in seed_graph.query(f"SELECT ?s WHERE {{ ?s nkg:speaker <{RUTTE}> }}")]
    assert len(quotes) >= len(own) > 5
    bodies: dict[str, str] = {}
    for before, exact, after, doc_path, start, end in quotes:
        doc_id = doc_path.rsplit("/", 1)[1]
        if doc_id not in bodies:
            iri = f"https://w3id.org/navokg/id/doc/{doc_id}"
            bodies[doc_id] = next(iter(seed_graph.query(f"SELECT ?b WHERE {{ <{iri}> nkg:body ?b }}")))["b"].value
        body = bodies[doc_id]
        assert " ".join(body[int(start) : int(end)].split()) == unescape(exact)
        sentence = " ".join(unescape(before + exact + after).split())
        assert sentence in " ".join(body.split())


def test_person_page_points_to_aid_of_the_countries_of_his_offices(seed_server: Server) -> None:
    html = page(seed_server, "/person/mark-rutte").text
    aid = html.split('id="aid"', 1)[1].split('id="documents"', 1)[0]
    assert 'href="/country/nederland"' in aid and 'href="/organization/navo"' in aid


def test_country_page_shows_aid_given_and_offices(seed_server: Server) -> None:
    text = text_of(page(seed_server, "/country/nederland").text)
    assert "Aid committed by Nederland" in text
    assert "minister-president van Nederland" in text
    received = text_of(page(seed_server, "/country/oekraine").text)
    assert "Aid committed to Oekraïne" in received


def test_office_page_lists_holders_in_time(seed_server: Server) -> None:
    text = text_of(page(seed_server, "/office/secretaris-generaal-van-de-navo").text)
    assert "Holders" in text and "Mark Rutte" in text and "Jens Stoltenberg" in text


def test_entity_by_iri_redirects_to_its_page(seed_server: Server) -> None:
    response = httpx.get(seed_server.url + "/entity", params={"iri": RUTTE})
    assert response.status_code == 303 and response.headers["location"] == "/person/mark-rutte"


def test_fact_page_shows_the_fact_and_its_evidence(seed_server: Server, seed_graph: GraphStore) -> None:
    statement = next(
        iter(
            seed_graph.query(
                f"SELECT ?s ?t WHERE {{ ?s nkg:speaker <{RUTTE}> ; nkg:kind 'direct' ; nkg:text ?t }} ORDER BY ?s LIMIT 1"
            )
        )
    )
    response = page(seed_server, "/entity", iri=statement["s"].value)
    assert response.status_code == 200
    text = text_of(response.text)
    assert "Statement" in text and "Quoted words" in text and statement["t"].value in text
    assert "<mark>" in response.text and "show in the document" in text


def test_unknown_person_is_404_page_for_browsers(seed_server: Server) -> None:
    response = page(seed_server, "/person/nobody-at-all")
    assert response.status_code == 404
    assert "NotFoundError" in response.text and "no person" in response.text


# --- documents -------------------------------------------------------------------------------


def test_document_view_highlights_every_fact_and_links_it(seed_server: Server, seed_graph: GraphStore) -> None:
    doc_id = "004_44eb88ef367aefe1"
    iri = f"https://w3id.org/navokg/id/doc/{doc_id}"
    response = page(seed_server, f"/document/{doc_id}")
    assert response.status_code == 200
    html = response.text
    spans = {
        (int(r["s"].value), int(r["e"].value))
        for r in seed_graph.query(
            f"SELECT ?s ?e WHERE {{ ?f nkg:evidence ?ev . ?ev oa:hasSource <{iri}> ; oa:start ?s ; oa:end ?e }}"
        )
    }
    anchors = {(int(s), int(e)) for s, e in re.findall(r'<span class="anchor" id="ev-(\d+)-(\d+)"></span>', html)}
    assert anchors == spans
    facts = {
        r["f"].value
        for r in seed_graph.query(
            f"""SELECT DISTINCT ?f WHERE {{ VALUES ?type {{ nkg:OfficeHolding nkg:Statement nkg:AidCommitment }}
              ?f a ?type ; nkg:evidence ?ev . ?ev oa:hasSource <{iri}> }}"""
        )
    }
    linked = set(re.findall(r'<a class="hl hl-\w+" href="/entity\?iri=([^"]+)"', html))
    refs = set(re.findall(r'<a class="fact-ref" href="/entity\?iri=([^"]+)"', html))
    assert {unescape(httpx.URL("?iri=" + r).params["iri"]) for r in refs} == facts
    assert linked <= refs
    # The text is the body reflowed: each paragraph is the body between its offsets, its
    # hard line breaks made spaces, and the paragraphs hold every word of the body.
    body = next(iter(seed_graph.query(f"SELECT ?b WHERE {{ <{iri}> nkg:body ?b }}")))["b"].value
    shown = html.split('<div class="doc-body" lang="nl">', 1)[1].split("</div>", 1)[0]
    shown = re.sub(r'<a class="fact-ref"[^>]*><sup>\d+</sup></a>', "", shown)
    found = re.findall(r'<p data-start="(\d+)" data-end="(\d+)">(.*?)</p>', shown, re.S)
    assert len(found) > 3
    for start, end, inner in found:
        assert unescape(re.sub(r"<[^>]+>", "", inner)) == body[int(start) : int(end)].replace("\n", " ")
    assert " ".join(" ".join(body[int(s) : int(e)].split()) for s, e, _ in found) == " ".join(body.split())
    # Each highlight holds the exact words of its evidence, at their offsets.
    for start, _, inner in found:
        offset = int(start)
        for piece in re.split(r"(<[^>]+>)", inner):
            if not piece.startswith("<"):
                offset += len(unescape(piece))
            elif (anchor := re.match(r'<span class="anchor" id="ev-(\d+)-(\d+)">', piece)) is not None:
                assert int(anchor.group(1)) == offset


# --- aid overview ----------------------------------------------------------------------------


def _amount(text: str) -> Decimal:
    return Decimal("".join(text.split()))  # grouped with narrow spaces: 1 000 000


def test_aid_overview_matches_the_saved_aid_totals_query(seed_server: Server, seed_graph: GraphStore) -> None:
    saved = load_saved_queries()["aid-totals"]
    expected = {
        (
            r["donorLabel"].value,
            r["recipientLabel"].value,
            r["year"].value,
            r["status"].value,
            r["type"].value,
            r["currency"].value,
        ): (Decimal(r["total"].value), int(r["commitments"].value))
        for r in select_rows(seed_graph, bind_parameters(saved.text, saved, {}, seed_graph))
    }
    html = page(seed_server, "/aid").text
    table = html.split('<table class="totals">', 1)[1].split("</table>", 1)[0]
    got = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S):
        cells = [text_of(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        donor, recipient, year, status, kind, total, currency, count, _disputed = cells
        got[(donor, recipient, year, status, kind, currency)] = (_amount(total), int(count))
    assert got == expected


# --- query page ------------------------------------------------------------------------------


def test_query_page_runs_the_query_from_its_address(seed_server: Server) -> None:
    query = "SELECT ?name WHERE { <https://w3id.org/navokg/id/person/mark-rutte> rdfs:label ?name }"
    response = page(seed_server, "/query", query=query)
    assert response.status_code == 200
    assert "Mark Rutte" in text_of(response.text)
    permalink = re.search(r'<a class="permalink" href="([^"]+)"', response.text)
    assert permalink is not None
    assert parse_qs(urlparse(unescape(permalink.group(1))).query)["query"] == [query]
    downloads = re.findall(r'<a href="(/sparql\?[^"]+)">CSV</a>', response.text)
    csv = httpx.get(seed_server.url + unescape(downloads[0]))
    assert csv.headers["content-type"].startswith("text/csv") and "Mark Rutte" in csv.text


def test_query_page_links_only_web_iris(seed_server: Server) -> None:
    query = 'SELECT ?x ?y WHERE { BIND (IRI("javascript:alert(1)") AS ?x) BIND (IRI("https://example.org/") AS ?y) }'
    response = page(seed_server, "/query", query=query)
    assert response.status_code == 200
    assert 'href="javascript:' not in response.text
    assert '<a href="https://example.org/">https://example.org/</a>' in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_query_page_shows_errors_with_their_status(seed_server: Server) -> None:
    response = page(seed_server, "/query", query="SELECT * WHERE { ?s ?p }")
    assert response.status_code == 400
    assert "The query failed (400 QueryError)" in text_of(response.text)
    assert "SELECT * WHERE { ?s ?p }</textarea>" in response.text


def test_query_page_refuses_updates(seed_server: Server) -> None:
    response = page(seed_server, "/query", query="DELETE WHERE { ?s ?p ?o }")
    assert response.status_code == 400 and "read-only" in response.text


def test_home_page_counts_and_lists_documents(seed_server: Server) -> None:
    text = text_of(page(seed_server, "/").text)
    assert "5 documents" in text and "NAVO-chef Rutte" in text


# --- sentences around evidence ---------------------------------------------------------------

BODY = (
    "Rutte antwoordt bij brief van 6 april 2022: ‘Ik ga niet weg en ben dus geen kandidaat voor\n"
    "de functie van SG van de NAVO.’ Als de leden van de Volt-fractie dezelfde vragen stellen,\n"
    "verwijst de premier naar zijn eerdere antwoord.\n\nOplopende spanningen\nHet kabinet treedt aan."
)


@pytest.mark.parametrize(
    "exact,sentence",
    [
        (
            "Ik ga niet weg",
            "Rutte antwoordt bij brief van 6 april 2022: ‘Ik ga niet weg en ben dus geen kandidaat voor de functie van SG van de NAVO.’",
        ),
        (
            "verwijst de premier",
            "Als de leden van de Volt-fractie dezelfde vragen stellen, verwijst de premier naar zijn eerdere antwoord.",
        ),
        (
            "NAVO.’ Als de leden",
            "Rutte antwoordt bij brief van 6 april 2022: ‘Ik ga niet weg en ben dus geen kandidaat voor de functie van SG van de NAVO.’ Als de leden van de Volt-fractie dezelfde vragen stellen, verwijst de premier naar zijn eerdere antwoord.",
        ),
        ("Het kabinet", "Oplopende spanningen Het kabinet treedt aan."),
    ],
)
def test_excerpt_is_the_sentence_around_the_evidence(exact: str, sentence: str) -> None:
    start = BODY.index(exact)
    shown = excerpt(BODY, start, start + len(exact))
    assert shown.exact == exact
    assert shown.before + shown.exact + shown.after == sentence


def test_paragraphs_reflow_lines_and_keep_offsets() -> None:
    body = " Eerste regel van\nde alinea.\n\n  Tweede alinea\nloopt door.\n"
    start = body.index("alinea.")
    across = Span("ev-a", body.index("de alinea"), body.index("Tweede") + 6)  # crosses the blank line
    shown = paragraphs(body, segments(body, [Span("ev-x", start, start + 7), across]))
    assert [(p.start, p.end) for p in shown] == [(1, 28), (32, 57)]
    for paragraph in shown:
        text = "".join(s.text for s in paragraph.segments)
        assert text == body[paragraph.start : paragraph.end].replace("\n", " ")
        for segment in paragraph.segments:
            assert segment.text == body[segment.start : segment.start + len(segment.text)].replace("\n", " ")
    opened = [k for p in shown for s in p.segments for k in s.opens]
    closed = [k for p in shown for s in p.segments for k in s.closes]
    assert sorted(opened) == sorted(closed) == ["ev-a", "ev-x"]
    assert [s.text for s in shown[1].segments if "ev-a" in s.covered_by] == ["Tweede"]


def test_long_sentences_are_cut_at_words() -> None:
    body = "woord " * 200 + "de kern " + "woord " * 200
    start = body.index("de kern")
    left, right, cut_before, cut_after = sentence_bounds(body, start, start + 7)
    assert cut_before and cut_after
    assert body[left - 1] == " " and body[right] == " "


# --- in a real browser -----------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: install it with bash .ci/install-browser")
def test_browser_follows_a_quote_from_the_person_page_to_the_document(seed_server: Server) -> None:
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            tab.set_default_timeout(15_000)
            tab.goto(seed_server.url + "/search")
            tab.get_by_label("A name, or words said or written").fill("mark rutte")
            tab.get_by_role("button", name="Search", exact=True).last.click()
            tab.get_by_role("link", name="Mark Rutte", exact=True).first.click()
            expect(tab).to_have_url(seed_server.url + "/person/mark-rutte")
            expect(tab.get_by_role("heading", level=1)).to_have_text("Mark Rutte")

            offices = tab.locator("#offices")
            expect(offices.get_by_role("heading", name="minister-president van Nederland")).to_be_visible()
            expect(offices.get_by_role("heading", name="secretaris-generaal van de NAVO")).to_be_visible()
            # A quoted statement, shown inside its source sentence with the quoted words marked.
            statement = (
                tab.locator("#statements article.statement")
                .filter(has=tab.locator(".badge", has_text="quoted"))
                .filter(has=tab.locator("blockquote mark"))
                .first
            )
            quote = statement.locator("blockquote mark").first
            expect(quote).to_be_visible()
            quoted_words = " ".join(quote.inner_text().split())
            tab.screenshot(path=str(ARTIFACTS / "person-mark-rutte.png"))
            statement.screenshot(path=str(ARTIFACTS / "person-statement.png"))

            statement.get_by_role("link", name="show in the document").first.click()
            expect(tab).to_have_url(re.compile(r"/document/[^#]+#ev-\d+-\d+$"))
            current = tab.locator(".doc-body .hl.current")
            expect(current.first).to_be_visible()
            expect(current.first).to_be_in_viewport()
            highlighted = " ".join(" ".join(current.all_inner_texts()).split())
            assert quoted_words.replace(" ", "") in highlighted.replace(" ", "")
            tab.screenshot(path=str(ARTIFACTS / "document-view.png"))

            current.first.click()  # a highlight links to its fact
            expect(tab).to_have_url(re.compile(r"/entity\?iri="))
            expect(tab.get_by_role("heading", name="Evidence")).to_be_visible()
        finally:
            browser.close()
    for name in ("person-mark-rutte.png", "person-statement.png", "document-view.png"):
        assert (ARTIFACTS / name).stat().st_size > 5_000


def test_search_finds_facts_by_their_words_in_every_form(seed_server: Server) -> None:
    html = page(seed_server, "/search", q="leuk baan").text
    facts = html.split('id="facts-title"', 1)[1]
    assert "Secretaris-generaal van de NAVO is een heel leuke baan." in text_of(facts)


@pytest.mark.parametrize("limit", [1, 2, 100])
def test_a_page_picks_the_latest_facts_from_the_index_as_the_store_orders_them(seed_store: Path, limit: int) -> None:
    from navokg.network import EdgeKind
    from navokg.network.index import load_index
    from navokg.web.facts import count_of, fact_iris
    from navokg.web.workers import WorkerContext, WorkerSettings

    ctx = WorkerContext(WorkerSettings(store=str(seed_store)))
    index = load_index(ctx.graph)
    entities = [
        row["e"].value
        for row in select_rows(ctx.graph, "SELECT DISTINCT ?e WHERE { ?f nkg:speaker|nkg:donor|nkg:recipient ?e }")
    ]
    compared = 0
    for iri in entities:
        for pattern, kind, end in (("?f a nkg:Statement ; nkg:speaker", EdgeKind.SAID_IN, "source"),
                                   ("?f a nkg:AidCommitment ; nkg:donor", EdgeKind.AID, "source"),
                                   ("?f a nkg:AidCommitment ; nkg:recipient", EdgeKind.AID, "target")):  # fmt: skip
            wanted = fact_iris(ctx, f"{pattern} <{iri}>", limit=limit)
            assert index.latest_facts(kind, limit, **{end: iri}) == wanted, (iri, pattern)
            # The next page of the section's list.
            after = fact_iris(ctx, f"{pattern} <{iri}>", limit=limit, offset=limit)
            assert index.latest_facts(kind, limit, offset=limit, **{end: iri}) == after, (iri, pattern)
            # The section's count, as the page gives it beside the list.
            assert index.fact_count(kind, **{end: iri}) == count_of(ctx, f"{pattern} <{iri}>"), (iri, pattern)
            compared += len(wanted)
    assert index.latest_facts(EdgeKind.AID, limit) == fact_iris(ctx, "?f a nkg:AidCommitment", limit=limit)
    assert index.fact_count(EdgeKind.AID) == count_of(ctx, "?f a nkg:AidCommitment")
    assert compared > 20


def test_a_page_picks_the_latest_documents_naming_an_entity_from_the_index_as_the_store_orders_them(
    seed_store: Path,
) -> None:
    from navokg.network.index import load_index
    from navokg.web.data import latest_mentions, mention_count
    from navokg.web.facts import count_of
    from navokg.web.workers import WorkerContext, WorkerSettings

    ctx = WorkerContext(WorkerSettings(store=str(seed_store)))
    index = load_index(ctx.graph)
    named = [row["e"].value for row in select_rows(ctx.graph, "SELECT DISTINCT ?e WHERE { ?d schema:mentions ?e }")]
    assert len(named) > 20
    for iri in named:
        by_sparql = latest_mentions(ctx, iri, f"?d schema:mentions <{iri}>")  # a pattern: asked by SPARQL
        assert by_sparql and latest_mentions(ctx, iri) == index.latest_mentions(iri, 100) == by_sparql, iri
        assert index.latest_mentions(iri, 1) == by_sparql[:1], iri
        assert index.latest_mentions(iri, 2, 1) == by_sparql[1:3] == latest_mentions(ctx, iri, limit=2, offset=1), iri
        assert mention_count(ctx, iri) == count_of(ctx, f"?d schema:mentions <{iri}>", "d"), iri
    assert any(len(latest_mentions(ctx, iri)) > 2 for iri in named)


def test_the_aid_page_does_not_wait_for_the_network_index_to_be_made(seed_store: Path, tmp_path: Path) -> None:
    import shutil

    from navokg.network.index import INDEX_NAME, load_index
    from navokg.web import data
    from navokg.web.workers import WorkerContext, WorkerSettings

    store = tmp_path / "store"
    shutil.copytree(seed_store, store, symlinks=True)
    ctx = WorkerContext(WorkerSettings(store=str(store)))
    (ctx.graph.generation / INDEX_NAME).unlink(missing_ok=True)
    # A worker warms the aid page when it starts: making the index there would keep every
    # worker busy for the first minute after a build of a large corpus.
    unmade = data.aid_overview(ctx)
    assert not (ctx.graph.generation / INDEX_NAME).exists()
    load_index(ctx.graph)
    ctx.cache.clear()
    assert [f.iri for f in data.aid_overview(ctx).commitments] == [f.iri for f in unmade.commitments]


def test_a_list_quotes_each_evidence_in_the_sentence_the_whole_body_gives(seed_graph: GraphStore) -> None:
    # Lists read a window of each body around the evidence, not the body: the same excerpt,
    # near the start and the end of a document as in its middle.
    from navokg.read.facts import fact_types, read_documents, read_facts, read_windows
    from navokg.web.text import EXCERPT_WINDOW, excerpt

    evidence = {e for f in read_facts(seed_graph, fact_types(seed_graph)).values() for e in f.evidence}
    spans = [(e.document_iri, e.start, e.end) for e in evidence]
    bodies = {
        d: info.body or "" for d, info in read_documents(seed_graph, {s[0] for s in spans}, with_body=True).items()
    }
    windows = read_windows(seed_graph, spans, EXCERPT_WINDOW)
    assert len(windows) == len(set(spans)) > 50
    for (document, start, end), window in windows.items():
        body = bodies[document]
        at = start - window.offset
        assert window.text[at : at + end - start] == body[start:end]
        assert excerpt(window.text, at, at + end - start) == excerpt(body, start, end), (document, start)
    assert any(start < EXCERPT_WINDOW for _, start, _ in spans)
    assert any(len(bodies[d]) - end < EXCERPT_WINDOW for d, _, end in spans)
    assert any(start > EXCERPT_WINDOW and end + EXCERPT_WINDOW < len(bodies[d]) for d, start, end in spans)


def test_documents_are_linked_by_the_same_names_from_the_index_as_from_the_store(seed_store: Path) -> None:
    from navokg.network.index import load_index
    from navokg.web.facts import doc_link, document_links, documents_of
    from navokg.web.workers import WorkerContext, WorkerSettings

    ctx = WorkerContext(WorkerSettings(store=str(seed_store)))
    documents = {row["d"].value for row in select_rows(ctx.graph, "SELECT ?d WHERE { ?d a nkg:Document }")}
    by_store = {iri: doc_link(iri, info) for iri, info in documents_of(ctx, documents).items()}
    load_index(ctx.graph)
    assert document_links(ctx, documents | {"https://example.org/no-document"}) == by_store
    assert len(by_store) == len(documents) >= 5
