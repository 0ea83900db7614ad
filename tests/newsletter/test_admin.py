"""The newsletter admin: subscribers (filters, search, CSV), issues (counts, progress, actions)."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from newsletter import issuing
from newsletter.models import Delivery, DigestIssue
from tests.accounts.factories import give_second_factor
from tests.newsletter.factories import ArticleFactory, SubscriberFactory


@pytest.fixture
def staff(django_user_model):
    return give_second_factor(
        django_user_model.objects.create_superuser(
            email="editor@example.com", password="x", display_name="Editor"
        )
    )


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def issue(db):
    ArticleFactory(title="The top story")
    SubscriberFactory.create_batch(4)
    issue = issuing.issue_create(frequency="daily", run="admin")
    rows = list(issue.deliveries.order_by("pk"))
    Delivery.objects.filter(pk__in=[rows[0].pk, rows[1].pk]).update(state=Delivery.State.SENT)
    Delivery.objects.filter(pk=rows[2].pk).update(state=Delivery.State.FAILED, attempts=5)
    return issue


def test_subscriber_list_filters_and_search(admin_client, django_assert_max_num_queries):
    SubscriberFactory(email="findme@example.com", categories=["tech"])
    SubscriberFactory.create_batch(5)
    url = reverse("admin:newsletter_subscriber_changelist")
    # Session, user, counts, the page and one prefetch of categories, whatever the page size.
    # One more than the page needs: the staff second-factor check (accounts.middleware).
    with django_assert_max_num_queries(10):
        response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "findme@example.com" in html
    assert "Tech, Sports, Finance, Gaming" in html
    response = admin_client.get(url, {"q": "findme"})
    assert "1 subscriber" in response.content.decode()
    response = admin_client.get(url, {"status__exact": "pending"})
    assert "0 subscribers" in response.content.decode()


def test_csv_export(admin_client):
    SubscriberFactory(email="=cmd@example.com", categories=["sports"])
    SubscriberFactory(email="plain@example.com")
    url = reverse("admin:newsletter_subscriber_changelist")
    response = admin_client.post(
        url, {"action": "export_csv", "select_across": "1", "_selected_action": ["0"]}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:4] == ["email", "status", "frequency", "categories"]
    by_email = {row[0]: row for row in rows[1:]}
    # A cell that a spreadsheet would run as a formula is defused.
    assert by_email["'=cmd@example.com"][3] == "sports"
    assert by_email["plain@example.com"][5] == "192.0.2.10"


def test_issue_list_shows_counts_and_a_progress_bar(
    admin_client, issue, django_assert_max_num_queries
):
    # One more than the page needs: the staff second-factor check (accounts.middleware).
    with django_assert_max_num_queries(8):
        response = admin_client.get(reverse("admin:newsletter_digestissue_changelist"))
    html = response.content.decode()
    assert "The top story" in html
    assert '<progress value="3" max="4"' in html
    assert 'style="' not in html.split("<progress")[1].split(">")[0]
    cells = [cell for cell in html.split("<td") if "field-queued" in cell or "field-failed" in cell]
    assert any(">1<" in cell for cell in cells)


def test_issue_detail_shows_counts(admin_client, issue):
    response = admin_client.get(reverse("admin:newsletter_digestissue_change", args=[issue.pk]))
    assert response.status_code == 200
    assert '<progress value="3" max="4"' in response.content.decode()


def test_retry_failed(admin_client, issue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:newsletter_digestissue_changelist"),
            {"action": "retry_failed", "_selected_action": [issue.pk]},
            follow=True,
        )
    assert "Queued 1 failed deliveries again." in response.content.decode()
    # The failed row and the one still queued both go out now.
    assert len(mail.outbox) == 2
    assert issue.deliveries.filter(state="sent").count() == 4
    issue.refresh_from_db()
    assert issue.status == DigestIssue.Status.DONE


def test_editors_may_view_subscribers_and_issues(db, django_user_model, issue):
    editors = Group.objects.get(name="Editors")
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"view_subscriber", "view_digestissue", "view_delivery"} <= codenames
    assert "change_subscriber" not in codenames
    editor = django_user_model.objects.create_user(
        email="desk@example.com", password="x", display_name="Desk", is_staff=True
    )
    give_second_factor(editor)
    editor.groups.add(editors)
    from django.test import Client

    client = Client()
    client.force_login(editor)
    assert client.get(reverse("admin:newsletter_digestissue_changelist")).status_code == 200
    assert client.get(reverse("admin:newsletter_subscriber_changelist")).status_code == 200
    response = client.post(
        reverse("admin:newsletter_digestissue_changelist"),
        {"action": "retry_failed", "_selected_action": [issue.pk]},
    )
    assert issue.deliveries.filter(state="failed").count() == 1
    assert response.status_code in {200, 302}
