"""Who a romance cue is about: the people its sentence names around it, read by rules of
English a reader would state (:mod:`fandex.tag.romance` counts the evidence).

A partner word names its owner or its own name beside it ("Remus's wife", "his wife
Tonks"); "A and B" before what two do together ("holding hands") are its pair, unless a
third is listed with them; "kissed him" and "kissed his wife" say whom the kiss is for, "her
husband kissed Claire" who gives it; "kissed them both" speaks of three as one; who a line of
dialogue, a chat or a letter is between is read in :mod:`fandex.tag.romance_dialogue`;
a pronoun's partner fits its gender; "his husband" is its owner's and the last man named before.
Spans are sorted ``(start, end, name)`` of the characters named in a chapter.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from itertools import groupby
from operator import attrgetter
from typing import cast

from fandex.model import Work
from fandex.tag.characters import Mentions, resolve_mentions
from fandex.tag.characters_narrator import narrator_spans
from fandex.tag.formscan import FormScan
from fandex.tag.lowercase import COMMON
from fandex.tag.mentions import in_dialogue, scan_work
from fandex.tag.propernames import STOP
from fandex.tag.textmemo import forget_with
from fandex.tag.titles import add_title_spans

# Taking or holding a hand, in every tense: a couple's touch in a short story, where a
# kiss may come only once (a weak cue).
HAND_VERBS: tuple[str, ...] = (
    *("take", "takes", "took", "taking", "hold", "holds", "held", "holding"),
    *("squeeze", "squeezes", "squeezed", "squeezing", "catch", "catches", "caught"),
    "catching",
)
_HAND_BEFORE = re.compile(r"\b(?:" + "|".join(HAND_VERBS) + r")\s+[A-Z][\w-]*$")
_IN_ARMS_BEFORE = re.compile(r"\bin\s+[A-Z][\w-]*$")
# What follows the owner's name, and what must come before it.
_TOUCHES = [
    (mark, before)
    for s in ("'s", "’s")
    for mark, before in ((s + " hand", _HAND_BEFORE), (s + " arms", _IN_ARMS_BEFORE))
]
_WITHDRAWN = re.compile(r"\s+(?:away|back)\b", re.I)


def possessed_touches(text: str) -> list[tuple[int, int, bool]]:
    """A hand taken or held, or arms someone is in, by the owner's name ("took Lukas's
    hand", "in Willow's arms": the weak cues "took his hand" and "in his arms" with a
    name), as weak cues (start, end, False) like those of :func:`fandex.tag.romance.cues`.

    >>> t = "Kestrel reached out and took Lukas's hand, and slept in Lukas's arms."
    >>> [t[a:b] for a, b, _ in possessed_touches(t)]
    ["took Lukas's hand", "in Lukas's arms"]
    """
    out: list[tuple[int, int, bool]] = []
    for mark, before in _TOUCHES:
        at = text.find(mark)
        while at >= 0:
            end = at + len(mark)
            found = before.search(text, max(0, at - 40), at)
            if found is not None and not (end < len(text) and text[end].isalnum()):
                out.append((found.start(), end, False))
            at = text.find(mark, end)
    return sorted(out)


def withdrawn(text: str, c_end: int) -> bool:
    """Whether a hand cue ending at ``c_end`` takes the hand away or back ("took her hand
    away": her own)."""
    return _WITHDRAWN.match(text, c_end, c_end + 8) is not None


# Words for a partner: they tie two people only when one of them is named right beside
# the word ("Remus's wife", "her husband Remus", "Tonks, his wife"), never a pair of
# people merely present ("Dev, who had a girlfriend in Croydon"); see ``tied``.
ROLE_NOUNS = frozenset(
    {"lover", "boyfriend", "girlfriend", "husband", "wife", "partner"}
    | {"fiance", "fiancee", "fiancé", "fiancée"}
)
_ROLE_BEFORE = re.compile(
    r"(?:['’]s|,\s+(?:his|her|their|my|your|\w+['’]s))\s+(?:[a-z-]+\s+)?", re.I
)
_ROLE_AFTER = re.compile(r"[\s,]{1,3}")


def tied(text: str, inside: list[tuple[int, int, str]], c_start: int, c_end: int) -> bool:
    """Whether a partner word at ``[c_start, c_end)`` has a name beside it: its owner's
    ("Remus's wife", "Tonks, his wife") or its own ("his wife Tonks", "wife, Tonks").

    >>> t = "Remus's wife came in."
    >>> tied(t, [(0, 5, "Remus")], 8, 12), tied("Dev, who had a wife", [(0, 3, "Dev")], 15, 19)
    (True, False)
    """
    for s, e, _n in inside:
        if e <= c_start and _ROLE_BEFORE.fullmatch(text, e, c_start):
            return True
        if s >= c_end and _ROLE_AFTER.fullmatch(text, c_end, s):
            return True
    return False


# Cues that two people do together: their subject is the pair ("A and B made love").
RECIPROCAL = frozenset(
    {"holding hands", "held hands", "hand in hand", "kissing", "made love", "making love"}
    | {"had sex", "having sex", "made out", "making out", "in bed together", "shared a bed"}
    | {"dating", "married", "lovers", "laced their fingers", "intertwined their fingers"}
    | {"fingers laced", "fingers intertwined"}
    | {"slept together", "sleeping together", "sleep together", "moved together", "moving together"}
)
_AND = re.compile(r"\s+(?:and|&)\s+")


def together(text: str, before: list[tuple[int, int, str]], alone: bool = False) -> set[str]:
    """The last two different people named as "A and B" among ``before`` (sorted
    (start, end, name) spans), else an empty set; ``alone``: not when a third is listed
    with them ("Bea, Iris and Noel" names three, not a couple)."""
    for i in range(len(before) - 2, -1, -1):
        (_s1, e1, a), (s2, _e2, b) = before[i], before[i + 1]
        if a != b and _AND.fullmatch(text, e1, s2):
            if alone and i > 0 and listed(text, before[i - 1 : i + 2]):
                return set()
            return {a, b}
    return set()


_LIST = re.compile(r"\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+")


def listed(text: str, spans: list[tuple[int, int, str]]) -> bool:
    """Whether three different people are named as one list ("Bea and Iris and Noel",
    "Cass, Juno and Teo"): three consecutive names of ``spans`` with only commas or
    "and" between them."""
    for i in range(len(spans) - 2):
        (_a, e1, x), (s2, e2, y), (s3, _b, z) = spans[i : i + 3]
        if len({x, y, z}) == 3 and _LIST.fullmatch(text, e1, s2) and _LIST.fullmatch(text, e2, s3):
            return True
    return False


# A cue addressed to two at once ("kissed them both", "in love with both of them", "I
# love you both"), read right after it: with three people named in its sentence, the
# romance is the three's together.
_TO_TWO = re.compile(
    r"\s+(?:both of (?:them|us|you)|(?:them|us|you) both|all three of (?:them|us|you))\b",
    re.I,
)
_BOTH = re.compile(r"\s+(?:both|all three)\b", re.I)


def to_two(text: str, c_start: int, c_end: int) -> bool:
    """Whether the cue at ``[c_start, c_end)`` is addressed to two people at once.

    >>> to_two("Ilsa kissed them both.", 5, 11), to_two("I love you both.", 2, 10)
    (True, True)
    >>> to_two("She kissed both cheeks.", 4, 10)
    False
    """
    if _TO_TWO.match(text, c_end, c_end + 25):
        return True
    return text[c_start:c_end].lower().endswith(" you") and bool(_BOTH.match(text, c_end))


# The object pronoun before what two do together ("found them kissing").
THEM = re.compile(r"\bthem\s+$", re.I)
# A declaration to or from a group.
GROUP_BEFORE = re.compile(r"\bwe\s+(?:all\s+)?$", re.I)
GROUP_AFTER = re.compile(r"\s+(?:both|all|guys|everyone|two)\b", re.I)
# An object pronoun right after a cue ("kissed him") and how far past the cue a name
# may still be its person.
OBJECT_AFTER = re.compile(r"\s+(?:him|her|them)\b", re.I)
OBJECT_REACH = 30
# A partner word after its determiner: the two parts apart, for ROLE_SUBJECT's fast form.
_ROLE_WORD = (
    r"\s+(?:new\s+)?(?:wife|husband|bride|groom|girlfriend|boyfriend|fianc\w*|partner|lover)\b"
)
_ROLE_PHRASE = r"(?:his|her|their|my|your|the)" + _ROLE_WORD
ROLE_OBJECT = re.compile(r"\s+" + _ROLE_PHRASE, re.I)
# ... and a partner word as the kiss's subject ("Anna watched her husband kiss Claire").
# (The first letter of its determiner in either case comes first, then the look-behind
# and the rest under re.I, so the engine skips between candidates in C: what
# r"\b" + _ROLE_PHRASE + r"\s+$" under re.I finds, searched before every kiss.)
ROLE_SUBJECT = re.compile(
    r"[hHtTmMyY](?<!\w.)(?i:(?<=h)is|(?<=h)er|(?<=t)heir|(?<=m)y|(?<=y)our|(?<=t)he)"
    + "(?i:"
    + _ROLE_WORD
    + r"\s+$)"
)


def pick_pair(
    ranked: list[str], wanted: set[str], gender: dict[str, str], here: frozenset[str] = frozenset()
) -> tuple[str, str] | None:
    """The two nearest names whose genders fit the sentence's pronouns.

    "He kissed her" wants a man and a woman; a name of unknown gender fits anything. A
    name from before the sentence (not in ``here``) stands for one of its pronouns, so
    its gender must be one of theirs ("Sanji kissed him" is not about Robin).
    None when no pair fits: no guess rather than a wrong one.
    """
    fits = ("U", *wanted)
    for i, a in enumerate(ranked):
        ga = gender.get(a, "U")
        if wanted and a not in here and ga not in fits:
            continue  # no pair with ``a`` fits
        for b in ranked[i + 1 :]:
            gb = gender.get(b, "U")
            if wanted and b not in here and gb not in fits:
                continue
            if ga == "U" or gb == "U" or not wanted or wanted <= {ga, gb}:
                return a, b
    return None


_ANY_PRONOUNS = frozenset({"M", "F"})


def pair_whatever_pronouns(ranked: list[str], gender: dict[str, str]) -> tuple[str, str] | None:
    """What :func:`pick_pair` gives for ``ranked``, all named in the sentence, whatever
    its pronouns: its first two, when they are a man and a woman or one of unknown
    gender; else None (the pronouns then decide, and are read: reading them is a scan
    of the sentence).

    >>> pair_whatever_pronouns(["Ada", "Ben"], {"Ada": "F", "Ben": "M"})
    ('Ada', 'Ben')
    >>> pair_whatever_pronouns(["Ada", "Bea", "Ben"], {"Ada": "F", "Bea": "F", "Ben": "M"}) is None
    True
    """
    if len(ranked) < 2:
        return None
    # (pick_pair tries the first two first; any pronouns' genders, a subset of {"M",
    # "F"}, fit these two.)
    a, b = ranked[0], ranked[1]
    ga, gb = gender.get(a, "U"), gender.get(b, "U")
    return (a, b) if ga == "U" or gb == "U" or {ga, gb} == _ANY_PRONOUNS else None


def has_object(text: str, inside: list[tuple[int, int, str]], c_end: int) -> bool:
    """Whether a cue has its own object right after it ("kissing Iris's knuckles",
    "kissing him"): then it is not one both people of a pair do together."""
    return OBJECT_AFTER.match(text, c_end, c_end + 6) is not None or any(
        s == c_end + 1 and text[c_end] == " " for s, _e, _n in inside
    )


# A partner word owned by a pronoun ("knelt down beside his husband"), and the gender a
# partner word gives its partner ("lover" and "partner" give none: a colleague is a
# partner as often).
_OWNED = re.compile(r"\b(his|her)\s+(?:[a-z-]+\s+)?$", re.I)
PARTNER_GENDER = {
    **dict.fromkeys(("wife", "girlfriend", "fiancee", "fiancée"), "F"),
    **dict.fromkeys(("husband", "boyfriend", "fiance", "fiancé"), "M"),
}
_SUBJECT_PRONOUN = re.compile(r"\b(?:he|she|they|i|you|we|him|her|his|them)\b", re.I)
OWNED_REACH = 600


def owned_partner(
    text: str,
    window: tuple[int, int],
    cue: tuple[int, int],
    pos: list[tuple[int, int, str]],
    starts: list[int],
    gender: dict[str, str],
) -> tuple[str, str, int] | None:
    """The couple a partner word owned by a pronoun speaks of, as (owner, partner, where
    the partner is named): "Benedek knelt down beside his husband" names Benedek, the one
    the sentence is about before any pronoun, and his husband is the last man named
    before the sentence (within ``OWNED_REACH`` characters). A sentence that names no
    one ("once she had learned to know her husband") is its owner's, the last person of
    the pronoun's gender named before it. None when the sentence names anyone but its
    owner alone, as its subject, of the pronoun's gender ("He told Molly about his
    wife": Molly, named in it, is not the wife), in dialogue, or unless the partner's
    gender, which the word gives, is known to fit."""
    (lo, hi), (c_start, c_end) = window, cue
    owned = _OWNED.search(text, max(lo, c_start - 30), c_start)
    want = PARTNER_GENDER.get(text[c_start:c_end].lower())
    if owned is None or want is None or in_dialogue(text, c_start):
        return None
    inside = pos[bisect_left(starts, lo) : bisect_right(starts, hi - 1)]
    mine = "M" if owned.group(1).lower() == "his" else "F"
    before = pos[bisect_left(starts, max(0, lo - OWNED_REACH)) : bisect_left(starts, lo)]
    if not inside:
        # "She had learned to know her husband": its owner is the last person of the
        # pronoun's gender named before, its partner the last of the word's other than her.
        owner = next((n for _s, _e, n in reversed(before) if gender.get(n, "U") == mine), None)
        if owner is None:
            return None
    elif len({n for _s, _e, n in inside}) != 1 or inside[0][0] > c_start:
        return None
    else:
        o_start, _o_end, owner = inside[0]
        if _SUBJECT_PRONOUN.search(text, lo, o_start):
            return None  # the sentence is about someone it does not name
        if gender.get(owner, "U") != mine:
            return None
    for s, _e, n in reversed(before):
        if n != owner and gender.get(n, "U") == want:
            return owner, n, s
    return None


# A capitalised word that may be a name (not one before an apostrophe's letters, "Don't",
# nor one before a comma: a sentence's opening adverb, "Afterwards,").
# (The capital first, the word boundary before it checked after it: the engine skips to
# capitals in C, where r"\b[A-Z]..." was tried at every position of the span.)
_CAPITALISED = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]{2,}\b(?!['’](?!s\b)\w)(?!,)")
# ("that" is no determiner here: "he knew that Alan would" is its common use before a name.)
_DETERMINERS = frozenset({"the", "a", "an", "this", "every", "each", "no", "some"})


class NamesSeen:
    """Which capitalised words of a chapter are names of people the characters are not:
    a word the text capitalises twice or more, never after "the" ("the Alpha") and never
    in lower case (a sentence's opening "Gradually" is neither), that is no word of a
    tagged character's name ("Charles" of Charles Augustus Magnussen), no common word
    and no title. Read once per word."""

    def __init__(self, text: str, lowered: str, pos: list[tuple[int, int, str]]) -> None:
        self.text = text
        self.lowered = lowered
        self.pos = pos
        self.tagged: set[str] | None = None  # read at the first word asked about
        self.known: dict[str, bool] = {}

    def __call__(self, word: str) -> bool:
        got = self.known.get(word)
        if got is None:
            got = self.known[word] = self._read(word)
        return got

    def _read(self, word: str) -> bool:
        if self.tagged is None:
            self.tagged = {w for n in {p[2] for p in self.pos} for w in n.split()}
        if word in self.tagged or word.lower() in COMMON or word in STOP:
            return False
        # Counted in C: an occurrence in another case ("rosa") counts in the lower-cased
        # text only (a longer word holding it, "Rosalind", counts in both alike).
        seen = self.text.count(word)
        if seen < 2:
            return False
        if self.lowered.count(word.lower()) > seen and self._in_lower_case(word.lower()):
            return False
        at = self.text.find(word)
        while at >= 0:
            before = self.text[max(0, at - 12) : at].split()
            if before and before[-1].lower() in _DETERMINERS:
                return False
            at = self.text.find(word, at + len(word))
        return True

    def _in_lower_case(self, low: str) -> bool:
        """Whether the text writes ``low`` as a whole word in lower case: "balance" holds
        "alan" but is no use of the name "Alan" in lower case."""
        low_text, n = self.lowered, len(low)
        # (The lower-cased text may be the padded scan, one character ahead.)
        off = len(low_text) - len(self.text)
        at = low_text.find(low)
        while at >= 0:
            end = at + n
            if (
                self.text[at - off].islower()
                and not (at > 0 and low_text[at - 1].isalpha())
                and not (end < len(low_text) and low_text[end].isalpha())
            ):
                return True
            at = low_text.find(low, end)
        return False


def someone_else(
    text: str,
    span: tuple[int, int],
    pos: list[tuple[int, int, str]],
    starts: list[int],
    named_as: NamesSeen,
) -> bool:
    """Whether the words of a cue's sentence before the cue (``span``) name a person who
    is none of the tagged characters ("Rosa came over and kissed her husband"): the cue
    is then that person's, and its pronouns are not the characters named before the
    sentence."""
    for m in _CAPITALISED.finditer(text, *span):
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and pos[i][0] <= m.start() < pos[i][1]:
            continue  # a tagged character's name
        if named_as(m.group()):
            return True
    return False


# A line of a script or a chat ("**Hinata:** I love you", "ADA: Stay."): who speaks it,
# before the colon that opens it.
Regions = dict[int, list[tuple[int, int]]]


# A word of a pack character's name that may name them alone: capitalised, three letters
# at least ("Hugh", "Culber"; not "T." nor "of"), read outside brackets ("(Good Omens)").
_NAME_WORD = re.compile(r"\b[A-Z][a-z]{2,}(?:[-'’][A-Z]?[a-z]+)?\b")
_BRACKETED = re.compile(r"\([^)]*\)")
# Where a work's scan keeps how often its text writes each such word.
_COUNTS = "romance_people: name-word counts"


def character_positions(
    work: Work, regions: Regions | Callable[[], Regions] | None = None
) -> dict[int, list[tuple[int, int, str]]]:
    """Per chapter, sorted (start, end, character) for the work's tagged characters.

    Names no pack resolves are searched for only within ``regions`` (per chapter,
    sorted and non-overlapping) when given: the places near romance cues; a function
    that makes them is called only when such a name is searched for.
    """
    tagged = {t.name: t for t in work.tags_of("character") if not t.attrs.get("rejected")}
    mentions = resolve_mentions(work)
    found = {name for name in mentions if name in tagged}
    pack = _pack_positions(mentions, found)
    out = {ch: list(spans) for ch, spans in pack.items()}
    # Characters no pack resolves (unknown fandom, stated extras): find their names and
    # the short forms the character tagger saw ("Sieg" for "Siegfried"). A name word two
    # of them share ("Uchiha") names neither.
    owners: dict[str, set[str]] = {}
    for name in sorted(set(tagged) - found):
        short = tagged[name].attrs.get("short_forms")
        extra = [str(f) for f in short] if isinstance(short, list) else []
        for f in {name, *name.split(), *extra}:
            # (A tagged name of two letters, "Jo", "Vi", is searched whole; a word of
            # two inside a longer name, "Le" of "Le Fay", names no one alone.)
            if (len(f) >= 3 or (f == name and f[:1].isupper())) and f not in STOP:
                owners.setdefault(f, set()).add(name)
    counts = cast(dict[str, int], scan_work(work).derived.setdefault(_COUNTS, {}))
    for name in sorted(found):
        # A pack's character by a word of the name the pack lists no alias for ("Hugh"
        # of Hugh Culber, named in full once): no other tagged character's word, never a
        # common word ("Will", "Rose": a sentence's opening as often as a name), and only
        # a word the text writes more often than the pack found the character (counted
        # in C: most works' pack characters are found by every name they go by, and a
        # scan for their words cost a tenth of the relationship reading).
        hits = len(mentions[name].hits)
        for f in _NAME_WORD.findall(_BRACKETED.sub(" ", name)):
            if f in STOP or f.lower() in COMMON:
                continue
            # (Counted once per work: the kinship, friendship and pronoun readings ask
            # again. Kept with the work's scan, which lasts while its texts do.)
            n = counts.get(f)
            if n is None:
                n = counts[f] = sum(ch.text.count(f) for ch in work.chapters)
            if n > hits:
                owners.setdefault(f, set()).add(name)
    forms = {f: next(iter(names)) for f, names in owners.items() if len(names) == 1}
    if forms:
        scan = _form_scan(forms)
        if callable(regions):
            regions = regions()
        for ch in work.chapters:
            spans = [(0, len(ch.text))] if regions is None else regions.get(ch.index, [])
            if not spans:
                continue
            # One stretch of text names one person: where a pack's character is named
            # ("Draco" of Draco Malfoy), a stated name with the same word ("Draco M.") is
            # that character under another spelling, never a second person there (who
            # would otherwise be "in" every sentence with him: a couple with himself).
            # The pack's spans (sorted already) are read only once a form is found in
            # the chapter: most regions hold none, and a novel's chapter has thousands.
            known: list[tuple[int, int]] | None = None
            starts: list[int] = []
            for a, b in spans:
                for m in scan.finditer(ch.text, a, b):
                    if known is None:
                        known = [(s, e) for s, e, _ in pack.get(ch.index, [])]
                        starts = [s for s, _ in known]
                    if _overlaps(known, starts, m.start(), m.end()):
                        continue
                    out.setdefault(ch.index, []).append((m.start(), m.end(), forms[m.group()]))
        # "the Captain" for the one character the text names "Captain Vire".
        add_title_spans({c.index: c.text for c in work.chapters}, out, forms)
    narrator = next((n for n, t in tagged.items() if t.attrs.get("narrator")), None)
    if narrator is not None:
        # The narrator of a story told in "I" is named by every "I" of its narration.
        if callable(regions):
            regions = regions()
        for ch in work.chapters:
            spans = [(0, len(ch.text))] if regions is None else regions.get(ch.index, [])
            got = [(s, e, narrator) for s, e in narrator_spans(work, ch.text, spans)]
            if got:
                out.setdefault(ch.index, []).extend(got)
                out[ch.index].sort()
    # The pack's spans come sorted: only a chapter's list that grew is sorted again.
    for index, lst in out.items():
        if len(lst) != len(pack.get(index, [])):
            lst.sort()
    return out


# The pattern of a work's name forms, per set of forms: the romance, friendship and
# kinship readings each ask for the same work's, and a work of many characters no pack
# knows has thousands of forms, whose pattern took longer to write out than to run.
def _forms_pattern(forms: Iterable[str]) -> re.Pattern[str]:
    """One pattern finding any of ``forms`` as a whole word, the longest first."""
    return _forms_pattern_of(tuple(forms))


def _form_scan(forms: Iterable[str]) -> FormScan:
    """:func:`_forms_pattern`'s search, tried where Vectorscan finds a form."""
    return _form_scan_of(tuple(forms))


@functools.lru_cache(maxsize=16)
def _form_scan_of(forms: tuple[str, ...]) -> FormScan:
    return FormScan(forms, _forms_pattern_of(forms))


@functools.lru_cache(maxsize=16)
def _forms_pattern_of(forms: tuple[str, ...]) -> re.Pattern[str]:
    # Each form opens with its first character and only then looks behind it (not
    # inside a word): a pattern whose every branch opens with a literal lets the
    # engine skip to candidates in C, where a look-behind first was tried at every
    # position of the regions (most of a chapter). The branches keep their order.
    return re.compile(
        "(?:"
        + "|".join(
            re.escape(f[0]) + r"(?<![\w'’]" + re.escape(f[0]) + ")" + re.escape(f[1:])
            for f in sorted(forms, key=len, reverse=True)
        )
        + r")(?![\w’])"
    )


# Per work, the (start, end, name) of its pack characters' mentions: the same for every
# reading of the work (the romance, friendship and kinship readings each ask), as long as
# the mentions (cached per scan) and the tagged characters are the same. The mentions
# are held, so their id is not reused while remembered.
_PackPositions = dict[int, list[tuple[int, int, str]]]
_pack_cache: dict[int, tuple[object, frozenset[str], _PackPositions]] = {}
_PACK_CACHE_SIZE = 8
forget_with(_pack_cache.clear)  # emptied once no work is being tagged


def _pack_positions(mentions: dict[str, Mentions], names: set[str]) -> _PackPositions:
    """Per chapter, the sorted (start, end, name) of the mentions of ``names`` (shared
    lists: copy them before changing them)."""
    key = frozenset(names)
    got = _pack_cache.get(id(mentions))
    if got is not None and got[0] is mentions and got[1] == key:
        return got[2]
    out: _PackPositions = {}
    for name, ms in mentions.items():
        if name in key:
            # A chapter's run of hits at a time (the hits come chapter by chapter): a
            # main character has thousands in a novel.
            for chapter, run in groupby(ms.hits, attrgetter("chapter")):
                out.setdefault(chapter, []).extend([(h.start, h.end, name) for h in run])
    for lst in out.values():
        lst.sort()
    if len(_pack_cache) >= _PACK_CACHE_SIZE:
        _pack_cache.pop(next(iter(_pack_cache)))
    _pack_cache[id(mentions)] = (mentions, key, out)
    return out


def _overlaps(spans: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    """Whether ``[s, e)`` overlaps one of ``spans`` (sorted, not overlapping each other,
    as a pack's hits are; ``starts`` their starts): only the last span starting before
    ``e`` can, since every earlier one ends before that one starts."""
    i = bisect_left(starts, e)
    return i > 0 and spans[i - 1][1] > s
