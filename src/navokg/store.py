"""The on-disk Oxigraph store: atomic builds, one writer at a time, versioned format.

Layout of a store directory::

    graph/store/
      navokg-store.json        marker: store format version
      .lock                    held (flock) by the one build writing
      current -> generations/20261123T101500-4242
      generations/<name>/      one complete build: oxigraph/, manifest.json, ...

A build fills a new generation beside the current one and, only once it is complete and
valid, points ``current`` at it with one atomic rename.  A build that fails or is killed
at any moment leaves ``current`` (and so every reader) on the previous generation; its
partial directory is swept away by the next build.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from navokg import __version__
from navokg.errors import (
    QueryError,
    StoreError,
    StoreIncompatible,
    StoreLocked,
    StoreNotFound,
    brief,
)
from navokg.files import replace_atomically
from navokg.vocab import PREFIXES

__all__ = [
    "CARDS_DB",
    "DEFAULT_STORE",
    "DOCUMENTS_DB",
    "SEARCH_DB",
    "STORE_FORMAT",
    "Generation",
    "GraphStore",
    "Queryable",
    "code_fingerprint",
    "default_store_path",
    "each_link",
    "latest_documents",
    "write_generation",
]

# 2: the derived graph holds each term's stretches and much-reported facts' date summaries,
# which pages and drawings read in place of every segment and every report's dates.
STORE_FORMAT = 2
MARKER = "navokg-store.json"
CURRENT = "current"
GENERATIONS = "generations"
LOCK = ".lock"
MANIFEST = "manifest.json"
OXIGRAPH_DIR = "oxigraph"
DEFAULT_STORE = Path("graph/store")
KEEP_GENERATIONS = 2  # the current one and the one before, for readers still on it
# Files beside the Oxigraph store that an incremental build starts from.
DOCUMENTS_DB = "documents.sqlite"  # what the build recorded of each document
SEARCH_DB = "search.sqlite"  # the full-text index of facts
CARDS_DB = "cards.sqlite"  # every fact as a list shows it (navokg.read.cards)
CARRIED_OVER = (DOCUMENTS_DB, SEARCH_DB, CARDS_DB)


@cache
def code_fingerprint() -> str:
    """A digest of navokg's own code and data: any change to them can change any fact."""
    root = Path(__file__).resolve().parent  # the navokg package
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".yaml", ".txt", ".json") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def default_store_path() -> Path:
    """The store a command uses without --store: $NAVOKG_STORE, else graph/store."""
    return Path(os.environ.get("NAVOKG_STORE") or DEFAULT_STORE)


def _read_marker(path: Path) -> dict[str, Any]:
    try:
        marker = json.loads((path / MARKER).read_text("utf-8"))
    except FileNotFoundError:
        raise StoreNotFound(f"{path}: no navokg store here; build one with: navokg build --store {path}") from None
    except (OSError, ValueError) as exc:
        raise StoreError(f"{path}: unreadable store marker {MARKER}: {exc}") from None
    if not isinstance(marker, dict):
        marker = {}
    if marker.get("format") != STORE_FORMAT:
        raise StoreIncompatible(
            f"{path}: store format {marker.get('format', '?')} was written by navokg "
            f"{marker.get('navokg', '?')}; this navokg {__version__} reads format {STORE_FORMAT}"
        )
    return marker


def _ours(name: str) -> bool:
    """Whether a file name in a store directory is one navokg makes (another first build's, say)."""
    return name.startswith((MARKER, f".{MARKER}.", LOCK, f".{CURRENT}.")) or name in (CURRENT, GENERATIONS)


def _check_store_dir(path: Path, *, for_writing: bool) -> None:
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: is a file, not a store directory; choose another --store path")
    if not path.exists():
        if not for_writing:
            raise StoreNotFound(f"{path}: no navokg store here; build one with: navokg build --store {path}")
        return
    if for_writing and not (path / MARKER).exists() and any(not _ours(item.name) for item in path.iterdir()):
        raise StoreError(
            f"{path}: directory holds other files and no navokg store; "
            "refusing to write into it (choose an empty or new --store path)"
        )


@dataclass
class Generation:
    """A store being built: fill ``store``, then the context manager publishes it."""

    path: Path
    store: ox.Store
    manifest: dict[str, Any]
    # The published generation this one started as a copy of (incremental builds).
    origin: Path | None = None


def _size(path: Path) -> int:
    """Bytes of the files under a directory (hard links counted once per directory tree)."""
    total, seen = 0, set()
    for item in path.rglob("*"):
        with contextlib.suppress(OSError):
            info = item.lstat()
            if item.is_file() and (info.st_dev, info.st_ino) not in seen:
                seen.add((info.st_dev, info.st_ino))
                total += info.st_size
    return total


def _space(path: Path) -> str:
    """What a full disk leaves and what a build here needs: a hint for the error message."""
    try:
        free = shutil.disk_usage(path).free
    except OSError:
        return "free some space on its disk"
    current = _current_target(path) if (path / CURRENT).is_symlink() else None
    needed = _size(current) if current is not None and current.is_dir() else 0
    from_size = f"about {_megabytes(needed)} (the size of the current build) and " if needed else ""
    return (
        f"a build needs {from_size}more than the {_megabytes(free)} free on its disk: "
        "free some space or choose another --store"
    )


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MB"


def _is_full_disk(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    return "disk is full" in str(exc) or "disk I/O error" in str(exc)


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    lock_path = path / LOCK
    try:
        # Unbuffered: a write that a full disk refuses fails here, not later when closing.
        handle = open(lock_path, "a+b", buffering=0)  # noqa: SIM115 - held for the whole build
    except OSError as exc:
        hint = f"; {_space(path)}" if _is_full_disk(exc) else ""
        raise StoreError(f"{path}: cannot write the store: {exc.strerror}{hint}") from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().decode("utf-8", "replace").strip() or "another process"
            raise StoreLocked(
                f"{path}: another build ({holder}) is writing this store; wait for it to finish"
            ) from None
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(f"pid {os.getpid()}".encode())
        except OSError as exc:
            hint = f"; {_space(path)}" if _is_full_disk(exc) else ""
            raise StoreError(f"{lock_path}: cannot write the store's lock: {exc.strerror}{hint}") from None
        yield
    finally:
        with contextlib.suppress(OSError):
            handle.seek(0)
            handle.truncate()
        handle.close()


def _compatible(path: Path) -> bool:
    try:
        _read_marker(path)
    except (StoreIncompatible, StoreNotFound):
        return False
    return True


def _current_target(path: Path) -> Path | None:
    link = path / CURRENT
    try:
        target = os.readlink(link)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"{link}: not a navokg generation link ({exc.strerror})") from None
    return path / target


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _publish(path: Path, generation: Path) -> None:
    """Point ``current`` at a complete generation in one atomic step."""
    tmp = path / f".{CURRENT}.{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    os.symlink(os.path.relpath(generation, path), tmp)
    os.replace(tmp, path / CURRENT)
    _fsync_dir(path)


def _sweep(path: Path, keep: set[Path]) -> None:
    """Remove partial and old generations, keeping the newest complete ones."""
    root = path / GENERATIONS
    if not root.exists():
        return
    complete = sorted((g for g in root.iterdir() if (g / MANIFEST).exists()), key=lambda g: g.name)
    keep = keep | set(complete[-KEEP_GENERATIONS:])
    for generation in root.iterdir():
        if generation not in keep:
            shutil.rmtree(generation, ignore_errors=True)


def _link_copy(source: Path, target: Path) -> None:
    """Copy a closed RocksDB directory cheaply: hard-link its immutable tables, copy the rest.

    RocksDB never changes an .sst file once written (it writes new ones and deletes old
    ones), so the copy and the original can share them; MANIFEST, CURRENT, OPTIONS and
    logs are small and do change, so they are copied.
    """
    target.mkdir(parents=True)
    for item in source.iterdir():
        if item.name == "LOCK":
            continue
        if item.suffix == ".sst":
            os.link(item, target / item.name)
        elif item.is_file():
            shutil.copy2(item, target / item.name)


def current_generation(path: Path | str) -> Path | None:
    """The published generation of a store, or None when there is none (yet)."""
    path = Path(path)
    if not (path / MARKER).exists():
        return None
    _read_marker(path)
    generation = _current_target(path)
    return generation if generation is not None and (generation / MANIFEST).exists() else None


def read_manifest(generation: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((generation / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(f"{generation / MANIFEST}: unreadable manifest: {exc}") from None
    if not isinstance(manifest, dict):
        raise StoreError(f"{generation / MANIFEST}: unreadable manifest")
    return manifest


@contextlib.contextmanager
def write_generation(
    path: Path | str,
    manifest: dict[str, Any],
    *,
    base: Callable[[], Path | None] | None = None,
    optimize: bool = True,
    replace_incompatible: bool = False,
) -> Iterator[Generation]:
    """Lock the store and give a new generation; publish it if the block succeeds.

    ``base`` is asked, under the lock, for a published generation to start from (an
    incremental build); the new generation then begins as a copy of it.
    """
    path = Path(path)
    _check_store_dir(path, for_writing=True)
    try:
        path.mkdir(parents=True, exist_ok=True)
        if not (path / MARKER).exists():
            # Claim the directory first: a first build that fails must not leave files
            # that make the next build take the directory for someone else's.
            _write_json(path / MARKER, {"format": STORE_FORMAT, "navokg": __version__})
        else:
            try:
                _read_marker(path)
            except StoreIncompatible as exc:
                if not replace_incompatible:
                    raise StoreIncompatible(f"{exc}; navokg build --full replaces it") from None
    except PermissionError as exc:
        raise StoreError(f"{path}: cannot write the store: {exc.strerror}") from None
    except OSError as exc:
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise StoreError(f"{path}: cannot write the store: {exc.strerror}") from None
        raise
    with _lock(path):
        current = _current_target(path) if not replace_incompatible or _compatible(path) else None
        _sweep(path, keep={current} if current else set())
        name = time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + f"-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"
        generation_dir = path / GENERATIONS / name
        origin = base() if base is not None else None
        try:
            generation_dir.mkdir(parents=True)
            if origin is not None:
                _link_copy(origin / OXIGRAPH_DIR, generation_dir / OXIGRAPH_DIR)
                # The records and the search index continue; caches of the old one do not.
                for name in CARRIED_OVER:
                    if (origin / name).is_file():
                        shutil.copy2(origin / name, generation_dir / name)
            store = ox.Store(str(generation_dir / OXIGRAPH_DIR))
        except OSError as exc:
            shutil.rmtree(generation_dir, ignore_errors=True)
            raise StoreError(f"{path}: cannot write the store: {exc.strerror or exc}") from None
        generation = Generation(generation_dir, store, dict(manifest), origin)
        published = False
        try:
            yield generation
            store.flush()
            if optimize:
                store.optimize()
            del store
            generation.store = None  # type: ignore[assignment]  # closes RocksDB before the swap
            full = {"format": STORE_FORMAT, "navokg": __version__, **generation.manifest}
            _write_json(generation_dir / MANIFEST, full)
            _write_json(path / MARKER, {"format": STORE_FORMAT, "navokg": __version__})
            _publish(path, generation_dir)
            published = True
        except (OSError, sqlite3.OperationalError) as exc:
            # sqlite3 (the search index, the build's records) says "database or disk is full".
            if isinstance(exc, sqlite3.OperationalError) and not _is_full_disk(exc):
                raise
            reason = getattr(exc, "strerror", None) or str(exc)
            if _is_full_disk(exc):
                reason = f"No space left on device ({reason})" if "No space" not in reason else reason
            hint = f"; {_space(path)}" if _is_full_disk(exc) else ""
            raise StoreError(
                f"{path}: writing the store failed: {reason}; the previous store is unchanged{hint}"
            ) from None
        finally:
            if not published:
                generation.store = None  # type: ignore[assignment]
                shutil.rmtree(generation_dir, ignore_errors=True)
        _sweep(path, keep={generation_dir})


def _write_json(target: Path, data: dict[str, Any]) -> None:
    with replace_atomically(target, durable=True) as handle:
        handle.write(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False).encode("utf-8") + b"\n")


def each_link(links: dict[str, str], subject: str = "h") -> str:
    """``?{subject} <link> ?node`` for each link, binding ?role to its name: one pattern per
    predicate, the SPARQL of every query that reads several kinds of link at once.

    Not ``VALUES ?link … ?h ?link ?node``: with a predicate left variable Oxigraph reads
    every triple of the store and joins afterwards (8 s instead of 0.4 s for the holdings
    of six offices at 10,000 documents).
    """
    return " UNION ".join(f'{{ ?{subject} <{link}> ?node BIND ("{role}" AS ?role) }}' for role, link in links.items())


LATEST = 100  # documents the build lists as the latest, for the home page


def latest_documents(
    store: ox.Store, limit: int = LATEST, pattern: str = "?d a nkg:Document", offset: int = 0
) -> list[str]:
    """The documents (those ``pattern`` binds to ``?d``) issued last, ``limit`` after the first
    ``offset``: by the date as written, latest first, undated last, then by IRI (the order
    ``NetworkIndex.latest_mentions`` keeps).

    A build records the store's in its manifest (``latest_documents``): every visit to the
    home page would otherwise sort every document of the store to show a hundred.
    """
    rows = select(
        store,
        f"""SELECT DISTINCT ?d ?when WHERE {{ {pattern} OPTIONAL {{ ?d dcterms:issued ?when }} }}
            ORDER BY DESC(STR(?when)) ?d LIMIT {int(limit)} OFFSET {int(offset)}""",
    )
    return [row["d"].value for row in rows]


def select(store: ox.Store, sparql: str) -> list[dict[str, Any]]:
    """The solutions of a SELECT over a store being built, the union of its graphs as the
    default graph and navokg's prefixes declared: dicts of terms, None where unbound."""
    solutions = store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [{n: s[n] for n in names} for s in solutions]


class Queryable(Protocol):
    """Anything that answers SPARQL like a store: the local GraphStore or a remote Endpoint."""

    def query(self, sparql: str) -> Any: ...


class GraphStore:
    """A built store opened for reading; queries see the union of all named graphs."""

    def __init__(
        self, path: Path, generation: Path, store: ox.Store, manifest: dict[str, Any], *, view: str | None = None
    ) -> None:
        self.path = path
        self.generation = generation
        self.store = store
        self.manifest = manifest
        # A part of the generation held in memory (navokg.read.confidence), not the generation:
        # nothing may be cached beside the generation for it.
        self.view = view

    @classmethod
    def open(cls, path: Path | str | None = None) -> GraphStore:
        """Open the current generation of a store read-only."""
        path = Path(path) if path is not None else default_store_path()
        _check_store_dir(path, for_writing=False)
        try:
            _read_marker(path)
        except StoreIncompatible as exc:
            raise StoreIncompatible(f"{exc}: rebuild it with navokg build --full --store {path}") from None
        generation = _current_target(path)
        if generation is None or not (generation / MANIFEST).exists():
            raise StoreNotFound(f"{path}: the store has no complete build; run navokg build --store {path}")
        manifest = read_manifest(generation)
        if manifest.get("format") != STORE_FORMAT:
            raise StoreIncompatible(
                f"{path}: built as format {manifest.get('format')}; this navokg reads format "
                f"{STORE_FORMAT}: rebuild it with navokg build --full --store {path}"
            )
        try:
            store = ox.Store.read_only(str(generation / OXIGRAPH_DIR))
        except OSError as exc:
            raise StoreError(f"{path}: cannot open the store: {exc}") from None
        return cls(path, generation, store, manifest)

    @property
    def search_index(self) -> Path:
        """The generation's full-text index of facts (``navokg.build.search_index``)."""
        return self.generation / SEARCH_DB

    def is_stale(self) -> bool:
        """Whether a newer build has been published since this store was opened."""
        try:
            return _current_target(self.path) != self.generation
        except StoreError:
            return True

    def query(
        self,
        sparql: str,
        *,
        substitutions: dict[ox.Variable, Any] | None = None,
        default_graph: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] | None = None,
        named_graphs: list[ox.NamedNode | ox.BlankNode] | None = None,
    ) -> Any:
        """Run a SPARQL query; the default graph is the union of all named graphs."""
        try:
            return self.store.query(
                sparql,
                use_default_graph_as_union=default_graph is None,
                default_graph=default_graph,
                named_graphs=named_graphs,
                substitutions=substitutions,
                prefixes=PREFIXES,
            )
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {brief(str(exc), 160)}") from None
        except OSError as exc:
            raise StoreError(f"{self.path}: reading the store failed: {exc}") from None
