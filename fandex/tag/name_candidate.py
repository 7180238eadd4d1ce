"""One proper-name cluster of a text and what it is seen doing (where it occurs, how
often it speaks, acts or stands as a place): the unit :mod:`fandex.tag.propernames` finds
and :mod:`fandex.tag.unknown_cast` judges."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Candidate:
    """One proper-name cluster and where it occurs."""

    forms: Counter[str] = field(default_factory=Counter)
    hits: list[tuple[int, int, int]] = field(default_factory=list)  # chapter, start, end
    sampled: int = 0  # occurrences whose context was read
    mid: int = 0
    speaks: int = 0
    acts: int = 0
    place: int = 0
    det: int = 0  # uses after an article or determiner: "the Lakshmi", "the Greeks"
    det_speaks: int = 0  # of those, in a speech attribution: "said the Farmer"
    labels: int = 0  # of ``speaks``, lines of a chat or a script it opens ("**Saba:** hi")
    addressed: int = 0  # uses spoken to ('"Two years, Soledad."': unknown_cast.hear)
    thing: int = 0  # uses beside a thing's kind: "the boat Kittiwake" (fandex.tag.things)

    @property
    def name(self) -> str:
        multi = [(n, f) for f, n in self.forms.items() if " " in f]
        if multi:
            return max(multi)[1]
        # One word: the name in full, of which the others are short forms ("Siegfried").
        return max(self.forms, key=lambda f: (len(f), self.forms[f]))

    def absorb(self, other: Candidate) -> None:
        """Take ``other``'s forms and counts: it names the same person."""
        self.forms.update(other.forms)
        self.hits += other.hits
        self.mid += other.mid
        self.speaks += other.speaks
        self.acts += other.acts
        self.place += other.place
        self.det += other.det
        self.det_speaks += other.det_speaks
        self.labels += other.labels
        self.thing += other.thing
        self.sampled += other.sampled
