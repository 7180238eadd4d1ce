"""Romance on the page: the cues of the relationship tagger and the evidence per pair.

A sentence with a romantic or sexual cue ("kissed", "made love", "in love with", "lover",
"in bed with") that names two characters counts for that pair; the two names nearest the cue
are taken when more are present, and a sentence naming three counts for the three as well (a
triad is told in such sentences). A sentence counts once for a pair, at its strongest
reading, and may count for several pairs ("Ruth kissed him, and then kissed Clara"); who
each cue is about is read in :mod:`fandex.tag.romance_people`. A sentence that names only
one of them ("Willow kissed her") or neither counts half, for the people named just before
it whose genders fit its pronouns; in a story of two, for its leads named earlier in the
scene, or later in it when its pronouns are a man and a woman ("She kisses him.") and the
scene names no one else. A cue with a family or friendship word next to it ("kissed her son
goodnight", "loved him like a brother", "my best friend") is affection, not romance, and
does not count. A cue sentence that speaks of the past ("his former fiancée", "years ago",
"used to") counts apart: the story's own relationship is not a backstory one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from fandex.model import Evidence, Work
from fandex.tag.characters_narrator import told_by
from fandex.tag.leadscan import LeadScan, plain_leads
from fandex.tag.mentions import in_dialogue
from fandex.tag.propernames import merge_spans
from fandex.tag.romance_clauses import (
    ANTECEDENT_FAR,
    PLURAL_SUBJECT,
    Openers,
    antecedents,
    go_on,
    named_object_clause,
    negated,
    owner_only,
    told_past,
    unnamed_subject,
    untagged_subject,
)
from fandex.tag.romance_cues import (
    AFFECTION_CUES,
    GREETING_KISS_PLACES,
    MOVED_PATHS,
    MOVED_TOGETHER,
    ROMANTIC,
    WEAK_CUES,
    WEIGHTS,
)
from fandex.tag.romance_dialogue import addressed, listeners, speakers, speech_tags, spoken_of
from fandex.tag.romance_leads import (
    SCENE_REACH,
    leads_before,
    leads_in_scene,
    narrator_partner,
    reach,
)
from fandex.tag.romance_narrator import clause_people, narrators_cue, stranger_cue
from fandex.tag.romance_people import (
    GROUP_AFTER,
    GROUP_BEFORE,
    OBJECT_AFTER,
    OBJECT_REACH,
    RECIPROCAL,
    ROLE_NOUNS,
    ROLE_OBJECT,
    ROLE_SUBJECT,
    THEM,
    NamesSeen,
    character_positions,
    has_object,
    owned_partner,
    pair_whatever_pronouns,
    pick_pair,
    possessed_touches,
    someone_else,
    tied,
    to_two,
    together,
    withdrawn,
)
from fandex.tag.romance_scan import cues, normal_cue, padded, trie_pattern
from fandex.tag.romance_sentence import evidence_at, part_of, wanted_genders, window
from fandex.tag.story_people import character_shares, genders, story_of_two
from fandex.vocab.ao3 import load_toml

_AFFECTION = frozenset(AFFECTION_CUES)
_WEAK = frozenset(WEAK_CUES)
# A kiss on the cheek, forehead or hand ("kissed her on the cheek", "a kiss to her
# forehead") is a greeting or affection as often as romance: it counts as a weak cue. Read
# just after the cue. (A kiss given straight to one, "kissed her cheek", "kissed the top
# of her head", stays a kiss: in the works written for calibration it was a couple's, in
# a story of two, three times of four; the fourth was compared to a relative's.)
_PLACES = "|".join(sorted(map(re.escape, GREETING_KISS_PLACES), key=len, reverse=True))
_GREETING_KISS = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:on|to|against) (?:the|his|her|their|each|both|my|your) "
    r"(?:" + _PLACES + r")\b",
    re.I,
)
_KISS_WORDS = frozenset({"kiss", "kissed", "kisses", "kissing"})
_MOVED = frozenset(MOVED_TOGETHER)
# Read just after "moved together": where to ("through the crowd"), so a walk.
_MOVED_PATH = re.compile(
    r",?\s+(?:" + "|".join(sorted(map(re.escape, MOVED_PATHS), key=len, reverse=True)) + r")\b",
    re.I,
)
# The share of the lead's mentions the lesser of a story's two leads has at least for a
# cue told in pronouns to be theirs though the scene does not name them (the relationship
# tagger's ``central_lead_share``).
SOLID_LEAD_SHARE = 0.3
# How far before a cue sentence the partner its pronoun stands for may be named for its
# evidence to name them (the sentence before, about; the friendship scan's reach).
ANTECEDENT_REACH = 200
# How far before a cue sentence that names no one, or one, its pronouns' people are
# looked for; the one found there is named by its evidence, which starts at that name
# (a pronoun-told couple, "She married him the next spring", is named a few sentences
# before).
LOOK_BACK = 600
# Someone the sentence speaks of without a name: only then is its partner taken from the
# names just before it ("Celia married a rich old man" is about neither of them).
# (As _PRONOUNS: the first letters in every case re.I reads them in, then each word's
# rest under re.I with its first letter checked behind, so the engine skips between
# candidates in C; the words and their order are those of
# r"\b(?:he|him|his|she|her|hers|they|them|their|i|me|my|you|your|we|us|our)\b", re.I.)
_PERSON_WORD = re.compile(
    r"[hHsSſtTiIİımMyYwWuUoO](?<!\w.)(?i:(?<=h)e|(?<=h)im|(?<=h)is|(?<=s)he|(?<=h)er|"
    r"(?<=h)ers|(?<=t)hey|(?<=t)hem|(?<=t)heir|(?<=i)|(?<=m)e|(?<=m)y|(?<=y)ou|(?<=y)our|"
    r"(?<=w)e|(?<=u)s|(?<=o)ur)\b"
)


# Family or friendship in a cue's sentence: the affection of relatives or friends
# ("kissed her son goodnight", "loved him like a brother", "my best friend"), not romance
# (``fandex/vocab/kin.toml``: the relatives and the words of affection).
KIN_WORDS: tuple[str, ...] = (
    *load_toml("kin.toml")["relatives"],
    *load_toml("kin.toml")["affection"],
)
# Searched near a cue (``KIN_REACH`` characters either side, within its sentence), on
# the padded text the cue scan reads (as romance_scan._CUE_SCAN).
KIN_REACH = 40
_KIN_BODY = trie_pattern(KIN_WORDS) + r"s?(?![a-z0-9_])"
_KIN_SCAN = re.compile(r"[^a-z0-9_](?<=\W)" + _KIN_BODY)
_KIN_SCAN_ANY_CASE = re.compile(_KIN_SCAN.pattern, re.I)
_KIN_LEAD, _KIN_LEAD_ANY_CASE = LeadScan(_KIN_SCAN), LeadScan(_KIN_SCAN_ANY_CASE)
# A cue likened, later in its sentence, to what a relative or a friend gives ("kissed his
# cheek, quick and firm, the way she'd kiss her granddad", "held her as a father would",
# "loved him like a brother"): affection, said so.
# (Its opening word's first letter in either case comes first, then the look-behind and
# the rest under re.I, so the engine skips between candidates in C: what
# r"\b(?:the way|as|like)\s+..." under re.I finds, searched once per cue.)
_LIKE_KIN = re.compile(
    r"[tTaAlL](?<!\w.)(?i:(?<=t)he way|(?<=a)s|(?<=l)ike)(?i:\s+"
    r"(?:(?:he|she|they|you|i|one|someone)(?:['’]d|\s+would|\s+does|\s+did)?\s+"
    r"(?:[a-z]+\s+){0,2})?"
    r"(?:a|an|her|his|their|my|your|one['’]s)\s+(?:[a-z-]+\s+)?" + _KIN_BODY + ")"
)


# Marriage cues say who marries whom only with both in their sentence ("she married him",
# "will you marry me", "they were married in June"); "I am to be married in the spring",
# "you are to be married" (a friend's letter), "any man who wants to marry Diana" name one
# person: their partner is not taken from the names before (fandex/vocab/romance_cues.toml).
_NEEDS_PARTNER = frozenset(load_toml("romance_cues.toml")["needs_partner"]["cues"])


# A plural pronoun: two people at least ("they", "our").
_PLURAL = re.compile(r"\b(?:they|them|their|theirs|we|us|our|ours)\b", re.I)


@dataclass
class PairScore:
    """The romance evidence for one pair (or, for a triad, three people)."""

    score: float = 0.0
    past: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)
    sentences: int = 0  # cue sentences counted for the pair
    named: int = 0  # ... of which name both of them
    parts: set[int] = field(default_factory=set)  # tenths of the text they are in
    people: set[str] = field(default_factory=set)  # who of them its sentences name
    units: int = 0  # (a triad's) sentences naming its three people as one
    strong: int = 0  # cue sentences counted at a strong cue's reading ("kissed", "wife")
    # ... and at a cue that may make a couple: strong or intimate, not only affection (a
    # hug, "love you", a kiss on the cheek: what friends and relatives give as well).
    romantic: int = 0

    def add(
        self,
        w: float,
        named: list[str],
        both: bool,
        past: bool,
        part: int,
        ev: Callable[[], Evidence],
        strong: bool = False,
        romantic: bool = True,
    ) -> None:
        """Count one cue sentence, which names ``named`` (``both``: all of the pair);
        ``ev`` makes its evidence, when one more is kept; ``strong``: read at a strong
        cue; ``romantic``: at a cue that may make a couple (not affection alone)."""
        self.score += w
        self.sentences += 1
        self.strong += strong
        self.romantic += romantic
        self.named += both
        self.people.update(named)
        self.parts.add(part)
        if past:
            self.past += w
        if len(self.evidence) < 3:
            self.evidence.append(ev())

    def absorb(self, other: PairScore) -> None:
        """Count ``other``'s sentences as this pair's too (its counts, tenths and people;
        not its evidence, which the caller chooses, nor a triad's ``units``)."""
        self.score += other.score
        self.past += other.past
        self.sentences += other.sentences
        self.named += other.named
        self.strong += other.strong
        self.romantic += other.romantic
        self.parts |= other.parts
        self.people |= other.people


@dataclass
class Romance:
    """A work's romance evidence: per pair of characters, and per three characters
    named together in a cue sentence (a triad's evidence)."""

    pairs: dict[tuple[str, str], PairScore] = field(default_factory=dict)
    trios: dict[tuple[str, str, str], PairScore] = field(default_factory=dict)
    # Per chapter, the :func:`padded` text the scans read (kept for the friendship scan),
    # and the kin words the cue scan met (for the kinship reading).
    scans: dict[int, tuple[str, bool]] = field(default_factory=dict)
    kin: dict[int, list[tuple[int, int, bool]]] = field(default_factory=dict)


@dataclass(slots=True)
class _Read:
    """One sentence's reading for a pair: the arguments of :meth:`PairScore.add`."""

    w: float
    named: list[str]
    both: bool
    past: bool
    part: int
    ev: Callable[[], Evidence]
    strong: bool = False
    romantic: bool = True


def _count(pairs: dict[tuple[str, str], PairScore], reads: dict[tuple[str, str], _Read]) -> None:
    """Count a sentence's readings, one per pair, and clear them."""
    for key, r in reads.items():
        score = pairs.get(key)
        if score is None:  # (not setdefault: a new PairScore per reading costs a tenth)
            score = pairs[key] = PairScore()
        score.add(r.w, r.named, r.both, r.past, r.part, r.ev, r.strong, r.romantic)
    reads.clear()


def score_pairs(work: Work) -> Romance:
    """Romance evidence for each pair (and each three) of tagged characters."""
    scans = {ch.index: padded(ch.text) for ch in work.chapters}
    kin: dict[int, list[tuple[int, int, bool]]] = {ch.index: [] for ch in work.chapters}
    found = {
        ch.index: sorted(
            [*cues(ch.text, scans[ch.index], kin[ch.index]), *possessed_touches(ch.text)]
        )
        for ch in work.chapters
    }
    # Only text near a cue matters: its sentence (~250 characters either side) and
    # the look-back for pronouns (ANTECEDENT_FAR more; in a story of two, its leads
    # are looked for as far as SCENE_REACH).
    two = story_of_two(work)
    # Two leads each named often (not a novel's one lead beside a name said once).
    shares = character_shares(work)
    solid = two is not None and min(shares.get(n, 0.0) for n in two) >= SOLID_LEAD_SHARE
    narrator = next((t.name for t in work.tags_of("character") if t.attrs.get("narrator")), None)
    # A story told in "I" or "you" by a narrator no character stands for.
    person = told_by(work) if narrator is None else None
    back = (SCENE_REACH if two is not None else ANTECEDENT_FAR) + 300
    ahead = SCENE_REACH if two is not None else 300

    def regions() -> dict[int, list[tuple[int, int]]]:
        return {
            i: merge_spans([(max(0, s - back), e + ahead) for s, e, _ in cl])
            for i, cl in found.items()
            if cl
        }

    # (Made only when some character's name is searched for: most works' are a pack's.)
    positions = character_positions(work, regions)
    gender, known = genders(work), genders(work, guessed=False)
    out = Romance(scans=scans, kin={i: hits for i, hits in kin.items() if hits})
    size = max(1, sum(len(ch.text) for ch in work.chapters))
    normal_cues: dict[str, str] = {}  # each cue as written, as listed (a few dozen forms)
    offset = 0
    for ch in work.chapters:
        base, offset = offset, offset + len(ch.text)
        pos = positions.get(ch.index)
        if not found[ch.index] or not pos or len({p[2] for p in pos}) < 2:
            continue
        starts = [p[0] for p in pos]
        text = ch.text
        last_window = (-1, -1)
        body, lowered = scans[ch.index]
        low = body if lowered else None
        # (LeadScan.search, its choice of pattern made once for the chapter.)
        kin_lead = _KIN_LEAD if lowered else _KIN_LEAD_ANY_CASE
        near_kin = kin_lead.checked.search
        if kin_lead.fast is not None and plain_leads(body):
            near_kin = kin_lead.fast.search
        named_as = NamesSeen(text, body if lowered else text.lower(), pos)
        talked: dict[tuple[int, int], bool] = {}  # spoken_of per name (cues look back)
        openers = Openers(text, pos, starts, named_as)
        # A sentence counts once for a pair, at its strongest reading, however many cues
        # it has; a cue of it that counts for no one leaves the others to be read, and
        # one for another pair counts for that pair too ("Ruth kissed him, and then
        # kissed Clara").
        reads: dict[tuple[str, str], _Read] = {}
        last_pair: tuple[tuple[str, str], int] | None = None  # (for go_on: "They had sex")
        trio_read = False
        # The sentence's trio, and where its cues open in ``listed``: the trio counts a
        # sentence with a cue to two at once (read only then: few sentences name three).
        trio_here, run, listed = None, 0, found[ch.index]
        for i, (c_start, c_end, strong) in enumerate(listed):
            lo, hi = window(text, c_start, c_end)
            beyond: list[str] = []  # names a kiss's next clause holds (named_object_clause)
            if (lo, hi) != last_window:
                if reads:
                    _count(out.pairs, reads)
                if trio_here is not None:
                    trio_here.units += any(to_two(text, s, e) for s, e, _ in listed[run:i])
                last_window, trio_read, trio_here, run = (lo, hi), False, None, i
                # What the sentence says whatever its cue: read once.
                wanted: set[str] | None = None
                past: bool | None = None
            # A family word next to the cue says whom it is about ("kissed her son", "her
            # mother, who loved her"); one further off names a bystander ("kissed Sam,
            # with her aunt's neighbours looking on"). The padded text is one longer.
            near = (max(lo, c_start - KIN_REACH), min(hi, c_end + KIN_REACH) + 1)
            if near_kin(body, *near):
                continue  # a relative's or a friend's affection
            if _LIKE_KIN.search(text, c_end, hi):
                continue  # "... the way she'd kiss her granddad"
            inside = pos[bisect_left(starts, lo) : bisect_right(starts, hi - 1)]
            raw = text[c_start:c_end]
            cue = normal_cues.get(raw)
            if cue is None:
                cue = normal_cues[raw] = normal_cue(raw)
            if cue in ROLE_NOUNS and owner_only(text, inside, c_start, c_end):
                continue  # "Sherlock tracked down Greg's wife": she is not Sherlock
            if cue in ROLE_NOUNS and not tied(text, inside, c_start, c_end):
                # A partner word with no one named beside it is no one's, unless a
                # pronoun owns it ("Benedek knelt down beside his husband").
                owned = owned_partner(text, (lo, hi), (c_start, c_end), pos, starts, gender)
                if owned is not None and not negated(text, c_start, lo):
                    if past is None:
                        past = told_past(text, lo, hi, low)
                    a, b = sorted(owned[:2])
                    read = _Read(
                        0.5,
                        [a, b],
                        False,
                        past,
                        part_of(base + c_start, size),
                        evidence_at(ch.index, text, min(lo, owned[2]), hi),
                        True,
                    )
                    if (a, b) not in reads or reads[(a, b)].w < 0.5:
                        reads[(a, b)] = read
                continue
            if cue == "love you" and (
                GROUP_BEFORE.search(text, max(0, c_start - 8), c_start)
                or GROUP_AFTER.match(text, c_end, c_end + 12)
            ):
                continue  # "We love you!", "I love you all": a team's, not a couple's
            if cue.endswith(" hand") and withdrawn(text, c_end):
                continue  # "took her hand away": her own, taken back
            if cue in _MOVED and _MOVED_PATH.match(text, c_end, c_end + 24):
                continue  # "moved together through the crowd": a walk
            kind = "strong" if strong else "affection"
            if cue in _KISS_WORDS and _GREETING_KISS.match(text, c_end, c_end + 40):
                strong, kind = False, "weak"  # on the cheek, the forehead, a hand
            elif not strong and cue not in _AFFECTION and cue in _WEAK:
                kind = "weak"  # (a hand or arms found by a name are affection)
            if OBJECT_AFTER.match(text, c_end, c_end + 6):
                # "kissed him, in front of everyone, and Stiles cheered": a name far past
                # the pronoun is in another clause, not the one kissed; one just after
                # it may be ("kissed her, and Tam kissed her back").
                inside = [p for p in inside if p[0] < c_start or p[0] <= c_end + OBJECT_REACH]
            elif cue in _KISS_WORDS and ROLE_OBJECT.match(text, c_end, c_end + 30):
                # "John kissed his wife, and Sherlock ...": the one kissed is the wife.
                inside = [p for p in inside if p[0] < c_start]
            elif (
                cue in _KISS_WORDS
                and (after := named_object_clause(text, inside, c_end, hi)) is not None
            ):
                # "Sam came in and kissed Grace over the counter, and Lou put her head in
                # her hands": the one kissed is named right after the kiss; a name past
                # the next clause's opening is someone else's.
                # (They are still of the sentence: three named in it may be a triad's.)
                beyond = [p[2] for p in inside if p[0] >= after]
                inside = [p for p in inside if p[0] < after]
            if unnamed_subject(text, pos, starts, lo, c_start):
                continue  # "the captain kissed Tobias": the captain's, whoever that is
            if (person is not None and narrators_cue(text, (lo, hi), c_start, inside, person)) or (
                stranger_cue(text, (lo, hi), c_start, inside)
            ):
                continue  # "he kissed the top of my head", "a man tells him about a date"
            if cue in _KISS_WORDS and ROLE_SUBJECT.search(text, max(lo, c_start - 30), c_start):
                # "Anna watched her husband kiss Claire": the one who kisses is the husband,
                # not a name before him; unnamed, so the kiss is no pair's but the names
                # after it.
                inside = [p for p in inside if p[0] >= c_end]
                if len({p[2] for p in inside}) < 2:
                    continue
            # A name spoken to in a line of dialogue is its listener, one of the pair only
            # when the cue is addressed to them ("I love you, Greg"), not when it speaks of
            # others ("How is he sleeping with Sherlock, Greg?"); nor is its speaker then.
            # Said of others, its speaker and the narration's people around the quote are
            # none of its pair ('"He's dating Sherlock," Greg said').
            said = in_dialogue(text, c_start)  # (asked again below: counted once)
            spoken_to, aside = listeners(text, inside, (lo, hi), (c_start, c_end), said)
            if spoken_to or aside:
                inside = [
                    p
                    for p in inside
                    if p[2] not in spoken_to and not (aside and not in_dialogue(text, p[0]))
                ]
            names: dict[str, int] = {}
            for s, _e, n in inside:
                d = abs(s - c_start)
                names[n] = min(d, names.get(n, d))
            if cue in RECIPROCAL and len(names) > 2 and not has_object(text, inside, c_end):
                # "Ron and Hermione came back in, holding hands, and Neville ...": the
                # two named together before a cue both of them do are its pair ("kissing
                # Iris's knuckles" is not done together; "Bea, Iris and Noel" are three).
                couple = together(text, [p for p in inside if p[0] < c_start], alone=True)
                if couple:
                    names = {n: d + (0 if n in couple else 10_000) for n, d in names.items()}
            elif cue in RECIPROCAL and THEM.search(text, max(lo, c_start - 6), c_start):
                # "Hermione found them holding hands": the one who finds them is not one
                # of them; they are the people named before the sentence.
                names = {
                    n: d
                    for n, d in names.items()
                    if all(p[0] > c_start for p in inside if p[2] == n)
                }
            w = WEIGHTS[kind]
            both_named = len(names) >= 2
            if (
                not both_named
                and cue in _NEEDS_PARTNER
                and clause_people(text, lo, hi, c_start) + len(names) < 2
            ):
                continue  # "you are to be married": to whom, it does not say
            if len(names) < 2:
                # (A pronoun of a gender is a person word: searched for only without one.)
                if wanted is None:
                    wanted = wanted_genders(text, lo, hi)
                if not wanted and not _PERSON_WORD.search(text, lo, hi):
                    continue  # about people who are not the story's characters
            spoken: dict[str, tuple[int, int]] = {}
            if len(names) < 2 and not aside:
                skip = {**names, **dict.fromkeys(spoken_to, 0)}
                spoken = speakers(text, pos, starts, c_start, c_end, skip)
                for n, (s, _e) in spoken.items():
                    names[n] = abs(s - c_start) + 500  # after the sentence's own names
            if not both_named and someone_else(text, (lo, c_start), pos, starts, named_as):
                continue  # "Rosa came in and kissed her husband": an untagged person's
            if (
                both_named
                and untagged_subject(text, c_start, inside)
                and someone_else(text, (lo, min(inside[0][0], c_start)), pos, starts, named_as)
            ):
                continue  # "Alan came down to greet Sherlock with a kiss, ... Greg"
            if not both_named:
                # "Willow kissed her." Take the partner from just before the sentence, at
                # half weight: pronouns are usually the people just named.
                back = max(0, lo - LOOK_BACK)
                before = pos[bisect_left(starts, back) : bisect_left(starts, lo)]
                told = speech_tags(text, pos, starts, c_start, c_end) if aside else set()
                narrated = not said
                for s, e, n in reversed(before):
                    if n in names and len(names) < 4:
                        continue  # already a candidate: nothing to add, nor to stop at
                    if narrated and (s, e) not in talked:
                        talked[s, e] = spoken_of(text, s, e)
                    if n in spoken_to or n in told or (narrated and talked[s, e]):
                        continue  # its listener, a speaker of others' cue, one talked of
                    if n not in names:
                        names[n] = c_start - s + 1000  # in-sentence names stay nearer
                    if len(names) >= 4:
                        break
                if wanted is None:
                    wanted = wanted_genders(text, lo, hi)
                if len(names) < 2 and not aside:
                    # "... and apologised by kissing her": her is the last woman named,
                    # however far back in the scene.
                    far = antecedents(pos, starts, lo, wanted, gender, names, text)
                    names.update({n: c_start - s + 1000 for n, s in far.items()})
                if len(names) < 2 and not aside and two is not None:
                    # A story of two: a pronoun no name just before resolves ("He kissed
                    # her neck", genders no list knows) is a lead named earlier in the scene.
                    names.update(
                        {
                            n: c_start - s + 1000
                            for n, s in leads_before(
                                two, names, pos, starts, lo, text, reach(wanted, two, gender)
                            ).items()
                        }
                    )
                if len(names) < 2 and not aside and two is not None:
                    # "She kisses him.", "They made love." in a scene that names no one
                    # else (the leads after it, or not at all).
                    plural = PLURAL_SUBJECT.search(text, max(lo, c_start - 40), c_start)
                    # ("We", in a story told in "I" by no character: the narrator's.)
                    they = plural is not None and not (person == "I" and plural.group()[0] in "Ww")
                    for n in leads_in_scene(
                        two, names, pos, (lo, hi), text, wanted, gender, they, solid
                    ):
                        names[n] = c_start - lo + 1001  # (as if named just before)
                if len(names) < 2 and not aside and two is not None:
                    # "I kissed her": the narrator and the other of a story of two.
                    other = narrator_partner(
                        two, narrator, names, pos, (lo, hi), text, wanted, gender
                    )
                    if other is not None:
                        names[other] = c_start - lo + 1001
                if len(names) < 2 and not aside and last_pair is not None:
                    # "They had sex" just after a cue sentence read for two: the same two.
                    for n in go_on(text, last_pair, pos, starts, lo, c_start, names):
                        names.setdefault(n, c_start - lo + 1001)
                if len(names) < 2:
                    continue
                w *= 0.5
            if len(names) == 2:
                # (As sorted() ranks two, the first kept on a tie: in C, not a call.)
                x, y = names
                ranked = [y, x] if names[y] < names[x] else [x, y]
            else:
                ranked = sorted(names, key=names.__getitem__)
            named_here = [n for n in ranked if names[n] < 500]
            # Two people named in the sentence are its pair; a guessed gender (the
            # pronouns after a name) never passes them over for a bystander. (Its
            # pronouns are read only when the pair's genders leave it open.)
            pair = pair_whatever_pronouns(named_here, known) if both_named else None
            if pair is None:
                if wanted is None:
                    wanted = wanted_genders(text, lo, hi)
                pair = pick_pair(
                    named_here if both_named else ranked,
                    wanted,
                    known if both_named else gender,
                    frozenset(named_here),
                )
            if pair is None or negated(text, c_start, lo):
                continue  # (a denial: "we aren't dating", "had never kissed anyone")
            # (The earliest of the pair's names taken from before the sentence: a loop,
            # not a generator, as this runs for every cue.)
            farthest = lo
            for n in pair:
                if names[n] >= 1000 and c_start - names[n] + 1000 < farthest:
                    farthest = c_start - names[n] + 1000
            leads = two is not None and set(pair) == set(two) and farthest >= lo - LOOK_BACK
            if (
                farthest < lo
                # (In a story of two whose leads are named just before, one a line of
                # dialogue speaks of is not on the page: "Priya talks too much." takes no
                # pronoun of the narration from them.)
                and (openers.last_narrated if leads else openers.last)(farthest, lo) >= 0
                and not (leads and PLURAL_SUBJECT.search(text, max(lo, c_start - 40), c_start))
            ):
                # Someone no tag names opens a sentence between the pronoun and the name
                # taken for it: the pronoun may be theirs ("Alan nosed into his hair. He
                # kissed Sherlock": not Greg, named before Alan). Not a plural subject in
                # a story of two whose leads are both named just before: "They have been
                # married for six years" is the two of them ("Mirza's baby needs it" in
                # between opens with someone else's name, not with a third of them).
                continue
            if past is None:
                past = told_past(text, lo, hi, low)
            part = part_of(base + c_start, size)

            mentioned = [n for n in pair if n in named_here]
            start, end = lo, hi
            for n in pair:
                if n in spoken:
                    # Said in a line of dialogue that names them around the quote.
                    mentioned.append(n)
                    start, end = min(start, spoken[n][0]), max(end, spoken[n][1])
                    continue
                at = c_start - (names[n] - 1000)
                if (
                    n not in named_here
                    and lo - at <= ANTECEDENT_FAR
                    and (
                        wanted
                        or (said and addressed(text, c_start, c_end))
                        or (
                            two is not None
                            and set(pair) == set(two)
                            and _PLURAL.search(text, lo, hi) is not None
                        )
                    )
                ):
                    # The partner named just before ("Ren put the pan down. 'I know,'
                    # said Ilse, and kissed him."), or the one a line says it to ("Merlin
                    # watched him. ... 'I'm asking you to marry me'"): the evidence starts
                    # at that name. In a story of two, "they" in the sentence is its
                    # two leads ("and then they're kissing").
                    mentioned.append(n)
                    start = min(start, at)

            ev = evidence_at(ch.index, text, start, end)
            key = (min(pair), max(pair))
            romantic = ROMANTIC[kind]
            read = _Read(w, mentioned, both_named, past, part, ev, strong, romantic)
            last_pair = ((pair[0], pair[1]), hi) if len(pair) == 2 else last_pair
            if key not in reads or (w, both_named) > (reads[key].w, reads[key].both):
                # (A sentence with a kiss on the mouth and a hug is read at the kiss.)
                read.romantic = romantic or (key in reads and reads[key].romantic)
                reads[key] = read
            elif romantic:
                reads[key].romantic = True
            if beyond:
                named_here = [*named_here, *(n for n in dict.fromkeys(beyond) if n not in names)]
            if len(named_here) >= 3 and not trio_read:
                trio_read = True
                a, b, c = sorted(named_here[:3])
                trio = out.trios.setdefault((a, b, c), PairScore())
                trio.add(w, [a, b, c], True, past, part, ev, strong, romantic)
                trio_here = trio
        _count(out.pairs, reads)
        if trio_here is not None:
            trio_here.units += any(to_two(text, s, e) for s, e, _ in listed[run:])
    return out
