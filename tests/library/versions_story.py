"""A short story written for these tests, in chapters, and the copies a collector
ends up with: snapshots of 1, 3 and 5 chapters in different formats, a lightly edited
copy, and an unrelated story that shares the summary. (Original text; no fan work.)"""

from __future__ import annotations

import re
from pathlib import Path

from fandex.export import build_epub
from fandex.model import Chapter, Work

TITLE = "The Lamplighter's Road"
AUTHOR = "Wren Calloway"
SUMMARY = "A lamplighter walks the coast road one last winter."

CHAPTERS: list[tuple[str, str]] = [
    (
        "The First Lamp",
        "Osric lit the first lamp at the bottom of the hill while the tide was still going "
        "out. The wick caught on the second strike, the way it always did in the cold, and "
        "he stood back to watch the flame settle behind its glass. Down on the shingle the "
        "gulls were arguing over something the water had left them. He counted the lamps "
        "ahead of him along the coast road, forty-one of them, and then he counted the "
        "winters he had walked it, and found the second number larger than he liked. His "
        "daughter had written again from the city. She wanted him to come and live in two "
        "warm rooms above a bakery, where nobody would ask him to climb a ladder in the "
        "sleet. He folded the letter into his coat and lifted the ladder onto his shoulder.",
    ),
    (
        "The Widow at the Toll House",
        "The toll house had been empty for six years, which was why the light in its window "
        "stopped him. A woman in a grey shawl opened the door before he could knock and told "
        "him she had bought the place for the price of its back taxes. Her name was Maud. "
        "She had a kettle on and no chairs, so they drank their tea standing by the stove, "
        "looking out at the road. She asked him how many lamps there were, and when he told "
        "her, she asked him who would light them after him. Nobody had asked him that in "
        "twenty years. He said the council would probably string electric wire along the "
        "poles, the way they had done in the next parish, and she said that would be a pity, "
        "and he found that he agreed with her more than he had expected to.",
    ),
    (
        "Salt on the Glass",
        "A storm came in off the water in the third week of December and coated every lamp "
        "glass with salt. Osric spent two days walking the road with a bucket and a rag, "
        "climbing and wiping and climbing down again, and by the second evening his knees had "
        "opinions about the whole business. Maud came out with a second ladder and a second "
        "bucket and did not ask whether he wanted help. She worked from the far end toward "
        "the toll house while he worked from the near end, and they met in the middle where "
        "the road bends around the chapel ruins. Her hands were raw and she was laughing at "
        "something the wind had done to her hat. He told her about his daughter's letter, "
        "and about the bakery, and she listened without offering an opinion on either.",
    ),
    (
        "The Council Meeting",
        "The council met in the schoolroom on the first Tuesday of January, and the question "
        "of the coast road was the fourth item on the list, after drains. A young man from "
        "the electric company unrolled a map with the new poles drawn on it in red ink. "
        "Someone asked what would become of the old lamps. The young man said they could be "
        "sold for scrap or kept as ornaments, whichever the parish preferred. Maud stood up "
        "at the back of the room and said the lamps were not ornaments, and that a road lit "
        "by a person was a different road from one lit by a switch in a shed. There was a "
        "silence after that, the long kind. Then the vicar proposed that the matter be "
        "deferred until the spring, and the motion carried by a single vote.",
    ),
    (
        "The Last Winter",
        "In February the ice held the ladder's feet so hard that Osric had to kick them free "
        "each morning. He wrote to his daughter and told her he would come to the city in "
        "the summer, to see the two warm rooms, but that he had not decided anything else. "
        "Maud began walking the road with him in the evenings, carrying the matches while he "
        "carried the ladder, and by the end of the month she could light a lamp on the first "
        "strike, which was more than he could. On the last night of the winter they stood at "
        "the top of the hill and looked back along the forty-one small flames that curved "
        "with the shore. She asked him who would light them next year. He handed her the "
        "ladder, and she took it, and neither of them said anything more about it.",
    ),
]

# A chapter the author posted in the early snapshot and deleted later.
INTERLUDE = (
    "Interlude: The Gull",
    "A gull followed Osric for a week that winter, landing on each lamp just after he lit "
    "it, as if it were checking his work. He named it Alderman and told it his troubles, "
    "and it never once offered advice, which made it the best listener in the parish.",
)

UNRELATED = [
    (
        "Harbour Accounts",
        "Petra kept the harbour accounts in a ledger bound in green cloth, and every Friday "
        "she walked the quay with a pencil behind her ear, counting crates of herring and "
        "barrels of tar. The fishermen called her the Auditor and meant it kindly. When the "
        "new steamer arrived from the north with its captain shouting about tariffs, she "
        "listened to him for a full minute before she opened the ledger and showed him the "
        "page where his last three payments had not been entered, because they had not been "
        "made. He paid on the spot, in coins he had to borrow from his own cook, and the "
        "quay talked of nothing else until the spring fair.",
    ),
    (
        "The Spring Fair",
        "The spring fair filled the square with stalls of ribbon and cheese, and a juggler "
        "from the south who could keep seven oranges in the air while reciting the names of "
        "every saint in the calendar. Petra bought a jar of honey and a new pencil. The "
        "steamer captain found her by the well and apologised, badly, and then asked whether "
        "she would keep his ship's books as well as the harbour's. She said she would think "
        "about it, and thought about it for exactly as long as it took him to offer double.",
    ),
]


def _edit(text: str) -> str:
    """Light edits: a few words changed, a comma or two, as an author revising would."""
    swaps = {
        "cold": "chill",
        "woman": "lady",
        "storm": "gale",
        "young man": "clerk",
        "small": "little",
    }
    for old, new in swaps.items():
        text = re.sub(rf"\b{old}\b", new, text, count=1)
    return text.replace(" and then ", ", then ")


def txt(chapters: list[tuple[str, str]], *, title: str = TITLE, summary: str = SUMMARY) -> str:
    head = f"Title: {title}\nAuthor: {AUTHOR}\nFandom: Original Work\nSummary: {summary}\n\n"
    body = "\n\n".join(f"Chapter {i}: {t}\n\n{p}" for i, (t, p) in enumerate(chapters, 1))
    return head + body + "\n"


def html(chapters: list[tuple[str, str]]) -> str:
    parts = [
        f"<html><head><title>{TITLE}</title></head><body>",
        f"<h1>{TITLE}</h1><p>by {AUTHOR}</p><p>Summary: {SUMMARY}</p>",
    ]
    for i, (t, p) in enumerate(chapters, 1):
        parts.append(f"<h2>Chapter {i}: {t}</h2><p>{p}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def epub(chapters: list[tuple[str, str]]) -> bytes:
    work = Work(
        title=TITLE,
        authors=[AUTHOR],
        summary=SUMMARY,
        id="f00dfeedf00dfeed",
        language="en",
        chapters=[Chapter(i, t, text=p) for i, (t, p) in enumerate(chapters, 1)],
    )
    return build_epub(work)


def write_copies(folder: Path) -> dict[str, Path]:
    """Every copy in ``folder``; returns them by role."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "snap1": folder / "lamplighter-ch1.txt",
        "snap3": folder / "lamplighter-wip.html",
        "full": folder / "Lamplighter's Road.epub",
        "edited": folder / "lamplighter-revised.txt",
        "unrelated": folder / "harbour-accounts.txt",
    }
    files["snap1"].write_text(txt(CHAPTERS[:1]), encoding="utf-8")
    files["snap3"].write_text(html([CHAPTERS[0], CHAPTERS[1], INTERLUDE]), encoding="utf-8")
    files["full"].write_bytes(epub(CHAPTERS))
    files["edited"].write_text(txt([(t, _edit(p)) for t, p in CHAPTERS]), encoding="utf-8")
    files["unrelated"].write_text(
        txt(UNRELATED, title="Harbour Accounts", summary=SUMMARY), encoding="utf-8"
    )
    return files
