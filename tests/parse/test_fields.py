def test_header_labels_in_other_languages_are_read() -> None:
    from fandex.parse import build_work
    from fandex.read.document import RawDocument, paragraphs

    text = "Titre : La veillée\nAuteur : Anouk\n\nIl neigeait depuis trois jours sur le village."
    work = build_work(RawDocument("txt", blocks=paragraphs(text)))
    assert (work.title, work.authors) == ("La veillée", ["Anouk"])
