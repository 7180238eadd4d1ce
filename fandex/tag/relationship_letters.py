"""Two people a letter names together: the one it is written to and the one who writes it.

A story told in letters seldom names its two correspondents in one sentence: the one
written to is named in the salutation ("Dear Agnes,"), the writer in the signature
("Yours, Tobias") or not at all, where the writer is the story's narrator and every "I"
of the letter is theirs. A letter is then the sentence that names both, the evidence the
relationship taggers ask of a pair they read from the author's category or a gen story
of two (:func:`fandex.tag.relationship_gen.named_both`).
"""

from __future__ import annotations

from bisect import bisect_left

from fandex.model import Evidence, Work
from fandex.tag.mentions import quote
from fandex.tag.name_lines import letter_salutation
from fandex.tag.romance_lines import letter_people

# Characters of a letter quoted for its evidence, from its salutation.
_QUOTED = 300


def letters_naming(
    work: Work,
    pair: tuple[str, str],
    positions: dict[int, list[tuple[int, int, str]]],
    narrator: str | None,
) -> list[Evidence]:
    """The letters of ``work`` written by one of ``pair`` to the other: a salutation
    naming one ("Dear Agnes,") and a signature of the other before the next letter
    (:func:`fandex.tag.romance_lines.letter_people`), or, where the other is the
    ``narrator``, the narrator's "I" in the letter (their spans in ``positions``, per
    chapter, sorted (start, end, name)); at most three, as quotes of their openings."""
    out: list[Evidence] = []
    for ch in work.chapters:
        text = ch.text
        if "Dear" not in text:
            continue  # (found in C: most text holds no letter)
        pos = positions.get(ch.index, [])
        starts = [s for s, _e, _n in pos]
        for s, _e, name in pos:
            if name not in pair or not letter_salutation(text, s):
                continue
            other = pair[1] if name == pair[0] else pair[0]
            para = text.find("\n", s)
            para = len(text) if para < 0 else para
            # The letter's first lines after the salutation: the writer's "I" there.
            after = text.find("\n\n", para + 1)
            after = len(text) if after < 0 else after
            mine = pos[bisect_left(starts, para) : bisect_left(starts, after)]
            if other == narrator and any(n == narrator for _s, _e, n in mine):
                got = True
            else:
                got = set(letter_people(text, pos, starts, para, {})) == set(pair)
            if got:
                line = text.rfind("\n", 0, s) + 1
                end = min(len(text), line + _QUOTED)
                out.append(
                    Evidence(chapter=ch.index, start=line, end=end, quote=quote(text, line, end, 0))
                )
                if len(out) >= 3:
                    return out
    return out
