"""Veridact settings: the environment is read here, and only here.

Every variable has an embedded default that needs no server (SQLite, local-memory
cache, eager Celery tasks, email written to files) except the production secrets.
A malformed value stops start-up with a one-line error naming the variable.
"""

from email.utils import getaddresses
from pathlib import Path
from urllib.parse import urlsplit

import environ
from botocore.config import Config
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ConfigurationError(SystemExit):
    """Stop start-up with one line on stderr instead of a traceback."""

    def __init__(self, name, problem):
        super().__init__(f"Configuration error: {name} {problem}")


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


def _days(name, default, minimum):
    value = _integer(name, default)
    if value < minimum:
        raise ConfigurationError(name, f"must be at least {minimum} (days)")
    return value


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


def s3_media_storage(
    *, bucket, endpoint_url="", region="", access_key="", secret_key="", public_url=""
):
    """Return MEDIA_URL and the storage for media in an S3-compatible bucket.

    `public_url` is where browsers fetch objects: a CDN in front of the bucket, or by
    default the bucket itself (path-style on a custom endpoint such as MinIO).
    """
    if not public_url:
        if endpoint_url:
            public_url = f"{endpoint_url.rstrip('/')}/{bucket}/"
        elif region:
            public_url = f"https://{bucket}.s3.{region}.amazonaws.com/"
        else:
            public_url = f"https://{bucket}.s3.amazonaws.com/"
    public_url = public_url.rstrip("/") + "/"
    public = urlsplit(public_url)
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint_url or None,
        "region_name": region or None,
        # Unset keys leave boto3 to its own chain (instance role, ~/.aws).
        "access_key": access_key or None,
        "secret_key": secret_key or None,
        # URLs are built from the public address alone: no signing, no request, and the
        # same URL every time, so pages and CDNs can cache them.
        "custom_domain": f"{public.netloc}{public.path}".rstrip("/"),
        "url_protocol": f"{public.scheme}:",
        "querystring_auth": False,
        "file_overwrite": False,
        "object_parameters": {"CacheControl": MEDIA_CACHE_CONTROL},
        # A bucket that stops answering fails an upload within seconds (two tries of 5 s),
        # well before gunicorn's 30 s timeout kills the worker; boto3 waits 60 s a try.
        "client_config": Config(
            s3={"addressing_style": "path" if endpoint_url else None},
            connect_timeout=5,
            read_timeout=5,
            retries={"mode": "standard", "max_attempts": 2},
        ),
    }
    return public_url, {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


# A developer's own settings: `make run` writes `.env` (DEBUG on, a secret of this checkout's
# own), and manage.py and the Makefile name it here, so the README's commands need nothing
# exported. Nothing else reads a file: not the test suite, not gunicorn or Celery in
# production. Variables in the environment win over the file.
ENV_FILE = env.str("ENV_FILE", default="")
if ENV_FILE:
    if not Path(ENV_FILE).is_file():
        raise ConfigurationError("ENV_FILE", f"names no file: {ENV_FILE}")
    environ.Env.read_env(ENV_FILE)

# Core

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
_port = _integer("PORT", default=8000)
SITE_URL = _url("SITE_URL", f"http://127.0.0.1:{_port}", {"http", "https"}).rstrip("/")
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
SITE_NAME = "Veridact"
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = [SITE_URL]

INSTALLED_APPS = [
    # Django's admin with the site's own admin site (veridact.admin_site).
    "veridact.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "csp",
    # Every save of an article in the admin keeps a revision (articles.admin).
    "reversion",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # What every domain app may use: abuse limits, and the page cache.
    "limits",
    "pagecache",
    "accounts",
    "articles",
    # After accounts, whose admin of readers it extends with bans.
    "discussion",
    "predictions",
    "newsletter",
    # Wires the apps together; an app only for its management commands (backup, restore).
    "veridact",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Above the page cache, whose hits skip every middleware below it.
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "limits.request_size.RequestSizeLimitMiddleware",
    "accounts.middleware.StaffSecondFactorMiddleware",
    "pagecache.pages.PublicPageCacheMiddleware",
]

ROOT_URLCONF = "veridact.urls"
WSGI_APPLICATION = "veridact.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "veridact.context_processors.site",
            ],
        },
    },
]

# Database

DATABASES = {
    "default": _database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'veridact.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = _integer("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    # WAL and IMMEDIATE transactions let the development server and in-process
    # tasks write at the same time without "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and Celery: Redis when REDIS_URL is set, in-process otherwise

# One Redis is enough for a small site. A larger one gives the cache a Redis of its own that
# evicts at a memory limit (allkeys-lru) and the broker one that never evicts and keeps its
# queue on disk (README, "Redis roles"); each URL defaults to REDIS_URL.
REDIS_URL = _url("REDIS_URL", "", {"redis", "rediss"})
CACHE_REDIS_URL = _url("CACHE_REDIS_URL", REDIS_URL, {"redis", "rediss"})
# A healthy Redis answers within a millisecond; one silent for this long counts as down. After
# that, a process stops asking it for CIRCUIT_BREAKER_SECONDS (veridact.circuit_breaker), so a
# hung Redis costs one timeout, not one per cache call or per published task.
REDIS_TIMEOUT = 0.5
CIRCUIT_BREAKER_SECONDS = 5

if CACHE_REDIS_URL:
    CACHES = {
        "default": {
            # Misses, not errors or waits, while Redis is down.
            "BACKEND": "veridact.circuit_breaker.CircuitBreakerRedisCache",
            "LOCATION": CACHE_REDIS_URL,
            "KEY_PREFIX": "veridact",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT,
                "SOCKET_TIMEOUT": REDIS_TIMEOUT,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Markup that only the code decides (the site's header and footer), kept by each process.
CACHES["local"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "veridact-local",
}
# Whole pages for anonymous readers (pagecache); the benchmarks turn it off to
# measure what a page-cache miss costs.
CACHE_PUBLIC_PAGES = True
# Seconds a worker serves a cached page from its own memory before asking Redis again: an
# invalidation reaches the other workers within this delay.
CACHE_PUBLIC_PAGES_LOCALLY = 2
# What browsers and shared caches in front of the site (a CDN; Varnish with deploy/varnish/)
# may do with an anonymous public page. Nothing purges them: a correction reaches readers once
# the copy they are served is PUBLIC_PAGE_MAX_AGE seconds old (docs/operations.md, "A CDN in
# front"). A shared cache may then serve its copy once more while it fetches the new page
# (stale-while-revalidate), and for a day while the site is down (stale-if-error).
PUBLIC_PAGE_MAX_AGE = _integer("PUBLIC_PAGE_MAX_AGE", default=30)
if PUBLIC_PAGE_MAX_AGE < 1:
    raise ConfigurationError("PUBLIC_PAGE_MAX_AGE", "must be at least 1 (seconds)")
PUBLIC_PAGE_CACHE_CONTROL = {
    "max_age": PUBLIC_PAGE_MAX_AGE,
    "s_maxage": PUBLIC_PAGE_MAX_AGE,
    "stale_while_revalidate": PUBLIC_PAGE_MAX_AGE,
    "stale_if_error": 24 * 60 * 60,
}

CELERY_BROKER_URL = _url("CELERY_BROKER_URL", REDIS_URL, {"redis", "rediss"}) or "memory://"
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL == "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
# No result backend: nothing reads what a task returns (a Redis one would also subscribe to
# a reply channel on every publish).
CELERY_TASK_IGNORE_RESULT = True
# A publish waits REDIS_TIMEOUT for the broker and tries once more on a fresh connection (the
# pooled one may have died with a restarted Redis): a second at most while the broker hangs.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0,
    "interval_max": 0,
}
CELERY_TIMEZONE = "UTC"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task whose worker died is redelivered after this many seconds; countdowns
# and retry delays must stay below it or Redis would deliver them twice.
CELERY_VISIBILITY_TIMEOUT = _integer("CELERY_VISIBILITY_TIMEOUT", default=120)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    # Workers wait for tasks by polling the socket, not on these timeouts.
    "socket_timeout": REDIS_TIMEOUT,
    "socket_connect_timeout": REDIS_TIMEOUT,
}
CELERY_BEAT_SCHEDULE = {
    "refresh-pages-for-scheduled-articles": {
        "task": "articles.tasks.refresh_pages_for_scheduled_articles",
        "schedule": 60.0,
    },
}

# Email

vars().update(_email("EMAIL_URL"))
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Veridact <newsroom@veridact.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Authentication (django-allauth)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "articles:home"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.ReaderSignupForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
# Mandatory verification is what lets allauth hide whether an address already has an
# account: a sign-up with a taken address gets the same "check your email" answer.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Veridact: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https://") else "http"
# Bots fill in every field; people never see this one.
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "website"
# Failed sign-ins count per client address (TRUSTED_PROXY_COUNT says which), and only far more
# generously per account: a tight per-account limit would let anyone lock an editor out with a
# few wrong passwords. Staff have a second factor besides (STAFF_MFA_REQUIRED).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,30/h/ip,100/h/key",
    "signup": "10/h/ip,30/d/ip",
    "reset_password": "20/h/ip,3/h/key",
    "reset_password_from_key": "20/h/ip",
    "change_password": "5/m/user",
    "manage_email": "10/h/user",
    "confirm_email": "1/3m/key",
    "reauthenticate": "10/m/user",
}

# Second factor (allauth.mfa): an authenticator app (TOTP) plus recovery codes, open to every
# reader. Staff (whoever can open the admin) must set one up before reaching any other page
# while STAFF_MFA_REQUIRED is on: by default in production, off for `make run`'s demo.
STAFF_MFA_REQUIRED = _flag("STAFF_MFA_REQUIRED", default=not DEBUG)
MFA_ADAPTER = "accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME

# Internationalisation

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

# Static and media files

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# The icons and web manifest are also served at the site's root, where browsers and home
# screens ask for /favicon.ico and /apple-touch-icon.png; pages link their static copies.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
WHITENOISE_MIMETYPES = {".webmanifest": "application/manifest+json"}
# Uploaded images and their renditions go to the local disk, or to an S3-compatible bucket
# when AWS_STORAGE_BUCKET_NAME is set, so that every web host sees every image. Names are
# unique per content (renditions carry a digest of the upload; a name already taken gets a
# suffix), so an object never changes once written and may be cached for good.
MEDIA_CACHE_CONTROL = "public, max-age=31536000, immutable"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    MEDIA_URL, _media_storage = s3_media_storage(
        bucket=AWS_STORAGE_BUCKET_NAME,
        endpoint_url=_url("AWS_S3_ENDPOINT_URL", "", {"http", "https"}),
        region=env.str("AWS_S3_REGION_NAME", default=""),
        access_key=env.str("AWS_ACCESS_KEY_ID", default=""),
        secret_key=env.str("AWS_SECRET_ACCESS_KEY", default=""),
        public_url=_url("MEDIA_URL", "", {"http", "https"}),
    )
else:
    MEDIA_URL = env.str("MEDIA_URL", default="/media/")
    if not MEDIA_URL.endswith("/"):
        raise ConfigurationError("MEDIA_URL", "must end with a slash")
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Request and upload sizes (README: the proxy's limit must be REQUEST_MAX_SIZE too).

# A hero image or an author's portrait; the only files the site takes, one per form.
IMAGE_UPLOAD_MAX_SIZE = 15 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 5
# A form's fields, files aside: the largest is an article's change form in the admin, a few
# hundred KB with every section and inline; a reader's comment is 1,000 characters.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# That change form has some 500 fields with fifty timeline events and thirty FAQ items.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
# Uploads larger than this are spooled to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# One image, the form's fields and the multipart framing; a larger body answers 413
# before anything reads it (limits.request_size).
REQUEST_MAX_SIZE = 20 * 1024 * 1024

# Security: an https SITE_URL means the site is served over TLS (behind a proxy).

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if SITE_URL.startswith("https://"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^(healthz|readyz)$"]
    SECURE_HSTS_SECONDS = _integer("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
# Both reach beyond this site and are slow to undo, so they are the operator's choice:
# includeSubDomains forces TLS on every subdomain of the domain (an http-only one breaks),
# and a preloaded domain stays in browsers' lists for months after it is withdrawn.
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = _flag("SECURE_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [
    check
    for check, chosen in [
        ("security.W005", SECURE_HSTS_INCLUDE_SUBDOMAINS),
        ("security.W021", SECURE_HSTS_PRELOAD),
    ]
    if not chosen
]

# Whom to tell about a vulnerability, named by /.well-known/security.txt (RFC 9116) and the
# /security/ page: a mailbox someone reads, such as security@ the site's domain.
SECURITY_CONTACTS = _contacts("SECURITY_CONTACT", default=getaddresses([DEFAULT_FROM_EMAIL])[0][1])

# Content-Security-Policy (django-csp): every script and stylesheet is a file of this site,
# so no inline script, style or event handler runs, and no other site may frame a page.
# Images may be data: URIs (allauth's MFA set-up shows its QR code as one), and come from the
# media bucket or its CDN when MEDIA_URL is on another origin.
_media_origin = "{0.scheme}://{0.netloc}".format(urlsplit(MEDIA_URL)) if "//" in MEDIA_URL else None
_CSP = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *filter(None, [_media_origin])],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "report-uri": env.list("CSP_REPORT_URI", default=[]) or None,
    }
}
# CSP_REPORT_ONLY=true reports violations (to the browser's console, and to CSP_REPORT_URI
# when set) instead of blocking them: for trying a change to the policy on the live site.
# (Not a setting of that name: django-csp takes CSP_* settings for its old format.)
_csp_report_only = _flag("CSP_REPORT_ONLY", default=False)
CONTENT_SECURITY_POLICY = None if _csp_report_only else _CSP
CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP if _csp_report_only else None
# Powerful browser features no page of this site uses, off for the site and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
}

# Logging: everything to stderr, where gunicorn, Celery and compose collect it.

# LOG_FORMAT=json writes one JSON object a line, for a log collector to index.

LOG_FORMAT = env.str("LOG_FORMAT", default="plain")
if LOG_FORMAT not in {"plain", "json"}:
    raise ConfigurationError("LOG_FORMAT", f"must be plain or json, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Error reports: to a Sentry-compatible service when SENTRY_DSN is set (sentry-sdk also
# reads SENTRY_ENVIRONMENT and SENTRY_RELEASE), and by email to ADMINS (Django's
# mail_admins). The 500 page says someone was told only when one of them is set up.

ADMINS = _addresses("ADMINS")
SENTRY_DSN = _url("SENTRY_DSN", "", {"http", "https"})
if SENTRY_DSN:
    import sentry_sdk

    # The Django, Celery, Redis and logging integrations turn themselves on; no request
    # bodies, cookies or user details are sent.
    sentry_sdk.init(dsn=SENTRY_DSN, send_default_pii=False)


# Abuse limits and the client's address (the limits app)

# Proxies in front of the site that each append the address they were reached from to
# X-Forwarded-For: 1 behind the TLS proxy the README describes. At 0 the header is ignored,
# so a client cannot choose the address its limits are counted under. Allauth reads it too.
TRUSTED_PROXY_COUNT = _integer("TRUSTED_PROXY_COUNT", default=0)
if TRUSTED_PROXY_COUNT < 0:
    raise ConfigurationError("TRUSTED_PROXY_COUNT", "must be 0 or more")
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# What readers may do, per window, counted in the shared cache; allauth's own limits
# (sign-in, sign-up, password reset) are ACCOUNT_RATE_LIMITS above, in the same notation:
# "count/period/subject", periods in s, m, h or d (with an optional number: "10m"), several
# separated by commas. README lists each limit; keep the two in step.
RATE_LIMITS = {
    "comment": "5/10m/user,50/d/user",
    # Comments kept for readers who have yet to sign in, per client address.
    "comment_draft": "10/10m/ip,50/d/ip",
    "report": "5/10m/user,20/d/user",
    "forecast": "10/m/user,100/d/user",
    "subscribe": "10/h/ip,30/d/ip,3/h/mailbox,5/d/mailbox",
}
# Reports hide a comment before an editor looks only when they come from established readers:
# a verified address, an account this many days old, this many comments still shown, no ban.
# Reports from anyone else put the comment in the moderation queue and nothing more.
TRUSTED_REPORTER_DAYS = 7
TRUSTED_REPORTER_COMMENTS = 3
# Reader forecasts closer together than this merge: a reader's second thoughts replace their
# forecast instead of adding to its history, a prediction's chart gains one community point,
# and its cached pages are refreshed at the start and at the end of the burst only. The end is a
# countdown task, so this stays below CELERY_VISIBILITY_TIMEOUT.
FORECAST_BURST_SECONDS = min(60, CELERY_VISIBILITY_TIMEOUT // 2)

# Newsletter: double opt-in subscriptions and Celery email digests (newsletter app)

# Redis redelivers an unacknowledged task (its worker died) once it is older than the
# visibility timeout, but only when a worker sweeps for such tasks: kombu's default sweep
# runs every 100 s. Sweeping every few seconds bounds recovery to about the timeout.
CELERY_BROKER_TRANSPORT_OPTIONS.update(
    {
        "unacked_restore_interval": max(1, min(10, CELERY_VISIBILITY_TIMEOUT // 5)),
        "unacked_restore_throttle": 1,
        "unacked_mutex_expire": max(5, min(300, CELERY_VISIBILITY_TIMEOUT // 2)),
    }
)
CELERY_BEAT_SCHEDULE.update(
    {
        "newsletter-daily-digest": {
            "task": "newsletter.create_digest",
            "schedule": crontab(minute=0, hour=7),
            "kwargs": {"frequency": "daily"},
        },
        "newsletter-weekly-digest": {
            "task": "newsletter.create_digest",
            "schedule": crontab(minute=0, hour=7, day_of_week="mon"),
            "kwargs": {"frequency": "weekly"},
        },
        # Sends confirmations that could not be enqueued (broker down) and resumes
        # digest chunks whose tasks were lost.
        "newsletter-sweep": {
            "task": "newsletter.sweep",
            "schedule": _integer("NEWSLETTER_SWEEP_SECONDS", default=60),
        },
    }
)

# A chunk is one task: its claim, settling and task overhead are paid once per chunk, so
# 1000 costs a tenth less CPU per email than 500 (docs/benchmarks.md) and still splits a
# 10,000-subscriber issue ten ways.
NEWSLETTER_CHUNK_SIZE = _integer("NEWSLETTER_CHUNK_SIZE", default=1000)
NEWSLETTER_MAX_ATTEMPTS = 5
NEWSLETTER_HARD_BOUNCE_LIMIT = 3
# Retry delays double from the base, with jitter, and never exceed half the visibility
# timeout: a countdown longer than the timeout would make Redis deliver the task twice.
NEWSLETTER_RETRY_BASE_SECONDS = _integer("NEWSLETTER_RETRY_BASE_SECONDS", default=20)
NEWSLETTER_RETRY_MAX_SECONDS = max(1, min(1800, CELERY_VISIBILITY_TIMEOUT // 2))
# A chunk run holds its rows this long (renewed while it works); a dead run's rows
# become claimable about when Redis hands its task to another worker.
NEWSLETTER_LEASE_SECONDS = CELERY_VISIBILITY_TIMEOUT
# Outbox emails (confirmations, welcome notes, account emails) that fail are tried again by
# the sweep, the delay doubling from the base up to an hour: ten tries over 2½ hours.
NEWSLETTER_OUTBOX_MAX_ATTEMPTS = 10
NEWSLETTER_OUTBOX_RETRY_MAX_SECONDS = 60 * 60
NEWSLETTER_CONFIRM_MAX_AGE = 60 * 60 * 24 * 7
# At most one confirmation (or "already subscribed") email per address in this window,
# so the public form cannot be used to flood a mailbox.
NEWSLETTER_NOTICE_THROTTLE_SECONDS = 300
# Sent-marks are committed without waiting for the WAL flush: a worker crash loses
# nothing (PostgreSQL has the commit), only a crash of PostgreSQL itself could forget the
# last fraction of a second of marks. True waits for the flush: one disk flush per email.
NEWSLETTER_SYNCHRONOUS_COMMIT = _flag("NEWSLETTER_SYNCHRONOUS_COMMIT", default=False)

# Purges, run by beat every night: expired sessions, and after these many days subscribe
# requests never confirmed (kept at least as long as their confirmation link works) and
# outbox emails sent or given up on (they name their recipient).
PURGE_UNCONFIRMED_SUBSCRIBERS_DAYS = _days(
    "PURGE_UNCONFIRMED_SUBSCRIBERS_DAYS", default=30, minimum=NEWSLETTER_CONFIRM_MAX_AGE // 86400
)
PURGE_SENT_EMAILS_DAYS = _days("PURGE_SENT_EMAILS_DAYS", default=30, minimum=1)
CELERY_BEAT_SCHEDULE.update(
    {
        "accounts-purge-expired-sessions": {
            "task": "accounts.purge_expired_sessions",
            "schedule": crontab(minute=10, hour=3),
        },
        # Drafts in sessions go with their session; kept ones after PENDING_COMMENT_LIFETIME.
        "discussion-purge-pending-comments": {
            "task": "discussion.purge_pending_comments",
            "schedule": crontab(minute=15, hour=3),
        },
        "newsletter-purge-unconfirmed-subscribers": {
            "task": "newsletter.purge_unconfirmed_subscribers",
            "schedule": crontab(minute=20, hour=3),
        },
        "newsletter-purge-sent-emails": {
            "task": "newsletter.purge_sent_emails",
            "schedule": crontab(minute=30, hour=3),
        },
        "articles-purge-pending-uploads": {
            "task": "articles.tasks.purge_pending_uploads",
            "schedule": crontab(minute=40, hour=3),
        },
    }
)
