"""The projection kept beside a store generation, so that only the first command reads the store.

A published generation never changes, so the projection read from it holds for as long
as the generation exists: the generation is the cache key. The cache is one file in the
generation directory::

    navokg-projection 1
    {"code": ..., "generation": ..., "manifest": ..., "size": ..., "sha256": ...}
    <the Projection, pickled>

The header names the navokg code that wrote it (another version may pickle other
classes), the generation and its manifest (an incremental build starts as a copy of the
previous generation's files, this one included), and the payload's size and digest (a
torn or damaged file must read as no cache, never as a wrong projection). A file that
does not match in every respect is ignored, and the next write replaces it.

Files are written to a temporary name and renamed over the cache, so a concurrent reader
sees the old file or the whole new one. A store that cannot be written (a read-only
filesystem, another user's directory, a full disk) is simply read without a cache.
Unpickling admits only the projection's own classes: a file planted in the store can
make a wrong projection, as a planted store could, but can call nothing else.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import functools
import gc
import hashlib
import io
import json
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from navokg.build.periods import Stretch
from navokg.dutch.dates import Precision
from navokg.files import replace_atomically
from navokg.model import Evidence
from navokg.network.projection import (
    DateWindow,
    Edge,
    EdgeKind,
    Fact,
    FactType,
    Item,
    Node,
    NodeKind,
    Projection,
    When,
)
from navokg.read.facts import Claim, HeldSpan, Term
from navokg.store import GraphStore, code_fingerprint

__all__ = ["CACHE_NAME", "read_cache", "write_cache"]

CACHE_NAME = "network-projection.cache"
_MAGIC = b"navokg-projection 1\n"
_HEADER_LIMIT = 4096  # bytes; a longer header line is no header of ours
_PROTOCOL = 5  # fixed, not HIGHEST_PROTOCOL: the file must not depend on the Python that wrote it
_CLASSES = {
    (cls.__module__, cls.__qualname__): cls
    for cls in (Projection, Node, Fact, Edge, When, Claim, Evidence, Item, HeldSpan, Stretch, Term, DateWindow,
                NodeKind, EdgeKind, FactType, Precision, dt.date, decimal.Decimal)
}  # fmt: skip


class _ProjectionUnpickler(pickle.Unpickler):
    """Unpickles a Projection and refuses every other class (pickle could call anything)."""

    def find_class(self, module: str, name: str) -> Any:
        try:
            return _CLASSES[module, name]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is no part of a projection") from None


@functools.cache
def _code() -> str:
    """navokg's code fingerprint, once per process (it reads every source file)."""
    return code_fingerprint()


def _key(store: GraphStore) -> dict[str, str]:
    """What a cache must have been written for: this code, this generation, this manifest."""
    manifest = json.dumps(store.manifest, sort_keys=True, ensure_ascii=False, default=str)
    return {
        "code": _code(),
        "generation": store.generation.name,
        "manifest": hashlib.sha256(manifest.encode("utf-8")).hexdigest(),
    }


def _path(store: GraphStore) -> Path:
    return store.generation / CACHE_NAME


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a while.

    Unpickling makes about a million objects (at 2,000 documents), none of them garbage,
    and the collections that so many allocations trigger meanwhile take most of the time:
    0.4 s with the collector paused, 1 to 2 s without.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_cache(store: GraphStore) -> Projection | None:
    """The cached whole projection of the store's generation, or None when there is no sound one."""
    try:
        with open(_path(store), "rb") as handle:
            if handle.readline(len(_MAGIC)) != _MAGIC:
                return None
            header = json.loads(handle.readline(_HEADER_LIMIT))
            if not isinstance(header, dict) or any(header.get(k) != v for k, v in _key(store).items()):
                return None
            payload = handle.read()
    except (OSError, ValueError, RecursionError):  # unreadable, not JSON, or absurdly nested
        return None
    if len(payload) != header.get("size") or hashlib.sha256(payload).hexdigest() != header.get("sha256"):
        return None
    try:
        with _collector_paused():
            projection = _ProjectionUnpickler(io.BytesIO(payload)).load()
    except Exception:  # the digest matched, yet it does not load: still no reason to fail a command
        return None
    return projection if isinstance(projection, Projection) else None


def write_cache(store: GraphStore, projection: Projection) -> None:
    """Save the whole projection beside the store's generation; do nothing where that cannot be written."""
    path = _path(store)
    payload = pickle.dumps(projection, protocol=_PROTOCOL)
    header = _key(store) | {"size": len(payload), "sha256": hashlib.sha256(payload).hexdigest()}
    try:
        with replace_atomically(path) as handle:
            handle.write(_MAGIC + json.dumps(header).encode("ascii") + b"\n")
            handle.write(payload)
    except OSError:
        return  # the next command reads the store again, as it would without a cache
