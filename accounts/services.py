"""Writes to readers' accounts, called alike by views, the admin and the demo.

Apps above accounts that show readers' names or hold their data (the discussion) hear of a
rename or a deletion through `accounts.signals`, in the same transaction.
"""

from importlib import import_module

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts import signals
from accounts.models import User
from newsletter import services as newsletter_services
from pagecache import dependencies
from pagecache.versions import invalidate


def _refresh_profile_on_commit(user: User, *, renamed: bool) -> None:
    """After commit, make stale the reader's profile and, when their name changed, records."""
    scopes = [dependencies.reader(user.pk), *([dependencies.RECORDS] if renamed else [])]
    transaction.on_commit(lambda: invalidate(*scopes))


@transaction.atomic
def profile_update(*, user: User, display_name: str, bio: str) -> User:
    """Change a reader's display name and bio, refreshing the pages that show their name."""
    name_changed = display_name != user.display_name
    user.display_name, user.bio = display_name, bio
    user.save(update_fields=["display_name", "bio"])
    # A new name shows on every discussion they took part in; a bio only on their profile.
    if name_changed:
        signals.reader_renamed.send(sender=User, user=user)
    _refresh_profile_on_commit(user, renamed=name_changed)
    return user


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete a reader's personal data and subscriptions; comments stay, signed “[deleted user]”."""
    verified = list(
        EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    )
    newsletter_services.reader_data_delete(user=user, emails=verified)
    signals.reader_deleting.send(sender=User, user=user)
    EmailAddress.objects.filter(user=user).delete()
    user.groups.clear()
    user.user_permissions.clear()
    user.email = f"deleted-{user.pk}@deleted.invalid"
    user.display_name = ""
    user.bio = ""
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.deleted_at = timezone.now()
    user.save()
    _refresh_profile_on_commit(user, renamed=True)


def sessions_purge_expired() -> None:
    """Delete expired sessions from the session store, as `clearsessions` does."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
