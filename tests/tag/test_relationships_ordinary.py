"""Ordinary stories of two: a married couple who share a family name, and "partner" said
of a colleague."""

from __future__ import annotations

from relationship_fixtures import rels, with_characters

from fandex.tag.romance_scan import cues

MARRIED = (
    "Clara Voss woke before her husband, as she always did. Henrik Voss slept on his "
    "back with one arm over his face.\n\n"
    "She made coffee and brought it up, and sat on the edge of the bed until he woke.\n\n"
    '"Happy anniversary," Henrik said.\n\n'
    '"Thirty years," said Clara.\n\n'
)


def test_her_husband_named_after_the_sentence_is_the_other_of_the_two() -> None:
    # "Her husband" ties Clara to the other Voss: a couple, not two relatives.
    got = rels(with_characters(MARRIED, "Clara Voss", "Henrik Voss"))
    assert "Clara Voss/Henrik Voss" in got and "Clara Voss & Henrik Voss" not in got


def test_partner_of_work_or_said_to_a_colleague_is_no_cue() -> None:
    text = (
        'Her business partner left early. "Good work, partner," Ben said. '
        "Ana's dance partner was late. He kissed his partner goodnight."
    )
    found = [text[s:e] for s, e, _strong in cues(text)]
    assert found == ["kissed", "partner"]
