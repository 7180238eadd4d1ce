"""Short forms and nicknames of a name joined to the name they shorten: "Sieg" is the
"Siegfried" of the same text, "Connie" the "Constance Ibe" it names in full once.

Read by :mod:`fandex.tag.propernames` when it clusters a text's proper names.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from fandex.tag.lowercase import COMMON
from fandex.tag.mentions import WORDS
from fandex.tag.name_candidate import Candidate
from fandex.tag.nonperson import kind_or_place


def merge_short_forms(clusters: dict[str, Candidate]) -> list[Candidate]:
    """Merge a one-word name into the one longer name it shortens: "Sieg" is the
    "Siegfried" of the same text ("Sam" and "Samwise", "Ron" and "Ronald"). Only when
    exactly one name word of the text starts with it, the short form has three letters or
    more and the long one two more, neither is a common English word ("Will",
    "Christmas"), and together they are not a place."""
    words: dict[str, set[str]] = {}  # a name word -> the clusters holding it
    for key, c in clusters.items():
        for form in c.forms:
            for w in form.split():
                words.setdefault(w, set()).add(key)
    out = dict(clusters)
    ordered = sorted(words)  # the words a short form starts sit right after it
    for key, c in clusters.items():
        if " " in key or len(key) < 3 or key.lower() in COMMON or key not in out:
            continue
        longer = []
        for w in ordered[bisect_right(ordered, key) :]:
            if not w.startswith(key):
                break
            if len(w) >= len(key) + 2:
                longer.append(w)
        if len(longer) != 1 or longer[0].lower() in COMMON:
            continue
        owners = [out[k] for k in sorted(words[longer[0]] - {key}) if k in out]
        target = _one_owner(owners, longer[0])
        if target is None or target is c:
            continue
        if 2 * (target.place + c.place) >= max(target.sampled + c.sampled, 1):
            continue  # "Paris" and "Par": a place, whatever its short form
        for o in owners:
            if o is not target:  # "Casimir" alone, the "Casimir Oyelaran" of one line
                target.absorb(o)
                out = {k: v for k, v in out.items() if v is not o}
        target.absorb(c)
        del out[key]
    return list(out.values())


def _one_owner(owners: list[Candidate], word: str) -> Candidate | None:
    """The one person of ``owners``, the clusters holding the name word ``word``: the
    only one, or the one full name beside clusters that are ``word`` written alone ("Casimir
    Oyelaran" opening a line, "Casimir" opening another: neither seen mid-sentence, so the
    clustering left them apart); None for two people."""
    if len(owners) == 1:
        return owners[0]
    full = [o for o in owners if any(" " in f for f in o.forms)]
    if len(full) == 1 and all(set(o.forms) == {word} for o in owners if o is not full[0]):
        return full[0]
    return None


def read_as_name(c: Candidate) -> bool:
    """Whether a word English uses is a name here: capitalised mid-sentence at least
    twice and in half its uses or more ("you met Sunny", "said Sunny"), where a sentence's
    opening word would be capitalised at a sentence's head only."""
    return c.mid >= 2 and 2 * c.mid >= len(c.hits)


_DIMINUTIVE = tuple(WORDS["diminutive_endings"])


def nickname_stem(name: str) -> str | None:
    """What a nickname keeps of the given name it is made from, its diminutive ending
    and a consonant it doubled taken away ("Connie" -> "Con", "Percy" -> "Perc"), or None
    for a name that is no nickname, or one whose stem is too short to tell ("Mary" ->
    "Mar" fits Martin as well as Margaret: a stem not doubled needs four letters).

    >>> nickname_stem("Connie"), nickname_stem("Percy"), nickname_stem("Mary")
    ('Con', 'Perc', None)
    """
    for end in _DIMINUTIVE:
        if name.endswith(end):
            stem = name[: -len(end)]
            if len(stem) >= 4 and stem[-1] == stem[-2]:
                return stem[:-1]
            return stem if len(stem) >= 4 else None
    return None


def merge_nicknames(found: list[Candidate]) -> list[Candidate]:
    """Merge a nickname into the given name the text writes in full now and then:
    "Connie" is the "Constance Ibe" of a text that names her so once ("Percy" of
    "Percival", "Winnie" of "Winifred"). Only when exactly one longer name word of the
    text starts with the nickname's stem (:func:`nickname_stem`), neither is a common
    English word, and the full name is used a third as often as the nickname or less: a
    "Harry" and a "Harriet" named as often are two people."""
    words: dict[str, list[Candidate]] = {}
    given: set[str] = set()  # words some form opens with
    for c in found:
        for w in {w for f in c.forms for w in f.split()}:
            words.setdefault(w, []).append(c)
        given |= {f.split()[0] for f in c.forms if f.split()}
    # A nickname shortens a given name, not a family name: "Henny" is not "Henderson"
    # (only ever after a given name, "Pete Henderson"), nor "the Hendersons".
    family = {w for w in words if w not in given}
    family |= {w for w in words if w.endswith("s") and w[:-1] in family}
    ordered = sorted(words)
    gone: set[int] = set()  # (by identity: candidates compare by value)
    for c in found:
        key = c.name
        common = key.lower() in COMMON and not read_as_name(c)
        stem = None if " " in key or common else nickname_stem(key)
        if stem is None:
            continue
        longer = []
        for w in ordered[bisect_left(ordered, stem) :]:
            if not w.startswith(stem):
                break
            if len(w) > len(key) and w != key and w not in family:
                longer.append(w)
        if len(longer) != 1 or longer[0].lower() in COMMON:
            continue
        owners = [o for o in words[longer[0]] if o is not c and id(o) not in gone]
        if _join(c, owners, longer[0], 3, gone):
            gone.add(id(c))
    return [c for c in found if id(c) not in gone]


def _join(c: Candidate, owners: list[Candidate], word: str, times: int, gone: set[int]) -> bool:
    """Join the nickname ``c`` to the one person of ``owners`` (:func:`_one_owner`) whose
    name word ``word`` it is made from, when that name is used ``times`` less often than
    the nickname or less and the two are no place; the clusters of ``word`` alone are
    joined too (their ids added to ``gone``). Whether it was joined."""
    target = _one_owner(owners, word)
    if target is None:
        return False
    hits = sum(len(o.hits) for o in owners)
    if times * hits > len(c.hits):
        return False
    place = sum(o.place for o in owners) + c.place
    if 2 * place >= max(sum(o.sampled for o in owners) + c.sampled, 1):
        return False
    for o in owners:
        if o is not target:
            target.absorb(o)
            gone.add(id(o))
    target.absorb(c)
    return True


def merge_clipped(found: list[Candidate]) -> list[Candidate]:
    """Merge a name clipped at its front into the given name the text writes in full now
    and then: "Rike" is the "Henrike Baumann" of a text that names her so once ("Zibah" of
    "Hephzibah", "Tina" of "Christina", "Drew" of "Andrew"). Only when the clipped name
    has four letters or more, exactly one given name word of the text (one some form
    opens with, no family name) ends with it and has two letters or more before it,
    neither is a common English word (unless the clipped one reads as a name,
    :func:`read_as_name`), the full name is never a place ("Anders" of "in Flanders")
    and is used half as often as the clipped one or less: an "Anna" and a "Joanna" named
    as often are two people."""
    words: dict[str, list[Candidate]] = {}
    given: set[str] = set()
    for c in found:
        for w in {w for f in c.forms for w in f.split()}:
            words.setdefault(w, []).append(c)
        given |= {f.split()[0] for f in c.forms if f.split()}
    # The given names in lower case written backwards, sorted: the names a clipped one
    # ends ("rike" of "Henrike") sit together, found by bisection.
    spelt = {w.lower()[::-1]: w for w in given if w[:1].isupper() and w.lower() not in COMMON}
    backwards = sorted(spelt)
    gone: set[int] = set()
    for c in found:
        key = c.name
        if " " in key or len(key) < 4 or id(c) in gone:
            continue
        if key.lower() in COMMON and not read_as_name(c):
            continue
        rev = key.lower()[::-1]
        longer = []
        for w in backwards[bisect_left(backwards, rev) :]:
            if not w.startswith(rev):
                break
            if len(w) >= len(key) + 2:
                longer.append(spelt[w])
        if len(longer) != 1:
            continue
        owners = [o for o in words[longer[0]] if o is not c and id(o) not in gone]
        if kind_or_place(longer[0]) or any(o.place for o in owners):
            continue  # "Anders" is not the "Flanders" a tannery is in
        if _join(c, owners, longer[0], 2, gone):
            gone.add(id(c))
    return [c for c in found if id(c) not in gone]
