"""Signed, unguessable tokens for links in newsletter emails (django.core.signing).

Each purpose has its own salt, so an unsubscribe token cannot confirm an address or open
preferences. A confirmation token expires and carries the time of the request it answers:
a newer request, or a later unsubscribe, makes older confirmation links stop working.
The preferences and unsubscribe links in emails do not expire (an unsubscribe link in an
old email must keep working), so they carry no timestamp, which also keeps them cheap to
make a hundred thousand times per digest.
"""

import base64
import datetime
import functools
import hashlib
import hmac

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "newsletter.confirm"
PREFERENCES_SALT = "newsletter.preferences"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"


class InvalidToken(Exception):
    """The token was tampered with, truncated, or made for another purpose."""


class ExpiredToken(Exception):
    """The token is genuine but older than its purpose allows."""


def _stamp(moment: datetime.datetime | None) -> int:
    return int(moment.timestamp()) if moment else 0


def _dumps(value, salt):
    return signing.dumps(value, salt=salt, compress=False)


def _loads(token, salt, max_age):
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise ExpiredToken from None
    except signing.BadSignature:
        raise InvalidToken from None


def confirm_token(subscriber) -> str:
    """Make the confirmation token for the subscriber's latest request."""
    return _dumps([subscriber.pk, _stamp(subscriber.requested_at)], CONFIRM_SALT)


def read_confirm_token(token: str) -> tuple[int, int]:
    """Return (subscriber id, request stamp) from a confirmation token."""
    value = _loads(token, CONFIRM_SALT, settings.NEWSLETTER_CONFIRM_MAX_AGE)
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)):
        raise InvalidToken
    return value[0], value[1]


def request_stamp(subscriber) -> int:
    """The stamp a confirmation token must carry to confirm this subscriber now."""
    return _stamp(subscriber.requested_at)


@functools.cache
def _signer(salt):
    return signing.Signer(salt=salt)


@functools.lru_cache(maxsize=8)
def _keyed_hmac(salt: str, secret: str):
    # What signing.Signer(salt=salt).sign() computes, HMAC-SHA256 keyed with
    # SHA-256(salt + "signer" + secret), with the key derived once instead of per token:
    # a digest makes two tokens per subscriber.
    key = hashlib.sha256(f"{salt}signer{secret}".encode()).digest()
    return hmac.new(key, digestmod=hashlib.sha256)


def _sign(value: int, salt: str) -> str:
    text = str(value)
    mac = _keyed_hmac(salt, settings.SECRET_KEY).copy()
    mac.update(text.encode())
    return f"{text}:{base64.urlsafe_b64encode(mac.digest()).rstrip(b'=').decode()}"


def _unsign(token: str, salt: str) -> int:
    try:
        value = _signer(salt).unsign(token)
    except signing.BadSignature:
        raise InvalidToken from None
    if not value.isdigit():
        raise InvalidToken
    return int(value)


def preferences_token(subscriber_id: int) -> str:
    return _sign(subscriber_id, PREFERENCES_SALT)


def read_preferences_token(token: str) -> int:
    return _unsign(token, PREFERENCES_SALT)


def unsubscribe_token(subscriber_id: int) -> str:
    return _sign(subscriber_id, UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> int:
    return _unsign(token, UNSUBSCRIBE_SALT)
