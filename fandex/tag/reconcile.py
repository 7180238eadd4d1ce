"""Stated wins: a guess that contradicts the author's rating or warnings becomes a flag.

Where the author (or a person, ``source: "user"``) gave a rating, or archive warnings
(including "No Archive Warnings Apply"), that *decides* the type for the work: an
inferred or learned tag of that type beside it is not a tag of the work. This final
tagger stage moves such a tag into ``work.flags``, keeping everything about it (source,
confidence, evidence, tagger) so a person can review it and a query can opt in to it
(``suspect:``, ``flagged:``; see ``docs/query.md``):

- an archive warning the author did not give: ``possible-missing-warning``;
- a rating higher than the author's: ``rating-disagrees``. A milder reading is dropped:
  authors rate up to be safe, and a text milder than its rating hides nothing from a
  reader who filters on it.

"Choose Not To Use Archive Warnings" and "Not Rated" decide nothing (the author declined
to say), so beside them fandex's guesses still count.

The library applies :func:`reconcile` on every write too, so no stored work holds a
contradicting guess, whichever path wrote it; the query layer uses :func:`decided_types`
(and its SQL twin) so that even one that slipped through never counts.

Re-tagging is idempotent: a flag made here holds the tag it replaced, is refreshed when
the same guess comes again, and gives the tag back when nothing decides its type any
more (a person rejected the stated warning, say).

>>> from fandex.model import Tag, Work
>>> w = Work(tags=[Tag("warning", "No Archive Warnings Apply"),
...                Tag("warning", "Underage Sex", "inferred", 0.79, tagger="warnings")])
>>> reconcile(w)
True
>>> [t.name for t in w.tags], [(f["kind"], f["tag"]) for f in w.flags]
(['No Archive Warnings Apply'], [('possible-missing-warning', 'Underage Sex')])
>>> reconcile(w)
False
"""

from __future__ import annotations

from typing import Any

from fandex.model import Evidence, Tag, Work
from fandex.tag.pipeline import tagger
from fandex.vocab import ao3

NAME = "reconcile"
MISSING_WARNING = "possible-missing-warning"
RATING_DISAGREES = "rating-disagrees"
#: The tag types an author's word decides.
DECIDED_TYPES: tuple[str, ...] = ("rating", "warning")
#: Sources that decide (a person's or the file's word) and sources that guess.
AUTHORITY: tuple[str, ...] = ("stated", "user")
GUESSES: tuple[str, ...] = ("inferred", "learned")
#: Stated values that decide nothing: the author declined to rate or to warn. Names are
#: ASCII lower case, as the query layer compares them in SQL.
OPT_OUTS: dict[str, tuple[str, ...]] = {
    "rating": (ao3.RATING_NOT_RATED.lower(),),
    "warning": (
        ao3.WARNING_CNTW.lower(),
        *sorted(k for k, v in ao3.WARNING_ALIASES.items() if v == ao3.WARNING_CNTW),
    ),
}
# Keys a flag made here carries besides the usual kind/type/tag/confidence/evidence.
_HELD = "reconciled"


def _ascii_lower(name: str) -> str:
    # The same folding as the query layer (SQLite lower(), PostgreSQL lower(x COLLATE "C")).
    return "".join(c.lower() if "A" <= c <= "Z" else c for c in name)


def is_opt_out(tag: Tag) -> bool:
    """True for "Not Rated" and "Choose Not To Use Archive Warnings" (any spelling)."""
    return _ascii_lower(tag.name) in OPT_OUTS.get(tag.type, ())


def deciding(tag: Tag) -> bool:
    """Whether ``tag`` is the author's (or a person's) word on a decided type."""
    return (
        tag.type in DECIDED_TYPES
        and tag.source in AUTHORITY
        and not tag.attrs.get("rejected")
        and not is_opt_out(tag)
    )


def decided_types(work: Work) -> set[str]:
    """The types (``rating``, ``warning``) the author's word decides for ``work``: one
    deciding tag, and no opt-out beside it ("Choose Not To Use" plus a warning still
    leaves the list open)."""
    out: set[str] = set()
    for type_ in DECIDED_TYPES:
        said = [
            t
            for t in work.tags
            if t.type == type_ and t.source in AUTHORITY and not t.attrs.get("rejected")
        ]
        if said and not any(is_opt_out(t) for t in said):
            out.add(type_)
    return out


def contradicted(tag: Tag, decided: set[str]) -> bool:
    """Whether ``tag`` is a guess of a type the author's word decides."""
    return tag.source in GUESSES and tag.type in decided


def _same(name: str, other: str) -> bool:
    """The same AO3 name ("Underage" is "Underage Sex")."""
    a, b = ao3.canonical_warning(name) or name, ao3.canonical_warning(other) or other
    return a.casefold() == b.casefold()


def _stated_names(work: Work, type_: str) -> list[str]:
    return [t.name for t in work.tags if t.type == type_ and deciding(t)]


def _flag_for(tag: Tag, stated: list[str], old: dict[str, Any] | None) -> dict[str, Any]:
    """The flag that holds ``tag``: a fresh one, or ``old`` (the same guess flagged
    before, by this stage or by its tagger) brought up to date."""
    said = ", ".join(stated)
    if old is None:
        if tag.type == "rating":
            kind, message = RATING_DISAGREES, f"the author rated it {said}; the text reads as"
        else:
            kind, message = MISSING_WARNING, f"the author stated {said}; the text suggests"
        flag: dict[str, Any] = {"kind": kind, "message": f"{message} {tag.name}"}
        held = {"merged": False}
    else:
        flag = dict(old)
        # A flag the tagger raised itself stays when the guess is given back.
        held = old[_HELD] if isinstance(old.get(_HELD), dict) else {"merged": True}
    flag.update(
        {
            "type": tag.type,
            "tag": tag.name,
            "confidence": round(tag.confidence, 4),
            "source": tag.source,
            "stated": stated,
            _HELD: held,
        }
    )
    if tag.tagger:
        flag["tagger"] = tag.tagger
    if tag.evidence or "evidence" not in flag:
        flag["evidence"] = [e.to_dict() for e in tag.evidence]
    if tag.attrs:
        flag["attrs"] = dict(tag.attrs)
    return flag


def held_tag(flag: dict[str, Any]) -> Tag | None:
    """The guess a flag made here holds, as the tag it was (None for other flags)."""
    if not isinstance(flag.get(_HELD), dict):
        return None
    try:
        return Tag(
            str(flag["type"]),
            str(flag["tag"]),
            source=str(flag.get("source", "inferred")),
            confidence=float(flag.get("confidence", 0.5)),
            evidence=[Evidence.from_dict(e) for e in flag.get("evidence", [])],
            tagger=flag.get("tagger"),
            attrs=dict(flag.get("attrs") or {}),
        )
    except (KeyError, TypeError, ValueError):
        return None


def _restore(work: Work, decided: set[str]) -> bool:
    """Give back the guesses of types nothing decides any more; forget those a person
    has ruled on."""
    kept: list[dict[str, Any]] = []
    changed = False
    for flag in work.flags:
        tag = held_tag(flag)
        if tag is None:
            kept.append(flag)
            continue
        ruled = work.find_tag(tag.type, tag.name)
        if ruled is not None and ruled.source == "user":
            changed = True  # a person ruled on this guess: the flag has done its job
            continue
        if tag.type in decided:
            kept.append(flag)
            continue
        changed = True
        work.add_tag(tag)
        if flag[_HELD].get("merged"):  # a tagger's own flag: keep it, as it was
            kept.append({k: v for k, v in flag.items() if k not in (_HELD, "source", "attrs")})
    work.flags = kept
    return changed


def _rating_gap(guess: str, stated: list[str]) -> int | None:
    """How many levels the guessed rating sits above the mildest the author gave
    (negative below; None when either is no rating of the scale)."""
    rank = {name: i for i, name in enumerate(ao3.RATING_ORDER)}
    said = [rank[r] for r in (ao3.canonical_rating(s) for s in stated) if r in rank]
    mine = rank.get(ao3.canonical_rating(guess) or "")
    return None if mine is None or not said else mine - min(said)


# A guess one level above the author's is within the rating model's own error: on the
# written sets, whose authors rate by the content as written, 40 of 721 works read one
# level higher than stated and 4 two or more (bench/eval_rating_flags.py). On a real
# library of 986 works one-level readings were 79 of 85 rating flags, about the same
# share of works as on the honest sets, so they said nothing about a work. Two levels (a
# General work that reads Mature) is what a reader wants to hear about. The rating tagger's
# own flag asks the same distance of its probabilities (fandex.tag.rating).
FLAG_RATING_GAP = 2


def _match(flag: dict[str, Any], tag: Tag) -> bool:
    return flag.get("type") == tag.type and _same(str(flag.get("tag", "")), tag.name)


def reconcile(work: Work) -> bool:
    """Move guesses that contradict the author's rating or warnings into flags, and give
    back held guesses nothing contradicts any more. True when ``work`` changed."""
    decided = decided_types(work)
    changed = _restore(work, decided)
    moving = [t for t in work.tags if contradicted(t, decided)]
    if not moving:
        return changed
    for tag in moving:
        work.tags.remove(tag)
        stated = _stated_names(work, tag.type)
        if any(_same(tag.name, s) for s in stated):
            continue  # the author said the same thing ("Underage" beside "Underage Sex")
        gap = _rating_gap(tag.name, stated) if tag.type == "rating" else None
        if gap is not None and gap < FLAG_RATING_GAP:
            # Authors rate up to be safe, and a reader filters on the rating: a text that
            # reads milder than its rating hides nothing from anyone, so there is nothing
            # to review (on real libraries these were two thirds of the rating flags); one
            # level above is the model's own error (see FLAG_RATING_GAP).
            continue
        if tag.type == "rating":
            # One rating per tagger: its older guess is stale.
            work.flags = [
                f
                for f in work.flags
                if not (
                    held_tag(f) is not None
                    and f.get("type") == "rating"
                    and f.get("tagger") == tag.tagger
                    and not _match(f, tag)
                )
            ]
        old = next((f for f in work.flags if _match(f, tag)), None)
        flag = _flag_for(tag, stated, old)
        if old is None:
            work.flags.append(flag)
        else:
            work.flags[work.flags.index(old)] = flag
    return True


@tagger(
    NAME,
    # After every tagger that guesses ratings and warnings. It also assigns these, so
    # the pipeline still runs when one of them is disabled (and anything that reads
    # them later sees the reconciled tags).
    requires=("tags.stated", "tags.rating", "tags.warning", "tags.learned"),
    assigns=("tags.rating", "tags.warning", "tags.learned", "flags.contradicted"),
)
def reconcile_tagger(work: Work, config: dict[str, Any]) -> None:
    """Turn guesses that contradict the author into flags (see :func:`reconcile`)."""
    reconcile(work)


__all__ = [
    "AUTHORITY",
    "DECIDED_TYPES",
    "GUESSES",
    "MISSING_WARNING",
    "OPT_OUTS",
    "RATING_DISAGREES",
    "contradicted",
    "decided_types",
    "deciding",
    "held_tag",
    "is_opt_out",
    "reconcile",
    "reconcile_tagger",
]
