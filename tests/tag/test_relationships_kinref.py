"""Kin read from the narration's kin words ("her dad"), and a cue said to its speaker
("married to me")."""

from __future__ import annotations

from relationship_fixtures import rels, with_characters

from fandex.tag.romance import score_pairs

# A father and his grown daughter, named together in no sentence: the narration calls
# him "her dad" and "her father".
DRIVING = (
    '"Mirror," said Daniel Kovac.\n\nGrace checked it.\n\n'
    "The car park was empty. Grace pulled out slowly and stalled by the bins.\n\n"
    "Her dad sat beside her with his hands pressed flat on his knees.\n\n"
    '"Again," her father said, and looked out of his own window.\n\n'
    "Grace started the engine and this time did not stall.\n\n"
)


def test_a_lead_called_her_dad_twice_is_her_relative() -> None:
    got = rels(with_characters(DRIVING, "Grace", "Daniel Kovac"))
    assert set(got) == {"Daniel Kovac & Grace"}
    tag = got["Daniel Kovac & Grace"]
    assert tag.confidence <= 0.75 and "dad" in tag.evidence[0].quote


def test_a_relative_named_beside_the_lead_is_someone_else() -> None:
    # "her sister" with the other lead named in the sentence: a third person.
    text = (
        "Vera Lund gave her statement and Ruth Amos wrote it down.\n\n"
        "At the end, Ruth walked her down to the desk, where her sister was waiting.\n\n"
        "Vera let Ruth hold the door, and then her sister took Ruth's arm.\n\n"
    )
    assert not rels(with_characters(text, "Vera Lund", "Ruth Amos"))


def test_a_couple_is_not_made_kin_by_her_father() -> None:
    text = DRIVING + "Grace kissed Daniel Kovac on the mouth. He was in love with her.\n\n"
    assert "Daniel Kovac & Grace" not in rels(with_characters(text, "Grace", "Daniel Kovac"))


def test_married_to_me_said_by_a_lead_is_the_couple() -> None:
    text = (
        "Ottilie Brun mended the toaster while Samir Haddad made the tea.\n\n"
        "A man asked Samir whether she always worked that hard.\n\n"
        '"She\'s been married to me a very long time," Samir said.\n\n'
        "Ottilie Brun laughed and went on mending.\n\n"
    )
    romance = score_pairs(with_characters(text, "Ottilie Brun", "Samir Haddad"))
    assert romance.pairs[("Ottilie Brun", "Samir Haddad")].strong == 1
