"""An image an editor chose on a form that could not be saved, kept for their next try.

The admin's article form shows the thumbnail of the kept image and takes it again unless the
editor chooses another file or clears the image; a nightly task purges what nobody came back
for (articles.tasks).
"""

import logging
import os
import secrets
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils import timezone

from articles.images import make_thumbnail
from articles.models import PendingUpload
from articles.storage import STORAGE_ERRORS, MediaStorageError, media_storage

logger = logging.getLogger(__name__)

# An editor back from lunch still finds the image they chose; after that it goes.
PENDING_UPLOAD_LIFETIME = timedelta(days=1)


def pending_upload_keep(*, upload: UploadedFile) -> PendingUpload:
    """Keep an image chosen on a form that could not be saved, with its thumbnail.

    Raises MediaStorageError when the media storage fails; then nothing is kept.
    """
    upload.seek(0)
    thumbnail, width, height = make_thumbnail(upload)
    extension = os.path.splitext(upload.name)[1].lower()[:10]
    pending = PendingUpload(
        token=secrets.token_urlsafe(32),
        thumbnail_width=width,
        thumbnail_height=height,
        name=os.path.basename(upload.name)[:255],
        content_type=upload.content_type or "application/octet-stream",
    )
    upload.seek(0)
    with media_storage():
        pending.file.save(f"{secrets.token_hex(16)}{extension}", upload, save=False)
        pending.thumbnail.save(f"{secrets.token_hex(16)}.jpg", thumbnail, save=False)
    pending.save()
    return pending


def pending_upload_find(*, token: str) -> PendingUpload | None:
    """The kept image a form names by its token, if it is still kept."""
    if not token:
        return None
    since = timezone.now() - PENDING_UPLOAD_LIFETIME
    return PendingUpload.objects.filter(token=token, created_at__gt=since).first()


def pending_upload_open(*, pending: PendingUpload) -> UploadedFile | None:
    """The kept image as the upload it was, for the form to take again (None if gone).

    Raises MediaStorageError when the media storage fails to read it.
    """
    try:
        with pending.file.open("rb") as file:
            data = file.read()
    except FileNotFoundError:  # the file went, say by a purge racing this request
        return None
    except STORAGE_ERRORS as error:
        raise MediaStorageError(error) from error
    return SimpleUploadedFile(pending.name, data, content_type=pending.content_type)


def pending_upload_discard(*, token: str) -> None:
    """Forget a kept image and delete its files (left to the purge if the storage fails)."""
    for pending in PendingUpload.objects.filter(token=token):
        _delete_pending(pending)


def pending_uploads_purge(*, now=None) -> int:
    """Delete the images kept longer than PENDING_UPLOAD_LIFETIME; return how many."""
    stale = PendingUpload.objects.filter(
        created_at__lte=(now or timezone.now()) - PENDING_UPLOAD_LIFETIME
    )
    return sum(_delete_pending(pending) for pending in stale.iterator())


def _delete_pending(pending) -> bool:
    """Delete a kept image's files, then its row; keep the row if the storage fails, for
    the next purge to try again (a kept image is never worth failing an editor's save)."""
    try:
        with media_storage():
            for file in (pending.file, pending.thumbnail):
                if file:
                    file.storage.delete(file.name)
    except MediaStorageError as failure:
        logger.warning("Kept image %s not deleted, left for the purge: %s", pending.pk, failure)
        return False
    pending.delete()
    return True
