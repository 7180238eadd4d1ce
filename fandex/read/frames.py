"""Boxes drawn around lines of plain text: a mailing-list header framed in stars,
``* The Ferry *`` between two rules of ``*``. The frame is decoration; the lines inside
are what the author wrote (a title, a byline), so they are read without it.

A box is drawn: its right edge stands in one column, as wide as its rules. Lines of
``*emphasis*`` between two scene-break rules end where their words end, so they are
left as they are.
"""

from __future__ import annotations

import re

# A rule of one frame character, ten or more ("**********", "+------+" with corners).
_RULE = re.compile(r"^[ \t]*(?P<c>[*#=~+|-])(?P=c){9,}[ \t]*$|^[ \t]*\+-{8,}\+[ \t]*$")
_INSIDE_MAX = 12  # lines a frame holds at most: a header box, not a page
_ANY_RULE = re.compile(r"^[ \t]*([*#=~+|-])\1{9,}", re.MULTILINE)


def _inner(line: str, chars: str, width: int) -> str | None:
    """The text of a framed line ("*  The Ferry   *" -> "The Ferry"), or None when the
    line is not one of the box's (its right edge off the rule's, by more than one)."""
    s = line.strip()
    if len(s) < 2 or s[0] not in chars or s[-1] not in chars:
        return None
    if abs(len(line.rstrip()) - width) > 1:
        return None
    return s.strip(chars + " \t")


def unframe(text: str) -> str:
    """``text`` with every box of framed lines replaced by the lines inside it.

    >>> print(unframe("*******************\\n* The Ferry       *\\n* by Wren Calloway *\\n"
    ...               "*******************\\nIla rowed."))
    The Ferry
    by Wren Calloway
    Ila rowed.
    >>> unframe("**********\\n*Ila rowed.*\\n**********")
    '**********\\n*Ila rowed.*\\n**********'
    """
    # Substring tests first: far quicker than the line-anchored search on a long text.
    if not any(c * 10 in text for c in "*#=~+|-") or _ANY_RULE.search(text) is None:
        return text
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        m = _RULE.match(lines[i])
        if m is not None:
            chars = "|+" + (m.group("c") or "")
            width = len(lines[i].rstrip())
            inner: list[str] = []
            j = i + 1
            while j < len(lines) and j - i <= _INSIDE_MAX:
                got = _inner(lines[j], chars, width)
                if got is None or _RULE.match(lines[j]):
                    break
                inner.append(got)
                j += 1
            if inner and j < len(lines) and _RULE.match(lines[j]):
                out += [ln for ln in inner if ln]
                i = j + 1
                continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


__all__ = ["unframe"]
