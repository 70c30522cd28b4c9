"""The shared test support: what counts as staying on the machine, and free ports."""

from __future__ import annotations

import socket

import pytest

from foghill.testing import free_port, is_local


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/",
        "ws://localhost:9/api/kernels",
        "http://[::1]:80/x",
        "data:text/plain,hi",
        "blob:http://127.0.0.1/abc",
        "about:blank",
    ],
)
def test_loopback_and_in_page_urls_are_local(url: str) -> None:
    assert is_local(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://cdn.jsdelivr.net/npm/x.js",
        "http://10.0.0.1/",
        "http://127.0.0.1.example.com/",
        "https://fonts.googleapis.com/css",
    ],
)
def test_other_hosts_are_not_local(url: str) -> None:
    assert not is_local(url)


def test_free_port_can_be_bound_on_loopback() -> None:
    port = free_port()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", port))
