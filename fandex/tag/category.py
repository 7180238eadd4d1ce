"""The category tagger: AO3's Gen, F/M, M/M, F/F, Multi, Other from the relationships.

Each standing romantic relationship (stated, a user's, or inferred with enough
confidence, and not a past one) gives a category from its members' genders (the
pack's, or the pronoun guess the proper-name extractor records). Several kinds make
the work Multi as well. A work with characters and no romantic relationship (none, or
only friendships and kin, "A & B") is Gen. A relationship with a member of unknown
gender gives no category: no guess rather than a wrong guess. A work whose author stated
a category is left alone.
"""

from __future__ import annotations

from typing import Any

from fandex.model import Evidence, Tag, Work
from fandex.tag.pipeline import tagger
from fandex.vocab.names import character_gender

NAME = "category"


def _kind(genders: list[str]) -> str | None:
    """The AO3 category of one relationship from its members' genders."""
    if "U" in genders:
        return None
    if "NB" in genders:
        return "Other"
    kinds = set()
    for i, a in enumerate(genders):
        for b in genders[i + 1 :]:
            kinds.add({("M", "M"): "M/M", ("F", "F"): "F/F"}.get((a, b), "F/M"))
    return kinds.pop() if len(kinds) == 1 else "Multi"


def _gender(name: str, work: Work) -> str:
    g = character_gender(name)
    if g != "U":
        return g
    tag = work.find_tag("character", name)
    guessed = tag.attrs.get("gender") if tag else None
    return guessed if guessed in ("M", "F", "NB") else "U"


def _standing(tag: Tag, min_conf: float) -> bool:
    if tag.attrs.get("rejected") or tag.attrs.get("status") == "past":
        return False
    return tag.source in ("stated", "user", "learned") or tag.confidence >= min_conf


@tagger(
    NAME,
    requires=("tags.relationship", "tags.character"),
    assigns=("tags.category",),
    default_config={"min_relationship_confidence": 0.5, "gen_confidence": 0.55},
)
def category_tagger(work: Work, config: dict[str, Any]) -> None:
    """Tag the work's categories from its relationships and characters' genders."""
    if any(t.source in ("stated", "user") for t in work.tags_of("category")):
        return
    rels = [
        t
        for t in work.tags_of("relationship")
        if _standing(t, config["min_relationship_confidence"]) and "/" in t.name
    ]
    found: dict[str, tuple[float, list[Evidence], str]] = {}
    for rel in rels:
        kind = _kind([_gender(n.strip(), work) for n in rel.name.split("/")])
        if kind is None:
            continue
        conf = 0.95 if rel.source != "inferred" else rel.confidence * 0.95
        ev = rel.evidence[:1] or [Evidence(field="relationship", quote=rel.name)]
        if kind not in found or conf > found[kind][0]:
            found[kind] = (conf, ev, rel.name)
    for kind, (conf, ev, rel_name) in found.items():
        attrs = {"from": rel_name}
        work.add_tag(Tag("category", kind, "inferred", round(conf, 4), ev, NAME, attrs))
    if len(found) > 1 and "Multi" not in found:
        conf = min(c for c, _, _ in found.values())
        ev = [e for _, evs, _ in found.values() for e in evs[:1]]
        work.add_tag(Tag("category", "Multi", "inferred", round(conf, 4), ev, NAME))
    # AO3's Gen is "no romantic or sexual relationship": a stated or found friendship or
    # kinship ("A & B") is Gen's own kind of story, so only a "/" pair (even one under the
    # bar, or of unknown genders) keeps a work from Gen.
    any_romance = any(
        "/" in t.name and not t.attrs.get("rejected") for t in work.tags_of("relationship")
    )
    if not found and not any_romance:
        chars = [t for t in work.tags_of("character") if not t.attrs.get("rejected")]
        if chars:
            lead = max(chars, key=lambda t: t.attrs.get("mentions", 0))
            ev = lead.evidence[:1]
            attrs = {"note": "no relationship found"}
            work.add_tag(
                Tag("category", "Gen", "inferred", config["gen_confidence"], ev, NAME, attrs)
            )
