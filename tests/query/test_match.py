"""Query objects judge a work in Python exactly as the SQL would (the parity suite checks
the SQL side against these on both databases)."""

from __future__ import annotations

from fandex.model import Chapter, Source, Tag, Work
from fandex.query import Context, default_thresholds, parse


def _work(**fields: object) -> Work:
    w = Work(
        title="Ink and Ash",
        id="a" * 16,
        authors=["Quill"],
        chapters=[Chapter(1, text="Spike saw the dragon tattoo. Zoë laughed.")],
        source=Source("/x.txt", "txt", "0" * 64, imported="2026-02-01T10:00:00+00:00"),
    )
    for k, v in fields.items():
        setattr(w, k, v)
    return w


CTX = Context(thresholds=default_thresholds())


def matches(query: str, work: Work, ctx: Context = CTX) -> bool:
    return parse(query).match(work, ctx)


def test_text_matches_words_phrases_and_prefixes_regardless_of_case_and_accents() -> None:
    w = _work()
    assert matches("DRAGON", w)
    assert matches('"dragon tattoo"', w)
    assert not matches('"tattoo dragon"', w)
    assert matches("tatt*", w)
    assert matches("zoe", w) and matches("ZOË", w)
    assert not matches("dragons", w)


def test_title_field_ignores_the_body() -> None:
    w = _work()
    assert matches("title:ink", w)
    assert not matches("title:dragon", w)


def test_stated_tag_counts_and_synonyms_match_it() -> None:
    w = _work(tags=[Tag("relationship", "Buffy Summers/Spike")])
    assert matches("ship:Spuffy", w)
    assert matches('ship:"spike/buffy"', w)
    assert not matches("-ship:Spuffy", w)


def test_inferred_tag_counts_only_above_its_types_threshold() -> None:
    low = _work(tags=[Tag("warning", "Rape/Non-Con", source="inferred", confidence=0.4)])
    high = _work(tags=[Tag("warning", "Rape/Non-Con", source="inferred", confidence=0.5)])
    assert not matches("warning:noncon", low)
    assert matches("warning:noncon", high)
    lowered = Context(thresholds=dict.fromkeys(default_thresholds(), 0.3))
    assert matches("warning:noncon", low, lowered)


def test_rejected_user_tag_never_matches() -> None:
    w = _work(tags=[Tag("freeform", "Angst", source="user", attrs={"rejected": True})])
    assert not matches("tag:angst", w)
    assert matches("-tag:angst", w)


def test_missing_values_are_a_plain_no_so_negation_is_yes() -> None:
    w = _work(language=None, published=None)
    assert not matches("lang:en", w) and matches("-lang:en", w)
    assert not matches("published:2003", w) and matches("-published:2003", w)


def test_numbers_dates_and_flags() -> None:
    w = _work(status="complete", language="en-GB", published="2004-06-01")
    assert matches("words:>5 words:<10 chapters:1", w)
    assert matches("complete:yes lang:en published:2003..2005", w)
    assert matches("imported:>2026-01-31 imported:<2026-02-02", w)
    assert not matches("published:>2004-06-01", w)


def test_author_wildcards_match_whole_names() -> None:
    w = _work()
    assert matches("author:quill", w) and matches("author:q*", w)
    assert not matches("author:qui", w)
