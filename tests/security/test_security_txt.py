"""Whom to tell about a vulnerability: /.well-known/security.txt (RFC 9116) and /security/."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from articles.models import validate_not_reserved
from tests.veridact.test_settings import run_python

pytestmark = pytest.mark.django_db

TXT = "/.well-known/security.txt"


def fields(text):
    """The file's fields as RFC 9116 writes them: `Name: value`, comments start with #."""
    pairs = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition(": ")
            assert re.fullmatch(r"[A-Za-z-]+", name), line
            pairs.append((name, value))
    return pairs


def test_security_txt_names_the_contact_and_expires_within_a_year(client, settings):
    settings.SECURITY_CONTACTS = ["mailto:security@veridact.example", "https://veridact.example/x"]
    response = client.get(TXT)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "public" in response["Cache-Control"]
    pairs = fields(response.content.decode())
    assert [value for name, value in pairs if name == "Contact"] == settings.SECURITY_CONTACTS
    found = dict(pairs)
    expires = datetime.datetime.fromisoformat(found["Expires"])
    assert found["Expires"].endswith("Z")
    assert timezone.now() + datetime.timedelta(days=30) < expires
    assert expires < timezone.now() + datetime.timedelta(days=365)
    assert found["Canonical"] == f"{settings.SITE_URL}{TXT}"
    assert found["Policy"] == f"{settings.SITE_URL}/security/"
    assert found["Preferred-Languages"] == "en"
    assert set(found) == {"Contact", "Expires", "Canonical", "Policy", "Preferred-Languages"}


def test_the_top_level_address_redirects_to_the_well_known_one(client):
    response = client.get("/security.txt")
    assert response.status_code == 301
    assert response["Location"] == TXT


def test_the_policy_page_says_how_to_report_and_is_linked_from_every_page(client, settings):
    settings.SECURITY_CONTACTS = ["mailto:security@veridact.example"]
    html = client.get(reverse("security")).content.decode()
    assert "<h1>Reporting a security vulnerability</h1>" in html
    assert '<a href="mailto:security@veridact.example">security@veridact.example</a>' in html
    assert "within three working days" in html
    assert f'href="{TXT}"' in html
    assert 'href="/security/">Security</a>' in client.get("/").content.decode()


def test_no_category_may_take_the_policy_page_address():
    with pytest.raises(ValidationError):
        validate_not_reserved("security")


REPORT = "from django.conf import settings; print(settings.SECURITY_CONTACTS)"


def test_the_contact_comes_from_the_environment():
    result = run_python(
        REPORT,
        SECRET_KEY="x",
        ALLOW_INSECURE_SITE_URL="true",
        SECURITY_CONTACT="security@veridact.example, https://veridact.example/report",
    )
    assert result.stdout.strip() == str(
        ["mailto:security@veridact.example", "https://veridact.example/report"]
    )


@pytest.mark.parametrize("unset", [{}, {"SECURITY_CONTACT": ""}], ids=["unset", "empty"])
def test_without_one_it_is_the_newsrooms_address(unset):
    result = run_python(
        REPORT,
        SECRET_KEY="x",
        ALLOW_INSECURE_SITE_URL="true",
        DEFAULT_FROM_EMAIL="Desk <d@v.example>",
        **unset,
    )
    assert result.stdout.strip() == "['mailto:d@v.example']"


@pytest.mark.parametrize("contact", ["http://veridact.example/report", "nobody", "ftp://x@y"])
def test_a_contact_that_is_neither_an_address_nor_https_stops_start_up(contact):
    result = run_python(
        REPORT, SECRET_KEY="x", ALLOW_INSECURE_SITE_URL="true", SECURITY_CONTACT=contact
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Configuration error: SECURITY_CONTACT must list email addresses or https:// URLs"
    )
