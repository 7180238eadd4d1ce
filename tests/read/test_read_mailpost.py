"""Stories saved as the mail or Usenet post they came in: the post's headers off, its
body decoded as the post says, the subject and sender as fallbacks."""

from __future__ import annotations

from fandex.clean import clean
from fandex.model import Work
from fandex.parse import build_work
from fandex.read import read_bytes

STORY = (
    "They walked down to the river and watched the boats come in until the lamps\n"
    "were lit along the quay.\n"
)


def _work(data: bytes) -> Work:
    return build_work(clean(read_bytes(data, "post.txt")))


def test_a_usenet_posts_headers_are_not_the_storys() -> None:
    post = (
        "From: ann@example.org (Ann Writer)\nNewsgroups: alt.example.creative\n"
        "Subject: NEW: Quiet Hour (1/2) [PG]\nDate: 14 Mar 1997 03:12:45 GMT\n"
        "Message-ID: <1@example.org>\n\nTITLE: Quiet Hour\nAUTHOR: Ann Writer\n\n" + STORY
    )
    w = _work(post.encode())
    assert (w.title, w.authors) == ("Quiet Hour", ["Ann Writer"])
    assert not w.notes_begin and "Newsgroups" not in w.header
    assert w.chapters[0].text.startswith("They walked down")


def test_the_subject_and_sender_stand_in_for_a_missing_header() -> None:
    post = (
        "From: Ann Writer <ann@example.org>\nSubject: FIC: Quiet Hour [1/1]\n"
        "Date: Fri, 14 Mar 1997 03:12:45 +0000\n\n" + STORY
    )
    w = _work(post.encode())
    assert (w.title, w.authors) == ("Quiet Hour", ["Ann Writer"])


def test_a_quoted_printable_body_is_decoded() -> None:
    post = (
        "From: ann@example.org\nSubject: Quiet Hour\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=iso-8859-1\n"
        "Content-Transfer-Encoding: quoted-printable\n\n"
        "Title: Quiet Hour\nSummary: A night at the caf=E9.\n\n"
        "They walked down to the river and watched the boats come in until the=\n"
        " lamps were lit.\n"
    )
    w = _work(post.encode())
    assert w.summary == "A night at the café."
    assert (
        w.chapters[0].text
        == "They walked down to the river and watched the boats come in until the lamps were lit."
    )


def test_a_storys_own_header_is_not_taken_for_a_posts() -> None:
    # "Summary:" and "Keywords:" are mail headers too, but a story header has a Title.
    text = "Title: Quiet Hour\nSummary: A night.\nKeywords: rain\n\n" + STORY
    w = _work(text.encode())
    assert (w.title, w.summary) == ("Quiet Hour", "A night.")


def test_a_bare_address_gives_its_user_name_and_a_line_of_spaces_ends_the_headers() -> None:
    post = (
        "Newsgroups: alt.example.creative\nPath: a!b!c\nFrom: wren@example.edu\n"
        "Subject: A story of the ferry....\nMessage-ID: <2@example.edu>\n \n" + STORY
    )
    w = _work(post.encode())
    assert (w.title, w.authors) == ("A story of the ferry....", ["wren"])
    assert w.chapters[0].text.startswith("They walked down")


def test_a_list_posts_subject_tags_comment_name_and_signature() -> None:
    post = (
        "Subject: [LIST] [FIC] Quiet Hour [1/2]\nFrom: ann@example.org (Ann Writer)\n"
        "Date: 12/31/1997, 2:11 PM\nTo: list@example.org\n\n" + STORY + "\n-- \n"
        "Ann Writer * ann@example.org\n| To leave the list -- list-request@example.org |\n"
    )
    w = _work(post.encode())
    assert (w.title, w.authors) == ("Quiet Hour", ["Ann Writer"])
    assert w.chapters[0].text.endswith("along the quay.")
    assert "example.org" not in (w.notes_end or "")


def test_a_closing_rule_of_the_story_is_no_signature() -> None:
    post = (
        "From: ann@example.org\nSubject: Quiet Hour\nDate: 1 Jan 1998 10:00 GMT\n\n"
        + STORY
        + "\n--\n\nThe boats were all in by morning.\n"
    )
    assert _work(post.encode()).chapters[0].text.endswith("all in by morning.")
