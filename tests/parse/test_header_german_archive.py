"""A German archive's story header (eFiction skins written in German): its labels
("Eingestuft", "Serie", "Abgeschlossen: Ja") and a line where two facts run on."""

from __future__ import annotations

from helpers_parse import tag_names, work_of

STORY = "Der Fährmann zählte die Pfähle, während der Fluss fiel. Niemand kam."


def test_german_labels_give_rating_series_and_status() -> None:
    head = "Titel: Fährwetter\nAutor: Tamsin Reed\nEingestuft: P12\nSerie: Flussgeschichten\n"
    w = work_of(f"{head}Kapitel: 1 Abgeschlossen: Ja\n\n{STORY}")
    assert tag_names(w, "rating") == ["Teen And Up Audiences"]
    assert [s.name for s in w.series] == ["Flussgeschichten"]
    assert w.status == "complete"
    assert w.header["Kapitel"] == "1"
    w = work_of(f"{head}Abgeschlossen: Nein\n\n{STORY}")
    assert w.status == "wip"


def test_a_run_on_facts_line_opening_with_the_chapter_count_is_split() -> None:
    w = work_of(f"Title: Ferry Weather\nChapters: 3 Completed: No\n\n{STORY}")
    assert (w.header["Chapters"], w.status) == ("3", "wip")
