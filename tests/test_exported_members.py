"""The public API is what fandex.__all__ says; changing it is a deliberate act."""

import fandex


def test_public_api_is_pinned() -> None:
    assert sorted(fandex.__all__) == sorted(
        [
            "Chapter",
            "Evidence",
            "FandexError",
            "ImportReport",
            "ImportSession",
            "Library",
            "LibraryError",
            "NotFound",
            "QueryError",
            "ReadError",
            "Tag",
            "Work",
            "__version__",
        ]
    )
    for name in fandex.__all__:
        assert hasattr(fandex, name)
