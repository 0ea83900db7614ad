"""Rotating SECRET_KEY: the old key, kept in SECRET_KEY_FALLBACKS for a while, still verifies
what it signed (sessions, links in emails already sent), and signs nothing new."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.factories import ReaderFactory
from tests.veridact.test_settings import run_python

OLD_KEY = "the-key-before-the-rotation-" + "o" * 30
OLDER_KEY = "the-key-two-rotations-ago-" + "p" * 30
NEW_KEY = "the-key-after-the-rotation-" + "n" * 30

READ_LINKS = f"""
import json
from django.conf import settings
from django.core import signing
from newsletter import tokens

def read(reader, token):
    try:
        return reader(token)
    except tokens.InvalidToken:
        return None

def unsubscribe_link_signed_with(key):
    token = signing.Signer(key=key, salt=tokens.UNSUBSCRIBE_SALT).sign("42")
    return read(tokens.read_unsubscribe_token, token)

confirmation = signing.dumps([42, 7], key={OLD_KEY!r}, salt=tokens.CONFIRM_SALT, compress=False)
print(json.dumps({{
    "fallbacks": settings.SECRET_KEY_FALLBACKS,
    "new": unsubscribe_link_signed_with({NEW_KEY!r}),
    "old": unsubscribe_link_signed_with({OLD_KEY!r}),
    "older": unsubscribe_link_signed_with({OLDER_KEY!r}),
    "unknown": unsubscribe_link_signed_with("a-key-this-site-never-had-" + "u" * 30),
    "confirmation": read(tokens.read_confirm_token, confirmation),
    "signs_with": signing.Signer(salt=tokens.UNSUBSCRIBE_SALT).sign("42")
        == signing.Signer(key={NEW_KEY!r}, salt=tokens.UNSUBSCRIBE_SALT).sign("42"),
}}))
"""


def links_under(**variables):
    result = run_python(READ_LINKS, SECRET_KEY=NEW_KEY, ALLOW_INSECURE_SITE_URL="true", **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_links_signed_with_a_fallback_key_still_work():
    links = links_under(SECRET_KEY_FALLBACKS=f"{OLD_KEY},{OLDER_KEY}")
    assert links["fallbacks"] == [OLD_KEY, OLDER_KEY]
    assert (links["new"], links["old"], links["older"]) == (42, 42, 42)
    assert links["confirmation"] == [42, 7]
    assert links["unknown"] is None
    assert links["signs_with"] is True  # new links carry the new key


def test_without_fallbacks_only_the_current_key_verifies():
    links = links_under()
    assert links["fallbacks"] == []
    assert (links["new"], links["old"], links["confirmation"]) == (42, None, None)


@pytest.mark.django_db
def test_readers_stay_signed_in_across_a_rotation_only_while_the_old_key_is_a_fallback(
    settings,
):
    page = reverse("accounts:settings")
    kept, dropped = Client(), Client()
    kept.force_login(ReaderFactory())
    dropped.force_login(ReaderFactory())
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW_KEY, []
    response = dropped.get(page)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))

    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert kept.get(page).status_code == 200
    # That visit moved the session onto the new key: the fallback can go.
    settings.SECRET_KEY_FALLBACKS = []
    assert kept.get(page).status_code == 200
