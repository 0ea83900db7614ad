from django.contrib.admin import apps as admin_apps


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin, serving the site's own admin site (veridact.admin_site)."""

    # Not the configuration of the `veridact` app itself, which is Django's plain one.
    default = False
    default_site = "veridact.admin_site.AdminSite"
