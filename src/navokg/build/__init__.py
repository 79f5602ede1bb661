"""The build stage: documents -> facts -> validated quads -> store, plus what is derived once.

pipeline      the build: read, extract or load annotations, validate, load, publish
worker        one document's work: its facts, quads and validation, as a process runs it
cluster       the same work on a Dask cluster, results back in document order
rdf           facts -> quads under the contract's IRIs
validate      SHACL validation of each document's graph
records       what the build recorded of each document (for incremental builds)
derived       the derived graph: report counts, conflicts, held periods
search_index  the full-text index of every fact's words
"""

from __future__ import annotations

from navokg.build.pipeline import BESIDE, Beside, BuildReport, available_cores, build

__all__ = ["BESIDE", "Beside", "BuildReport", "available_cores", "build"]
