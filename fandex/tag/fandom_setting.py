"""Which of two fandom packs that share their cast a story belongs to, read from its world.

The Conan Doyle stories and BBC *Sherlock* name the same people (Sherlock Holmes, John
Watson, Mrs Hudson, Lestrade, Moriarty), so names alone cannot tell a pastiche from a
BBC fic. Such packs list each other as related, which makes them one family: the names
they share count as evidence for the family (see :mod:`fandex.tag.fandom`), and which
member it is, is decided here by what only one of them has:

- the member's **setting cues** (``[setting] cues`` in its pack, data a fan can extend):
  lower-case words of the story's world, "hansom", "telegram", "gasogene" against
  "texted", "laptop", "blog"; each distinct cue found counts once;
- the **characters only that member has** (Molly Hooper; Inspector Gregson);
- the **names its stories call their people by** (``[setting] names``): Watson's
  "Holmes" where a BBC fic says "Sherlock". When one member's names are at least
  ``_NAMES_SHARE`` of all the members' name uses, that counts as ``_NAMES_WEIGHT`` cues.

Each member starts from its ``prior`` (its share of the family's works when nothing
tells them apart) and every distinct cue adds ``_CUE_WEIGHT`` to its log-odds; the
probability of the chosen member multiplies the family's fandom confidence. A story
naming only Sherlock and John, with no cue either way, gets the likelier member at a
confidence that says it is unsure.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from fandex.model import Evidence
from fandex.tag.aliases import AliasIndex, Hit
from fandex.tag.mentions import Scan, evidence_for
from fandex.tag.textmemo import TextMemo
from fandex.tag.wordfind import first_whole
from fandex.vocab.packs import fandom_key

__all__ = ["SettingChoice", "choose_setting", "setting_twins"]

# Log-odds one distinct cue adds; cues and own characters counted at most this many.
_CUE_WEIGHT = 0.8
_MAX_CUES = 8
_MAX_OWN = 4
_NAMES_SHARE = 2 / 3
_NAMES_WEIGHT = 2


@dataclass
class SettingChoice:
    """The member chosen, its probability among the members, and the cues that chose it."""

    pack: int
    probability: float
    cues: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


def setting_twins(index: AliasIndex, pack: int) -> list[int]:
    """The packs ``pack`` shares its cast with: related to it, and both with setting cues."""
    me = index.packs[pack]
    if not me.setting_cues:
        return []
    mine = {fandom_key(r) for r in me.related}
    return [
        j
        for j, p in enumerate(index.packs)
        if j != pack
        and p.setting_cues
        and (
            fandom_key(p.fandom) in mine
            or fandom_key(me.fandom) in {fandom_key(r) for r in p.related}
        )
    ]


@cache
def _cue_forms(cues: tuple[str, ...]) -> tuple[str, ...]:
    """The cues in lower case, each multi-word one also with its other separator
    ("coal-scuttle" is also "coal scuttle")."""
    forms: set[str] = set()
    for cue in cues:
        low = " ".join(cue.lower().split())
        forms.add(low)
        if " " in low or "-" in low:
            forms.add(low.replace("-", " "))
            forms.add(low.replace(" ", "-"))
    return tuple(sorted(forms))


def _cue_key(found: str) -> str:
    # "telegram" and "telegrams" are one cue; so are "coal-scuttle" and "coal scuttle".
    key = " ".join(found.casefold().replace("-", " ").split())
    return key[:-1] if key.endswith("s") and len(key) > 3 else key


# A run of word characters and hyphens (what first_whole's edges with joiners="-" end at).
_RUN = re.compile(r"[\w-]+")
# A cue form whose words are such runs, one space apart.
_PLAIN = re.compile(r"[\w-]+(?: [\w-]+)*")
# The lower-cased text of the last few chapters read and its runs: each member of a
# family asks of the same text.
_read: TextMemo[tuple[str, frozenset[str]]] = TextMemo(8)


def _words_of(text: str) -> tuple[str, frozenset[str]]:
    got = _read.get(text)
    if got is None:
        low = text.lower()
        got = _read.put(text, (low, frozenset(_RUN.findall(low))))
    return got


def _cues_found(scan: Scan, cues: tuple[str, ...]) -> dict[str, tuple[int, int, int]]:
    """Each distinct cue in the text, with where it is first found (the first few in
    the text's order). A substring search per cue, not one alternation over the text:
    the cue lists hold a hundred words and a regex tried at every position of a novel
    cost more than the rest of the fandom tagger."""
    hits: list[tuple[int, int, int, str]] = []
    for order, (chapter, text) in enumerate(scan.texts.items()):
        low, words = _words_of(text)
        if len(low) != len(text):  # a letter whose lower case is longer: offsets would drift
            continue
        for form in _cue_forms(cues):
            # A form of word characters and hyphens stands whole only where each of its
            # words is a whole run of them: most cues are in no story, and the set says
            # so without a search through the text.
            if _PLAIN.fullmatch(form) and not words.issuperset(form.split(" ")):
                continue
            at = first_whole(low, form, joiners="-")
            if at != -1:
                hits.append((order, at, chapter, form))
    found: dict[str, tuple[int, int, int]] = {}
    for _, at, chapter, form in sorted(hits):
        found.setdefault(_cue_key(form), (chapter, at, at + len(form)))
        if len(found) >= _MAX_CUES:
            break
    return found


def _own_characters(
    member: int, members: Sequence[int], entities: Mapping[int, Mapping[str, list[Hit]]]
) -> int:
    """Characters found that only ``member`` of the members has (named by an alias no
    other member knows)."""
    others = set(members) - {member}
    own = 0
    for key, hits in entities.get(member, {}).items():
        if not key.startswith("character:"):
            continue
        if any(not ({t.pack for t in h.alias.targets} & others) for h in hits):
            own += 1
    return min(own, _MAX_OWN)


def _name_uses(scan: Scan, members: Sequence[int], index: AliasIndex) -> dict[int, int]:
    """How often each member's name forms are used (an alias found alone: "Holmes", not
    "Sherlock Holmes", which is its own alias)."""
    forms = {m: frozenset(index.packs[m].setting_names) for m in members}
    uses = dict.fromkeys(members, 0)
    for hit in scan.hits:
        for m, names in forms.items():
            if hit.alias.text in names:
                uses[m] += 1
    return uses


def choose_setting(
    members: Sequence[int],
    entities: Mapping[int, Mapping[str, list[Hit]]],
    scan: Scan,
    index: AliasIndex,
) -> SettingChoice:
    """The member of ``members`` (packs sharing a cast) the text's world belongs to.

    ``entities``: per member, its found entities and their hits (the fandom scores)."""
    logits: dict[int, float] = {}
    found: dict[int, dict[str, tuple[int, int, int]]] = {}
    uses = _name_uses(scan, members, index)
    all_uses = sum(uses.values())
    for m in members:
        pack = index.packs[m]
        found[m] = _cues_found(scan, pack.setting_cues)
        strength = len(found[m]) + _own_characters(m, members, entities)
        if all_uses and uses[m] >= _NAMES_SHARE * all_uses:
            strength += _NAMES_WEIGHT
        logits[m] = math.log(pack.setting_prior) + _CUE_WEIGHT * strength
    top = max(logits.values())
    total = sum(math.exp(v - top) for v in logits.values())
    best = max(members, key=lambda m: (logits[m], index.packs[m].setting_prior))
    evidence = [evidence_for(scan, c, s, e) for c, s, e in list(found[best].values())[:2]]
    return SettingChoice(
        pack=best,
        probability=math.exp(logits[best] - top) / total,
        cues=list(found[best]),
        evidence=evidence,
    )
