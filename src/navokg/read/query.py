"""SPARQL queries: saved queries with parameters, and results in the formats people use.

A saved query is a file ``queries/NAME.rq`` whose header says what it is::

    # title: Office holders on a date
    # description: Who held which office on a given day.
    # param: date date required  The day (YYYY-MM-DD)
    # param: office entity optional  Only this office

Parameters are bound by a ``VALUES`` block put at the start of every ``WHERE`` group of
the query (sub-selects included), so FILTERs and sub-selects see them; an optional
parameter left out is ``UNDEF`` there. A date parameter ``?day`` also binds ``?dayYear``,
its year, where the query uses it (a year bucket is then an index lookup).
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from navokg.dutch.dates import parse_iso
from navokg.errors import MissingParameter, NavokgError, NotFoundError, QueryError, UsageError
from navokg.paths import project_path
from navokg.read.resolve import resolve
from navokg.read.search import statements_containing
from navokg.read.sparql_check import check_query
from navokg.store import GraphStore, Queryable
from navokg.tables import csv_text, text_table
from navokg.vocab import RDF_PREFIXES, XSD, compact_iri, expand_iri

__all__ = [
    "OutputFormat",
    "Param",
    "QueryResult",
    "Queryable",
    "SavedQuery",
    "answer",
    "bind_parameters",
    "default_queries_dir",
    "load_saved_queries",
    "open_graph",
    "parse_params",
    "render_answer",
    "resolve_query",
    "run_query",
    "saved_queries_text",
    "select_rows",
    "term_text",
    "utf8_text",
]

PARAM_TYPES = ("date", "string", "entity", "iri", "integer", "decimal")
_PARAM_LINE = re.compile(r"#\s*param:\s*(\S+)\s+(\S+)(?:\s+(required|optional))?\s*(.*)")
_HEADER = re.compile(r"#\s*(title|description|narrow):\s*(.*)")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


class OutputFormat(StrEnum):
    """Result formats of ``navokg query``."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class SavedQuery:
    """A query file from queries/ with its header."""

    name: str
    path: Path
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    # "statement words": on a local store, the statements whose words contain the ``words``
    # parameter may be found in the search index first; the SPARQL then runs on them alone.
    narrow: tuple[str, str] | None = None


@dataclass
class QueryResult:
    """A query's answer as pyoxigraph gives it: solutions, a boolean, or triples."""

    raw: Any

    @property
    def kind(self) -> str:
        if isinstance(self.raw, ox.QueryBoolean):
            return "ask"
        return "select" if isinstance(self.raw, ox.QuerySolutions) else "graph"


def default_queries_dir() -> Path:
    """queries/ beside src/ in a checkout, else ./queries."""
    return project_path("queries")


def _parse_saved(path: Path) -> SavedQuery:
    text = path.read_text("utf-8")
    fields: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            continue
        header = _HEADER.match(line)
        if header:
            fields[header.group(1)] = header.group(2).strip()
            continue
        param = _PARAM_LINE.match(line)
        if param:
            name, kind, required, description = param.groups()
            if kind not in PARAM_TYPES:
                raise UsageError(f"{path}: parameter '{name}' has unknown type '{kind}' (use {', '.join(PARAM_TYPES)})")
            params.append(Param(name, kind, required != "optional", description.strip()))
    return SavedQuery(
        name=path.stem,
        path=path,
        title=fields.get("title", path.stem),
        description=fields.get("description", ""),
        params=tuple(params),
        text=text,
        narrow=tuple(fields["narrow"].split()[:2]) if len(fields.get("narrow", "").split()) >= 2 else None,  # type: ignore[arg-type]
    )


def load_saved_queries(directory: Path | None = None) -> dict[str, SavedQuery]:
    """Every saved query by name."""
    directory = directory or default_queries_dir()
    if not directory.is_dir():
        return {}
    return {p.stem: _parse_saved(p) for p in sorted(directory.glob("*.rq"))}


def saved_queries_text(directory: Path | None = None) -> str:
    """Every saved query with its title, description and parameters, to read."""
    lines = []
    for saved in load_saved_queries(directory).values():
        lines.append(f"{saved.name}: {saved.title}")
        if saved.description:
            lines.append(f"    {saved.description}")
        for param in saved.params:
            need = "required" if param.required else "optional"
            lines.append(f"    --param {param.name}=<{param.type}>  ({need}) {param.description}")
    return "".join(line + "\n" for line in lines)


def resolve_query(query: str, *, queries_dir: Path | None = None) -> tuple[str, SavedQuery | None]:
    """SPARQL text, ``@file.rq`` or a saved query's name -> (text, saved query or None)."""
    if query.startswith("@"):
        path = Path(query[1:])
        try:
            # A file that declares its parameters (a saved query copied to adapt) binds them
            # by their types, as the saved query does: an entity by name, a date as a date.
            declared = _parse_saved(path)
        except FileNotFoundError:
            raise NotFoundError(f"{path}: no such query file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"{path}: cannot read the query file: {exc}") from None
        return declared.text, (declared if declared.params else None)
    if re.fullmatch(r"[A-Za-z0-9_-]+", query.strip()):
        saved = load_saved_queries(queries_dir)
        if query in saved:
            return saved[query].text, saved[query]
        close = difflib.get_close_matches(query, list(saved), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else f"; saved queries: {', '.join(saved) or 'none'}"
        raise NotFoundError(f"no saved query '{query}'{hint}")
    return query, None


_NAMED_TYPES = "VALUES ?type { nkg:Person nkg:Organization nkg:Country nkg:Office }"


def _sparql_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _bind(store: Queryable | None, param: Param, raw: str) -> str:
    """The SPARQL term for one parameter value, checked against its declared type."""
    value = raw.strip()
    if param.type == "date":
        try:
            period = parse_iso(value)
        except ValueError as exc:
            raise UsageError(str(exc), parameter=param.name) from None
        if period.earliest != period.latest:
            raise UsageError(f"give a day, YYYY-MM-DD (got '{value}')", parameter=param.name)
        return f'"{value}"^^<{XSD}date>'
    if param.type in ("integer", "decimal"):
        if not re.fullmatch(r"-?\d+" + (r"(\.\d+)?" if param.type == "decimal" else ""), value):
            raise UsageError(f"'{value}' is not an {param.type}", parameter=param.name)
        return f'"{value}"^^<{XSD}{param.type}>'
    if param.type == "iri":
        if not re.fullmatch(r"[a-z][a-z0-9+.-]*:[^\s<>\"{}|^`\\]+", value, re.IGNORECASE):
            raise UsageError(f"'{value}' is not an IRI", parameter=param.name)
        return f"<{expand_iri(value)}>"
    if param.type == "entity":
        if store is None:
            raise UsageError("entity names need a store to resolve them", parameter=param.name)
        try:
            return f"<{resolve(store, value)}>"
        except NavokgError as exc:
            raise type(exc)(exc.detail, parameter=param.name) from None
    return _sparql_string(value)


def bind_parameters(text: str, saved: SavedQuery | None, values: dict[str, str], store: Queryable | None) -> str:
    """Put the parameter values into the query as a VALUES block at the start of WHERE."""
    declared = (
        {p.name: p for p in saved.params} if saved else {name: Param(name, "string", True, "") for name in values}
    )
    unknown = sorted(set(values) - set(declared))
    if unknown:
        known = ", ".join(declared) or "none"
        raise UsageError(f"unknown parameter(s) {', '.join(unknown)} for this query; it takes: {known}")
    missing = [p.name for p in declared.values() if p.required and p.name not in values]
    if missing:
        name = saved.name if saved else "the query"
        raise MissingParameter(name, {m: declared[m].description for m in missing})
    if not declared:
        return text
    terms = {n: _bind(store, declared[n], values[n]) if n in values else "UNDEF" for n in declared}
    terms |= _year_companions(text, declared, values)
    names = sorted(terms)
    block = f"VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(terms[n] for n in names)}) }}\n"
    if _WHERE.search(text) is None:
        raise UsageError("parameters need a query with a WHERE { ... } clause to bind them in")
    # Every WHERE group gets the block: a sub-select cannot see the outer query's
    # bindings, and a parameter is a constant wherever the query uses it.
    return _WHERE.sub(lambda m: m.group(0) + "\n  " + block, text)


def _year_companions(text: str, declared: dict[str, Param], values: dict[str, str]) -> dict[str, str]:
    """``?NAMEYear`` beside each date parameter ``?NAME`` the query uses it with: its year.

    Oxigraph plans a pattern on a year computed in the query (``YEAR(?date)``) as a scan of
    every year; a year given as a value is one index lookup.  Any SPARQL engine reads it.
    """
    found = {}
    for name, param in declared.items():
        if param.type == "date" and re.search(rf"\?{re.escape(name)}Year\b", text):
            day = parse_iso(values[name].strip()).earliest if name in values else None
            found[f"{name}Year"] = f'"{day.year}"^^<{XSD}integer>' if day is not None else "UNDEF"
    return found


def utf8_text(value: str, what: str, *, parameter: str | None = None) -> str:
    """A value as text; bytes that are not UTF-8 (they reach Python as lone surrogates) are refused."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = ord(value[exc.start])
        byte = f" (byte 0x{code - 0xDC00:02x} at character {exc.start + 1})" if 0xDC80 <= code <= 0xDCFF else ""
        said = "not UTF-8 text" if parameter else f"{what} is not UTF-8 text"
        raise UsageError(f"{said}{byte}; give it in UTF-8", parameter=parameter) from None
    return value


def parse_params(items: Iterable[str]) -> dict[str, str]:
    """``name=value`` pairs as a dict; a pair without ``=`` is a usage error."""
    values: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not utf8_text(name, "a parameter's name").strip():
            raise UsageError(f"parameters take name=value, got '{utf8_text(item, 'a parameter')}'", parameter="param")
        values[name.strip()] = utf8_text(value, "the value", parameter=name.strip())
    return values


def open_graph(
    store: Path | None = None, *, endpoint: str | None = None, min_confidence: str | float | None = None
) -> Queryable:
    """What queries go to: a remote SPARQL endpoint when given, else the local store.

    ``min_confidence`` leaves out the automatic facts below it (``navokg.read.confidence``);
    curated facts always stay.
    """
    if endpoint is not None:
        from navokg.read.remote import Endpoint

        if min_confidence is not None:
            raise UsageError("works on the local store only, not on a remote endpoint", parameter="min-confidence")
        return Endpoint(endpoint)
    from navokg.read.confidence import open_at_least

    return open_at_least(store, min_confidence)


def answer(graph: Queryable, query: str, params: dict[str, str] | None = None) -> QueryResult:
    """Answer SPARQL text, ``@file.rq`` or a saved query's name, with its parameters bound.

    The local store's engine only sees a query ``check_query`` lets through (nesting,
    updates); a remote endpoint reads, and refuses, queries itself.
    """
    text, saved = resolve_query(utf8_text(query, "the query"))
    values = params or {}
    if values or saved:
        text = bind_parameters(text, saved, values, graph)
    if isinstance(graph, GraphStore):
        check_query(text)
        if saved is not None and saved.narrow is not None and saved.narrow[1] in values:
            text = _narrowed(graph, text, saved.narrow, values[saved.narrow[1]])
    return run_query(graph, text)


def _narrowed(graph: GraphStore, text: str, narrow: tuple[str, str], words: str) -> str:
    """The query with its statements bound to those the search index finds: the same answer,
    without reading every statement's words (the SPARQL's own filter still applies)."""
    found = statements_containing(graph.search_index, words)
    if found is None:
        return text
    block = f"VALUES ?{narrow[0]} {{ {' '.join(f'<{iri}>' for iri in found)} }}\n"
    return _WHERE.sub(lambda m: m.group(0) + "\n  " + block, text)


def run_query(store: Queryable, text: str) -> QueryResult:
    """Run a query against the union of all named graphs.

    Text from a user goes through ``navokg.read.sparql_check.check_query`` first, which
    refuses updates and queries nested too deep for the engine; navokg's own queries
    need not.
    """
    return QueryResult(store.query(text))


def select_rows(store: Queryable, text: str) -> list[dict[str, Any]]:
    """The solutions of a SELECT query as dicts of pyoxigraph terms (unbound left out)."""
    result = run_query(store, text).raw
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("expected a SELECT query")
    names = [v.value for v in result.variables]
    return [{n: sol[n] for n in names if sol[n] is not None} for sol in result]


def term_text(term: Any) -> str:
    """A term as a person reads it: prefixed IRI, or the literal's text."""
    if isinstance(term, ox.NamedNode):
        return compact_iri(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _bytes(data: bytes | None) -> bytes:
    # pyoxigraph returns bytes when no output file is given.
    assert data is not None
    return data


def render_answer(result: QueryResult, fmt: OutputFormat) -> bytes:
    """Serialize a result: W3C SPARQL results formats, a readable table, or RDF for graphs."""
    raw = result.raw
    if isinstance(raw, ox.QueryBoolean):
        if fmt is OutputFormat.JSON:
            return _bytes(raw.serialize(format=ox.QueryResultsFormat.JSON))
        return (b"true" if bool(raw) else b"false") + b"\n"
    if isinstance(raw, ox.QuerySolutions):
        if fmt is OutputFormat.TABLE:
            names = [v.value for v in raw.variables]
            rows = [[term_text(sol[n]) if sol[n] is not None else "" for n in names] for sol in raw]
            return text_table(names, rows).encode("utf-8")
        return _bytes(raw.serialize(format=ox.QueryResultsFormat.from_extension(fmt.value)))
    triples = list(raw)
    if fmt is OutputFormat.JSON:
        return _bytes(ox.serialize(triples, format=ox.RdfFormat.JSON_LD))
    if fmt in (OutputFormat.CSV, OutputFormat.TSV):
        rows = [[t.subject.value, t.predicate.value, getattr(t.object, "value", str(t.object))] for t in triples]
        delimiter = "," if fmt is OutputFormat.CSV else "\t"
        return csv_text(["subject", "predicate", "object"], rows, delimiter=delimiter).encode("utf-8")
    return _bytes(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=RDF_PREFIXES))
