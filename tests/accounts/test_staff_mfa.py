"""Staff sign in with a second factor (allauth's MFA: an authenticator app plus recovery codes).

While STAFF_MFA_REQUIRED is on (production's default), a staff member without one is sent to
set it up before any other page, the admin's login cannot be used to go around allauth, and
the second factor cannot be switched off. Readers may use it too, but need not.
"""

import json
import re
import time

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from tests.accounts.factories import EditorFactory, ReaderFactory, totp_code
from tests.articles.factories import ArticleFactory
from tests.veridact.test_settings import run_python

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
ACTIVATE = reverse("mfa_activate_totp")


def sign_in(client, user, next_url=None):
    url = reverse("account_login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"login": user.email, "password": PASSWORD})


def set_up_totp(client):
    """Open the set-up page, read the key as a person would type it, confirm a code."""
    response = client.get(ACTIVATE)
    if response.status_code == 302:  # allauth asks for the password again first
        assert response["Location"].startswith(reverse("account_reauthenticate"))
        client.post(response["Location"], {"password": PASSWORD})
        response = client.get(ACTIVATE)
    html = response.content.decode()
    secret = re.search(r'<code class="mfa-secret">([A-Z2-7]+)</code>', html).group(1)
    response = client.post(ACTIVATE, {"code": totp_code(secret)})
    return secret, response


@pytest.fixture
def required(settings):
    settings.STAFF_MFA_REQUIRED = True


def test_staff_without_a_second_factor_reach_no_page_but_its_set_up(required):
    editor = EditorFactory(second_factor=False)
    client = Client()
    response = sign_in(client, editor, next_url="/admin/")
    assert response.status_code == 302
    assert client.get("/admin/")["Location"] == ACTIVATE
    assert client.get("/admin/articles/article/")["Location"] == ACTIVATE
    draft = ArticleFactory(draft=True)
    assert client.get(draft.get_absolute_url())["Location"] == ACTIVATE
    assert client.get(reverse("accounts:settings"))["Location"] == ACTIVATE
    # Allauth's own pages stay open: confirming the password, the set-up page, signing out.
    confirm = client.get(ACTIVATE)["Location"]
    assert confirm.startswith(reverse("account_reauthenticate"))
    assert client.post(confirm, {"password": PASSWORD})["Location"] == ACTIVATE
    page = client.get(ACTIVATE)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Editors and moderators sign in with a second step" in html
    assert 'src="data:image/svg+xml;base64,' in html
    # Nothing inline for the content policy: scripts come from files, the QR code is an image.
    assert not re.search(r"<script(?![^>]*\bsrc=)|<style|\sstyle=", html)
    assert client.post(reverse("account_logout")).status_code == 302


def test_setting_up_the_app_opens_the_admin_and_every_sign_in_then_asks_for_a_code(required):
    editor = EditorFactory(second_factor=False)
    client = Client()
    sign_in(client, editor, next_url="/admin/")
    secret, response = set_up_totp(client)
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    codes_page = client.get(response["Location"]).content.decode()
    assert "10 of 10 codes left" in codes_page and "Continue to the newsroom" in codes_page
    assert Authenticator.objects.filter(user=editor, type="totp").exists()
    assert client.get("/admin/").status_code == 200

    client.post(reverse("account_logout"))
    response = sign_in(client, editor, next_url="/admin/")
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # still signed out
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "Incorrect code" in wrong.content.decode()
    with time_machine.travel(time.time() + 31):  # the next code: each is good once
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_signs_in_once(required):
    editor = EditorFactory(second_factor=False)
    client = Client()
    sign_in(client, editor)
    set_up_totp(client)
    page = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    code = re.findall(r"<li><code>(\w+)</code></li>", page)[0]
    client.post(reverse("account_logout"))

    for attempt in ("first", "second"):
        sign_in(client, editor)
        response = client.post(reverse("mfa_authenticate"), {"code": code})
        if attempt == "first":
            assert response.status_code == 302
            assert client.get("/admin/").status_code == 200
            client.post(reverse("account_logout"))
        else:
            assert "Incorrect code" in response.content.decode()


def test_guessing_codes_is_refused_with_429_after_ten(required):
    editor = EditorFactory()
    client = Client(REMOTE_ADDR="203.0.113.80")
    sign_in(client, editor)
    for _ in range(10):
        wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
        assert wrong.status_code == 200 and "Incorrect code" in wrong.content.decode()
    refused = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert refused.status_code == 429
    assert "Too many failed login attempts" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_admin_login_cannot_go_around_allauth(required):
    editor = EditorFactory()
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/", {"username": editor.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    # Through allauth, the password alone leads to the second step, not the admin.
    assert sign_in(client, editor, next_url="/admin/")["Location"] == reverse("mfa_authenticate")


def test_staff_cannot_switch_the_second_factor_off_while_it_is_required(required):
    editor = EditorFactory(second_factor=False)
    client = Client()
    sign_in(client, editor)
    set_up_totp(client)
    page = client.get(reverse("mfa_deactivate_totp"))
    assert "Editors and moderators keep their second step" in page.content.decode()
    client.post(reverse("mfa_deactivate_totp"))
    assert Authenticator.objects.filter(user=editor, type="totp").exists()


def test_readers_are_not_asked_for_a_second_factor(required):
    reader = ReaderFactory()
    client = Client()
    sign_in(client, reader)
    assert client.get(reverse("accounts:settings")).status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200


def test_a_reader_may_turn_it_on_and_off(required):
    reader = ReaderFactory()
    client = Client()
    sign_in(client, reader)
    assert "Two-step sign-in" in client.get(reverse("accounts:settings")).content.decode()
    set_up_totp(client)
    assert "Signing in asks for a code" in client.get(reverse("mfa_index")).content.decode()
    client.post(reverse("mfa_deactivate_totp"))
    assert not Authenticator.objects.filter(user=reader, type="totp").exists()


def test_when_not_required_staff_reach_the_admin_with_a_password_alone(settings):
    settings.STAFF_MFA_REQUIRED = False
    editor = EditorFactory(second_factor=False)
    client = Client()
    assert sign_in(client, editor, next_url="/admin/")["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


REPORT = "from django.conf import settings; print(settings.STAFF_MFA_REQUIRED)"


@pytest.mark.parametrize(
    ("variables", "required"),
    [
        ({"SECRET_KEY": "s", "SITE_URL": "https://veridact.example"}, True),  # production
        ({"DEBUG": "1"}, False),  # make run
        ({"SECRET_KEY": "s", "SITE_URL": "https://v.example", "STAFF_MFA_REQUIRED": "0"}, False),
        ({"DEBUG": "1", "STAFF_MFA_REQUIRED": "true"}, True),
    ],
)
def test_required_by_default_in_production_and_off_for_the_demo(variables, required):
    result = run_python(REPORT, **variables)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().lower()) is required
