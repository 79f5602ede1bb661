"""Answers as text for people: the aligned table every command and the pages' downloads share.

A table is columns and rows of strings; ``text_table`` aligns them, cuts long values and
counts the rows, so that ``navokg query``, the network commands, search, conflicts and
evaluate read alike.  Machine formats (CSV, TSV, JSON) never cut anything.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

__all__ = ["CELL_WIDTH", "csv_text", "text_table"]

CELL_WIDTH = 60  # characters of one value a table shows before cutting it with "…"


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if width <= 0 or len(text) <= width else text[: width - 1] + "…"


def text_table(
    columns: Sequence[str], rows: Sequence[Sequence[str]], *, width: int = CELL_WIDTH, noun: str = "row"
) -> str:
    """Aligned columns with a rule under the header and a count of the rows below."""
    cells = [[_cut(c, width) for c in row] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.append(f"({len(rows)} {noun}{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def csv_text(columns: Sequence[str], rows: Sequence[Sequence[str]], *, delimiter: str = ",") -> str:
    """RFC 4180 CSV (or TSV with a tab), every value whole."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()
