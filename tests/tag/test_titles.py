"""A person called by a title: "the Captain" stands for the one person the text names
"Captain ...", for the character tagger and for who a romance cue is about."""

from __future__ import annotations

from relationship_fixtures import rels, run, with_characters

from fandex.model import Chapter, Evidence, Tag, Work
from fandex.tag.characters import character_tagger, resolve_mentions
from fandex.tag.titles import the_mentions, title_mentions, titled_people
from fandex.vocab.packs import check_pack_data

VIRE = (
    "Captain Annick Vire walked onto the bridge. Tomas Reyes looked up from the helm. The "
    "Captain smiled. Later, in the dark, Tomas kissed the Captain, and the Captain kissed "
    "Tomas back. The Captain and Tomas made love. Tomas held the Captain's hand all night."
)


def _chapters(fandom: str, *texts: str) -> Work:
    """A work of ``fandom`` with one chapter per text (nothing tagged yet)."""
    w = Work(chapters=[Chapter(i, text=t) for i, t in enumerate(texts, 1)])
    w.add_tag(Tag("fandom", fandom, evidence=[Evidence(field="Fandom")]))
    return w


def _people(text: str, who: dict[str, str]) -> dict[str, str]:
    return titled_people({1: text}, lambda _ch, _s, word: who.get(word))


def test_one_titled_person_owns_the_title() -> None:
    got = _people("Dr. Okafor came in. Inspector Lestrade left.", {"Okafor": "Ada Okafor"})
    # Lestrade is nobody the work tags, but he is still the one inspector; only a
    # character is ever given a title's mentions.
    assert got == {"doctor": "Ada Okafor"}


def test_two_people_with_one_title_make_it_no_ones() -> None:
    who = {"Vire": "Annick Vire", "Ahn": "Mira Ahn"}
    assert _people("Captain Vire and Captain Ahn argued.", who) == {}
    # ... even when the second is no character of the work.
    assert _people("Captain Vire met Captain Holt.", {"Vire": "Annick Vire"}) == {}


def test_the_same_person_under_two_forms_of_a_title_is_one() -> None:
    who = {"Okafor": "Ada Okafor"}
    assert _people("Dr. Okafor sat. Doctor Okafor stood. Dr Okafor left.", who) == {
        "doctor": "Ada Okafor"
    }


def test_the_title_as_an_office_or_a_place_is_no_mention() -> None:
    t = (
        "The captain of the team shouted. We sat in the doctor's office. The Doctor "
        "Okafor file was open. The doctor's hand shook."
    )
    got = [t[a:b] for a, b, _k in title_mentions(t, frozenset({"captain", "doctor"}))]
    assert got == ["The doctor"]


def test_an_everyday_word_title_counts_only_capitalised() -> None:
    t = "The general idea was simple. The General nodded."
    assert [t[a:b] for a, b, _k in title_mentions(t, frozenset({"general"}))] == ["The General"]


def test_a_romance_with_the_captain_is_hers_with_names_no_pack_knows() -> None:
    w = with_characters(VIRE, "Annick Vire", "Tomas Reyes")
    assert "Annick Vire/Tomas Reyes" in rels(w)


def test_with_two_captains_the_romance_is_no_ones() -> None:
    text = VIRE.replace("walked onto the bridge.", "walked onto the bridge with Captain Holt.")
    w = with_characters(text, "Annick Vire", "Tomas Reyes")
    assert "Annick Vire/Tomas Reyes" not in rels(w)


def test_a_title_never_written_before_a_name_is_no_ones() -> None:
    text = VIRE.replace("Captain Annick Vire", "Annick Vire")
    w = with_characters(text, "Annick Vire", "Tomas Reyes")
    assert "Annick Vire/Tomas Reyes" not in rels(w)


def test_the_captain_of_the_team_is_no_one_where_nobody_is_a_captain() -> None:
    text = (
        "Mara Quell and Tobias Wren trained all morning. The captain of the team shouted at "
        "Tobias. Later the captain kissed Tobias and the captain held his hand."
    )
    w = with_characters(text, "Mara Quell", "Tobias Wren")
    assert rels(w) == {}


JANEWAY = (
    "Captain Janeway stood on the bridge. Chakotay watched her. The Captain turned. "
    "That night Chakotay kissed the Captain, and the Captain kissed Chakotay. He told "
    "the Captain he loved her."
)


def test_a_pack_character_called_by_her_title_is_counted_and_paired() -> None:
    w = run(JANEWAY, "Star Trek: Voyager")
    janeway = resolve_mentions(w)["Kathryn Janeway"]
    assert len(janeway.hits) == 5  # her name once, "the Captain" four times
    chars = {t.name: t for t in w.tags_of("character")}
    assert chars["Kathryn Janeway"].attrs["mentions"] == 5
    assert "Chakotay/Kathryn Janeway" in rels(w)


def test_a_pack_title_in_another_chapter_that_never_names_her_is_no_ones() -> None:
    w = _chapters(
        "Star Trek: Voyager",
        "Captain Janeway stood on the bridge. Chakotay watched her.",
        "The Captain of the port waved. The Captain sat. Chakotay ate.",
    )
    assert len(resolve_mentions(w)["Kathryn Janeway"].hits) == 1


def test_a_buffy_work_is_unchanged_by_titles() -> None:
    w = run("Buffy met Principal Snyder. The principal glared. Buffy kissed Spike.")
    assert "Buffy Summers" in {t.name for t in w.tags_of("character")}


def test_a_character_no_pack_knows_is_counted_under_her_title() -> None:
    text = (
        "Captain Annick Vire came up on deck at dawn. The Captain laughed at the wind. "
        "Jory Calloway watched from the rail. The Captain called the crew aft, and the "
        "Captain said nothing more. Jory said the sails were ready. Jory nodded. Later "
        "Jory went below, and the Captain walked the deck alone while Jory slept."
    )
    w = _chapters("Original Work", text)
    character_tagger(w)
    chars = {t.name: t for t in w.tags_of("character")}
    assert chars["Annick Vire"].attrs["mentions"] == 5  # her name once, "the Captain" 4


def test_a_frequent_word_after_a_title_is_no_second_person() -> None:
    got = _people("The Captain Takes a Prize. Captain Vire came.", {"Vire": "Annick Vire"})
    assert got == {"captain": "Annick Vire"}


GOOD_OMENS = (
    "Aziraphale was reading when Crowley came in. The demon dropped onto the sofa. The angel "
    "looked up and smiled, and the demon kissed the angel, and the angel kissed the demon "
    "back. Later the angel and the demon made love."
)


def test_a_pack_epithet_is_its_character_in_its_fandom() -> None:
    w = run(GOOD_OMENS, "Good Omens (TV)")
    mentions = resolve_mentions(w)
    assert len(mentions["Aziraphale (Good Omens)"].hits) == 5  # named once, "the angel" 4
    assert len(mentions["Crowley (Good Omens)"].hits) == 5
    assert "Aziraphale (Good Omens)/Crowley (Good Omens)" in rels(w)


def test_an_epithet_is_no_ones_in_a_chapter_that_does_not_name_them() -> None:
    w = _chapters(
        "Good Omens (TV)",
        "Aziraphale and Crowley had lunch at the Ritz.",
        "The angel sang. The demon laughed. The angel of the Lord wept.",
    )
    assert all(len(m.hits) == 1 for m in resolve_mentions(w).values())


def test_an_epithet_is_read_only_in_its_own_fandom() -> None:
    w = run("Buffy saw the angel and the demon. Buffy kissed Spike. Giles sighed.")
    assert not any(m.hits and "Good Omens" in m.name for m in resolve_mentions(w).values())


def test_a_pack_epithet_must_be_the_and_lower_case_words() -> None:
    data = {
        "fandom": "Test",
        "characters": [{"name": "Ana Ro", "epithets": ["The Pilot", "the pilot", "pilot"]}],
    }
    problems = check_pack_data(data)
    assert len([p for p in problems if "epithet" in p]) == 2


def test_a_text_the_alias_scan_read_is_searched_for_titles_as_any_other() -> None:
    # The alias scan's capitalised words let a text with no title word skip the title
    # search; one with a title (as "Dr." or after a line break) is still read in full.
    from fandex.tag.aliases import alias_index, cap_words_of, scan_text

    def own(ch: int, s: int, w: str) -> str:
        return w

    texts = [
        "Dr. Okafor waved at Tomas.",
        "Tomas waved.\nCapt Vire came in.",
        "Tomas walked in. The doctor smiled at nobody.",
        "Vice-Admiral Hale and Admiral-like airs.",
    ]
    found = []
    for text in texts:
        unread = (text + "x")[:-1]  # the same words in a string no scan has read
        scanned = (text + "y")[:-1]
        assert cap_words_of(scanned) is None
        scan_text(scanned, 1, alias_index())
        assert cap_words_of(scanned) is not None
        found.append(titled_people({1: scanned}, own))
        assert found[-1] == titled_people({1: unread}, own)
    assert found == [{"doctor": "Okafor"}, {"captain": "Vire"}, {}, {}]


def test_a_chapter_asked_again_gets_the_same_title_uses_per_titles() -> None:
    t = "".join(["The Captain smiled. ", "The doctor left. The captain of the guard stayed."])
    captain = title_mentions(t, frozenset({"captain"}))
    both = title_mentions(t, frozenset({"captain", "doctor"}))
    # Remembered per text and per set of titles: one set's answer is not another's.
    assert [t[a:b] for a, b, _k in captain] == ["The Captain"]
    assert [t[a:b] for a, b, _k in both] == ["The Captain", "The doctor"]
    assert title_mentions(t, frozenset({"captain"})) == captain
    assert title_mentions(t, frozenset({"doctor"})) == [both[1]]


def test_the_mentions_of_a_phrase_are_found_whatever_the_space_between_its_words() -> None:
    words = {"Dark Lord": "the dark lord", "dark lord": "the dark lord"}
    text = "They feared the dark\tlord. The Dark  Lord smiled."
    assert [text[s:e] for s, e, _k in the_mentions(text, words)] == [
        "the dark\tlord",
        "The Dark  Lord",
    ]
    assert the_mentions("They feared nobody.", words) == []
