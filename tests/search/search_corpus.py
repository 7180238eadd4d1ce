"""The search tests' corpora: short, tame works written here, and a seeded random set."""

from __future__ import annotations

import random

from fandex.library import Library
from fandex.model import Chapter, Source, Tag, Work

# -- corpora ------------------------------------------------------------------------------


def _work(
    wid: str,
    title: str,
    body: list[str],
    tags: list[Tag],
    *,
    authors: list[str] | None = None,
    **fields: object,
) -> Work:
    w = Work(
        title=title,
        id=wid,
        authors=authors if authors is not None else ["Tester"],
        chapters=[Chapter(index=i + 1, text=t) for i, t in enumerate(body)],
        source=Source(path=f"/fics/{wid}.txt", format="txt", sha256=wid * 4),
    )
    for k, v in fields.items():
        setattr(w, k, v)
    w.tags = tags
    return w


def S(type_: str, name: str) -> Tag:
    return Tag(type_, name, source="stated")


def I(type_: str, name: str, conf: float) -> Tag:  # noqa: E743
    return Tag(type_, name, source="inferred", confidence=conf, tagger="test")


def hand_corpus() -> list[Work]:
    """Short, tame works that exercise synonyms, thresholds, rejections and text."""
    return [
        _work(
            "a1" * 8,
            "Ink and Ash",
            ["Spike looked at the tattoo on Wesley's arm. It was a dragon.", "Later, tea."],
            [
                S("fandom", "Angel: the Series"),
                S("relationship", "Spike/Wesley Wyndam-Pryce"),
                S("character", "Spike"),
                S("character", "Wesley Wyndam-Pryce"),
                S("rating", "Teen And Up Audiences"),
                S("warning", "No Archive Warnings Apply"),
                S("category", "M/M"),
                S("freeform", "Tattoos"),
            ],
            authors=["Quill"],
            summary="Two men and a dragon tattoo.",
            status="complete",
            language="en",
            published="2003-05-01",
        ),
        _work(
            "b2" * 8,
            "Patrol",
            ["Buffy and Spike walked the cemetery. Nothing rose tonight."] * 3,
            [
                S("fandom", "Buffy the Vampire Slayer (TV)"),
                S("relationship", "Buffy Summers/Spike"),
                S("rating", "Explicit"),
                S("warning", "Rape/Non-Con"),
                S("category", "F/M"),
            ],
            authors=["Moss", "Quill"],
            status="wip",
            language="English",
            published="2004-11-30",
            updated="2005-01-02",
        ),
        _work(
            "c3" * 8,
            "Zoë's Garden",
            ["The garden grew roses and a single blue tree. Zoë watered it."],
            [
                S("fandom", "Doctor Who"),
                S("rating", "General Audiences"),
                I("warning", "Major Character Death", 0.55),
                I("warning", "Graphic Depictions Of Violence", 0.3),
                S("freeform", "Gardening"),
            ],
            authors=["Élodie"],
            language="fr",
            published="2005",
        ),
        _work(
            "d4" * 8,
            "Watcher's Diary",
            ["Wes wrote in his diary about the prophecy; the tattoo itched."],
            [
                S("fandom", "Angel: the Series"),
                I("character", "Wesley Wyndam-Pryce", 0.9),
                I("rating", "Mature", 0.8),
                Tag("warning", "Underage", source="stated"),
                Tag("freeform", "Angst", source="user", attrs={"rejected": True}),
                I("freeform", "Hurt/Comfort", 0.7),
            ],
            authors=[],
            status="complete",
            language="en-GB",
            published="2003",
        ),
        _work(
            "e5" * 8,
            "Untagged",
            [
                "A quiet story with no tags at all. It mentions NEAR(a b) and OR as words.",
                "She signed it in ink and left.",
            ],
            [],
            language=None,
        ),
        _work(
            "f6" * 8,
            "Long Road",
            ["word " * 4000, "more words here " * 500],
            [
                S("fandom", "Buffy the Vampire Slayer (TV)"),
                S("character", "Buffy Summers"),
                S("character", "Willow Rosenberg"),
                S("rating", "Not Rated"),
                S("category", "Gen"),
                I("warning", "Rape/Non-Con", 0.45),
            ],
            status="complete",
            published="2010-02-14",
        ),
    ]


FANDOMS = ["Buffy the Vampire Slayer (TV)", "Angel: the Series", "Doctor Who", "Sherlock (TV)"]
CHARS = ["Buffy Summers", "Spike", "Willow Rosenberg", "Wesley Wyndam-Pryce", "Rose Tyler"]
RATINGS = ["Not Rated", "General Audiences", "Teen And Up Audiences", "Mature", "Explicit"]
WARNINGS = ["No Archive Warnings Apply", "Rape/Non-Con", "Major Character Death"]
FREEFORM = ["Angst", "Fluff", "Hurt/Comfort", "Tattoos", "Case Fic"]
WORDS = [
    "tea",
    "rain",
    "dragon",
    "garden",
    "letter",
    "night",
    "sea",
    "storm",
    "key",
    "door",
    "lamp",
    "river",
    "road",
    "song",
]


def random_corpus(n: int = 60, seed: int = 7) -> list[Work]:
    """Seeded works with mixed stated/inferred tags, for parity over less tidy data."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        tags = [S("fandom", rnd.choice(FANDOMS)), S("rating", rnd.choice(RATINGS))]
        for c in rnd.sample(CHARS, rnd.randint(0, 3)):
            tags.append(
                S("character", c) if rnd.random() < 0.6 else I("character", c, rnd.random())
            )
        if rnd.random() < 0.5:
            tags.append(I("warning", rnd.choice(WARNINGS), round(rnd.random(), 2)))
        for f in rnd.sample(FREEFORM, rnd.randint(0, 2)):
            tags.append(S("freeform", f))
        body = [
            " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(5, 60)))
            for _ in range(rnd.randint(1, 3))
        ]
        out.append(
            _work(
                f"{i:016x}",
                " ".join(rnd.choice(WORDS) for _ in range(2)).title(),
                body,
                tags,
                authors=[rnd.choice(["Quill", "Moss", "Fern"])],
                status=rnd.choice(["complete", "wip", None]),
                language=rnd.choice(["en", "de", None]),
                published=f"{rnd.randint(1999, 2012)}-0{rnd.randint(1, 9)}-1{rnd.randint(0, 9)}",
            )
        )
    return out


def corpus() -> list[Work]:
    return hand_corpus() + random_corpus()


def fill(lib: Library, works: list[Work]) -> Library:
    for w in works:
        lib.save(w)
    return lib
