"""The per-text memo answers only for the very string it was given, and forgets the oldest."""

import threading

from fandex.tag.textmemo import TextMemo


def test_a_value_is_kept_for_the_string_it_was_put_for() -> None:
    memo: TextMemo[int] = TextMemo(2)
    text = "".join(["chapter ", "one"])
    assert memo.put(text, 1) == 1
    assert memo.get(text) == 1
    # An equal string built anew is another text: it may be a later chapter's.
    assert memo.get("".join(["chapter ", "one"])) is None


def test_the_oldest_text_is_forgotten_first() -> None:
    memo: TextMemo[str] = TextMemo(2)
    a, b, c = (f"text {i} " * 3 for i in range(3))
    memo.put(a, "a")
    memo.put(b, "b")
    memo.put(c, "c")
    assert (memo.get(a), memo.get(b), memo.get(c)) == (None, "b", "c")


def test_a_bound_in_characters_forgets_the_oldest_texts_past_it() -> None:
    memo: TextMemo[str] = TextMemo(100, chars=25)
    a, b, c = (f"text {i} " * 2 for i in range(3))  # 14 characters each
    memo.put(a, "a")
    memo.put(b, "b")  # 28 > 25: a goes
    assert (memo.get(a), memo.get(b)) == (None, "b")
    memo.put(c, "c")
    assert (memo.get(b), memo.get(c)) == (None, "c")


def test_within_its_bound_in_characters_every_text_is_kept() -> None:
    memo: TextMemo[int] = TextMemo(100, chars=1000)
    texts = [f"chapter {i} " * 3 for i in range(20)]
    for i, t in enumerate(texts):
        memo.put(t, i)
    assert [memo.get(t) for t in texts] == list(range(20))


def test_puts_from_many_threads_keep_the_bounds() -> None:
    """Threads putting at once (an upload tagged beside an import) neither fail in the
    eviction nor lose count of the characters held."""

    memo: TextMemo[int] = TextMemo(4, chars=40)
    texts = [f"text number {i:03d}" for i in range(400)]
    errors: list[BaseException] = []

    def put_all(part: list[str]) -> None:
        try:
            for t in part:
                memo.put(t, len(t))
        except BaseException as e:  # any failure is the test's to report
            errors.append(e)

    threads = [threading.Thread(target=put_all, args=(texts[i::8],)) for i in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    held = [t for t in texts if memo.get(t) is not None]
    assert 1 <= len(held) < 4
    assert memo._held == sum(len(t) for t in held) <= 40


def test_forget_all_empties_every_memo_and_registered_cache() -> None:
    from fandex.tag.textmemo import forget_all, forget_with

    memo: TextMemo[int] = TextMemo(4)
    text = "".join(["a chapter ", "kept"])
    memo.put(text, 1)
    cache = {1: "a work's scan"}
    forget_with(cache.clear)
    forget_all()
    assert memo.get(text) is None
    assert cache == {}


def test_a_tagged_work_is_not_kept_alive_by_the_taggers() -> None:
    # The taggers' caches of one work's scans and analyses held the last works whole
    # (texts, hits, evidence) after they were tagged: a worker that read one 45 MB text
    # held some 400 MB of it while reading the next.
    import gc
    import weakref

    from fandex.tag.pipeline import TaggerPipeline
    from fandex.test.helper import make_work

    work = make_work(
        chapters=['"Come in," Harry said, and Hermione came in from the rain. She kissed him.']
    )
    TaggerPipeline()(work)
    gone = weakref.ref(work)
    del work
    gc.collect()
    assert gone() is None
