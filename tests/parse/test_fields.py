def test_header_labels_in_other_languages_are_read() -> None:
    from fandex.parse import build_work
    from fandex.read.document import RawDocument, paragraphs

    text = "Titre : La veillée\nAuteur : Anouk\n\nIl neigeait depuis trois jours sur le village."
    work = build_work(RawDocument("txt", blocks=paragraphs(text)))
    assert (work.title, work.authors) == ("La veillée", ["Anouk"])


def test_bracketed_names_in_a_characters_field_are_a_pairing() -> None:
    from helpers_parse import work_of

    w = work_of("Title: Gull Count\nCharacters: [Tom R., Mara V.] Ned K.\n\nThe gulls came back.")
    assert [t.name for t in w.tags if t.type == "relationship"] == ["Mara V./Tom R."]
    assert [t.name for t in w.tags if t.type == "character"] == ["Tom R.", "Mara V.", "Ned K."]


def test_journal_currents_in_a_header_are_fields_not_story() -> None:
    from helpers_parse import work_of

    w = work_of(
        "Title: Gull Count\nRating: G\n\nMy location: the harbour\nMy mood: hopeful\n"
        "Current music: gulls\n\nThe gulls came back at dawn, and Ila counted them."
    )
    assert w.header["My mood"] == "hopeful" and w.header["Current music"] == "gulls"
    assert w.text == "The gulls came back at dawn, and Ila counted them."
