"""The cue lexicon's scan (and the romance cues', the act wordings') from Vectorscan's
candidates gives exactly ``finditer``'s matches."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fandex.tag import vectorscan
from fandex.tag.cues_lexicon import build, default_lexicon
from fandex.tag.rating_acts import _lead_scan as _act_scan
from fandex.tag.rating_acts import _terms
from fandex.tag.romance_scan import _CUE_LEAD, _SCANNED
from fandex.tag.termscan import TermScan, coarse, pruned, scanned_copy, strings

needs_vectorscan = pytest.mark.skipif(
    not vectorscan.HAVE_VECTORSCAN, reason="the hyperscan package is not installed"
)

# Overlapping terms, phrases longer than the strings' words, prefixes, hyphens,
# apostrophes and an idiom, with context words in the same scan.
_TABLES = {
    "violence": {
        "strong": ["stab*", "slit @poss throat", "beat @obj to a pulp", "ex-con"],
        "cues": ["hit", "hit @obj", "punch*", "didn't stop", "tied @obj up"],
        "weak": ["blood", "pool of blood*", "no way out", "no"],
    },
    "mask": {"weak": ["bored to death", "hit it off"]},
}
_CONTEXT = {"not": 0, "didn't": 0, "didn’t": 0, "if": 1, "had": 2, "he'd": 3, "he’d": 3}
_SMALL = build(_TABLES, _CONTEXT)


def _spans(matches: Iterable[re.Match[str]]) -> list[tuple[int, int]]:
    return [m.span(1) for m in matches]


def _check(lexicon_scan: object, text: str) -> None:
    """The pre-scan's matches are the regex's, with and without the look-behind."""
    from fandex.tag.leadscan import LeadScan

    assert isinstance(lexicon_scan, LeadScan)
    terms, fast = lexicon_scan.terms, lexicon_scan.fast
    assert terms is not None and fast is not None
    checked = lexicon_scan.checked
    assert _spans(terms.finditer(fast, text)) == _spans(fast.finditer(text))
    assert _spans(terms.finditer(checked, text)) == _spans(checked.finditer(text))
    # The lead scan itself, which hands a long text to the pre-scan.
    long = text * (1 + 2_000 // max(1, len(text)))
    assert _spans(lexicon_scan.finditer(long)) == _spans(checked.finditer(long))


def test_the_copy_keeps_ascii_word_characters_only() -> None:
    # Whitespace, apostrophes, hyphens and characters past ASCII are spaces; any other
    # ASCII character a comma.
    assert coarse("He’d—café, ok.\n\xa0Hi-ya! I'm") == b"He d caf , ok,  Hi ya, I m"
    # One byte per character, past the basic plane and for a lone surrogate too.
    assert len(coarse("a\U0001f600\ud800b")) == 4


def test_strings_open_each_term_and_catch_wide_gaps() -> None:
    found = strings([("tied him up fast", False), ("stab", True), ("hit", False)])
    assert found == {
        # Three words, no end: the term goes on. After a space or a comma (a quote...).
        b" tied him up": 12,
        b",tied him up": 12,
        b" tied  ": 7,  # a run of whitespace after "tied"
        b",tied  ": 7,
        b" tied him  ": 11,
        b",tied him  ": 11,
        b" stab": 5,  # a prefix: any word going on
        b",stab": 5,
        b" hit ": 5,  # a whole word: a boundary after it
        b" hit,": 5,
        b",hit ": 5,
        b",hit,": 5,
    }


@needs_vectorscan
def test_the_default_lexicon_is_prefiltered() -> None:
    scan = default_lexicon().lead_scan
    assert scan.terms is not None and scan.terms.available


@needs_vectorscan
def test_a_cue_after_a_word_character_past_ascii_is_no_cue() -> None:
    # "é" is a word character: "stab" right after it is inside a word.
    text = " éstab him; he didn’t stop, naïve hit  him"
    scan = _SMALL.lead_scan
    assert scan.terms is not None
    found = [text[a:b] for a, b in _spans(scan.terms.finditer(scan.checked, text))]
    assert found == ["didn’t stop", "hit  him"]
    _check(scan, text)


@needs_vectorscan
def test_the_database_is_loaded_from_the_cache_once_made(monkeypatch: pytest.MonkeyPatch) -> None:
    from fandex.tag import termscan

    found = strings([("tied him up", False), ("stab", True)])
    assert termscan._database(found) is not None
    hs = vectorscan.hyperscan_module()

    def no_compile(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(hs, "Database", no_compile)
    db = termscan._database(found)
    assert db is not None
    seen: list[int] = []
    db.scan(
        b" stab ",
        match_event_handler=lambda i, f, t, fl, c: seen.append(t - i),
        scratch=hs.Scratch(db),
    )
    assert seen == [0]


def test_without_the_package_the_regex_scans(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vectorscan, "_hs", None)
    scan = TermScan([("hit", False)])
    assert not scan.available
    pattern = re.compile(r"[^a-zA-Z0-9_](hit)\b")
    assert _spans(scan.finditer(pattern, " hit, hit")) == [(1, 4), (6, 9)]


_PIECES = [
    *("stab", "stabbed", "slit her throat", "slit  his\nthroat", "beat him to a pulp"),
    *("beat him  to a\npulp", "ex-con", "ex—con", "hit", "hit him", "hit\n\nher", "punching"),
    *("didn't stop", "didn’t  stop", "tied them up", "tied them\u00a0up", "blood", "no way out"),
    *("pool of blood", "pool of bloody", "no", "not", "if", "had", "he'd", "he’d", "hit it off"),
    *("bored to death", "bored\tto death", "hitch", "nobody", "tied"),
    *(" ", "  ", "\n", "\xa0", ".", ",", "-", "'", "x", "é", "_", "’", "“", "”", "—", "日本"),
]


@needs_vectorscan
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
@settings(max_examples=400, deadline=None)
def test_same_matches_as_finditer(pieces: list[str]) -> None:
    _check(_SMALL.lead_scan, " " + "".join(pieces))


@needs_vectorscan
@given(st.text(alphabet=" abdehinopstw'’-\n\xa0é_1.,“日", max_size=80))
@settings(max_examples=400, deadline=None)
def test_same_matches_on_any_text(text: str) -> None:
    _check(_SMALL.lead_scan, text)


def _default_pieces() -> list[str]:
    lex = default_lexicon()
    terms = sorted([*lex.literal, *lex.prefix])
    # Every 25th term, phrases and prefixes among them, and the context words.
    return [*terms[::25], *sorted(lex.context)[::3]]


@needs_vectorscan
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_default_pieces()),
            st.sampled_from([" ", "  ", "\n\n", "\xa0", ", ", "’", "'", "-", "é", "“", "日"]),
        ),
        max_size=60,
    )
)
@settings(max_examples=300, deadline=None)
def test_the_default_lexicon_finds_what_finditer_finds(pieces: list[str]) -> None:
    # A term written with several spaces or a line break between its words, too.
    text = " " + " ".join(p.replace(" ", " \n " if len(p) % 3 == 0 else " ") for p in pieces)
    _check(default_lexicon().lead_scan, text)


def _words_of(phrases: Iterable[str]) -> list[str]:
    """Every 7th phrase, and each word of those (a phrase cut short is a near miss)."""
    picked = sorted(phrases)[::7]
    return [*picked, *sorted({w for p in picked for w in p.split()})]


_GAPS = [" ", "  ", "\n", "\xa0", ", ", ".", "’", "'", "-", "é", "“", "日", "x", "_", "S"]


@needs_vectorscan
@given(
    st.lists(st.one_of(st.sampled_from(_words_of(_SCANNED)), st.sampled_from(_GAPS)), max_size=60)
)
@settings(max_examples=300, deadline=None)
def test_the_romance_cue_scan_finds_what_finditer_finds(pieces: list[str]) -> None:
    # The cues, the kin words and their parts, in the lower-cased text the scan reads.
    _check(_CUE_LEAD, " " + " ".join(pieces).lower())


@needs_vectorscan
@given(
    st.lists(st.one_of(st.sampled_from(_words_of(_terms())), st.sampled_from(_GAPS)), max_size=60)
)
@settings(max_examples=300, deadline=None)
def test_the_act_wording_scan_finds_what_finditer_finds(pieces: list[str]) -> None:
    _check(_act_scan(), " " + " ".join(pieces).lower())


@needs_vectorscan
def test_the_romance_and_act_scans_are_prefiltered() -> None:
    for scan in (_CUE_LEAD, _act_scan()):
        assert scan.terms is not None and scan.terms.available


def test_pruning_drops_the_strings_another_opens() -> None:
    found = strings([("had", False), ("had sex", False), ("had been hit", False), ("stab", True)])
    assert pruned(found) == {
        b" had ": 5,
        b" had,": 5,
        b",had ": 5,
        b",had,": 5,
        b" stab": 5,
        b",stab": 5,
    }


def _unpruned(terms: list[tuple[str, bool]]) -> TermScan:
    """A scan of every string, as before the pruning (the oracle)."""
    scan = TermScan(terms)
    scan._strings = strings(terms)
    return scan


_LEXICON_TERMS = sorted(
    [(t, False) for t in default_lexicon().literal] + [(t, True) for t in default_lexicon().prefix]
)[::9]
_PRUNED_SCAN = TermScan(_LEXICON_TERMS)
_FULL_SCAN = _unpruned(_LEXICON_TERMS)


@needs_vectorscan
@given(
    st.lists(
        st.one_of(
            st.sampled_from([t for t, _ in _LEXICON_TERMS]),
            st.sampled_from([" ", "  ", "\n", ", ", "’", "'", "-", "é", "s", "ed"]),
        ),
        max_size=50,
    )
)
@settings(max_examples=200, deadline=None)
def test_pruned_strings_find_the_same_starts(pieces: list[str]) -> None:
    text = " " + " ".join(pieces)
    # (Every string may report a start the shorter one reports too.)
    assert _PRUNED_SCAN.starts(text) == sorted(set(_FULL_SCAN.starts(text) or ()))


def test_the_scanned_copy_is_made_once_per_text() -> None:
    text = "He’d—café, ok" * 3
    first = scanned_copy(text)
    assert first == coarse(text) + b" "
    assert scanned_copy(text) is first


def test_a_long_texts_copy_is_made_piece_by_piece_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from fandex.tag import termscan

    monkeypatch.setattr(termscan, "_COPIES_CHARS", 10)  # longer texts are not kept
    monkeypatch.setattr(termscan, "_PIECE", 4)
    text = "He’d—café, ok.\n\xa0Hi-ya! I'm"
    assert scanned_copy(text) == coarse(text) + b" "
    assert scanned_copy(text) is not scanned_copy(text)


# Every whitespace character the regex's "\\s" takes, in ASCII and past it, and the
# punctuation that may stand next to it.
_SPACES = [c for c in map(chr, range(0x3001)) if c.isspace()]


@needs_vectorscan
@given(
    st.lists(
        st.one_of(
            st.sampled_from([p for p in _default_pieces() if " " in p]),
            st.lists(
                st.sampled_from([*_SPACES, ",", ".", "-", "’", "'", "(", '"', "?", "é"]),
                min_size=1,
                max_size=3,
            ),
        ),
        max_size=30,
    )
)
@settings(max_examples=300, deadline=None)
def test_phrases_parted_by_any_whitespace_are_found(pieces: list[str | list[str]]) -> None:
    # A phrase's words parted by runs of any whitespace (the regex's "\s+"), among runs
    # of whitespace and punctuation.
    text = " " + " ".join(
        "".join(p) if isinstance(p, list) else p.replace(" ", _SPACES[len(p) % len(_SPACES)] * 2)
        for p in pieces
    )
    _check(default_lexicon().lead_scan, text)
