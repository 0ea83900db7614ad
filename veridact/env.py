"""The environment, read here and only here: every variable the site takes, with its default.

Every variable has an embedded default that needs no server (SQLite, local-memory cache,
eager Celery tasks, email written to files) except the production secrets. A malformed value
stops start-up with a one-line error naming the variable. The settings (veridact.settings and
the modules it gathers) are built from the values below, named as their variables are, and
read nothing else: `from veridact import env`, then `env.SITE_URL`.
"""

from email.utils import getaddresses
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
# Where the embedded defaults keep their files: the SQLite database, emails, media.
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ConfigurationError(SystemExit):
    """Stop start-up with one line on stderr instead of a traceback."""

    def __init__(self, name, problem):
        super().__init__(f"Configuration error: {name} {problem}")


def at_least(name, value, minimum, unit):
    """Return `value`, or stop start-up if it is below `minimum`."""
    if value < minimum:
        raise ConfigurationError(name, f"must be at least {minimum} ({unit})")
    return value


def _flag(name, default):
    raw = env.str(name, default=str(default)).strip().lower()
    if raw not in _TRUE | _FALSE:
        raise ConfigurationError(name, f"must be true or false, not {raw!r}")
    return raw in _TRUE


def _integer(name, default):
    try:
        return env.int(name, default=default)
    except ValueError:
        raise ConfigurationError(name, "must be a whole number") from None


def _url(name, default, schemes):
    value = env.str(name, default=default)
    if value and urlsplit(value).scheme not in schemes:
        expected = ", ".join(f"{scheme}://" for scheme in sorted(schemes))
        raise ConfigurationError(name, f"must be a URL starting with {expected}")
    return value


def _database(name, default):
    value = _url(name, default, {"sqlite", "postgres", "postgresql"})
    try:
        return env.db_url_config(value)
    except (ImproperlyConfigured, ValueError) as exc:
        raise ConfigurationError(name, f"is not a database URL ({exc})") from None


def _addresses(name):
    """A comma-separated list of `Name <address>` or bare addresses, as (name, address)."""
    pairs = getaddresses([env.str(name, default="")])
    if any("@" not in address for _, address in pairs):
        raise ConfigurationError(name, "must list email addresses, e.g. Ops <ops@example.com>")
    return [(display or address, address) for display, address in pairs]


def _contacts(name, default):
    """Comma-separated email addresses or https:// pages, as URIs (`mailto:` for addresses)."""
    contacts = []
    values = [value.strip() for value in env.list(name, default=[]) if value.strip()]
    for value in values or [default]:
        if value.startswith("https://"):
            contacts.append(value)
        elif "@" in value and ":" not in value and "/" not in value:
            contacts.append(f"mailto:{value}")
        else:
            raise ConfigurationError(name, "must list email addresses or https:// URLs")
    return contacts


def _email(name):
    if not env.str(name, default=""):
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(VAR_DIR / "mail"),
        }
    try:
        return env.email_url(name)
    except (ImproperlyConfigured, ValueError) as exc:
        raise ConfigurationError(name, f"is not an email URL ({exc})") from None


# A developer's own settings: `make run` writes `.env` (DEBUG on, a secret of this checkout's
# own), and manage.py and the Makefile name it here, so the README's commands need nothing
# exported. Nothing else reads a file: not the test suite, not gunicorn or Celery in
# production. Variables in the environment win over the file.
ENV_FILE = env.str("ENV_FILE", default="")
if ENV_FILE:
    if not Path(ENV_FILE).is_file():
        raise ConfigurationError("ENV_FILE", f"names no file: {ENV_FILE}")
    environ.Env.read_env(ENV_FILE)

# The site

DEBUG = _flag("DEBUG", default=False)
if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="insecure-development-key-not-for-production-use")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if not SECRET_KEY:
        raise ConfigurationError("SECRET_KEY", "is required when DEBUG is off")
# Keys SECRET_KEY replaced, comma-separated: what they signed (sessions, links in emails sent)
# still verifies, nothing new is signed with them. Drop them once those have aged out
# (docs/security.md: rotating secrets).
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
# Unset, SITE_URL follows the port `make run` serves on (PORT), so that links in emails, feeds
# and structured data reach the server that wrote them.
PORT = _integer("PORT", default=8000)
SITE_URL = _url("SITE_URL", f"http://127.0.0.1:{PORT}", {"http", "https"}).rstrip("/")
# A production site (DEBUG off) is served over TLS; plain HTTP only when asked for by name
# (the test suite, benchmarks and smoke runs on this machine).
if (
    not DEBUG
    and SITE_URL.startswith("http://")
    and not _flag("ALLOW_INSECURE_SITE_URL", default=False)
):
    raise ConfigurationError(
        "SITE_URL",
        "must start with https:// when DEBUG is off (ALLOW_INSECURE_SITE_URL=true allows http://)",
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

# Database: SQLite unless DATABASE_URL names PostgreSQL, whose connections are kept.

DATABASE = _database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'veridact.sqlite3'}")
ON_POSTGRES = DATABASE["ENGINE"] == "django.db.backends.postgresql"
CONN_MAX_AGE = _integer("CONN_MAX_AGE", default=60) if ON_POSTGRES else None
# Off behind a pooler in transaction mode that cannot keep prepared statements (PgBouncer
# before 1.21, or without max_prepared_statements).
PREPARED_STATEMENTS = _flag("PREPARED_STATEMENTS", default=True) if ON_POSTGRES else False

# Redis: the cache's and the Celery broker's (README, "Redis roles"); each defaults to REDIS_URL.

REDIS_URL = _url("REDIS_URL", "", {"redis", "rediss"})
CACHE_REDIS_URL = _url("CACHE_REDIS_URL", REDIS_URL, {"redis", "rediss"})
# Seconds browsers and shared caches keep an anonymous public page (veridact.settings).
PUBLIC_PAGE_MAX_AGE = at_least(
    "PUBLIC_PAGE_MAX_AGE", _integer("PUBLIC_PAGE_MAX_AGE", default=30), 1, "seconds"
)
CELERY_BROKER_URL = _url("CELERY_BROKER_URL", REDIS_URL, {"redis", "rediss"}) or "memory://"
# A task whose worker died is redelivered after this many seconds; countdowns
# and retry delays must stay below it or Redis would deliver them twice.
CELERY_VISIBILITY_TIMEOUT = _integer("CELERY_VISIBILITY_TIMEOUT", default=120)

# Email: EMAIL_BACKEND and, for SMTP, its host, port, user, password and TLS.

EMAIL = _email("EMAIL_URL")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Veridact <newsroom@veridact.example>")

# Staff must set up a second factor: by default in production, off for `make run`'s demo.
STAFF_MFA_REQUIRED = _flag("STAFF_MFA_REQUIRED", default=not DEBUG)

# Media: the local disk, or an S3-compatible bucket when AWS_STORAGE_BUCKET_NAME is set
# (veridact.storage); the bucket's variables are read only then.

MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = _url("AWS_S3_ENDPOINT_URL", "", {"http", "https"})
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default="")
    AWS_ACCESS_KEY_ID = env.str("AWS_ACCESS_KEY_ID", default="")
    AWS_SECRET_ACCESS_KEY = env.str("AWS_SECRET_ACCESS_KEY", default="")
    # Where browsers fetch the bucket's objects (a CDN); unset, from the bucket itself.
    MEDIA_URL = _url("MEDIA_URL", "", {"http", "https"})
else:
    AWS_S3_ENDPOINT_URL = AWS_S3_REGION_NAME = AWS_ACCESS_KEY_ID = AWS_SECRET_ACCESS_KEY = ""
    MEDIA_URL = env.str("MEDIA_URL", default="/media/")
    if not MEDIA_URL.endswith("/"):
        raise ConfigurationError("MEDIA_URL", "must end with a slash")

# Security (veridact.policies): HSTS is read only for an https:// SITE_URL.

SECURE_HSTS_SECONDS = (
    _integer("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    if SITE_URL.startswith("https://")
    else None
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = _flag("SECURE_HSTS_PRELOAD", default=False)
# Whom to tell about a vulnerability: by default the address the site's email comes from.
SECURITY_CONTACT = _contacts("SECURITY_CONTACT", default=getaddresses([DEFAULT_FROM_EMAIL])[0][1])
CSP_REPORT_URI = env.list("CSP_REPORT_URI", default=[])
CSP_REPORT_ONLY = _flag("CSP_REPORT_ONLY", default=False)

# Logs and error reports (veridact.logs)

LOG_FORMAT = env.str("LOG_FORMAT", default="plain")
if LOG_FORMAT not in {"plain", "json"}:
    raise ConfigurationError("LOG_FORMAT", f"must be plain or json, not {LOG_FORMAT!r}")
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
ADMINS = _addresses("ADMINS")
SENTRY_DSN = _url("SENTRY_DSN", "", {"http", "https"})

# Proxies in front of the site that each append to X-Forwarded-For (veridact.policies).
TRUSTED_PROXY_COUNT = _integer("TRUSTED_PROXY_COUNT", default=0)
if TRUSTED_PROXY_COUNT < 0:
    raise ConfigurationError("TRUSTED_PROXY_COUNT", "must be 0 or more")

# Newsletter, and the nightly purges

NEWSLETTER_SWEEP_SECONDS = _integer("NEWSLETTER_SWEEP_SECONDS", default=60)
# A chunk is one task: its claim, settling and task overhead are paid once per chunk, so
# 1000 costs a tenth less CPU per email than 500 (docs/benchmarks.md) and still splits a
# 10,000-subscriber issue ten ways.
NEWSLETTER_CHUNK_SIZE = _integer("NEWSLETTER_CHUNK_SIZE", default=1000)
NEWSLETTER_RETRY_BASE_SECONDS = _integer("NEWSLETTER_RETRY_BASE_SECONDS", default=20)
NEWSLETTER_SYNCHRONOUS_COMMIT = _flag("NEWSLETTER_SYNCHRONOUS_COMMIT", default=False)
# Checked against the confirmation link's life where that is set (veridact.settings).
PURGE_UNCONFIRMED_SUBSCRIBERS_DAYS = _integer("PURGE_UNCONFIRMED_SUBSCRIBERS_DAYS", default=30)
PURGE_SENT_EMAILS_DAYS = at_least(
    "PURGE_SENT_EMAILS_DAYS", _integer("PURGE_SENT_EMAILS_DAYS", default=30), 1, "days"
)
