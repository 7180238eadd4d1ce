"""What keeps an untrusted fic and an untrusted network from hurting the reader.

- :func:`sanitize_html`: fic HTML goes through nh3 (an allow-list HTML sanitiser)
  before it is shown; scripts, event handlers, ``javascript:`` URLs, styles, frames
  and SVG never survive it.
- :class:`Guard`: the write-endpoint rules. When bound to a non-loopback address a
  write needs the server's token (cookie set from the printed ``?token=`` link, or an
  ``Authorization: Bearer`` header); every form carries a CSRF token matching a
  cookie (double submit); a cross-origin ``Origin`` is refused; JSON writes need a
  JSON content type, which a cross-site form cannot send.
- :class:`BodyLimit`: an ASGI wrapper refusing request bodies over a size limit, and
  bodies of unknown length, before anything reads them.
- :class:`SecurityHeaders`: the security headers, including a Content-Security-Policy
  that allows nothing but fandex's own scripts and styles, on every response: pages,
  JSON, static files, the router's own 404s and the server's 500s.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any

import nh3
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "fandex_csrf"
TOKEN_COOKIE = "fandex_token"

# Markup a fic may keep: text structure and emphasis only. No style, no media, no forms.
_ALLOWED_TAGS = {
    "p", "br", "hr", "em", "i", "strong", "b", "u", "s", "strike", "del", "ins", "sub",
    "sup", "small", "big", "blockquote", "q", "cite", "abbr", "span", "div", "center",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "pre", "code",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "a",
}  # fmt: skip
_ALLOWED_ATTRS = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "ol": {"start"},
}

SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}


def sanitize_html(html: str) -> str:
    """Fic HTML made safe to embed: an allow-list of tags, no scripts or styles.

    >>> sanitize_html('<p onclick="x()">Hi<script>alert(1)</script></p>')
    '<p>Hi</p>'
    """
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRS,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach."""
    return host in ("localhost", "::1") or host.startswith("127.")


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Guard:
    """The rules for requests that change the library."""

    def __init__(self, token: str | None) -> None:
        self.token = token

    def csrf_token(self, request: Request) -> str:
        """The CSRF value for this browser (minted now if it has none yet)."""
        existing = request.cookies.get(CSRF_COOKIE)
        if existing and len(existing) >= 16:
            return existing
        minted: str | None = getattr(request.state, "csrf_minted", None)
        if minted is None:
            minted = secrets.token_urlsafe(24)
            request.state.csrf_minted = minted
        return minted

    def finish(self, request: Request, response: Response) -> Response:
        """Set a newly minted CSRF cookie (the security headers are :class:`SecurityHeaders`'s)."""
        minted = getattr(request.state, "csrf_minted", None)
        if minted:
            response.set_cookie(CSRF_COOKIE, minted, httponly=True, samesite="strict", path="/")
        return response

    def has_token(self, request: Request) -> bool:
        if self.token is None:
            return True
        offered = request.cookies.get(TOKEN_COOKIE, "")
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            offered = auth[7:].strip()
        return hmac.compare_digest(offered.encode(), self.token.encode())

    async def check_write(self, request: Request) -> str | None:
        """None when the write may go ahead, else the reason it may not."""
        if not self.has_token(request):
            return "this server needs its access token for changes; open the address it printed"
        origin = request.headers.get("origin")
        if origin and origin != "null":
            expected = f"{request.url.scheme}://{request.url.netloc}"
            if origin.rstrip("/") != expected:
                return "cross-origin request refused"
        elif origin == "null":
            return "cross-origin request refused"
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if request.headers.get("authorization", "").lower().startswith("bearer "):
            return None  # not cookie-authenticated, so not forgeable by another site
        if ctype == "application/json":
            return None
        if ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.form()
            sent = form.get("csrf")
            cookie = request.cookies.get(CSRF_COOKIE, "")
            if isinstance(sent, str) and cookie and hmac.compare_digest(sent, cookie):
                return None
            return "the form has expired or came from elsewhere; reload the page and try again"
        if request.method == "DELETE" and not ctype:
            return "send DELETE with a bearer token or Content-Type: application/json"
        return "unsupported content type for a change"


class SecurityHeaders:
    """ASGI middleware: :data:`SECURITY_HEADERS` on every HTTP response that does not set
    its own value, whoever made the response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._headers = [
            (k.encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _v in headers}
                headers += [(k, v) for k, v in self._headers if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """ASGI middleware: refuse bodies over ``default`` bytes (``upload`` on upload paths).

    The length must be declared: the HTTP server enforces that a body matches its
    ``Content-Length``, so checking the header before reading is enough.
    """

    def __init__(
        self, app: ASGIApp, *, default: int, upload: int, upload_paths: tuple[str, ...]
    ) -> None:
        self.app = app
        self.default = default
        self.upload = upload
        self.upload_paths = upload_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        limit = self.upload if path.startswith(self.upload_paths) else self.default
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        length = headers.get("content-length")
        response: Response | None = None
        if length is None:
            if headers.get("transfer-encoding"):
                response = PlainTextResponse("a request body needs a Content-Length", 411)
        elif not length.isdigit():
            response = PlainTextResponse("bad Content-Length", 400)
        elif int(length) > limit:
            response = PlainTextResponse(
                f"the request is {int(length):,} bytes; the limit is {limit:,}", 413
            )
        if response is not None:
            await _drain(receive)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


async def _drain(receive: Receive) -> None:
    """Consume (at most a little of) the refused body so the connection closes cleanly."""
    for _ in range(4):
        message: Message = await receive()
        if message["type"] != "http.request" or not message.get("more_body"):
            return


def client_error(message: str, status: int = 400) -> dict[str, Any]:
    """The JSON body of a refused request."""
    return {"error": message, "status": status}
