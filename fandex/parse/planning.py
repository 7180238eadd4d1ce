"""Writing notes are not a story: a file of plans for a story ("I need the reader to be
asking questions", "the first chapter can be a prologue") is flagged, not read as fic.

Writers keep such files next to their drafts, and a folder import picks them up. A
person tells them apart at once: they talk *about* the story (its chapters, its
reader, its opening line, what the writer needs to do) in the writer's own voice and
plan in lists. The test counts those cues per hundred words; only short files are
tested (notes are short; a novel that mentions its chapters is a novel).
"""

from __future__ import annotations

import re

from fandex.model import count_words

FLAG_KIND = "not-a-story"
_MAX_WORDS = 5000
_MIN_WORDS = 40

# The writer talking about the work: its parts, its reader, its craft.
_ABOUT_STORY = re.compile(
    r"\b(?:the|this|my)\s+(?:story|fic|plot|prologue|opening(?:\s+(?:line|paragraph))?|"
    r"first\s+(?:chapter|paragraph|line)|reader|readers|pacing|outline|draft|arc)\b|"
    r"\bchapter\s+(?:one|two|three|\d+)\b|\bin\s+(?:like\s+)?chapter\b|\bpov\b|"
    r"\bviewpoint\b|\bplot\s*(?:point|hole|twist)s?\b|\bforeshadow\w*",
    re.IGNORECASE,
)
# The writer planning: what they need, can or will do.
_PLANNING = re.compile(
    r"\bI\s+(?:need|can|could|should|will|want|have)\s+to\b|\bI\s+(?:can|could)\s+"
    r"(?:make|have|start|put|figure|do)\b|\b(?:maybe|idea)\b[^.!?\n]{0,40}\bI\b|"
    r"\bI'?ll\s+(?:have|make|start|need|put)\b|\bidea\b|\bbrainstorm",
    re.IGNORECASE,
)


def planning_notes(text: str) -> str | None:
    """Why ``text`` reads as writing notes rather than a story, or None.

    >>> planning_notes("OK so I need to start the story with a mystery. Maybe the "
    ...     "prologue can be Orion's letter. I can make the first chapter about Chara. "
    ...     "The reader has to ask questions from the opening line. Idea: Sena shows up in "
    ...     "chapter three, so the pacing is not too fast. I need to figure out the plot.")
    'reads as notes for a story (it plans the story, its chapters and its reader)'
    >>> planning_notes("She counted the gulls. The story of her life, she thought, "
    ...     "was a list of birds. I need to go, she said.") is None
    True
    """
    words = count_words(text)
    if not _MIN_WORDS <= words <= _MAX_WORDS:
        return None
    about = len(_ABOUT_STORY.findall(text))
    plans = len(_PLANNING.findall(text))
    per_100 = 100.0 * (about + plans) / words
    if about >= 4 and plans >= 3 and per_100 >= 2.0:
        return "reads as notes for a story (it plans the story, its chapters and its reader)"
    return None


__all__ = ["FLAG_KIND", "planning_notes"]
