"""The term syntax of the cue files, and the trie-shaped regular expressions they compile to.

Shared by the cue lexicon (:mod:`fandex.tag.cues_lexicon`), the context rules
(:mod:`fandex.tag.context_rules`) and the relationship cues: a term is lower-case words,
``@macro`` placeholders expand to word lists, and many terms become one regular
expression shaped as a trie, so a shared prefix is tested once and the scan stays in C.
"""

from __future__ import annotations

import re
from itertools import product

from fandex.errors import ConfigError

MACROS: dict[str, tuple[str, ...]] = {
    "@obj": ("him", "her", "them", "me", "you", "us", "it"),
    # People only: "kept @person" is a captive, "kept it" a souvenir.
    "@person": ("him", "her", "them", "me", "you", "us"),
    "@poss": ("his", "her", "their", "my", "your", "our"),
    "@subj": ("he", "she", "they", "i", "you", "we"),
    "@self": ("himself", "herself", "themselves", "myself", "yourself", "themself"),
    "@minor_age": (
        *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
        *(str(age) for age in range(11, 18)),
    ),
}


_MACRO = re.compile(r"@[a-z_]+")


def expand(term: str) -> list[str]:
    """Expand macros: ``"slit @poss throat"`` -> six plain terms."""
    parts = _MACRO.split(term)
    names = _MACRO.findall(term)
    for name in names:
        if name not in MACROS:
            raise ConfigError(f"unknown macro {name} in cue {term!r}")
    options: list[tuple[str, ...]] = []
    for i, part in enumerate(parts):
        options.append((part,))
        if i < len(names):
            options.append(MACROS[names[i]])
    return [" ".join("".join(combo).split()) for combo in product(*options)]


# Common first letters of English words first. The regex engine tries a branch's
# alternatives in order, at every word, and alternatives that open with different
# letters never match at the same place: the order of the first level changes only
# the speed (about 10% of the scan).
FIRST_LETTER_RANK = {ch: i for i, ch in enumerate("tashwibdofcmlnegpkrjuyvqzx")}


class Trie:
    """Terms letter by letter, written out as one regular expression (:meth:`regex`)."""

    __slots__ = ("children", "ends_literal", "ends_prefix")

    def __init__(self) -> None:
        self.children: dict[str, Trie] = {}
        self.ends_literal = False
        self.ends_prefix = False

    def add(self, term: str, is_prefix: bool) -> None:
        node = self
        for ch in term:
            node = node.children.setdefault(ch, Trie())
        if is_prefix:
            node.ends_prefix = True
        else:
            node.ends_literal = True

    def top_branches(self) -> list[tuple[str, str]]:
        """(first character, pattern of the rest) per term's first character, in the
        order :meth:`regex` tries them with ``top``."""
        order = sorted(self.children)
        order.sort(key=lambda ch: FIRST_LETTER_RANK.get(ch, len(FIRST_LETTER_RANK)))
        return [(_char(ch), self.children[ch].regex()) for ch in order]

    def regex(self, top: bool = False, end: str = r"(?!\w)") -> str:
        """The alternation of every term below this node (``top``: common letters first);
        ``end`` follows a whole term (``\\b`` says the same, and is quicker, when every
        term ends with a word character)."""
        alts: list[str] = []
        order = sorted(self.children)
        if top:
            order.sort(key=lambda ch: FIRST_LETTER_RANK.get(ch, len(FIRST_LETTER_RANK)))
        for ch in order:
            alts.append(_char(ch) + self.children[ch].regex(end=end))
        # Longer continuations first so the longest term (an idiom) wins at a position.
        if self.ends_prefix:
            alts.append(r"\w*")
        elif self.ends_literal:
            alts.append(end)
        if not alts:
            return ""
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"


def trie_pattern(terms: list[str]) -> str:
    """One regular expression (shaped as a trie) matching any of the whole-word ``terms``."""
    trie = Trie()
    for term in terms:
        trie.add(term, False)
    if not trie.children:
        return r"(?!)"
    if trie.ends_literal or not all(_WORD_CHAR.match(ch) for ch in trie.children):
        return r"\b" + trie.regex(top=True)
    # Every term opens with a word character, so "\b" before it is "no word character
    # before": checked after each first letter, the pattern opens with a literal in every
    # branch and the engine skips to candidates in C, where a leading "\b" was tried at
    # every position of the text searched (a cue's clause, searched once per cue).
    return "(?:" + "|".join(f"{c}(?<!\\w{c}){rest}" for c, rest in trie.top_branches()) + ")"


_WORD_CHAR = re.compile(r"\w")


def _char(ch: str) -> str:
    if ch == " ":
        return r"\s+"
    if ch == "'":
        return "['’]"
    return re.escape(ch)
