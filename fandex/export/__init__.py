"""Exports: EPUB 3 and HTML for reading; Open Doors tables, AO3 import requests and
the Tag Wrangling sheet for archivists.

>>> from fandex.model import Chapter, Work
>>> work = Work(title="T", authors=["A"], chapters=[Chapter(1, text="Hello.")])
>>> build_epub(work)[:2]
b'PK'
"""

from fandex.export.ao3records import AO3_LIMITS, Breach, Limits, ao3_record, check_limits
from fandex.export.batch import FORMATS, BatchResult, export_works, open_sink
from fandex.export.epub import build_epub, write_epub
from fandex.export.html import build_html, write_html
from fandex.export.naming import DEFAULT_TEMPLATE, render_name, safe_component
from fandex.export.single import ExportedFile, export_file
from fandex.export.tags import DEFAULT_MIN_CONFIDENCE, exportable_tags
from fandex.export.tagsheet import SHEET_COLUMNS, SheetRow, tag_sheet

__all__ = [
    "AO3_LIMITS",
    "DEFAULT_MIN_CONFIDENCE",
    "DEFAULT_TEMPLATE",
    "FORMATS",
    "SHEET_COLUMNS",
    "BatchResult",
    "Breach",
    "ExportedFile",
    "Limits",
    "SheetRow",
    "ao3_record",
    "build_epub",
    "build_html",
    "check_limits",
    "export_file",
    "export_works",
    "exportable_tags",
    "open_sink",
    "render_name",
    "safe_component",
    "tag_sheet",
    "write_epub",
    "write_html",
]
