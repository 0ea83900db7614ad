from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from accounts import views as accounts_views
from veridact import views

handler500 = views.server_error

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    # RFC 9116 allows the file at the top level too, for scanners that look there first.
    path(
        "security.txt",
        RedirectView.as_view(pattern_name="security_txt", permanent=True),
        name="security_txt_top_level",
    ),
    path("security/", views.security_policy, name="security"),
    path("admin/", admin.site.urls),
    # Allauth's sign-in steps, answering 429 at the failed sign-in limit; its other pages as
    # they are.
    path("accounts/login/", accounts_views.login, name="account_login"),
    path("accounts/2fa/authenticate/", accounts_views.second_step, name="mfa_authenticate"),
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("discussion.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("predictions/", include("predictions.urls")),
    # Uploaded images from the local disk, for `make run` only (`static` adds nothing
    # without DEBUG or with media on S3). Elsewhere the bucket, or the proxy in front of
    # gunicorn, serves them with long cache headers and no worker tied up (README).
    *static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT),
    # Articles last: its category pages match any top-level slug.
    path("", include("articles.urls")),
]
