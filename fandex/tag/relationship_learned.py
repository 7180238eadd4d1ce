"""The learned second chance: the relationship of a story of two that no hand rule read.

Most stories written about two people are about what is between them, and new writers
tell it plainly: a married couple at breakfast with her father, a captain and his
android in his logs, two sisters in letters, with no cue sentence ("kissed", "in love
with") of the kind the hand rules of :mod:`fandex.tag.relationships` ask for. Where the
rules guessed nothing between a story's two leads (everyone else named less than half
as often as the lesser of them, :func:`fandex.tag.story_people.two_leads`) and the
author stated no relationship (nor filed the story under "Gen" alone), the shipped pair
model (:mod:`fandex.tag.pair_model`, weights in ``fandex/vocab/pair_model.json``) reads
what passes between them (:mod:`fandex.tag.pair_features`: how much of the story is
theirs, how often they are named in one sentence, one paragraph, in dialogue, the
romance and friendship cues between them and in the story, kin, genders, narration) and
guesses a couple ``A/B`` or a bond ``A & B`` when the likelier kind is at least the
model's bar probable (a couple nine in ten where the story shows no sign of romance: a gen
story of two teammates is told as plainly as a quiet couple); never ``/`` between kin,
never two the text does not name in one sentence (the evidence), never one the rules
already read in a couple, never a couple of two told as teacher and pupil
(:mod:`fandex.tag.pair_mentor`). (Fitted on the written sets, it has only ever guessed couples:
their stories of two were mostly couples'.)

Its guesses are shown at the share of such guesses measured right held out by set
(fitted without each set, on the written sets ``heldout/`` to ``heldout14/``; see
``bench/train_pair_model.py`` and the commit that shipped the weights for the figures
on the sets it was not fitted on).
"""

from __future__ import annotations

from collections.abc import Callable

from fandex.model import Work
from fandex.tag.pair_features import pair_rows
from fandex.tag.pair_mentor import told_as_mentor
from fandex.tag.pair_model import SEPARATORS, shipped
from fandex.tag.romance import PairScore, Romance
from fandex.tag.story_people import THIRD_RATIO, two_leads


def second_chance(
    work: Work,
    romance: Romance,
    shares: dict[str, float],
    told: dict[tuple[str, str], PairScore],
    tagged: set[frozenset[str]],
    coupled: set[str],
    relatives: Callable[[str, str], bool],
    words: int | None = None,
) -> tuple[tuple[str, str], str, float, float] | None:
    """The pair of the story's two leads, its separator (``"/"`` or ``" & "``), the
    confidence to show and the model's probability, when the model guesses one; None
    where no model ships, the two are not a story of two's leads, the rules already
    tagged them (``tagged``: every two people the relationship tags join), or the
    likelier kind is under the bar, or either of them is in a couple the rules read
    (``coupled``: their evidence of romance is with someone else). ``told``: the
    friendship evidence per pair (:func:`fandex.tag.relationships.told_bonds`);
    ``relatives``: whether two names are family
    (:func:`fandex.tag.relationships.relatives`); ``words``: the text's word count, where
    the caller has it."""
    model = shipped()
    if model is None:
        return None

    def open_two(pair: tuple[str, str]) -> bool:
        # (Asked first, so a story that is not two people's costs nothing more.)
        return (
            two_leads(pair, shares, THIRD_RATIO)
            and frozenset(pair) not in tagged
            and not coupled & set(pair)
        )

    rows = pair_rows(work, romance, shares, told, relatives, open_two, words)
    best: tuple[tuple[str, str], str, float, float] | None = None
    for pair, values in rows.items():
        pick = model.model.pick(values)
        if pick is None or pick[1] < model.least(values, pick[0]):
            continue
        if SEPARATORS[pick[0]] == "/" and told_as_mentor(work, pair):
            continue  # a master and apprentice: the bond they are told as
        if best is None or pick[1] > best[3]:
            best = (pair, SEPARATORS[pick[0]], model.confidence, pick[1])
    return best
