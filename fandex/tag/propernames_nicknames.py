"""Short forms and nicknames of a name joined to the name they shorten: "Sieg" is the
"Siegfried" of the same text, "Connie" the "Constance Ibe" it names in full once.

Read by :mod:`fandex.tag.propernames` when it clusters a text's proper names.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from fandex.tag.lowercase import COMMON
from fandex.tag.mentions import WORDS
from fandex.tag.name_candidate import Candidate


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
        if " " in key or len(key) < 3 or key.lower() in COMMON:
            continue
        longer = []
        for w in ordered[bisect_right(ordered, key) :]:
            if not w.startswith(key):
                break
            if len(w) >= len(key) + 2:
                longer.append(w)
        if len(longer) != 1 or longer[0].lower() in COMMON:
            continue
        owners = words[longer[0]] - {key}
        if len(owners) != 1:
            continue
        target = out.get(next(iter(owners)))
        if target is None or target is c:
            continue
        if 2 * (target.place + c.place) >= max(target.sampled + c.sampled, 1):
            continue  # "Paris" and "Par": a place, whatever its short form
        target.absorb(c)
        del out[key]
    return list(out.values())


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
        stem = None if " " in key or key.lower() in COMMON else nickname_stem(key)
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
        if len(owners) != 1 or 3 * len(owners[0].hits) > len(c.hits):
            continue
        target = owners[0]
        if 2 * (target.place + c.place) >= max(target.sampled + c.sampled, 1):
            continue
        target.absorb(c)
        gone.add(id(c))
    return [c for c in found if id(c) not in gone]
