"""Readers' comments, replies, edits, deletions and reports on an article's discussion."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from articles.models import Article
from discussion import pending, services
from discussion.forms import CommentForm, ReplyForm, ReportForm
from discussion.models import (
    COMMENT_MAX_LENGTH,
    COMMENT_TITLE_MAX_LENGTH,
    EDIT_WINDOW,
    Comment,
    PendingComment,
)
from discussion.threads import comment_url, page_of, page_url
from limits import rates
from limits.client_ip import client_ip


def _published_article(article_id):
    return get_object_or_404(Article.objects.published().select_related("category"), pk=article_id)


def _comment_on(article, comment_id):
    comment = get_object_or_404(
        Comment.objects.select_related("author", "parent"), pk=comment_id, article=article
    )
    comment.article = article
    return comment


def _sign_in_first(request, article):
    """Send an anonymous reader to sign in, then back to the article's discussion."""
    return redirect_to_login(f"{article.get_absolute_url()}#discussion")


def _form_page(request, *, article, form, status=200, **context):
    return render(
        request,
        "discussion/comment_form.html",
        {
            "article": article,
            "form": form,
            "max_length": COMMENT_MAX_LENGTH,
            "title_max_length": COMMENT_TITLE_MAX_LENGTH,
            **context,
        },
        status=status,
    )


def _submit(request, *, article, form, parent=None, **context):
    """Check, validate, rate-limit and post a comment or reply; never lose what was typed."""
    context = {"parent": parent, **context}
    try:
        services.check_can_comment(user=request.user, article=article, parent=parent)
    except services.CommentRefused as refusal:
        if refusal.code == "unverified" and parent is None and request.method == "POST":
            return _keep_until_verified(request, article=article, form=form, **context)
        return _form_page(
            request, article=article, form=form, refusal=refusal, status=refusal.status, **context
        )
    if request.method != "POST" or not form.is_valid():
        return _form_page(request, article=article, form=form, **context)
    exceeded = rates.consume("comment", user=request.user.pk)
    if exceeded is not None:
        response = _form_page(
            request, article=article, form=form, limit=exceeded.rate, status=429, **context
        )
        response["Retry-After"] = str(exceeded.retry_after)
        return response
    try:
        comment = services.comment_create(
            article=article,
            author=request.user,
            title=form.cleaned_data.get("title", ""),
            body=form.cleaned_data["body"],
            parent=parent,
        )
    except services.CommentRefused as refusal:
        return _form_page(
            request, article=article, form=form, refusal=refusal, status=refusal.status, **context
        )
    messages.success(request, "Your reply is posted." if parent else "Your comment is posted.")
    # A new thread is the newest: it is on the first page, without counting.
    return redirect(comment_url(comment, page=1 if parent is None else None))


def _keep_until_verified(request, *, article, form, **context):
    """A reader yet to confirm their address writes as everyone does; it is posted at the
    confirmation (allauth's email_confirmed, as for a comment written before signing up)."""
    if not form.is_valid():
        return _form_page(request, article=article, form=form, **context)
    exceeded = rates.consume("comment", user=request.user.pk)
    if exceeded is not None:
        response = _form_page(
            request, article=article, form=form, limit=exceeded.rate, status=429, **context
        )
        response["Retry-After"] = str(exceeded.retry_after)
        return response
    services.pending_comment_keep(
        key=uuid.uuid4().hex,
        author=request.user,
        article=article,
        title=form.cleaned_data.get("title", ""),
        body=form.cleaned_data["body"],
    )
    messages.info(
        request,
        "Your comment is kept: it will be posted as soon as you confirm your email address.",
    )
    return redirect(f"{article.get_absolute_url()}#discussion")


@require_http_methods(["GET", "POST"])
def comment_post(request, article_id):
    article = _published_article(article_id)
    if not request.user.is_authenticated:
        return _sign_in_first(request, article)
    form = CommentForm(request.POST if request.method == "POST" else None)
    return _submit(request, article=article, form=form)


@require_http_methods(["GET", "POST"])
def comment_reply(request, article_id, comment_id):
    article = _published_article(article_id)
    parent = _comment_on(article, comment_id)
    if not request.user.is_authenticated:
        return _sign_in_first(request, article)
    form = ReplyForm(request.POST if request.method == "POST" else None)
    return _submit(
        request,
        article=article,
        form=form,
        parent=parent,
        form_action=request.path,
        label=f"Your reply to {parent.author_name}",
        submit_label="Post reply",
    )


def _edit_form(comment, **kwargs):
    # Replies have no title line.
    return (ReplyForm if comment.parent_id else CommentForm)(**kwargs)


def _posted_from_this_site(request):
    """Whether a POST comes from the site's own pages, by the headers every browser sends.

    Browsers send Origin with every POST (Sec-Fetch-Site too, in those of recent years), and
    a page on another site cannot make them lie about it: OWASP's check by standard headers.
    """
    origin = request.headers.get("Origin")
    if origin is not None:  # "null" from a sandboxed frame or a redirect is not ours
        ours = f"{request.scheme}://{request.get_host()}"
        return origin == ours or origin in settings.CSRF_TRUSTED_ORIGINS
    return request.headers.get("Sec-Fetch-Site") == "same-origin"


def _csrf_token_passes(request):
    return CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {}) is None


@csrf_exempt
@require_POST
def comment_draft(request, article_id):
    """Keep an anonymous reader's comment in their session, and send them to sign in.

    The form on the cached article page carries no CSRF token (a cached page must not hold
    anyone's token), so this view is exempt, and keeps the text only when the browser says
    the form was on this site; keeping it changes nothing but this browser's own session.
    Otherwise, and for a signed-in reader, it shows the text in a form with a token, to be
    sent again: nothing typed is lost, and nothing is posted that the reader did not send.
    """
    article = _published_article(article_id)
    form = CommentForm(request.POST)
    context = {"form_action": request.path}
    if request.user.is_authenticated:
        # Their page was cached before they signed in; their own form posts with a token.
        context = {"form_action": reverse("discussion:comment_post", args=[article.pk])}
        return _form_page(request, article=article, form=form, **context)
    if article.comments_closed:
        refusal = services.CommentRefused("Comments are closed on this article.", code="closed")
        return _form_page(request, article=article, form=form, refusal=refusal, status=403)
    if not (_posted_from_this_site(request) or _csrf_token_passes(request)):
        return _form_page(request, article=article, form=form, confirm=True, **context)
    if not form.is_valid():
        return _form_page(request, article=article, form=form, **context)
    exceeded = rates.consume("comment_draft", ip=client_ip(request))
    if exceeded is not None:
        response = _form_page(
            request, article=article, form=form, limit=exceeded.rate, status=429, **context
        )
        response["Retry-After"] = str(exceeded.retry_after)
        return response
    pending.keep(request, article=article, **form.cleaned_data)
    resume = reverse("discussion:comment_pending", args=[article.pk])
    return redirect(f"{reverse('account_login')}?{urlencode({'next': resume})}")


@require_GET
def comment_pending(request, article_id):
    """Where signing in (or up) returns to: post what the reader wrote, and show it.

    Safe to open again: a comment already posted is shown, not posted twice.
    """
    article = _published_article(article_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    pending.claim(request, request.user)
    for comment in services.pending_comments_post(author=request.user):
        messages.success(request, f"Your comment on “{comment.article.title}” is posted.")
    latest = (
        PendingComment.objects.filter(author=request.user, article=article)
        .select_related("comment")
        .order_by("-written_at", "-pk")
        .first()
    )
    if latest is None:
        return redirect(f"{article.get_absolute_url()}#discussion")
    if latest.comment is not None:
        latest.comment.article = article
        return redirect(comment_url(latest.comment))
    try:
        services.check_can_comment(user=request.user, article=article)
    except services.CommentRefused as refusal:
        if refusal.code != "unverified":
            # Closed meanwhile, or a ban: the reader keeps their text to copy.
            form = CommentForm(initial={"title": latest.title, "body": latest.body})
            return _form_page(request, article=article, form=form, refusal=refusal, status=403)
    messages.info(
        request,
        "Your comment is kept: it will be posted as soon as you confirm your email address.",
    )
    return redirect(f"{article.get_absolute_url()}#discussion")


@require_http_methods(["GET", "POST"])
def comment_edit(request, article_id, comment_id):
    article = _published_article(article_id)
    comment = _comment_on(article, comment_id)
    if not request.user.is_authenticated:
        return _sign_in_first(request, article)
    if comment.author_id != request.user.pk:
        raise PermissionDenied("You can only edit your own comments.")
    minutes = int(EDIT_WINDOW.total_seconds() // 60)
    context = {
        "comment": comment,
        "form_action": request.path,
        "label": "Your comment",
        "submit_label": "Save changes",
        "cancel_url": comment_url(comment),
        "edit_minutes": minutes,
    }
    if request.method == "GET":
        try:
            services.check_can_edit(user=request.user, comment=comment)
        except services.CommentRefused as refusal:
            raise PermissionDenied(refusal.message) from None
        form = _edit_form(comment, initial={"title": comment.title, "body": comment.body})
        return _form_page(request, article=article, form=form, **context)
    form = _edit_form(comment, data=request.POST)
    if not form.is_valid():
        return _form_page(request, article=article, form=form, **context)
    try:
        services.comment_edit(
            comment=comment,
            user=request.user,
            title=form.cleaned_data.get("title"),
            body=form.cleaned_data["body"],
        )
    except services.CommentRefused as refusal:
        return _form_page(
            request, article=article, form=form, refusal=refusal, status=refusal.status, **context
        )
    messages.success(request, "Your comment is updated.")
    return redirect(comment_url(comment))


@require_http_methods(["GET", "POST"])
def comment_delete(request, article_id, comment_id):
    article = _published_article(article_id)
    comment = _comment_on(article, comment_id)
    if not request.user.is_authenticated:
        return _sign_in_first(request, article)
    if comment.author_id != request.user.pk:
        raise PermissionDenied("You can only delete your own comments.")
    if comment.status == Comment.Status.REMOVED:
        raise Http404("That comment is already deleted.")
    if request.method == "POST":
        number = page_of(comment)
        services.comment_delete(comment=comment, user=request.user)
        messages.success(request, "Your comment is deleted.")
        return redirect(f"{page_url(article, number)}#discussion")
    return render(
        request,
        "discussion/comment_delete.html",
        {"article": article, "comment": comment, "cancel_url": comment_url(comment)},
    )


@require_http_methods(["GET", "POST"])
def comment_report(request, article_id, comment_id):
    article = _published_article(article_id)
    comment = _comment_on(article, comment_id)
    if not request.user.is_authenticated:
        return _sign_in_first(request, article)
    if not comment.is_visible():
        raise Http404("That comment is no longer shown.")
    try:
        services.check_can_report(user=request.user, comment=comment)
    except services.CommentRefused as refusal:
        raise PermissionDenied(refusal.message) from None
    form = ReportForm(request.POST if request.method == "POST" else None)
    context = {
        "article": article,
        "comment": comment,
        "form": form,
        "cancel_url": comment_url(comment),
    }
    if request.method == "POST" and form.is_valid():
        exceeded = rates.consume("report", user=request.user.pk)
        if exceeded is not None:
            return rates.too_many_requests(
                request, exceeded, "discussion/comment_report.html", context
            )
        created = services.comment_report(
            comment=comment, reporter=request.user, reason=form.cleaned_data["reason"]
        )
        if created:
            messages.success(request, "Thank you. An editor will look at that comment.")
        else:
            messages.info(request, "You have already reported that comment.")
        return redirect(comment_url(comment))
    return render(request, "discussion/comment_report.html", context)


def comment_permalink(request, article_id, comment_id):
    article = _published_article(article_id)
    return redirect(comment_url(_comment_on(article, comment_id)))
