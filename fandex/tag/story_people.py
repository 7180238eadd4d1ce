"""The story's people as the relationship taggers read them: each character's gender and
prominence (as a pack or the character tagger gives them), and whether the story belongs
to two leads (a couple read from pronouns, one kiss or a few quiet moments needs one)."""

from __future__ import annotations

from fandex.model import Work
from fandex.tag.pronoun_gender import pronoun_genders
from fandex.vocab.names import character_gender, given_name_gender


def two_leads(people: tuple[str, ...], shares: dict[str, float], third_ratio: float) -> bool:
    """Whether ``people`` are two and the story is theirs: everyone else is named less than
    ``third_ratio`` as often as the lesser of them (``shares``: each character's mentions
    over the lead's).

    >>> two_leads(("Ada", "Ben"), {"Ada": 1.0, "Ben": 0.8, "Cal": 0.2}, 0.5)
    True
    >>> two_leads(("Ada", "Ben"), {"Ada": 1.0, "Ben": 0.8, "Cal": 0.6}, 0.5)
    False
    """
    if len(people) != 2 or not all(p in shares for p in people):
        return False
    lesser = min(shares[p] for p in people)
    return all(v < third_ratio * lesser for n, v in shares.items() if n not in people)


# Everyone but a story's two leads is named less than this share of the lesser of them
# (relationships.CENTRAL's ``central_third_ratio``, its default).
THIRD_RATIO = 0.5


def character_shares(work: Work) -> dict[str, float]:
    """Each character's prominence (its mentions over the lead's, as the character tagger
    measured it); a character the author or a user named counts as a lead."""
    out: dict[str, float] = {}
    for t in work.tags_of("character"):
        share = t.attrs.get("share") if t.source in ("inferred", "learned") else 1.0
        if isinstance(share, int | float):
            out[t.name] = max(out.get(t.name, 0.0), float(share))
    return out


def leads_of(shares: dict[str, float], third_ratio: float) -> tuple[str, str] | None:
    """The two most named of ``shares``, the lead first, when the story is theirs
    (:func:`two_leads` at ``third_ratio``), else None.

    >>> leads_of({"Ada": 0.8, "Ben": 1.0, "Cal": 0.2}, 0.5)
    ('Ben', 'Ada')
    """
    order = sorted(shares, key=lambda n: (-shares[n], n))[:2]
    if len(order) == 2 and two_leads((order[0], order[1]), shares, third_ratio):
        return order[0], order[1]
    return None


def story_of_two(work: Work) -> tuple[str, str] | None:
    """The story's two leads when it is theirs (:func:`two_leads`), else None."""
    return leads_of(character_shares(work), THIRD_RATIO)


def genders(work: Work, guessed: bool = True) -> dict[str, str]:
    """Each character's gender: a pack's, or (``guessed``) a common first name's or the
    character tagger's guess from the pronouns after the name."""
    out: dict[str, str] = {}
    for t in work.tags_of("character"):
        g = character_gender(t.name)
        if g == "U" and guessed:
            # A common first name's gender ("Martin", "Irene") before the pronouns seen
            # after the name, which another person's sentence can mislead.
            g = given_name_gender(t.name)
        if g == "U" and guessed:
            g = str(t.attrs.get("gender", "U"))
        out[t.name] = g
    if guessed and "U" in out.values():
        # The pronoun the narration gives them next ("Lisbon sat. She had not slept.").
        out.update(pronoun_genders(work, [n for n, g in out.items() if g == "U"]))
    return out


__all__ = ["THIRD_RATIO", "character_shares", "genders", "story_of_two", "two_leads"]
