"""Who ``coach serve`` lets in, decided by plain functions (no server needed)."""

from __future__ import annotations

import pytest

from coach.cli.serve_guard import (
    NO_TOKEN,
    WRONG_HOST,
    WRONG_ORIGIN,
    WRONG_TOKEN,
    Guard,
    authority,
    host_allowed,
    judge,
    new_token,
    origin_allowed,
    token_matches,
)

TOKEN = "s3cret-token_value"
LOCAL = Guard(TOKEN, "http://127.0.0.1:8000")


def test_each_start_makes_a_new_long_token_safe_in_an_address():
    tokens = {new_token() for _ in range(20)}
    assert len(tokens) == 20
    for token in tokens:
        assert len(token) >= 43  # 256 bits
        assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


@pytest.mark.parametrize(
    ("given", "matches"),
    [
        (TOKEN, True),
        (None, False),
        ("", False),
        (TOKEN[:-1], False),
        (TOKEN + "x", False),
        (TOKEN.upper(), False),
        ("s3cret-token_valuë", False),
    ],
)
def test_only_the_exact_token_matches(given, matches):
    assert token_matches(given, TOKEN) is matches


def test_the_printed_address_carries_the_token():
    assert LOCAL.address() == f"http://127.0.0.1:8000/?token={TOKEN}"
    assert Guard(TOKEN, "https://coach.example/").address() == (
        f"https://coach.example/?token={TOKEN}"
    )


def test_each_port_has_its_own_cookie():
    # Browsers send a host's cookies to every port, so two servers must not share a name.
    assert LOCAL.cookie_name == "coach-token-8000"
    assert Guard(TOKEN, "http://127.0.0.1:8001").cookie_name == "coach-token-8001"
    assert Guard(TOKEN, "https://coach.example").cookie_name == "coach-token-443"


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        ("127.0.0.1:8000", ("127.0.0.1", 8000)),
        ("LocalHost:8000", ("localhost", 8000)),
        ("coach.example", ("coach.example", 80)),
        ("coach.example.:80", ("coach.example", 80)),
        ("[::1]:8000", ("::1", 8000)),
        ("127.0.0.1:99999", None),
        ("127.0.0.1:port", None),
        ("evil.example/@127.0.0.1:8000", None),
        ("user@127.0.0.1:8000", None),
        ("", None),
        (":8000", None),
    ],
)
def test_authority_reads_host_and_port(value, parsed):
    assert authority(value, 80) == parsed


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        ("127.0.0.1:8000", True),
        ("127.0.0.1:8001", False),
        ("127.0.0.1", False),  # port 80, not the one served
        ("evil.example:8000", False),  # a rebound DNS name
        ("127.0.0.1.evil.example:8000", False),
        ("localhost:8000", False),  # not the address printed
        (None, False),
        ("", False),
    ],
)
def test_requests_must_name_the_address_served(host, allowed):
    assert host_allowed(host, LOCAL) is allowed


def test_default_ports_may_be_left_out_of_the_host():
    behind_proxy = Guard(TOKEN, "https://Coach.Example")
    assert host_allowed("coach.example", behind_proxy)
    assert host_allowed("coach.example:443", behind_proxy)
    assert not host_allowed("coach.example:80", behind_proxy)
    assert host_allowed("[::1]:8000", Guard(TOKEN, "http://[::1]:8000"))


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        ("http://127.0.0.1:8000", True),
        ("http://127.0.0.1:8001", False),  # another server on the same machine
        ("https://127.0.0.1:8000", False),
        ("http://localhost:8000", False),
        ("http://evil.example", False),
        ("null", False),  # a sandboxed frame or a file
        ("http://127.0.0.1:8000/path", False),
        ("", False),
        (None, False),
    ],
)
def test_only_the_servers_own_origin_is_allowed(origin, allowed):
    assert origin_allowed(origin, LOCAL) is allowed


def ask(**headers):
    request = {
        "host": "127.0.0.1:8000",
        "origin": None,
        "query_token": None,
        "cookie_token": None,
        "websocket": False,
    }
    return judge(LOCAL, **{**request, **headers})


def test_the_token_in_the_address_lets_in_and_leaves_a_cookie():
    verdict = ask(query_token=TOKEN)
    assert verdict.allowed and verdict.set_cookie
    assert not ask(query_token=TOKEN, cookie_token=TOKEN).set_cookie


def test_the_cookie_stands_in_for_the_token_when_it_holds_it():
    assert ask(cookie_token=TOKEN).allowed
    assert not ask(cookie_token=TOKEN).set_cookie
    assert (ask(cookie_token="stale").status, ask(cookie_token="stale").reason) == (
        403,
        WRONG_TOKEN,
    )


def test_without_token_or_cookie_nothing_gets_in():
    assert (ask().status, ask().reason) == (401, NO_TOKEN)


def test_a_wrong_token_is_refused_even_with_a_good_cookie():
    assert ask(query_token="guess", cookie_token=TOKEN).status == 403


def test_a_foreign_host_is_refused_even_with_the_token():
    verdict = ask(host="evil.example:8000", query_token=TOKEN)
    assert (verdict.status, verdict.reason) == (403, WRONG_HOST)


def test_the_websocket_needs_the_servers_own_origin():
    own = ask(websocket=True, origin="http://127.0.0.1:8000", cookie_token=TOKEN)
    assert own.allowed
    for origin in (None, "http://evil.example", "http://127.0.0.1:9999"):
        verdict = ask(websocket=True, origin=origin, cookie_token=TOKEN)
        assert (verdict.status, verdict.reason) == (403, WRONG_ORIGIN)


def test_any_request_from_a_foreign_page_is_refused():
    verdict = ask(origin="http://evil.example", cookie_token=TOKEN)
    assert (verdict.status, verdict.reason) == (403, WRONG_ORIGIN)
