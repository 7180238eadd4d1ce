"""Other saves and skins of the sites the page readers know: the Wayback Machine's
replay wrapped round a page, FanFiction.net pages that hold no chapter, Dreamwidth's
site skin with comments, a LiveJournal community post and its adult-content notice,
eFiction's age-consent notice, an AO3 collection's list of works, a blog post marked
with microformats. Every page is invented; only the layouts are the sites'."""

from __future__ import annotations

import re

import pytest
from pages import first_words, last_words, page_bytes, tags, verdict, work_of

from fandex.clean import clean
from fandex.model import Work
from fandex.parse import build_work
from fandex.parse.nonstory import judge
from fandex.read import read_bytes
from fandex.read.htmltext import unwrap_archive
from fandex.vocab import names


@pytest.fixture(autouse=True)
def _names_as_stated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(names, "resolve_character", lambda n, fandoms=None: " ".join(n.split()))
    monkeypatch.setattr(names, "resolve_ship", lambda n, fandoms=None: None)


_STAMP = "/web/20120304051122/"
_WB_HEAD = (
    '<script src="//archive.org/includes/analytics.js"></script>\n'
    '<script>__wm.init("https://web.archive.org/web");</script>\n'
    '<link rel="stylesheet" href="/_static/css/banner-styles.css">\n'
    "<!-- End Wayback Rewrite JS Include -->\n"
)


def _toolbar(address: str, padding: int) -> str:
    """The replay's toolbar as a browser saves it once shown (no ``display: none``),
    with ``padding`` lines of its script pushing the page's own markup further on."""
    script = "\n".join(f"var wm{i} = {i};" for i in range(padding))
    return (
        "<!-- BEGIN WAYBACK TOOLBAR INSERT -->\n"
        '<div id="wm-ipp-base" lang="en"><div id="wm-ipp"><div id="wm-ipp-inside">'
        f'<form action="/web/submit"><input name="url" value="{address}"></form>'
        f'<a href="/web/2011*/{address}"><strong>38 captures</strong></a> 04 Mar 2012 - 19 Sep 2016'
        "<p>About this capture</p><p>COLLECTED BY Organization: Alexa Crawls. Starting in "
        "1996, Alexa Internet has been donating their crawl data to the Internet Archive. "
        "TIMESTAMPS</p></div></div></div>\n"
        f"<script>\n{script}\n</script>\n<!-- END WAYBACK TOOLBAR INSERT -->\n"
    )


def wayback(name: str, site: str, *, padding: int = 0) -> bytes:
    """A fixture page as the Wayback Machine replays it: its scripts in the head, its
    toolbar at the top of the body, every link rewritten into the archive."""
    page = page_bytes(name).decode("utf-8-sig")

    def rewrite(m: re.Match[str]) -> str:
        href = m.group(2)
        if href.startswith("/"):
            href = f"http://{site}{href}"
        elif not href.startswith("http"):
            href = f"http://{site}/{href}"
        return f'{m.group(1)}="{_STAMP}{href}"'

    page = re.sub(r'(href)="([^"#][^"]*)"', rewrite, page)
    page = re.sub(r"(<head[^>]*>)", lambda m: m.group(1) + _WB_HEAD, page, count=1, flags=re.I)
    page = re.sub(
        r"(<body[^>]*>)",
        lambda m: m.group(1) + _toolbar(f"http://{site}/", padding),
        page,
        count=1,
        flags=re.I,
    )
    return page.encode()


def work_from(data: bytes, name: str) -> tuple[Work, str | None]:
    doc = clean(read_bytes(data, name))
    work = build_work(doc)
    return work, judge(work, doc)


def test_unwrap_archive_restores_links_and_drops_the_toolbar() -> None:
    page = wayback("personal_site.html", "marram.example.org").decode()
    out = unwrap_archive(page)
    assert "About this capture" not in out and "/web/2012" not in out
    assert 'href="http://marram.example.org/"' in out or 'href="http://marram' in out
    assert unwrap_archive("a /web/ b") == "a /web/ b"  # no archive link: left alone


@pytest.mark.parametrize(
    ("name", "site"),
    [
        ("ffn_new_layout.html", "www.fanfiction.net"),
        ("efiction_chapter.html", "tidewater.example.org"),
        ("personal_site.html", "marram.example.org"),
        ("dw_entry_light.html", "saltmarsh.dreamwidth.org"),
    ],
)
def test_a_wayback_save_reads_as_the_page_itself(name: str, site: str) -> None:
    plain = work_of(name)
    # Padding past the first 64 KB the readers' sniffs look at: the page's own
    # marks then come only after the archive's toolbar.
    wrapped, why = work_from(wayback(name, site, padding=6000), name)
    assert why is None
    assert (wrapped.title, wrapped.authors) == (plain.title, plain.authors)
    assert sorted((t.type, t.name) for t in wrapped.tags) == sorted(
        (t.type, t.name) for t in plain.tags
    )
    assert [c.title for c in wrapped.chapters] == [c.title for c in plain.chapters]
    assert (first_words(wrapped), last_words(wrapped)) == (first_words(plain), last_words(plain))
    assert (wrapped.notes_begin, wrapped.summary) == (plain.notes_begin, plain.summary)
    for chrome in ("captures", "About this capture", "Alexa", "TIMESTAMPS"):
        assert chrome not in wrapped.text


@pytest.mark.parametrize("name", ["ffn_profile.html", "ffn_reviews.html"])
def test_fanfiction_net_pages_without_a_chapter_are_not_stories(name: str) -> None:
    assert verdict(name) == "no story text, looks like a FanFiction.net page with no chapter on it"


def test_dreamwidth_site_skin_entry_reads_header_and_leaves_comments_out() -> None:
    w = work_of("dw_siteskin_comments.html")
    assert (w.title, w.authors) == ("The Keeper's Almanac", ["tidepool"])
    assert tags(w, "fandom") == ["Harbour Tales"]
    assert tags(w, "rating") == ["General Audiences"]
    assert tags(w, "relationship") == ["Corran/Ila"]
    assert tags(w, "warning") == ["No Archive Warnings Apply"]
    assert w.summary == "Old Tam keeps an almanac of every tide, and one page is missing."
    assert w.published == "2011-06-12"
    assert first_words(w) == "old tam wrote down every tide in a"
    assert last_words(w) == "oil can back exactly where it had been"
    for chrome in ("five stars", "oil can made me smile", "Add to Memories", "Recent Entries"):
        assert chrome not in w.text


def test_livejournal_community_post_names_its_poster_not_the_community() -> None:
    w = work_of("lj_community.html")
    assert (w.title, w.authors) == ("Lamp Oil", ["marram"])
    assert tags(w, "rating") == ["General Audiences"]
    assert w.summary == "Tam teaches Ila to trim a wick."
    assert first_words(w) == "tam held the scissors the way some men"
    assert last_words(w) == "and the flame stood up tall and clean"
    assert "remember that forever" not in w.text


@pytest.mark.parametrize("name", ["lj_adult_gate.html", "dw_adult_gate.html"])
def test_adult_content_notices_are_not_stories(name: str) -> None:
    assert verdict(name) == "no story text, looks like an adult-content gate page"


@pytest.mark.parametrize("name", ["efiction_ageconsent.html", "efiction_missing.html"])
def test_an_archives_notice_box_is_not_a_story(name: str) -> None:
    # eFiction's "errortext" box in place of the story (its age check, a story that
    # is not there), whatever the notice says; the footer's disclaimer prose is chrome.
    why = verdict(name)
    assert why is not None and "notice" in why


def test_a_collections_list_of_works_is_not_a_story() -> None:
    assert verdict("ao3_collection_list.html") is not None


def test_blog_post_microformats_give_the_byline_and_date() -> None:
    w = work_of("wordpress_fic.html")
    assert (w.title, w.authors) == ("Ropewalk", ["marram"])
    assert w.published == "2013-02-10"
    assert tags(w, "fandom") == ["Harbour Tales"]
    assert tags(w, "relationship") == ["Corran & Old Tam"]
    assert first_words(w) == "the ropewalk was the longest building in the"
    assert last_words(w) == "was a rope where there had been none"
    for chrome in ("Lovely image", "Leave a Reply", "Proudly powered", "This entry was posted"):
        assert chrome not in w.text


def test_fictionpress_files_original_work_under_a_genre_not_a_fandom() -> None:
    w = work_of("fictionpress_chapter.html")
    assert tags(w, "fandom") == ["Original Work"]  # "Fiction > Romance" is no fandom
    assert "Romance" in tags(w, "freeform")
    assert (w.title, w.authors) == ("Lanterns at Low Tide", ["Wren Calloway"])
    assert tags(work_of("ffn_new_layout.html"), "fandom") == ["Harbour Tales"]


def test_efiction_printable_with_bold_labels_on_dotted_lines() -> None:
    # A skin that sets several facts on one line ("Fandom: X &middot; Rating: PG-13").
    w = work_of("efiction_middot_printable.html")
    assert (w.title, w.authors) == ("Driftwood", ["Sedge"])
    assert tags(w, "fandom") == ["Harbour Tales"]
    assert tags(w, "rating") == ["Teen And Up Audiences"]
    assert tags(w, "relationship") == ["Corran/Ila"]
    assert w.summary == "Corran finds planks on the beach that carry the same carved mark."
    assert [c.title for c in w.chapters] == ["Flotsam", "Jetsam"]
    assert w.notes_begin == "For the winter exchange."
    assert last_words(w) == "and they looked like the start of something"
    assert "archived at" not in w.text and "No profit" not in w.text


def test_an_entry_whose_fic_is_behind_a_collapsed_cut_holds_no_story() -> None:
    assert verdict("lj_cut_collapsed.html") is not None


@pytest.mark.parametrize("name", ["personal_table_header.html", "personal_dl_header.html"])
def test_personal_site_headers_in_tables_and_definition_lists(name: str) -> None:
    w = work_of(name)
    assert verdict(name) is None
    assert tags(w, "fandom") == ["Harbour Tales"]
    assert len(tags(w, "rating")) == 1
    assert w.summary and w.summary.startswith(("Every winter", "Tam teaches"))
    assert w.title in ("Net Mending", "Lighthouse Hours")
    assert not any(chrome in w.text for chrome in ("All fic", "back to fic", "do not repost"))
    assert "Fandom:" not in w.text and "Summary" not in w.text


def test_a_site_banner_with_its_menu_is_not_the_story_title() -> None:
    # <header><h1>site name</h1><nav>...</nav></header> above the story's own heading.
    w = work_of("personal_dl_header.html")
    assert w.title == "Lighthouse Hours"
    assert first_words(w) == "midnight is the lamp s tam said two"


def test_livejournal_2017_style_entry_gives_poster_and_date() -> None:
    w = work_of("lj_aentry_2019.html")
    assert (w.title, w.authors, w.published) == ("Low Lamps", ["tidepool"], "2006-06-12")
    assert tags(w, "fandom") == ["Harbour Tales"]
    assert last_words(w) == "the birds and did not say which birds"
    assert "worried for the birds" not in w.text and "Share" not in w.text


def test_livejournal_s1_style_entry_in_tables_reads_its_header() -> None:
    w = work_of("lj_s1_generator.html")
    assert w.title == "Low Lamps"
    assert tags(w, "fandom") == ["Harbour Tales"]
    assert w.summary == "The lamps are turned low for a reason nobody will say."
    assert first_words(w) == "ila noticed the lamps first because she was"
    assert "worried for the birds" not in w.text and "Recent Entries" not in w.text


def test_ao3_collection_work_page_with_an_anonymous_gift() -> None:
    w = work_of("ao3_yuletide_work.html")
    assert (w.title, w.authors) == ("Fog Signal", ["Anonymous"])
    assert tags(w, "relationship") == ["Corran & Old Tam"]
    assert tags(w, "warning") == ["No Archive Warnings Apply"]
    assert w.notes_begin == "I hope this fits your prompt about the fog horn!"
    assert "left kudos" not in w.text


@pytest.mark.parametrize("name", ["server_not_found.html", "server_404.html"])
def test_a_web_servers_error_page_is_not_a_story(name: str) -> None:
    assert verdict(name) == "no story text, looks like a web server's error page"


_DRABBLE = [
    "Ila was forbidden the lamp room, so of course she went up at night.",
    "The stairs were cold under her bare feet and the door was never locked.",
    "Old Tam was there already, sitting on the floor with the oil can in his lap.",
    "He did not send her down. He moved over, and she sat beside him.",
    "Together they watched the beam go round and round over the black water,",
    "touching the rocks, the wreck, the far pier, and the boat that was not there.",
    "Neither of them said a word about it in the morning.",
]


def test_a_drabble_titled_like_a_status_is_still_a_story() -> None:
    # A hundred words under the title "Forbidden" is a drabble, not a server's page.
    body = "".join(f"<p>{line}</p>" for line in _DRABBLE)
    page = (
        f"<html><head><title>Forbidden</title></head><body><h1>Forbidden</h1>{body}</body></html>"
    )
    work, why = work_from(page.encode(), "forbidden.html")
    assert why is None and "the oil can in his lap" in work.text


def test_header_labels_canon_content_notes_and_prompt() -> None:
    w = work_of("dw_canon_header.html")
    assert tags(w, "fandom") == ["Harbour Tales"]  # "Canon:"
    assert tags(w, "rating") == ["Teen And Up Audiences"]
    assert w.notes_begin == '"the tide always goes back out"'  # "Prompt:"
    assert "a drowning" not in w.text and "Content notes" not in w.text


def test_a_subjects_tail_that_repeats_the_header_is_not_the_title() -> None:
    # "Ebb (Harbour Tales)": the poster's summary of the header, not part of the title.
    assert work_of("dw_canon_header.html").title == "Ebb"
    page = page_bytes("dw_canon_header.html").replace(b"(Harbour Tales)", b"(Again)")
    work, _ = work_from(page, "again.html")
    assert work.title == "Ebb (Again)"  # a tail the header does not state stays


def test_bootstrap_pagers_and_button_groups_are_chrome() -> None:
    # An author's own archive (a fanficauthors-style site): the chapter sits between
    # "Previous / Index / Next" pagers and font-size buttons.
    w = work_of("author_site_chapter.html")
    assert w.title == "Tidewrack"
    assert [c.title for c in w.chapters] == ["Chapter 2: The Second Basket"]
    assert first_words(w) == "the second storm was worse than the first"
    assert last_words(w) == "the name because it was old tam s"
    assert not w.notes_begin
    assert "Previous chapter" not in w.text and "A+" not in w.text


def test_a_locked_entry_asking_to_log_in_is_not_a_story() -> None:
    assert verdict("dw_locked_entry.html") == "no story text, looks like a page asking to log in"


def test_a_drabble_beside_a_sidebar_log_in_box_is_still_a_story() -> None:
    login = '<div class="block"><form><input name="user"><input type="password"></form></div>'
    body = "".join(f"<p>{line}</p>" for line in _DRABBLE)
    page = f"<html><head><title>Lamp Room</title></head><body>{login}{body}</body></html>"
    work, why = work_from(page.encode(), "lamp.html")
    assert why is None and "beam go round" in work.text


def _page_work(html: str, name: str = "story.html") -> Work:
    return build_work(clean(read_bytes(html.encode(), name)))


def test_a_chapter_dropdown_menu_is_chrome_not_story() -> None:
    # Adult-FanFiction.org (and many site skins) list the chapters in a CSS dropdown
    # (div.dropdown-content under a button.dropbtn) above the text: the links ran into
    # the story's first line ("1-Dusk2-Dark").
    page = (
        "<html><head><title>Story: Lantern Keeper</title></head><body><table><tr><td>"
        "<h2><a href='story.php?no=600123'>Lantern Keeper</a></h2>"
        "<div>by <a href='profile.php?no=4455'>saltmarsh</a></div>"
        "<div class='dropdown'><button class='dropbtn'>Chapters</button>"
        "<div class='dropdown-content'><a href='story.php?no=600123&amp;chapter=1'>1-Dusk</a>"
        "<a href='story.php?no=600123&amp;chapter=2'>2-Dark</a></div></div></td></tr>"
        "<tr><td><p>The keeper climbed the stair at dusk with a can of oil.</p>"
        "<p>Below him the harbour filled with the small boats coming home.</p></td></tr>"
        "</table></body></html>"
    )
    work = _page_work(page)
    assert (work.title, work.authors) == ("Lantern Keeper", ["saltmarsh"])
    assert work.text.startswith("The keeper climbed")
    assert "Dusk2" not in work.text and "Chapters" not in work.text


_TEXT = (
    "<p>The keeper climbed the stair at dusk with a can of oil and a rag.</p>"
    "<p>Below him the harbour filled with the small boats coming home.</p>"
)


def test_a_page_named_title_by_author_gives_both() -> None:
    # A personal site's page whose text states nothing: its <title> "Title by Author".
    work = _page_work(
        f"<html><head><title>Lantern Keeper by saltmarsh</title></head><body>{_TEXT}</body></html>"
    )
    assert (work.title, work.authors) == ("Lantern Keeper", ["saltmarsh"])
    # "Stand by Me" names no one: the title stays whole.
    work = _page_work(f"<html><head><title>Stand by Me</title></head><body>{_TEXT}</body></html>")
    assert (work.title, work.authors) == ("Stand by Me", [])


def test_a_name_heading_under_the_title_heading_is_the_author() -> None:
    work = _page_work(
        "<html><body><h2>Lantern Keeper</h2><h3>saltmarsh</h3>"
        f"<p><i>Rating: PG. Pairing: Corran/Ila.</i></p>{_TEXT}</body></html>"
    )
    assert (work.title, work.authors) == ("Lantern Keeper", ["saltmarsh"])
    assert [c.title for c in work.chapters] == [None]
    assert tags(work, "rating") == ["General Audiences"]
    assert work.text.startswith("The keeper climbed")


def test_a_handle_line_under_a_markdown_title_is_the_author() -> None:
    text = (
        "Lantern Keeper\n==============\n\nsaltmarsh\n\n"
        "The keeper climbed the stair at dusk with a can of oil and a rag.\n\n"
        "Below him the harbour filled with the small boats coming home.\n"
    )
    work = _page_work(text, "keeper.md")
    assert (work.title, work.authors) == ("Lantern Keeper", ["saltmarsh"])
    assert work.text.startswith("The keeper climbed")


def test_a_bot_check_saved_in_place_of_the_page_is_not_a_story() -> None:
    # Cloudflare's "Just a moment..." check, which FanFiction.net shows to a browser it
    # doubts: saving it keeps the check, not the chapter.
    assert verdict("bot_check_page.html") == (
        "no story text, looks like a bot check shown in place of the page"
    )
    # Known by its challenge form and script too, whatever its title says.
    page = page_bytes("bot_check_page.html").replace(b"Just a moment...", b"fanfiction.net")
    doc = read_bytes(page, "s.html")
    assert judge(build_work(clean(doc)), doc) == (
        "no story text, looks like a bot check shown in place of the page"
    )


def test_a_story_page_loading_the_sites_bot_scripts_is_still_the_story() -> None:
    # Sites behind Cloudflare load its scripts on every page; the story is still there.
    script = b"<script src='/cdn-cgi/challenge-platform/scripts/jsd/main.js'></script>"
    page = page_bytes("personal_site.html").replace(b"</head>", script + b"</head>", 1)
    assert script in page
    doc = read_bytes(page, "p.html")
    assert judge(build_work(clean(doc)), doc) is None
