"""Saved discussion threads and bare links hold no story; a story with its comments below
it, a script and a drabble naming a web address are still stories."""

from __future__ import annotations

from fandex.clean import clean
from fandex.parse import build_work
from fandex.parse.nonstory import judge
from fandex.read import read_bytes

THREAD = "no story text, looks like a discussion thread (a post and its comments)"
LINK = "no story text, only a link (the work is elsewhere)"

# A board's thread dumped as Markdown: the post, then each comment under its poster.
_COMMENTS = """### Comments:

- u/harbourmaster:
  ```
  Read the first three chapters last night. The lighthouse scenes are well done.
  ```

  - u/gullwing:
    ```
    Agreed, though the pacing slows in the middle.
    ```

- u/saltmarsh:
  ```
  Is there an update schedule?
  ```

  - u/harbourmaster:
    ```
    Weekly, the author said.
    ```
"""

_STORY = " ".join(
    [
        "The keeper climbed the stair at dusk and trimmed the wick with careful hands.",
        "Below, the tide came in over the flats, grey and patient, and the gulls went quiet.",
        "She counted the ships on the horizon twice, because once was never enough.",
    ]
    * 6
)


def _verdict(text: str, name: str) -> str | None:
    doc = clean(read_bytes(text.encode(), name))
    return judge(build_work(doc), doc)


def test_a_link_post_with_its_comment_tree_is_a_thread() -> None:
    page = (
        "## The Lantern Keeper\n\n### Post:\n\n[Link to content](https://example.net/s/1)\n\n"
        + _COMMENTS
    )
    assert _verdict(page, "lantern.md") == THREAD


def test_a_link_post_with_one_comment_is_a_thread() -> None:
    page = (
        "## The Lantern Keeper\n\n### Post:\n\n[Link to content](https://example.net/s/1)\n\n"
        "### Comments:\n\n- u/harbourmaster:\n  ```\n  Quiet and sad, a keeper alone with "
        "the storm for three chapters. Worth it.\n  ```\n"
    )
    assert _verdict(page, "one.md") == THREAD


def test_a_question_with_its_comment_tree_is_a_thread() -> None:
    page = (
        "## Any stories set in lighthouses?\n\n### Post:\n\n"
        "Looking for something quiet, with a keeper and a storm.\n\n" + _COMMENTS
    )
    assert _verdict(page, "question.md") == THREAD


def test_a_writers_announcement_with_its_comment_tree_is_a_thread() -> None:
    # However long, a writer's talk about their fic above the comments is no story.
    post = " ".join(
        [
            "I've started a new fic, a lighthouse story, and wanted to share it here.",
            "Updates will be posted every Sunday, ten chapters in total.",
            "Thanks to my beta for the feedback and proofreading, and thanks for reading!",
        ]
        * 5
    )
    page = f"## [WIP] The Lantern Keeper\n\n### Post:\n\n{post}\n\n{_COMMENTS}"
    assert _verdict(page, "announce.md") == THREAD


def test_a_story_posted_with_its_comments_below_is_a_story() -> None:
    page = f"## The Lantern Keeper\n\n### Post:\n\n{_STORY}\n\n{_COMMENTS}"
    assert _verdict(page, "story.md") is None


def test_a_script_with_speaker_lines_is_a_story() -> None:
    lines = ["MARA:", "We sail at dawn.", "TOMAS:", "Then we sail.", "MARA:", "Bring the lamp."]
    assert _verdict("Title: Dawn\n\n" + "\n\n".join(lines), "dawn.txt") is None


def test_a_link_line_alone_is_no_story() -> None:
    page = "## The Lantern Keeper\n\n### Post:\n\n[Link to content](https://example.net/s/1)\n"
    assert _verdict(page, "link.md") == LINK


def test_a_work_page_of_a_picture_and_the_artists_site_is_no_story() -> None:
    page = (
        "<html><head><title>Harbour at Dusk</title></head><body><h1>Harbour at Dusk</h1>"
        '<p><img src="harbour.jpg" alt=""></p><p>More art @ <a href="https://example.net/">'
        "example.net</a></p></body></html>"
    )
    assert _verdict(page, "harbour.html") == LINK


def test_a_drabble_naming_a_web_address_is_a_story() -> None:
    page = "Title: Signal\n\nShe typed harbour.example.net into the old terminal and waited."
    assert _verdict(page, "signal.txt") is None


def _judged(text: str, name: str = "links.txt") -> str | None:
    doc = clean(read_bytes(text.encode(), name))
    return judge(build_work(doc), doc)


def test_a_file_of_bare_addresses_one_a_line_is_only_links() -> None:
    """A downloader's list of works to fetch: however many addresses, and however many
    parts their paths have, no story."""
    urls = "\n".join(f"https://archive.example.org/works/{n}/chapters/{n * 7}" for n in (3, 41, 58))
    assert _judged(urls) == LINK


def test_a_sentence_among_the_addresses_keeps_the_word_limit() -> None:
    text = (
        "https://archive.example.org/works/3\n\n"
        "The ferry left at dawn and the keeper watched it go until the fog took it."
    )
    assert _judged(text) != LINK
