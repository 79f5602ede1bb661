"""Errors navokg raises, each with the exit code and HTTP status it maps to.

The library raises these and never prints; the CLI turns them into one line on
stderr and the exit code, the server into a JSON body and the status::

    NavokgError
    ├── InputError (exit 1, HTTP 422)         the documents or annotations are wrong
    │   ├── DocumentError                     a document cannot be read or parsed
    │   ├── AnnotationError                   an annotation file is malformed
    │   ├── EvidenceError                     evidence is missing, ambiguous or out of range
    │   ├── EntityError                       an entity reference is unknown or ambiguous
    │   └── ValidationError                   the graph does not conform to the SHACL shapes
    ├── UsageError (exit 2, HTTP 400)         a command was asked something it cannot do
    │   ├── MissingParameter                  a saved query was asked without a parameter it needs
    │   └── NotFoundError (HTTP 404)          a named thing (saved query, entity, fact) does not exist
    ├── QueryError (exit 3, HTTP 400)         a SPARQL query is malformed or refused
    │   ├── QueryTimeout (HTTP 503)           a query ran past its time limit
    │   ├── QueryOutOfMemory (HTTP 503)       a query needed more memory than its worker may use
    │   └── ResultTooLarge (HTTP 413)         a result passed the size cap
    ├── StoreError (exit 4, HTTP 500)         the store cannot be opened or written
    │   ├── StoreNotFound (HTTP 503)          no store has been built at the path
    │   ├── StoreLocked                       another build holds the store's lock
    │   └── StoreIncompatible                 the store was made by an incompatible version
    └── RemoteError (exit 5, HTTP 502)        a remote SPARQL endpoint or graph store failed

Exit code 0 means success, 130 an interrupt (Ctrl-C).
"""

from __future__ import annotations

__all__ = [
    "EXIT_CODES",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "AnnotationError",
    "DocumentError",
    "EntityError",
    "EvidenceError",
    "InputError",
    "MissingParameter",
    "NavokgError",
    "NotFoundError",
    "QueryError",
    "QueryOutOfMemory",
    "QueryTimeout",
    "RemoteError",
    "ResultTooLarge",
    "StoreError",
    "StoreIncompatible",
    "StoreLocked",
    "StoreNotFound",
    "UsageError",
    "ValidationError",
    "brief",
]

EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 70
# Every exit code a command can end with, and what it means: for --help and the README.
EXIT_CODES = (
    (0, "success"),
    (1, "input rejected: documents, annotations, evidence or SHACL validation"),
    (2, "usage: bad options, unknown saved query or entity, missing --param"),
    (3, "query failed: SPARQL syntax error, refused update, timeout"),
    (4, "store problem: missing, locked by another build, incompatible, not writable"),
    (5, "remote endpoint or graph store failed"),
    (EXIT_INTERNAL, "internal error: a fault of navokg's own (please report it)"),
    (EXIT_INTERRUPTED, "interrupted"),
)


def brief(message: str, limit: int = 200) -> str:
    """A parser's message on one line, without its list of every character it would accept."""
    message = " ".join(message.split())
    cut = message.find(", [")
    if cut != -1:
        message = message[:cut] + ", …"
    return message if len(message) <= limit else message[: limit - 1] + "…"


class NavokgError(Exception):
    """Base class: anything navokg reports to a user as a one-line message."""

    exit_code = 2
    http_status = 500

    def __init__(self, message: str, *, parameter: str | None = None) -> None:
        # One line, always: a message that spans lines breaks log parsers and the CLI contract.
        self.detail = " ".join(message.split())
        # The parameter at fault, by its name in the library; the CLI names its flag instead.
        self.parameter = parameter
        super().__init__(f"{parameter}: {self.detail}" if parameter else self.detail)

    @property
    def message(self) -> str:
        return str(self)


class InputError(NavokgError):
    """The documents or annotations given to a build are wrong."""

    exit_code = 1
    http_status = 422


class DocumentError(InputError):
    """A document cannot be read: encoding, front matter, metadata or duplicate id."""


class AnnotationError(InputError):
    """A curated annotation file is malformed or contradicts itself."""


class EvidenceError(InputError):
    """Evidence does not occur in its document, occurs ambiguously, or is out of range."""


class EntityError(InputError):
    """An entity reference names no known entity, or more than one."""


class ValidationError(InputError):
    """The data graph does not conform to the SHACL shapes in ontology/."""


class UsageError(NavokgError):
    """A command was given options or parameters it cannot work with."""

    exit_code = 2
    http_status = 400


class MissingParameter(UsageError):
    """A saved query was asked without a parameter it needs."""

    def __init__(self, query: str, needed: dict[str, str]) -> None:
        self.query = query
        self.needed = needed  # name -> what to give
        super().__init__(self.phrase(""))

    def phrase(self, flag: str) -> str:
        """The message, each parameter written as ``{flag}name=...``."""
        given = " ".join(f"{flag}{name}=..." for name in self.needed)
        return f"{self.query} needs {given} ({'; '.join(f'{n}: {d}' for n, d in self.needed.items())})"


class NotFoundError(UsageError):
    """A named thing (saved query, entity, fact IRI, document) does not exist."""

    http_status = 404


class QueryError(NavokgError):
    """A SPARQL query is malformed, refused (update, SERVICE) or failed to evaluate."""

    exit_code = 3
    http_status = 400


class QueryTimeout(QueryError):
    """A query ran longer than its time limit and was stopped."""

    http_status = 503


class QueryOutOfMemory(QueryError):
    """A query needed more memory than a query worker may use, and was stopped."""

    http_status = 503


class ResultTooLarge(QueryError):
    """A query result passed the configured size cap."""

    http_status = 413


class StoreError(NavokgError):
    """The store cannot be opened, read or written."""

    exit_code = 4
    http_status = 500


class StoreNotFound(StoreError):
    """No store has been built at the given path."""

    http_status = 503


class StoreLocked(StoreError):
    """Another build holds the store's lock."""

    http_status = 503


class StoreIncompatible(StoreError):
    """The store on disk was written by an incompatible navokg version."""


class RemoteError(NavokgError):
    """A remote SPARQL endpoint or graph store answered with an error or not at all."""

    exit_code = 5
    http_status = 502
