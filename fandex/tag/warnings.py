"""Archive warnings, with evidence, and flags for warnings the author seems to have missed.

An archive warning needs the event on the page, not only its words:

- Graphic Depictions Of Violence: graphic cues next to violence in one passage, one of
  them strong and told by the narration (a character's talk of "innards" is no depiction),
  or a passage of violence told at length (``VIOLENCE_FACTOR`` times the Violence note's
  threshold in cues the narration tells) with injuries told near it: a fight or a battle
  on the page that leaves hurt on it; one blow, an injury or a broken nose is not, nor a
  shoot-out in which nobody is hurt on the page.
- Major Character Death: a strong death passage whose event (someone "died", "was
  killed", not "was dead") happens in the story's present to a named person: not told
  in dialogue, not dated before the story ("had died", "he'd been killed", a simple past
  in a story told in the present tense), not undead lore (:mod:`fandex.tag.events`);
  or, below any passage threshold, one sentence that tells the death as an event of the
  story: a person of it the subject of a death verb ("He died at about four in the
  afternoon."), the last breath, the time of death said aloud
  (:mod:`fandex.tag.death_events`), or a killing or the aftermath of a death said of a
  person who acts earlier in the text ("Billy was lying in the crater, and he was
  dead.": :mod:`fandex.tag.death_aftermath`). We cannot tell who is major, so its
  confidence is held down.
- Rape/Non-Con: the act stated ("raped her", "forced himself on her"; a figure of speech
  or an agent noun in a list never decides alone), or refusal or force ("said no", "held
  her down") next to sexual content, that positive consent cues do not outweigh; distress
  words alone ("tears", "whimpered") are not enough, nor is "stop" beside one word of
  the bedroom ("sheets") in a work without sexual content, nor not wanting to stop or
  wait, which is wanting to go on.
- Underage Sex: a minor's age stated (an age, a school year, "underage") next to sexual
  content; "child" or "teenager" somewhere near an adult scene is not enough.

No Archive Warnings Apply is inferred only for a text long enough to judge in which no
warning concept comes near its threshold.

A stated tag is never overwritten (:meth:`Work.add_tag`). When the author stated no
warnings, or "No Archive Warnings Apply", and the text strongly shows one, the work gets
a ``possible-missing-warning`` flag that ``fandex review`` lists first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fandex.model import Evidence, Tag, Work
from fandex.tag.calibration import calibrated_named
from fandex.tag.context_rules import BACKSTORY, ON_PAGE
from fandex.tag.cues_analysis import Analysis, ConceptScore, Found, analyse, quote
from fandex.tag.cues_lexicon import WEIGHTS
from fandex.tag.death_aftermath import aftermath_events
from fandex.tag.death_events import death_events, habitual, undone
from fandex.tag.death_implied import mourned_events
from fandex.tag.death_stillness import stillness_events
from fandex.tag.events import in_story_present, narrated_in_present
from fandex.tag.mentions import in_dialogue
from fandex.tag.pipeline import tagger
from fandex.tag.victims import befalls_someone
from fandex.tag.warning_tags import tag_confidence, tagged_warnings

NAME = "warnings"
GRAPHIC = "Graphic Depictions Of Violence"
DEATH = "Major Character Death"
NONCON = "Rape/Non-Con"
UNDERAGE = "Underage Sex"
NONE_APPLY = "No Archive Warnings Apply"
OPT_OUT = "Choose Not To Use Archive Warnings"
ARCHIVE_WARNINGS = (GRAPHIC, DEATH, NONCON, UNDERAGE)
FLAG_KIND = "possible-missing-warning"
_UNDERAGE_ALIASES = {"underage", "underage sex"}

# A violence passage this many times over the Violence note's threshold in cues the
# narration tells on the page (told_at_length) is a fight or a battle told at length: authors
# warn for it as graphic whether or not it dwells on wounds. Chosen with each written set
# left out (bench/eval_warning_sets.py --choose).
VIOLENCE_FACTOR = 1.5
# ... in at least this many passages of the work (a scene, not one blow in a short text).
VIOLENCE_PASSAGES = 3
# ... with injuries the narration tells near it (blood, a wound, ribs: graphic cues, each
# term once, within INJURY_REACH characters of the fight): a shoot-out or a brawl told
# with no hurt on the page is violence authors do not warn for as graphic. Chosen on the
# sets up to heldout14, then checked on heldout15..20 (and the other way round; the same
# on both): bench/eval_warning_sets.py.
INJURY_TERMS = 2.0
INJURY_REACH = 1500
# A death passage must be this much over the Death note's threshold to suggest MCD.
_DEATH_FACTOR = 1.5
# We cannot tell whether the dead are major characters: cap the confidence.
_DEATH_CAP = 0.7
# ... and for a death told in one sentence (told_deaths), whose passage is not scored.
_TOLD_DEATH = 0.6
# The share of the Death note's threshold a work's death cues must reach for a weak sign
# of a death ("his hand went slack") to count.
_WEAK_SUPPORT = 0.5
_STRONG = WEIGHTS["strong"]
_CUE = WEIGHTS["cues"]
_SEXUAL_HINT = 3.0  # sexual-content score that, beside age cues, suggests Underage Sex


@dataclass(frozen=True)
class Inferred:
    """One inferred archive warning: its confidence and evidence."""

    name: str
    confidence: float
    evidence: list[Evidence]


def _strong(cs: ConceptScore, contexts: tuple[str, ...] = (ON_PAGE,)) -> list[Found]:
    """The strong cues of the concept's strongest passage told in one of ``contexts``."""
    return [f for f in cs.best if f.base >= _STRONG and f.weight > 0 and f.context in contexts]


def narrated(analysis: Analysis, cs: ConceptScore, bar: float) -> bool:
    """Whether a passage scoring at least ``bar`` has a strong cue on the page that the
    narration tells, not a character's talk ("Are your innards made of steel?")."""
    for passage, score in zip(cs.passages, cs.passage_scores, strict=True):
        if score < bar:
            break
        for f in passage:
            told = f.base >= _STRONG and f.context == ON_PAGE and f.weight > 0
            if told and not in_dialogue(analysis.texts.get(f.chapter, ""), f.start):
                return True
    return False


def told_at_length(analysis: Analysis, cs: ConceptScore, bar: float) -> bool:
    """Whether the concept's strongest passage holds ``bar`` of weight in cues the
    narration tells on the page (each term once: a word repeated is not a scene; not in
    dialogue, not hypothetical, backstory or negated)."""
    text = analysis.texts.get(cs.best[0].chapter, "") if cs.best else ""
    told: dict[str, float] = {}
    for f in cs.best:
        if f.context == ON_PAGE and f.weight > 0 and not in_dialogue(text, f.start):
            told[f.term] = max(told.get(f.term, 0.0), f.weight)
    return sum(told.values()) >= bar


def injury_told(analysis: Analysis, violence: ConceptScore, graphic: ConceptScore) -> float:
    """The weight of graphic cues (each term once) the narration tells on the page within
    ``INJURY_REACH`` characters of the violence's strongest passage: the hurt a fight
    leaves on the page, not a character's talk of it."""
    if not violence.best:
        return 0.0
    chapter = violence.best[0].chapter
    text = analysis.texts.get(chapter, "")
    lo = min(f.start for f in violence.best) - INJURY_REACH
    hi = max(f.start for f in violence.best) + INJURY_REACH
    told: dict[str, float] = {}
    for f in graphic.found:
        if f.chapter != chapter or not lo <= f.start <= hi:
            continue
        if f.context == ON_PAGE and f.weight > 0 and not in_dialogue(text, f.start):
            told[f.term] = max(told.get(f.term, 0.0), f.weight)
    return sum(told.values())


def present_death(analysis: Analysis, death: ConceptScore, bar: float) -> bool:
    """Whether a strong death cue of a passage scoring at least ``bar`` is an event on
    the page: in the story's present, not in dialogue, to a named person (a death told
    only as backstory, as a threat or as news is no Major Character Death), and befalls
    a person of the story (not a body found, not "the boy", not "killed them":
    :mod:`fandex.tag.victims`), and is no habit ("every night, Noor died on the stage")
    and not undone in its sentence ("died ... before being revived by the Fairy").
    The strongest
    passages are read in turn: a novel's news of one death must not hide another."""
    tenses: dict[int, bool] = {}
    for passage, score in zip(death.passages, death.passage_scores, strict=True):
        if score < bar:
            break
        for f in passage:
            if f.base < _STRONG or f.weight <= 0 or f.context != ON_PAGE:
                continue
            text = analysis.texts.get(f.chapter, "")
            if f.chapter not in tenses:
                tenses[f.chapter] = narrated_in_present(text)
            if (
                in_story_present(text, f.start, f.term, tenses[f.chapter])
                and befalls_someone(text, f.start, f.end)
                and not habitual(text, f.start)
                and not undone(text, f.end)
            ):
                return True
    return False


def told_deaths(analysis: Analysis) -> list[Evidence]:
    """Quotes of the deaths the narration tells as events of the story, a person of it
    the subject ("He died at about four in the afternoon."; :mod:`fandex.tag.death_events`):
    the one plain sentence most deaths are told in, below any passage threshold."""
    # Only chapters with a death cue of any weight ("died", "grave", "blood") or a breath
    # (the last breath is told with no death word: "and there is no next one"): the scan
    # is not free on a novel.
    death = analysis.get("death")
    chapters = {f.chapter for f in death.found}
    # A sign that also tells a faint or a sleep ("his hand went slack") only beside other
    # death cues.
    weak_ok = death.score >= death.concept.threshold * _WEAK_SUPPORT
    out: list[Evidence] = []
    chapter_texts = list(analysis.texts.items())
    for i, (chapter, text) in enumerate(chapter_texts):
        # A death told only by grief for a loved one ("You'd have made fun of it. I love
        # you.": death_implied) needs no death word: every chapter is read for it.
        events = mourned_events(text)
        if chapter in chapters or "breath" in text:
            # ... and the deaths told by another's act or by their aftermath, to a person
            # of the story ("Oskar was shot dead", "and he was dead.": death_aftermath),
            # or by a body going still after a wound ("Then they did not move.":
            # death_stillness; the next chapters are read for the one gone acting again).
            later = "\n\n".join(t for _, t in chapter_texts[i + 1 : i + 3])
            events += death_events(text) + aftermath_events(text)
            events += stillness_events(text, later)
        for e in events:
            if weak_ok or not e.weak:
                out.append(quote(text, chapter, e.start, e.end))
    return out


def infer_warnings(analysis: Analysis, sensitivity: float = 1.0) -> list[Inferred]:
    """The archive warnings the analysed text calls for (possibly none)."""
    out: list[Inferred] = []
    violence, graphic = analysis.get("violence"), analysis.get("graphic")
    bar = graphic.concept.threshold / sensitivity
    if graphic.score >= bar and violence.present and narrated(analysis, graphic, bar):
        conf = min(graphic.confidence, max(violence.confidence, 0.6))
        out.append(Inferred(GRAPHIC, conf, analysis.evidence("graphic", "violence")))
    else:
        bar = violence.concept.threshold * VIOLENCE_FACTOR / sensitivity
        if (
            violence.score >= bar
            and violence.hot >= VIOLENCE_PASSAGES
            and told_at_length(analysis, violence, bar)
            and injury_told(analysis, violence, graphic) >= INJURY_TERMS
        ):
            conf = min(0.7, violence.confidence)
            out.append(Inferred(GRAPHIC, conf, analysis.evidence("violence", "graphic")))
    death = analysis.get("death")
    bar = death.concept.threshold * _DEATH_FACTOR / sensitivity
    if death.score >= bar and present_death(analysis, death, bar):
        conf = min(_DEATH_CAP, death.confidence)
        out.append(Inferred(DEATH, conf, analysis.evidence("death")))
    elif told := told_deaths(analysis):
        out.append(Inferred(DEATH, _TOLD_DEATH, told))
    noncon = noncon_confidence(analysis, sensitivity)
    if noncon > 0:
        out.append(Inferred(NONCON, noncon, analysis.evidence("nonconsent", "nonconsent_cue")))
    minor = analysis.get("minor")
    sexual_cs = max(analysis.get("sexual"), analysis.get("explicit"), key=lambda cs: cs.score)
    # Sexual content need only be suggested (one strong term): abuse of a minor is mostly
    # written without detail, and a reader filtering on this warning must not miss it. The
    # age must be stated, though (a stated age, a school year), on the page or as the
    # story's past: "child" near an adult scene says nothing of who is in it.
    if (
        minor.score * sensitivity >= minor.concept.threshold
        and sexual_cs.score * sensitivity >= _SEXUAL_HINT
        and _strong(minor, (ON_PAGE, BACKSTORY))
    ):
        conf = min(minor.confidence, max(sexual_cs.confidence, 0.5))
        out.append(Inferred(UNDERAGE, conf, analysis.evidence("minor", "explicit", "sexual")))
    return out


def noncon_confidence(analysis: Analysis, sensitivity: float = 1.0) -> float:
    """Confidence that the text shows non-consent (0 when it does not).

    Stated non-consent ("raped her", "against her will") counts anywhere, as long as the
    strongest passage has the act itself or sexual content beside it; consent cues
    ("please stop", "held her down") only next to sexual content, with at least one
    refusal or use of force on the page, and less where positive consent cues are near.
    """
    stated = analysis.get("nonconsent")
    if stated.score * sensitivity >= stated.concept.threshold and (
        _strong(stated, (ON_PAGE, BACKSTORY)) or _near_sex(analysis, stated.best)
    ):
        return stated.confidence
    cue, consent = analysis.get("nonconsent_cue"), analysis.get("consent")
    refusals = _strong(cue)
    if not refusals:
        return 0.0  # distress alone ("tears", "whimpered") is no refusal
    # "Said no" and "stop" are everyday words: they speak of sex only beside sexual
    # content, and a lone cue word ("sheets" by a sickbed, the "ruts" of a road) is
    # that only in a work whose sexual content reaches its threshold.
    least = _CUE if _has_sex(analysis) else _STRONG
    if not _near_sex(analysis, refusals, cue.concept.window, least):
        return 0.0
    # Positive consent ("is this okay?" "yes") near the same scene outweighs "stop".
    net = cue.score - 0.5 * consent.score
    if net * sensitivity >= cue.concept.threshold:
        return min(0.9, 1.0 - float(0.5 ** (net / cue.concept.threshold)))
    return 0.0


def _has_sex(analysis: Analysis) -> bool:
    """Whether the work's sexual content reaches the threshold of either sexual concept."""
    return any(
        (cs := analysis.get(name)).score >= cs.concept.threshold for name in ("sexual", "explicit")
    )


def _near_sex(
    analysis: Analysis, hits: list[Found], window: int = 400, least: float | None = None
) -> bool:
    """Whether sexual cues of at least weight ``least`` (a cue word by default) lie within
    ``window`` characters of one of ``hits``."""
    bar = _CUE if least is None else least
    sexual = [
        f
        for name in ("sexual", "explicit")
        for f in analysis.get(name).found
        if f.base >= bar and f.weight > 0
    ]
    return any(
        s.chapter == h.chapter and abs(s.start - h.start) <= window for h in hits for s in sexual
    )


# The concepts behind each archive warning: how close a text comes to any of them.
_NEAR = (
    ("graphic", GRAPHIC),
    ("death", DEATH),
    ("nonconsent", NONCON),
    ("nonconsent_cue", NONCON),
    ("minor", UNDERAGE),
)


def _ratio(analysis: Analysis, concept: str) -> float:
    cs = analysis.get(concept)
    return cs.score / cs.concept.threshold


def none_apply_confidence(analysis: Analysis) -> float:
    """How sure we are that no archive warning applies (0 when any warning concept is close)."""
    if analysis.words < 200:
        return 0.0
    # Each concept against its own threshold: for death that is the Death note's, lower
    # than what Major Character Death needs, so a death passage half-way to a note
    # already rules "none apply" out.
    worst = max(_ratio(analysis, c) for c, _ in _NEAR)
    if worst >= 0.5:
        return 0.0
    length = min(1.0, analysis.words / 5000)
    return round(0.55 + 0.35 * length * (1.0 - 2 * worst), 3)


def why_no_warning(work: Work) -> tuple[str, list[Evidence]] | None:
    """Why a work carries no archive warning at all (None when it carries one): too short
    to be sure, or a passage came close to a warning without reaching it, with quotes.

    >>> from fandex.model import Chapter
    >>> why_no_warning(Work(title="t", chapters=[Chapter(1, text="They had tea.")]))[0]
    'too short to be sure none applies (No Archive Warnings Apply needs about 200 words)'
    """
    if any(t.type == "warning" and not t.attrs.get("rejected") for t in work.tags):
        return None
    analysis = analyse(work)

    # "Close" as none_apply_confidence measures it (half a concept's threshold), so the
    # reason given is the one that kept No Archive Warnings Apply away.
    concept, name = max(_NEAR, key=lambda cw: _ratio(analysis, cw[0]))
    if _ratio(analysis, concept) >= 0.5:
        # Shown against what the warning needs: Major Character Death asks more of a
        # death passage than the Death note does.
        factor = _DEATH_FACTOR if concept == "death" else 1.0
        share = _ratio(analysis, concept) / factor
        return (
            f"a passage comes close to {name} ({share:.0%} of what it needs)",
            analysis.evidence(*(c for c, warning in _NEAR if warning == name)),
        )
    if analysis.words < 200:
        return f"too short to be sure none applies ({NONE_APPLY} needs about 200 words)", []
    return "no passage comes close to a warning", []


_CANONICAL = {n.casefold(): n for n in (*ARCHIVE_WARNINGS, NONE_APPLY, OPT_OUT)}


def canonical_warning(name: str) -> str:
    """AO3's spelling of a warning name: "underage" -> Underage Sex, and AO3's own
    "Creator Chose Not To Use Archive Warnings" -> the opt-out."""
    folded = " ".join(name.split()).casefold()
    if folded in _UNDERAGE_ALIASES:
        return UNDERAGE
    if "not to use archive warnings" in folded:
        return OPT_OUT
    return _CANONICAL.get(folded, name)


def stated_warnings(work: Work) -> set[str]:
    """Canonical names of the warnings the author (or a user) gave, rejections left out."""
    return {
        canonical_warning(t.name)
        for t in work.tags_of("warning")
        if t.source in ("stated", "user") and not t.attrs.get("rejected")
    }


def _rejected(work: Work, type_: str, name: str) -> bool:
    tag = work.find_tag(type_, name)
    return tag is not None and tag.source == "user" and bool(tag.attrs.get("rejected"))


def replace_flags(work: Work, type_: str, flags: list[dict[str, Any]]) -> None:
    """Swap this tagger's previous flags of ``type_`` for ``flags`` (re-tagging is idempotent)."""
    work.flags = [
        f for f in work.flags if not (f.get("kind") == FLAG_KIND and f.get("type") == type_)
    ] + flags


@tagger(
    NAME,
    requires=("text", "tags.stated"),
    assigns=("tags.warning", "flags.missing-warning"),
    default_config={"sensitivity": 1.0, "flag_confidence": 0.75, "evidence": 3},
)
def warnings_tagger(work: Work, config: dict[str, Any]) -> None:
    """Add inferred archive warnings and flag strong ones the author did not state."""
    analysis = analyse(work)
    if not analysis.readable:
        # Another language: no "none apply" from cues it cannot have, and no flag.
        replace_flags(work, "warning", [])
        return
    found = infer_warnings(analysis, float(config["sensitivity"]))
    limit = int(config["evidence"])
    shown: dict[str, float] = {}
    for w in found:
        conf = calibrated_named("warning", w.name, w.confidence, words=analysis.words)
        shown[w.name] = round(conf, 3)
        attrs = {"raw_confidence": round(w.confidence, 4), "words": analysis.words}
        work.add_tag(
            Tag("warning", w.name, "inferred", shown[w.name], w.evidence[:limit], NAME, attrs)
        )
    stated = stated_warnings(work)
    # The author's own "Character Death" tag, where the author gave no archive warnings:
    # the death the text tells only by its aftermath (warning_tags).
    tagged: set[str] = set()
    if not stated or stated == {OPT_OUT}:
        for name, said in tagged_warnings(work):
            if name in shown:
                continue
            shown[name] = round(tag_confidence(), 3)
            why: dict[str, Any] = {
                "from_tag": said,
                "reasons": [f'the author tagged the work "{said}"'],
            }
            said_so = [Evidence(field="tags", quote=said)]
            work.add_tag(Tag("warning", name, "inferred", shown[name], said_so, NAME, why))
            found.append(Inferred(name, shown[name], said_so))
            tagged.add(name)
    # "None apply" is only worth saying where the author said nothing; beside a stated
    # warning it would contradict the author on the strength of an absence.
    if not found and (not stated or stated == {NONE_APPLY}):
        raw = none_apply_confidence(analysis)
        if raw > 0:
            # Its own map: an absence of cues is a different guess from a cue found.
            conf = round(calibrated_named("warning_none", NONE_APPLY, raw, words=analysis.words), 3)
            attrs = {"raw_confidence": raw, "words": analysis.words}
            work.add_tag(Tag("warning", NONE_APPLY, "inferred", conf, [], NAME, attrs))
    flags: list[dict[str, Any]] = []
    if not stated or stated == {NONE_APPLY}:
        for w in found:
            # A warning read from the author's own tag is no suspicion of the text's.
            if (
                w.name in tagged
                or w.confidence < float(config["flag_confidence"])
                or _rejected(work, "warning", w.name)
            ):
                continue
            flags.append(
                {
                    "kind": FLAG_KIND,
                    "tag": w.name,
                    "type": "warning",
                    # The probability the tag shows (a flag that reconcile makes of a
                    # tag holds the same), not the raw score: ``review``, the work page
                    # and ``suspect:`` read one number. The raw score, which ranks
                    # within a warning where its calibration is a flat share, decides
                    # whether to flag at all (above).
                    "confidence": shown[w.name],
                    "raw_confidence": round(w.confidence, 4),
                    "evidence": [e.to_dict() for e in w.evidence[:limit]],
                    "stated": sorted(stated),
                    "tagger": NAME,
                    "message": f"no warning stated covers it, yet the text suggests {w.name}",
                }
            )
    replace_flags(work, "warning", flags)
