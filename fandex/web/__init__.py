"""The web library (``fandex serve``): browse, filter, read, review, import.

Pages and their JSON twins (``.json`` suffix or ``/api/...``; schema at
``/api/openapi.json``):

==========================  ===============================  ==========================
page                        JSON                             writes (token + CSRF)
==========================  ===============================  ==========================
``/`` listing + facets      ``/works.json``, ``/api/works``
``/facets`` sidebar alone   ``/facets.json``, ``/api/facets``
``/works/ID`` reader, why   ``/works/ID.json``, ``/api/..``  ``POST /api/works/ID/tags``
``/review`` queue           ``/review.json``                 ``POST /review/decide|bulk``
``/import`` upload          ``/import/JOB.json``             ``POST /import``
``/blocklist``              ``/blocklist.json``              ``POST /blocklist``
``/stats`` charts           ``/stats.json``
==========================  ===============================  ==========================

Modules: :mod:`~fandex.web.app` (routes), :mod:`~fandex.web.pages_library` and
:mod:`~fandex.web.pages_manage` (handlers), :mod:`~fandex.web.security` (sanitising,
token, CSRF, body limits), :mod:`~fandex.web.querystate` (sidebar <-> query string),
:mod:`~fandex.web.render` (blurbs, symbols, chapter text with evidence marks).
"""

from fandex.web.app import create_app

__all__ = ["create_app"]
