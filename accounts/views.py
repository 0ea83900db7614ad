from allauth.account import views as allauth_views
from allauth.account.models import EmailAddress
from allauth.mfa.base import views as mfa_views
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from accounts import services
from accounts.forms import BIO_MAX_LENGTH, DISPLAY_NAME_MAX_LENGTH, DeleteAccountForm, ProfileForm
from accounts.models import User
from articles import parts
from pagecache.pages import cache_public_page
from pagecache.params import page_number


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request):
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.profile_update(
            user=request.user,
            display_name=form.cleaned_data["display_name"],
            bio=form.cleaned_data["bio"],
        )
        messages.success(request, "Your profile is saved.")
        return redirect("accounts:settings")
    addresses = EmailAddress.objects.filter(user=request.user).order_by("-primary", "email")
    return render(
        request,
        "accounts/settings.html",
        {
            "form": form,
            "addresses": addresses,
            "newsletter": parts.render("settings.newsletter", request),
            "display_name_max_length": DISPLAY_NAME_MAX_LENGTH,
            "bio_max_length": BIO_MAX_LENGTH,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    if request.user.is_staff:
        raise PermissionDenied(
            "Editors' accounts are closed by an administrator, so that nobody loses access "
            "to the newsroom by accident."
        )
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.account_delete(user=request.user)
        logout(request)
        messages.success(
            request, "Your account is deleted. Your comments remain, signed “[deleted user]”."
        )
        return redirect("articles:home")
    return render(request, "accounts/delete_account.html", {"form": form})


@cache_public_page(query={"page": page_number})
def profile(request, pk):
    reader = get_object_or_404(User, pk=pk, is_active=True, deleted_at__isnull=True)
    return render(
        request,
        "accounts/profile.html",
        {
            "profile_user": reader,
            # The comments first: a page past their last redirects before anything renders.
            "comments": parts.render("profile.comments", request, reader=reader),
            "forecasts": parts.render("profile.forecasts", request, reader=reader),
        },
    )


class TooManyAttemptsMixin:
    """Answer 429 when allauth's failed sign-in limit refused the attempt, not 200."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        errors = [error for field in form.errors.as_data().values() for error in field]
        if any(error.code == "too_many_login_attempts" for error in errors):
            response.status_code = 429
        return response


class LoginView(TooManyAttemptsMixin, allauth_views.LoginView):
    """Allauth's sign-in: a password."""


class SecondStepView(TooManyAttemptsMixin, mfa_views.AuthenticateView):
    """Allauth's second step of sign-in: a code from the authenticator app, or a recovery code."""


login = LoginView.as_view()
second_step = SecondStepView.as_view()
