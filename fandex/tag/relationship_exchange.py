"""Two leads joined by an exchange: the evidence of a story of two told in dialogue.

A writer who tells a story of two people in talk seldom names both in one sentence
(:func:`fandex.tag.relationship_gen.named_both`, the evidence the bond of a gen story of
two asks for): the two alternate, one line naming the one and the next the other
('"Shut up, Miller." / Hardy looked up.'), each speaking to or of the other. On the
spent sets ``heldout/`` to ``heldout14/`` (session 21), none of the 17 stated bonds
between a story of two's leads the rules missed had a sentence naming both.

An exchange is a paragraph naming one lead (and not the other) and one of the next
:data:`GAP` naming the other, no scene break between them. Two leads are joined so
(:func:`exchange_bond`) by two exchanges, or by one where a name is said to someone
(:func:`fandex.tag.addressed.spoken_to`: a line of dialogue calling the other), and
never where a cue that may make a couple names the two (a kiss, "in love"): what is
read is talk, and talk makes no couple, so it is only ever the evidence of "A & B".

Measured on ``heldout/`` to ``heldout14/`` where the bond of a gen story of two is asked
(:func:`fandex.tag.relationships.comrades_at_centre`: nothing else guessed nor stated,
filed under "Gen" or a word of comrades and no sign of romance) and no sentence names
both: 18 bonds more shown, 15 right (the other three state another relationship or
none). With one exchange asked for, not two, 22, 15 right.
"""

from __future__ import annotations

from fandex.model import Evidence, Work
from fandex.tag.addressed import spoken_to
from fandex.tag.mentions import quote
from fandex.tag.romance import PairScore, Romance
from fandex.tag.romance_people import character_positions

# How many paragraphs on the other lead's name may stand (1: the next paragraph).
GAP = 2
# Exchanges asked for, and where one of them calls a lead by name to their face.
MIN_EXCHANGES = 2
MIN_CALLED = 1
# A line that breaks a scene holds nothing but these ("***", "* * *", "---", "~").
_BREAK_CHARS = frozenset("*-~=#_·•+ \t")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """The non-blank lines of ``text`` as spans, a scene break kept as an empty span."""
    out: list[tuple[int, int]] = []
    at = 0
    for line in text.split("\n"):
        end = at + len(line)
        body = line.strip()
        if body and set(body) <= _BREAK_CHARS:
            out.append((at, at))
        elif body:
            out.append((at, end))
        at = end + 1
    return out


def exchanged(work: Work, pair: tuple[str, str]) -> tuple[PairScore, int]:
    """The exchanges between the two people of ``pair``, as evidence (each one friendship
    cue sentence, counted up to two; at most three kept, the two paragraphs quoted;
    ``sentences`` counts them all), and how many of them say a name to someone.

    >>> from fandex.model import Chapter, Tag
    >>> text = '"Shut up, Miller."\\n\\nMiller sat.\\n\\nHardy sighed.\\n\\n***\\n\\nMiller ran.'
    >>> w = Work(chapters=[Chapter(1, text=text)])
    >>> w.tags = [Tag("character", n, "stated", 1.0) for n in ("Hardy", "Miller")]
    >>> ps, called = exchanged(w, ("Hardy", "Miller"))
    >>> ps.sentences, called
    (1, 0)
    """
    out, called = PairScore(), 0
    positions = character_positions(work)
    for ch in work.chapters:
        text = ch.text
        paras = _paragraphs(text)
        named: list[set[str]] = [set() for _ in paras]
        said = [False] * len(paras)
        j = 0
        for s, e, n in positions.get(ch.index, []):
            if n not in pair:
                continue
            while j < len(paras) and paras[j][1] < s:
                j += 1
            if j == len(paras) or paras[j][0] > s:
                continue
            named[j].add(n)
            said[j] = said[j] or spoken_to(text, s, e)
        last = -1
        for i, here in enumerate(named):
            if len(here) != 1 or i <= last:
                continue
            for k in range(i + 1, min(len(paras), i + GAP + 1)):
                if paras[k][0] == paras[k][1]:
                    break  # a scene break
                if len(named[k]) != 1:
                    continue
                if named[k] != here:
                    last = k
                    called += said[i] or said[k]
                    out.score = min(2.0, out.score + 1.0)
                    out.sentences += 1
                    out.people |= set(pair)
                    if len(out.evidence) < 3:
                        lo, hi = paras[i][0], paras[k][1]
                        quoted = quote(text, lo, hi, 0)[:300]
                        out.evidence.append(Evidence(ch.index, lo, hi, quoted))
                break
    return out, called


def exchange_bond(work: Work, pair: tuple[str, str], romance: Romance) -> PairScore:
    """The exchanges joining the two leads ``pair`` as the evidence of a bond: at least
    :data:`MIN_EXCHANGES`, or :data:`MIN_CALLED` where a name is said to someone, and no
    cue that may make a couple between them (``romance``: the story's romance evidence);
    else no evidence (an empty :class:`PairScore`)."""
    ps = romance.pairs.get((min(pair), max(pair)))
    if ps is not None and ps.romantic:
        return PairScore()
    got, called = exchanged(work, pair)
    if got.sentences >= MIN_EXCHANGES or called >= MIN_CALLED:
        return got
    return PairScore()
