"""Review: decisions on the extractor's facts, kept as curated annotations, and who may make them.

A seed document is built without its annotation file (so the extractor reads it), then
reviewed: through the library, over plain HTTP (the security cases) and in Chromium.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from navokg.build.pipeline import build
from navokg.build.review import Action, Decision, ReviewSources, decide
from navokg.cli import cli
from navokg.errors import AnnotationError, NotFoundError, ReviewConflict
from navokg.sources.annotations import ReviewState, annotation_entries, load_annotation, read_annotation_entities
from navokg.sources.documents import read_document
from navokg.sources.entities import load_registry
from navokg.store import GraphStore
from navokg.vocab import doc_graph_iri

from .conftest import GRAPH
from .server import Server, running_server
from .test_pages import ARTIFACTS, BROWSER, CHROMIUM, CHROMIUM_ARGS

DOC = "004_44eb88ef367aefe1"  # a minister, statements and one aid commitment
TOKEN = "s3cret-review-token-for-tests"


@dataclass
class Reviewed:
    """A copy of graph/ whose document DOC was built by the extractor, and its store."""

    root: Path
    store: Path

    @property
    def annotation(self) -> Path:
        return self.root / "annotations" / f"{DOC}.yaml"

    def build(self) -> None:
        build(
            documents=self.root / "documents",
            annotations=self.root / "annotations",
            entities=self.root / "entities.yaml",
            store=self.store,
            jobs=1,
        )

    def graph(self) -> GraphStore:
        return GraphStore.open(self.store)

    def facts(self) -> dict[str, dict[str, Any]]:
        """DOC's facts in the store: methods, confidence and evidence offsets, by IRI."""
        rows = self.graph().query(
            f"""SELECT ?f ?m ?c ?s ?e WHERE {{
                  GRAPH <{doc_graph_iri(DOC)}> {{ ?f nkg:evidence ?ev . ?ev oa:start ?s ; oa:end ?e }}
                  ?f nkg:method ?m . OPTIONAL {{ ?f nkg:confidence ?c }} }}"""
        )
        found: dict[str, dict[str, Any]] = {}
        for row in rows:
            fact = found.setdefault(row["f"].value, {"methods": set(), "confidence": None, "evidence": set()})
            fact["methods"].add(row["m"].value)
            fact["evidence"].add((int(row["s"].value), int(row["e"].value)))
            if row["c"] is not None:
                fact["confidence"] = row["c"].value
        return found

    def value(self, fact: str, predicate: str) -> set[str]:
        return {r["o"].value for r in self.graph().query(f"SELECT ?o WHERE {{ <{fact}> {predicate} ?o }}")}


@pytest.fixture
def reviewed(tmp_path: Path) -> Reviewed:
    root = tmp_path / "graph"
    shutil.copytree(GRAPH, root, ignore=shutil.ignore_patterns("store"))
    (root / "annotations" / f"{DOC}.yaml").unlink()
    copy = Reviewed(root, tmp_path / "store")
    copy.build()
    return copy


def _lowest(facts: dict[str, dict[str, Any]], kind: str = "") -> str:
    return min((f for f in facts if f"/{kind}" in f), key=lambda f: (float(facts[f]["confidence"]), f))


def _load(copy: Reviewed) -> Any:
    registry = load_registry(copy.root / "entities.yaml")
    for entity in read_annotation_entities(sorted((copy.root / "annotations").glob("*.yaml"))):
        registry.add(entity)
    document = read_document(copy.root / "documents" / f"{DOC}.txt")
    return annotation_entries(copy.annotation, document, registry), load_annotation(copy.annotation, document, registry)


# --- the library -----------------------------------------------------------------------------


def test_a_half_reviewed_document_loses_nothing_and_keeps_its_decisions(reviewed: Reviewed) -> None:
    before = reviewed.facts()
    assert before and all("automatic" in f["methods"] for f in before.values())
    sources = ReviewSources.of_store(reviewed.graph())
    accepted, rejected = sorted(before, key=lambda f: float(before[f]["confidence"]))[:2]

    progress = decide(sources, Decision(DOC, accepted, Action.ACCEPT, "anna"))
    assert (progress.decided, progress.total) == (1, len(before))
    entries, _ = _load(reviewed)
    assert {e.review.state for e in entries if e.review} == {ReviewState.PENDING, ReviewState.ACCEPTED}
    decide(sources, Decision(DOC, rejected, Action.REJECT, "anna"))

    reviewed.build()
    after = reviewed.facts()
    assert set(after) == set(before) - {rejected}
    assert "curated" in after[accepted]["methods"]
    for iri in set(after) - {accepted}:  # still the extractor's: automatic, the same confidence and evidence
        assert after[iri] == before[iri]
    reviewed.build()  # and it stays so: a later build keeps the rejection
    assert set(reviewed.facts()) == set(after)


def test_a_correction_keeps_the_evidence(reviewed: Reviewed) -> None:
    before = reviewed.facts()
    aid = _lowest(before, "aid")
    sources = ReviewSources.of_store(reviewed.graph())
    decide(sources, Decision(DOC, aid, Action.CORRECT, "anna", {"donor": "Duitsland"}))
    entries, _ = _load(reviewed)
    (corrected,) = [e for e in entries if e.review and e.review.state is ReviewState.CORRECTED]
    assert corrected.fact.donors == ("duitsland",) and corrected.review.was == {"donor": "Nederland"}
    reviewed.build()
    after = reviewed.facts()
    (new,) = set(after) - set(before)
    assert after[new]["evidence"] == before[aid]["evidence"] and after[new]["methods"] == {"curated"}
    assert reviewed.value(new, "nkg:donor") == {"https://w3id.org/navokg/id/country/duitsland"}


def test_a_decision_that_would_not_build_writes_nothing(reviewed: Reviewed) -> None:
    facts = reviewed.facts()
    sources = ReviewSources.of_store(reviewed.graph())
    holding = _lowest(facts, "holding")
    with pytest.raises(AnnotationError, match="unknown person 'Niemand Bekend'"):
        decide(sources, Decision(DOC, holding, Action.CORRECT, "anna", {"holder": "Niemand Bekend"}))
    assert not reviewed.annotation.exists()
    decide(sources, Decision(DOC, holding, Action.ACCEPT, "anna"))
    written = reviewed.annotation.read_bytes()
    with pytest.raises(ReviewConflict, match="not pending"):
        decide(sources, Decision(DOC, holding, Action.REJECT, "anna"))
    with pytest.raises(NotFoundError):
        decide(sources, Decision("../../documents/" + DOC, holding, Action.ACCEPT, "anna"))
    assert reviewed.annotation.read_bytes() == written
    assert not list((reviewed.root / "annotations").glob(".*.tmp"))


# --- over HTTP: who may write ----------------------------------------------------------------


@pytest.fixture
def review_server(reviewed: Reviewed, tmp_path: Path) -> Iterator[Server]:
    with running_server(reviewed.store, "--review", "--workers", "2", log_dir=tmp_path) as server:
        yield server


@pytest.fixture
def session(review_server: Server) -> Iterator[tuple[httpx.Client, str]]:
    """A browser-like client with a review session, and the page's CSRF token."""
    with httpx.Client(base_url=review_server.url, headers=BROWSER, timeout=60) as client:
        page = client.get("/review")
        assert page.status_code == 200
        match = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text)
        assert match is not None
        yield client, match.group(1)


def _first(page: str) -> tuple[str, str]:
    fact = re.search(r'name="fact" value="([^"]+)"', page)
    doc = re.search(r'name="doc" value="([^"]+)"', page)
    assert fact is not None and doc is not None
    return doc.group(1), fact.group(1)


def test_writes_need_a_session_and_its_csrf_token(
    review_server: Server, reviewed: Reviewed, session: tuple[httpx.Client, str]
) -> None:
    client, csrf = session
    doc, fact = _first(client.get("/review").text)
    decision = {"doc": doc, "fact": fact, "by": "anna", "action": "accept"}
    # No session at all (a script, or another site's form): refused, nothing written.
    bare = httpx.post(review_server.url + "/review/decide", data=decision, timeout=30)
    assert bare.status_code == 403 and bare.json()["error"]["type"] == "Forbidden"
    # The session's cookie without its CSRF token, or with another: refused.
    assert client.post("/review/decide", data=decision).status_code == 403
    assert client.post("/review/decide", data={**decision, "csrf": "0" * 64}).status_code == 403
    # A token where none is configured is no way in either.
    with_token = httpx.post(
        review_server.url + "/review/decide", json=decision, headers={"X-Review-Token": TOKEN}, timeout=30
    )
    assert with_token.status_code == 403
    assert not reviewed.annotation.exists()
    done = client.post("/review/decide", data={**decision, "csrf": csrf}, follow_redirects=False)
    assert done.status_code == 303 and reviewed.annotation.exists()


def test_review_answers_only_to_loopback_names(review_server: Server) -> None:
    # A site that points its own name at 127.0.0.1 (DNS rebinding) gets nothing to act on.
    response = httpx.get(review_server.url + "/review", headers={"Host": "navokg.example.org"}, timeout=30)
    assert response.status_code == 403 and "loopback" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    "field,value,status",
    [
        ("doc", "../../../etc/passwd", 400),
        ("doc", "/etc/passwd", 400),
        ("doc", "no-such-document", 404),
        ("fact", "file:///etc/passwd", 400),
        ("fact", "https://w3id.org/navokg/id/holding/../../x", 400),
        ("by", "x" * 101, 400),
        ("action", "delete", 400),
    ],
)
def test_a_path_or_anything_odd_in_a_field_reaches_no_file(
    reviewed: Reviewed, session: tuple[httpx.Client, str], field: str, value: str, status: int
) -> None:
    client, csrf = session
    doc, fact = _first(client.get("/review").text)
    decision = {"doc": doc, "fact": fact, "by": "anna", "action": "accept", "csrf": csrf, field: value}
    response = client.post("/review/decide", data=decision, headers={"Accept": "application/json"})
    assert response.status_code == status, response.text
    assert not reviewed.annotation.exists()


def test_a_path_as_a_name_is_only_a_name(reviewed: Reviewed, session: tuple[httpx.Client, str]) -> None:
    client, csrf = session
    holding = _lowest(reviewed.facts(), "holding")
    roles = {"holder": "../../../../tmp/evil", "office": "../../etc/passwd"}
    response = client.post(
        "/review/decide",
        json={"doc": DOC, "fact": holding, "by": "anna", "action": "correct", "roles": roles},
        headers={"X-CSRF-Token": csrf, "Accept": "application/json"},
    )
    assert response.status_code == 422 and response.json()["error"]["type"] == "AnnotationError"
    assert not reviewed.annotation.exists() and not Path("/tmp/evil").exists()


def test_the_sparql_endpoint_stays_read_only_in_review_mode(review_server: Server) -> None:
    url = review_server.url + "/sparql"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = httpx.get(url, params={"query": count}, headers={"Accept": "text/csv"}, timeout=30).text
    update = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    refused = [
        httpx.post(url, data={"update": update}, timeout=30),
        httpx.post(url, content=update, headers={"Content-Type": "application/sparql-update"}, timeout=30),
        httpx.post(url, data={"query": update}, timeout=30),
    ]
    assert [r.status_code for r in refused] == [403, 403, 400]
    assert all("read-only" in r.json()["error"]["message"] for r in refused)
    assert httpx.get(url, params={"query": count}, headers={"Accept": "text/csv"}, timeout=30).text == before


def test_with_a_token_every_write_carries_it(reviewed: Reviewed, tmp_path: Path) -> None:
    with running_server(
        reviewed.store, "--review", "--review-token", TOKEN, "--workers", "2", log_dir=tmp_path
    ) as server:
        page = httpx.get(server.url + f"/review?doc={DOC}", headers=BROWSER, timeout=60).text
        assert 'action="/review/login"' in page and 'name="csrf"' not in page  # no session without the token
        fact = re.search(r'data-fact="([^"]+)"', page)
        assert fact is not None
        decision = {"doc": DOC, "fact": fact.group(1), "by": "anna", "action": "accept"}
        url = server.url + "/review/decide"
        assert httpx.post(url, json=decision, timeout=30).status_code == 403
        wrong = httpx.post(url, json=decision, headers={"X-Review-Token": TOKEN + "x"}, timeout=30)
        assert wrong.status_code == 403 and wrong.json()["error"]["message"] == "wrong review token"
        assert httpx.post(server.url + "/review/login", data={"token": "guess"}, timeout=30).status_code == 403
        assert not reviewed.annotation.exists()
        right = httpx.post(url, json=decision, headers={"X-Review-Token": TOKEN}, timeout=60)
        assert right.status_code == 200 and right.json()["decided"] == 1


@pytest.mark.parametrize(
    "options,message",
    [
        (["--host", "0.0.0.0"], "--review-token: review mode writes annotation files; on 0.0.0.0"),
        (["--host", "192.0.2.1", "--review-token", "short"], "at least 16 characters"),
    ],
)
def test_review_off_loopback_needs_a_token(runner: Any, reviewed: Reviewed, options: list[str], message: str) -> None:
    result = runner.invoke(cli, ["serve", "--store", str(reviewed.store), "--review", *options])
    assert result.exit_code == 2 and message in result.output


def test_a_token_without_review_mode_is_refused(runner: Any, reviewed: Reviewed) -> None:
    result = runner.invoke(cli, ["serve", "--store", str(reviewed.store), "--review-token", TOKEN])
    assert result.exit_code == 2 and "--review-token: a review token is for review mode" in result.output


# --- in a real browser -----------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: install it with bash .ci/install-browser")
def test_a_researcher_reviews_a_document_with_the_keyboard(reviewed: Reviewed, review_server: Server) -> None:
    from playwright.sync_api import expect, sync_playwright

    before = reviewed.facts()
    aid = _lowest(before, "aid")
    ARTIFACTS.mkdir(exist_ok=True)
    expect.set_options(timeout=60_000)  # the first decision starts the extractor in a worker
    decided: dict[str, str] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            tab.set_default_timeout(30_000)
            tab.goto(review_server.url + f"/review?doc={DOC}")
            expect(tab.locator("#doc-progress")).to_contain_text(f"0 of {len(before)}")
            expect(tab.locator(".review-body .hl mark").first).to_be_visible()
            tab.screenshot(path=str(ARTIFACTS / "review-queue.png"))

            # Accept the least certain fact.
            first = tab.locator(".review-item").get_attribute("data-fact")
            assert first is not None
            tab.keyboard.press("a")
            expect(tab.locator("#doc-progress")).to_contain_text(f"1 of {len(before)}")
            decided[first] = "accepted"

            # Reject the next one.
            second = tab.locator(".review-item").get_attribute("data-fact")
            assert second is not None and second != first
            tab.keyboard.press("r")
            expect(tab.locator("#doc-progress")).to_contain_text(f"2 of {len(before)}")
            decided[second] = "rejected"

            # Correct the donor of the aid commitment, chosen from the registry as typed.
            tab.goto(review_server.url + f"/review?doc={DOC}&fact={aid}")
            tab.keyboard.press("e")
            donor = tab.locator("#role_donor")
            expect(donor).to_be_focused()
            donor.fill("")
            donor.press_sequentially("Duits", delay=50)
            expect(tab.locator("#names_donor option[value='Duitsland']")).to_have_count(1)
            donor.fill("Duitsland")
            tab.screenshot(path=str(ARTIFACTS / "review-correct.png"))
            tab.locator("#save-correction").click()
            expect(tab.locator("#doc-progress")).to_contain_text(f"3 of {len(before)}")
            decided[aid] = "corrected"

            # Give a holding a holder the registry does not know: a new person.
            holding = next(
                f
                for f in sorted(before, key=lambda f: float(before[f]["confidence"]))
                if "/holding/" in f and f not in decided
            )
            tab.goto(review_server.url + f"/review?doc={DOC}&fact={holding}")
            tab.keyboard.press("e")
            tab.locator("#role_holder").fill("Annemarie Testpersoon")
            tab.locator("#new_holder").check()
            tab.locator("#role_holder").press("Enter")
            expect(tab.locator("#doc-progress")).to_contain_text(f"4 of {len(before)}")
            decided[holding] = "corrected"
        finally:
            browser.close()

    # The file holds exactly those decisions, and reads as a build reads it.
    entries, _ = _load(reviewed)
    states = {e.review.state.value for e in entries if e.review} - {"pending"}
    assert states == {"accepted", "rejected", "corrected"}
    assert sum(1 for e in entries if e.review and e.review.state is not ReviewState.PENDING) >= 4
    assert "Annemarie Testpersoon" in reviewed.annotation.read_text("utf-8")

    reviewed.build()
    after = reviewed.facts()
    new_facts = set(after) - set(before)
    assert set(before) - set(after) == {second, aid, holding}
    assert len(new_facts) == 2
    assert "curated" in after[first]["methods"]
    donors = {d for f in new_facts for d in reviewed.value(f, "nkg:donor")}
    holders = {h for f in new_facts for h in reviewed.value(f, "nkg:holder")}
    assert donors == {"https://w3id.org/navokg/id/country/duitsland"}
    assert holders == {"https://w3id.org/navokg/id/person/annemarie-testpersoon"}
    for iri in set(after) - new_facts - {first}:
        assert after[iri] == before[iri]  # the rest: still automatic, as the extractor left them
