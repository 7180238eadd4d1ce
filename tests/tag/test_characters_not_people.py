"""Capitalised words no person is named by, however often a story writes them: an office
("the Chair", "the Acting Chair"), a form of address ("Mademoiselle"), a breed ("a
Labrador"), a place given away by its grammar ("the Lord of Whitestone", "since
Chicago", "Couloir Sept"), a thing given a name ("the van, which was called Beverly") and
a log's fields ("Mileage: 40."). The people beside them are still found."""

from __future__ import annotations

from fandex.model import Chapter, Work
from fandex.tag.unknown_cast import extract_characters

# Invented throughout: two people, then the words that are no one.
PEOPLE = (
    "Ysolde Marrack said the road was closed. Ysolde laughed and Ysolde shrugged. "
    '"Again," said Tamsin Ferrow. Tamsin walked off, and Tamsin came back with tea. '
    "Ysolde smiled at her, and she smiled back."
)


def names(text: str, summary: str | None = None) -> set[str]:
    work = Work(chapters=[Chapter(1, text=PEOPLE + " " + text)], summary=summary)
    return {t.name for t in extract_characters(work, tagger_name="c")}


def test_an_office_and_a_form_of_address_are_no_people() -> None:
    got = names(
        "The Chair welcomed the members. The Chair said the hall was cold. The Acting "
        'Chair said so too, and the Acting Chair nodded. "Tea, Mademoiselle?" said '
        'Tamsin. "Not now, Mademoiselle," said the waiter. The Chair agreed.'
    )
    assert {"Ysolde Marrack", "Tamsin Ferrow"} <= got
    assert not {"Chair", "Acting Chair", "Mademoiselle"} & got


def test_a_breed_and_a_well_known_place_are_no_people() -> None:
    got = names(
        "The Labrador barked. A Labrador sat by the door, and the Labrador wagged. "
        '"Good Labrador," said Ysolde. Since Chicago she had not slept. Chicago was cold, '
        "Chicago said nothing. Chicago waited."
    )
    assert {"Ysolde Marrack", "Tamsin Ferrow"} <= got
    assert not {"Labrador", "Chicago"} & got


def test_a_place_its_grammar_gives_away_is_no_person() -> None:
    got = names(
        "The Lord of Whitestone slept. The walls of Whitestone held, and Whitestone "
        "waited. The slope above Couloir Sept was loading. Couloir Sept slid at dawn, "
        "and Sept roared. Tamsin looked at Couloir Sept."
    )
    assert {"Ysolde Marrack", "Tamsin Ferrow"} <= got
    assert not {"Whitestone", "Couloir Sept", "Sept"} & got


def test_a_thing_given_a_name_is_no_person() -> None:
    got = names(
        "They drove the van, which was called Beverly, south. Beverly rattled. Beverly "
        "stopped on the hill, and Beverly started again. The furnace is called Zenobia. "
        "Zenobia roared. Zenobia hissed, and Zenobia cooled."
    )
    assert {"Ysolde Marrack", "Tamsin Ferrow"} <= got
    assert not {"Beverly", "Zenobia"} & got


def test_the_fields_of_a_log_are_no_speakers() -> None:
    got = names(
        "\nMileage: 40. Gas: $12.\nMileage: 212. Gas: $30.\nMileage: 498. Gas: $9.\n"
        "Mileage: 700. Gas: $41.\n"
    )
    assert "Mileage" not in got


def test_a_place_the_summary_names_as_a_route_or_a_time_is_no_lead() -> None:
    summary = "Fitton to Reykjavik, delayed. A thing she has meant to say since Chicago."
    got = names("Fitton was foggy. Outside, Fitton waited.", summary=summary)
    assert not {"Fitton", "Chicago"} & got


def test_a_person_called_something_stays_a_person() -> None:
    # "a man called Grubb", "a drummer named Kit": people are named with "called" too.
    got = names(
        "Ysolde owed money to a man called Grubb. Grubb said she had a week. Grubb "
        "laughed, and Grubb left. A drummer named Kit came in. Kit sat down."
    )
    assert "Grubb" in got


def test_a_title_said_as_a_name_and_a_made_up_weekday_are_no_people() -> None:
    got = names(
        '"Shizun." He did not look up. "Shizun, the ledger." Shizun sighed, and Shizun '
        "wrote. Stormsday. Ysolde surveyed the docks. Stormsday said rain. Stormsday, "
        "again, she walked."
    )
    assert {"Ysolde Marrack", "Tamsin Ferrow"} <= got
    assert not {"Shizun", "Stormsday"} & got


def test_an_irish_o_cut_from_a_boats_name_is_no_initial() -> None:
    # "the Stan O' War": a boat's name, not a person "Stan O".
    got = names(
        "The sea around the Stan O' War was flat. Tamsin steered the Stan O' War home, "
        "and the Stan O' War rolled. Ysolde slept on the Stan O' War."
    )
    assert not any(n.endswith(" O") for n in got)
