"""Subscribe, confirm, preferences and unsubscribe pages, and the public archive of digests.

The public endpoints are exempt from CSRF on purpose. The subscribe form sits in the
call-to-action on every page, and pages for anonymous readers are cached server-side, so
it cannot carry a CSRF token. A forged subscribe is harmless under double opt-in: it only
sends the address's owner a confirmation link, and the reply is the same whatever the
address's state (no enumeration). The confirm, preferences and unsubscribe endpoints are
authenticated by the signed token in their URL, which a forging site cannot know; RFC 8058
one-click unsubscribe requires them to work without a cookie anyway. The account endpoints,
authenticated by the session cookie, keep CSRF protection.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from limits import rates
from limits.client_ip import client_ip
from newsletter import services, tokens
from newsletter.forms import PreferencesForm, SubscribeForm
from newsletter.mailboxes import canonical_mailbox
from newsletter.models import DigestIssue, Frequency, Subscriber
from newsletter.services import ConfirmResult
from pagecache.pages import cache_public_page
from pagecache.params import choice, existing_page, page_number


def _see_other(url):
    response = redirect(url)
    response.status_code = 303
    return response


def _link_problem(request, problem, status):
    return render(request, "newsletter/link_problem.html", {"problem": problem}, status=status)


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@cache_public_page()
def subscribe(request):
    """The subscribe form; every valid address gets the same answer."""
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid():
            email, ip = form.cleaned_data["email"], client_ip(request)
            exceeded = rates.consume("subscribe", ip=ip, mailbox=canonical_mailbox(email))
            if exceeded is not None:
                return rates.too_many_requests(
                    request, exceeded, "newsletter/subscribe.html", {"form": form}
                )
            services.subscription_request(email=email, ip=ip)
            return _see_other(reverse("newsletter:subscribed"))
        return render(request, "newsletter/subscribe.html", {"form": form}, status=400)
    return render(request, "newsletter/subscribe.html", {"form": SubscribeForm()})


@require_http_methods(["GET", "HEAD"])
@cache_public_page()
def subscribed(request):
    return render(request, "newsletter/subscribed.html")


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET shows a button (mail scanners follow links); the POST confirms."""
    try:
        subscriber_id, stamp = tokens.read_confirm_token(token)
    except tokens.ExpiredToken:
        return _link_problem(request, "expired", status=410)
    except tokens.InvalidToken:
        return _link_problem(request, "invalid", status=400)
    if request.method == "POST":
        result, subscriber = services.subscription_confirm(
            subscriber_id=subscriber_id, stamp=stamp, ip=client_ip(request)
        )
    else:
        subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
        if subscriber is None:
            result = ConfirmResult.MISSING
        elif subscriber.is_confirmed():
            result = ConfirmResult.ALREADY
        elif subscriber.status != Subscriber.Status.PENDING or stamp != tokens.request_stamp(
            subscriber
        ):
            result = ConfirmResult.STALE
        else:
            result = None
    if result == ConfirmResult.MISSING:
        return _link_problem(request, "missing", status=404)
    if result == ConfirmResult.STALE:
        return _link_problem(request, "replaced", status=410)
    context = {"subscriber": subscriber, "result": result and result.value}
    if result is not None:
        context["preferences_url"] = reverse(
            "newsletter:preferences", args=[tokens.preferences_token(subscriber.pk)]
        )
    return render(request, "newsletter/confirm.html", context)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request, token):
    """Categories and frequency, from the signed link in every email."""
    try:
        subscriber_id = tokens.read_preferences_token(token)
    except tokens.InvalidToken:
        return _link_problem(request, "invalid", status=400)
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return _link_problem(request, "missing", status=404)
    context = {"subscriber": subscriber, "saved": "saved" in request.GET}
    if not subscriber.is_confirmed():
        return render(request, "newsletter/preferences.html", context)
    if request.method == "POST":
        form = PreferencesForm.for_subscriber(subscriber, data=request.POST)
        if form.is_valid():
            services.subscription_update(subscriber=subscriber, **form.cleaned_data)
            return _see_other(f"{request.path}?saved=1")
        return render(request, "newsletter/preferences.html", {**context, "form": form}, status=400)
    context["form"] = PreferencesForm.for_subscriber(subscriber)
    return render(request, "newsletter/preferences.html", context)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET asks to confirm; a POST (RFC 8058 one-click included) unsubscribes and answers 200."""
    try:
        subscriber_id = tokens.read_unsubscribe_token(token)
    except tokens.InvalidToken:
        return _link_problem(request, "invalid", status=400)
    if request.method == "POST":
        subscriber = services.subscription_unsubscribe(subscriber_id=subscriber_id)
        return render(
            request, "newsletter/unsubscribe.html", {"done": True, "subscriber": subscriber}
        )
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    return render(request, "newsletter/unsubscribe.html", {"done": False, "subscriber": subscriber})


def _back(request):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("newsletter:account")


@login_required
@never_cache
def account(request):
    """The signed-in reader's newsletter settings on a page of their own."""
    return render(request, "newsletter/account.html")


@login_required
@require_POST
def account_subscribe(request):
    try:
        services.subscription_subscribe_user(user=request.user, ip=client_ip(request))
    except PermissionError:
        messages.error(request, "Verify your email address first, then subscribe.")
        return _back(request)
    messages.success(request, "You are subscribed. A welcome email is on its way.")
    return _back(request)


@login_required
@require_POST
def account_preferences(request):
    subscriber = services.subscription_for_user(request.user)
    if subscriber is None or not subscriber.is_confirmed():
        messages.error(request, "Subscribe first, then choose what you receive.")
        return _back(request)
    form = PreferencesForm.for_subscriber(subscriber, data=request.POST)
    if not form.is_valid():
        # Show the reader their choices again with the error, rather than dropping them.
        return render(request, "newsletter/account.html", {"preferences_form": form}, status=400)
    services.subscription_update(subscriber=subscriber, **form.cleaned_data)
    messages.success(request, "Newsletter preferences saved.")
    return _back(request)


@login_required
@require_POST
def account_unsubscribe(request):
    subscriber = services.subscription_for_user(request.user)
    if subscriber is not None:
        services.subscription_unsubscribe(subscriber_id=subscriber.pk)
    messages.success(request, "You are unsubscribed from the newsletter.")
    return _back(request)


ARCHIVE_PAGE_SIZE = 30


@require_http_methods(["GET", "HEAD"])
@cache_public_page(query={"frequency": choice(*Frequency.values), "page": page_number})
def archive(request):
    """Past digests, newest first; the same for every reader, so no personal link is in it."""
    frequency = request.GET.get("frequency")
    issues = DigestIssue.objects.archived().for_archive()
    if frequency:
        issues = issues.filter(frequency=frequency)
    page = existing_page(Paginator(issues, ARCHIVE_PAGE_SIZE), request.GET.get("page"))
    return render(
        request,
        "newsletter/archive.html",
        {"page": page, "frequency": frequency, "frequencies": Frequency.choices},
    )


@require_http_methods(["GET", "HEAD"])
@cache_public_page()
def issue(request, frequency, run_key):
    """One past digest as the web shows it: every category's stories, nobody's links."""
    issue = get_object_or_404(DigestIssue.objects.archived(), frequency=frequency, run_key=run_key)
    archived = DigestIssue.objects.archived().filter(frequency=frequency)
    return render(
        request,
        "newsletter/issue.html",
        {
            "issue": issue,
            "articles": issue.published_articles(),
            "newer": archived.filter(window_end__gt=issue.window_end).last(),
            "older": archived.filter(window_end__lt=issue.window_end).first(),
        },
    )
