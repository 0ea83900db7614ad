"""Settings that guard the site: security headers, the Content-Security-Policy, the sizes of
requests and uploads, and the limits on what readers may do."""

from urllib.parse import urlsplit

from csp import constants as csp

from veridact import env
from veridact.storage import MEDIA_URL

# Security: an https SITE_URL means the site is served over TLS (behind a proxy).

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env.SITE_URL.startswith("https://"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^(healthz|readyz)$"]
    SECURE_HSTS_SECONDS = env.SECURE_HSTS_SECONDS
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
# Both reach beyond this site and are slow to undo, so they are the operator's choice:
# includeSubDomains forces TLS on every subdomain of the domain (an http-only one breaks),
# and a preloaded domain stays in browsers' lists for months after it is withdrawn.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.SECURE_HSTS_INCLUDE_SUBDOMAINS
SECURE_HSTS_PRELOAD = env.SECURE_HSTS_PRELOAD
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
SECURITY_CONTACTS = env.SECURITY_CONTACT

# Content-Security-Policy (django-csp): every script and stylesheet is a file of this site,
# so no inline script, style or event handler runs, and no other site may frame a page.
# Images may be data: URIs (allauth's MFA set-up shows its QR code as one), and come from the
# media bucket or its CDN when MEDIA_URL is on another origin.
_media_origin = "{0.scheme}://{0.netloc}".format(urlsplit(MEDIA_URL)) if "//" in MEDIA_URL else None
_CSP = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF],
        "style-src": [csp.SELF],
        "img-src": [csp.SELF, "data:", *filter(None, [_media_origin])],
        "object-src": [csp.NONE],
        "base-uri": [csp.NONE],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
        "report-uri": env.CSP_REPORT_URI or None,
    }
}
# CSP_REPORT_ONLY=true reports violations (to the browser's console, and to CSP_REPORT_URI
# when set) instead of blocking them: for trying a change to the policy on the live site.
# (Not settings of those names: django-csp takes CSP_* settings for its old format.)
CONTENT_SECURITY_POLICY = None if env.CSP_REPORT_ONLY else _CSP
CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP if env.CSP_REPORT_ONLY else None
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

# Abuse limits and the client's address (the limits app)

# Proxies in front of the site that each append the address they were reached from to
# X-Forwarded-For: 1 behind the TLS proxy the README describes. At 0 the header is ignored,
# so a client cannot choose the address its limits are counted under. Allauth reads it too.
TRUSTED_PROXY_COUNT = env.TRUSTED_PROXY_COUNT
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# What readers may do, per window, counted in the shared cache, in allauth's notation:
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
# Allauth's own (sign-in, sign-up, password reset). Failed sign-ins count per client address
# (TRUSTED_PROXY_COUNT says which), and only far more generously per account: a tight
# per-account limit would let anyone lock an editor out with a few wrong passwords. Staff
# have a second factor besides (STAFF_MFA_REQUIRED).
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
# Reports hide a comment before an editor looks only when they come from established readers:
# a verified address, an account this many days old, this many comments still shown, no ban.
# Reports from anyone else put the comment in the moderation queue and nothing more.
TRUSTED_REPORTER_DAYS = 7
TRUSTED_REPORTER_COMMENTS = 3
# Reader forecasts closer together than this merge: a reader's second thoughts replace their
# forecast instead of adding to its history, a prediction's chart gains one community point,
# and its cached pages are refreshed at the start and at the end of the burst only. The end is a
# countdown task, so this stays below CELERY_VISIBILITY_TIMEOUT.
FORECAST_BURST_SECONDS = min(60, env.CELERY_VISIBILITY_TIMEOUT // 2)
