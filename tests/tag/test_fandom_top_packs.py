"""The packs for the most-shipped AO3 fandoms (AO3 Ship Stats 2023-2024): each is guessed
from a short story of its own, none from a story that only shares its everyday names."""

from __future__ import annotations

import pytest

from fandex.model import Chapter, Work
from fandex.tag.fandom import fandom_tagger
from fandex.vocab.packs import BUILTIN_DIR, are_relatives, find_pack, load_packs


def fandoms(text: str) -> list[str]:
    w = Work(chapters=[Chapter(1, text=text)])
    fandom_tagger(w)
    return [t.name for t in w.tags_of("fandom")]


OWN_STORIES = {
    "文豪ストレイドッグス | Bungou Stray Dogs": (
        "Dazai was late to the Armed Detective Agency again. Kunikida checked his "
        "notebook and sighed, and Atsushi made tea for Ranpo. Across the harbour the "
        "Port Mafia kept its own hours; Chuuya read the report twice. Dazai laughed when "
        "Atsushi asked about him, and Kunikida told them both to sit down."
    ),
    "Baldur's Gate (Video Games)": (
        "Astarion sat by the fire at the Emerald Grove while Shadowheart counted their "
        "potions. Karlach stretched and Gale read from a borrowed book. Lae'zel kept "
        "watch. In the morning they would march toward Moonrise Towers, and Astarion "
        "asked Karlach whether she had ever seen the Nautiloid up close."
    ),
    "呪術廻戦 | Jujutsu Kaisen (Manga)": (
        "Itadori ran the lap twice while Fushiguro timed him. Kugisaki complained about "
        "the heat outside Jujutsu High. Gojo arrived late, as usual, with sweets for "
        "everyone, and talked about Cursed Energy until Nanami asked him to stop. "
        "Itadori laughed; Kugisaki threw a bottle cap at Gojo."
    ),
    "Red White & Royal Blue - Casey McQuiston": (
        "Alex Claremont-Diaz read the email twice before he called June. June "
        "Claremont-Diaz told him to breathe. Henry Fox-Mountchristen-Windsor had written "
        "from London, and Nora Holleran wanted every detail. Zahra Bankston knocked on "
        "the door with a schedule, and Alex put the phone face down."
    ),
    "9-1-1 (TV)": (
        "The alarm rang at Station 118 and Buck slid down the pole. Chimney groaned and "
        "Hen grabbed her kit. Bobby Nash called the run from the truck while Eddie Diaz "
        "checked the ladder. Later Athena Grant met them at the scene, and Buck told "
        "Maddie Buckley on the phone that Eddie and Chimney were fine."
    ),
    "Call of Duty (Video Games)": (
        "The briefing ran long at Credenhill. Captain Price laid out the map of Las "
        "Almas, and Soap leaned over it with Gaz. Ghost said nothing, as usual; "
        "MacTavish asked him twice whether Shadow Company would be there. Laswell "
        "called at noon, and Price told Task Force 141 to be ready by dark."
    ),
    "原神 | Genshin Impact (Video Game)": (
        "Zhongli paid for lunch at Wangshu Inn, or meant to, until Childe sighed and "
        "paid with Fatui money. Paimon wanted dessert. Lumine had walked from Mondstadt "
        "to Liyue in three days and wanted only sleep. Zhongli told a long story about "
        "the Geo Archon, and Childe laughed at every pause."
    ),
}


@pytest.mark.parametrize("fandom", sorted(OWN_STORIES))
def test_a_story_of_the_fandom_is_guessed_as_it(fandom: str) -> None:
    assert fandoms(OWN_STORIES[fandom]) == [fandom]


@pytest.mark.parametrize(
    "text",
    [
        # the 118's everyday names in a story about a garage
        "Bobby opened the garage at eight. Eddie brought coffee and Buck, his dog, "
        "slept under the bench. Bobby fixed the brakes; Eddie swept up, and Buck barked "
        "at the mail van. At five Eddie and Bobby locked up and walked home.",
        # RWRB's first names in a story about a school
        "Alex passed the note to Henry in maths. June laughed and Nora rolled her eyes. "
        "Henry wrote back that Alex was hopeless. June and Nora waited by the gate after "
        "school, and Alex walked Henry to the bus.",
        # words and names the Genshin and JJK packs hold, in a weather diary
        "A gale blew all night. Jean and Barbara drove to the zoo to see the panda; "
        "Maki bought a venti coffee. Jean said the gale would pass, and Barbara agreed. "
        "The panda slept through everything while Maki read the map.",
        # the call signs of Task Force 141 as the words they are
        "The house was cold and the soap had run out. Price checked the receipt: the "
        "price of gas had doubled. Ghost stories were all the children wanted, so "
        "their father told one about a Ghost in the attic, and the Price family laughed.",
    ],
)
def test_everyday_names_the_new_packs_share_are_no_guess(text: str) -> None:
    assert fandoms(text) == []


def test_the_new_packs_know_their_relatives() -> None:
    assert are_relatives('Evan "Buck" Buckley', "Maddie Buckley")
    assert not are_relatives('Evan "Buck" Buckley', "Eddie Diaz")
    assert are_relatives("Diluc (Genshin Impact)", "Kaeya (Genshin Impact)")
    assert are_relatives("Zen'in Maki", "Zen'in Mai")
    assert not are_relatives("Getou Suguru", "Gojo Satoru")
    assert are_relatives("Alex Claremont-Diaz", "Ellen Claremont")
    assert are_relatives("Farah Karim", "Hadir Karim")


def test_the_new_packs_are_found_by_their_common_names() -> None:
    packs = load_packs(BUILTIN_DIR, [])
    for name, fandom in [
        ("Bungou Stray Dogs", "文豪ストレイドッグス | Bungou Stray Dogs"),
        ("Baldur's Gate 3", "Baldur's Gate (Video Games)"),
        ("Jujutsu Kaisen", "呪術廻戦 | Jujutsu Kaisen (Manga)"),
        ("Red, White & Royal Blue", "Red White & Royal Blue - Casey McQuiston"),
        ("9-1-1", "9-1-1 (TV)"),
        ("Genshin Impact", "原神 | Genshin Impact (Video Game)"),
        ("Call of Duty: Modern Warfare II", "Call of Duty (Video Games)"),
    ]:
        p = find_pack(name, packs)
        assert p is not None and p.fandom == fandom
