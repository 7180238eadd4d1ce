"""The OPDS 1.2 catalog at ``/opds``: what an e-reader browses and downloads from.

Root navigation (recently added, currently reading, marked for later, by fandom, by
relationship, by series, saved searches, all works), acquisition feeds with pages
and facets, an OpenSearch description so the reader's search box takes fandex's
query language, and downloads: an EPUB made on the fly and the imported file. The
blocklist applies to every feed and every download. Readers sign in with HTTP Basic
(:mod:`fandex.web.access`).
"""

from __future__ import annotations

from starlette.routing import BaseRoute, Route

from fandex.web.opds import catalog


def routes() -> list[BaseRoute]:
    """The catalog's routes (GET; Starlette answers HEAD too, as KOReader asks)."""
    c = catalog
    return [
        Route("/opds", c.root),
        Route("/opds/", c.root),
        Route("/opds/recent", c.recent),
        Route("/opds/works", c.works),
        Route("/opds/search", c.works),
        Route("/opds/fandoms", c.fandoms),
        Route("/opds/relationships", c.relationships),
        Route("/opds/series", c.series_list),
        Route("/opds/series/feed", c.series_feed),
        Route("/opds/saved", c.saved_list),
        Route("/opds/saved/{number:int}", c.saved_feed),
        Route("/opds/opensearch.xml", c.opensearch),
        Route("/opds/works/{work_id}.epub", c.epub),
        Route("/opds/works/{work_id}/original", c.original),
    ]


__all__ = ["routes"]
