"""Finding a word or phrase as whole words with ``str.find``, not a regex.

A pattern like ``(?<![\\w'])form(?![\\w'])`` is tried at every position of the text, and
on a novel, once per name or cue, that cost more than the tagger around it; ``str.find``
jumps to the candidates and only they are checked at their edges.
"""

from __future__ import annotations


def _joins(c: str, joiners: str) -> bool:
    return c.isalnum() or c == "_" or c in joiners


def first_whole(text: str, form: str, joiners: str = "", start: int = 0) -> int:
    """Where ``form`` first stands in ``text`` (from ``start``) with no letter, digit,
    underscore or character of ``joiners`` touching it on either side; -1 if nowhere.
    Case-sensitive: lower both sides first for a case-blind search."""
    if not form:
        return -1
    at = text.find(form, start)
    while at != -1:
        end = at + len(form)
        before_ok = at == 0 or not _joins(text[at - 1], joiners)
        if before_ok and (end == len(text) or not _joins(text[end], joiners)):
            return at
        at = text.find(form, at + 1)
    return -1
