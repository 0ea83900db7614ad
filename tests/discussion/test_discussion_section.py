"""The Discussion section on the article page: what each reader sees, and what it costs."""

import datetime
import random

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from discussion.models import Comment
from tests.accounts.factories import ReaderFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SECTION = Template("{% load discussion %}{% discussion_section article %}")


def render_section(article, user=None, query=""):
    request = RequestFactory().get(article.get_absolute_url() + query)
    request.user = user or AnonymousUser()
    return SECTION.render(Context({"article": article, "request": request}))


def add_comments(article, count, *, authors):
    """Bulk-add `count` comments (a fifth of them replies), keeping the article's count."""
    now = timezone.now()
    threads = Comment.objects.bulk_create(
        Comment(
            article=article,
            author=authors[n % len(authors)],
            body=f"Thread {n}",
            created_at=now - datetime.timedelta(minutes=n + 1),
        )
        for n in range(count - count // 5)
    )
    Comment.objects.bulk_create(
        Comment(
            article=article,
            author=authors[n % len(authors)],
            parent=threads[n],
            body=f"Reply {n}",
            created_at=now,
        )
        for n in range(count // 5)
    )
    article.comment_count = count
    article.save(update_fields=["comment_count"])


def queries_to_render(article, user=None):
    with CaptureQueriesContext(connection) as captured:
        html = render_section(article, user)
    return len(captured), html


def test_empty_discussion_invites_the_first_comment(article):
    html = render_section(article)
    assert 'id="discussion"' in html
    assert '<h2 id="discussion-title">Discussion</h2>' in html
    assert '<p class="discussion__count">0 comments</p>' in html
    assert "Be the first to share your thoughts." in html


def test_anonymous_readers_see_the_form_and_may_sign_in_first(article):
    html = render_section(article)
    expected = f"/accounts/login/?next={article.get_absolute_url()}%23discussion"
    assert f'href="{expected}"' in html
    draft = f"/accounts/comments/{article.pk}/draft/"
    assert f'<form method="post" action="{draft}" class="comment-form" id="comment-form">' in html
    assert '<label for="comment-title">Title or name <span class="muted">(optional)</span>' in html
    assert '<label for="comment-body">Your comment</label>' in html
    assert 'data-counter-for="comment-title" data-max="100">0/100</span>' in html
    assert 'data-counter-for="comment-body" data-max="1000">0/1000</span>' in html
    assert "You'll sign in or create an account next" in html


def test_anonymous_section_has_no_csrf_token_and_no_names_but_authors(article, reader):
    # It is cached and served to everyone: nothing in it may belong to one reader.
    add_comments(article, 5, authors=[reader])
    html = render_section(article)
    assert html.count("<form") == 1
    assert "csrfmiddlewaretoken" not in html
    assert "Report" not in html and "Edit" not in html


def test_no_form_where_comments_are_closed(article):
    article.comments_closed = True
    html = render_section(article)
    assert "<form" not in html
    assert "Comments are closed on this article." in html


@pytest.mark.parametrize("count", [0, 50, 500])
def test_anonymous_section_costs_one_query_whatever_the_number_of_comments(article, count):
    # Guards against an N+1 on authors or replies: the threads of the page, their replies
    # and their authors come back in a single query.
    authors = ReaderFactory.create_batch(3)
    add_comments(article, count, authors=authors)
    queries, html = queries_to_render(article)
    assert queries == 1
    shown = min(count - count // 5, 50)
    assert html.count('class="comments__thread"') == shown


@pytest.mark.parametrize("count", [0, 50, 500])
def test_signed_in_section_costs_two_queries_whatever_the_number_of_comments(
    article, reader, count
):
    # One for the reader's standing (verified, banned), one for the page with their reports.
    add_comments(article, count, authors=ReaderFactory.create_batch(3) + [reader])
    queries, _ = queries_to_render(article, reader)
    assert queries == 2


def test_signed_in_verified_reader_gets_the_form_with_a_counter(article, reader):
    html = render_section(article, reader)
    assert f'action="/accounts/comments/{article.pk}/"' in html
    assert 'data-counter-for="comment-body" data-max="1000"' in html
    assert ">0/1000<" in html


def test_unverified_reader_is_asked_to_verify_and_may_write_meanwhile(article):
    html = render_section(article, ReaderFactory(verified=False))
    assert "Please verify your email address to join the discussion." in html
    assert 'name="action_send"' in html
    assert f'action="/accounts/comments/{article.pk}/"' in html
    assert "posted once you confirm" in html


def test_comments_closed_shows_no_form(article, reader):
    article.comments_closed = True
    html = render_section(article, reader)
    assert "Comments are closed on this article." in html
    assert "<textarea" not in html


def test_comment_shows_author_exact_time_and_permalink(article, reader, post):
    comment = post(article, reader, "Hello.")
    html = render_section(article)
    assert f'id="comment-{comment.pk}"' in html
    assert f'href="/accounts/readers/{reader.pk}/"' in html and "Ada Reader" in html
    assert f'datetime="{comment.created_at.isoformat()}"' in html
    assert f'href="{article.get_absolute_url()}#comment-{comment.pk}"' in html


def test_a_comments_title_and_its_authors_name_are_shown_as_text(article, reader, post):
    reader.display_name = '<b onmouseover="x">Ada</b>'
    reader.save(update_fields=["display_name"])
    comment = post(article, reader, "Hello.")
    Comment.objects.filter(pk=comment.pk).update(title='<img src=x onerror="y">')
    html = render_section(article)
    assert 'aria-label="Comment by &lt;b onmouseover=&quot;x&quot;&gt;Ada&lt;/b&gt;"' in html
    assert '<h3 class="comment__title">&lt;img src=x onerror=&quot;y&quot;&gt;</h3>' in html
    assert "<b onmouseover" not in html and "<img src=x" not in html


def test_cached_page_says_when_a_comment_was_written_not_how_long_ago(article, reader, post):
    # A cached page is served for minutes: "7 seconds ago" would be wrong five minutes on.
    # The time is absolute; static/js/site.js says how long ago (tests/accounts/test_browser.py).
    written = datetime.datetime(2026, 12, 2, 14, 5, 30, tzinfo=datetime.UTC)
    # Published before the comment, whatever the day the suite runs.
    article.published_at = written - datetime.timedelta(days=1)
    article.save(update_fields=["published_at"])
    with time_machine.travel(written, tick=False):
        post(article, reader, "Hello.")
        first = Client().get(article.get_absolute_url()).content.decode()
    with time_machine.travel(written + datetime.timedelta(minutes=5), tick=False):
        later = Client().get(article.get_absolute_url())
    exact = (
        '<time datetime="2026-12-02T14:05:30+00:00" data-relative>2 December 2026, 14:05 UTC</time>'
    )
    assert exact in first
    assert later.content.decode() == first  # as true five minutes on
    assert " ago</time>" not in first and "now</time>" not in first


def test_replies_sit_under_their_thread_oldest_first(article, reader, other_reader, post):
    thread = post(article, reader, "Thread.")
    post(article, other_reader, "First reply.", parent=thread)
    post(article, reader, "Second reply.", parent=thread)
    html = render_section(article)
    assert html.index("Thread.") < html.index("First reply.") < html.index("Second reply.")
    assert html.count('class="comment comment--reply"') == 2


def test_authors_see_edit_and_delete_others_see_report(article, reader, other_reader, post):
    mine = post(article, reader, "Mine.")
    theirs = post(article, other_reader, "Theirs.")
    html = render_section(article, reader)
    assert f"/accounts/comments/{article.pk}/{mine.pk}/edit/" in html
    assert f"/accounts/comments/{article.pk}/{mine.pk}/delete/" in html
    assert f"/accounts/comments/{article.pk}/{theirs.pk}/report/" in html
    assert f"/accounts/comments/{article.pk}/{theirs.pk}/edit/" not in html


def test_edit_link_goes_after_15_minutes(article, reader, post, time_machine):
    mine = post(article, reader, "Mine.")
    time_machine.move_to(timezone.now() + datetime.timedelta(minutes=15, seconds=1))
    html = render_section(article, reader)
    assert f"/{mine.pk}/edit/" not in html
    assert f"/{mine.pk}/delete/" in html


def test_reported_comment_says_reported(article, reader, other_reader, post):
    from discussion import services

    theirs = post(article, other_reader, "Theirs.")
    services.comment_report(comment=theirs, reporter=reader)
    html = render_section(article, reader)
    assert "Reported</span>" in html
    assert f"/{theirs.pk}/report/" not in html


def test_reply_form_only_on_threads(article, reader, other_reader, post):
    thread = post(article, other_reader, "Thread.")
    reply = post(article, other_reader, "Reply.", parent=thread)
    html = render_section(article, reader)
    assert f"/accounts/comments/{article.pk}/{thread.pk}/reply/" in html
    assert f"/{reply.pk}/reply/" not in html


def test_discussion_is_paginated_past_50_threads(article, reader):
    add_comments(article, 60, authors=[reader])  # 48 threads + 12 replies
    assert "Older comments" not in render_section(article)
    add_comments(article, 10, authors=[reader])  # 8 more threads: 56
    first = render_section(article)
    assert first.count('class="comments__thread"') == 50
    assert f'href="{article.get_absolute_url()}?comments=2#discussion"' in first
    second = render_section(article, query="?comments=2")
    assert second.count('class="comments__thread"') == 6
    assert f'href="{article.get_absolute_url()}#discussion" rel="prev"' in second


@pytest.mark.parametrize("value", ["abc", "-3", "0", "", "99999999999999999999"])
def test_nonsense_page_numbers_do_not_fail(article, reader, value):
    add_comments(article, 3, authors=[reader])
    html = render_section(article, query=f"?comments={value}")
    assert 'id="discussion"' in html


def test_page_past_the_end_offers_the_way_back(article, reader):
    add_comments(article, 3, authors=[reader])
    html = render_section(article, query="?comments=7")
    assert "There are no more comments." in html


def test_hidden_and_removed_threads_with_replies_show_placeholders(
    article, reader, other_reader, post
):
    from discussion import services

    removed = post(article, reader, "Removed thread.")
    post(article, other_reader, "Reply to removed.", parent=removed)
    hidden = post(article, reader, "Hidden thread.")
    post(article, other_reader, "Reply to hidden.", parent=hidden)
    lonely = post(article, reader, "Hidden without replies.")
    services.comment_delete(comment=removed, user=reader)
    services.comments_hide(comments=[hidden, lonely])
    article.refresh_from_db()
    html = render_section(article)
    assert "[comment removed]" in html and "[comment hidden by moderators]" in html
    assert "Removed thread." not in html and "Hidden thread." not in html
    assert "Hidden without replies." not in html
    assert "Reply to removed." in html and "Reply to hidden." in html
    assert ">2 comments<" in html  # only the two replies count


@pytest.mark.parametrize("seed", range(5))
def test_a_short_discussion_shows_what_the_paged_query_shows(article, reader, seed):
    # Up to 50 counted comments, page 1 is sorted out of all the article's comments in
    # Python (threads.discussion_page); it must keep the rule for_discussion() keeps:
    # threads visible or gone with visible replies, and only visible replies.
    from discussion import threads

    rng = random.Random(seed)
    statuses = [Comment.Status.VISIBLE] * 3 + [Comment.Status.HIDDEN, Comment.Status.REMOVED]
    made = []
    for n in range(rng.randint(5, 30)):
        parent = rng.choice([None, None, *[c for c in made if c.parent_id is None]])
        made.append(
            Comment.objects.create(
                article=article,
                author=reader,
                parent=parent,
                body=f"Comment {n}",
                status=rng.choice(statuses),
            )
        )
    article.comment_count = sum(c.status == Comment.Status.VISIBLE for c in made)
    article.save(update_fields=["comment_count"])

    def shown(page):
        return [(t.pk, [r.pk for r in t.visible_replies]) for t in page.threads]

    short = threads.discussion_page(article)
    article.comment_count = 10**6  # as if long: the page's own query
    assert shown(short) == shown(threads.discussion_page(article))
    assert short.has_next is False


def test_deleted_account_comments_show_deleted_user_without_a_link(article, reader, post):
    from accounts import services

    post(article, reader, "Still here.")
    services.account_delete(user=reader)
    html = render_section(article)
    assert "[deleted user]" in html and "Still here." in html
    assert f"/accounts/readers/{reader.pk}/" not in html


def test_anonymous_article_page_is_cached_without_csrf_or_names_and_refreshed_on_comment(
    article, reader, post, django_capture_on_commit_callbacks
):
    anonymous = Client()
    first = anonymous.get(article.get_absolute_url())
    assert "public" in first["Cache-Control"]
    signed_in = Client()
    signed_in.force_login(reader)
    mine = signed_in.get(article.get_absolute_url())
    assert "csrfmiddlewaretoken" in mine.content.decode()
    assert "private" in mine["Cache-Control"]
    with django_capture_on_commit_callbacks(execute=True):
        post(article, reader, "Fresh comment.")
    again = anonymous.get(article.get_absolute_url()).content.decode()
    assert "Fresh comment." in again
    assert "csrfmiddlewaretoken" not in again
    assert reader.email not in again


def test_article_page_costs_the_same_with_0_50_and_500_comments(client):
    # The whole page, through the articles view, as an anonymous reader sees it uncached.
    counts = {}
    authors = ReaderFactory.create_batch(3)
    for count in [0, 50, 500]:
        article = ArticleFactory()
        add_comments(article, count, authors=authors)  # a new path: never a cached page
        with CaptureQueriesContext(connection) as captured:
            response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        counts[count] = len(captured)
    assert counts[0] == counts[50] == counts[500], counts
