from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Readers and accounts"

    def ready(self):
        from accounts.adapter import make_allauth_limits_fail_open

        make_allauth_limits_fail_open()
