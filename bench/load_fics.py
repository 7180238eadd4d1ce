"""Realistic generated fics for the robustness benches: plain-text files with the header
styles old archives used (``Title:`` / ``Pairing:`` / ``Rating: R``), fandoms and
characters from fandex's own packs, and prose with dialogue, scene breaks and chapters,
of long-tailed lengths (most a few thousand words, a few long).

The prose is made up here from a small vocabulary: it is shaped like a story (names,
quotes, paragraphs of varied length), not a real one. Not a bench itself.
"""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

PACKS = Path(__file__).resolve().parent.parent / "fandex" / "vocab" / "packs"
RATINGS = [
    "G",
    "PG",
    "PG-13",
    "R",
    "NC-17",
    "Teen",
    "Mature",
    "Explicit",
    "FRT",
    "R (will be NC-17)",
]
WARNINGS = ["none", "None", "violence", "character death", "Major Character Death", "angst"]
GENRES = ["Angst", "Romance", "Hurt/Comfort", "Humor", "Drama", "Adventure", "Fluff", "Friendship"]
VERBS = "walked turned looked smiled waited said whispered laughed stopped listened reached".split()
NOUNS = (
    "door window road house rain tea letter lantern harbour night morning kitchen train "
    "bridge garden forest river city winter summer light shadow table stairs fire book"
).split()
ADJS = "old quiet cold warm dark bright small long grey red empty heavy careful".split()
LINES = [
    "I don't know what you want me to say.",
    "We should go before it gets dark.",
    "You came back.",
    "It's not your fault, you know.",
    "Tell me what happened.",
    "I never said I'd stay.",
    "Is that tea? Please say that's tea.",
    "Don't.",
]
BREAKS = ["* * *", "~~~", "-----", "oOo", "#"]


def fandoms() -> list[tuple[str, list[str]]]:
    """(fandom, character names) from the packs fandex ships."""
    out = []
    for path in sorted(PACKS.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        names = [c["name"].split(" (")[0] for c in data.get("characters", [])][:30]
        if names:
            out.append((str(data["fandom"]), names))
    return out


def _sentence(rng: random.Random, who: str) -> str:
    words = [who, rng.choice(VERBS)]
    words += [rng.choice(["to", "toward", "past", "through", "at"]), "the"]
    words += [rng.choice(ADJS), rng.choice(NOUNS)]
    if rng.random() < 0.5:
        words += ["and", rng.choice(VERBS), "again"]
    return " ".join(words) + "."


def _paragraph(rng: random.Random, cast: list[str]) -> str:
    who = rng.choice(cast)
    if rng.random() < 0.3:
        return f"\u201c{rng.choice(LINES)}\u201d {who} said."
    return " ".join(
        _sentence(rng, rng.choice([who, "She", "He", "They"])) for _ in range(rng.randint(2, 9))
    )


def fic(rng: random.Random, i: int, table: list[tuple[str, list[str]]]) -> str:
    """One fic's text."""
    fandom, names = table[int(rng.paretovariate(1.3)) % len(table)]
    cast = rng.sample(names, min(len(names), rng.randint(2, 4)))
    title = f"{rng.choice(ADJS).title()} {rng.choice(NOUNS).title()}" + (f" {i}" if i % 3 else "")
    header = [
        f"Title: {title}",
        f"Author: writer{int(rng.paretovariate(1.1)) % 500}",
        f"Fandom: {fandom}",
        f"Pairing: {cast[0]}/{cast[1]}",
        f"Rating: {rng.choice(RATINGS)}",
        f"Warnings: {rng.choice(WARNINGS)}",
        f"Genre: {', '.join(rng.sample(GENRES, 2))}",
        f"Summary: {cast[0]} and {cast[1]} wait out the {rng.choice(NOUNS)}.",
        "Disclaimer: Not mine, no money made.",
    ]
    # Long-tailed lengths: most fics a few thousand words, a few ten times that.
    paragraphs = min(1500, int(30 * rng.paretovariate(1.6)))
    chapters = 1 if paragraphs < 80 else rng.randint(2, 12)
    body = []
    for c in range(chapters):
        if chapters > 1:
            body.append(f"Chapter {c + 1}")
        for p in range(max(3, paragraphs // chapters)):
            body.append(_paragraph(rng, cast))
            if p and p % 25 == 0:
                body.append(rng.choice(BREAKS))
    return "\n".join(header) + "\n\n" + "\n\n".join(body) + "\n\nThe End.\n"


def write_fics(folder: Path, n: int, seed: int = 1, start: int = 0) -> int:
    """Write ``n`` fics into ``folder``; their total size in bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    table = fandoms()
    total = 0
    for i in range(start, start + n):
        data = fic(rng, i, table).encode("utf-8")
        (folder / f"fic-{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


if __name__ == "__main__":
    print("load_fics: the generated fics bench/load_web.py and fuzz_kill.py import")
