from django.apps import AppConfig


class DiscussionConfig(AppConfig):
    name = "discussion"
    verbose_name = "Discussion"

    def ready(self):
        # The discussion under every article, on every reader's profile and on the sign-in
        # pages, which articles and accounts show without importing this app; and what it
        # does when accounts tells of a reader (discussion.receivers).
        from articles import parts
        from discussion import pending, receivers, threads

        parts.register("article.discussion", threads.article_part)
        parts.register("profile.comments", threads.profile_part)
        parts.register("sign-in.comments", pending.sign_in_part)
        receivers.connect()
