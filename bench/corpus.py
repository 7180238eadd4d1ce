"""A realistic import corpus, generated at bench time (never committed as fic).

What makes it realistic, and why the import benches need that:

- **prose**, not word salad: sentences written for this module (narration, dialogue
  with said-tags, scene breaks), with the names of a fandom's characters from the
  built-in packs (full names, first names, aliases) as a fic uses them; the cue scan,
  the character and relationship taggers all see what they see in real works;
- **real passages recombined**: about one paragraph in seven is a passage of the shared
  dev set (``../shared/data/warning-passages-dev.jsonl``, AO3 passages labelled for
  warnings; read for measuring only, sentence-cased here), so the warning cues occur
  at a real density; without the file the corpus is the written prose alone (said);
- **real header styles**: ``Title: / Author: / Fandom: / Pairing: / Rating: /
  Warnings:`` in several spellings, a ``"Title" by Author`` line, a hard-wrapped
  mailing-list post, legacy archive HTML pages, and AO3 "Download > HTML" files with
  their typed tag list, chapters and notes;
- **real sizes**: log-normal word counts (median about 2,500 words, AO3-like), long
  works split into chapters, and a few works of 100,000 words;
- some files in cp1252 with curly quotes, as old archives hold them.

Everything is decided by the seed, so two runs (before and after a change) import the
same bytes. ``generate(folder, megabytes)`` writes the files and returns a summary.
"""

from __future__ import annotations

import html
import json
import math
import random
import re
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from fandex.vocab import packs

ROOT = Path(__file__).resolve().parents[1]
DEV_PASSAGES = ROOT.parent / "shared" / "data" / "warning-passages-dev.jsonl"

# -- the prose (written for this module) ---------------------------------------------------
# {A}, {B}: a character's name as the narration uses it; {a}/{b}: subject pronoun,
# {a_o}/{b_o}: object, {a_p}/{b_p}: possessive; {place}, {thing}, {time}, {weather}.

NARRATION = [
    "{A} had not meant to stay so long at the {place}, but the {weather} kept {a_o} there "
    "until well after dark.",
    "It was {time} when {B} finally came back, carrying {thing} and looking as if {b} had "
    "not slept in days.",
    "{A} watched {B} from across the room, trying to work out what had changed.",
    "Nobody at the {place} asked where {a} had been, and {A} did not offer to explain.",
    "The {thing} sat on the table between them like an accusation.",
    "{B} laughed, short and surprised, and for a moment the tension went out of {b_p} shoulders.",
    "Later, {A} would remember the smell of the {place}: dust and old paper and something burnt.",
    "{A} turned the {thing} over in {a_p} hands, looking for a mark {a} knew was not there.",
    "There were a hundred things {A} wanted to say, and none of them would come out right.",
    "{B} was already halfway down the corridor before {A} caught up with {b_o}.",
    "The {weather} had not let up since {time}, and the windows rattled in their frames.",
    "{A} found the letter {time}, tucked into the back of a book nobody had opened in years.",
    "It took {B} three tries to get the door open, and by then {b} was swearing under "
    "{b_p} breath.",
    "The silence stretched until {A} could hear the clock in the hall.",
    "{B} had a way of standing in a doorway as if {b} owned the building.",
    "Something in {A}'s chest loosened, just a little.",
    "They walked the rest of the way without talking, the {weather} at their backs.",
    "{A} had spent most of the week pretending not to notice {B}, with limited success.",
    "By the time the kettle boiled, {B} had told {a_o} most of it.",
    "The {place} was quieter than {A} remembered, and colder.",
    "{B} leaned back against the wall and closed {b_p} eyes.",
    "{A} knew that look; it usually meant trouble for somebody.",
    "The last train had gone {time}, so they took the long road on foot.",
    "{B} set the {thing} down very carefully, as if it might go off.",
    "{A} thought about the argument all through dinner and lost track of the conversation twice.",
    "It had been a long time since anyone had said {A}'s name like that.",
    "{B} rolled {b_p} eyes, but {b} was smiling.",
    "Outside, somebody was singing badly and at great length.",
    "{A} counted the steps down to the {place} out of an old habit.",
    "When {B} finally spoke, {b_p} voice was steady.",
]
DIALOGUE = [
    ("You're late.", "said"),
    ("I know. I'm sorry. It won't happen again.", "said"),
    ("Do you ever actually listen to yourself?", "asked"),
    ("We don't have time for this.", "snapped"),
    ("Tell me you didn't do what I think you did.", "said"),
    ("It's fine. Really. I'm fine.", "insisted"),
    ("Where did you even find that?", "asked"),
    ("I'm not going anywhere without you.", "said"),
    ("You could have told me.", "said quietly"),
    ("That's not the point and you know it.", "said"),
    ("Give me one good reason.", "said"),
    ("I missed you, you idiot.", "muttered"),
    ("Is that blood on your sleeve?", "asked"),
    ("We should go before anyone notices.", "whispered"),
    ("Thank you. For everything.", "said"),
    ("Stop looking at me like that.", "said"),
    ("What happens now?", "asked"),
    ("Nothing. Go back to sleep.", "said"),
]
PLACES = ["library", "kitchen", "station", "harbour", "old house", "hospital", "market",
          "rooftop", "common room", "training hall", "cellar", "garden", "pub", "office",
          "motel", "cemetery", "ship", "castle", "apartment", "bridge"]  # fmt: skip
THINGS = ["a cup of tea", "the map", "a sealed envelope", "the knife", "a stack of files",
          "the old radio", "a bottle of wine", "the key", "a photograph", "the ledger",
          "a bunch of flowers", "the broken watch"]  # fmt: skip
TIMES = ["that morning", "just after midnight", "at dawn", "before supper", "on the third day",
         "late in the afternoon", "the next evening", "an hour later"]  # fmt: skip
WEATHER = ["rain", "snow", "wind", "storm", "fog", "heat"]
BREAKS = ["* * *", "~~~", "---", "oOoOo", "#", "xXx"]
SUMMARIES = [
    "{A} never asked for a partner, least of all {B}.",
    "Five times {A} pretended not to care, and one time {a} couldn't.",
    "After the war, {A} and {B} try to remember how to be people.",
    "A case, a storm, and one very small flat.",
    "{B} has a secret. {A} has a plan. Neither goes well.",
    "Set after the finale. {A} goes looking for {B}.",
]
TITLE_WORDS = ["Lantern", "Harbour", "Winter", "Ashes", "Salt", "Glass", "Letters", "Ghosts",
               "Tide", "Embers", "Thread", "Home", "Rain", "Silence", "Stars", "Iron"]  # fmt: skip
TITLE_FORMS = ["The {X} and the {Y}", "{X}", "All the {X}", "What the {X} Knew",
               "{X} Under {Y}", "A Year of {X}", "Between {X} and {Y}",
               "Nothing But {X}"]  # fmt: skip
AUTHORS = ["inkwell", "moonlit_quill", "Rowan Ashby", "teacupstorm", "P. J. Marlowe",
           "lanternlight", "sixpenny", "wrenfeather", "Nightjar", "cobaltsky", "Mira D.",
           "oldmanriver", "thimbleberry", "saltandstone", "Kestrel"]  # fmt: skip
LEGACY_RATINGS = ["G", "PG", "PG-13", "R", "NC-17", "FRT", "Teen", "Mature", "Explicit", "R (will "
                  "be NC-17 later)", "General Audiences", "Teen And Up Audiences"]  # fmt: skip
WARNINGS = ["none", "character death", "violence", "Major Character Death",
            "No Archive Warnings Apply", "Graphic Depictions Of Violence",
            "Choose Not To Use Archive Warnings", "angst, mild language"]  # fmt: skip
AO3_RATINGS = ["General Audiences", "Teen And Up Audiences", "Mature", "Explicit", "Not Rated"]
AO3_WARNINGS = ["No Archive Warnings Apply", "Choose Not To Use Archive Warnings",
                "Graphic Depictions Of Violence", "Major Character Death"]  # fmt: skip
FREEFORM = ["Angst", "Fluff", "Hurt/Comfort", "Slow Burn", "Found Family", "Case Fic",
            "Alternate Universe - Coffee Shops & Cafés", "Post-Canon", "Pining"]  # fmt: skip


@dataclass
class Cast:
    fandom: str
    names: list[tuple[str, str, str]]  # (full name, short name, gender)


@dataclass
class Summary:
    files: int = 0
    bytes: int = 0
    words: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    passages: bool = False

    def describe(self) -> str:
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.kinds.items()))
        src = "with" if self.passages else "WITHOUT (file absent)"
        return (
            f"{self.files} files, {self.bytes / 1e6:.1f} MB, {self.words:,} words ({kinds}); "
            f"{src} the shared dev passages"
        )


def _pronouns(gender: str) -> tuple[str, str, str]:
    return {"F": ("she", "her", "her"), "M": ("he", "him", "his")}.get(
        gender, ("they", "them", "their")
    )


def load_passages() -> list[str]:
    """The dev passages, sentence-cased (they are stored lower-case)."""
    if not DEV_PASSAGES.exists():
        return []
    out = []
    for line in DEV_PASSAGES.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"].strip()
        text = re.sub(r"(^|[.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
        out.append(re.sub(r"\bi\b", "I", text))
    return out


class Writer:
    """Deterministic works from a seed."""

    def __init__(self, seed: int) -> None:
        self.rnd = random.Random(seed)
        problems: list[str] = []
        loaded = packs.load_packs(packs.BUILTIN_DIR, [], problems)
        self.packs = sorted(loaded, key=lambda p: p.fandom)
        self.passages = load_passages()

    def cast(self) -> Cast:
        r = self.rnd
        pack = r.choice(self.packs)
        chars = pack.characters[: max(2, min(len(pack.characters), 12))]
        chosen = r.sample(chars, k=min(len(chars), r.randint(2, 4)))
        names = []
        for c in chosen:
            aliases = [a for a in c.aliases if a not in c.ambiguous]
            short = c.name.split()[0] if " " in c.name else c.name
            if aliases and r.random() < 0.3:
                short = r.choice(aliases)
            names.append((c.name, short, c.gender))
        return Cast(pack.fandom, names)

    def _fill(self, template: str, cast: Cast) -> str:
        r = self.rnd
        a, b = r.sample(cast.names, 2) if len(cast.names) > 1 else (cast.names[0],) * 2
        pa, pb = _pronouns(a[2]), _pronouns(b[2])
        use = (lambda n: n[0]) if r.random() < 0.15 else (lambda n: n[1])
        return template.format(
            A=use(a), B=use(b), a=pa[0], a_o=pa[1], a_p=pa[2], b=pb[0], b_o=pb[1], b_p=pb[2],
            place=r.choice(PLACES), thing=r.choice(THINGS), time=r.choice(TIMES),
            weather=r.choice(WEATHER),
        )  # fmt: skip

    def paragraph(self, cast: Cast) -> str:
        r = self.rnd
        roll = r.random()
        if self.passages and roll < 0.14:
            return r.choice(self.passages)
        if roll < 0.45:
            line, verb = r.choice(DIALOGUE)
            who = r.choice(cast.names)[1]
            tail = self._fill(r.choice(NARRATION), cast) if r.random() < 0.5 else ""
            if line.endswith("."):
                line = line[:-1] + ","
            return f"\u201c{line}\u201d {who} {verb}. {tail}".strip()
        return " ".join(self._fill(r.choice(NARRATION), cast) for _ in range(r.randint(2, 6)))

    def chapters(self, cast: Cast, words: int) -> list[list[str]]:
        per = 4000 if words > 6000 else words
        out: list[list[str]] = []
        left = words
        while left > 0:
            paras: list[str] = []
            n = 0
            while n < min(per, left):
                if paras and self.rnd.random() < 0.03:
                    paras.append(self.rnd.choice(BREAKS))
                p = self.paragraph(cast)
                paras.append(p)
                n += p.count(" ") + 1
            out.append(paras)
            left -= n
        return out

    def size(self) -> int:
        return min(60_000, max(300, int(math.exp(self.rnd.gauss(math.log(2500), 1.0)))))


def _title(r: random.Random) -> str:
    x, y = r.sample(TITLE_WORDS, 2)
    return r.choice(TITLE_FORMS).format(X=x, Y=y)


def _rating_and_warning(r: random.Random) -> tuple[str, str]:
    return r.choice(LEGACY_RATINGS), r.choice(WARNINGS)


def _pairing(cast: Cast, r: random.Random) -> str:
    a, b = cast.names[0][0], cast.names[1][0]
    return f"{a}/{b}" if r.random() < 0.8 else f"{a} & {b}"


def as_text(w: Writer, cast: Cast, chapters: list[list[str]], style: int) -> tuple[str, str]:
    """A plain-text fic in one of the header styles; returns (text, encoding)."""
    r = w.rnd
    title = _title(r)
    author = r.choice(AUTHORS)
    rating, warning = _rating_and_warning(r)
    summary = w._fill(r.choice(SUMMARIES), cast)
    body_parts = []
    for i, paras in enumerate(chapters, 1):
        if len(chapters) > 1:
            body_parts.append(f"Chapter {i}")
        body_parts += paras
    if style == 0:
        head = [f"Title: {title}", f"Author: {author}", f"Fandom: {cast.fandom}",
                f"Pairing: {_pairing(cast, r)}", f"Rating: {rating}", f"Warnings: {warning}",
                f"Summary: {summary}", "Disclaimer: Not mine, no money made."]  # fmt: skip
        text = "\n".join(head) + "\n\n" + "\n\n".join(body_parts)
    elif style == 1:
        head = [f"TITLE: {title}", f"AUTHOR: {author}", f"RATING: {rating}",
                "CATEGORY: Slash, angst", f"PAIRING: {_pairing(cast, r)}",
                "SPOILERS: through the end of season four", "FEEDBACK: Always welcome",
                "DISCLAIMER: They belong to other people. I just borrow them.",
                f"SUMMARY: {summary}"]  # fmt: skip
        text = "\n".join(head) + "\n\n" + "\n\n".join(body_parts)
    elif style == 2:
        head = [f"\u201c{title}\u201d by {author}", f"Fandom: {cast.fandom}",
                f"Rating: {rating}", f"Word count: {sum(len(p.split()) for p in body_parts):,}",
                f"Notes: {summary}"]  # fmt: skip
        text = "\n".join(head) + "\n\n" + "\n\n".join(body_parts)
    else:  # a mailing-list post: hard-wrapped at 72 columns, a rule under the header
        head = [f"Title: {title}", f"Author: {author}", f"Pairing: {_pairing(cast, r)}",
                f"Rating: {rating}", f"Warnings: {warning}",
                f"Summary: {summary}"]  # fmt: skip
        wrapped = ["\n".join(textwrap.wrap(p, 72)) for p in body_parts]
        text = "\n".join(head) + "\n" + "~" * 40 + "\n\n" + "\n\n".join(wrapped)
    encoding = "cp1252" if r.random() < 0.1 else "utf-8"
    return text + "\n", encoding


def _p(text: str) -> str:
    return f"<p>{html.escape(text, quote=False)}</p>"


def as_ao3_html(w: Writer, cast: Cast, chapters: list[list[str]], n: int) -> str:
    """An AO3 "Download > HTML" file: preface with typed tags, chapters, afterword."""
    r = w.rnd
    title = _title(r)
    author = r.choice(AUTHORS).replace(" ", "_")
    words = sum(len(p.split()) for ch in chapters for p in ch)
    chars = [c[0] for c in cast.names]
    typed = [("Rating", [r.choice(AO3_RATINGS)]), ("Archive Warning", [r.choice(AO3_WARNINGS)]),
             ("Category", [r.choice(["M/M", "F/M", "Gen", "F/F"])]), ("Fandom", [cast.fandom]),
             ("Relationship", [_pairing(cast, r)]), ("Characters", chars),
             ("Additional Tags", r.sample(FREEFORM, 3))]  # fmt: skip
    rows = []
    for label, names in typed:
        links = ", ".join(
            f'<a class="tag" href="https://archiveofourown.org/tags/{html.escape(x)}">'
            f"{html.escape(x)}</a>"
            for x in names
        )
        rows.append(f"<dt>{label}:</dt>\n<dd>{links}</dd>")
    rows.append("<dt>Language:</dt>\n<dd>English</dd>")
    done = f"{len(chapters)}/{len(chapters)}"
    rows.append(
        f"<dt>Stats:</dt>\n<dd>Published: 20{r.randint(10, 24)}-0{r.randint(1, 9)}-"
        f"1{r.randint(0, 9)}\nWords: {words:,}\nChapters: {done}</dd>"
    )
    url = f"https://archiveofourown.org/works/{3_000_000 + n}"
    preface = (
        '<div id="preface">\n<h2 class="toc-heading">Preface</h2>\n'
        f'<p class="message"><b>{html.escape(title)}</b><br/>\nPosted originally on the '
        f'<a href="http://archiveofourown.org/">Archive of Our Own</a> at <a href="{url}">'
        f"{url}</a>.</p>\n"
        '<div class="meta">\n<dl class="tags">\n' + "\n".join(rows) + "\n</dl>\n"
        f"<h1>{html.escape(title)}</h1>\n"
        f'<div class="byline">by <a rel="author" href="https://archiveofourown.org/users/'
        f'{author}/pseuds/{author}">{author}</a></div>\n'
        f'<p>Summary</p>\n<blockquote class="userstuff">'
        f"{_p(w._fill(r.choice(SUMMARIES), cast))}</blockquote>\n</div>\n</div>"
    )
    body = []
    for i, paras in enumerate(chapters, 1):
        head = (
            f'<div class="meta group">\n<h2 class="heading">Chapter {i}</h2>\n</div>\n'
            if len(chapters) > 1
            else ""
        )
        body.append(
            head + '<div class="userstuff">\n' + "\n".join(_p(p) for p in paras) + "\n</div>"
        )
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="UTF-8"/>\n'
        f"<title>{html.escape(title)} - {author} - {html.escape(cast.fandom)} "
        "[Archive of Our Own]</title>\n</head>\n<body>\n" + preface + '\n<div id="chapters" '
        'class="userstuff">\n' + "\n".join(body) + "\n</div>\n"
        '<div id="afterword">\n<p class="message">Please <a href="' + url + '/kudos">drop by '
        "the archive and comment</a> to let the creator know if you enjoyed their work!</p>\n"
        "</div>\n</body>\n</html>\n"
    )


def as_legacy_html(w: Writer, cast: Cast, chapters: list[list[str]]) -> str:
    """An old archive's story page: navigation table, bold header labels, font tags."""
    r = w.rnd
    title = _title(r)
    rating, warning = _rating_and_warning(r)
    paras = [p for ch in chapters for p in ch]
    return (
        f"<html><head><title>Stories - {html.escape(title)}</title></head>\n<body>\n"
        '<table width="100%"><tr><td><a href="index.html">Back to Stories</a> | '
        '<a href="../index.html">Home</a></td></tr></table>\n'
        f'<center><font size="+2">{html.escape(title)}</font></center>\n'
        f"<p><b>Title:</b> {html.escape(title)}<br>\n<b>Author:</b> {r.choice(AUTHORS)}<br>\n"
        f"<b>Rating:</b> {rating}<br>\n<b>Pairing:</b> {html.escape(_pairing(cast, r))}<br>\n"
        f"<b>Warnings:</b> {warning}<br>\n"
        f"<b>Summary:</b> {html.escape(w._fill(r.choice(SUMMARIES), cast))}</p>\n<hr>\n"
        + "\n".join(f"<font face='Verdana'>{_p(p)}</font>" for p in paras)
        + '\n<div id="footer"><a href="index.html">Back</a></div>\n</body></html>\n'
    )


def generate(folder: Path, megabytes: float, seed: int = 19, long_works: int = 2) -> Summary:
    """Write works into ``folder`` until about ``megabytes`` MB; ``long_works`` of them
    have 100,000 words. Returns what was written."""
    w = Writer(seed)
    out = Summary(passages=bool(w.passages))
    limit = int(megabytes * 1e6)
    n = 0
    while out.bytes < limit:
        cast = w.cast()
        words = 100_000 if n < long_works else w.size()
        chapters = w.chapters(cast, words)
        roll = w.rnd.random()
        if roll < 0.35:
            kind, data = "ao3-html", as_ao3_html(w, cast, chapters, n).encode()
            name = f"work-{n:05d}.html"
        elif roll < 0.48:
            kind, data = (
                "archive-html",
                as_legacy_html(w, cast, chapters).encode("cp1252", "replace"),
            )
            name = f"story{n:05d}.htm"
        else:
            style = w.rnd.randrange(4)
            text, enc = as_text(w, cast, chapters, style)
            kind, data = f"txt-{style}", text.encode(enc, "replace")
            name = f"{n:05d}-fic.txt"
        (folder / name).write_bytes(data)
        out.files += 1
        out.bytes += len(data)
        out.words += sum(len(p.split()) for ch in chapters for p in ch)
        out.kinds[kind] += 1
        n += 1
    return out


__all__ = ["Summary", "generate"]
