"""LiveJournal and Dreamwidth entry pages: the fic header inside the entry is read,
the poster is the author when the header names none, chrome and comments stay out."""

from __future__ import annotations

import pytest
from pages import first_words, last_words, page_bytes, tags, verdict, work_of

from fandex.clean import clean
from fandex.parse import build_work
from fandex.read import choose_reader, read_bytes
from fandex.read.journal import clean_subject
from fandex.vocab import names


@pytest.fixture(autouse=True)
def _names_as_stated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(names, "resolve_character", lambda n, fandoms=None: " ".join(n.split()))
    monkeypatch.setattr(names, "resolve_ship", lambda n, fandoms=None: None)


@pytest.mark.parametrize("name", ["dw_entry_light.html", "lj_entry.html"])
def test_journal_reader_reads_entry_pages(name: str) -> None:
    assert choose_reader(page_bytes(name), name).name == "journal"


def test_header_inside_the_entry_is_read() -> None:
    w = work_of("dw_entry_light.html")
    assert tags(w, "fandom") == ["Harbour Tales"]
    assert tags(w, "relationship") == ["Corran/Ila"]
    assert tags(w, "rating") == ["Teen And Up Audiences"]
    assert tags(w, "warning") == ["No Archive Warnings Apply"]
    assert w.summary == "The night the harbour froze."
    assert w.notes_begin == "For my flist, who asked."


def test_poster_is_the_author_and_subject_the_title_when_the_header_names_none() -> None:
    w = work_of("dw_entry_light.html")
    assert w.authors == ["saltmarsh"]
    assert w.title == "Low Water Mark"  # "[FIC] Low Water Mark"
    assert w.published == "2009-03-14"


def test_entry_text_leaves_out_mood_tags_links_and_comments() -> None:
    w = work_of("dw_entry_light.html")
    assert first_words(w) == "ila found the boat frozen in place at"
    assert last_words(w) == "dusk she was far out past the breakwater"
    for chrome in ("sleepy", "Entry tags", "Post a new comment", "loved the bit", "Log in"):
        assert chrome not in w.text


def test_header_author_and_title_win_over_poster_and_subject() -> None:
    w = work_of("lj_entry.html")
    assert (w.title, w.authors) == ("The Lighthouse Ledger", ["Kestrel Wing"])
    assert tags(w, "fandom") == ["Salt and Stone"]
    assert tags(w, "rating") == ["Mature"]
    assert w.published == "2008-10-03"
    assert first_words(w) == "the ledger had been kept by three keepers"
    assert last_words(w) == "not mind as much as he had thought"
    assert "made me cry" not in w.text


def test_adult_content_gate_page_is_not_a_story() -> None:
    assert verdict("dw_gate.html") == "no story text, looks like an adult-content gate page"


def test_post_announcing_a_fic_elsewhere_is_not_a_story() -> None:
    assert verdict("dw_announcement.html") == "no story text, looks like a post announcing a story"


def test_subject_tags_are_not_the_title() -> None:
    assert clean_subject("[TEST][FIC] Importing Test") == "Importing Test"
    assert clean_subject("FIC: Salt") == "Salt"
    # A tag only leads the subject; a trailing part count is the post's, as a header's
    # "Title: Salt (1/2)" is (apply.clean_title).
    assert clean_subject("Salt [draft]") == "Salt [draft]"
    assert clean_subject("Salt [1/2]") == "Salt"


def test_entry_found_when_the_page_head_is_longer_than_the_sniff_reads() -> None:
    page = page_bytes("dw_entry_light.html").replace(
        b"</head>", b"<style>" + b"/* long skin */ " * 6000 + b"</style></head>"
    )
    assert choose_reader(page, "entry.html").name == "html"
    w = build_work(clean(read_bytes(page, "entry.html")))
    assert w.title == "Low Water Mark"
    assert first_words(w) == "ila found the boat frozen in place at"


def test_old_light_layout_without_an_entry_class_is_read_from_its_text_box() -> None:
    # LiveJournal's old ?format=light page: poster line, navigation, then a bare <div>.
    w = work_of("lj_light_unmarked.html")
    assert (w.title, w.authors) == ("Salt Roads", ["tidewatcher"])
    assert tags(w, "fandom") == ["Harbour Tales"]
    assert tags(w, "rating") == ["General Audiences"]
    assert w.summary == "Two roads, one cart, no map."
    assert first_words(w) == "the cart had lost a wheel before they"
    assert last_words(w) == "the sea with the sun low behind them"
    for chrome in ("wrote", "hopeful", "Current music", "Post a new comment", "Site Map"):
        assert chrome not in w.text


def test_currents_written_into_the_entry_are_header_not_story() -> None:
    w = work_of("lj_light_unmarked.html")
    assert w.header["Current mood"] == "hopeful"
    assert w.header["Current music"] == "gulls"


def test_a_page_of_several_entries_is_a_list_not_a_story() -> None:
    reason = "no story text, looks like a journal's list of entries"
    assert verdict("dw_recent_entries.html") == reason


def _dw_entry(header_fandom: bool, tag: str) -> list[str]:
    page = page_bytes("dw_entry_light.html").decode()
    page = page.replace('harbour+tales">harbour tales</a>', f'x">{tag}</a>')
    if not header_fandom:
        page = page.replace("<b>Fandom:</b> Harbour Tales<br />", "")
    return tags(build_work(clean(read_bytes(page.encode(), "entry.html"))), "fandom")


def test_an_entry_tag_naming_a_known_fandom_is_the_fandom_when_the_header_names_none() -> None:
    fandoms = _dw_entry(header_fandom=False, tag="sherlock")
    assert len(fandoms) == 1 and fandoms[0].startswith("Sherlock")


def test_the_headers_fandom_wins_over_an_entry_tag() -> None:
    assert _dw_entry(header_fandom=True, tag="sherlock") == ["Harbour Tales"]
    assert _dw_entry(header_fandom=False, tag="drabble") == []


# S2 layouts that name the entry's body their own way (entryText, entry-item,
# entrycontent), with the tags and mood block inside or beside it.
_S2 = {
    "lj_s2_smooth_sailing.html": ("The Tally Stick", "harbourlights", "2008-03-03"),
    "lj_s2_tranquility.html": ("Ebb Notes", "tidewrack", "2007-04-09"),
    "ij_s2_boxer.html": ("A Rope Spliced", "saltnote", "2010-10-20"),
}


@pytest.mark.parametrize("name", sorted(_S2))
def test_s2_layouts_entry_poster_subject_and_date(name: str) -> None:
    assert choose_reader(page_bytes(name), name).name == "journal"
    w = work_of(name)
    assert (w.title, *w.authors, w.published) == _S2[name]


@pytest.mark.parametrize("name", sorted(_S2))
def test_s2_layouts_leave_mood_tags_and_comments_out_of_the_text(name: str) -> None:
    w = work_of(name)
    for chrome in ("Mood", "Music", "Location", "Tags:", "comment", "Reply", "gullwing"):
        assert chrome not in w.text
    assert "Title:" not in w.text and "TITLE:" not in w.text


def test_s2_layout_header_is_read() -> None:
    w = work_of("lj_s2_smooth_sailing.html")
    assert tags(w, "fandom") == ["Harbour Tales"]
    assert tags(w, "relationship") == ["Corran/Ila"]
    assert tags(w, "rating") == ["General Audiences"]
    assert w.summary == "A count kept in notches, and what it counts."
    assert first_words(w) == "corran kept a tally stick by the door"
    assert last_words(w) == "found there were more long ones than short"
    t = work_of("lj_s2_tranquility.html")
    assert tags(t, "character") == ["Ila", "Old Tam"]
    assert t.notes_begin == "Written for a prompt about tides."


def test_s2_layout_tag_links_are_the_entry_tags() -> None:
    doc = clean(read_bytes(page_bytes("lj_s2_smooth_sailing.html"), "x.html"))
    assert doc.metadata["fields"]["Entry tags"] == "fic, harbour tales"


def test_upper_case_header_labels_in_an_insanejournal_entry() -> None:
    w = work_of("ij_s2_boxer.html")
    assert tags(w, "relationship") == ["Corran/Ila"]
    assert tags(w, "rating") == ["Teen And Up Audiences"]
    assert w.summary == "Corran learns to splice."
    assert first_words(w) == "the rope had parted at the worst place"


def test_old_style_current_mood_lines_under_the_entry_are_not_story() -> None:
    """LiveJournal's S1 Generator prints "Current mood:" and "Current music:" in the
    entry's own cell, after the text."""
    w = work_of("lj_s1_generator_mood.html")
    assert last_words(w, 6) == "and did not say which birds"
    assert "Current mood" not in w.text and "gulls" not in w.text


def test_a_story_line_that_mentions_a_mood_is_kept() -> None:
    from fandex.read.document import Block
    from fandex.read.journal import currents_block

    assert currents_block(Block("paragraph", "Current Mood: tired\nCurrent Music: gulls"))
    assert not currents_block(Block("paragraph", "Her mood: tired, as always."), strict=True)
    assert not currents_block(Block("paragraph", "Current mood: tired\nShe went to bed."))


def test_dreamwidth_metadata_printed_inside_the_entry_is_not_story() -> None:
    """Dreamwidth's "metadata position: top" puts the mood and music list inside
    div.entry-content, above the fic's header."""
    w = work_of("dw_metadata_top.html")
    assert tags(w, "fandom") == ["Harbour Tales"]
    assert w.summary == "The night the harbour froze."
    assert first_words(w) == "ila found the boat frozen in place at"
    assert "sleepy" not in w.text and "Mood" not in w.text


def _deardiary(header: bool = True) -> str:
    page = page_bytes("lj_s2_deardiary.html").decode()
    if not header:
        page = page.replace(
            "Title: The Tally Stick<br />Fandom: Harbour Tales<br />Pairing: Ila/Corran<br />"
            "Rating: PG<br /><br />",
            "",
        )
    return page


@pytest.mark.parametrize("header", [True, False])
def test_dear_diary_layout_as_its_s2_source_prints_it(header: bool) -> None:
    # LiveJournal's Dear Diary layer (bin/upgrading/s2layers/deardiary/layout.s2 in the
    # LiveJournal server source): div.entry > div.entryheader (h3.entrysubject,
    # div.entryposter, span.entrytimestampdate), div.entrycontent, div.entryfooter
    # (ul.entrymeta of mood and music); each comment is a div.entry of the same shape.
    page = _deardiary(header)
    w = build_work(clean(read_bytes(page.encode(), "entry.html")))
    assert (w.title, w.authors, w.published) == ("The Tally Stick", ["harbourlights"], "2009-05-20")
    assert w.chapters[0].text.startswith("Ila asked him once")
    assert w.chapters[-1].text.endswith("There were more long ones than short.")
    for chrome in ("made me sad", "Current Mood", "sea shanties", "Post a new comment", "Memories"):
        assert chrome not in w.text


def test_a_prompt_meme_thread_reads_the_fill_in_the_comments() -> None:
    # A prompt meme's thread page: the entry is the meme's rules, the story is an
    # anonymous fill posted as replies ("FILL: The Lamp Room 1/2", "The Lamp Room 2/2"),
    # with a reader's comment between the parts. Before, the rules were the "story",
    # titled with the entry's subject and credited to the community.
    w = work_of("dw_prompt_meme_fill.html")
    assert w.title == "The Lamp Room"
    assert w.authors == []  # an anonymous fill names no author, not the community
    assert [c.title for c in w.chapters] == ["Part 1", "Part 2"]
    assert first_words(w, 6) == "the lamp room smelled of oil"
    assert last_words(w, 3) == "mentioned the spot"
    for other in ("Post prompts", "Cleaning the lamp together", "More please"):
        assert other not in w.text


def test_a_story_entry_keeps_its_text_whatever_its_comments_say() -> None:
    # A fic posted in the entry itself: its comments are not the story.
    w = work_of("dw_siteskin_comments.html")
    assert first_words(w, 4) == "old tam wrote down"


@pytest.mark.parametrize(
    "subject",
    [
        "Harbour Tales fic: Low Water Mark",
        "Fic: Harbour Tales - Low Water Mark",
        "Low Water Mark | Harbour Tales | Ila/Corran | PG-13",
        "Low Water Mark; Ila/Corran; PG-13",
        "Low Water Mark (2/3)",
    ],
)
def test_a_subject_without_a_title_line_loses_what_the_header_restates(subject: str) -> None:
    # The entry's header has no "Title:" line, so the subject titles it; its fandom
    # lead-in, its unbracketed "| Fandom | Pairing | Rating" or "; Pairing; R" tail and
    # its part count are the poster's filing, not the title (before: kept in the title).
    page = page_bytes("dw_entry_light.html").replace(b"[FIC] Low Water Mark", subject.encode())
    doc = clean(read_bytes(page, "entry.html"))
    assert build_work(doc).title == "Low Water Mark"


def test_a_subject_whose_dash_is_its_own_keeps_it() -> None:
    page = page_bytes("dw_entry_light.html").replace(
        b"[FIC] Low Water Mark", b"Low Water - a study in ice"
    )
    assert build_work(clean(read_bytes(page, "entry.html"))).title == "Low Water - a study in ice"


def test_a_series_parts_link_lines_are_not_its_chapter_title_or_text() -> None:
    # A community post of part two: "Part One | Part Two | Part Three" over the header
    # (before: read as the chapter's title) and "<< Part One | Part Three >>" under it.
    w = work_of("dw_series_part.html")
    assert (w.title, w.authors) == ("Lantern Hours", ["quillwren"])
    assert [c.title for c in w.chapters] == [None]
    assert first_words(w, 4) == "the second night was"
    assert last_words(w, 4) == "and she knew it"


def test_a_masterpost_linking_a_storys_parts_is_not_a_story() -> None:
    # The header and "Part One | Part Two | Part Three" links, "Also on AO3.": the story
    # lives in the parts (before: stored as a work of three words).
    assert verdict("dw_masterpost.html") == "no story text, looks like a post announcing a story"


def test_a_recs_post_is_a_list_of_stories() -> None:
    # "Salt Roads by marram (Harbour Tales, Ila/Corran, PG). ..." three times over.
    assert verdict("dw_recs_post.html") == "no story text, looks like a list of stories"
