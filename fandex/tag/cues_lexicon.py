"""Cue lexicons: word lists from ``fandex/vocab/cues/*.toml`` compiled into one fast scanner.

A cue file holds *concepts* (``[violence]``, ``[explicit]``, ...). Each concept lists
terms by weight (``strong`` 3, ``cues`` 2, ``weak`` 1) and may name the content note it
stands for (``note = "Violence"``), a decision ``threshold``, companion concepts
it only counts near (``near = ["sexual"]``, ``window = 300`` characters), and how much
a passage with a single distinct term or without a strong term counts (``single``,
``anchor``/``unanchored``; see :mod:`fandex.tag.cues_analysis`), and concepts whose
words its phrases never also count for (``opposes``). Term syntax:

- lower-case words; a space matches any run of whitespace; ``'`` matches ``'`` or ``’``;
- a trailing ``*`` matches any continuation of the word (``stab*`` -> stabbed, stabbing);
- ``@obj``/``@person``/``@poss``/``@subj``/``@self`` expand to pronoun lists
  (``slit @poss throat``; ``@person`` is ``@obj`` without "it"),
  ``@minor_age`` to the ages 11-17 in words and digits (``@minor_age-year-old``).

The special concept ``mask`` lists idioms ("killing time", "bored to death"). The
scanner prefers the longest term at a position, so an idiom swallows the cue inside it
and is then dropped; that is how metaphor is kept out of the scores.

All terms go into one regular expression shaped as a trie (a shared prefix is tested
once), which keeps the scan at C speed: Python never loops over the words of a text,
only over the (rare) hits. Where the ``hyperscan`` package is installed, the trie is
tried only where Vectorscan finds a term's opening (:mod:`fandex.tag.termscan`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from fandex.errors import ConfigError
from fandex.regex_cache import cached_value, compile_cached
from fandex.tag import cue_terms
from fandex.tag.context_rules import default_rules
from fandex.tag.cue_terms import Trie, expand, trie_pattern
from fandex.tag.leadscan import LeadScan
from fandex.tag.termscan import TermScan

WEIGHTS: dict[str, float] = {"strong": 3.0, "cues": 2.0, "weak": 1.0}
MASK = "mask"


@dataclass(frozen=True)
class Concept:
    """One thing the cues detect, with how to decide on it."""

    name: str
    note: str | None = None
    threshold: float = 3.0
    near: tuple[str, ...] = ()
    window: int = 300
    # A passage resting on one distinct term that is not ``strong`` counts at this
    # factor: one ambiguous word ("ransom", "prison") is weak evidence, two different cues
    # agreeing are not.
    single: float = 0.75
    # When true, a passage needs a ``strong`` term (weight 3) to count in full; without
    # one it counts at ``unanchored``. For notes whose softer cues are everyday words.
    anchor: bool = False
    unanchored: float = 0.5
    # Whether one cue (weight 2) without a strong term may make the concept's note; when
    # false it takes a strong term or two different cues (fandex.tag.note_model.has_cue).
    # For notes whose cues alone are everyday talk: swearing, "sin", "crazy".
    one_cue: bool = True
    # The weight of a cue told as backstory, when this concept's differs from the rule's
    # (0.5): a rape in a character's past still calls for the warning a reader filters on.
    backstory: float | None = None
    # Concepts whose words this concept's phrases never also count for: "don't stop"
    # (consent) is not the refusal "stop" inside it.
    opposes: tuple[str, ...] = ()


class Hit(NamedTuple):
    """A cue found in a text: where, which term, and the concepts it feeds."""

    start: int
    end: int
    term: str
    concepts: tuple[tuple[str, float], ...]


@dataclass
class Lexicon:
    """Every concept and its compiled scanner."""

    concepts: dict[str, Concept]
    literal: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    prefix: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    # The source of :attr:`pattern`, compiled on first use: only :meth:`scan` needs it,
    # and compiling a second large trie would double every process's start-up.
    pattern_source: str = r"(?!)"
    masks: re.Pattern[str] = field(default_factory=lambda: re.compile(r"(?!)"))
    # Context words ("not", "if", "but") scanned in the same pass: word -> kind.
    context: dict[str, int] = field(default_factory=dict)
    # ``pattern`` for the fast scan of a text behind one space: group 1 is the term, and
    # its offsets are one more than in the text (see :func:`build`).
    scanner: re.Pattern[str] = field(default_factory=lambda: re.compile(r"()(?!)"))
    # What the scan needs to know of a matched string (its context kind, the concepts it
    # feeds, whether it is a phrase), kept across texts: a work repeats the strings the
    # works before it matched. Filled by :func:`fandex.tag.cues_analysis.analyse_texts`.
    matched: dict[str, tuple[int | None, tuple[tuple[str, float], ...], bool]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @cached_property
    def lead_scan(self) -> LeadScan:
        """:attr:`scanner` as a :class:`~fandex.tag.leadscan.LeadScan` (the same matches,
        without its look-behind at every candidate)."""
        # The scanner's trie is every literal, prefix and context word (one with a curly
        # apostrophe only as its straight twin): their openings are the pre-scan's.
        words = [w for w in self.context if "’" not in w]
        terms = {t: False for t in [*self.literal, *words]}
        terms.update((t, True) for t in self.prefix)
        return LeadScan(self.scanner, TermScan(terms.items()))

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Every term (and context word) as one regular expression, word-bounded."""
        return compile_cached(self.pattern_source)

    def scan(self, text: str) -> Iterator[Hit]:
        """Yield every cue in ``text`` (already lower-cased), idioms removed."""
        for m in self.pattern.finditer(text):
            concepts = self.concepts_of(m.group())
            if concepts and not self.masked_inside(text, m.start(), m.group()):
                yield Hit(m.start(), m.end(), m.group(), concepts)

    def masked_inside(self, text: str, start: int, matched: str) -> bool:
        """True when an idiom starts inside a phrase cue ("was *dead tired*")."""
        if " " not in matched:
            return False
        pos = matched.find(" ")
        while pos >= 0:
            if self.masks.match(text, start + pos + 1):
                return True
            pos = matched.find(" ", pos + 1)
        return False

    def concepts_of(self, matched: str) -> tuple[tuple[str, float], ...]:
        """The concepts (with weights) a matched string feeds; empty for an idiom."""
        found = self.lookup(" ".join(matched.replace("’", "'").split()))
        return tuple(c for c in found if c[0] != MASK)

    def lookup(self, key: str) -> list[tuple[str, float]]:
        """The concepts of a matched string: its exact term and every prefix term it
        continues ("slut" is a literal of one concept and "slut*" of others)."""
        exact = self.literal.get(key, [])
        if any(c == MASK for c, _ in exact):
            # An idiom: only what its own entry lists besides the mask ("bloody hell" is
            # strong language), never the cue words it contains.
            return exact
        found: dict[str, float] = dict(exact)
        for k in range(len(key), 0, -1):
            entries = self.prefix.get(key[:k], ())
            if not found and any(c == MASK for c, _ in entries):
                # The longest prefix is an idiom ("trenchcoat*"): it swallows the shorter
                # cue prefixes it continues ("trench*"), as a literal idiom does.
                return [e for e in entries if e[0] != MASK] or list(entries)
            for name, weight in entries:
                found[name] = max(weight, found.get(name, 0.0))
        return list(found.items())


def _names(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def build(data: dict[str, dict[str, Any]], context: dict[str, int] | None = None) -> Lexicon:
    """Compile parsed cue tables (concept name -> table) into a :class:`Lexicon`.

    ``context`` words (word -> kind, see :mod:`fandex.tag.context_rules`) join the same
    scanner, so a text is read once for cues and their context.
    """
    concepts: dict[str, Concept] = {}
    literal: dict[str, list[tuple[str, float]]] = {}
    prefix: dict[str, list[tuple[str, float]]] = {}
    trie = Trie()
    mask_terms: list[str] = []
    for name, table in data.items():
        if not isinstance(table, dict):
            raise ConfigError(f"cue concept {name!r} must be a table")
        concepts[name] = Concept(
            name=name,
            note=table.get("note"),
            threshold=float(table.get("threshold", 3.0)),
            near=_names(table.get("near")),
            window=int(table.get("window", 300)),
            single=float(table.get("single", 0.75)),
            anchor=bool(table.get("anchor", False)),
            unanchored=float(table.get("unanchored", 0.5)),
            one_cue=bool(table.get("one_cue", True)),
            backstory=float(table["backstory"]) if "backstory" in table else None,
            opposes=_names(table.get("opposes")),
        )
        for level, weight in WEIGHTS.items():
            for raw in table.get(level, []):
                if not isinstance(raw, str) or not raw.strip():
                    raise ConfigError(f"cue concept {name!r} has a bad term {raw!r}")
                raw = raw.strip().lower()
                is_prefix = raw.endswith("*")
                for term in expand(raw.rstrip("*")):
                    if name == MASK:
                        mask_terms.append(term)
                    target = prefix if is_prefix else literal
                    entry = target.setdefault(term, [])
                    if all(c != name for c, _ in entry):
                        entry.append((name, weight))
                    trie.add(term, is_prefix)
    _inherit(literal, prefix, {c.name: set(c.opposes) for c in concepts.values()})
    for word in context or {}:
        if "’" not in word:  # the trie matches both apostrophes already
            trie.add(word, False)
    for c in concepts.values():
        for other in c.near:
            if other not in concepts:
                raise ConfigError(f"cue concept {c.name!r} is near unknown concept {other!r}")
    body = trie.regex(top=True)
    pattern = r"\b" + body if trie.children else r"(?!)"
    # The scanner matches the character before a term (checked to be no word character)
    # instead of asserting a word boundary: a pattern that opens with a plain character
    # class lets the regex engine skip ahead in C. That finds the same terms only when
    # every term starts and ends with a word character; otherwise keep the boundary.
    terms = [*literal, *prefix, *(w for w in context or {} if "’" not in w)]
    bounded = all(_WORDY.match(t) and _WORDY.match(t[-1]) for t in terms)
    lead = r"[^a-z0-9_](?<=\W)(" if bounded else r"\b("
    # After a term that ends with a word character, "\b" is "no word character next": an
    # assertion the engine checks in place, where "(?!\w)" runs a sub-match (a tenth of
    # the scan).
    scan_body = trie.regex(top=True, end=r"\b") if bounded else body
    # Both are large: compiled once per machine (fandex.regex_cache), not per process.
    scanner = compile_cached(lead + scan_body + ")") if trie.children else re.compile(r"()(?!)")
    masks = compile_cached(trie_pattern(mask_terms))
    return Lexicon(concepts, literal, prefix, pattern, masks, dict(context or {}), scanner)


_WORDY = re.compile(r"\w")


def _inherit(
    literal: dict[str, list[tuple[str, float]]],
    prefix: dict[str, list[tuple[str, float]]],
    opposes: dict[str, set[str]],
) -> None:
    """Let a phrase also feed the concepts of the cue words inside it.

    The scanner takes the longest term at a position, so without this "pool of blood"
    (graphic) would hide "blood" (the Blood note). Idioms inherit nothing, and a phrase
    inherits no concept its own concept ``opposes``.
    """
    lex = Lexicon(concepts={}, literal=literal, prefix=prefix)
    for term, entry in literal.items():
        if " " not in term or any(c == MASK for c, _ in entry):
            continue
        barred = set().union(*(opposes.get(c, set()) for c, _ in entry))
        for word in term.split():
            for name, weight in lex.lookup(word):
                if name != MASK and name not in barred and all(c != name for c, _ in entry):
                    entry.append((name, weight))


# Files in the cue folder that are not cue tables: context words, embedding prototypes.
_NOT_CUES = frozenset({"context.toml", "prototypes.toml"})


def _cue_files() -> list[tuple[str, str]]:
    """``(file name, text)`` of every cue file shipped in ``fandex/vocab/cues``, by name."""
    folder = resources.files("fandex.vocab").joinpath("cues")
    return [
        (entry.name, entry.read_text(encoding="utf-8"))
        for entry in sorted(folder.iterdir(), key=lambda p: p.name)
        if entry.name.endswith(".toml") and entry.name not in _NOT_CUES
    ]


def load_tables(files: list[tuple[str, str]] | None = None) -> dict[str, dict[str, Any]]:
    """Read every cue file shipped in ``fandex/vocab/cues`` (or the given ``files``).

    A concept is defined once; only ``[mask]`` (idioms) may appear in several files, and
    its lists are joined.
    """
    merged: dict[str, dict[str, Any]] = {}
    for name_of_file, text in _cue_files() if files is None else files:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"cue file {name_of_file}: {exc}") from None
        for name, table in data.items():
            if name == MASK and name in merged:
                # Idioms may sit beside the concept they protect, in any file.
                for key, terms in table.items():
                    merged[name][key] = [*merged[name].get(key, []), *terms]
                continue
            if name in merged:
                raise ConfigError(f"cue concept {name!r} is defined twice ({name_of_file})")
            merged[name] = table
    return merged


@cache
def default_lexicon() -> Lexicon:
    """The built-in lexicon (with the context words), compiled once per process.

    What :func:`build` makes of the shipped files is also kept on disk
    (:func:`fandex.regex_cache.cached_value`), keyed by the cue files, the context words
    and the code that builds it: the next process loads it instead of building again.
    """
    kinds = default_rules().kinds
    files = _cue_files()
    key = hashlib.sha256()
    try:
        for source in (__file__, cue_terms.__file__):
            key.update(Path(source).read_bytes())
    except (OSError, TypeError):  # no source to key on (a frozen or byte-code-only install)
        return build(load_tables(files), kinds)
    for name, text in files:
        key.update(f"\0{name}\0{text}".encode())
    key.update(repr(sorted(kinds.items())).encode())
    return cached_value(
        "lexicon", key.digest(), lambda: build(load_tables(files), kinds), _dump, _load
    )


def _dump(lex: Lexicon) -> tuple[Any, ...]:
    """The lexicon as plain data (the scanners as their sources)."""
    concepts = [dataclasses.astuple(c) for c in lex.concepts.values()]
    return (
        concepts,
        lex.literal,
        lex.prefix,
        lex.pattern_source,
        lex.masks.pattern,
        lex.context,
        lex.scanner.pattern,
    )


def _load(data: tuple[Any, ...]) -> Lexicon:
    """The lexicon :func:`_dump` wrote; its scanners compiled through the regex cache."""
    concepts, literal, prefix, pattern_source, masks, context, scanner = data
    return Lexicon(
        {c[0]: Concept(*c) for c in concepts},
        literal,
        prefix,
        pattern_source,
        compile_cached(masks),
        context,
        compile_cached(scanner),
    )
