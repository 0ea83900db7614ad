"""Veridact settings: what DJANGO_SETTINGS_MODULE names, gathered from a few modules.

The environment is read in one place, veridact/env.py, through one `env` object; the settings
are built from what it read, here and in the modules imported below, which read no variable
themselves. Each module holds one concern:

- veridact.env: every variable, its default and its checks;
- veridact.storage: static files, and media on disk or in an S3-compatible bucket;
- veridact.policies: security headers, the Content-Security-Policy, request and upload
  sizes, the abuse limits and the client's address;
- veridact.logs: logging, and error reports (Sentry, ADMINS);
- veridact.beat: every periodic task Celery beat starts;
- this module: the apps and middleware, database, cache, Celery, email, sign-in, and the
  numbers the apps read.
"""

from veridact import env
from veridact.beat import *  # noqa: F403
from veridact.env import BASE_DIR, ENV_FILE, VAR_DIR, at_least  # noqa: F401 (settings too)
from veridact.logs import *  # noqa: F403
from veridact.policies import *  # noqa: F403
from veridact.storage import *  # noqa: F403

# Core

DEBUG = env.DEBUG
SECRET_KEY = env.SECRET_KEY
SECRET_KEY_FALLBACKS = env.SECRET_KEY_FALLBACKS
SITE_URL = env.SITE_URL
SITE_NAME = "Veridact"
ALLOWED_HOSTS = env.ALLOWED_HOSTS
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
    # Above the page cache: every response, cached or not, gets their headers.
    "veridact.middleware.CSPMiddleware",  # django-csp's, building the policy once
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Serves anonymous readers' cached pages; its hits skip every middleware below it (a
    # request with no session cookie has no user and no flash message to look up).
    "pagecache.pages.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "limits.request_size.RequestSizeLimitMiddleware",
    "accounts.middleware.StaffSecondFactorMiddleware",
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

DATABASES = {"default": dict(env.DATABASE)}
if env.ON_POSTGRES:
    DATABASES["default"]["CONN_MAX_AGE"] = env.CONN_MAX_AGE
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if env.PREPARED_STATEMENTS:
        # Parameters are bound on the server, and a statement a connection has run twice is
        # prepared there: PostgreSQL plans a page's queries once per connection, not for
        # every request (planning the home page's articles took longer than running them).
        DATABASES["default"]["OPTIONS"] = {
            **DATABASES["default"].get("OPTIONS", {}),
            "server_side_binding": True,
            "prepare_threshold": 2,
        }
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
REDIS_URL = env.REDIS_URL
CACHE_REDIS_URL = env.CACHE_REDIS_URL
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
                "CLIENT_CLASS": "veridact.cache_client.CacheClient",
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
PUBLIC_PAGE_MAX_AGE = env.PUBLIC_PAGE_MAX_AGE
PUBLIC_PAGE_CACHE_CONTROL = {
    "max_age": PUBLIC_PAGE_MAX_AGE,
    "s_maxage": PUBLIC_PAGE_MAX_AGE,
    "stale_while_revalidate": PUBLIC_PAGE_MAX_AGE,
    "stale_if_error": 24 * 60 * 60,
}

CELERY_BROKER_URL = env.CELERY_BROKER_URL
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
CELERY_VISIBILITY_TIMEOUT = env.CELERY_VISIBILITY_TIMEOUT
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    # Workers wait for tasks by polling the socket, not on these timeouts.
    "socket_timeout": REDIS_TIMEOUT,
    "socket_connect_timeout": REDIS_TIMEOUT,
    # Redis redelivers an unacknowledged task (its worker died) once it is older than the
    # visibility timeout, but only when a worker sweeps for such tasks: kombu's default
    # sweep runs every 100 s. Sweeping every few seconds bounds recovery to about the timeout.
    "unacked_restore_interval": max(1, min(10, CELERY_VISIBILITY_TIMEOUT // 5)),
    "unacked_restore_throttle": 1,
    "unacked_mutex_expire": max(5, min(300, CELERY_VISIBILITY_TIMEOUT // 2)),
}
# CELERY_BEAT_SCHEDULE: veridact.beat.

# Email

vars().update(env.EMAIL)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env.DEFAULT_FROM_EMAIL
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Authentication (django-allauth); its limits are ACCOUNT_RATE_LIMITS (veridact.policies).

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

# Second factor (allauth.mfa): an authenticator app (TOTP) plus recovery codes, open to every
# reader. Staff (whoever can open the admin) must set one up before reaching any other page
# while STAFF_MFA_REQUIRED is on: by default in production, off for `make run`'s demo.
STAFF_MFA_REQUIRED = env.STAFF_MFA_REQUIRED
MFA_ADAPTER = "accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME

# Internationalisation

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

# Newsletter: double opt-in subscriptions and Celery email digests (newsletter app)

NEWSLETTER_CHUNK_SIZE = env.NEWSLETTER_CHUNK_SIZE
NEWSLETTER_MAX_ATTEMPTS = 5
NEWSLETTER_HARD_BOUNCE_LIMIT = 3
# Retry delays double from the base, with jitter, and never exceed half the visibility
# timeout: a countdown longer than the timeout would make Redis deliver the task twice.
NEWSLETTER_RETRY_BASE_SECONDS = env.NEWSLETTER_RETRY_BASE_SECONDS
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
NEWSLETTER_SYNCHRONOUS_COMMIT = env.NEWSLETTER_SYNCHRONOUS_COMMIT

# Purges, run by beat every night: expired sessions, and after these many days subscribe
# requests never confirmed (kept at least as long as their confirmation link works) and
# outbox emails sent or given up on (they name their recipient).
PURGE_UNCONFIRMED_SUBSCRIBERS_DAYS = at_least(
    "PURGE_UNCONFIRMED_SUBSCRIBERS_DAYS",
    env.PURGE_UNCONFIRMED_SUBSCRIBERS_DAYS,
    NEWSLETTER_CONFIRM_MAX_AGE // 86400,
    "days",
)
PURGE_SENT_EMAILS_DAYS = env.PURGE_SENT_EMAILS_DAYS
