from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Readers and accounts"

    def ready(self):
        from accounts import discussion
        from accounts.adapter import make_allauth_limits_fail_open
        from articles import parts

        make_allauth_limits_fail_open()
        parts.register("article.discussion", discussion.article_part)
        parts.register("profile.comments", discussion.profile_part)
