"""The one whose point of view a story is told from, as its author's tags say ("Piper
Chapman POV", "Ianto's POV", "POV: Jean").

Fan authors name the viewpoint character in an Additional Tag. In a story told in "I" or
"you" that person is the narrator, who seldom says their own name: the tag is then the
only place the narrator is named, and without it "I" stands for no one when the
relationship taggers look for the people of a sentence. Tags that name a kind of
viewpoint rather than a person ("Outsider POV", "Alternating POV", "Multiple POV",
"First Person POV") name no one: the words that mark them are ``kinds`` in
``fandex/vocab/pov_tags.toml``.
"""

from __future__ import annotations

import re

from fandex.model import Evidence, Tag, Work
from fandex.vocab.ao3 import load_toml

# "X POV", "X's POV", "X's Point of View", "POV: X", "POV X", "X-POV"; "X Narrates",
# "Narrated by X", "Narrator: X".
_AFTER = re.compile(
    r"^\s*(?P<name>.+?)(?:['’]s)?[\s-]+(?:POV|P\.O\.V\.|Point[\s-]of[\s-]View|Perspective"
    r"|Narrates|Narrating|Narration)\s*$",
    re.IGNORECASE,
)
_BEFORE = re.compile(
    r"^\s*(?:POV|Point of View|Narrated by|Narrator)\s*[:\-–]?\s*(?P<name>.+?)\s*$",
    re.IGNORECASE,
)
# Words that make a viewpoint tag name a kind of viewpoint, not a person.
_KINDS = frozenset(load_toml("pov_tags.toml")["kinds"])
_NAME_WORD = re.compile(r"^[A-Z][\w’'.-]*$")
# Per person a story is told in ("I", "you"), the tags that leave its teller unnamed, and
# the name AO3 gives the teller then: tag (case-folded) -> "Reader" or "Narrator".
_UNNAMED = {
    person: {tag.casefold(): name for name, tags in names.items() for tag in tags}
    for person, names in load_toml("pov_tags.toml")["unnamed"].items()
}


def pov_name(tag_name: str) -> str | None:
    """The person a viewpoint tag names, or None ("Outsider POV" names no one).

    >>> pov_name("Piper Chapman POV"), pov_name("Ianto's POV"), pov_name("POV: Jean")
    ('Piper Chapman', 'Ianto', 'Jean')
    >>> pov_name("Red Narrates"), pov_name("Narrated by Ilse"), pov_name("Unreliable Narrator")
    ('Red', 'Ilse', None)
    >>> pov_name("Outsider POV") is None and pov_name("First Person POV") is None
    True
    """
    m = _AFTER.match(tag_name) or _BEFORE.match(tag_name)
    if m is None:
        return None
    name = m.group("name").strip(" -–:")
    words = name.split()
    if not 1 <= len(words) <= 4 or any(w.casefold().strip(".") in _KINDS for w in words):
        return None
    if not all(_NAME_WORD.match(w) for w in words):
        return None  # "the cat's POV", a sentence
    return name


def pov_names(work: Work) -> list[str]:
    """The persons the author's stated Additional Tags name as viewpoints, in order."""
    out: list[str] = []
    for tag in work.tags_of("freeform"):
        if tag.source not in ("stated", "user") or tag.attrs.get("rejected"):
            continue
        name = pov_name(tag.name)
        if name is not None and name not in out:
            out.append(name)
    return out


def unnamed_narrator(work: Work, told: str | None) -> tuple[str, str] | None:
    """The name AO3 gives the unnamed teller of a story told in ``told`` ("I" or "you",
    :func:`fandex.tag.characters_narrator.told_by`), as the author's stated Additional
    Tags say, and the tag that says it: ``("Reader", "Reader-Insert")`` for a story told
    in "you", ``("Narrator", "Unnamed Narrator")`` for one told in "I"; else None.

    >>> w = Work(tags=[Tag("freeform", "Reader-Insert", "stated", 1.0)])
    >>> unnamed_narrator(w, "you"), unnamed_narrator(w, "I")
    (('Reader', 'Reader-Insert'), None)
    """
    tags = _UNNAMED.get(told or "")
    if not tags:
        return None
    for tag in work.tags_of("freeform"):
        if tag.source not in ("stated", "user") or tag.attrs.get("rejected"):
            continue
        name = tags.get(tag.name.strip().casefold())
        if name is not None:
            return name, tag.name
    return None


def _words(name: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[\w’'-]+", name)}


def matching(name: str, names: list[str]) -> str | None:
    """The one of ``names`` the viewpoint name ``name`` stands for: the same name, else
    the one name that holds every word of it ("Ianto" of "Ianto Jones"), else the one
    name all of whose words it holds (the text's "Ruth" of the tag's "Ruth Kessock")."""
    if name in names:
        return name
    want = _words(name)
    for found in (
        [n for n in names if want <= _words(n)],
        [n for n in names if _words(n) and _words(n) <= want],
    ):
        if found:
            return found[0] if len(found) == 1 else None
    return None


def pov_narrator_tag(work: Work, name: str, tagger: str) -> Tag:
    """A character tag for the narrator the author's viewpoint tag names, where the text
    never names them (a narrator says "I"): its evidence is the tag. The character
    tagger marks it the narrator's (mentioned by every "I") and calibrates it."""
    said = next((t.name for t in work.tags_of("freeform") if pov_name(t.name) == name), None)
    if said is None:
        unnamed = unnamed_narrator(work, "you" if name == "Reader" else "I")
        said = unnamed[1] if unnamed is not None and unnamed[0] == name else name
    attrs = {"role": "main", "mentions": 0, "share": 1.0, "density": 0.0}
    attrs["raw_confidence"] = 0.9
    attrs["pov_tag"] = said
    return Tag(
        "character", name, "inferred", 0.9, [Evidence(field="tags", quote=said)], tagger, attrs
    )
