"""Characters of a fandom with no pack: proper-name candidates and name clustering.

Runs of capitalised words that are not sentence-initial (or that a dialogue
attribution marks as a speaker: ``said Mara``, ``Mara asked``) are candidate names. A
candidate that the text also uses in lower case is a common word, one that mostly
follows "in"/"to"/"at" or that ends in a place word ("Brockton Bay") is a place, and one
never seen speaking or acting is not tagged. Surviving names are clustered: "Mara",
"Quell" and "Mara Quell" are one character, named by the fullest form. Genders are
guessed from the pronouns that follow the name, for the category tagger. Which
candidates are the work's characters is judged in :mod:`fandex.tag.unknown_cast`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter

from fandex.model import Work
from fandex.tag.aliases import CAP_WORD
from fandex.tag.lowercase import COMMON, COMMON_WORDS
from fandex.tag.mentions import (
    ACTION_VERBS,
    DETERMINERS,
    SPEECH_VERBS,
    WORDS,
    in_dialogue,
    next_word,
    previous_word,
    sentence_initial,
)
from fandex.tag.name_candidate import Candidate
from fandex.tag.name_lines import dateline, letter_salutation, letter_signature, speaker_label
from fandex.tag.nonperson import (
    OFFICES,
    aimed_at_person,
    called_thing,
    noun_phrase,
    place_use,
)
from fandex.tag.note_names import dash_signature, note_greeting
from fandex.tag.propernames_nicknames import merge_clipped, merge_nicknames, merge_short_forms
from fandex.tag.things import THINGS, coinage, named_as_thing
from fandex.tag.titles import title_uses
from fandex.tag.wordfind import first_whole
from fandex.vocab.ao3 import load_toml

STOP = frozenset(WORDS["not_names"]) | frozenset(WORDS["titles"])
# Words no name holds here: STOP and the offices and forms of address ("the Acting Chair",
# "Mademoiselle": fandex.tag.nonperson).
_NO_NAME = STOP | OFFICES
NAMED_THINGS = THINGS | frozenset(load_toml("not_people.toml")["machines"])
# A field of a log or a form, "Mileage: 40.", "Gas: $0": a label and a number, no line said.
_FIELD = re.compile(r"[*_]*:[*_]*[ \t]*[$£€]?\d")
# The determiners a name seldom takes ("the Teeth", "a Greek"); "that", "what", "which"
# and "whose" open a clause a name is the subject of as often ("something that Diego
# never understood").
_ARTICLES = DETERMINERS - {"that", "what", "which", "whose"}
PLACE_HEADS = frozenset(WORDS["place_heads"])
# (A vessel is boarded, never a person: "aboard Kittiwake".)
PLACE_PREPS: frozenset[str] = frozenset(
    "in at to from into near across through toward towards outside aboard onboard".split()
)
_PRONOUN = re.compile(r"\b(he|him|his|himself|she|her|hers|herself)\b", re.I)
# ("her", "hers" and "herself" start as "he" does: the whole word tells the gender.)
_MALE = frozenset({"he", "him", "his", "himself"})
_FUNCTION_WORDS = frozenset(
    "the and to of a was he she it in that his her you i said had with for on at not but".split()
)
_ASCII_WORD = re.compile(r"[a-z]+")
# Every byte but "a".."z" as a space: a UTF-8 text so translated splits into its runs of
# ASCII lower-case letters (a byte of a character past ASCII is never one), what
# ``_ASCII_WORD.findall`` finds, without a regex stepping through every character.
_AZ_ONLY = bytes(b if 97 <= b <= 122 else 32 for b in range(256))
_FUNCTION_BYTES = frozenset(w.encode("ascii") for w in _FUNCTION_WORDS)
_CLAUSE_END = re.compile(r"[.!?;\"“”]")


def looks_english(text: str) -> bool:
    """Whether ``text`` reads as English prose (common function words are frequent)."""
    words = text[:20000].lower().encode("utf-8", "surrogatepass").translate(_AZ_ONLY).split()
    if len(words) < 30:
        return False
    # (Counted in C: a set's membership test mapped over the words.)
    return sum(map(_FUNCTION_BYTES.__contains__, words)) >= 0.12 * len(words)


# The most frequent English words: function words, adverbs, everyday verbs ("Whenever",
# "Perhaps", "Meeting"); a few names among them ("Will", "Hope") are found mid-sentence.
_FREQUENT = frozenset(COMMON_WORDS[:1500])
# (A hyphen and a word of likeness or measure, or an honorific, after a name is no part
# of it: the "Barnaby" of "a Barnaby-shaped hole", the "Frieren" of "Frieren-sama".)
_SUFFIX = (
    r"(?:shaped|sized|like|style|esque|ish|free|less|proof|based|type|level|themed"
    r"|san|sama|chan|kun|senpai|sempai|sensei|dono|ssi|nim)\b"
)
_CAP = rf"[A-ZÀ-ÖØ-Þ](?<![\w'’][A-ZÀ-ÖØ-Þ])\w*(?:['’]\w+|-(?!{_SUFFIX})\w+)*"
# Up to three capitalised words joined by single spaces: "Mara", "Mara Quell".
NAME_RUN = re.compile(rf"{_CAP}(?: {_CAP}){{0,2}}")
# A possessive or a contraction ("Teo's", "Marco'd", "Jo'll"): the name is the word before it.
POSSESSIVE = re.compile(r"['’](?:s|d|ll|ve|re|m)$")
# The small words a title keeps in lower case between its capitalised ones.
_MINOR = (
    "a|an|the|of|in|inside|on|at|to|for|from|with|without|under|over|into|upon|by|beyond"
    "|between|among|beneath|behind|through|and|or"
)
# A title quoted in prose: a capitalised article, capitalised words and at least one
# small word between them ("of A Wheel Inside a Wheel", "The Fall of the House of Usher").
# "And" and "or" are left out here: "The Captain and Mara" joins two people.
# (It opens with a plain character class, so the engine skips ahead in C to an A or T.)
_TITLE_PHRASE = re.compile(
    rf"[AT](?<![\w'’][AT])(?:(?<=A)n?|(?<=T)he)(?: {_CAP})+"
    rf"(?: (?:{_MINOR.replace('|and|or', '')})(?: {_CAP})+)+"
)
# A title-cased heading on a line of its own: capitalised words and small words only, at
# least one small word, no sentence punctuation at its end ("A Preface to the Third
# Edition", "Chapter Two: Mara and the Sea").
_HEADING = re.compile(
    rf"^[ \t]*(?:(?:{_CAP}|{_MINOR}|\d+)[:,]? ){{2,11}}(?:{_CAP}|\d+)[ \t]*$", re.M
)
# The same after a line break (the heading its group): a pattern opening with a literal
# lets the regex engine skip from line to line in C, where "^" has it try every
# character (half the time of the search). The first line is _HEADING's own.
_HEADING_AFTER_BREAK = re.compile(r"\n(" + _HEADING.pattern[1:] + ")", re.M)
_SMALL_WORD = re.compile(rf" (?:{_MINOR}) ")


def title_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds a title-cased title or heading: its capitalised words are
    the title's, not evidence of a name ("Wheel Inside" in "A Wheel Inside a Wheel").

    >>> t = "This is the third edition of A Wheel Inside a Wheel, and Mara wrote it."
    >>> [t[a:b] for a, b in title_spans(t)]
    ['A Wheel Inside a Wheel']
    """
    spans = [m.span() for m in _TITLE_PHRASE.finditer(text)]
    spans += [(a, b) for a, b in heading_spans(text) if _SMALL_WORD.search(text, a, b)]
    return merge_spans(sorted(spans))


def heading_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``_HEADING.finditer(text)``: a heading is a whole line, so its matches
    are the first line's and those after each line break (:data:`_HEADING_AFTER_BREAK`)."""
    first = _HEADING.match(text)
    out = [first.span()] if first is not None else []
    out += [m.span(1) for m in _HEADING_AFTER_BREAK.finditer(text)]
    return out


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans (sorted by start) merged into one."""
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


# Words that are given names as well ("June Okafor", "April Ludgate", "Will Ash";
# mention_words.toml ``names_also_words``): a name in a text that writes one before a
# family name, its lone uses too, except where the word is the month or the verb ("in
# June", "June 5th", "Will you"). ("May" is left out: "May I" opens a question as often.)
NAMES_ALSO_WORDS = frozenset(WORDS["names_also_words"])
# (A first letter, the word boundary checked behind it, then the rests: the engine skips
# in C between candidates, six times faster than r"\b(?:April|...)" over a story. A
# first letter and a rest of two words, "Aill", is no word of the list: filtered.)
_ALSO_NAMED = re.compile(
    rf"([{''.join(sorted({w[0] for w in NAMES_ALSO_WORDS}))}](?<!\w.)"
    rf"(?:{'|'.join(sorted({w[1:] for w in NAMES_ALSO_WORDS}))})) ([A-Z][a-z]+)\b"
)
_DATE_BEFORE = re.compile(
    r"(?:\d+(?:st|nd|rd|th)?|\b(?:in|of|since|until|till|by|early|late|last|next|this|"
    r"every|from|through|mid|before|after|during|that|each|whole))[ \t-]+$",
    re.I,
)
# After the word: a date ("June 5th") or what a verb takes ("Will you", "Will it").
_WORD_AFTER = re.compile(
    r"[ \t]*(?:\d|the[ \t]+\d|(?:first|second|third|you|I|we|he|she|they|it|that|this|"
    r"there|anyone|someone|everyone|the|a|an|your|my|his|her|our|their|not|be|have)\b)",
    re.I,
)


def names_also_words(text: str) -> frozenset[str]:
    """The words of :data:`NAMES_ALSO_WORDS` that ``text`` writes before a family name (a
    capitalised word that is no month, day or other stop word): people's names there.

    >>> names_also_words("June Okafor painted."), names_also_words("In June Harris left.")
    (frozenset({'June'}), frozenset())
    """
    return frozenset(
        m.group(1)
        for m in _ALSO_NAMED.finditer(text)
        if m.group(1) in NAMES_ALSO_WORDS
        and m.group(2) not in STOP
        and not _DATE_BEFORE.search(text, max(0, m.start() - 12), m.start())
    )


def _word_not_name(text: str, start: int, end: int) -> bool:
    """Whether the word at ``[start, end)`` is the month or the verb ("in June", "June
    5th", "Will you")."""
    return bool(
        _DATE_BEFORE.search(text, max(0, start - 12), start) or _WORD_AFTER.match(text, end)
    )


def _sequences(text: str) -> list[tuple[int, int, str]]:
    """Runs of capitalised words, leading stop words and possessives trimmed.

    A run that opens a sentence with an ordinary English word ("Perhaps Reuenthal",
    "Whenever Martin", "Like Robby") loses that word: only the sentence capitalised it.
    Ordinary means one of the most frequent English words, or a common word the text
    also writes in lower case ("Jack Abbot" keeps "Jack" where "jack" never appears).
    A run inside a title-cased title or heading (:func:`title_spans`) is no name.
    """
    out: list[tuple[int, int, str]] = []
    seen: dict[str, list[tuple[int, int, str]]] = {}  # a story repeats the same names
    ordinary: dict[str, bool] = {}
    # Per distinct run (read once per name, not once per use): its first word lower-cased
    # when the run has more words and that word is a common one (else ""), the rest, how
    # far the rest starts, and the run's names.
    opener: dict[str, tuple[str, str, int, list[tuple[int, int, str]]]] = {}
    titles = title_spans(text)
    ends = [b for _a, b in titles]
    allow = names_also_words(text) or None
    for m in NAME_RUN.finditer(text):
        base = m.start()
        if titles:
            i = bisect_right(ends, base)
            if i < len(titles) and titles[i][0] <= base:
                continue
        run = m.group()
        if run[-2:-1] == " " and text[m.end() : m.end() + 1] in "'’":
            run = run[:-2]  # "Stan O' War": an Irish O' cut from the name it opens
        if allow and run.split(" ", 1)[0] in allow:
            if _word_not_name(text, base, base + len(run.split(" ", 1)[0])):
                continue  # "in June": the month, in a text where June is someone
            out.extend((base + a, base + b, form) for a, b, form in _names_of(run, seen, allow))
            continue
        entry = opener.get(run)
        if entry is None:
            first, _, rest = run.partition(" ")
            low = first.lower()
            word = low if rest and low in COMMON else ""
            entry = opener[run] = (word, rest, len(first) + 1, _names_of(run, seen))
        word, rest, skip, got = entry
        if word and sentence_initial(text, base):
            if word not in ordinary:
                ordinary[word] = word in _FREQUENT or (
                    re.search(rf"(?<![\w'’]){re.escape(word)}\b", text) is not None
                )
            if ordinary[word]:
                base += skip
                got = _names_of(rest, seen)
        for a, b, form in got:
            out.append((base + a, base + b, form))
    return out


def _names_of(
    run: str,
    seen: dict[str, list[tuple[int, int, str]]],
    allow: frozenset[str] | None = None,
) -> list[tuple[int, int, str]]:
    """The names in ``run`` as (start, end offset in it, name), remembered in ``seen``
    (``allow``: stop words that are names in this text, :func:`names_also_words`; such runs
    are not remembered)."""
    got = seen.get(run) if allow is None else None
    if got is None:
        got = [
            (at + t[0], at + t[0] + len(t[1]), t[1])
            for at, piece in owner_cut(run)
            if (t := _trim(piece, allow)) is not None
        ]
        if allow is None:
            seen[run] = got
    return got


def owner_cut(run: str) -> list[tuple[int, str]]:
    """``run`` cut after every word but its last that ends in a possessive or a
    contraction, as (offset, piece): "Teo's Sparrow" is Teo and the one Teo calls Sparrow,
    never one person's name (and "Teo", a short form, is no part of it).

    >>> owner_cut("Teo's Sparrow")
    [(0, "Teo's"), (6, 'Sparrow')]
    >>> owner_cut("Mara Quell")
    [(0, 'Mara Quell')]
    """
    out: list[tuple[int, str]] = []
    start = pos = 0
    for word in run.split(" ")[:-1]:
        pos += len(word)
        if POSSESSIVE.search(word):
            out.append((start, run[start:pos]))
            start = pos + 1
        pos += 1
    out.append((start, run[start:]))
    return out


def _is_title(word: str) -> bool:
    """A title or another word that is no name, its plural ("On Sundays Juno woke") or a
    compound of one ("Sub-Lieutenant", "Vice-Admiral")."""
    return (
        word in _NO_NAME
        or (word.endswith("s") and word[:-1] in _NO_NAME)
        or ("-" in word and word.rsplit("-", 1)[1] in _NO_NAME)
    )


def _phrase_compound(word: str) -> bool:
    """A capitalised word joined by hyphens to two or more lower-case words is a phrase
    made into a nickname ("Tevita-at-table-nineteen", "Mr-know-it-all"), not a name;
    "Jean-Luc" and Korean given names ("Ji-hoon": one lower-case part) are names.

    >>> _phrase_compound("Tevita-at-table-nineteen"), _phrase_compound("Ji-hoon")
    (True, False)
    """
    parts = word.split("-")
    return len(parts) >= 3 and sum(p[:1].islower() for p in parts[1:]) >= 2


def _trim(run: str, allow: frozenset[str] | None = None) -> tuple[int, str] | None:
    """(offset, name) for a run of capitalised words, or None if it is not a name
    (``allow``: stop words that are names here, "June")."""
    offset = 0
    words = run.split(" ")
    while words and _is_title(words[0]) and not (allow and words[0] in allow):
        offset += len(words[0]) + 1
        words.pop(0)
    if not words:
        return None
    words[-1] = POSSESSIVE.sub("", words[-1])
    # Shouting ("NO") and initials are not names.
    if any(len(w) > 1 and (w.isupper() or not w[1].isalpha()) for w in words):
        return None
    if any(_phrase_compound(w) or coinage(w) for w in words):
        return None
    if any(w in _NO_NAME and not (allow and w in allow) for w in words):
        return None
    return offset, " ".join(words)


_CONTEXT_SAMPLE = 150
# A story shorter than this (in words) names its leads less often.
SHORT_WORDS = 2000


def find_candidates(work: Work, max_candidates: int = 400) -> list[Candidate]:
    """Cluster proper names of ``work``; counts of where and how each is used."""
    occurrences: dict[str, list[tuple[int, int, int]]] = {}
    texts = {ch.index: ch.text for ch in work.chapters}
    for ch in work.chapters:
        for s, e, form in _sequences(ch.text):
            lst = occurrences.get(form)
            if lst is None:
                if len(occurrences) >= 20 * max_candidates:
                    continue  # pathological input: thousands of distinct capitalised words
                lst = occurrences[form] = []
            lst.append((ch.index, s, e))
    top = sorted(occurrences, key=lambda f: -len(occurrences[f]))[:max_candidates]
    return _with_titles(_cluster({f: _analyse(f, occurrences[f], texts) for f in top}), texts)


def _with_titles(found: list[Candidate], texts: dict[int, str]) -> list[Candidate]:
    """``found`` with the uses of "the Captain" added to the one name the text writes
    after "Captain" (:mod:`fandex.tag.titles`)."""
    owner: dict[str, Candidate | None] = {}
    by_name = {c.name: c for c in found}

    def person_at(_ch: int, _start: int, word: str) -> str | None:
        if not owner:  # built only for a text that writes a title before a name
            for cand in found:
                for w in {w for f in cand.forms for w in f.split()}:
                    # A word two names share is neither's.
                    owner[w] = cand if owner.get(w, cand) is cand else None
        got = owner.get(word)
        return got.name if got is not None else None

    def named_in(name: str, ch: int) -> bool:
        return any(h[0] == ch for h in by_name[name].hits)

    for name, uses in title_uses(texts, person_at, named_in, dict).items():
        got = _analyse(name, [(ch, s, e) for ch, s, e, _k in uses], texts)
        got.det = got.det_speaks = 0  # "the Captain": the title's article, not the name's
        by_name[name].absorb(got)
    return found


def _analyse(form: str, hits: list[tuple[int, int, int]], texts: dict[int, str]) -> Candidate:
    """How a name is used: mid-sentence, speaking, acting, as a place."""
    c = Candidate(hits=hits)
    c.forms[form] = len(hits)
    # How a name is used is clear long before its thousandth use.
    for chapter, s, e in hits[:_CONTEXT_SAMPLE]:
        text = texts[chapter]
        c.sampled += 1
        nxt = next_word(text, e).lower()
        prev = previous_word(text, s)
        if not sentence_initial(text, s):
            c.mid += 1
        spoken = in_dialogue(text, s)
        if not spoken and speaker_label(text, s, e) and not _FIELD.match(text, e):
            c.speaks += 1
            c.labels += 1
        elif not spoken:
            # A letter's writer and the one written to speak, as a speaker does.
            if nxt in SPEECH_VERBS or prev in SPEECH_VERBS or prev == "dear":
                c.speaks += prev != "dear" or letter_salutation(text, s)
            elif (
                letter_signature(text, s, e)
                or note_greeting(text, s, e)
                or dash_signature(text, s, e)
            ):
                c.speaks += 1  # a note's "Ezekiel, ..." and its "— Gunnhild" too
            elif nxt in ACTION_VERBS or (nxt.endswith("ed") and len(nxt) > 3):
                c.acts += 1
        c.thing += (not spoken and named_as_thing(text, s, e)) or called_thing(
            text, s, NAMED_THINGS
        )
        if (
            (prev in PLACE_PREPS and not aimed_at_person(text, s, prev))
            or dateline(text, s, e)
            or place_use(text, s, prev)
        ):
            c.place += 1
        elif noun_phrase(text, s, e, prev):  # "a forged Vermeer", "the big Tesco"
            c.det += 1
        elif prev in _ARTICLES:
            c.det += 1
            # "said the Farmer": an epithet in a speech attribution.
            before = previous_word(text, s - len(prev) - 1)
            if not spoken and (before in SPEECH_VERBS or nxt in SPEECH_VERBS):
                c.det_speaks += 1
    return c


def _cluster(by_form: dict[str, Candidate]) -> list[Candidate]:
    """Merge single names into the one full name they are part of. A run of words seen
    only opening a sentence is a full name only when its first word is seen as a name
    mid-sentence too ("Nora Blake opened the shop", "Nora"): the sentence may have
    capitalised an ordinary word ("Afterwards Isolde came")."""
    owner: dict[str, list[str]] = {}
    for f, c in by_form.items():
        first = by_form.get(f.split(" ", 1)[0])
        if " " in f and (c.mid or (first is not None and first.mid)):
            for part in f.split():
                owner.setdefault(part, []).append(f)
    clusters: dict[str, Candidate] = {f: c for f, c in by_form.items() if " " in f}
    for f, c in by_form.items():
        if " " in f:
            continue
        full = owner.get(f, [])
        target = clusters.get(full[0]) if len(full) == 1 else None
        if target is None:
            clusters[f] = c
            continue
        target.absorb(c)
    return merge_clipped(merge_nicknames(merge_short_forms(clusters)))


def is_common_word(form: str, work: Work) -> bool:
    low = form.lower()
    return any(first_whole(c.text, low, joiners="'’") != -1 for c in work.chapters)


def rare_name(c: Candidate, work: Work) -> bool:
    """Whether every word of ``c``'s name is one English has no use for: none is among
    its common words (``COMMON``) or written in lower case in the text. A sentence
    capitalises "Perhaps" and "Hope"; "Grantaire" it did not need to.
    """
    words = {w for f in c.forms for w in f.split()}
    # ("Forty-one" is two common words; "Hyun-woo" is a name.)
    parts = {p.lower() for w in words for p in w.split("-")}
    if any(p in COMMON or kin_word(p) for p in parts):
        return False
    # A chat may write a name in lower case now and then ("**Elif:** callum"): a word
    # is English when the text writes it so once for every four uses as a name.
    return not any(english_word(w, work, len(c.hits)) for w in words)


def english_word(word: str, work: Work, uses: int) -> bool:
    """Whether the text writes ``word``, used ``uses`` times as a name, in lower case
    too, once at least for every four of those uses: a common word ("jack" the tool).
    A chat may write a name so now and then ("**Elif:** callum")."""
    most = uses // 4
    return _lower_uses(word, work, most) > most


def _lower_uses(word: str, work: Work, most: int) -> int:
    """How often the text writes ``word`` in lower case as a whole word (counted up to
    ``most`` + 1 only)."""
    low, n = word.lower(), 0
    for ch in work.chapters:
        at = first_whole(ch.text, low, joiners="'’")
        while at != -1:
            n += 1
            if n > most:
                return n
            at = first_whole(ch.text, low, joiners="'’", start=at + 1)
    return n


def pronoun_votes(c: Candidate, work: Work) -> Counter[str]:
    """How often a "he" ("M") or a "she" ("F") follows the name in its sentence, with no
    other name between (of its first forty uses)."""
    texts = {ch.index: ch.text for ch in work.chapters}
    votes: Counter[str] = Counter()
    for chapter, _s, e in c.hits[:40]:
        text = texts[chapter]
        stop = _CLAUSE_END.search(text, e, e + 120)
        m = _PRONOUN.search(text, e, stop.start() if stop else e + 120)
        # Only a pronoun in the same sentence with no other name before it counts.
        if m and not CAP_WORD.search(text, e + 1, m.start()):
            votes["M" if m.group(1).lower() in _MALE else "F"] += 1
    return votes


def guess_gender(c: Candidate, work: Work) -> str:
    """ "M" or "F" when the pronouns after the name agree clearly, else "U"."""
    votes = pronoun_votes(c, work)
    total = sum(votes.values())
    if total >= 3:
        g, n = votes.most_common(1)[0]
        if n >= 0.75 * total:
            return g
    return "U"


def _plain(word: str) -> str:
    """``word`` lower-cased, its accents dropped ("Papá" -> "papa")."""
    return "".join(
        ch for ch in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(ch)
    )


# Kin words ("Mama", "Papa", "Nana", "Nonna", "Papá"): what a child calls a relative,
# not a name (read with their accents dropped).
_KIN = load_toml("kin.toml")
_KIN_WORDS = frozenset(
    _plain(w)
    for w in (
        *_KIN["relatives"],
        *_KIN["calls"]["capitalised"],
        *_KIN["calls"]["any_case"],
        *_KIN["titles"]["words"],
    )
)


def kin_word(word: str) -> bool:
    """Whether ``word`` is what a relative is called ("Mum", "Papá", "Nonna").

    >>> kin_word("Papá"), kin_word("Pablo")
    (True, False)
    """
    return _plain(word) in _KIN_WORDS
