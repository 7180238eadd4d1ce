"""A death told only by the grief of the one left: a loved one who can no longer answer.

Many works that warn for Major Character Death never say "died" of the one who is dead:
a year on, the one left lays a tile and drinks "To Q. The love of my life."; a note is
found after a funeral service the lover missed ("She'd have liked it", said the
minister); voicemails are left on a dead girl's phone ("I know you can't hear this. You'd
have made fun of it. I love you."). English tells it by a love said of someone absent
and two kinds of sign, within a few pages, that they are dead:

- a **love** said to or of them: "the love of my life", "I love you", "I miss you", "the
  best thing that ever happened to me" (grief for someone the story is about, not for a
  flatmate whose funeral brings two exes together), not to a kin ("I love you, Mum");
- the signs, at least two kinds, one of the first four opening the grief, none after a
  kin word ("your father would have been proud", "since Dad died": a parent remembered,
  a death before the story) or a pet's ("the best dog. He'd have loved this beach"):

  - a **reaction they can no longer have**, in the conditional: "she'd have liked it",
    "you would have hated it", "he'd hate this" (of "he", "she" or the "you" of a letter
    or a grave);
  - words said to one who **cannot answer**: "I know you can't hear this", "if you're
    reading this", "not really gone";
  - words said **at a grave**: "spoke to the headstone", "at her grave", "to the urn";
  - the **time since** the death: "since Tom died", "since you passed";
  - the words of **grief and its rites**: "funeral", "grief", "at the service", "a year
    since", "his side of the bed".

One alone is common (a wish for someone away, a breakup, a parent's funeral); together,
within ``_WINDOW`` characters of the first, they are a death. The word lists are
``fandex/vocab/death_implied.toml``.

>>> text = "She'd have liked the hymns at the service. I loved her."
>>> [e.subject for e in mourned_events(text)]
['She', 'She']
>>> mourned_events("Your mother, she'd have liked the hymns at the service. I loved her.")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from fandex.tag.death_events import DeathEvent
from fandex.tag.lowered import padded_in_place
from fandex.tag.phrase_patterns import alternation
from fandex.tag.vectorscan import LEAD, Prefiltered
from fandex.vocab.ao3 import load_toml

# How far from the reaction the love and the loss are read: a few pages of a short work,
# one scene of a novel (a novel's "I love you" and "funeral" chapters apart are no grief).
_WINDOW = 4000
_KIN_REACH = 120  # characters read before a sign for a kin word
_ANCHORS = 200  # signs read as the opening of a grief, at most (a novel's worth)
_KIN_AFTER = 12  # ... and after a love ("I love you, Mum")


@dataclass(frozen=True)
class _Words:
    reaction: re.Pattern[str]
    bonds: re.Pattern[str]
    unanswered: re.Pattern[str]
    graveside: re.Pattern[str]
    since: re.Pattern[str]
    losses: re.Pattern[str]
    kin: re.Pattern[str]
    # every sign at once, over the text lower-cased behind a space: Vectorscan's
    # candidates, as a case-blind regex tried at every word of a novel costs seconds
    scan: Prefiltered
    # ... and the loves and the words of grief, the same way
    bond_scan: Prefiltered
    loss_scan: Prefiltered


@cache
def _words() -> _Words:
    table = load_toml("death_implied.toml")

    def alt(key: str) -> str:
        return alternation(table.get(key, []))

    skip = rf"(?:(?:{alt('skipped')})\s+)?"
    subjects = alt("subjects")
    past = rf"(?:['’]d|\s+would)\s+have\s+{skip}(?:{alt('past_reactions')})"
    present = rf"(?:['’]d|\s+would)\s+{skip}(?:{alt('present_reactions')})"
    reaction = rf"({subjects})(?:{past}|{present})"
    plain = f"{alt('unanswered')}|{alt('graveside')}"
    since = rf"since\s+(?:[A-Z][\w'’-]*|he|she|you)\s+(?:{alt('since_verbs')})"
    since_low = rf"since\s+[a-z'’-]+\s+(?:{alt('since_verbs')})"
    return _Words(
        reaction=re.compile(rf"\b{reaction}\b", re.I),
        bonds=re.compile(rf"\b(?:{alt('bonds')})\b", re.I),
        unanswered=re.compile(rf"\b(?:{alt('unanswered')})\b", re.I),
        graveside=re.compile(rf"\b(?:{alt('graveside')})\b", re.I),
        # "since Tom died", "since you passed": a name or a pronoun, then the death
        since=re.compile(rf"\b(?:[Ss]{since[1:]})\b"),
        losses=re.compile(rf"\b(?:{alt('losses')})\b", re.I),
        kin=re.compile(
            rf"\b(?:{alternation(table.get('kin', []) + table.get('pets', []))})\b", re.I
        ),
        scan=Prefiltered(
            re.compile(rf"{LEAD}((?:{reaction.replace('(', '(?:', 1)})|{plain}|{since_low})\b")
        ),
        bond_scan=Prefiltered(re.compile(rf"{LEAD}((?:{alt('bonds')}))\b")),
        loss_scan=Prefiltered(re.compile(rf"{LEAD}((?:{alt('losses')}))\b")),
    )


def mourned_events(text: str) -> list[DeathEvent]:
    """The absent loved ones ``text`` mourns (see the module docstring): one event at
    the sign the grief opens with and one at the love said to them."""
    w = _words()
    signs = (w.reaction, w.unanswered, w.graveside, w.since)
    low = padded_in_place(text)
    # The scan's lead is the character before a sign: one more before the text.
    at = [c.start(1) - 1 for c in w.scan.finditer(low)]
    # Every sign of the text, with its kind (its place in ``signs``): read once, then
    # counted per window (a case-blind search of each kind per window cost a tenth of
    # all tagging where love words are common).
    hits = [(m, k) for pos in at for k, p in enumerate(signs) if (m := p.match(text, pos))]
    bonds: list[re.Match[str]] | None = None
    losses: list[re.Match[str]] | None = None
    for m, _kind in hits[:_ANCHORS]:
        if _kin_before(text, m.start(), m.end(), w):
            continue  # "Your father would have been proud": a parent remembered
        lo, hi = max(0, m.start() - _WINDOW), min(len(text), m.end() + _WINDOW)
        # the love is said apart from the sign ("you would have loved her" is no love)
        if bonds is None:  # the loves: read once, where a sign asks
            bonds = _found(text, low, w.bond_scan, w.bonds)
        bond = next(
            (
                b
                for b in bonds
                if lo <= b.start()
                and b.end() <= hi
                and not _kin_after(text, b, w)
                and not m.start() <= b.start() < m.end()
            ),
            None,
        )
        if bond is None:
            continue  # (asked first: each kind of sign is a search of the window)
        # Two kinds of sign beside the love: a reaction, words said to one who cannot
        # hear them or at a grave, the words of grief and its rites.
        kinds = len({k for h, k in hits if lo <= h.start() and h.end() <= hi})
        if kinds < 2:
            if losses is None:  # the words of grief: read once, where a window asks
                losses = _found(text, low, w.loss_scan, w.losses)
            kinds += any(lo <= x.start() and x.end() <= hi for x in losses)
        if kinds >= 2:
            who = m.group(1) if m.re is w.reaction else "the one mourned"
            return [DeathEvent(m.start(), m.end(), who), DeathEvent(bond.start(), bond.end(), who)]
    return []


def _found(text: str, low: str, scan: Prefiltered, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """``pattern``'s matches in ``text`` at the places ``scan`` finds over ``low`` (the
    text lower-cased behind a space, so one place later)."""
    return [m for c in scan.finditer(low) if (m := pattern.match(text, c.start(1) - 1))]


def _kin_before(text: str, start: int, end: int, w: _Words) -> bool:
    """Whether a kin word comes just before the sign at ``start`` or in it ("Your
    father would have been proud", "since Dad died"): a parent remembered."""
    return bool(w.kin.search(text, max(0, start - _KIN_REACH), end))


def _kin_after(text: str, m: re.Match[str], w: _Words) -> bool:
    """Whether the love ``m`` is said to a kin ("I love you, Mum", "I loved her, my
    mother"): a parent's grief."""
    return bool(w.kin.search(text, m.end(), m.end() + _KIN_AFTER))
