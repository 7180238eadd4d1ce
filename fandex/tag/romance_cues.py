"""The romance cues the relationship tagger reads (:mod:`fandex.tag.romance` scans
for them and counts their sentences): lower-case phrases, strong or weak."""

from __future__ import annotations

from fandex.tag.romance_people import HAND_VERBS

# Romantic or sexual cues, as lower-case phrases. Strong ones are about the two people
# themselves; weak ones (an embrace, "naked") count half.
STRONG_CUES: tuple[str, ...] = (
    *[
        "kiss",
        "kissed",
        "kisses",
        "kissing",
        "lover",
        "lovers",
        "boyfriend",
        "girlfriend",
        "husband",
        "wife",
    ],
    *[
        "fiance",
        "fiancee",
        "fiancé",
        "fiancée",
        "married",
        "marry",
        "marrying",
        "dating",
        "snogged",
        "snogging",
    ],
    "made love",
    "make love",
    "making love",
    "slept with",
    "sleep with",
    "sleeps with",
    "sleeping with",
    "had sex",
    "have sex",
    "having sex",
    "in love with",
    "fell in love",
    "proposed to",
    "went out with",
    "made out",
    "making out",
    # A date asked for or gone on ("asking me on a date", "their first date"); "a date"
    # alone is a day as often ("set a date").
    *("on a date", "first date", "second date", "date night", "a date with"),
    *(f"{v} {o} out" for v in ("ask", "asked", "asking", "asks") for o in ("him", "her", "me")),
    "lips met",
    "lips on",
    "lips against",
)
WEAK_CUES: tuple[str, ...] = (
    *[
        "embrace",
        "embraced",
        "caress",
        "caressed",
        "caresses",
        "caressing",
        "cuddle",
        "cuddled",
        "cuddling",
    ],
    *["moan", "moaned", "moans", "moaning", "naked", "nuzzled", "nuzzling"],
    # Hands held in every tense are weak: two friends going into cold water together
    # hold hands as a couple does.
    *("held hands", "holding hands"),
    "hand in hand",
    "in his arms",
    "in her arms",
    "in bed together",
    "in bed with",
    "into bed with",
    "shared a bed",
    *("held him", "held her", "their bed", "honeymoon", "anniversary"),
    *(f"lay {p} {o}" for p in ("beside", "next to", "against") for o in ("him", "her")),
    "woke up next to",
    "woke up beside",
    # Hands: a couple's touch in a short story, where a kiss may come only once.
    # ... in every tense ("took his hand", "takes her hand"; "took Lukas's hand" and "in
    # Willow's arms" are found apart, romance_people.possessed_touches).
    *(f"{verb} {whose} hand" for verb in HAND_VERBS for whose in ("his", "her")),
    *("laced their fingers", "fingers laced"),
    *("fingers intertwined", "intertwined their fingers"),
    "partner",
    # "Love you, you idiot": brothers, sisters and old friends say it as often as a
    # couple; "in love with" stays strong.
    *("loved him", "loved her", "love you", "loves him", "loves her"),
)
