"""The couple of a story of two: romance between its only two leads, told quietly.

A story about two people (everyone else named less than half as often as the lesser of
them, :func:`fandex.tag.story_people.two_leads`) is about their relationship; when the text
shows them in a cue sentence of a couple's, or more (a kiss,
"their bed", fingers laced, sex told plainly; not only what a friend gives as well, a
hug or a hand held), they are the couple, in a story of any length and without their
names ("Marcus lay on his back in their bed", "Kenji lay awake and held him"). The
relationship tagger's central couples need a strong cue among two sentences, or three,
above a score; in the works written for calibration an established couple was as often
told in a few quiet domestic lines, in a story of the two of them alone, with nobody
else's romance in it to be mistaken for theirs. In a story under the short length
(the relationship tagger's ``central_full_words``) one such sentence is enough (fingers
laced under a blanket, a kiss): over the main written set and ``heldout/`` to
``heldout11/`` (session 18) the one-sentence couples of a story of two that no other rule
found were 4 of 4 right where the narration is not "I" or "you" (the relationship tagger
drops a sentence naming neither in such a story), three of them in a short story; before,
two sentences were asked for, from fewer sets. (One cue in a long story is left out as
before: it is as often someone else's, or nobody's romance.)

Never two relatives nor friends the text calls so (the relationship tagger leaves them
out before this reads its candidates), never a pair whose people have romance with
anyone else (a rival pair: the evidence may be that one's).
"""

from __future__ import annotations

from fandex.tag.romance import PairScore
from fandex.tag.story_people import two_leads

# How sure such a guess is shown: no surer than those of one cue sentence
# (relationships.ONE_CUE_CONFIDENCE), as most of them rest on two quiet sentences. On
# the spent sets it was written on (main, heldout to heldout6) it added couples all
# right in substance (one named by a short form the bench does not match, "Thandi");
# see the commit that added it for the sets it was checked on.
TWO_LEADS_CONFIDENCE = 0.75


def couple_of_two(
    ranked: list[tuple[tuple[str, ...], PairScore]],
    shares: dict[str, float],
    third_ratio: float,
    words: int = 0,
    one_cue_words: float = 0.0,
) -> list[tuple[tuple[str, ...], PairScore]]:
    """The pair of ``ranked`` (candidate couples, each with its romance evidence) that
    is the story's two leads (``shares``: each character's mentions over the lead's;
    anyone else under ``third_ratio`` of the lesser of them), seen in two cue sentences
    or more, one of them at least a couple's, or in one such sentence in a story of
    ``words`` under ``one_cue_words``, with no romance of either with anyone else; at
    most one."""
    for people, ps in ranked:
        if len(people) != 2 or ps.romantic < 1 or not two_leads(people, shares, third_ratio):
            continue
        if ps.sentences < 2 and words >= one_cue_words:
            # One cue in a long story is as often someone else's, or nobody's romance.
            return []
        if any(other != people and set(other) & set(people) for other, _ in ranked):
            return []
        return [(people, ps)]
    return []
