"""navokg: a knowledge graph of Dutch political news, every fact tied to its source's words.

The library's entry points, loaded on first use so that ``import navokg`` stays cheap::

    import navokg
    report = navokg.build_store(documents=Path("graph/documents"))
    graph = navokg.open_store()
    print(navokg.answer(graph, "office-holders-on", {"date": "2024-10-02"}).raw)

docs/architecture.md describes the stages these come from.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# name -> "module:attribute"; names differ from the subpackages' (build, extract, export, ...)
# because an imported subpackage becomes an attribute of the package under its own name.
_API = {
    "build_store": "navokg.build.pipeline:build",
    "BuildReport": "navokg.build.pipeline:BuildReport",
    "open_store": "navokg.store:GraphStore.open",
    "GraphStore": "navokg.store:GraphStore",
    "extract_document": "navokg.extract:extract",
    "extract_file": "navokg.extract:extract_file",
    "read_document": "navokg.sources.documents:read_document",
    "load_registry": "navokg.sources.entities:load_registry",
    "answer": "navokg.read.query:answer",
    "open_graph": "navokg.read.query:open_graph",
    "Fact": "navokg.read.facts:Fact",
    "read_facts": "navokg.read.facts:read_facts",
    "read_all_facts": "navokg.read.facts:read_all_facts",
    "search_facts": "navokg.read.search:search",
    "citation": "navokg.read.cite:citation",
    "conflicts": "navokg.read.reports:conflicts",
    "reports": "navokg.read.reports:reports",
    "neighbourhood": "navokg.network:neighbourhood",
    "shortest_paths": "navokg.network:shortest_paths",
    "centrality": "navokg.network:centrality",
    "timeline": "navokg.network:timeline",
    "aid_flow": "navokg.network:aid_flow",
    "export_graph": "navokg.export:export",
    "ExportFormat": "navokg.export:ExportFormat",
    "NavokgError": "navokg.errors:NavokgError",
    "InputError": "navokg.errors:InputError",
    "UsageError": "navokg.errors:UsageError",
    "QueryError": "navokg.errors:QueryError",
    "StoreError": "navokg.errors:StoreError",
    "RemoteError": "navokg.errors:RemoteError",
}

__all__ = ["__version__", *sorted(_API)]


def __getattr__(name: str) -> Any:
    try:
        module, _, attribute = _API[name].partition(":")
    except KeyError:
        raise AttributeError(f"module 'navokg' has no attribute '{name}'") from None
    value: Any = importlib.import_module(module)
    for part in attribute.split("."):
        value = getattr(value, part)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
