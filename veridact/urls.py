from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from accounts import views as accounts_views
from veridact import views

# The admin signs in through allauth's login, so its rate limits guard editors too.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # Allauth's sign-in steps, answering 429 at the failed sign-in limit; its other pages as
    # they are.
    path("accounts/login/", accounts_views.login, name="account_login"),
    path("accounts/2fa/authenticate/", accounts_views.second_step, name="mfa_authenticate"),
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("accounts.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("predictions/", include("predictions.urls")),
    # Uploaded images are few and their rendition names are content-addressed,
    # so Django serves them itself rather than needing another server.
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    # Articles last: its category pages match any top-level slug.
    path("", include("articles.urls")),
]
