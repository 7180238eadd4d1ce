"""What every page handler shares: the library, templates, the write guard, helpers."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from fandex.library import Library
from fandex.web import render
from fandex.web.imports import ImportJobs
from fandex.web.security import Guard

HERE = Path(__file__).parent


def url_with(path: str, params: Mapping[str, Any]) -> str:
    """``path?params``, leaving out empty values (so default state keeps short URLs)."""
    clean = {k: v for k, v in params.items() if v not in (None, "", False)}
    return f"{path}?{urlencode(clean)}" if clean else path


class Web:
    """One server's state, handed to every route."""

    def __init__(
        self,
        library: Library,
        *,
        token: str | None,
        max_upload_bytes: int,
        upload_dir: Path | None = None,
        facet_wait: float | None = None,
    ) -> None:
        self.library = library
        self.facet_wait = facet_wait
        self._secret = secrets.token_bytes(32)
        self.guard = Guard(token)
        self.max_upload_bytes = max_upload_bytes
        self.jobs = ImportJobs(library, upload_dir)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # templates ship with the package; no stat() per include
        )
        self.env.globals.update(
            url_with=url_with,
            symbols=render.required_symbols,
            tag_groups=render.tag_groups,
            missing_warnings=render.missing_warnings,
            no_warning=render.no_warning,
            tag_ref=render.tag_ref,
            visible_of=render.visible_of,
            author_groups=render.author_groups,
            noticed_groups=render.noticed_groups,
            blurb_fandoms=render.blurb_fandoms,
            blurb_notes=render.blurb_notes,
            disagreements=render.disagreements,
            type_labels=render.TYPE_LABELS,
            text_html=render.text_html,
            fn_anchor=render.footnote_anchor,
        )
        self.env.filters["pct"] = lambda x: f"{round(float(x) * 100)}%"
        self.env.filters["num"] = lambda x: f"{int(x or 0):,}"
        self.env.filters["date"] = lambda s: (s or "")[:10]

    def page(
        self, request: Request, template: str, context: dict[str, Any], status: int = 200
    ) -> Response:
        """Render ``template`` with the common context (CSRF value, nav, write access)."""
        ctx = {
            "request": request,
            "csrf": self.guard.csrf_token(request),
            "can_write": self.guard.has_token(request),
            "path": request.url.path,
            **context,
        }
        html = self.env.get_template(template).render(ctx)
        return self.guard.finish(request, HTMLResponse(html, status_code=status))

    def json(self, request: Request, data: Any, status: int = 200) -> Response:
        return self.guard.finish(request, _JSON(data, status_code=status))

    def error(self, request: Request, message: str, status: int, *, as_json: bool) -> Response:
        """A one-line error, as a page or as JSON."""
        if as_json:
            return self.json(request, {"error": message, "status": status}, status)
        return self.page(request, "error.html", {"message": message, "status": status}, status)

    async def body(self, request: Request, *, as_json: bool) -> dict[str, Any] | Response:
        """A write's fields: the JSON object of an API call or the form of a page post;
        a 400 response when the JSON does not parse."""
        if not as_json:
            return {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
        try:
            raw = await request.json()
        except ValueError:
            return self.error(request, "the body is not JSON", 400, as_json=True)
        return raw if isinstance(raw, dict) else {}

    async def refuse(self, request: Request, *, as_json: bool) -> Response | None:
        """None if the write may proceed, else the refusal to send back."""
        reason = await self.guard.check_write(request)
        if reason is None:
            return None
        return self.error(request, reason, 403, as_json=as_json)

    def back(
        self,
        request: Request,
        default: str,
        *,
        return_to: Any = None,
        message: str | None = None,
    ) -> Response:
        """Redirect after a form post: to a same-site ``return_to``, else ``default``."""
        target = default
        ret = return_to if isinstance(return_to, str) else None
        if ret and ret.startswith("/") and not ret.startswith("//") and "\\" not in ret:
            target = ret
        if message:
            sep = "&" if "?" in target.split("#")[0] else "?"
            base, _, frag = target.partition("#")
            signed = urlencode({"msg": message, "msig": self._sign(message)})
            target = f"{base}{sep}{signed}" + (f"#{frag}" if frag else "")
        return self.guard.finish(request, RedirectResponse(target, status_code=303))

    def _sign(self, message: str) -> str:
        return hmac.new(self._secret, message.encode(), hashlib.sha256).hexdigest()[:20]

    def flash(self, request: Request) -> str | None:
        """The message a redirect after a change carried, if this server wrote it
        (a signed message, so a crafted link cannot put words on fandex's pages)."""
        message = request.query_params.get("msg")
        sig = request.query_params.get("msig", "")
        if message and hmac.compare_digest(sig, self._sign(message)):
            return message
        return None


class _JSON(JSONResponse):
    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def split_json(name: str) -> tuple[str, bool]:
    """``("abc", True)`` for ``"abc.json"``: the JSON twin of a page."""
    if name.endswith(".json"):
        return name[:-5], True
    return name, False


def int_param(request: Request, name: str, default: int, lo: int, hi: int) -> int:
    raw = request.query_params.get(name, "")
    try:
        value = int(raw)
    except ValueError:
        return default
    return max(lo, min(hi, value))
