"""Whether the cue taggers can read a work at all: their lexicons, context rules and the
learned layers over them are English.

A text in another language (a French fic, a Chinese one) has none of their cues, and
read by them it would look like the mildest story there is: "No Archive Warnings
Apply" at 0.98 and a General or Teen rating, guesses about a text fandex cannot read.
The content notes, archive warnings and rating therefore say nothing of a text that is
not English: no guess, and no flag against what its author stated.

A stated language decides. Without one, a text mostly in another script (more
non-ASCII than ASCII bytes: Chinese, Cyrillic, Greek) is not English; a Latin-script
text is not when hardly any of its words are English function words that other
languages do not share ("the", "was", "with": under 3%; English prose has 25-40%, the
oddest English passages of the warning dataset, chat logs and lists, 4% and more, French,
German, Spanish, Italian and Portuguese prose about 0%); a text too short to tell is read
(as before: a short English fixture must not go unread).
"""

from __future__ import annotations

import re

from fandex.model import Work

# Characters of the story's start judged (enough words to tell a language, ~1,000).
SAMPLE = 5000
# Fewer words than this and the function-word share says nothing: the text is read.
MIN_WORDS = 60
# English function words that the other languages fandex meets seldom use as words.
ENGLISH_ONLY = frozenset(
    "the and of was that with his her you not but had said she he it for is were they this"
    " have from".split()
)
MIN_SHARE = 0.03
_WORD = re.compile(r"[a-z]+")


def reads_english(work: Work) -> bool:
    """Whether ``work``'s text is English, or too short to tell (see the module docstring).

    >>> from fandex.model import Chapter
    >>> reads_english(Work(chapters=[Chapter(1, text="他们在雨中等了很久。" * 40)]))
    False
    >>> reads_english(Work(chapters=[Chapter(1, text="She ran.")]))
    True
    """
    language = (work.language or "").strip().lower()
    if language:
        return language.startswith("en")
    sample = "\n\n".join(c.text[:SAMPLE] for c in work.chapters[:3])[:SAMPLE]
    # Bytes beyond one per character: 1-3 for each character outside ASCII.
    if len(sample.encode("utf-8")) - len(sample) > len(sample) // 2:
        return False
    words = _WORD.findall(sample.lower())
    if len(words) < MIN_WORDS:
        return True
    # (Counted in C: the set's membership test mapped over the words.)
    return sum(map(ENGLISH_ONLY.__contains__, words)) >= MIN_SHARE * len(words)
