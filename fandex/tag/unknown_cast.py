"""The cast of a work whose fandom has no pack: which proper names are its characters.

:mod:`fandex.tag.propernames` finds the candidates (runs of capitalised words, clustered,
with what each is seen doing); here they are judged: the names seen often enough on the
stage, then for a story naming fewer than two the leads it names only a few times
(:func:`sparse_leads`), and the people its summary names (:func:`summary_leads`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_right

from fandex.model import Evidence, Tag, Work
from fandex.tag.addressed import ROLES, caps_speakers, spoken_to
from fandex.tag.characters_narrator import (
    inflected_word,
    says_own_name,
    told_by,
    vocative_narrator,
)
from fandex.tag.lowercase import COMMON
from fandex.tag.mentions import (
    DETERMINERS,
    in_dialogue,
    mentions_per_thousand,
    previous_word,
    quote,
)
from fandex.tag.name_candidate import Candidate
from fandex.tag.name_lines import letter_signature
from fandex.tag.nonperson import called_thing, foreign_place, kind_or_place, noun_phrase
from fandex.tag.propernames import (
    NAME_RUN,
    NAMED_THINGS,
    PLACE_HEADS,
    PLACE_PREPS,
    POSSESSIVE,
    SHORT_WORDS,
    STOP,
    english_word,
    find_candidates,
    guess_gender,
    is_common_word,
    kin_word,
    looks_english,
    pronoun_votes,
    rare_name,
)
from fandex.tag.things import after_owner

_MARK = re.compile(r"[A-Z]|\d+")
# Number words: "Fourteen." counted aloud is no one's name.
_NUMBER = re.compile(
    r"(?i:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|thousand|million)"
)


# How many of a work's most named candidates, and of each one's uses, are read for the
# ones spoken to (enough to decide; bounded for long works).
_HEARD, _HEARD_USES = 40, 60


def hear(found: list[Candidate], work: Work) -> list[Candidate]:
    """``found`` (most named first) with, on the first of them, the uses spoken to
    counted (:func:`fandex.tag.addressed.spoken_to`: ``addressed``), and the lines a
    script opens with a name in capitals ("STAN: ..."): uses and speech of the candidate
    written so ("Stan", or the one name holding the word, "Shawn Spencer" for
    "SPENCER:"), else of a new candidate, when no word of it is a common one or a
    role ("CALLER:", :data:`fandex.tag.addressed.ROLES`)."""
    texts = {ch.index: ch.text for ch in work.chapters}
    labels: dict[str, list[tuple[int, int, int]]] = {}
    for i, text in texts.items():
        for name, spans in caps_speakers(text).items():
            labels.setdefault(name, []).extend((i, s, e) for s, e in spans)
    for c in found[:_HEARD]:
        c.addressed = sum(spoken_to(texts[i], s, e) for i, s, e in c.hits[:_HEARD_USES])
    if not labels:
        return found
    out = list(found)
    for name, said in labels.items():
        if any(w in ROLES for w in name.split()):
            continue
        owners = [c for c in found if name in c.forms]
        if not owners and " " not in name:
            owners = [c for c in found if any(name in f.split() for f in c.forms)]
        if len(owners) == 1:
            c = owners[0]
        elif owners or any(
            w.lower() in COMMON or w in STOP or english_word(w, work, len(said))
            for w in name.split()
        ):
            continue
        else:
            c = Candidate()
            c.forms[name] = 0
            out.append(c)
        # (Each label is a use of the name, as "Stan said" would be.)
        c.forms[name] += len(said)
        c.hits = sorted(c.hits + said)
        c.speaks, c.labels = c.speaks + len(said), c.labels + len(said)
        c.sampled += len(said)
    return sorted(out, key=lambda c: -len(c.hits))


def _fold(word: str) -> str:
    """``word`` without its accents ("Róisín" -> "Roisin")."""
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))


def join_short_forms(found: list[Candidate], work: Work) -> list[Candidate]:
    """``found`` with a short form written as a name joined to the longer name it opens,
    where :func:`fandex.tag.propernames.find_candidates` leaves them apart: a two-letter
    one ("Mo" of "Morwenna", "Jo" of "Jocasta") or one English uses ("Pet" of "Petronella
    Ashcombe"), seen mid-sentence (or spoken to, or a script's speaker, "MO:"), the text
    writing it in lower case seldom; or one two spellings of a name start with ("Stan" of
    "Stanislaus" and "Stanisław", joined to the more used). A writer names a lead in full
    once and by the short form after. The longer name is no common word and no place,
    and no other name's word starts as it does."""
    words: dict[str, list[Candidate]] = {}
    for c in found:
        for w in {w for f in c.forms for w in f.split()}:
            words.setdefault(_fold(w), []).append(c)
    ordered = sorted(words)  # the words a short form opens sit right after it
    gone: set[int] = set()
    for c in found:
        key = _fold(c.name)
        if " " in key or len(key) < 2 or c.mid + c.labels + c.addressed < 1:
            continue
        longer = []
        for w in ordered[bisect_right(ordered, key) :]:
            if not w.startswith(key):
                break
            if len(w) >= len(key) + 2 and w.lower() not in COMMON:
                longer.append(w)
        same = max(len(key) + 2, 5)  # two spellings of one name ("Stanis-laus", "-ław")
        if not longer or any(w[:same] != longer[0][:same] for w in longer):
            continue
        owners = {id(o): o for w in longer for o in words[w] if o is not c and id(o) not in gone}
        if not owners:
            continue
        target = max(owners.values(), key=lambda o: len(o.hits))
        if len(owners) > 1 and len(longer) == 1:
            continue  # two people of one name
        if len(c.name) > 2 and len(longer) == 1 and c.name.lower() not in COMMON:
            continue  # (propernames joined it, or chose not to)
        if 2 * (target.place + c.place) >= max(target.sampled + c.sampled, 1):
            continue
        if english_word(c.name, work, len(c.hits)):
            continue  # (read last: it reads the whole text)
        target.absorb(c)
        target.addressed += c.addressed
        gone.add(id(c))
    return [c for c in found if id(c) not in gone]


def not_person(c: Candidate, work: Work) -> bool:
    """Whether ``c`` is a place or a kind whatever it is seen doing: a place's foreign
    word ("Couloir Sept"), or a well-known place or a breed ("Chicago", "Labrador",
    :mod:`fandex.tag.nonperson`) that no "he" or "she" follows twice."""
    if foreign_place(c.name):
        return True
    return kind_or_place(c.name) and sum(pronoun_votes(c, work).values()) < 2


def epithet_article(c: Candidate) -> bool:
    """Whether ``c`` is mostly written after an article ("the Teeth", "the Greeks", "a
    forged Vermeer", "the big Tesco"), and so no person's name, unless it is seen speaking:
    an epithet ("said the Farmer", "said the Mole")."""
    return c.det * 2 >= c.sampled and not c.det_speaks


def on_stage(c: Candidate) -> int:
    """The uses of ``c`` that put it on the stage: speaking, acting or spoken to."""
    return c.speaks + c.acts + c.addressed


def designator(c: Candidate, work: Work) -> bool:
    """Whether ``c`` names a thing by a number ("Fourteen", "Forty-One") or by a word and
    a mark ("Trench D", "Room 4", "Block C"): its last word a capital letter or a number,
    every word before it one English uses (in ``COMMON``, or written in lower case in the
    text, "the trench edge"), and no "he" or "she" after it twice. (A person so named,
    "Agent K", is followed by their pronoun; "Malcolm X" is no English word.)

    >>> from collections import Counter
    >>> from fandex.model import Chapter
    >>> w = Work(chapters=[Chapter(1, text="Trench D: the trench. We met Malcolm X.")])
    >>> designator(Candidate(hits=[(1, 0, 8)], forms=Counter({"Trench D": 1})), w)
    True
    >>> designator(Candidate(hits=[(1, 29, 38)], forms=Counter({"Malcolm X": 1})), w)
    False
    """
    words = c.name.split()
    if all(_NUMBER.fullmatch(p) for w in words for p in w.split("-")):
        return True
    if len(words) < 2 or _MARK.fullmatch(words[-1]) is None:
        return False
    if not all(w.lower() in COMMON or english_word(w, work, 1) for w in words[:-1]):
        return False
    return sum(pronoun_votes(c, work).values()) < 2


def owned_phrase(c: Candidate, work: Work) -> bool:
    """Whether ``c`` is the second word of a title-cased phrase, not a person: one word
    English uses (not :func:`fandex.tag.propernames.rare_name`, or its singular is),
    every use of it right after a capitalised possessive
    (:func:`fandex.tag.things.after_owner`: "Serpent's Teeth", a book's name), never
    heard speaking or spoken to, and seldom a "he" or "she" after it. A nickname so made
    ("Teo's Sparrow") is used alone too, or speaks."""
    if " " in c.name or c.speaks or c.addressed:
        return False
    texts = {ch.index: ch.text for ch in work.chapters}
    if not all(after_owner(texts[i], s) for i, s, _e in c.hits):
        return False
    # (A plural is English when its singular is: "Bones", "Wings".)
    plural = c.name.endswith("s") and c.name[:-1].lower() in COMMON
    # (A "he" a sentence on may be another's: one in four uses is allowed.)
    he_she = sum(pronoun_votes(c, work).values())
    return (plural or not rare_name(c, work)) and 4 * he_she <= len(c.hits)


def sparse_leads(
    work: Work,
    found: list[Candidate],
    kept: list[Candidate],
    room: int,
    unvoiced: set[int] | None = None,
) -> list[Candidate]:
    """The people of a story that names fewer than two at the full bar: a name seen twice
    or more, mid-sentence at least once, on the stage (speaking or acting) at least once,
    followed by "he" or "she" at least once, never used as a place, not mostly after an
    article, not a common word, not a kin word ("Mama") and not already ``kept``; at
    most ``room``. A story told in the first person, or
    told mostly in "he" and "she", names its leads a few times only: in the works written
    for calibration the other lead of such a story was often named two or three times
    only. ``found``: the work's candidates (:func:`find_candidates`), most named first.
    Beside a lead found already (at the full bar or here), a name no pronoun follows is
    one still when English has no use for it (:func:`rare_name`: "Mahsa", "Kaveh
    Ansari"), added by identity to ``unvoiced``: such a name is as often a side
    character an author leaves untagged (over the spent sets, session 19, 4 of 7 were
    tagged by the author), shown under the bar (``UNVOICED_CONFIDENCE``) but a lead the
    relationship tagger may pair.
    """
    if unvoiced is None:
        unvoiced = set()
    have = {id(c) for c in kept}
    out: list[Candidate] = []
    for c in found:  # most named first
        if len(out) >= room:
            break
        if id(c) in have or len(c.hits) < 2 or c.mid < 1 or on_stage(c) < 1:
            continue
        words = c.name.split()
        if len(c.name) < 2:  # "the letter Z", "Z is short"
            continue
        if any(map(kin_word, words)) or any(w in STOP for w in words):
            continue
        if c.place or words[-1] in PLACE_HEADS or not_person(c, work):
            continue  # "in Manhattan" once is a place's use
        if c.thing and not c.labels:
            continue  # "the spring was called Gerald"
        if epithet_article(c):
            continue
        if any(c.name == k.name for k in kept):
            continue
        if " " not in c.name and is_common_word(c.name, work):
            continue
        if owned_phrase(c, work):
            continue
        # A person's name is followed by "he" or "she" somewhere ("Rhys sat down and
        # closed his eyes"); a planet, a play or a street that "falls" or is "said" of
        # twice is not.
        if not pronoun_votes(c, work):
            if not (kept or out) or not rare_name(c, work):
                continue
            unvoiced.add(id(c))
        out.append(c)
    return out


# Before a name in a summary, words that make it a place: "flies home from Houston",
# "a bounty on Ganymede", "the capital of Australia".
_SUMMARY_PLACE = PLACE_PREPS | {"on", "of", "over", "around", "via", "beyond"}
# A name that stands for a time ("since Chicago.", "the last lesson before Arrakis."), and
# one a route starts from ("Orkney to Valparaíso", "Fitton to Reykjavik"): places.
_SINCE = frozenset({"since", "before", "after", "until"})
_ENDS = re.compile(r"[ \t]*[.,;:!?]")
_ROUTE = re.compile(r"['’]?s?[ \t]+to[ \t]+[A-Z]")


def summary_names(summary: str) -> set[str]:
    """The names a summary gives people: each run of capitalised words, its possessive
    dropped, that no article or place word ("in", "from", "of") comes before.

    >>> sorted(summary_names("Peter has found a case of his father's port at Talboys."))
    ['Peter']
    >>> sorted(summary_names("I have spent two years avoiding Idris Mahmoud from Planning."))
    ['I', 'Idris Mahmoud']
    """
    out: set[str] = set()
    for m in NAME_RUN.finditer(summary):
        s, e = m.span()
        prev = previous_word(summary, s)
        if prev in _SUMMARY_PLACE | DETERMINERS or noun_phrase(summary, s, e):
            continue
        if called_thing(summary, s, NAMED_THINGS) or _ROUTE.match(summary, e):
            continue  # "The furnace is called Zenobia", "Fitton to Reykjavik, delayed"
        if prev in _SINCE and _ENDS.match(summary, e):
            continue  # "a thing he has meant to say since Chicago."
        out.add(POSSESSIVE.sub("", m.group()))
    return out


def summary_leads(
    work: Work, found: list[Candidate], kept: list[Candidate], room: int
) -> list[Candidate]:
    """The people the work's summary names that the text names too, fewer times than the
    full bar asks: an author's summary says who the story is about ("Peter has found a
    case of port"), and a story told in "I" and "you" may name its leads once or twice.
    A name here is one the summary gives a person (:func:`summary_names`: all its words
    the candidate's) and one English has no use for (:func:`rare_name`), seen in the text
    mid-sentence (or, one word, on the stage), never as a place, not mostly after an
    article, no kin word, not already ``kept``; at most ``room``. ``found``: most named
    first.
    """
    if room <= 0 or not work.summary:
        return []
    runs = [set(r.split()) for r in summary_names(work.summary)]
    have = {id(c) for c in kept}
    out: list[Candidate] = []
    for c in found:
        if len(out) >= room:
            break
        if id(c) in have:
            continue
        mine = {w for f in c.forms for w in f.split()}
        if not any(r <= mine for r in runs):
            continue
        words = c.name.split()
        # (A run only ever opening a sentence may hold the word that opened it:
        # "Afterwards Marcus".)
        if c.mid < 1 and (on_stage(c) < 1 or len(words) > 1):
            continue
        if any(len(w) < 2 for w in words):
            continue
        if c.place or words[-1] in PLACE_HEADS or any(w in STOP for w in words):
            continue
        if epithet_article(c) or not_person(c, work):
            continue
        if any(map(kin_word, words)) or any(c.name == k.name for k in kept):
            continue
        if not rare_name(c, work):
            continue
        out.append(c)
    return out


def _narrator(work: Work, found: list[Candidate]) -> Candidate | None:
    """The narrator of a story told in "I" or "you" among ``found``, by the name others
    call them (:func:`fandex.tag.characters_narrator.vocative_narrator`): a name English
    has no use for, no kin word, of two letters at least; else by the one name that signs
    its letters (:func:`_signer`)."""
    if told_by(work) is None:
        return None  # (most stories: the names are not read)
    texts = {ch.index: ch.text for ch in work.chapters}
    names = {
        c.name: c
        for c in found
        if len(c.name) > 2
        and (
            all(in_dialogue(texts[i], s) for i, s, _e in c.hits)
            or any(says_own_name(texts[i], s) for i, s, _e in c.hits)
        )
        and not any(w in STOP or kin_word(w) or inflected_word(w) for w in c.name.split())
        and rare_name(c, work)
    }
    got = vocative_narrator(work, {n: c.hits for n, c in names.items()})
    return names[got] if got is not None else _signer(work, found, texts)


def _signer(work: Work, found: list[Candidate], texts: dict[int, str]) -> Candidate | None:
    """The one name among ``found`` that signs a letter (:func:`letter_signature`: "Your
    loving sister, Charlotte Parker") after a sign-off or a closing line (:func:`_signs`),
    is never written so in the narration, and is no word English uses (:func:`rare_name`):
    in a story told in "I", the letter-writer who tells it (who names themselves only
    there). Two such names (letters between two) leave it open."""
    signers = [
        c
        for c in found
        if len(c.name) > 2
        and not any(w in STOP or kin_word(w) for w in c.name.split())
        and any(_signs(texts[i], s, e) for i, s, e in c.hits)
        and all(
            letter_signature(texts[i], s, e) or in_dialogue(texts[i], s)
            for i, s, e in c.hits
            if texts[i][s:e] == c.name
        )
    ]
    return signers[0] if len(signers) == 1 and rare_name(signers[0], work) else None


# A letter's closing: the line before its signature ends with a comma or a dash ("Your
# loving sister, and (I cannot get used to it) —", "Yours ever,").
_CLOSING = re.compile(r"[,—–-][ \t*_]*\n[ \t]*(?:\n[ \t]*)?$")


def _signs(text: str, s: int, e: int) -> bool:
    """Whether the name at ``[s, e)`` signs a letter: on a line of its own after a
    sign-off ("Yours, Ada") or after a closing line ("Your loving sister,").

    >>> t = "I must stop.\\nYour loving sister, and --\\nCharlotte Parker\\n"
    >>> _signs(t, 40, 56), _signs("Really?\\nYeah\\n", 8, 12)
    (True, False)
    """
    if not letter_signature(text, s, e):
        return False
    line = text.rfind("\n", 0, s) + 1
    return (
        bool(text[line:s].strip(" \t*_"))
        or _CLOSING.search(text, max(0, line - 200), line) is not None
    )


def extract_characters(
    work: Work, *, tagger_name: str, min_mentions: int = 4, max_characters: int = 12
) -> list[Tag]:
    """Character tags for a work whose fandom has no pack, with their raw confidence and
    what the calibration stage reads (``share``, ``density``, ``unknown_fandom``): the
    character tagger calibrates them (:func:`fandex.tag.characters_prominence.calibrate`),
    with the pack's characters, in one place."""
    if work.language and not work.language.lower().startswith("en"):
        return []
    if not looks_english("\n\n".join(c.text[:20000] for c in work.chapters[:3])):
        return []
    kept: list[Candidate] = []
    # A short story names its leads fewer times: under SHORT_WORDS, one mention fewer
    # for a name seen speaking or acting twice (on the stage, not only talked about).
    # (Words counted as the spaces and line breaks between them, in C.)
    is_short = sum(ch.text.count(" ") + ch.text.count("\n") for ch in work.chapters) < SHORT_WORDS
    # Most-named first, so the (whole-text) common-word check runs for a few only.
    found = sorted(find_candidates(work), key=lambda c: -len(c.hits))
    # "Trench D", "Room 4": things named by a mark, however often they "speak" (a field
    # diary's "Trench D: topsoil off").
    found = [c for c in found if not designator(c, work)]
    found = sorted(join_short_forms(hear(found, work), work), key=lambda c: -len(c.hits))
    for c in found:
        if len(kept) >= max_characters:
            break
        n = len(c.hits)
        # Mid-sentence use tells a name from a capitalised sentence opener; a speech
        # attribution ("Sena said") is as good as a second mid-sentence use.
        if n < min_mentions and not (is_short and n == min_mentions - 1 and on_stage(c) >= 2):
            continue
        if on_stage(c) == 0:
            continue
        if len(c.name) < 2:
            # An initial alone, a letter's "R." or a chat's "Z", names someone the text
            # never names: no name a reader would look for (over the spent sets, session
            # 19, the three such tags were none of the author's, and one made a guess).
            continue
        # A word the sentence may have capitalised needs a second use mid-sentence; a word
        # English has no use for, seen on the stage twice, is a name wherever it stands
        # ("Grantaire woke", "Charles knelt", "**Saba:** hi").
        if c.mid + min(c.speaks, 1) < 2 and not (on_stage(c) >= 2 and rare_name(c, work)):
            continue
        if c.place * 2 >= c.sampled or c.name.rsplit(" ", 1)[-1] in PLACE_HEADS:
            continue
        if all(map(kin_word, c.name.split())):
            continue  # "Papá said": a child's word for a parent, whoever the parent is
        if c.thing and not c.labels:
            continue  # "the boat Kittiwake", "the van, which was called Beverly": a thing
        if owned_phrase(c, work):
            continue  # "Serpent's Teeth": a title-cased phrase, a book's or a thing's name
        # A personal name seldom takes an article: one mostly written "the Teeth" (a
        # place), "the Greeks" (a people) is no person's, unless it is seen speaking: an
        # epithet ("said the Farmer").
        if epithet_article(c) or not_person(c, work):
            continue
        # (A chat's "Mum:" is a common word however often it speaks.)
        if (
            " " not in c.name
            and c.speaks - c.labels < 2
            and english_word(c.name, work, len(c.hits))
        ):
            continue
        kept.append(c)
    unvoiced: set[int] = set()
    if len(kept) < 2:
        kept += sparse_leads(work, found, kept, max_characters - len(kept), unvoiced)
    kept += summary_leads(work, found, kept, max_characters - len(kept))
    if unvoiced and work.summary:
        # A name the summary gives a person is a lead however it is used.
        runs = [set(r.split()) for r in summary_names(work.summary)]
        for c in kept:
            mine = {w for f in c.forms for w in f.split()}
            if id(c) in unvoiced and any(r <= mine for r in runs):
                unvoiced.discard(id(c))
    narrator = _narrator(work, found)
    if narrator is not None and all(narrator is not c for c in kept):
        kept.append(narrator)
    total = sum(len(c.hits) for c in kept)
    most = max((len(c.hits) for c in kept), default=1)
    words = max(work.words, 1)
    texts = {ch.index: ch.text for ch in work.chapters}
    tags: list[Tag] = []
    for c in kept:
        n = len(c.hits)
        main = on_stage(c) >= 2 or (n >= 5 and n >= 0.15 * total)
        raw = round(0.3 + 0.25 * (1 - math.exp(-n / 8)) + (0.05 if c.speaks else 0.0), 4)
        attrs: dict[str, object] = {
            "role": "main" if main else "mentioned",
            "mentions": n,
            # (as measured: the calibration stage reads them, then rounds them)
            "share": n / most,
            "density": mentions_per_thousand(n, words),
            "raw_confidence": raw,
            "unknown_fandom": True,
        }
        gender = guess_gender(c, work)
        if gender != "U":
            attrs["gender"] = gender
        short = sorted(f for f in c.forms if " " not in f and f not in c.name.split())
        if c is narrator:
            attrs["narrator"] = True
        if id(c) in unvoiced and c is not narrator:
            attrs["unvoiced"] = True
        if short:  # "Sieg" for "Siegfried": the relationship tagger finds them too
            attrs["short_forms"] = short
        ev = [
            Evidence(chapter=ch, start=s, end=e, quote=quote(texts[ch], s, e))
            for ch, s, e in c.hits[:3]
        ]
        tags.append(Tag("character", c.name, "inferred", raw, ev, tagger_name, attrs))
    return tags
