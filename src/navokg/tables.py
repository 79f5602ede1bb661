"""Answers as text for people: the aligned table every command and the pages' downloads share.

A table is columns and rows of strings.  ``text_table`` aligns them where they fit the
width (the terminal's, or ``--width``) and otherwise shows each row as a record, one
column a line, its values wrapped: never cut, so what is printed is all there is (as in
psql's expanded display).  Machine formats (CSV, TSV, JSON) put every value on one line.
"""

from __future__ import annotations

import csv
import io
import shutil
import textwrap
from collections.abc import Sequence
from contextvars import ContextVar
from decimal import Decimal, InvalidOperation

__all__ = ["aid_text", "amount_text", "csv_text", "set_table_width", "table_width", "text_table"]

# Columns a table may take; None: the terminal's (or $COLUMNS), 0: no limit.
_WIDTH: ContextVar[int | None] = ContextVar("navokg_table_width", default=None)
_DEFAULT_WIDTH = 100  # where output goes to no terminal and $COLUMNS is not set
_GAP = "  "


def table_width() -> int:
    """The width tables fit: ``--width``, else the terminal's (or $COLUMNS), else 100; 0 for none."""
    chosen = _WIDTH.get()
    if chosen is not None:
        return chosen
    return shutil.get_terminal_size((_DEFAULT_WIDTH, 24)).columns


def set_table_width(width: int | None) -> None:
    """Tables written from now on, in this context, fit ``width`` (for a command's --width)."""
    _WIDTH.set(width)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _count(rows: Sequence[object], noun: str) -> str:
    return f"({len(rows)} {noun}{'s' if len(rows) != 1 else ''})"


def text_table(columns: Sequence[str], rows: Sequence[Sequence[str]], *, noun: str = "row") -> str:
    """Aligned columns with a rule under the header and a count of the rows below; each row a
    record of wrapped lines where the aligned table would be wider than ``table_width()``."""
    cells = [[_one_line(c) for c in row] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    width = table_width()
    if width and sum(widths) + len(_GAP) * (len(widths) - 1) > width and rows:
        return _records(columns, cells, width) + _count(rows, noun) + "\n"
    lines = [
        _GAP.join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip(),
        _GAP.join("-" * w for w in widths),
    ]
    lines += [_GAP.join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.append(_count(rows, noun))
    return "\n".join(lines) + "\n"


def _records(columns: Sequence[str], cells: list[list[str]], width: int) -> str:
    """Each row as "column  value" lines under a numbered rule; long values wrap at spaces
    (a word longer than the line, such as an IRI, stays whole on a line of its own)."""
    name_width = max(len(c) for c in columns)
    room = max(width - name_width - len(_GAP), 20)
    out = []
    for number, row in enumerate(cells, start=1):
        out.append(f"-[ {number} ]".ljust(min(width, name_width + len(_GAP) + room), "-"))
        for column, value in zip(columns, row, strict=True):
            if not value:
                continue
            wrapped = textwrap.wrap(value, room, break_long_words=False, break_on_hyphens=False) or [""]
            out.append(f"{column.ljust(name_width)}{_GAP}{wrapped[0]}")
            out += [f"{'':{name_width}}{_GAP}{more}" for more in wrapped[1:]]
    return "\n".join(out) + "\n"


def csv_text(columns: Sequence[str], rows: Sequence[Sequence[str]], *, delimiter: str = ",") -> str:
    """RFC 4180 CSV (or TSV with a tab), every value whole."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


def amount_text(value: str) -> str:
    """1000000000 -> "1 000 000 000" (thin spaces: unambiguous in Dutch and English)."""
    try:
        number = Decimal(value)
    except InvalidOperation:
        return value
    whole = f"{number:,.0f}" if number == number.to_integral_value() else f"{number:,}"
    return whole.replace(",", "\u202f")


def aid_text(amount: Decimal | None, currency: str | None, recipient: str, how: Sequence[str] = (),
             items: Sequence[str] = ()) -> str:  # fmt: skip
    """Aid in one line: "2 000 000 000 EUR → Oekraïne (announced, military: 3 F-16)"."""
    what = f"{amount_text(f'{amount:f}')} {currency or ''}".strip() if amount is not None else "aid"
    kinds, listed = ", ".join(h for h in how if h), ", ".join(items)
    detail = f"{kinds}: {listed}" if kinds and listed else kinds or listed
    return f"{what} → {recipient}" + (f" ({detail})" if detail else "")
