"""The API fuzzed from its own OpenAPI schema: no input may produce a server error."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from m4d.config.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture(autouse=True)
def _db(django_db_blocker, django_db_setup):
    # The WSGI app opens its own connections; the registry is already loaded by django_db_setup.
    with django_db_blocker.unblock():
        yield


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_makes_the_api_fail(case):
    response = case.call()
    assert response.status_code < 500, response.text[:500]
    case.validate_response(response, checks=(schemathesis.checks.not_a_server_error,))
