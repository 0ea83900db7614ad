from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site

from accounts.models import User
from newsletter import services as newsletter_services


class AccountAdapter(DefaultAccountAdapter):
    """Allauth, fitted to readers: the display name asked at sign-up is saved with the user,
    and account emails go through the outbox instead of an SMTP connection in the request."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.display_name = form.cleaned_data.get("display_name", "")
        if commit:
            user.save()
        return user

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
