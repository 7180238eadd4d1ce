"""A generated collection for the grouping benches: stories of varied generated prose,
each held 3 to 10 times (snapshots, format changes, light edits, a deleted chapter),
plus look-alikes that must stay apart (a sequel by the same author with the same
characters, another author's story under the same title and summary, a remix that
reuses one chapter). No real fan work: every sentence is generated here.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

_SYL = [
    "ka",
    "lo",
    "mi",
    "ren",
    "tha",
    "vel",
    "dor",
    "an",
    "is",
    "bri",
    "cor",
    "ul",
    "em",
    "sa",
    "ny",
    "oth",
    "ar",
    "fen",
    "gwi",
    "hal",
    "ju",
    "ke",
    "lis",
    "mor",
    "pe",
    "qui",
]
_NOUNS = (
    "lamp door window road harbour letter ladder kettle storm garden bridge river field "
    "lantern ship coat boot candle table chair market bell tower wall gate stair shelf "
    "book ledger map compass horse cart wheel rope net basket bottle cup plate knife "
    "clock key lock mirror curtain blanket pillow stove chimney roof cellar attic "
    "orchard meadow hill cliff shore reef island forest path hedge fence well pond "
    "mill forge chapel school office station platform train ticket parcel coin purse "
    "ring necklace scarf glove hat umbrella cloak sword shield arrow bow banner drum "
    "flute song story secret promise quarrel bargain rumour silence shadow light"
).split()
_ADJ = (
    "old quiet bright narrow cold warm grey green broken heavy small wide empty crowded "
    "distant hidden faded patient restless careful sudden gentle bitter sweet strange "
    "familiar crooked polished rusty wet dry dusty salty golden silver pale dark loud "
    "soft sharp thin thick new ancient borrowed stolen lost found tired eager nervous"
).split()
_VERBS = (
    "opened closed carried lifted dropped found lost mended broke painted cleaned "
    "watched followed crossed climbed counted wrapped unwrapped hid showed sold bought "
    "borrowed returned measured weighed guarded abandoned remembered forgot described "
    "questioned answered signed burned buried repaired polished inspected"
).split()
_ADV = "slowly quickly carefully quietly suddenly finally again gladly reluctantly twice".split()
_PREP = "beside under behind above across through near past toward beyond inside".split()
_TIME = [
    "that morning",
    "at dusk",
    "before the rain",
    "after supper",
    "in the spring",
    "on the third day",
    "by midnight",
    "all winter",
    "at first light",
    "that evening",
]
_SAY = "said asked whispered admitted insisted replied muttered promised warned laughed".split()

_TEMPLATES = [
    "{A} {v} the {a} {n} {p} the {n2} {t}.",
    "{T}, {A} {v} the {n} and {v2} it {adv}.",
    "The {a} {n} was {p} the {n2}, where {B} had left it.",
    '"Where is the {n}?" {B} {say}. "{A} {v} it {t}."',
    "{A} did not like the {a} {n}, but {B} {v} it {adv} anyway.",
    "Nobody in the {n2} remembered who had {v} the {a} {n}.",
    "{B} {say} that the {n} {p} the {n2} was {a}, and {A} agreed.",
    "It took {A} {num} tries to {vb} the {a} {n} {p} the {n2}.",
    "The {n} smelled of {n2} and {a} {n3}.",
    "{A} counted {num} {n}s {p} the {a} {n2} and wrote the number down.",
    "{T} the {a} {n} {v} itself, or so {B} claimed.",
    "When {B} {v} the {n2}, {A} {say} nothing at all.",
]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYL) for _ in range(rng.randint(2, 3))).capitalize()


def _sentence(rng: random.Random, a: str, b: str) -> str:
    t = rng.choice(_TEMPLATES)
    verb = rng.choice(_VERBS)
    return t.format(
        A=a,
        B=b,
        v=verb,
        v2=rng.choice(_VERBS),
        vb=verb.removesuffix("ed").removesuffix("e") + "e" if verb.endswith("ed") else verb,
        a=rng.choice(_ADJ),
        n=rng.choice(_NOUNS),
        n2=rng.choice(_NOUNS),
        n3=rng.choice(_NOUNS),
        p=rng.choice(_PREP),
        t=rng.choice(_TIME),
        T=rng.choice(_TIME).capitalize(),
        adv=rng.choice(_ADV),
        say=rng.choice(_SAY),
        num=rng.choice(["two", "three", "four", "five", "six", "seven", "eleven", "twenty"]),
    )


def chapter(rng: random.Random, names: list[str], words: int) -> str:
    paras, count = [], 0
    while count < words:
        sents = []
        for _ in range(rng.randint(2, 6)):
            s = _sentence(rng, rng.choice(names), rng.choice(names))
            sents.append(s)
            count += len(s.split())
        paras.append(" ".join(sents))
    return "\n\n".join(paras)


@dataclass
class Copy:
    """One file's worth of a story, as a reader hands it on."""

    story: int
    kind: str
    title: str
    authors: list[str]
    chapters: list[str]
    source_ids: dict[str, str] = field(default_factory=dict)


@dataclass
class Story:
    id: int
    title: str
    author: str
    names: list[str]
    chapters: list[str]


def _title(rng: random.Random) -> str:
    return f"The {rng.choice(_ADJ).capitalize()} {rng.choice(_NOUNS).capitalize()}"


def make_story(
    rng: random.Random, sid: int, words: tuple[int, int], chapters: tuple[int, int]
) -> Story:
    names = [_name(rng) for _ in range(rng.randint(2, 4))]
    n = rng.randint(*chapters)
    return Story(
        sid,
        _title(rng) + f" {sid}",
        _name(rng),
        names,
        [chapter(rng, names, rng.randint(*words)) for _ in range(n)],
    )


_SWAP = {
    "old": "ancient",
    "quiet": "silent",
    "cold": "chill",
    "small": "little",
    "said": "answered",
    "carefully": "gently",
    "road": "lane",
    "harbour": "port",
    "grey": "gray",
    "again": "once more",
}


def light_edit(rng: random.Random, text: str) -> str:
    """An author's revision: a few words changed, a sentence dropped or added."""
    words = text.split(" ")
    for i in rng.sample(range(len(words)), k=max(1, len(words) // 40)):
        w = words[i]
        words[i] = _SWAP.get(w, w.upper() if rng.random() < 0.3 else w + ",")
    out = " ".join(words)
    sents = out.split(". ")
    if len(sents) > 4:
        del sents[rng.randrange(len(sents))]
    return ". ".join(sents)


def format_change(rng: random.Random, chapters: list[str]) -> list[str]:
    """What another format does to the text a reader recovers: chapters run together
    (a .txt without marks), curly quotes, hard wraps rejoined differently, a note."""
    text = [c.replace('"', "“") for c in chapters]
    if rng.random() < 0.5:
        text = ["\n\n".join(text)]
    if rng.random() < 0.5:
        text[0] = "Disclaimer: the characters are mine. Feedback welcome.\n\n" + text[0]
    return text


def copies_of(rng: random.Random, story: Story) -> list[Copy]:
    n = len(story.chapters)
    out = [Copy(story.id, "full", story.title, [story.author], list(story.chapters))]
    for _ in range(rng.randint(2, 9)):
        kind = rng.choice(["snapshot", "format", "edit", "snapshot+format", "deleted"])
        chs = list(story.chapters)
        title = story.title + (" (WIP)" if "snapshot" in kind and rng.random() < 0.3 else "")
        if "snapshot" in kind and n > 1:
            chs = chs[: rng.randint(1, n - 1)]
        if kind == "deleted" and n > 2:
            # an early posting with a chapter the author later removed
            cut = rng.randint(1, n - 1)
            extra = chapter(rng, story.names, max(60, len(chs[0].split()) // 5))
            chs = [*chs[:cut], extra]
        if "format" in kind:
            chs = format_change(rng, chs)
        if kind == "edit":
            chs = [light_edit(rng, c) for c in chs]
        out.append(Copy(story.id, kind, title, [story.author], chs))
    return out


def look_alikes(
    rng: random.Random, story: Story, next_id: int, words: tuple[int, int]
) -> list[Copy]:
    """Different stories that resemble ``story`` (each its own truth id)."""
    out = []
    kind = rng.choice(["sequel", "same-title", "remix"])
    if kind == "sequel":
        chs = [chapter(rng, story.names, rng.randint(*words)) for _ in range(rng.randint(1, 4))]
        out.append(Copy(next_id, "sequel", story.title + " II", [story.author], chs))
    elif kind == "same-title":
        chs = [chapter(rng, [_name(rng), _name(rng)], rng.randint(*words)) for _ in range(2)]
        out.append(Copy(next_id, "same-title", story.title, [_name(rng)], chs))
    else:
        chs = [story.chapters[0]] + [
            chapter(rng, story.names, rng.randint(*words)) for _ in range(rng.randint(3, 6))
        ]
        out.append(Copy(next_id, "remix", f"Another {_title(rng)}", [_name(rng)], chs))
    return out


def collection(
    stories: int,
    seed: int = 7,
    words: tuple[int, int] = (150, 600),
    chapters: tuple[int, int] = (2, 10),
    negatives: float = 0.3,
) -> list[Copy]:
    rng = random.Random(seed)
    out: list[Copy] = []
    next_id = stories
    for sid in range(stories):
        story = make_story(rng, sid, words, chapters)
        out += copies_of(rng, story)
        if rng.random() < negatives:
            out += look_alikes(rng, story, next_id, words)
            next_id += 1
    rng.shuffle(out)
    return out


def pairwise(truth: list[int], predicted: list[int]) -> tuple[float, float, int, int]:
    """Pairwise precision and recall of a clustering against the truth."""
    from collections import Counter

    tp = sum(n * (n - 1) // 2 for n in Counter(zip(truth, predicted, strict=True)).values())
    pred = sum(n * (n - 1) // 2 for n in Counter(predicted).values())
    true = sum(n * (n - 1) // 2 for n in Counter(truth).values())
    return (tp / pred if pred else 1.0), (tp / true if true else 1.0), pred, true
