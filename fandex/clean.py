"""The clean stage: repair text damage before any parsing (mojibake, odd whitespace)."""

from __future__ import annotations

import ftfy

from fandex.read.document import RawDocument


def clean(doc: RawDocument) -> RawDocument:
    """Fix mojibake and normalise whitespace in every block, in place; returns ``doc``."""
    for block in doc.all_blocks():
        if block.text and not block.spans:
            block.text = ftfy.fix_text(block.text, normalization="NFC").replace("\t", "    ")
    return doc
