"""The one error body every route answers with, and the templates pages are rendered from.

Error body (JSON, for /sparql always, for pages unless a browser asks for HTML)::

    {"error": {"type": "QueryError", "status": 400, "message": "SPARQL syntax error: ..."}}

``type`` is the navokg error class (``navokg.errors``), whose ``http_status`` is the
status; refusals made by HTTP itself (wrong method, unsupported media type) use the
reason phrase as type: MethodNotAllowed, Forbidden, NotAcceptable, UnsupportedMediaType,
PayloadTooLarge.  Anything unexpected is ``InternalError``, 500.  HTML pages show the
same three fields and keep the status.
"""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from navokg.errors import NavokgError, NotFoundError
from navokg.tables import amount_text
from navokg.web.facts import path_of
from navokg.web.sparql import prefers_html

__all__ = ["ErrorInfo", "error_info", "error_response", "render_page", "templates", "wants_html"]

log = logging.getLogger("navokg.serve")

templates = Environment(
    loader=PackageLoader("navokg.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
templates.globals["path_of"] = path_of
templates.filters["amount_text"] = amount_text


def _vendored() -> dict[str, str]:
    """Where each drawing library is served (static/vendor/vendor.json, written by make vendor)."""
    manifest = resources.files("navokg.web").joinpath("static", "vendor", "vendor.json").read_text("utf-8")
    return {name: f"/static/vendor/{path}" for name, path in json.loads(manifest).items()}


templates.globals["vendor"] = _vendored()


class ErrorInfo:
    """What an error response says: type, status and message."""

    def __init__(self, type_: str, status: int, message: str) -> None:
        self.type = type_
        self.status = status
        self.message = message

    def body(self) -> dict[str, Any]:
        return {"error": {"type": self.type, "status": self.status, "message": self.message}}


_HTTP_TYPES = {
    403: "Forbidden",
    405: "MethodNotAllowed",
    406: "NotAcceptable",
    413: "PayloadTooLarge",
    415: "UnsupportedMediaType",
}


def _reason_type(status: int) -> str:
    if status in _HTTP_TYPES:
        return _HTTP_TYPES[status]
    try:
        return "".join(word.capitalize() for word in HTTPStatus(status).phrase.split())
    except ValueError:
        return "HTTPError"


def error_info(error: BaseException, request: Request | None = None) -> ErrorInfo:
    """The type, status and message for any exception a route can end with."""
    if isinstance(error, NavokgError):
        return ErrorInfo(type(error).__name__, error.http_status, error.message)
    if isinstance(error, HTTPException):
        path = request.url.path if request is not None else "this address"
        if error.status_code == 404:
            return ErrorInfo(NotFoundError.__name__, 404, f"no page at {path}; start from / or /search")
        if error.status_code == 405 and request is not None:
            return ErrorInfo("MethodNotAllowed", 405, f"{request.method} is not allowed on {path}")
        reason = _reason_type(error.status_code)
        return ErrorInfo(reason, error.status_code, " ".join(str(error.detail).split()))
    return ErrorInfo("InternalError", 500, f"internal error ({type(error).__name__}); see the server log")


def wants_html(request: Request) -> bool:
    """Whether the client is a browser on a page: HTML ranked above JSON in Accept."""
    if request.url.path.startswith(("/sparql", "/static", "/api/")):
        return False
    return prefers_html(request.headers.get("accept"), ("application/json",), on_a_tie=True)


# The pages load nothing but their own stylesheet and scripts, and the drawings fetch
# their JSON from this server only; say so to the browser, so that text from the graph can
# never bring in a script even if escaping were missed.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


def render_page(
    request: Request, template: str, status: int = 200, *, connect: bool = False, **context: Any
) -> HTMLResponse:
    """A page from a template; the template sees the request's path for navigation.

    ``connect`` lets the page's own script ask this server (review's autocompletion).
    """
    config = getattr(request.app.state, "config", None) if "app" in request.scope else None
    review = getattr(config, "review", False)
    html = templates.get_template(template).render(path=request.url.path, review_mode=review, **context)
    policy = CONTENT_SECURITY_POLICY + ("; connect-src 'self'" if connect else "")
    headers = {"Content-Security-Policy": policy}
    return HTMLResponse(html, status_code=status, headers=headers)


def error_response(request: Request, error: BaseException) -> Response:
    """The error as JSON (or as a page for a browser), with its status."""
    info = error_info(error, request)
    if info.status >= 500 and not isinstance(error, NavokgError):
        log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=error)
    headers = dict(getattr(error, "headers", None) or {})
    if wants_html(request):
        response: Response = render_page(request, "error.html", info.status, error=info)
    else:
        response = JSONResponse(info.body(), status_code=info.status)
    response.headers.update(headers)
    return response
