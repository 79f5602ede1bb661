"""Files replaced in one step: a reader sees the old file or the whole new one, never half.

Everything navokg writes beside the data it publishes (store markers and manifests,
exports, caches, annotation files written by review) goes through ``replace_atomically``:
write a temporary file in the same directory, then rename it over the target.  A failed
or interrupted write leaves the target as it was and removes the temporary file.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = ["replace_atomically"]


@contextlib.contextmanager
def replace_atomically(target: Path, *, durable: bool = False) -> Iterator[BinaryIO]:
    """Write ``target`` through a temporary file that replaces it only when the block succeeds.

    ``durable`` also syncs the file to disk before the rename, for files that must survive
    a power cut (a store's manifest); an export or a cache can simply be written again.
    The new file gets the permissions the umask allows, as ``open`` would give it.
    """
    directory = target.parent if str(target.parent) else Path(".")
    temporary = directory / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    handle = open(temporary, "xb")  # noqa: SIM115 - closed below, before the rename
    try:
        with handle:
            yield handle
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()  # gone already when the rename succeeded
