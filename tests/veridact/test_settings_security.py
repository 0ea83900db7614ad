"""Security settings: the Content-Security-Policy, HSTS, and Django's deployment checks."""

import secrets
import subprocess
import sys

import pytest

from tests.veridact.settings_child import ROOT, child_environment, headers_under


def test_content_security_policy_is_enforced_by_default():
    headers = headers_under()
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "Content-Security-Policy-Report-Only" not in headers


def test_csp_report_only_reports_the_same_policy_instead_of_enforcing_it():
    enforced = headers_under()["Content-Security-Policy"]
    headers = headers_under(CSP_REPORT_ONLY="true", CSP_REPORT_URI="https://reports.example/csp")
    assert "Content-Security-Policy" not in headers
    reported = headers["Content-Security-Policy-Report-Only"]
    assert reported.endswith("; report-uri https://reports.example/csp")
    assert sorted(reported.split("; ")[:-1]) == sorted(enforced.split("; "))


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({}, "max-age=31536000"),
        ({"SECURE_HSTS_INCLUDE_SUBDOMAINS": "true"}, "max-age=31536000; includeSubDomains"),
        (
            {"SECURE_HSTS_INCLUDE_SUBDOMAINS": "true", "SECURE_HSTS_PRELOAD": "true"},
            "max-age=31536000; includeSubDomains; preload",
        ),
        ({"SECURE_HSTS_SECONDS": "600", "SECURE_HSTS_PRELOAD": "yes"}, "max-age=600; preload"),
    ],
)
def test_hsts_subdomains_and_preload_are_opt_in(variables, expected):
    headers = headers_under(SITE_URL="https://veridact.example", **variables)
    assert headers["Strict-Transport-Security"] == expected


@pytest.mark.parametrize(
    "hsts",
    [{}, {"SECURE_HSTS_INCLUDE_SUBDOMAINS": "true", "SECURE_HSTS_PRELOAD": "true"}],
    ids=["hsts-defaults", "hsts-subdomains-and-preload"],
)
def test_deploy_checks_pass_with_production_variables(hsts):
    environ = child_environment(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="veridact.example",
        SITE_URL="https://veridact.example",
        **hsts,
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
