import functools
import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from accounts import signals
from accounts.models import User
from limits import rates
from limits.client_ip import client_ip
from newsletter import services as newsletter_services

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    """Allauth, fitted to readers: the display name asked at sign-up is saved with the user,
    account emails go through the outbox instead of an SMTP connection in the request, and
    the apps above accounts hear when a reader becomes known and when they may act
    (`accounts.signals`): a comment written before signing in is posted then."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.display_name = form.cleaned_data.get("display_name", "")
        if commit:
            user.save()
            # Theirs from now on, wherever they open the confirmation link.
            signals.reader_identified.send(sender=User, request=request, user=user, verified=False)
        return user

    def pre_login(self, request, user, **kwargs):
        response = super().pre_login(request, user, **kwargs)
        # The right password, but no confirmed address: allauth stops here and sends a link.
        # Known now, what they wrote is theirs wherever they open it. (A second factor needs a
        # confirmed address, so nobody skips one this way.)
        if response is None and not EmailAddress.objects.filter(user=user, verified=True).exists():
            signals.reader_identified.send(sender=User, request=request, user=user, verified=False)
        return response

    def login(self, request, user):
        super().login(request, user)
        signals.reader_identified.send(sender=User, request=request, user=user, verified=True)
        signals.reader_admitted.send(sender=User, request=request, user=user)

    def confirm_email(self, request, email_address):
        confirmed = super().confirm_email(request, email_address)
        if confirmed:
            signals.reader_admitted.send(sender=User, request=request, user=email_address.user)
        return confirmed

    def send_mail(self, template_prefix, email, context):
        # As allauth's own send_mail, except the last step: with SMTP down, sign-up and
        # password reset still answer, and the email goes out once SMTP is back.
        request = allauth_context.request
        context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **context,
        }
        message = self.render_mail(template_prefix, email, context)
        user = context.get("user") or User.objects.filter(emailaddress__email__iexact=email).first()
        newsletter_services.account_email_queue(message=message, user=user)

    def get_client_ip(self, request):
        """The address allauth's limits count: the same as every other limit's."""
        ip = client_ip(request)
        if ip is None:
            raise PermissionDenied("Unable to determine the client's address.")
        return ip


class MFAAdapter(DefaultMFAAdapter):
    """Allauth's second factor, which staff may not switch off while it is required of them."""

    def can_delete_authenticator(self, authenticator):
        return not (settings.STAFF_MFA_REQUIRED and authenticator.user.is_staff)


def make_allauth_limits_fail_open():
    """Let allauth's limits (sign-in, sign-up…) allow, and log, when the cache is down.

    Allauth counts under a lock it takes with cache.add(). With Redis down the lock is never
    taken and allauth refuses the request, so an outage would stop everyone signing in; the
    site's own limits (limits.rates) let requests through instead. A refusal is checked
    against the cache only when it happens, so the usual path costs nothing more. While the
    cache's circuit breaker is open (Redis failed a moment ago) allauth is not asked at all:
    it would wait a second for its lock.
    """
    from allauth.core.internal import ratelimit

    consume = ratelimit.consume
    if getattr(consume, "fails_open", False):
        return

    @functools.wraps(consume)
    def consume_failing_open(request, **kwargs):
        breaker = getattr(cache, "breaker", None)  # the Redis cache's (veridact.circuit_breaker)
        if breaker is not None and breaker.is_open:
            logger.warning("Rate limit %s skipped: the cache is unavailable", kwargs.get("action"))
            return ratelimit.RateLimitUsage(usage=[])
        try:
            usage = consume(request, **kwargs)
        except Exception:  # RateLimited, or the cache's own error when it does not swallow it
            if rates.cache_available():
                raise
            usage = None
        if usage is None and not rates.cache_available():
            logger.warning("Rate limit %s skipped: the cache is unavailable", kwargs.get("action"))
            return ratelimit.RateLimitUsage(usage=[])
        return usage

    consume_failing_open.fails_open = True
    ratelimit.consume = consume_failing_open
