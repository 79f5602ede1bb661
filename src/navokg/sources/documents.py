"""Documents: UTF-8 text with optional YAML front matter, ids from file names.

The body is everything after the front matter, byte for byte; evidence offsets count
code points in it.  Metadata a text does not carry itself (a seed article's publisher,
say) lives in a sidecar ``{id}.meta.yaml`` beside it, with the same keys as front
matter, so that the text file stays exactly as published.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from navokg.dutch.dates import TimeValue, dateline, parse_iso
from navokg.errors import DocumentError
from navokg.sources.yamlio import unknown_keys, yaml_problem

__all__ = [
    "DOCUMENT_SUFFIX",
    "GENRES",
    "META_SUFFIX",
    "Discovery",
    "Document",
    "DocumentBytes",
    "DocumentMeta",
    "discover_documents",
    "document_bytes",
    "document_title",
    "find_documents",
    "iter_documents",
    "read_document",
]

DOCUMENT_SUFFIX = ".txt"
META_SUFFIX = ".meta.yaml"
META_KEYS = ("title", "published", "publisher", "author", "url", "genre", "language")
# The contract's genres, extended with the kinds of text researchers bring most.
GENRES = ("news", "opinion", "background", "press-release", "parliament", "interview")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*")


@dataclass(frozen=True)
class DocumentMeta:
    """What is known about a document besides its words."""

    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    genre: str | None = None
    language: str = "nl"


@dataclass(frozen=True)
class Document:
    """One source text: its id, body (the text evidence points into) and metadata."""

    id: str
    path: Path
    body: str
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    sha256: str = ""

    @property
    def published(self) -> TimeValue | None:
        """The publication date as a period, or None."""
        return parse_iso(self.meta.published) if self.meta.published else None

    @property
    def reference_date(self) -> TimeValue | None:
        """The date relative phrases resolve against: publication date, else the dateline."""
        published = self.published
        if published is not None:
            return published
        found = dateline(self.body)
        return found.value if found else None

    @property
    def label(self) -> str:
        """The title people see: the build writes it as the document's rdfs:label."""
        return document_title(self.meta, self.body)


# How a document with neither title, headline, publisher nor date is named: its genre.
_GENRE_NAMES = {
    "news": "News article",
    "opinion": "Opinion piece",
    "background": "Background article",
    "press-release": "Press release",
    "parliament": "Parliamentary paper",
    "interview": "Interview",
}
_HEADLINE_END = re.compile(r"[.,;:]$")


def _headline(body: str, *, max_chars: int = 140, max_words: int = 24) -> str | None:
    """The first line when it reads as a headline: short, standing alone, not a sentence's start.

    A headline stands on its own line, followed by a blank line or nothing; a first
    line that is the start of a hard-wrapped paragraph, or that ends like a sentence
    or a clause, is text, not a headline.
    """
    lines = body.lstrip("\n").split("\n", 2)
    first = lines[0].strip()
    alone = len(lines) == 1 or not lines[1].strip()
    if not first or not alone or len(first) > max_chars or len(first.split()) > max_words:
        return None
    if _HEADLINE_END.search(first) or not (first[0].isupper() or first[0].isdigit() or first[0] in "'\"‘“"):
        return None
    return first


def _opening(body: str, *, max_chars: int = 70) -> str:
    """The first words of a text, cut at a word and marked as cut."""
    words = " ".join(body.split())
    if len(words) <= max_chars:
        return words
    cut = words.rfind(" ", 0, max_chars)
    return words[: cut if cut > 0 else max_chars].rstrip(" ,;:") + "…"


def document_title(meta: DocumentMeta, body: str) -> str:
    """What a document is called wherever it is shown or cited; never its id.

    Its title (metadata), else its first line when that reads as a headline, else its
    publisher and date ("Hart van Nederland, undated"; "News article, 2024-02"), else
    its genre and opening words.
    """
    if meta.title and meta.title.strip():
        return " ".join(meta.title.split())
    headline = _headline(body)
    if headline is not None:
        return headline
    kind = _GENRE_NAMES.get(meta.genre or "", "Document")
    if meta.publisher or meta.published:
        return f"{meta.publisher or kind}, {meta.published or 'undated'}"
    return f"{kind}: {_opening(body)}"


def _fail(path: Path, message: str) -> DocumentError:
    return DocumentError(f"{path}: {message}")


def _decode(path: Path, raw: bytes) -> str:
    if b"\x00" in raw[:8192]:
        raise _fail(path, "is a binary file, not text; navokg reads UTF-8 text files")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _fail(
            path,
            f"is not UTF-8 (byte 0x{raw[exc.start]:02x} at byte offset {exc.start}, line {line}); "
            "convert it, e.g. iconv -f windows-1252 -t utf-8",
        ) from None
    # A byte-order mark is an encoding marker, not text: offsets start after it.
    return text[1:] if text.startswith("\ufeff") else text


_FENCE = re.compile(r"---[ \t]*\r?\n")


def _split_front_matter(path: Path, text: str) -> tuple[str | None, str, int]:
    """Return (front matter, body, line number where the body starts)."""
    if not _FENCE.match(text):
        return None, text, 1
    lines = text.splitlines(keepends=True)
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n").rstrip() == "---":
            front = "".join(lines[1:index])
            body = "".join(lines[index + 1 :])
            return front, body, index + 2
    raise _fail(path, "front matter opened with '---' on line 1 is never closed with '---'")


def _meta_from_mapping(path: Path, data: Any, where: str) -> dict[str, str]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise _fail(path, f"{where} must be a mapping of keys to values, got {type(data).__name__}")
    problem = unknown_keys(data, META_KEYS)
    if problem:
        raise _fail(path, f"{where} has {problem}")
    values: dict[str, str] = {}
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, date):
            value = value.isoformat()
        if isinstance(value, (dict, list)):
            raise _fail(path, f"{where} key '{key}' must be a single value, not a {type(value).__name__}")
        values[key] = str(value).strip()
    return values


# Characters an IRI cannot hold (RFC 3987): a url with one is not an address of a document.
_NOT_IN_IRI = re.compile(r"[\x00-\x20<>\"{}|\\^`\x7f]")


def _check_meta(path: Path, values: dict[str, str], lines: dict[str, tuple[Path, str]] | None = None) -> DocumentMeta:
    """The metadata, checked; ``lines`` says in which file and on which line each key was set."""

    def fail(key: str, message: str) -> DocumentError:
        where, line = (lines or {}).get(key, (path, ""))
        return DocumentError(f"{where}{line}: {message}")

    published = values.get("published")
    if published is not None:
        try:
            parse_iso(published)
        except ValueError as exc:
            raise fail("published", f"invalid 'published': {exc}; write YYYY, YYYY-MM or YYYY-MM-DD") from None
    genre = values.get("genre")
    if genre is not None and genre not in GENRES:
        raise fail("genre", f"invalid 'genre' '{genre}'; use one of {', '.join(GENRES)}")
    language = values.get("language", "nl")
    if not _LANGUAGE.fullmatch(language):
        raise fail("language", f"invalid 'language' '{language}'; use a BCP 47 code such as nl or en")
    url = values.get("url")
    if url is not None and not re.match(r"https?://\S+$", url):
        raise fail("url", f"invalid 'url' '{url}'; use an http(s) address")
    bad = _NOT_IN_IRI.search(url or "")
    if url is not None and bad:
        raise fail(
            "url",
            f"invalid 'url' '{url}': an address cannot hold {bad.group()!r}; "
            f"percent-encode it (%{ord(bad.group()):02X})",
        )
    return DocumentMeta(
        title=values.get("title"),
        published=published,
        publisher=values.get("publisher"),
        author=values.get("author"),
        url=url,
        genre=genre,
        language=language,
    )


_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _MetaLoader(_SAFE_LOADER):  # type: ignore[misc]
    """YAML without implicit timestamps: an unquoted 2024-02-30 stays text for parse_iso to judge.

    PyYAML would turn ``published: 2024-03-14`` into a date itself and fail on
    ``2024-13-45`` with a bare ValueError; as text, every date gets the same check and message.
    """


_MetaLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _SAFE_LOADER.yaml_implicit_resolvers.items()
}


def _key_line(text: str, key: str, first_line: int) -> str:
    """' line N' where a top-level key is set in YAML text, or nothing."""
    for number, line in enumerate(text.splitlines(), start=first_line):
        if re.match(rf"{re.escape(key)}\s*:", line):
            return f" line {number}"
    return ""


def _load_yaml(path: Path, text: str, where: str, first_line: int) -> Any:
    try:
        # libyaml's parser where PyYAML has it: an incremental build reads every document's
        # front matter to see what changed.
        return yaml.load(text, Loader=_MetaLoader)
    except yaml.YAMLError as exc:
        line, problem = yaml_problem(exc, first_line)
        raise _fail(path, f"malformed {where} at{f' line {line}' if line else ''}: {problem}") from None


def document_id(path: Path) -> str:
    """The id of a document file: its name without extension."""
    return path.name[: -len(DOCUMENT_SUFFIX)] if path.name.endswith(DOCUMENT_SUFFIX) else path.stem


@dataclass(frozen=True)
class DocumentBytes:
    """A document file's bytes and its sidecar's: what a process that cannot read the paths is given."""

    raw: bytes
    sidecar: bytes | None = None


def _checked_id(path: Path) -> str:
    doc_id = document_id(path)
    if not _ID.fullmatch(doc_id):
        raise _fail(
            path,
            "file name makes an unusable id; use letters, digits, '.', '_', '~' and '-' only",
        )
    return doc_id


def document_bytes(path: Path | str) -> DocumentBytes:
    """Read a document file and its sidecar metadata file (if any) as bytes."""
    path = Path(path)
    sidecar = path.with_name(_checked_id(path) + META_SUFFIX)
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise _fail(path, "is a directory, not a document") from None
    except OSError as exc:
        raise _fail(path, f"cannot be read: {exc.strerror}") from None
    try:
        return DocumentBytes(raw, sidecar.read_bytes() if sidecar.exists() else None)
    except OSError as exc:
        raise _fail(sidecar, f"cannot be read: {exc.strerror}") from None


def read_document(path: Path | str, contents: DocumentBytes | None = None) -> Document:
    """Read one document file (and its sidecar metadata), checking everything a build needs.

    ``contents`` are the files' bytes when they were read elsewhere (a cluster worker is
    sent them); ``path`` then only names the document and places its errors.
    """
    path = Path(path)
    doc_id = _checked_id(path)
    contents = contents if contents is not None else document_bytes(path)
    raw = contents.raw
    if not raw.strip():
        raise _fail(path, "is empty")
    text = _decode(path, raw)
    front, body, body_line = _split_front_matter(path, text)
    values = (
        _meta_from_mapping(path, _load_yaml(path, front, "front matter", 2), "front matter")
        if front is not None
        else {}
    )
    lines = {key: (path, _key_line(front or "", key, 2)) for key in values}
    digest = hashlib.sha256(raw)
    sidecar = path.with_name(doc_id + META_SUFFIX)
    if contents.sidecar is not None:
        side_raw = contents.sidecar
        digest.update(side_raw)
        side_text = _decode(sidecar, side_raw)
        side_values = _meta_from_mapping(sidecar, _load_yaml(sidecar, side_text, "metadata", 1), "metadata")
        both = sorted(set(values) & set(side_values))
        if both:
            raise _fail(
                sidecar,
                f"sets {', '.join(both)} which the document's front matter sets too; keep one",
            )
        values.update(side_values)
        lines.update({key: (sidecar, _key_line(side_text, key, 1)) for key in side_values})
    if not body.strip():
        raise _fail(path, f"has front matter but no body text (body would start on line {body_line})")
    meta = _check_meta(path, values, lines)
    return Document(id=doc_id, path=path, body=body, meta=meta, sha256=digest.hexdigest())


@dataclass(frozen=True)
class Discovery:
    """The document files under a directory, and the links left out because they lead outside it."""

    paths: list[Path]
    skipped: list[tuple[Path, Path]] = field(default_factory=list)  # (the link, where it points)


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def find_documents(directory: Path | str, *, follow_links: bool = False) -> Discovery:
    """The document files under a directory, sorted, refusing duplicate ids.

    Symbolic links (to files or folders) are followed only where they lead inside the
    directory, unless ``follow_links``: a link to /etc/passwd among the documents must
    not put that file in the graph and on the pages.
    """
    directory = Path(directory)
    if not directory.exists():
        raise DocumentError(f"{directory}: no such directory of documents")
    if not directory.is_dir():
        raise DocumentError(f"{directory}: is a file; --documents takes a directory")
    root = directory.resolve()
    paths: list[Path] = []
    skipped: list[tuple[Path, Path]] = []
    seen_dirs: set[Path] = set()
    pending = [directory]
    while pending:
        folder = pending.pop()
        real = folder.resolve()
        if real in seen_dirs:  # a link loop, or two links to one folder
            continue
        seen_dirs.add(real)
        try:
            entries = sorted(folder.iterdir())
        except OSError as exc:
            raise DocumentError(f"{folder}: cannot list the documents in it: {exc.strerror}") from None
        for entry in entries:
            target = entry.resolve() if entry.is_symlink() else None
            is_document = entry.name.endswith(DOCUMENT_SUFFIX) and entry.is_file()
            if not (is_document or entry.is_dir()):
                continue
            if target is not None and not follow_links and not _inside(target, root):
                if is_document or any(target.rglob("*" + DOCUMENT_SUFFIX)):
                    skipped.append((entry, target))
                continue
            if entry.is_dir():
                pending.append(entry)
            else:
                paths.append(entry)
    paths.sort()
    seen: dict[str, Path] = {}
    for path in paths:
        doc_id = document_id(path)
        if doc_id in seen:
            raise DocumentError(
                f"{path}: duplicate document id '{doc_id}' (also {seen[doc_id]}); "
                "ids come from file names and must be unique"
            )
        seen[doc_id] = path
    return Discovery(paths, sorted(skipped))


def discover_documents(directory: Path | str, *, follow_links: bool = False) -> list[Path]:
    """The document files under a directory, sorted, refusing duplicate ids (see find_documents)."""
    return find_documents(directory, follow_links=follow_links).paths


def iter_documents(directory: Path | str) -> Iterator[Document]:
    """Read the documents under a directory one at a time, in id order."""
    for path in discover_documents(directory):
        yield read_document(path)
