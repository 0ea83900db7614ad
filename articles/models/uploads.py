"""Images an editor chose on a form that could not be saved."""

from django.db import models


class PendingUpload(models.Model):
    """An image an editor chose on a form that could not be saved, kept for the next try.

    The form carries `token`, a secret; the files have names of their own. Kept for a day.
    """

    token = models.CharField(max_length=64, unique=True)
    file = models.FileField(upload_to="pending/")
    thumbnail = models.FileField(upload_to="pending/")
    thumbnail_width = models.PositiveSmallIntegerField()
    thumbnail_height = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=255, help_text="The file's name on the editor's computer.")
    content_type = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.name
