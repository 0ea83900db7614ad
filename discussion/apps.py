from django.apps import AppConfig


class DiscussionConfig(AppConfig):
    name = "discussion"
    verbose_name = "Discussion"

    def ready(self):
        # The discussion under every article and on every reader's profile, which articles
        # and accounts show without importing this app; and what it does when a reader
        # renames themselves or deletes their account.
        from accounts import signals
        from articles import parts
        from discussion import services, threads

        parts.register("article.discussion", threads.article_part)
        parts.register("profile.comments", threads.profile_part)
        signals.reader_renamed.connect(
            lambda user, **kwargs: services.reader_renamed(user=user),
            dispatch_uid="discussion-reader-renamed",
            weak=False,
        )
        signals.reader_deleting.connect(
            lambda user, **kwargs: services.reader_data_delete(user=user),
            dispatch_uid="discussion-reader-deleting",
            weak=False,
        )
