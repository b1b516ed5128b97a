"""Who may use ``coach serve``: the holder of its token, from its own address.

As Jupyter does it: a random token made at start goes in the address the
server prints; a request that shows it (or the cookie the first visit left)
gets in, any other is refused before it reaches the app. Every request must
name the address served in its ``Host`` (so a rebound DNS name cannot reach
it), and the WebSocket that drives the app must come from a page of that same
address (its ``Origin``), so no other web page open in the browser can drive
the coach, even one on another port of the same machine, which receives the
cookie too.

The checks are plain functions on strings; ``guard_middleware`` puts them in
front of an aiohttp application.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from aiohttp import web

TOKEN_PARAMETER = "token"
WEBSOCKET_PATH = "/ws"
"""Where textual-serve's page opens the WebSocket that drives the app."""

NO_TOKEN = "This address needs the token that coach serve printed when it started."
WRONG_TOKEN = "This token is not the one coach serve printed when it started."
WRONG_HOST = "This server answers only to the address it printed."
WRONG_ORIGIN = "Only the coach's own page may open the app."


def new_token() -> str:
    """A fresh random token: 256 bits, safe in a URL."""
    return secrets.token_urlsafe(32)


def token_matches(given: str | None, token: str) -> bool:
    """Whether ``given`` is ``token``, compared in constant time."""
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


def authority(value: str, default_port: int) -> tuple[str, int] | None:
    """``("example.org", 80)`` for ``EXAMPLE.org:80`` or ``example.org``; None if malformed."""
    if not value or any(char in value for char in "/?#@ \\"):
        return None
    try:
        parts = urlsplit(f"//{value}")
        host, port = parts.hostname, parts.port
    except ValueError:
        return None
    if not host:
        return None
    return host.rstrip(".").lower(), port or default_port


@dataclass(frozen=True)
class Guard:
    """The token and the one address (``scheme://host:port``) a server answers to."""

    token: str
    public_url: str

    @property
    def scheme(self) -> str:
        return urlsplit(self.public_url).scheme or "http"

    @property
    def default_port(self) -> int:
        return 443 if self.scheme == "https" else 80

    @property
    def served(self) -> tuple[str, int] | None:
        return authority(urlsplit(self.public_url).netloc, self.default_port)

    @property
    def cookie_name(self) -> str:
        """One cookie per port: browsers send a host's cookies to all of its ports."""
        served = self.served
        return f"coach-token-{served[1] if served else 0}"

    @property
    def secure(self) -> bool:
        return self.scheme == "https"

    def address(self) -> str:
        """The address to open: the public URL with the token in it."""
        return f"{self.public_url.rstrip('/')}/?{TOKEN_PARAMETER}={self.token}"


def host_allowed(host: str | None, guard: Guard) -> bool:
    """Whether a request's ``Host`` header names the address served."""
    if host is None:
        return False
    named = authority(host, guard.default_port)
    return named is not None and named == guard.served


def origin_allowed(origin: str | None, guard: Guard) -> bool:
    """Whether an ``Origin`` header is the server's own (same scheme, host and port)."""
    if not origin:
        return False
    parts = urlsplit(origin)
    if parts.scheme != guard.scheme or parts.path or parts.query:
        return False
    named = authority(parts.netloc, guard.default_port)
    return named is not None and named == guard.served


@dataclass(frozen=True)
class Verdict:
    """What to do with a request: refuse it with ``status`` or let it in."""

    status: int = 200
    reason: str = ""
    set_cookie: bool = False

    @property
    def allowed(self) -> bool:
        return self.status == 200


def judge(
    guard: Guard,
    *,
    host: str | None,
    origin: str | None,
    query_token: str | None,
    cookie_token: str | None,
    websocket: bool,
) -> Verdict:
    """The one decision for every request, from the headers that matter."""
    if not host_allowed(host, guard):
        return Verdict(403, WRONG_HOST)
    if (websocket or origin is not None) and not origin_allowed(origin, guard):
        return Verdict(403, WRONG_ORIGIN)
    if query_token is not None:
        if not token_matches(query_token, guard.token):
            return Verdict(403, WRONG_TOKEN)
        return Verdict(set_cookie=not token_matches(cookie_token, guard.token))
    if cookie_token is None:
        return Verdict(401, NO_TOKEN)
    if not token_matches(cookie_token, guard.token):
        return Verdict(403, WRONG_TOKEN)
    return Verdict()


def guard_middleware(guard: Guard):
    """An aiohttp middleware that lets in only what ``judge`` allows."""
    from aiohttp import hdrs, web

    @web.middleware
    async def middleware(request: web.Request, handler) -> web.StreamResponse:
        verdict = judge(
            guard,
            host=request.headers.get(hdrs.HOST),
            origin=request.headers.get(hdrs.ORIGIN),
            query_token=request.query.get(TOKEN_PARAMETER),
            cookie_token=request.cookies.get(guard.cookie_name),
            websocket=request.path == WEBSOCKET_PATH
            or request.headers.get(hdrs.UPGRADE, "").lower() == "websocket",
        )
        if not verdict.allowed:
            return web.Response(status=verdict.status, text=verdict.reason + "\n")
        response = await handler(request)
        if not response.prepared:
            # The address holds the token: no other site may learn it from a Referer.
            response.headers[hdrs.REFERRER_POLICY] = "no-referrer"
            if verdict.set_cookie:
                remember(response, guard)
        return response

    return middleware


def remember(response: web.StreamResponse, guard: Guard) -> None:
    """The cookie that stands in for the token on the next requests of this browser."""
    response.set_cookie(
        guard.cookie_name,
        guard.token,
        path="/",
        httponly=True,
        samesite="Strict",
        secure=guard.secure,
    )
