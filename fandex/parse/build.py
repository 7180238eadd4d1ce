"""Assemble a :class:`Work` from a cleaned document: header, chapters, stated tags."""

from __future__ import annotations

from fandex.model import Chapter, Evidence, Tag, Work
from fandex.parse.header import parse_header
from fandex.read.document import RawDocument

_RATINGS = {
    "nc-17": "Explicit",
    "nc17": "Explicit",
    "explicit": "Explicit",
    "r": "Mature",
    "mature": "Mature",
    "pg-13": "Teen And Up Audiences",
    "teen": "Teen And Up Audiences",
    "pg": "General Audiences",
    "g": "General Audiences",
}


def build_work(doc: RawDocument) -> Work:
    """Interpret ``doc``: its header fields, its chapters and the tags it states."""
    meta = doc.metadata
    work = Work(title=meta.get("title") or "Untitled", authors=list(meta.get("authors", [])))
    blocks = doc.blocks
    header = parse_header([b.text for b in blocks])
    work.header = dict(header.raw)
    f = header.fields
    if "title" in f:
        work.title = f["title"]
    if "author" in f:
        work.authors = [f["author"]]
    work.summary = f.get("summary") or meta.get("summary")
    if "rating" in f:
        name = _RATINGS.get(f["rating"].split()[0].lower())
        if name:
            work.add_tag(Tag("rating", name, evidence=[Evidence(field="Rating", quote=f["rating"])]))
    if "pairing" in f:
        for p in f["pairing"].split(","):
            if p.strip():
                names = sorted(n.strip() for n in p.split("/"))
                work.add_tag(
                    Tag("relationship", "/".join(names), evidence=[Evidence(field="Pairing", quote=p.strip())])
                )
    for type_, name in meta.get("tags", []):
        work.add_tag(Tag(type_, name))
    if doc.chapters:
        work.chapters = [
            Chapter(index=i + 1, title=c.title, text="\n\n".join(b.text for b in c.blocks))
            for i, c in enumerate(doc.chapters)
        ]
    else:
        body = "\n\n".join(b.text for b in blocks[header.end :])
        work.chapters = [Chapter(index=1, title=None, text=body)]
    return work
