"""M4D_BASE_URL and the host names derived from it."""

from __future__ import annotations

import pytest

from m4d.lib.hosts import allowed_hosts, base_url, is_local


def test_the_host_of_a_public_base_url_is_the_one_host_answered():
    assert allowed_hosts("https://m4d.example.org") == ["m4d.example.org"]
    assert allowed_hosts("http://M4D.example.org:8080") == ["m4d.example.org"]


def test_a_local_base_url_answers_every_local_name():
    assert allowed_hosts("http://localhost:8000") == ["localhost", "127.0.0.1", "[::1]"]
    assert allowed_hosts("http://127.0.0.1:8000") == ["localhost", "127.0.0.1", "[::1]"]


def test_m4d_allowed_hosts_overrides_the_derived_names():
    assert allowed_hosts("https://m4d.example.org", "a.example, b.example,") == [
        "a.example",
        "b.example",
    ]
    assert allowed_hosts("https://m4d.example.org", "*") == ["*"]


def test_the_base_url_loses_its_trailing_slash():
    assert base_url("https://m4d.example.org/") == "https://m4d.example.org"


@pytest.mark.parametrize(
    "value", ["m4d.example.org", "ftp://m4d.example.org", "https://", "https://x.org/m4d"]
)
def test_a_base_url_that_is_not_a_bare_http_address_is_refused(value):
    with pytest.raises(ValueError, match="M4D_BASE_URL"):
        base_url(value)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "[::1]"])
def test_loopback_addresses_are_local(host):
    assert is_local(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "m4d.example.org"])
def test_other_addresses_are_not_local(host):
    assert not is_local(host)
