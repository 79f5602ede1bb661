"""Review mode (``navokg serve --review``): the queue page, names to choose from, and decisions.

Safety, in this order:

- Review listens on a loopback address unless the server has a review token
  (``ReviewSecurity.check_bind``), and on loopback it answers only to loopback host
  names, so a web page cannot reach it by pointing a name of its own at 127.0.0.1.
- Every write needs the review token (header ``X-Review-Token``), or a session's CSRF
  token: a session is a signed cookie (HttpOnly, SameSite=Strict) given with the review
  page on loopback, or by ``/review/login`` for the review token; its CSRF token is an
  HMAC of the session, in every form and in the page for the script.
- A write names a document by id and a fact by IRI; the file it changes is derived from
  the id alone (``navokg.build.review``), and the decision is checked exactly as a build
  would check it before the file is replaced.  The SPARQL endpoint stays read-only.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import ipaddress
import json
import re
import secrets
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from navokg.build.review import ROLE_KINDS, ROLES, SECTION_ROLES
from navokg.errors import UsageError
from navokg.sources.annotations import MAX_REVIEWER
from navokg.vocab import ID_BASE
from navokg.web import queue
from navokg.web.responses import render_page
from navokg.web.workers import WorkerPool

__all__ = ["MIN_TOKEN", "ReviewSecurity", "is_loopback", "review_routes"]

MIN_TOKEN = 16  # characters of a review token
MAX_BODY = 64 * 1024  # bytes of a decision
SESSION_COOKIE = "navokg_review"
TOKEN_HEADER = "x-review-token"
CSRF_HEADER = "x-csrf-token"
_DOC_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]{0,200}")
_FACT = re.compile(re.escape(ID_BASE) + r"(holding|statement|aid)/[0-9a-f]{16}")
_LOOPBACK_NAMES = ("localhost",)


def is_loopback(host: str) -> bool:
    """Whether a host name or address is this machine's loopback (127.0.0.0/8, ::1, localhost)."""
    name = host.strip("[]").lower()
    if name in _LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ReviewSecurity:
    """Who may write: the review token, or a session the server signed; and where review listens."""

    token: str | None
    reviewer: str
    secret: bytes

    @classmethod
    def create(cls, token: str | None, reviewer: str) -> ReviewSecurity:
        return cls(token, reviewer, secrets.token_bytes(32))

    def check_bind(self, host: str) -> None:
        """Review on another address than loopback needs a review token; a short one is refused."""
        if self.token is not None and len(self.token) < MIN_TOKEN:
            raise UsageError(f"the review token must be at least {MIN_TOKEN} characters", parameter="review-token")
        if not is_loopback(host) and self.token is None:
            raise UsageError(
                f"review mode writes annotation files; on {host}, which is not a loopback address, it needs "
                "a review token (or leave the host at 127.0.0.1)",
                parameter="review-token",
            )

    def _sign(self, purpose: str, value: str) -> str:
        return hmac.new(self.secret, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()

    def new_session(self) -> str:
        session = secrets.token_hex(16)
        return f"{session}.{self._sign('session', session)}"

    def session(self, request: Request) -> str | None:
        """The session a request's cookie proves, if the server signed it."""
        cookie = request.cookies.get(SESSION_COOKIE, "")
        session, _, mac = cookie.partition(".")
        if session and hmac.compare_digest(mac, self._sign("session", session)):
            return session
        return None

    def csrf(self, session: str) -> str:
        return self._sign("csrf", session)

    def token_matches(self, given: str | None) -> bool:
        return self.token is not None and given is not None and hmac.compare_digest(given, self.token)

    def check_host(self, request: Request) -> None:
        """Without a token, answer only to loopback names: no other site can rebind its name here."""
        if self.token is None and not is_loopback(request.url.hostname or ""):
            raise HTTPException(403, "review mode answers on loopback host names only (127.0.0.1, localhost)")

    def check_write(self, request: Request, form: dict[str, Any]) -> None:
        """A write carries the review token, or the CSRF token of the session its cookie proves."""
        self.check_host(request)
        if self.token_matches(request.headers.get(TOKEN_HEADER)):
            return
        if request.headers.get(TOKEN_HEADER) is not None:
            raise HTTPException(403, "wrong review token")
        session = self.session(request)
        if session is None:
            hint = "send the review token in X-Review-Token" if self.token else "open /review first"
            raise HTTPException(403, f"no review session; {hint}")
        given = request.headers.get(CSRF_HEADER) or form.get("csrf")
        if not isinstance(given, str) or not hmac.compare_digest(given, self.csrf(session)):
            raise HTTPException(403, "the form's CSRF token does not match this session; reload the review page")


def _security(request: Request) -> ReviewSecurity:
    security: ReviewSecurity = request.app.state.review
    return security


def _pool(request: Request) -> WorkerPool:
    pool: WorkerPool = request.app.state.pool
    return pool


def _set_session(response: Response, value: str) -> None:
    response.set_cookie(SESSION_COOKIE, value, httponly=True, samesite="strict", path="/review")


def _queue_params(request: Request) -> dict[str, Any]:
    params = request.query_params
    doc = params.get("doc") or None
    if doc is not None and not _DOC_ID.fullmatch(doc):
        raise UsageError(f"'{doc}' is not a document id", parameter="doc")
    fact = params.get("fact") or None
    if fact is not None and not _FACT.fullmatch(fact):
        raise UsageError(f"'{fact}' is not a fact IRI", parameter="fact")
    try:
        position = int(params.get("pos", "0"))
        maximum = Decimal(params["max_confidence"]) if params.get("max_confidence") else None
    except (ValueError, InvalidOperation):
        raise UsageError("pos is a whole number and max_confidence a number between 0 and 1") from None
    return {"doc": doc, "position": position, "fact": fact, "max_confidence": maximum}


async def review_page(request: Request) -> Response:
    """The fact to decide now, inside its document, and how far review has come."""
    security = _security(request)
    security.check_host(request)
    session = security.session(request)
    fresh = None
    if session is None and security.token is None:
        fresh = security.new_session()
        session = fresh.partition(".")[0]
    params = _queue_params(request)
    found = await _pool(request).run(_run_queue, params)
    response = render_page(
        request,
        "review.html",
        queue=found,
        csrf=security.csrf(session) if session else None,
        reviewer=request.cookies.get("navokg_reviewer") or security.reviewer,
        roles_of=SECTION_ROLES,
        entity_roles=set(ROLE_KINDS),
        params=params,
        next_href=_href(params, params["position"] + 1),
        login=session is None,
        connect=True,
    )
    if fresh is not None:
        _set_session(response, fresh)
    return response


def _run_queue(ctx: Any, params: dict[str, Any]) -> queue.ReviewQueue:
    return queue.review_queue(ctx, **params)


def _href(params: dict[str, Any], position: int) -> str:
    """The queue page at a position, keeping its document and confidence filters."""
    query = {"doc": params["doc"], "max_confidence": params["max_confidence"], "pos": position}
    return "/review?" + urlencode({k: str(v) for k, v in query.items() if v is not None})


async def review_login(request: Request) -> Response:
    """Open a review session with the review token (for browsers on a server with one)."""
    security = _security(request)
    form = await _form(request)
    if not security.token_matches(form.get("token")):
        raise HTTPException(403, "wrong review token")
    response = RedirectResponse("/review", status_code=303)
    _set_session(response, security.new_session())
    return response


async def review_names(request: Request) -> Response:
    """Entities a role may name whose names match ``q``, best first (JSON), for autocompletion."""
    _security(request).check_host(request)
    role = request.query_params.get("role", "")
    text = request.query_params.get("q", "")[:100]
    if role not in ROLE_KINDS:
        raise UsageError(f"'{role}' names no entity; roles: {', '.join(ROLE_KINDS)}", parameter="role")
    hits = await _pool(request).run(queue.names, text, role)
    return JSONResponse([{"label": h.label, "key": h.key, "kind": h.kind, "matched": h.matched} for h in hits])


def _role_values(form: dict[str, Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
    """A correction form's roles (only those changed from what was shown) and the new-entity ticks."""
    roles: dict[str, Any] = {}
    for role in ROLES:
        value = form.get(f"role_{role}")
        if not isinstance(value, str):
            continue
        shown = form.get(f"shown_{role}")
        if value.strip() == (shown.strip() if isinstance(shown, str) else None):
            continue
        if role == "items":
            roles[role] = [_item(line) for line in value.splitlines() if line.strip()]
        elif role in ("speaker", "donor") and ";" in value:
            roles[role] = [part.strip() for part in value.split(";") if part.strip()]
        else:
            roles[role] = value.strip()
    create = tuple(role for role in ROLE_KINDS if form.get(f"new_{role}") and role in roles)
    return roles, create


def _item(line: str) -> dict[str, Any]:
    match = re.fullmatch(r"\s*(\d+)\s+(.+?)\s*", line)
    return {"quantity": int(match.group(1)), "label": match.group(2)} if match else {"label": line.strip()}


async def _form(request: Request) -> dict[str, str]:
    """An urlencoded form body as a mapping (the review forms have no repeated fields)."""
    if int(request.headers.get("content-length") or 0) > MAX_BODY:
        raise HTTPException(413, f"a form is at most {MAX_BODY} bytes")
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise HTTPException(413, f"a form is at most {MAX_BODY} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError("the form is not UTF-8") from None
    return dict(parse_qsl(text, keep_blank_values=True))


async def _body(request: Request) -> tuple[dict[str, Any], bool]:
    """A decision's body: a form, or a JSON object for scripts."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type == "application/x-www-form-urlencoded":
        return await _form(request), False
    if media_type != "application/json":
        raise HTTPException(415, "a decision is a form (application/x-www-form-urlencoded) or JSON")
    if int(request.headers.get("content-length") or 0) > MAX_BODY:
        raise HTTPException(413, f"a decision is at most {MAX_BODY} bytes")
    try:
        body = json.loads(await request.body())
    except ValueError:
        raise UsageError("the body is not JSON") from None
    if not isinstance(body, dict):
        raise UsageError("the body is a JSON object with doc, fact, action, by (and roles, create)")
    return body, True


def _decision(data: dict[str, Any], as_json: bool) -> queue.DecisionRequest:
    """The decision a body carries, checked for shape: ids that are ids, a name that is a name."""
    if as_json:
        roles, create = data.get("roles") or {}, data.get("create") or []
        if not isinstance(roles, dict) or not isinstance(create, list) or not all(isinstance(c, str) for c in create):
            raise UsageError("'roles' is an object of role: value, 'create' a list of roles")
    else:
        roles, create = _role_values(data)
    doc, fact, action, by = (data.get(k) for k in ("doc", "fact", "action", "by"))
    if not isinstance(doc, str) or not _DOC_ID.fullmatch(doc):
        raise UsageError("'doc' must be a document id", parameter="doc")
    if not isinstance(fact, str) or not _FACT.fullmatch(fact):
        raise UsageError("'fact' must be the IRI of a holding, statement or aid commitment", parameter="fact")
    if not isinstance(by, str) or not by.strip() or len(by) > MAX_REVIEWER:
        raise UsageError(f"'by' says who decides: a name of 1 to {MAX_REVIEWER} characters", parameter="by")
    if set(create) - set(ROLE_KINDS):
        raise UsageError(f"only {', '.join(ROLE_KINDS)} can name a new entity", parameter="create")
    return queue.DecisionRequest(doc, fact, str(action), " ".join(by.split()), dict(roles), tuple(create))


async def review_decide(request: Request) -> Response:
    """Record a decision as a curated annotation: accept, correct or reject one fact in one document."""
    security = _security(request)
    data, as_json = await _body(request)
    security.check_write(request, data)  # before anything the body asks for is looked at
    decision = _decision(data, as_json)
    lock: asyncio.Lock = request.app.state.review_lock
    async with lock:  # one file rewrite at a time: each decision reads the file the last one wrote
        review = await _pool(request).run(queue.record_decision, decision)
    if as_json:
        counts = {"decided": review.decided, "total": review.total, "pending": len(review.pending)}
        return JSONResponse({"document": review.doc_id, **counts})
    back = {"doc": data.get("doc_filter"), "pos": data.get("pos"), "max_confidence": data.get("max_confidence")}
    target = "/review?" + urlencode({k: v for k, v in back.items() if isinstance(v, str) and v})
    response = RedirectResponse(target, status_code=303)
    response.set_cookie("navokg_reviewer", decision.by, httponly=True, samesite="strict", path="/review")
    return response


def review_routes() -> list[Route]:
    """The routes review mode adds (docs/serving.md, "Review")."""
    return [
        Route("/review", review_page, name="review"),
        Route("/review/names", review_names, name="review-names"),
        Route("/review/decide", review_decide, methods=["POST"], name="review-decide"),
        Route("/review/login", review_login, methods=["POST"], name="review-login"),
    ]
