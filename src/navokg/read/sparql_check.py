"""What navokg lets through to the query engine: one check for the CLI and the endpoint alike.

``check_query(text)`` reads a query before Oxigraph sees it and returns what the caller
needs to know of it (``CheckedQuery``), or raises ``QueryError``:

1. **Nesting.**  Oxigraph's parser recurses once per nested bracket and overflows its
   stack (SIGSEGV) a few thousand levels deep; rdflib's parser recurses too.  A small
   scanner counts the depth of ``( [ {`` outside strings, IRIs and comments, without
   recursing, and refuses anything nested deeper than ``MAX_DEPTH``.
2. **Parsing.**  rdflib's SPARQL 1.1 parser reads the query (with a bounded recursion
   limit, a second guard against nesting the scanner cannot see).  Text that parses as
   an update instead is refused as one; text that parses as neither is a syntax error.
3. **What the parsed query does**, from its parse tree, never from its text: whether it
   calls ``SERVICE``, whether it names its dataset (``FROM``), and whether its cost is
   bounded enough for the endpoint's fast lane (``bounded``, see ``_bounded``).

Relative IRIs are left for Oxigraph to resolve against the base the caller gives it.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from navokg.errors import QueryError
from navokg.vocab import PREFIXES

__all__ = ["MAX_DEPTH", "CheckedQuery", "check_query", "nesting_depth"]

MAX_DEPTH = 64
"""Deepest nesting of brackets, braces and parentheses a query may have.

Hand-written and generated queries stay far below it (the saved queries nest 5 deep);
Oxigraph 0.5's parser crashes a few thousand levels deep, and nested collections or
blank-node lists a few hundred deep already take it seconds to read.
"""

# Frames rdflib's parser may use: it recurses about ten frames per triple pattern in a
# group and some thirty per nested bracket, so this admits a group of ~2,000 patterns
# and stops nesting near 700 levels, well short of where Oxigraph's parser overflows.
_PARSE_FRAMES = 20_000
_PARSING = threading.Lock()  # the recursion limit is the interpreter's: one parse at a time

# What the scanner steps over: comments, strings (long and short, with escapes) and IRIs.
# Brackets inside an IRI still count: ``<`` may be the less-than operator, and then what
# looks like an IRI here is code to the parser.
_OPAQUE = re.compile(
    r"""\#[^\n\r]*
      | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      | '''(?:[^'\\]|\\.|'(?!''))*'''
      | "(?:[^"\\\n\r]|\\.)*"
      | '(?:[^'\\\n\r]|\\.)*'
      | (?P<iri><[^<>"{}|^`\\\x00-\x20']*>)
      | (?P<open>[(\[{])
      | (?P<close>[)\]}])
    """,
    re.VERBOSE | re.DOTALL,
)
_BRACKETS = re.compile(r"(?P<open>[(\[{])|(?P<close>[)\]}])")


@dataclass(frozen=True)
class CheckedQuery:
    """What the check learnt of a query that may run."""

    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    service: bool  # calls a remote endpoint (SERVICE)
    dataset: bool  # names its own dataset (FROM / FROM NAMED)
    bounded: bool  # its cost is bounded by the data it is anchored to (see _bounded)


def nesting_depth(text: str) -> tuple[int, int]:
    """The deepest bracket nesting outside strings, IRIs and comments, and where it is reached.

    Unbalanced brackets are the parser's business: a closing bracket too many does not
    lower the depth below zero.
    """
    depth, deepest, where = 0, 0, 0

    def step(match: re.Match[str], base: int = 0) -> None:
        nonlocal depth, deepest, where
        if match.group("open"):
            depth += 1
            if depth > deepest:
                deepest, where = depth, base + match.start()
        elif match.group("close"):
            depth = max(0, depth - 1)

    for match in _OPAQUE.finditer(text):
        if match.group("iri"):
            for inner in _BRACKETS.finditer(match.group("iri")):
                step(inner, match.start())
        else:
            step(match)
    return deepest, where


def _position(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def _parse(text: str) -> tuple[Any, bool]:
    """rdflib's parse of a query (False) or, failing that, of an update (True)."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    with _PARSING:
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, _PARSE_FRAMES))
        try:
            try:
                return parseQuery(text), False
            except ParseException as query_error:
                try:
                    return parseUpdate(text), True
                except ParseException:
                    raise _syntax_error(text, query_error) from None
        except RecursionError:
            raise QueryError(
                "the query is too long or too deeply nested for navokg to read safely; "
                f"split it, or nest groups and expressions at most {MAX_DEPTH} deep"
            ) from None
        finally:
            sys.setrecursionlimit(limit)


def _syntax_error(text: str, error: Any) -> QueryError:
    found = re.search(r"found (.*?)\s+\(at char", str(error))
    near = f": unexpected {found.group(1)}" if found else ""
    return QueryError(f"SPARQL syntax error at {_position(text, error.loc)}{near}")


def _nodes(root: Any) -> Iterator[Any]:
    """Every rdflib CompValue in a parse tree or algebra, walked without recursion."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node
            stack.extend(value for key, value in node.items() if key != "_vars")
        elif isinstance(node, list | tuple | ParseResults):
            stack.extend(node)


_CACHED_LENGTH = 20_000  # longer texts are not kept: the cache holds at most ~20 MB


def check_query(text: str, *, allow_service: bool = True) -> CheckedQuery:
    """Refuse what must not reach the engine, and say what the query does; see the module doc.

    Clients send the same queries again and again, and parsing takes milliseconds: the
    answers for shorter texts are remembered.
    """
    if len(text) <= _CACHED_LENGTH:
        return _check_cached(text, allow_service)
    return _check(text, allow_service)


@lru_cache(maxsize=1024)
def _check_cached(text: str, allow_service: bool) -> CheckedQuery:
    return _check(text, allow_service)


def _check(text: str, allow_service: bool) -> CheckedQuery:
    if not text.strip():
        raise QueryError("the query is empty; send a SPARQL query")
    depth, where = nesting_depth(text)
    if depth > MAX_DEPTH:
        raise QueryError(
            f"the query nests brackets {depth} deep (at {_position(text, where)}); navokg reads "
            f"queries nested at most {MAX_DEPTH} deep: flatten the groups or expressions"
        )
    tree, update = _parse(text)
    if update:
        raise QueryError(
            "updates are not allowed: navokg queries are read-only "
            "(change the graph by rebuilding it with navokg build)"
        )
    query = tree[1]
    service = any(node.name == "ServiceGraphPattern" for node in _nodes(query))
    if service and not allow_service:
        raise QueryError(
            "federated queries (SERVICE) are disabled on this endpoint; the server must be "
            "started with --allow-service to run them"
        )
    form = query.name.removesuffix("Query").upper()
    return CheckedQuery(
        form=form,
        service=service,
        dataset=bool(query.datasetClause),
        bounded=not service and _bounded(tree),
    )


# --- cost: which queries the fast lane may take ---------------------------------------------

# Operators whose cost the patterns inside them do not bound.
_UNBOUNDED = frozenset({"Union", "Minus", "ServiceGraphPattern"})


def _unbounded_path(term: Any) -> bool:
    """Whether a property path has a ``*`` or ``+`` step anywhere in it."""
    from rdflib.paths import AlternativePath, InvPath, MulPath, NegatedPath, SequencePath

    stack = [term]
    while stack:
        part = stack.pop()
        if isinstance(part, MulPath):
            if part.mod in ("*", "+"):
                return True
            stack.append(part.path)
        elif isinstance(part, SequencePath | AlternativePath | NegatedPath):
            stack.extend(part.args)
        elif isinstance(part, InvPath):
            stack.append(part.arg)
    return False


def _bounded(tree: Any) -> bool:
    """Whether the query's cost is bounded by the constants it names: the fast lane's test.

    Conservative by design; a query it turns away only runs in the general lane.
    Bounded: every triple pattern names a constant (subject, predicate or object, or a
    variable that VALUES binds in every row), at least one names its subject or object
    (an entity or class to start from), all patterns join into one connected group (no
    cross products), no ``*`` or ``+`` path, no sub-select, UNION, MINUS or SERVICE.
    A query can pass and still be slow (every holding of a common class, say): the
    endpoint moves a fast-lane query that runs long out of the fast lane.
    """
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.term import BNode, Variable

    try:
        with _PARSING:
            limit = sys.getrecursionlimit()
            sys.setrecursionlimit(max(limit, _PARSE_FRAMES))
            try:
                algebra = translateQuery(tree, initNs=PREFIXES).algebra
            finally:
                sys.setrecursionlimit(limit)
    except Exception:  # an unknown prefix, say: Oxigraph will tell the user what is wrong
        return False
    triples: list[tuple[Any, Any, Any]] = []
    constants: set[Any] = set()  # variables VALUES binds in every row
    for node in _nodes(algebra):
        if node.name in _UNBOUNDED or (node.name == "ToMultiSet" and node.p.name != "values"):
            return False
        if node.name == "BGP":
            triples.extend(node.triples)
        elif node.name == "values":
            names = {name for row in node.res for name in row}
            constants |= {n for n in names if all(row.get(n) is not None for row in node.res)}

    def variable(term: Any) -> bool:
        return isinstance(term, Variable | BNode) and term not in constants

    parent: dict[Any, Any] = {}

    def root(item: Any) -> Any:
        while parent.setdefault(item, item) != item:
            item = parent[item]
        return item

    anchored = not triples
    for index, (s, p, o) in enumerate(triples):
        if _unbounded_path(p) or all(variable(term) for term in (s, p, o)):
            return False
        anchored = anchored or not variable(s) or not variable(o)
        for term in (s, p, o):
            if variable(term):
                parent[root(("pattern", index))] = root(term)
    return anchored and len({root(("pattern", index)) for index in range(len(triples))}) <= 1
