"""An entity page lists the latest of each kind of fact; its lists have pages with all the rest.

The seeds name nobody often enough to fill a list, so these pages are read from a store of
generated documents (``busy_store``), where a prime minister speaks dozens of times and the
Netherlands gives aid in over a hundred commitments.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import httpx
import pytest

from navokg.web.facts import OVERVIEW, SHOWN

from .server import Server, running_server
from .test_pages import BROWSER, text_of

pytestmark = pytest.mark.slow

PATTERNS = {
    "statements": "?f a nkg:Statement ; nkg:speaker",
    "aid-given": "?f a nkg:AidCommitment ; nkg:donor",
    "holders": "?f a nkg:OfficeHolding ; nkg:office",
}
ID = "https://w3id.org/navokg/id/"


@pytest.fixture(scope="module")
def busy_server(busy_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(busy_store, "--workers", "2", log_dir=tmp_path_factory.mktemp("server")) as server:
        yield server


def _get(server: Server, path: str) -> httpx.Response:
    return httpx.get(server.url + path, headers=BROWSER, timeout=60)


def _facts(html: str) -> list[str]:
    """The facts a list shows, in its order (each links to its page)."""
    return list(dict.fromkeys(unquote(iri) for iri in re.findall(r'href="/entity\?iri=([^"#]+)"', html)))


def _every_page(server: Server, path: str) -> tuple[list[str], list[str], int]:
    """The rows of every page of a list, following its links to earlier rows; the pages' text."""
    facts: list[str] = []
    documents: list[str] = []
    texts = []
    while path:
        html = _get(server, path).text
        texts.append(text_of(html))
        facts += _facts(html)
        listed = html.split('<ul class="documents">', 1)[1].split("</ul>", 1)[0] if "documents" in path else ""
        documents += re.findall(r'href="(/document/[^"#]+)"', listed)
        earlier = re.search(r'<a rel="next" href="([^"]+)"', html)
        path = earlier.group(1).replace("&amp;", "&") if earlier else ""
    return facts, documents, len(texts)


@pytest.mark.parametrize(
    ("entity", "section"),
    [("person/mark-rutte", "statements"), ("country/nederland", "aid-given"),
     ("office/minister-president-van-nederland", "holders")],
)  # fmt: skip
def test_the_pages_of_a_list_give_every_fact_once_the_latest_first(
    busy_server: Server, busy_store: Path, entity: str, section: str
) -> None:
    from navokg.web.facts import count_of, fact_iris
    from navokg.web.workers import WorkerContext, WorkerSettings

    ctx = WorkerContext(WorkerSettings(store=str(busy_store)))
    pattern = f"{PATTERNS[section]} <{ID}{entity}>"
    every = fact_iris(ctx, pattern, limit=100_000)  # the order an entity page picks its latest by
    assert len(every) == count_of(ctx, pattern) > OVERVIEW

    overview = _get(busy_server, f"/{entity}").text
    assert f"The {OVERVIEW} most recent of {len(every)}" in text_of(overview)
    assert f'href="/{entity}/{section}"' in overview

    listed, _, pages = _every_page(busy_server, f"/{entity}/{section}")
    assert listed == every
    assert pages == -(-len(every) // SHOWN)


def test_every_aid_commitment_has_its_page_beyond_the_aid_overview(busy_server: Server, busy_store: Path) -> None:
    from navokg.web.facts import count_of, fact_iris
    from navokg.web.workers import WorkerContext, WorkerSettings

    ctx = WorkerContext(WorkerSettings(store=str(busy_store)))
    every = fact_iris(ctx, "?f a nkg:AidCommitment", limit=100_000)
    assert len(every) == count_of(ctx, "?f a nkg:AidCommitment") > SHOWN
    overview = _get(busy_server, "/aid").text
    assert f"The {OVERVIEW} most recent of {len(every)}" in text_of(overview)
    assert 'href="/aid/commitments"' in overview
    listed, _, pages = _every_page(busy_server, "/aid/commitments")
    assert listed == every
    assert pages == -(-len(every) // SHOWN)


def test_the_documents_naming_an_entity_have_pages_too(busy_server: Server, busy_store: Path) -> None:
    from navokg.store import GraphStore, latest_documents

    every = latest_documents(GraphStore.open(busy_store).store, 100_000, f"?d schema:mentions <{ID}person/mark-rutte>")
    assert len(every) > SHOWN
    _, listed, pages = _every_page(busy_server, "/person/mark-rutte/documents")
    assert listed == ["/document/" + iri.rsplit("/", 1)[1] for iri in every]
    assert pages == 2


def test_a_list_page_says_which_rows_it_shows_and_links_back(busy_server: Server) -> None:
    html = _get(busy_server, "/country/nederland/aid-given?page=2").text
    shown = text_of(html)
    total = int(re.search(r"of (\d+), the latest first", shown).group(1))  # type: ignore[union-attr]
    assert f"{SHOWN + 1}–{total} of {total}, the latest first (page 2 of 2)" in shown
    assert '<a rel="prev" href="/country/nederland/aid-given?page=1">' in html
    assert 'rel="next"' not in html
    assert re.search(r'<h1>Aid committed by <a href="/country/nederland"[^>]*>Nederland</a></h1>', html)


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/person/mark-rutte/statements?page=0", 400, "must be a number from 1 to"),
        ("/person/mark-rutte/statements?page=99", 400, "must be a number from 1 to"),
        ("/person/mark-rutte/statements?page=two", 400, "must be a page number (got 'two')"),
        ("/person/mark-rutte/holders", 404, "lists: statements, aid-given, aid-received, documents"),
        ("/office/minister-president-van-nederland/statements", 404, "lists: holders, documents"),
        ("/person/nobody-at-all/statements", 404, "no person 'nobody-at-all' in the graph"),
    ],
)
def test_a_list_page_that_does_not_exist_says_why(busy_server: Server, path: str, status: int, message: str) -> None:
    answer = httpx.get(busy_server.url + path, timeout=60)
    assert answer.status_code == status
    assert message in answer.json()["error"]["message"]


def test_a_filtered_entity_page_links_to_its_lists_filtered_alike(busy_server: Server) -> None:
    minimum = "0.9"
    overview = _get(busy_server, f"/person/mark-rutte?min_confidence={minimum}").text
    link = re.search(r'<a class="all" href="(/person/mark-rutte/statements[^"]*)"', overview)
    assert link is not None and link.group(1).endswith(f"?min_confidence={minimum}")
    total = int(re.search(r"The \d+ most recent of (\d+)", text_of(overview)).group(1))  # type: ignore[union-attr]
    listed, _, _ = _every_page(busy_server, link.group(1).replace("&amp;", "&"))
    unfiltered, _, _ = _every_page(busy_server, "/person/mark-rutte/statements")
    assert len(listed) == total < len(unfiltered)
    assert set(listed) < set(unfiltered)
