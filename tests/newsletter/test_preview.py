"""Editors preview the next digest in the admin, as it would go out, and send it to themselves."""

import datetime
import html as html_module
import re

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from newsletter import tasks, tokens
from newsletter.models import Delivery, DigestIssue, Notice, Subscriber
from tests.accounts.factories import EditorFactory
from tests.newsletter.factories import ArticleFactory, SubscriberFactory

PREVIEW = reverse("admin:newsletter_digestissue_preview")
FRAME = reverse("admin:newsletter_digestissue_preview_email")
# 06:30 UTC on a Tuesday: the daily digest goes out at 07:00 (CELERY_BEAT_SCHEDULE).
MORNING = datetime.datetime(2030, 1, 8, 6, 30, tzinfo=datetime.UTC)
PERSONAL_LINK = re.compile(r"https?://[^\s\"<>]+/newsletter/(unsubscribe|preferences)/[^/\s\"<>]+/")


@pytest.fixture
def editor(db):
    """An editor of the newsroom's Editors group: they may view issues, not change them."""
    editor = EditorFactory(email="desk@example.com")
    editor.groups.add(Group.objects.get(name="Editors"))
    return editor


@pytest.fixture
def editor_client(client, editor, morning):
    client.force_login(editor)
    return client


@pytest.fixture
def morning():
    with time_machine.travel(MORNING, tick=False) as traveller:
        yield traveller


@pytest.fixture
def news(categories, morning):
    hour = datetime.timedelta(hours=1)
    return {
        "tech": ArticleFactory(
            category=categories["tech"],
            title="Chips ahead",
            is_featured=True,
            published_at=MORNING - 3 * hour,
        ),
        "sports": ArticleFactory(
            category=categories["sports"], title="Cup final odds", published_at=MORNING - 2 * hour
        ),
        "draft": ArticleFactory(title="Not yet", status="draft", published_at=None),
    }


def personal_links_of_nobody(text):
    return PERSONAL_LINK.sub(r"<\1 link>", text)


def test_the_issue_list_links_to_the_preview(editor_client):
    response = editor_client.get(reverse("admin:newsletter_digestissue_changelist"))
    assert f'href="{PREVIEW}"' in response.content.decode()


def test_the_preview_shows_the_next_issue_as_it_stands_and_writes_nothing(
    editor_client, news, django_assert_max_num_queries
):
    SubscriberFactory.create_batch(2)
    SubscriberFactory(categories=["sports"])
    # Session, user, the staff second-factor check; the window, the articles, the audience
    # (a join of subscribers and their categories) and the category names.
    with django_assert_max_num_queries(9):
        response = editor_client.get(PREVIEW, {"frequency": "daily"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "going out" in html and "Tuesday 8 January 2030, 07:00 UTC" in html
    assert "for 3 confirmed subscribers" in html
    assert "Chips ahead — and 1 more in your daily Veridact digest" in html
    # The text version, in full, on the page; the HTML one in a frame of its own.
    assert "SPORTS\nCup final odds" in html and "Read: http://" in html
    assert "Not yet" not in html
    assert f'src="{FRAME}?frequency=daily&amp;audience=' in html
    assert 'sandbox="allow-popups allow-popups-to-escape-sandbox"' in html
    assert "Send a test to desk@example.com" in html
    # Who gets which copy: the whole issue, or the Sports stories alone.
    assert "Every category in the issue: Tech, Sports — 2 subscribers" in html
    assert "Sports — 1 subscriber<" in html
    # The page keeps the site's policy: no inline style or script is allowed on it.
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert not DigestIssue.objects.exists() and not Delivery.objects.exists()


def test_the_frame_holds_the_html_a_subscriber_gets(
    editor_client, news, morning, settings, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory()
    frame = editor_client.get(FRAME, {"frequency": "daily"})
    page = editor_client.get(PREVIEW, {"frequency": "daily"}).content.decode()
    assert frame.status_code == 200
    assert frame["X-Frame-Options"] == "SAMEORIGIN"
    assert "no-cache" in frame["Cache-Control"]
    policy = frame["Content-Security-Policy"]
    assert "style-src 'unsafe-inline'" in policy
    assert "script-src" not in policy and "default-src 'none'" in policy
    assert "frame-ancestors 'self'" in policy

    # At 07:00 beat makes the issue; the subscriber's copy is the preview, links aside.
    morning.move_to(MORNING.replace(hour=7, minute=0))
    with django_capture_on_commit_callbacks(execute=True):
        tasks.create_digest("daily")
    (sent,) = mail.outbox
    assert sent.to == [subscriber.email]
    html = sent.alternatives[0][0]
    preview_html = frame.content.decode().replace('<head>\n<base target="_blank">', "<head>", 1)
    assert personal_links_of_nobody(preview_html) == personal_links_of_nobody(html)
    shown_text = html_module.unescape(re.search(r"<pre[^>]*>(.*?)</pre>", page, re.S).group(1))
    assert personal_links_of_nobody(shown_text) == personal_links_of_nobody(sent.body)
    issue = DigestIssue.objects.get()
    assert f"Read it on the web: {settings.SITE_URL}{issue.get_absolute_url()}" in sent.body
    assert f"{settings.SITE_URL}{issue.get_absolute_url()}" in preview_html


def test_the_preview_as_the_readers_of_one_category_set_get_it(editor_client, news, categories):
    SubscriberFactory(categories=["sports"])
    key = str(categories["sports"].pk)
    response = editor_client.get(PREVIEW, {"frequency": "daily", "audience": key})
    html = response.content.decode()
    assert f'<option value="{key}" selected>' in html
    assert "SPORTS\nCup final odds" in html and "Chips ahead" not in html
    frame = editor_client.get(FRAME, {"frequency": "daily", "audience": key}).content.decode()
    assert "Cup final odds" in frame and "Chips ahead" not in frame


def test_a_category_set_nobody_gets_shows_the_whole_issue(editor_client, news):
    html = editor_client.get(PREVIEW, {"frequency": "daily", "audience": "999"}).content.decode()
    assert "TECH\nChips ahead" in html and "SPORTS\nCup final odds" in html


def test_nothing_published_means_nothing_to_preview(editor_client, morning):
    response = editor_client.get(PREVIEW, {"frequency": "weekly"})
    assert response.status_code == 200
    assert "none would go out now" in response.content.decode()
    assert "<iframe" not in response.content.decode()
    assert editor_client.get(FRAME, {"frequency": "weekly"}).status_code == 404


@pytest.mark.parametrize("query", [{"frequency": "monthly"}, {"audience": "1"}])
def test_a_malformed_request_is_answered_400(editor_client, news, query):
    assert editor_client.get(PREVIEW, query).status_code == 400
    assert editor_client.get(FRAME, query).status_code == 400


def test_readers_and_signed_out_visitors_cannot_preview(client, news):
    assert client.get(PREVIEW).status_code == 302
    assert client.get(FRAME).status_code == 302


def test_a_test_goes_through_the_outbox_to_the_editor_alone(
    editor_client, editor, news, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="subscriber@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            PREVIEW,
            # Whatever else the request says, the test goes to the editor's own address.
            {"frequency": "daily", "audience": "", "email": "someone.else@example.com"},
        )
    assert response.status_code == 303
    assert response["Location"] == f"{PREVIEW}?frequency=daily&audience="
    notice = Notice.objects.get()
    assert notice.kind == Notice.Kind.TEST and notice.user == editor
    assert notice.sent_at is not None
    (message,) = mail.outbox
    assert message.to == ["desk@example.com"] and not message.cc and not message.bcc
    assert message.subject == "[Test] Chips ahead — and 1 more in your daily Veridact digest"
    assert "Chips ahead" in message.alternatives[0][0]
    # Its links are nobody's: no subscriber's unsubscribe or preferences token is in it.
    subscriber = Subscriber.objects.get()
    assert tokens.unsubscribe_token(subscriber.pk) not in message.body
    assert tokens.unsubscribe_token(0) in message.body
    assert not DigestIssue.objects.exists() and not Delivery.objects.exists()
    page = editor_client.get(response["Location"]).content.decode()
    assert "A test is on its way to desk@example.com." in page


def test_a_test_of_an_issue_already_made_goes_through_the_outbox_too(
    editor_client, news, django_capture_on_commit_callbacks
):
    SubscriberFactory()
    issue = tasks.create_digest("daily")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:newsletter_digestissue_changelist"),
            {"action": "send_test", "_selected_action": [issue]},
            follow=True,
        )
    assert "1 test email(s) on their way to desk@example.com." in response.content.decode()
    (message,) = mail.outbox
    assert message.to == ["desk@example.com"]
    assert message.subject.startswith("[Test] Chips ahead")
    assert Notice.objects.get().kind == Notice.Kind.TEST
    assert Delivery.objects.get().state == Delivery.State.QUEUED  # the subscriber's, untouched
