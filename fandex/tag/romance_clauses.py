"""What a romance cue's clause says of it, read by rules of English a reader would state
(:mod:`fandex.tag.romance` counts the evidence, :mod:`fandex.tag.romance_people` reads
who it is about):

- a cue denied is no romance: "we aren't actually dating", "he had never kissed
  anyone", "no longer in love with her", "wasn't his boyfriend";
- a cue sentence that speaks of the past ("his former fiancée", "years ago", "used
  to") is told apart from the story's own romance (``PAST``, :func:`told_past`);
- a sentence whose subject is someone no tag names ("Alan came down to greet Sherlock
  with a kiss, hiding it from Greg") is that person's romance, not the tagged names'
  around it, unless a tagged name is the subject of the cue's own clause ("Mrs Hudson
  smiled as Sherlock kissed Greg");
- a pronoun with no name near it stands for the last person of its gender named before
  it in the scene ("Afterwards they danced, and he apologised by kissing her": her is
  the last woman named, pages back if need be), when the gender is known, and unless
  someone no tag names opens a sentence between ("Alan nosed into his hair. He kissed
  Sherlock" is not Greg's, named before Alan);
- a cue whose subject is a person no name is given ("the captain kissed Tobias", "a
  stranger held her hand") is that person's, unless those words are a tagged
  character's ("the Captain", read as the one "Captain Vire" of the text);
- a partner word a name owns ("Greg's wife") speaks of the owner and the one the word
  stands for: a name beside it ("Greg's wife Molly", "Molly, Greg's wife") or the one
  said to be it ("Molly was Greg's wife"), never another name of the sentence
  ("Sherlock tracked down Greg's wife").

Spans are sorted ``(start, end, name)`` of the characters named in a chapter.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from fandex.tag.mentions import in_dialogue
from fandex.tag.titles import FORMS
from fandex.vocab.ao3 import load_toml

# A denial just before a cue: "not", "never", "no longer", "-n't", with the adverbs,
# "been" and a determiner that may come between ("aren't actually dating", "had never
# been kissed", "wasn't his boyfriend"). "Couldn't stop kissing" denies the stopping.
_NEGATED = re.compile(
    r"(?:\bnot|\bnever|\bno\s+longer|n['’]t)\s+"
    r"(?:(?:\w+ly|even|ever|been|be|get|yet|quite|want|wanna|to|his|her|their|my|your|a|an|the)"
    r"\s+){0,4}$",
    re.I,
)
NEGATION_REACH = 40


def negated(text: str, c_start: int, lo: int = 0) -> bool:
    """Whether the cue starting at ``c_start`` is denied (read back to ``lo``, the
    sentence's start).

    >>> t = "We aren't actually dating."
    >>> negated(t, t.index("dating")), negated("They were dating.", 10)
    (True, False)
    >>> t = "He couldn't stop kissing her."
    >>> negated(t, t.index("kissing"))
    False
    """
    a = max(lo, c_start - NEGATION_REACH)
    before = text[a:c_start].lower()
    # (Most cues have no denial word before them: a look, first, for a word every denial
    # holds in lower case ("not", "never", "longer", "n't"): substring tests in C, where
    # a regex under re.I tried every position of the span. Only "N" and "O" lower-case
    # to "n" and "o", and so on: no other letter gives a false hit.)
    if (
        "not" not in before
        and "never" not in before
        and "longer" not in before
        and "n't" not in before
        and "n’t" not in before
    ):
        return False
    return _NEGATED.search(text, a, c_start) is not None


# The first letters in every case (as re.I reads them: "İ" and "ı" are an "i") open the
# pattern, so the engine skips to a candidate in C and only then tries the alternatives,
# under re.I, each checking its first letter behind (searched sentence by sentence): what
# r"\b(?=[beflipuwy])(?:former|ex-\w+|...|previous)\b", re.I finds, without a try at
# every position.
PAST = re.compile(
    r"[bBeEfFlLiIİıpPuUwWyY](?<!\w.)(?i:(?<=f)ormer|(?<=e)x-\w+|(?<=e)x|(?<=u)sed to|"
    r"(?<=y)ears ago|(?<=l)ong ago|(?<=l)ate (?:wife|husband)|(?<=w)idow(?:ed|er)?|"
    r"(?<=b)ack when|(?<=b)efore (?:he|she) died|(?<=i)n the past|(?<=p)revious)\b"
)


def told_past(text: str, lo: int, hi: int, lowered: str | None = None) -> bool:
    """Whether ``text[lo:hi]`` speaks of the past (``PAST`` finds a wording in it);
    ``lowered``: the chapter's :func:`padded` lower-cased text, when it has one.

    >>> t = "She was his former wife."
    >>> told_past(t, 0, len(t)), told_past(t, 0, len(t), " " + t.lower())
    (True, True)
    >>> told_past("They kissed.", 0, 12, " they kissed.")
    False
    """
    if lowered is not None:
        # A piece of every wording PAST finds, in lower case and in none of the letters
        # re.I also reads from a character outside ASCII ("s" from "ſ", "k" from "K",
        # "i" from "İ" and "ı"), looked for first, in C: most sentences hold none, where
        # PAST tries its common first letters at every position.
        said = lowered[lo + 1 : hi + 1]
        if not (
            "ex" in said  # ex, ex-wife
            or "ago" in said  # years ago, long ago
            or "when" in said  # back when
            or "before" in said  # before she died
            or "ed to" in said  # used to
            or "late " in said
            or "dow" in said  # widow, widowed, widower
            or "the pa" in said  # in the past
            or "prev" in said
            or "former" in said
        ):
            return False
    return PAST.search(text, lo, hi) is not None


# What lies between a tagged name and a cue it is the subject of: a few words ("Sherlock
# kissed", "Sherlock had already kissed", "Sherlock leaned in and kissed").
_OWN_CLAUSE = re.compile(r"(?:[ \t]+[\w'’-]+){0,3}[ \t]+$")


def untagged_subject(text: str, c_start: int, inside: list[tuple[int, int, str]]) -> bool:
    """Whether a cue (at ``c_start``) may belong to someone no tag names who opens its
    sentence (the caller finds them: :func:`fandex.tag.romance_people.someone_else`):
    fewer than two tagged people of the sentence (``inside``) are named before the cue,
    and none of them is the subject of the cue's own clause (at most three words before
    it: "Alan smiled as Sherlock kissed Greg" is Sherlock's kiss)."""
    before = [(s, e, n) for s, e, n in inside if s < c_start]
    if len({n for _s, _e, n in before}) >= 2:
        return False  # two tagged people before the cue may be its pair
    return not any(_OWN_CLAUSE.fullmatch(text, e, c_start) for _s, e, _n in before if e <= c_start)


# Between the one said to be a partner and the owner: "Molly, Greg's wife", "Molly was
# Greg's wife", "Molly had been Greg's wife".
_IS = re.compile(
    r"\s*,\s*|\s+(?:is|was|were|became|had\s+been|has\s+been|would\s+be|'s|’s)\s+(?:now\s+)?",
    re.I,
)
_OWNER = re.compile(r"['’]s\s+(?:[a-z-]+\s+)?$", re.I)
_BESIDE = re.compile(r"[\s,]{1,3}")


def owner_only(text: str, inside: list[tuple[int, int, str]], c_start: int, c_end: int) -> bool:
    """Whether a partner word at ``[c_start, c_end)`` is owned by a name ("Greg's wife")
    and its partner is named nowhere beside it: no name right after it ("Greg's wife
    Molly") and none just before the owner said to be it ("Molly, Greg's wife", "Molly
    was Greg's wife"). Then the sentence's other names are not the partner.

    >>> t = "Sherlock tracked down Greg's wife."
    >>> owner_only(t, [(0, 8, "S"), (22, 26, "G")], 29, 33)
    True
    >>> t = "Molly was Greg's wife."
    >>> owner_only(t, [(0, 5, "M"), (10, 14, "G")], 17, 21)
    False
    """
    owners = [i for i, (_s, e, _n) in enumerate(inside) if e <= c_start]
    if not owners or not _OWNER.fullmatch(text, inside[owners[-1]][1], c_start):
        return False
    i = owners[-1]
    if any(s >= c_end and _BESIDE.fullmatch(text, c_end, s) for s, _e, _n in inside):
        return False
    if i > 0:
        _ps, pe, pn = inside[i - 1]
        if pn != inside[i][2] and _IS.fullmatch(text, pe, inside[i][0]):
            return False
    return True


# How far back a pronoun's person may be named (a scene of a short story), and where a
# scene breaks ("* * *", "~~~", "---" on a line of its own): no pronoun reaches past it.
ANTECEDENT_FAR = 2500
SCENE_BREAK = re.compile(r"\n[ \t]*(?:[*~#=_-][ \t]*){3,}\n")


def antecedents(
    pos: list[tuple[int, int, str]],
    starts: list[int],
    end: int,
    wanted: set[str],
    gender: dict[str, str],
    have: dict[str, int],
    text: str,
) -> dict[str, int]:
    """For each gender the pronouns ask for that none of ``have`` is, the last person of
    that gender (known, "M" or "F") named within ``ANTECEDENT_FAR`` characters before
    ``end`` (the sentence's start), as {name: where}; none past a scene break."""
    lo = max(0, end - ANTECEDENT_FAR)
    for m in SCENE_BREAK.finditer(text, lo, end):
        lo = m.end()
    got = {gender.get(n, "U") for n in have}
    out: dict[str, int] = {}
    span = pos[bisect_left(starts, lo) : bisect_left(starts, end)]
    for s, _e, n in reversed(span):
        g = gender.get(n, "U")
        if g in wanted and g not in got and n not in have and n not in out:
            out[n] = s
            got.add(g)
    if len(wanted) == 2 and len(have) + len(out) == 1:
        # "She kissed him." asks for a woman and a man: two people. One is found (named
        # just before, or of a gender a list knows); where a list knows no gender for the
        # other, the last other person named before, of no known gender, stands for them
        # ("Evander" beside "Pilar", names no list knows). (Never both so: of three
        # people no list knows, who kissed whom the pronouns cannot say.)
        for s, _e, n in reversed(span):
            if gender.get(n, "U") == "U" and n not in have and n not in out:
                out[n] = s
                break
    return out


# A capitalised word opening a sentence (after its end, a line break or a quote).
_OPENING = re.compile(r"[.!?\n\"“”][ \t]{0,3}([A-Z][a-z]{2,})\b(?!['’](?!s\b)\w)(?!,)")
# More than the characters an opening needs from its start before it can match (a mark,
# three spaces, a capital and two letters): a scan cut this far past a start finds it.
_OPENING_HEAD = 8
# The characters after its name an opening reads (an apostrophe, an "s" and the one after
# it, for "Alan's"; one to end the word): a find that ends this far before the scan's cut
# is the same in full.
_OPENING_TAIL = 3


class Openers:
    """Where a chapter's sentences open with a person none of the tagged characters is: a
    pronoun after such a name is as likely theirs ("Alan nosed into his hair. He kissed
    Sherlock": not Greg, named before Alan; "arguing about Fellini" opens nothing)."""

    def __init__(
        self,
        text: str,
        pos: list[tuple[int, int, str]],
        starts: list[int],
        named_as: Callable[[str], bool],
    ) -> None:
        self.text, self.pos, self.starts, self.named_as = text, pos, starts, named_as
        # The stretch read so far, [_from, _to), and where such people open sentences in
        # it, in order: the questions come cue after cue, each from a name up to its
        # sentence, and overlap (the same name, pages back, for the cues of a scene).
        self._from, self._to = 0, 0
        self._found: list[int] = []

    def last(self, lo: int, hi: int) -> int:
        """Where the last such person opens a sentence in ``[lo, hi)``, or -1."""
        if lo >= hi:
            return -1
        if hi < self._from or lo > self._to or self._from == self._to:
            self._from, self._to, self._found = lo, hi, self._read(lo, hi)
        else:
            # (Openings do not overlap, so a stretch read in parts finds what one read
            # of it would: see _read.)
            if lo < self._from:
                self._found[:0] = self._read(lo, self._from)
                self._from = lo
            if hi > self._to:
                self._found.extend(self._read(self._to, hi))
                self._to = hi
        i = bisect_left(self._found, hi) - 1
        return self._found[i] if i >= 0 and self._found[i] >= lo else -1

    def _read(self, lo: int, hi: int) -> list[int]:
        """Where such people open sentences in ``[lo, hi)``, in order."""
        # Read just the span asked about (a hundred characters or so, between a pronoun
        # and the name taken for it): the questions come one every few hundred
        # characters, and a scan of the whole chapter cost more than all of them. No
        # opening can start inside another, so a scan from just before ``lo`` (a name is
        # at most 4 characters after its opening starts) finds the matches a scan of the
        # whole text would. The scan stops _OPENING_HEAD past ``hi`` (in a text with no
        # capitals it would otherwise run to the chapter's end for every question): what
        # it finds there may be cut short, so each find is matched again in full.
        found: list[int] = []
        pos, starts, text = self.pos, self.starts, self.text
        cut = hi + _OPENING_HEAD
        for m in _OPENING.finditer(text, max(0, lo - 4), cut):
            if m.start(1) >= hi:
                break  # (its name, and every later find's, opens at or past ``hi``)
            # A find that ends _OPENING_TAIL before the cut read no character the cut
            # hid (its word ends before it, and what follows it was seen): it is the
            # match in full. Only one nearer the cut is matched again.
            full = m if m.end() + _OPENING_TAIL <= cut else _OPENING.match(text, m.start())
            if full is None:
                continue
            a = full.start(1)
            if not lo <= a < hi:
                continue
            i = bisect_right(starts, a) - 1
            if i >= 0 and pos[i][0] <= a < pos[i][1]:
                continue  # a tagged character's name
            if self.named_as(full.group(1)):
                found.append(a)
        return found

    def last_narrated(self, lo: int, hi: int) -> int:
        """Where the last such person opens a sentence of the narration in ``[lo, hi)``, or
        -1: one a line of dialogue speaks of ("Priya talks too much.") is talked about,
        not on the page."""
        at = self.last(lo, hi)
        while at >= 0 and in_dialogue(self.text, at):
            at = self.last(lo, at)
        return at


# Someone no name is given as a cue's subject, right before it: "the captain kissed",
# "a stranger held": the person words of fandex/vocab/kin.toml and the titles of
# fandex/vocab/titles.toml.
_NOUNS = sorted({*load_toml("kin.toml")["people"], *(f.lower() for f in FORMS if f.isalpha())})
# (Read as a set only while every noun is plain ASCII letters: then an ASCII word is one
# of them under re.I exactly when its lower case is.)
_NOUN_SET = (
    frozenset(_NOUNS)
    if all(n.isascii() and n.isalpha() and n == n.lower() for n in _NOUNS)
    else None
)
# (The first letter of its determiner in either case comes first, then the look-behind
# and the rest under re.I, so the engine skips between candidates in C: what
# r"\b(?:the|a|an|that|this|another)\s+..." under re.I finds, where the "\b" was tried at
# every position before every cue.)
_UNNAMED_SUBJECT = re.compile(
    r"[tTaA](?<!\w.)(?i:(?<=t)he|(?<=a)|(?<=a)n|(?<=t)hat|(?<=t)his|(?<=a)nother)"
    r"(?i:\s+(?:[a-z-]+\s+)?(?:" + "|".join(_NOUNS) + r")\s+$)"
)

# ... or with where they are after it ("a woman in row F kisses him", "the man at the
# bar kissed her"): a preposition and a few words, up to the cue, none a name's.
_PLACE_WORDS = tuple("in at on by near behind beside across from outside inside".split())
_UNNAMED_PLACED = re.compile(
    r"(?<![\w-])(?i:the|a|an|that|this|another)(?i:\s+(?:[a-z-]+\s+)?(?:"
    + "|".join(_NOUNS)
    + r")\s+(?:"
    + "|".join(_PLACE_WORDS)
    + r")\s+(?:the\s+|a\s+)?[A-Za-z0-9-]+(?:\s+[A-Z0-9][\w-]*)?\s+$)"
)
# Its preposition is a whole word, the second, third or fourth before the cue (then
# "the" or "a", a word, a capitalised one): what is looked at first. (A word not all
# ASCII may be one under re.I: "ſ" is an "s", "İ" and "ı" an "i".)
_PLACE_SET = frozenset(_PLACE_WORDS)

# A sentence that opens with someone no name is given, and their verb ("A man in row K
# tells him about a first date", "The nurse kissed his forehead").
_STRANGER_OPENS = re.compile(
    r"[\s\"“‘'*_]*(?i:the|a|an|another)(?i:\s+(?:[a-z-]+\s+)?(?:"
    + "|".join(_NOUNS)
    + r")(?:\s+(?:in|at|on|by|near|behind|beside|across|from|outside|inside)\s+"
    r"(?:the\s+|a\s+)?[A-Za-z0-9-]+(?:\s+[A-Z0-9][\w-]*)?)?)\s+[a-z]+\b"
)


def stranger_opens(text: str, lo: int, hi: int) -> bool:
    """Whether the sentence ``text[lo:hi]`` opens with a person no name is given and
    their verb ("A man in row K tells him ...").

    >>> stranger_opens("A man in row K tells him about a date.", 0, 38)
    True
    >>> stranger_opens("Aurelio tells him about a date.", 0, 31)
    False
    """
    return _STRANGER_OPENS.match(text, lo, hi) is not None


def unnamed_subject(
    text: str, pos: list[tuple[int, int, str]], starts: list[int], lo: int, c_start: int
) -> bool:
    """Whether a cue at ``c_start`` (its sentence opening at ``lo``) has for subject a
    person no name is given, right before it ("the captain kissed Tobias"), whose words
    are no tagged character's (``pos``, sorted spans; ``starts``, theirs).

    >>> t = "Later the captain kissed Tobias."
    >>> unnamed_subject(t, [(25, 31, "Tobias")], [25], 0, 18)
    True
    >>> unnamed_subject(t, [(6, 17, "Annick Vire"), (25, 31, "Tobias")], [6, 25], 0, 18)
    False
    >>> t = "A woman in row F kisses him on the cheek."
    >>> unnamed_subject(t, [], [], 0, t.index("kisses"))
    True
    """
    a = max(lo, c_start - 40)
    # The subject's noun is the last word before the cue, and whitespace follows it: a
    # look at that word first (the search tried its determiners' common first letters
    # at every position). Only a word all ASCII is judged so: re.I reads "ſ", "K", "İ"
    # and "ı" as ASCII letters.
    if not text[c_start - 1 : c_start].isspace() or c_start <= a:
        return False
    words = text[a:c_start].rsplit(None, 1)
    if not words:
        return False
    m = None
    if _NOUN_SET is None or not words[-1].isascii() or words[-1].lower() in _NOUN_SET:
        m = _UNNAMED_SUBJECT.search(text, a, c_start)
    if m is None:
        # "A woman in row F kisses him": the noun where it is, a place after it.
        b = max(lo, c_start - 60)
        near = " ".join(text[b:c_start].rsplit(None, 4)[-4:-1])
        if not near.isascii() or not _PLACE_SET.isdisjoint(near.lower().split()):
            m = _UNNAMED_PLACED.search(text, b, c_start)
    if m is None:
        return False
    i = bisect_right(starts, c_start) - 1
    return not (i >= 0 and pos[i][1] > m.start())


# A new clause after a kiss's named object: ", and Lou put", "; Lou", ", while Lou".
_NEXT_CLAUSE = re.compile(r"(?:,\s+(?:and|but|while|as|so|then|when)\s+|;\s*|\s+while\s+)")


def named_object_clause(
    text: str, inside: list[tuple[int, int, str]], c_end: int, hi: int
) -> int | None:
    """Where the clause after a kiss's object ends, when the object is a name right after
    the cue ("kissed Grace over the counter, and Lou ..."): the start of the next clause,
    or None (no named object, or no next clause in the sentence).

    >>> t = "Sam kissed Grace over the counter, and Lou laughed."
    >>> named_object_clause(t, [(0, 3, "S"), (11, 16, "G"), (39, 42, "L")], 10, len(t))
    33
    """
    obj = next((p for p in inside if c_end < p[0] <= c_end + 2), None)
    if obj is None:
        return None
    m = _NEXT_CLAUSE.search(text, obj[1], hi)
    return m.start() if m is not None else None


# A plural pronoun as the subject of the cue, a few words before it ("They have been
# married for six years", "we'd slept together"): in a story of two, its two leads.
PLURAL_SUBJECT = re.compile(r"\b(?:they|we)(?:['’][a-z]+)?(?:\s+[a-z]+){0,3}\s+$", re.I)


# How far past a cue sentence read for two a sentence whose subject is "they" or "we"
# may go on about them ("She kissed him. They went back to his flat. They had sex"):
# about two sentences.
GO_ON_REACH = 300


def go_on(
    text: str,
    last: tuple[tuple[str, str], int],
    pos: list[tuple[int, int, str]],
    starts: list[int],
    lo: int,
    c_start: int,
    names: dict[str, int],
) -> tuple[str, ...]:
    """The two people the last cue sentence was read for (``last``: them and where that
    sentence ends), when the cue at ``c_start`` (its sentence from ``lo``) has "they" or
    "we" for its subject, opens at most ``GO_ON_REACH`` past that sentence, and no one
    else is named between or in it (``names``: who is named in it or was taken for it):
    the same two go on ("She kissed him. They had sex."). Else ()."""
    pair, end = last
    if not 0 <= lo - end <= GO_ON_REACH or any(n not in pair for n in names):
        return ()
    if PLURAL_SUBJECT.search(text, max(lo, c_start - 40), c_start) is None:
        return ()
    between = pos[bisect_left(starts, end) : bisect_left(starts, c_start)]
    if any(n not in pair for _s, _e, n in between):
        return ()
    return pair
