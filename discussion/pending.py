"""Comments written before signing in: kept in the browser's session, posted as the reader's.

Anonymous readers see the discussion form on the cached article page, which carries no
CSRF token. Their form posts to `views.comment_draft`, which keeps the text here, in the
session (server-side: the browser holds only the session's id), and sends them to sign in
or sign up. Once they have an account (`claim`, called by the allauth adapter at sign-up
and at every sign-in) the drafts become `PendingComment` rows, which
`services.pending_comments_post` posts once the reader may post: at once for a verified
reader, at the confirmation of their address for a new one, in whichever browser they
open the link.
"""

import datetime
import uuid

from django.template.loader import render_to_string
from django.utils import timezone

from articles.models import Article
from discussion import services
from discussion.models import PENDING_COMMENT_LIFETIME

SESSION_KEY = "pending_comments"
# The latest draft for each article, and no more than this many articles' drafts.
MAX_DRAFTS = 5


def keep(request, *, article, title, body):
    """Keep a draft for `article` in the session, replacing an earlier one for it."""
    drafts = dict(request.session.get(SESSION_KEY, {}))
    drafts[str(article.pk)] = {
        # Its own key: a draft claimed by two requests at once becomes one row.
        "key": uuid.uuid4().hex,
        "title": title,
        "body": body,
        "written_at": timezone.now().isoformat(),
    }
    newest = sorted(drafts.items(), key=lambda item: item[1]["written_at"])[-MAX_DRAFTS:]
    request.session[SESSION_KEY] = dict(newest)


def _fresh(drafts, now=None):
    cutoff = (now or timezone.now()) - PENDING_COMMENT_LIFETIME
    for article_id, draft in drafts.items():
        written_at = datetime.datetime.fromisoformat(draft["written_at"])
        if written_at >= cutoff:
            yield int(article_id), {**draft, "written_at": written_at}


def draft_for(request, article_id):
    """The session's draft for an article ({"title", "body", …}), or None."""
    return dict(_fresh(request.session.get(SESSION_KEY, {}))).get(article_id)


def drafts_waiting(request):
    """The session's drafts, with their articles, newest first: for the sign-in pages."""
    drafts = dict(_fresh(getattr(request, "session", {}).get(SESSION_KEY, {})))
    if not drafts:
        return []
    articles = Article.objects.published().in_bulk(list(drafts))
    found = [
        {**draft, "article": articles[article_id]}
        for article_id, draft in drafts.items()
        if article_id in articles
    ]
    return sorted(found, key=lambda draft: draft["written_at"], reverse=True)


def claim(request, user):
    """Make the session's drafts `user`'s pending comments, and forget them here.

    Returns how many there were.
    """
    drafts = request.session.pop(SESSION_KEY, None)
    if not drafts:
        return 0
    articles = Article.objects.published().in_bulk([int(pk) for pk in drafts])
    claimed = [
        (articles[article_id], draft)
        for article_id, draft in _fresh(drafts)
        if article_id in articles
    ]
    for article, draft in claimed:
        services.pending_comment_keep(
            key=draft["key"],
            author=user,
            article=article,
            title=draft["title"],
            body=draft["body"],
            written_at=draft["written_at"],
        )
    return len(claimed)


def sign_in_part(request):
    """What the reader wrote before signing in, kept for them: the sign-in pages' part
    (articles.parts)."""
    drafts = drafts_waiting(request) if request is not None else []
    return render_to_string("discussion/includes/_pending_comments.html", {"drafts": drafts})
