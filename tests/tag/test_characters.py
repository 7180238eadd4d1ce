"""The character tagger: canonical names, mention counts, main vs mentioned, common words."""

from __future__ import annotations

from fandex.model import Chapter, Evidence, Tag, Work
from fandex.tag.characters import character_tagger
from fandex.tag.fandom import fandom_tagger


def tagged(text: str, fandom: str | None = None) -> Work:
    w = Work(chapters=[Chapter(1, text=text)])
    if fandom:
        w.add_tag(Tag("fandom", fandom, evidence=[Evidence(field="Fandom")]))
    fandom_tagger(w)
    character_tagger(w)
    return w


def chars(w: Work) -> dict[str, Tag]:
    return {t.name: t for t in w.tags_of("character")}


ANGEL_TEXT = (
    "Angel walked into the office. Cordy looked up from her desk and said, "
    '"You\'re late, Angel." Wes closed his book. Angel nodded and sat down. '
    "Outside, a mother told her son he was an angel for being so quiet. "
    "Wesley said the demon was in the sewers, and Angel stood up again."
)


def test_aliases_resolve_to_canonical_names_with_counts() -> None:
    w = tagged(ANGEL_TEXT, "Angel: the Series")
    c = chars(w)
    assert set(c) == {"Angel", "Cordelia Chase", "Wesley Wyndam-Pryce"}
    assert c["Wesley Wyndam-Pryce"].attrs["mentions"] == 2
    assert all(t.source == "inferred" and t.tagger == "characters" for t in c.values())


def test_common_word_name_counts_only_where_it_is_a_name() -> None:
    w = tagged(ANGEL_TEXT, "Angel: the Series")
    assert chars(w)["Angel"].attrs["mentions"] == 4  # not "an angel"


def test_common_word_name_alone_at_sentence_start_is_not_believed() -> None:
    text = (
        "Dawn broke over the hills. Buffy woke early and Willow made coffee. "
        "Buffy said Willow should sleep more. Willow laughed."
    )
    w = tagged(text, "Buffy the Vampire Slayer (TV)")
    assert "Dawn Summers" not in chars(w)


def test_common_word_name_used_mid_sentence_is_believed() -> None:
    text = (
        "Buffy looked at Dawn across the table. Dawn rolled her eyes. "
        "Buffy told Dawn to finish her homework, and Dawn sighed loudly."
    )
    w = tagged(text, "Buffy the Vampire Slayer (TV)")
    assert chars(w)["Dawn Summers"].attrs["mentions"] == 4


def test_speaking_character_is_main_and_talked_about_one_is_mentioned() -> None:
    text = (
        "Buffy sat on the steps. Xander sat beside her and said nothing. "
        '"I miss Joyce," Buffy said. Xander nodded. Buffy looked at the sky '
        "and Xander handed her a doughnut."
    )
    c = chars(tagged(text, "BtVS"))
    assert c["Buffy Summers"].attrs["role"] == "main"
    assert c["Xander Harris"].attrs["role"] == "main"
    assert c["Joyce Summers"].attrs["role"] == "mentioned"
    assert c["Joyce Summers"].confidence < c["Buffy Summers"].confidence


def test_evidence_offsets_point_at_the_mention() -> None:
    w = tagged(ANGEL_TEXT, "Angel: the Series")
    for tag in w.tags_of("character"):
        for ev in tag.evidence:
            assert ev.chapter == 1 and ev.start is not None and ev.end is not None
            assert ANGEL_TEXT[ev.start : ev.end] in ev.quote
            assert 0.0 <= tag.confidence <= 1.0


def test_stated_character_is_never_overwritten() -> None:
    w = Work(chapters=[Chapter(1, text=ANGEL_TEXT)])
    w.add_tag(Tag("fandom", "Angel: the Series"))
    stated = Tag("character", "Angel", evidence=[Evidence(field="Characters")])
    w.add_tag(stated)
    character_tagger(w)
    assert w.find_tag("character", "Angel") is stated


def test_characters_of_other_fandoms_are_not_tagged() -> None:
    text = "Buffy met Willow. Harry waved at Willow. Buffy said Harry was odd."
    w = tagged(text, "Buffy the Vampire Slayer (TV)")
    assert "Harry Potter" not in chars(w)


def test_related_fandom_character_needs_a_second_mention() -> None:
    once = "Buffy called Willow. Willow said Gunn had phoned. Buffy shrugged."
    assert "Charles Gunn" not in chars(tagged(once, "BtVS"))
    twice = once + " Gunn phoned again and Buffy answered Gunn."
    assert "Charles Gunn" in chars(tagged(twice, "BtVS"))


def test_a_lead_named_twice_in_a_long_text_is_less_sure_than_one_the_text_is_about() -> None:
    # Both are the most-mentioned character of their text (share 1): the share cannot
    # tell them apart, the mentions per thousand words can.
    filler = " ".join(["The rain fell on the quiet town and the streets stayed empty."] * 120)
    about = tagged(
        "Buffy walked the cemetery. Buffy checked the graves and Buffy sighed. Buffy "
        "waited by the crypt, and Buffy listened. " + filler,
        "Buffy the Vampire Slayer",
    )
    passing = tagged(
        "Buffy walked past once. " + filler + " Buffy left.", "Buffy the Vampire Slayer"
    )
    lead, named_twice = chars(about)["Buffy Summers"], chars(passing)["Buffy Summers"]
    assert lead.attrs["share"] == named_twice.attrs["share"] == 1.0
    assert named_twice.attrs["density"] < lead.attrs["density"]
    assert named_twice.confidence < lead.confidence


def test_one_person_two_packs_name_apart_by_an_initial_is_one_character() -> None:
    # The book's pack says "G. Lestrade" (its "Inspector Lestrade"), the series' "Greg
    # Lestrade": a work of both fandoms counts one person, under the name more used.
    text = (
        "Greg Lestrade rang at nine. Sherlock said Greg Lestrade could wait. Greg Lestrade "
        "did not wait, and Inspector Lestrade came up the stairs. John laughed."
    )
    w = tagged(text, "Sherlock (TV)")
    w.add_tag(Tag("fandom", "Sherlock Holmes - Arthur Conan Doyle", evidence=[]))
    character_tagger(w)
    c = chars(w)
    assert "G. Lestrade" not in c
    assert c["Greg Lestrade"].attrs["mentions"] == 4


def test_people_of_one_family_name_are_not_merged() -> None:
    # Same shape, no initial: two people who share a family name stay two.
    text = (
        "Mycroft Holmes rang at nine. Sherlock Holmes said Mycroft could wait. Mycroft did "
        "not wait, and Sherlock sighed. John laughed."
    )
    c = chars(tagged(text, "Sherlock (TV)"))
    assert {"Mycroft Holmes", "Sherlock Holmes"} <= set(c)


def test_an_initial_that_fits_two_names_merges_neither() -> None:
    from fandex.tag.characters import Mentions, merge_initials

    found = [Mentions("John Watson"), Mentions("James Watson"), Mentions("J. Watson")]
    assert [m.name for m in merge_initials(found)] == ["John Watson", "James Watson", "J. Watson"]
