"""navokg: a knowledge graph of Dutch political news, every fact tied to its source's words."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
