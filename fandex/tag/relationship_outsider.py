"""The observer of an "Outsider POV" story is in none of its couples.

A fic its author tags "Outsider POV" (or "Outsider Perspective") is told by, or through,
someone who watches a relationship from outside it: the colleague who notices the two
leads are together, the aunt who observes her nephew's marriage. Where that story is told
in "I" by a narrator a character tag stands for (``attrs["narrator"]``), that narrator is
the outsider: a couple read with them in it is the outsider and whoever the text names
beside them most (on the written sets, the narrator and a fellow observer, "Breda/Jean",
for a couple the text names by their ranks). No couple is inferred with them in it.
"""

from __future__ import annotations

import re

from fandex.model import Work

# The author's freeform tags of a story told from outside its relationship.
_OUTSIDER = re.compile(r"outsider(?:['’]s)?\s+(?:pov|point of view|perspective)", re.I)


def outsider_narrator(work: Work) -> str | None:
    """The narrator (a character tag with ``attrs["narrator"]``) of a story its author
    tags "Outsider POV", or None.

    >>> from fandex.model import Tag
    >>> w = Work(tags=[Tag("freeform", "Outsider POV", "stated")])
    >>> w.tags.append(Tag("character", "Jean", attrs={"narrator": True}))
    >>> outsider_narrator(w), outsider_narrator(Work())
    ('Jean', None)
    """
    if not any(_OUTSIDER.search(t.name) for t in work.tags_of("freeform")):
        return None
    return next((t.name for t in work.tags_of("character") if t.attrs.get("narrator")), None)
