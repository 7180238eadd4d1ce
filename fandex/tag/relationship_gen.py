"""The bond of a gen story of two: two leads who work, serve or travel together, with no
romance anywhere in the text, are "A & B".

The relationship tagger reads a platonic bond only where the text says it in words
("best friends", "like a brother to me"), or where the two are kin. In the works written
for calibration most stated "A & B" bonds are told otherwise: a story about two people
(everyone else named less than half as often as the lesser of them,
:func:`fandex.tag.story_people.two_leads`), colleagues, a crew of two, a captain and a
lieutenant, on the page together, talking, and nothing anywhere a sign of romance. Over
the sets read while this was written (the main written set and ``heldout/`` to
``heldout11/``), of the stories of two with no guess, not kin, no sign of romance (no
romance cue, no pet name said to someone, no hand taken, no "our bed", ring, jealousy or
"miss you", ``fandex/vocab/gen_story.toml``) and a word of comrades ("team", "sir",
"partner", "crew", "case"), 14 of 17 had "A & B" stated between the two (two were quiet
couples, one a war story that states no relationship); without a comrade word, 16 of 34.
As shipped (a sentence naming both asked for too) it shows 14 bonds on those sets, 11
right, and on the five sets held out from the writing (``heldout12/`` to ``heldout16/``)
5, 4 right.

Never where the author states any relationship or another rule guesses one, never
without a sentence naming both (the evidence). Two relatives read so (siblings on a job)
are "A & B" as well, as :func:`fandex.tag.relationships.relatives_at_centre` tags them.

**Session 21: no exchange evidence shipped.** Of the stated bonds between a story of
two's leads the rules miss on ``heldout/`` to ``heldout14/``, none is named in one
sentence with the other: the writers alternate the two in dialogue. Taking an exchange
for the evidence where none names both (two paragraphs at most two apart in one scene,
one naming only the one lead and the other only the other: two such, or one where a
name is said to someone, and no couple's cue between them; branch ``rel24``, the
commit "relationship_exchange") found 15 more of ``heldout/`` to ``heldout14/``'s
bonds, 15 of its 18 guesses right (187/207 right became 202/225); on ``heldout15/`` to
``heldout19/``, measured once, 2 of 8 (46/61 right became 48/69): under the share the
rules show, so it is not shipped. (The main set did not move.)

**Session 26: no paragraph evidence shipped either.** Taking the paragraphs that name
both leads for the evidence of a story filed under "Gen" alone (where no sentence names
both; branch ``rel26``, the commit "relationship_gen: ... paragraphs naming both") found
10 more bonds on the sets it was written on (the main set, ``heldout/`` to
``heldout14/``, ``heldout21/``), 10 of its 15 guesses right; on ``heldout15/`` to
``heldout20/``, measured once, 3 of 8. The same evidence for the couple of a romantic
category (:mod:`fandex.tag.relationship_category`) was 4 of 5 there and 1 of 4 here.
"""

from __future__ import annotations

import re
from functools import cache

from fandex.model import Evidence, Work
from fandex.tag.mentions import quote
from fandex.tag.relationship_letters import letters_naming
from fandex.tag.romance import PairScore, Romance
from fandex.tag.romance_people import character_positions
from fandex.tag.romance_scan import cues
from fandex.tag.romance_sentence import sentences_naming_both
from fandex.tag.story_people import leads_of
from fandex.vocab.ao3 import load_toml

# How sure such a guess is shown: under what was measured where it was written (14 of
# 17), as it rests on what the text does not say.
GEN_CONFIDENCE = 0.7


# How sure the bond of the two leads of a story its author files under "Gen" alone is
# shown (:func:`stated_gen`): about the share measured right (see there).
STATED_GEN_CONFIDENCE = 0.75

# Characters either side of a key word a sign may take.
_AROUND = 80


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load_toml("gen_story.toml")
    signs = "|".join(f"(?:{p})" for p in data["signs"]["romance"])
    words = "|".join(re.escape(w) for w in data["words"]["comrade"])
    # (Read on a lower-case copy: no flag for case, which slows the scan.)
    return re.compile(signs), re.compile(rf"\b(?:{words})\b")


@cache
def _keys() -> tuple[str, ...]:
    return tuple(load_toml("gen_story.toml")["signs"]["keys"])


def _signed(text: str) -> bool:
    """Whether a sign of romance is in ``text``: matched around its key words only (a
    scan of the whole text for the signs costs half a second per megabyte; a gen story
    holds few of the words)."""
    signs, _ = _patterns()
    low = text.lower()  # (the signs match in any case: the lower-case copy is read)
    spans: list[tuple[int, int]] = []
    for key in _keys():
        at = low.find(key)
        while at != -1:
            spans.append((max(0, at - _AROUND), at + len(key) + _AROUND))
            at = low.find(key, at + 1)
    spans.sort()
    merged: list[list[int]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return any(signs.search(low, lo, hi) for lo, hi in merged)


def romance_told(work: Work, romance: Romance) -> bool:
    """Whether the text holds any sign of romance, whoever it names: a romance cue
    (:func:`fandex.tag.romance_scan.cues`: a kiss, a hug, "love you") or a sign of
    ``gen_story.toml`` (a pet name said to someone, a hand taken, "our bed").

    >>> from fandex.model import Chapter
    >>> romance_told(Work(chapters=[Chapter(1, text="Go to sleep, love.")]), Romance())
    True
    >>> romance_told(Work(chapters=[Chapter(1, text="The case went cold.")]), Romance())
    False
    """
    for ch in work.chapters:
        if next(cues(ch.text, romance.scans.get(ch.index)), None) is not None:
            return True
        if _signed(ch.text):
            return True
    return False


def comrades(work: Work) -> bool:
    """Whether the text speaks of comrades: a word of ``gen_story.toml`` ("team", "sir",
    "crew", "partner"), in lower case.

    >>> from fandex.model import Chapter
    >>> comrades(Work(chapters=[Chapter(1, text="Yes, sir. The crew is ready.")]))
    True
    """
    _, words = _patterns()
    return any(words.search(ch.text) for ch in work.chapters)


def gen_bond(work: Work, romance: Romance) -> bool:
    """Whether ``work`` (its two leads already found, not kin, nothing guessed between
    them) reads as a gen story of comrades: no sign of romance anywhere, a word of
    comrades somewhere."""
    return comrades(work) and not romance_told(work, romance)


def stated_gen(work: Work) -> bool:
    """Whether the work's author (or a user) files it under the category "Gen" alone: no
    romance at its centre, so the bond of its two leads is "A & B" whatever the text says
    of comrades, and a guessed couple of them is "A & B" too. Over the spent sets
    (session 21), such a guess (a sentence naming both asked for, as for comrades) was
    shown on 39 works more, 33 right (heldout16 to 18: 13, 10 right); on the main
    written set on one, which states no relationship. Before, 169 of the 462 stated
    relationships of the spent sets were found, 201 after.

    >>> from fandex.model import Tag
    >>> w = Work(tags=[Tag("category", "Gen", "stated", 1.0)])
    >>> stated_gen(w), stated_gen(Work())
    (True, False)
    """
    cats = {t.name for t in work.tags_of("category") if t.source in ("stated", "user")}
    return cats == {"Gen"}


def named_both(work: Work, pair: tuple[str, str]) -> PairScore:
    """The sentences naming both people of ``pair`` (their evidence; at most three kept),
    counted as one friendship cue sentence each, up to two; where none does, the letters
    one writes to the other (:func:`fandex.tag.relationship_letters.letters_naming`)."""
    out = PairScore()
    positions = character_positions(work)
    for ch in work.chapters:
        for lo, hi in sentences_naming_both(ch.text, positions.get(ch.index, []), pair):
            quote_ = quote(ch.text, lo, hi, 0)[:300]
            if out.sentences < 2:
                out.score += 1.0
            out.sentences += 1
            out.named += 1
            out.people |= set(pair)
            if len(out.evidence) < 3:
                out.evidence.append(Evidence(chapter=ch.index, start=lo, end=hi, quote=quote_))
    if not out.evidence:
        # Letters between the two: the salutation names one, the other signs or says "I".
        tagged = work.tags_of("character")
        narrator = next((t.name for t in tagged if t.attrs.get("narrator")), None)
        for ev in letters_naming(work, pair, positions, narrator):
            if out.sentences < 2:
                out.score += 1.0
            out.sentences += 1
            out.named += 1
            out.people |= set(pair)
            out.evidence.append(ev)
    if not out.evidence:
        out.score, out.people = 1.0, set(pair)
    return out


def comrades_at_centre(
    work: Work, romance: Romance, shares: dict[str, float], third_ratio: float, told: bool = False
) -> tuple[tuple[str, str], PairScore, str] | None:
    """The bond of a gen story of two (this module's): its two
    leads (:func:`fandex.tag.story_people.leads_of` at ``third_ratio``), named together
    in a sentence at least (the evidence), in a text with no sign of romance and a word
    of comrades. The caller asks only where nothing else is guessed and the author
    joined no one; ``told``: the author filed it under "Gen" alone (:func:`stated_gen`),
    no sign asked. (Two relatives are "A & B" too, as
    :func:`fandex.tag.relationships.relatives_at_centre` has.)"""
    two = leads_of(shares, third_ratio)
    if two is None:
        return None
    pair = (min(two), max(two))
    if not told and not gen_bond(work, romance):
        return None
    together = named_both(work, pair)
    if not together.evidence:
        return None
    return pair, together, " & "
