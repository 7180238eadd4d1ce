"""CSV that is safe to open in a spreadsheet.

Open Doors volunteers open these sheets in Excel or Google Sheets, where a cell that
starts with ``=``, ``+``, ``-`` or ``@`` is a formula: a tag or title written as
``=HYPERLINK(...)`` would run. Such cells get a leading apostrophe, which spreadsheets
show as text (OWASP's advice for CSV injection). The JSON records stay exact.

>>> spreadsheet_safe("=1+1"), spreadsheet_safe("Angst")
("'=1+1", 'Angst')
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """``value`` with a leading apostrophe when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class SheetWriter:
    """A :func:`csv.writer` whose text cells pass through :func:`spreadsheet_safe`."""

    def __init__(self, out: TextIO) -> None:
        self._writer = csv.writer(out)

    def writerow(self, row: Iterable[Any]) -> None:
        """Write one row."""
        self._writer.writerow([spreadsheet_safe(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        """Write several rows."""
        for row in rows:
            self.writerow(row)
