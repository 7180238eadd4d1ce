"""A death told only by grief for a loved one who cannot answer (fandex.tag.death_implied)."""

from __future__ import annotations

import pytest

from fandex.model import Chapter, Work
from fandex.tag.cues_analysis import analyse
from fandex.tag.death_implied import mourned_events
from fandex.tag.warnings import DEATH, infer_warnings


@pytest.mark.parametrize(
    "text",
    [
        # a reaction in the conditional, a love said, a funeral
        'Nobody sat at the table. "She\'d have liked the hymns," the vicar said after the '
        "funeral. Ines read the card again. I loved her, it said.",
        # a message to one who cannot answer
        "Message four. I know you can't hear this. You'd have laughed at the hat. I love you.",
        # the present conditional of this very scene, a toast, grief
        'He held the glass. "He\'d hate this," Arlo said. It was a year of grief. '
        '"To him," said Arlo. "The love of my life."',
        # words at a grave, grief, a love said
        "Pell knelt and spoke to the headstone a while. The grief was a year old now. "
        "I loved you, she said, and left the tulips.",
        # a message to one who cannot answer, a love, a memorial
        "I know you can't hear this. They held the memorial on Friday. I love you.",
        # the time since the death, grief, a love missed
        "It was a year since Tomas died. The grief had dulled. I still miss you, she said.",
        # a love said of the absent one, a reaction, a casualty list
        'Leia read the casualty lists. "He\'d have hated that," she said. She thought '
        "of the times she had said she loved him.",
        # curly apostrophes
        "You’d have made fun of it. I know you can’t hear this. I love you.",
    ],
)
def test_grief_for_a_loved_one(text: str) -> None:
    assert mourned_events(text)


@pytest.mark.parametrize(
    "text",
    [
        # a parent remembered: a death before the story
        "Your father would have been proud of you. I love you, he said. The funeral was long.",
        "At the funeral Mum cried. She'd have liked the flowers, Dad said. I love you, Mum.",
        # a friend's funeral, no love said to the dead one
        "He'd have wanted somewhere nice for the wake. The funeral was at ten. We drank.",
        # someone away, not mourned: no sign they cannot answer
        "She'd have loved this beach. I love you, he texted. She sent back a photo.",
        # a parent's grave, the love said to the parent
        "She talked to the headstone for an hour. The grief came back. I love you, Mum.",
        "It was a year since Dad died. The grief had dulled. I still miss him.",
        # the love is the reaction itself: no love said
        "She held the baby at the funeral. You would have loved her, he said. Grief came.",
        # a pet mourned
        "Biscuit was the best dog. He'd have loved this beach. I loved him. The grief came.",
        # love and a loss, but no reaction the absent one cannot have
        "I love you, she said at the funeral of the old porter.",
    ],
)
def test_no_grief_for_a_loved_one(text: str) -> None:
    assert not mourned_events(text)


def test_the_love_and_the_loss_are_read_near_the_reaction() -> None:
    far = " The kettle boiled." * 400
    assert not mourned_events("She'd have liked it." + far + " I loved her at the funeral.")


def test_major_character_death_from_grief_with_no_death_word() -> None:
    text = (
        "Message one. It's me. I know you can't hear this. The new flat has orange carpet. "
        "You'd have made fun of it. Anyway. I miss your drawings. I love you. Bye."
    )
    work = Work(chapters=[Chapter(1, text=text)])
    assert DEATH in [w.name for w in infer_warnings(analyse(work))]
