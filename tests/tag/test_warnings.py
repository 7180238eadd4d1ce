"""Archive warnings: what is inferred, when No Archive Warnings Apply, and missing-warning flags."""

from __future__ import annotations

from fandex.model import Chapter, Tag, Work
from fandex.tag.calibration import calibrated_named
from fandex.tag.warnings import (
    DEATH,
    FLAG_KIND,
    GRAPHIC,
    NONCON,
    NONE_APPLY,
    OPT_OUT,
    UNDERAGE,
    canonical_warning,
    warnings_tagger,
)

CALM = (
    "Mira packed sandwiches and a flask of tea, and the friends spent the afternoon by the "
    "river playing cards and feeding the ducks. They talked about books, the new bakery "
    "and the summer fair, and walked home slowly along the towpath as the lamps came on. "
)
GRAPHIC_BATTLE = (
    "The raider's axe caught the soldier's arm and left it mangled and severed at the elbow. "
    "Blood sprayed across the mud; she heard the crunch of bone. Another man was stabbed "
    "and lay bleeding out from a gaping wound, and the field was covered in blood."
)
NONCON_SCENE = (
    "It was rape. She said no, she told him to stop, and he forced himself on her anyway, "
    "without her consent, while she struggled. The assault left her shaking for days."
)
CONSENSUAL = (
    '"Is this okay?" he asked, and she said yes, please, and kissed him. They undressed '
    'and had sex, slow and careful, and she told him not to stop. "Don\'t stop," she said, '
    "laughing, and afterwards they lay naked in the sheets and talked about consent and trust."
)


def work_of(text: str, *stated: str) -> Work:
    work = Work(title="t", chapters=[Chapter(1, text=text)])
    for name in stated:
        work.add_tag(Tag("warning", name, source="stated"))
    return work


def inferred(work: Work) -> dict[str, Tag]:
    return {t.name: t for t in work.tags if t.type == "warning" and t.source == "inferred"}


def flags(work: Work) -> list[dict[str, object]]:
    return [f for f in work.flags if f.get("kind") == FLAG_KIND]


def test_graphic_battle_gets_graphic_violence_with_evidence() -> None:
    work = work_of(GRAPHIC_BATTLE)
    warnings_tagger(work)
    tag = inferred(work)[GRAPHIC]
    assert tag.tagger == "warnings"
    assert tag.evidence and all(ev.chapter == 1 for ev in tag.evidence)
    assert NONE_APPLY not in inferred(work)


def test_non_consent_is_inferred_and_consensual_sex_is_not() -> None:
    noncon, consensual = work_of(NONCON_SCENE), work_of(CONSENSUAL)
    warnings_tagger(noncon)
    warnings_tagger(consensual)
    assert NONCON in inferred(noncon)
    assert NONCON not in inferred(consensual)


def test_age_without_sexual_content_is_not_underage_sex() -> None:
    work = work_of("She was fifteen years old and in ninth grade, and she loved chemistry class.")
    warnings_tagger(work)
    assert UNDERAGE not in inferred(work)


def test_none_apply_needs_a_long_calm_text() -> None:
    short, long_calm = work_of(CALM), work_of(CALM * 8)
    warnings_tagger(short)
    warnings_tagger(long_calm)
    assert NONE_APPLY not in inferred(short)
    assert 0.5 < inferred(long_calm)[NONE_APPLY].confidence < 1.0


def test_none_apply_is_not_inferred_next_to_a_warning() -> None:
    work = work_of(CALM * 8 + GRAPHIC_BATTLE)
    warnings_tagger(work)
    assert NONE_APPLY not in inferred(work)
    assert GRAPHIC in inferred(work)


def test_stated_none_apply_with_non_consent_raises_a_flag_with_evidence() -> None:
    work = work_of(NONCON_SCENE, NONE_APPLY)
    warnings_tagger(work)
    (flag,) = [f for f in flags(work) if f["tag"] == NONCON]
    assert flag["type"] == "warning"
    assert isinstance(flag["confidence"], float) and flag["confidence"] >= 0.75
    assert isinstance(flag["evidence"], list) and flag["evidence"]
    assert work.find_tag("warning", NONE_APPLY).source == "stated"  # type: ignore[union-attr]


def test_no_stated_warnings_at_all_also_raises_the_flag() -> None:
    work = work_of(GRAPHIC_BATTLE)
    warnings_tagger(work)
    assert [f["tag"] for f in flags(work)] == [GRAPHIC]


def test_a_flag_carries_the_probability_its_tag_shows_and_the_raw_score_apart() -> None:
    # One guess, one number: ``review`` read the raw score (0.77) where the work page
    # showed the calibrated one (95%) for the same missing warning.
    work = work_of(GRAPHIC_BATTLE)
    warnings_tagger(work)
    (flag,) = flags(work)
    tag = work.find_tag("warning", GRAPHIC)
    assert tag is not None and tag.source == "inferred"
    assert flag["confidence"] == tag.confidence
    assert flag["raw_confidence"] == tag.attrs["raw_confidence"]
    assert flag["confidence"] == round(
        calibrated_named("warning", GRAPHIC, flag["raw_confidence"], words=tag.attrs["words"]), 3
    )


def test_no_flag_when_the_author_chose_not_to_warn_or_stated_it() -> None:
    opted_out, stated = work_of(NONCON_SCENE, OPT_OUT), work_of(NONCON_SCENE, NONCON)
    warnings_tagger(opted_out)
    warnings_tagger(stated)
    assert flags(opted_out) == []
    assert flags(stated) == []


def test_no_flag_for_a_warning_a_user_rejected() -> None:
    work = work_of(GRAPHIC_BATTLE)
    work.add_tag(Tag("warning", GRAPHIC, source="user", attrs={"rejected": True}))
    warnings_tagger(work)
    assert flags(work) == []


def test_retagging_does_not_duplicate_flags() -> None:
    work = work_of(GRAPHIC_BATTLE)
    warnings_tagger(work)
    warnings_tagger(work)
    assert len(flags(work)) == 1


def test_a_death_is_proposed_with_held_down_confidence() -> None:
    text = (
        "Captain Reyes died in the night. They found his body at dawn, and the funeral was "
        "held three days later; the whole crew wept at the grave, grief-stricken, for the "
        "man who had been killed defending them."
    )
    work = work_of(text)
    warnings_tagger(work)
    death = inferred(work)[DEATH]
    assert death.attrs["raw_confidence"] <= 0.7
    # As shown, it is the share of such guesses measured right: under that of the
    # archive warnings as a whole, since who is major is the part fandex cannot tell.
    assert death.confidence < calibrated_named("warning", "a warning of no other name", 0.99)


def test_ao3_opt_out_and_old_underage_names_are_understood() -> None:
    assert canonical_warning("Creator Chose Not To Use Archive Warnings") == OPT_OUT
    assert canonical_warning("Underage") == UNDERAGE
    assert canonical_warning("no archive warnings apply") == NONE_APPLY
    work = work_of(NONCON_SCENE, "Creator Chose Not To Use Archive Warnings")
    warnings_tagger(work)
    assert flags(work) == []


def test_none_apply_is_not_inferred_beside_a_stated_warning() -> None:
    calm = work_of(CALM * 6, DEATH)
    warnings_tagger(calm, {})
    assert NONE_APPLY not in inferred(calm)
    unstated = work_of(CALM * 6)
    warnings_tagger(unstated, {})
    assert NONE_APPLY in inferred(unstated)


def test_a_death_dated_before_the_story_is_no_major_character_death() -> None:
    # The same events, told as the past of the characters, then happening on the page.
    past = (
        "Mara's grandfather died when she was six, and her aunt died three years ago. She "
        "kept his watch on the shelf and remembered the funeral only as rain. Today she "
        "baked bread and walked the dog along the harbour wall."
    )
    now = (
        "The fever broke too late. Mara held his hand as his breathing stopped, and the "
        "doctor pronounced him dead at six. At the funeral the whole village wept."
    )
    past_work, now_work = work_of(past), work_of(now)
    warnings_tagger(past_work)
    warnings_tagger(now_work)
    assert DEATH not in inferred(past_work)
    assert DEATH in inferred(now_work)


def test_one_stated_rape_is_enough_even_told_as_the_past() -> None:
    work = work_of(
        "Years later she could finally say it to her sister: he had raped her, that summer at "
        "the lake, and she had told no one."
    )
    warnings_tagger(work)
    assert NONCON in inferred(work)


def test_against_her_will_alone_is_a_kidnapping_word_not_rape() -> None:
    work = work_of("The soldiers dragged her from the village against her will and rode north.")
    warnings_tagger(work)
    assert NONCON not in inferred(work)


def test_a_refusal_told_in_the_past_tense_beside_sex_is_non_consent() -> None:
    work = work_of(
        "She said she did not want to. He ignored her and had sex with her anyway while she "
        "begged him to stop."
    )
    warnings_tagger(work)
    assert NONCON in inferred(work)


def test_a_parent_with_a_teenage_child_is_not_underage_sex() -> None:
    scene = "When Dan came she kissed him in the hall and they went upstairs and made love."
    parent = work_of(
        "Her sixteen-year-old son was at his father's, so the house was quiet. " + scene
    )
    minor = work_of("The sixteen-year-old girl was alone in the house. " + scene)
    warnings_tagger(parent)
    warnings_tagger(minor)
    assert UNDERAGE not in inferred(parent)
    assert UNDERAGE in inferred(minor)


def test_not_wanting_to_stop_or_wait_is_wanting_to_go_on_not_a_refusal() -> None:
    # "Don't want to" is a refusal; "don't want to stop" is the opposite.
    text = (
        CALM + '"I don\'t want to stop," Ines said against his mouth, and Tomas kissed her again. '
        "She had waited a long time and did not want to wait any longer. They undressed "
        "and had sex, and afterwards lay in the sheets laughing about the broken lamp. "
    )
    work = work_of(text)
    warnings_tagger(work)
    assert NONCON not in inferred(work)
    assert not flags(work)


def test_no_and_stop_beside_a_lone_word_of_the_bedroom_are_no_refusal() -> None:
    # A sickbed: "said no" and "stop" near "sheets", in a work with no sexual content.
    text = (
        CALM + "The fever broke on the third night. Ravi changed the sheets while his brother "
        "said no, and no, and told him to stop fussing, and then slept for a whole day. " + CALM
    )
    work = work_of(text, NONE_APPLY)
    warnings_tagger(work)
    assert NONCON not in inferred(work)
    assert not flags(work)


def test_a_refusal_beside_a_stated_sexual_act_is_still_non_consent() -> None:
    text = (
        CALM + "She said no and tried to push him away. He held her down and had sex with her "
        "anyway, and afterwards she could not stop shaking. "
    )
    work = work_of(text)
    warnings_tagger(work)
    assert NONCON in inferred(work)


def _tagged(text: str, *freeform: str, stated: tuple[str, ...] = ()) -> Work:
    work = work_of(text, *stated)
    for name in freeform:
        work.add_tag(Tag("freeform", name, source="stated"))
    return work


def test_the_authors_character_death_tag_gives_major_character_death_where_none_is_stated() -> None:
    # The text tells the death only by its aftermath: no death word at all.
    work = _tagged(CALM * 3, "Grief/Mourning", "Character Death")
    warnings_tagger(work)
    tag = inferred(work)[DEATH]
    assert tag.attrs["from_tag"] == "Character Death"
    assert [(e.field, e.quote) for e in tag.evidence] == [("tags", "Character Death")]
    assert NONE_APPLY not in inferred(work)
    assert not flags(work)  # the author's word, no suspicion of the text's


def test_beside_an_opt_out_the_tag_still_counts() -> None:
    work = _tagged(CALM * 3, "Character Death", stated=(OPT_OUT,))
    warnings_tagger(work)
    assert DEATH in inferred(work)


def test_minor_temporary_or_referenced_deaths_and_stated_warnings_give_nothing() -> None:
    for tag in ("Minor Character Death", "Temporary Character Death", "Referenced Character Death"):
        work = _tagged(CALM * 3, tag)
        warnings_tagger(work)
        assert DEATH not in inferred(work), tag
    work = _tagged(CALM * 3, "Character Death", stated=(NONE_APPLY,))
    warnings_tagger(work)
    assert DEATH not in inferred(work)
