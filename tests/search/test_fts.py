"""The shared tokenizer and the index expressions both backends are given."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fandex.library import Library, fts
from fandex.library.fts.tokens import column_tokens, tokens_reference
from fandex.model import Chapter, Work
from fandex.test.helper import make_work


def test_tokens_fold_case_and_accents_and_drop_punctuation() -> None:
    assert fts.tokens("Zoë's CAFÉ—naïve, 日本語!") == ["zoe", "s", "cafe", "naive", "日本語"]
    assert fts.tokens(None) == [] and fts.tokens("!!! -- **") == []


def test_work_columns_keep_title_summary_and_body_apart() -> None:
    w = Work(
        title="Blood Pure",
        summary="Pure love.",
        notes_begin="A note.",
        chapters=[Chapter(1, title="One", text="The body text.")],
    )
    cols = fts.work_columns(w)
    assert cols == {
        "title": ["blood", "pure"],
        "summary": ["pure", "love", "a", "note"],
        "body": ["one", "the", "body", "text"],
    }


def test_phrase_matching_needs_adjacent_words_and_supports_a_prefix() -> None:
    seq = ["the", "dragon", "tattoo", "itched"]
    assert fts.Phrase(("dragon", "tattoo")).matches(seq)
    assert not fts.Phrase(("tattoo", "dragon")).matches(seq)
    assert fts.Phrase(("dragon", "tat"), prefix=True).matches(seq)
    assert not fts.Phrase(("dragon", "tat")).matches(seq)


def test_fts5_expression_quotes_every_phrase() -> None:
    q = fts.FtsQuery((fts.Phrase(("a", "b")), fts.Phrase(("c",), prefix=True)), "title")
    assert fts.fts5_expression([q]) == 'title : ("a b" AND "c" *)'


def test_tsquery_uses_weights_for_the_title_and_follows_phrases() -> None:
    q = fts.FtsQuery((fts.Phrase(("a", "b")),), "title")
    assert fts.tsquery_literal([q]) == "(('a':A <-> 'b':A))"
    free = fts.FtsQuery((fts.Phrase(("c",), prefix=True),))
    assert fts.tsquery_literal([q, free]) == "(('a':A <-> 'b':A)) | (('c':*))"


def test_tsvector_leaves_a_gap_between_columns() -> None:
    lit = fts.tsvector_literal({"title": ["pure"], "summary": ["pure"], "body": ["x"]})
    # title at 1 (weight A), summary at 3 (weight B): "pure pure" is not a phrase.
    assert lit == "'pure':1A,3B 'x':5"


def test_tsvector_clamps_positions_like_postgresql() -> None:
    body = ["w"] * 300 + [f"u{i}" for i in range(17_000)] + ["late"]
    lit = fts.tsvector_literal({"title": [], "summary": [], "body": body})
    w_entry = lit.split(" ", 1)[0]
    assert w_entry.count(",") == 255  # at most 256 positions per word
    assert "'late':16383" in lit


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_fast_tokenizer_equals_folding_the_whole_text_then_finding_words(text: str) -> None:
    assert fts.tokens(text) == tokens_reference(text)


def test_fast_tokenizer_on_mixed_prose() -> None:
    text = "Straße—Ⅻ ﬁne; café\u00a0au lait, ½ ™ 2nd İstanbul \u201cquoted\u201d x_y ῼ"
    assert fts.tokens(text) == tokens_reference(text)
    assert "fine" in fts.tokens(text) and "x" in fts.tokens(text)


def test_index_entry_for_each_backend_holds_what_each_writes() -> None:
    w = Work(title="Blood Pure", summary="Pure love.", chapters=[Chapter(1, text="Body text.")])
    assert fts.index_doc(w, "sqlite").values == ("blood pure", "pure love", "body text")
    cols = fts.work_columns(w)
    pg = fts.index_doc(w, "postgresql").values
    assert pg == (fts.tsvector_literal(cols), fts.rank_tsvector_literal(cols))


def _tsvector_reference(cols: dict[str, list[str]]) -> str:
    """The literal the plain way: one entry at a time (what the fast version must equal)."""
    weights = {"title": "A", "summary": "B", "body": ""}
    positions: dict[str, list[str]] = {}
    pos = 1
    for col in fts.COLUMNS:
        for tok in cols[col]:
            entry = positions.setdefault(tok, [])
            if len(entry) < 256:
                item = f"{min(pos, 16383)}{weights[col]}"
                if not entry or entry[-1] != item:
                    entry.append(item)
            pos += 1
        pos += 1
    out = " ".join(f"'{tok}':{','.join(ps)}" for tok, ps in positions.items())
    if len(out) > 900_000:
        out = " ".join(f"'{tok}':{ps[0]}" for tok, ps in positions.items())
    return out


@settings(max_examples=200, deadline=None)
@given(
    st.fixed_dictionaries(
        {
            c: st.lists(st.sampled_from(["ink", "ash", "tea", "x", "long"]), max_size=40)
            for c in ("title", "summary", "body")
        }
    )
)
def test_tsvector_literal_equals_writing_one_entry_at_a_time(cols: dict[str, list[str]]) -> None:
    assert fts.tsvector_literal(cols) == _tsvector_reference(cols)


def test_tsvector_literal_equals_the_plain_way_on_a_long_work() -> None:
    body = (["w"] * 300 + [f"u{i % 5000}" for i in range(17_000)] + ["late", "w"]) * 2
    cols = {"title": ["w", "late"], "summary": ["u3"] * 300, "body": body}
    assert fts.tsvector_literal(cols) == _tsvector_reference(cols)


def test_a_search_reads_the_library_generation_once(library: Library) -> None:
    from sqlalchemy import event

    from fandex.search import search

    library.save(make_work("Ink", chapters=["He had a tattoo of a dragon."]))
    search(library, "tattoo", facets=True)  # the index is built
    asked: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if "fandex_search_state" in statement:
            asked.append(statement)

    event.listen(library.engine, "before_cursor_execute", count)
    try:
        assert search(library, "dragon", facets=True).total == 1
    finally:
        event.remove(library.engine, "before_cursor_execute", count)
    assert len(asked) == 1
    with library.engine.connect() as conn:
        before = fts.generation(conn)
        with fts.one_generation(conn):
            library.save(make_work("Rain", chapters=["It rained."]))  # another connection
            assert fts.generation(conn) == before  # held for the block
        assert fts.generation(conn) != before


def test_the_literal_from_column_iterators_equals_the_plain_way() -> None:
    # Clamped positions in the summary and the body, a token past 256 positions, and
    # tokens seen first past the clamp: only what can reach the literal is kept.
    summary = [f"s{i % 7}" for i in range(17_000)] + ["late", "ink"]
    body = (["ink"] * 300 + [f"u{i % 4000}" for i in range(17_000)] + ["late", "new"]) * 2
    cols = {"title": ["ink", "late"], "summary": summary, "body": body}
    lazy = {c: iter(v) for c, v in cols.items()}
    assert fts.tsvector_literal(lazy) == _tsvector_reference(cols)


def test_column_tokens_are_the_work_columns_a_piece_at_a_time() -> None:
    w = Work(title="Pure Blood", summary="Pure love. Zoë's", notes_end="naïve end")
    long_text = "Don't stop, Zoë -- the rain fell\u3000on\xa0harbours. " * 40_000
    w.chapters = [
        Chapter(index=1, title="One", text=long_text, summary="a summary"),
        Chapter(index=2, text="Body text."),
    ]
    assert len(long_text) > 1 << 20
    lazy = {c: list(v) for c, v in column_tokens(w).items()}
    assert lazy == fts.work_columns(w)
    assert fts.index_doc(w, "sqlite").values == tuple(" ".join(lazy[c]) for c in fts.COLUMNS)
    pg = fts.index_doc(w, "postgresql").values
    assert pg == (fts.tsvector_literal(lazy), fts.rank_tsvector_literal(lazy))
