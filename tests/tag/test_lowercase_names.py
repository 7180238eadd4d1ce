"""Pack names in all-lower-case chapters: detection, common-word gate, offsets, no harm."""

from __future__ import annotations

from fandex.model import Chapter, Tag, Work
from fandex.tag.aliases import alias_index, build_index, scan_text
from fandex.tag.lowercase import is_lowercased, scan_lower
from fandex.tag.mentions import scan_work
from fandex.tag.pipeline import TaggerPipeline
from fandex.vocab.packs import Character, Pack

BUFFY = (
    "Buffy looked at Spike and sighed. The cemetery was quiet tonight.\n\n"
    '"We should check the crypt," she said. Spike shrugged and lit a cigarette.\n\n'
    "Back in the library, Giles cleaned his glasses while Willow typed. Xander ate a "
    "doughnut and asked about the Hellmouth. Willow said the signs pointed to Sunnydale "
    "High. Giles nodded.\n\n"
    "Later Buffy and Spike walked home. Spike kissed Buffy at the door, and Buffy kissed "
    "him back. Spike held Buffy in his arms. Buffy kissed Spike again before she went in."
)
BUFFY_LOWER = BUFFY.lower()
FAITH_DAWN = "i will have faith that dawn comes. we waited for the dawn and kept the faith."


def tagged(text: str, fandom: str | None = None) -> Work:
    work = Work(chapters=[Chapter(1, text=text)])
    if fandom:
        work.add_tag(Tag("fandom", fandom, "stated", 1.0))
    return TaggerPipeline(["fandom", "characters", "relationships"])(work)


def names(work: Work, type_: str) -> set[str]:
    return {t.name for t in work.tags_of(type_)}


def found(text: str) -> list[str]:
    hits, _ = scan_lower(text, 1, alias_index())
    return [text[h.start : h.end] for h in hits]


def test_lowercase_buffy_scene_gets_fandom_characters_and_pairing() -> None:
    work = tagged(BUFFY_LOWER)
    assert names(work, "fandom") == {"Buffy the Vampire Slayer (TV)"}
    assert names(work, "character") == {
        "Buffy Summers",
        "Spike",
        "Rupert Giles",
        "Willow Rosenberg",
        "Xander Harris",
    }
    assert names(work, "relationship") == {"Buffy Summers/Spike"}


def test_lowercase_scene_gets_the_tags_of_the_same_scene_capitalised() -> None:
    written, lowered = tagged(BUFFY), tagged(BUFFY_LOWER)
    for type_ in ("fandom", "character", "relationship"):
        assert names(lowered, type_) == names(written, type_)


def test_evidence_offsets_point_at_the_lowercase_names() -> None:
    work = tagged(BUFFY_LOWER)
    text = work.chapters[0].text
    form = {
        "Buffy Summers": "buffy",
        "Spike": "spike",
        "Rupert Giles": "giles",
        "Willow Rosenberg": "willow",
        "Xander Harris": "xander",
    }
    for tag in work.tags_of("character"):
        assert tag.evidence
        for ev in tag.evidence:
            assert ev.start is not None and ev.end is not None
            assert text[ev.start : ev.end] == form[tag.name]
            assert form[tag.name] in ev.quote


def test_common_word_names_are_not_found_in_ordinary_words() -> None:
    assert found(FAITH_DAWN) == []
    work = tagged(BUFFY_LOWER + "\n\n" + FAITH_DAWN + " " + FAITH_DAWN)
    assert "Faith Lehane" not in names(work, "character")
    assert "Dawn Summers" not in names(work, "character")


def test_common_word_name_counts_when_a_person_verb_follows() -> None:
    # The positive control of the test above: the same words, used as names.
    assert found("dawn sighed and faith laughed.") == ["dawn", "faith"]
    assert found('"not now," dawn muttered. "later," said faith.') == ["dawn", "faith"]
    work = tagged(
        BUFFY_LOWER + "\n\ndawn sighed at the door. dawn smiled when buffy came home.",
        fandom="Buffy the Vampire Slayer (TV)",
    )
    assert "Dawn Summers" in names(work, "character")


def test_names_after_an_article_or_a_number_are_words() -> None:
    assert found("he drove the spike into the wood. two summers passed.") == []
    assert found("spike left. it had been two summers.") == ["spike"]


def test_places_and_terms_keep_their_article() -> None:
    assert found("they stood over the hellmouth in sunnydale.") == ["hellmouth", "sunnydale"]


def test_common_word_alias_with_lead_word_needs_its_capitals() -> None:
    assert found("the master said nothing. the mayor waited.") == []
    assert found("then The Master said nothing.") == ["The Master"]


def test_offsets_stay_aligned_when_lowercasing_changes_length() -> None:
    text = "İİ xander waved. giles nodded."  # "İ" lower-cases to two characters
    hits, _ = scan_lower(text, 1, alias_index())
    assert [text[h.start : h.end] for h in hits] == ["xander", "giles"]


def test_contraction_is_not_a_name() -> None:
    pack = Pack("Test Fandom", characters=(Character("Don Draper", ("Don",), "M"),))
    index = build_index([pack])
    hits, _ = scan_lower("i don't know. don sighed.", 1, index)
    assert [(h.start, h.end) for h in hits] == [(14, 17)]


def test_detection_tells_lowercase_from_normal_text() -> None:
    normal = "Buffy sighed. Spike left the crypt. Giles read. Willow typed fast. Xander ate."
    assert not is_lowercased(normal)
    assert is_lowercased(normal.lower())
    # A lower-case writer who keeps "I" capitalised is still lower-case.
    keeps_i = "I sighed. spike left. giles read. willow typed. xander ate. dawn slept. oz left."
    assert is_lowercased(keeps_i)
    assert not is_lowercased("spike left.")  # too little to tell
    assert not is_lowercased("バフィーは溜息をついた。\nスパイクは去った。\nジャイルズは読んだ。")


def test_normal_text_is_scanned_as_before() -> None:
    text = (
        "Buffy looked at Spike and sighed. He drove a spike into the fence. "
        "Dawn came slowly over Sunnydale, and Willow said it was time."
    )
    work = Work(chapters=[Chapter(1, text=text)])
    scan = scan_work(work, alias_index())
    hits, _ = scan_text(text, 1, alias_index())
    assert scan.lowercased == frozenset()
    assert [(h.start, h.end) for h in scan.hits] == [(h.start, h.end) for h in hits]
    assert "spike" not in [text[h.start : h.end] for h in scan.hits]


def test_lowercase_chapter_is_scanned_apart_from_a_normal_one() -> None:
    normal = "Willow typed. Xander ate a doughnut. Giles cleaned his glasses again."
    work = Work(chapters=[Chapter(1, text=normal), Chapter(2, text=BUFFY_LOWER)])
    scan = scan_work(work, alias_index())
    assert scan.lowercased == frozenset({2})
    assert {h.chapter for h in scan.hits} == {1, 2}


def test_alias_with_a_very_frequent_first_word_is_found_by_its_next_word() -> None:
    text = "will graham sighed. mr. giles nodded. i will go."
    assert found(text) == ["will graham", "mr. giles"]


def test_a_longer_alias_is_found_where_the_text_goes_on_with_it() -> None:
    # The scan tries an alias with a longer rest only where the text goes on with the
    # rest's first characters: each form is still found where it stands, and a plural.
    t = (
        "buffy summers sighed. then buffy left, and buffy anne summers came back. "
        "the hellmouths were quiet."
    )
    assert found(t) == ["buffy summers", "buffy", "buffy anne summers", "hellmouths"]
    # "buffy su..." that does not go on as "summers" is plain "buffy".
    assert found("then buffy sulked.") == ["buffy"]
