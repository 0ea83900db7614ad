"""The admin site: signed into through allauth only, and 400 for requests it cannot read."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.urls import reverse

from articles.models import Category
from discussion.models import Ban, Comment
from tests.accounts.factories import EditorFactory, ReaderFactory
from tests.discussion.factories import CommentFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def second_factor_required(settings):
    settings.STAFF_MFA_REQUIRED = True


def signed_in(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def session_user(client):
    return client.session.get("_auth_user_id")


# The admin's login takes no password: allauth's sign-in asks for the second factor


def test_staff_cannot_sign_in_as_someone_else_through_the_admin_login():
    """A password is not enough to become another editor, even from a staff session."""
    insider, victim = EditorFactory(), EditorFactory(is_superuser=True)
    client = signed_in(insider)
    response = client.post(
        reverse("admin:login") + "?next=/admin/",
        {"username": victim.email, "password": PASSWORD, "next": "/admin/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert session_user(client) == str(insider.pk)


def test_signed_in_staff_are_sent_on_from_the_admin_login():
    client = signed_in(EditorFactory())
    assert client.get(reverse("admin:login"))["Location"] == reverse("admin:index")
    next_page = reverse("admin:articles_article_changelist")
    response = client.get(f"{reverse('admin:login')}?next={next_page}")
    assert response["Location"] == next_page
    # Never off the site.
    response = client.get(f"{reverse('admin:login')}?next=https://evil.example/")
    assert response["Location"] == reverse("admin:index")


def test_staff_without_a_second_factor_only_reach_its_set_up_from_the_admin_login():
    editor = EditorFactory(second_factor=False)
    client = signed_in(editor)
    other = EditorFactory()
    response = client.post(reverse("admin:login"), {"username": other.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_activate_totp")
    assert session_user(client) == str(editor.pk)


def test_readers_are_refused_and_strangers_sent_to_allauth():
    reader = ReaderFactory()
    assert signed_in(reader).get(reverse("admin:login")).status_code == 403
    stranger = Client()
    editor = EditorFactory()
    response = stranger.post(
        reverse("admin:login"), {"username": editor.email, "password": PASSWORD}
    )
    assert response["Location"].startswith(reverse("account_login"))
    assert session_user(stranger) is None


# Hand-made requests: 400, never a 500. A number past 64 bits is too large for SQLite, which
# fails on it; PostgreSQL's queries take it, and the admin gives its own answer (no such row).

HUGE = "99999999999999999999999"


def answer_to_a_huge_id(admins_own):
    return 400 if connection.vendor == "sqlite" else admins_own


@pytest.fixture
def superuser():
    return EditorFactory(is_superuser=True)


@pytest.fixture
def comment():
    return CommentFactory()


BAD_LISTS = [
    "discussion/comment/?created_at__year=99999999999999999999",
    "discussion/comment/?created_at__year=9999",
    "discussion/comment/?created_at__year=9999&created_at__month=12",
]


@pytest.mark.parametrize("query", BAD_LISTS)
def test_filters_the_admin_cannot_read_are_400(superuser, query):
    response = signed_in(superuser).get(f"/admin/{query}")
    assert response.status_code == 400


@pytest.mark.parametrize("selected", ["abc", "\x00", HUGE])
def test_an_action_on_ids_that_are_no_ids_is_400_and_changes_nothing(superuser, comment, selected):
    response = signed_in(superuser).post(
        reverse("admin:discussion_comment_changelist"),
        {"action": "hide", "_selected_action": [selected]},
    )
    assert response.status_code == (answer_to_a_huge_id(302) if selected == HUGE else 400)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.VISIBLE


def test_a_list_edit_of_a_row_that_is_no_row_is_400(superuser):
    category = Category.objects.first()
    response = signed_in(superuser).post(
        reverse("admin:articles_category_changelist"),
        {
            "_save": "Save",
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": HUGE,
            "form-0-order": "7",
        },
    )
    assert response.status_code == answer_to_a_huge_id(200)
    assert Category.objects.get(pk=category.pk).order == category.order


@pytest.mark.parametrize("user", ["abc", HUGE])
def test_a_ban_of_someone_who_is_no_one_is_400(superuser, user):
    response = signed_in(superuser).post(reverse("admin:discussion_ban_add"), {"user": user})
    assert response.status_code == (answer_to_a_huge_id(200) if user == HUGE else 400)
    assert not Ban.objects.exists()


def test_the_input_the_admin_can_read_still_works(superuser, comment):
    client = signed_in(superuser)
    assert client.get("/admin/discussion/comment/?created_at__year=2020").status_code == 200
    response = client.post(
        reverse("admin:discussion_comment_changelist"),
        {"action": "hide", "_selected_action": [str(comment.pk)]},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HIDDEN
    reader = ReaderFactory()
    response = client.post(reverse("admin:discussion_ban_add"), {"user": reader.pk, "reason": "x"})
    assert response.status_code == 302
    assert Ban.objects.filter(user=reader).exists()


def test_a_search_postgresql_cannot_run_is_400_there(superuser):
    response = signed_in(superuser).get(
        reverse("admin:autocomplete"),
        {"app_label": "discussion", "model_name": "ban", "field_name": "user", "term": "a\x00b"},
    )
    # PostgreSQL refuses NUL bytes in text; SQLite looks for them and finds nobody.
    assert response.status_code == (400 if connection.vendor == "postgresql" else 200)


def test_staff_without_the_right_still_get_403_whatever_they_send():
    editor = EditorFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    response = signed_in(editor).post(reverse("admin:accounts_user_add"), {"email": "\x00"})
    assert response.status_code == 403
