"""Every page carries the site shell: header navigation, newsletter call-to-action, footer."""

import pytest
from django.test import Client
from django.views.defaults import server_error

NAVIGATION = ["Tech", "Sports", "Finance", "Gaming", "Predictions", "About"]
FOOTER = [
    "Coverage",
    "Company",
    "About Us",
    "Privacy Policy",
    "Veridact. Forecasting &amp; analysis platform.",
    "not financial, legal, medical or investment advice",
    "public data, historical precedent, and analytical models",
]


def assert_shell(html):
    assert 'class="wordmark"' in html
    for label in NAVIGATION:
        assert f"{label}</a>" in html
    for text in FOOTER:
        assert text in html
    assert "Stay ahead of what" in html


@pytest.mark.parametrize("path", ["/", "/no-such-page/"])
def test_public_pages_carry_the_shell(client, db, path):
    response = client.get(path)
    assert response.status_code in {200, 404}
    html = response.content.decode()
    assert_shell(html)
    assert "Sign In</a>" in html
    assert "Sign Up</a>" in html


def test_404_page_is_branded(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We couldn't find that page" in response.content.decode()


def test_csrf_failure_is_a_branded_403(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "a@example.com", "password": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "This form has expired" in html
    assert_shell(html)


def test_500_page_is_branded_and_stands_alone(rf):
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "Veridact" in html


def test_signed_in_reader_sees_their_name_and_sign_out(client, django_user_model):
    reader = django_user_model.objects.create_user(
        email="ada@example.com", password="correct horse", display_name="Ada L."
    )
    client.force_login(reader)
    html = client.get("/").content.decode()
    assert "Ada L." in html
    assert "Sign Out" in html
    assert "Sign In</a>" not in html
