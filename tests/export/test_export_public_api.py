"""fandex.export's public API is what its __all__ says."""

import fandex.export


def test_export_api_is_pinned() -> None:
    assert sorted(fandex.export.__all__) == sorted(
        [
            "AO3_LIMITS",
            "DEFAULT_MIN_CONFIDENCE",
            "DEFAULT_TEMPLATE",
            "FORMATS",
            "BatchResult",
            "Breach",
            "ExportedFile",
            "Limits",
            "SHEET_COLUMNS",
            "SheetRow",
            "ao3_record",
            "build_epub",
            "build_html",
            "check_limits",
            "export_works",
            "export_file",
            "exportable_tags",
            "open_sink",
            "render_name",
            "safe_component",
            "tag_sheet",
            "write_epub",
            "write_html",
        ]
    )
    for name in fandex.export.__all__:
        assert hasattr(fandex.export, name)
