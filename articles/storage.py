"""The media storage failing: which errors mean it failed, and how an editor is told.

Uploads go to an S3 bucket through boto3, or to MEDIA_ROOT (veridact.settings). Either can
fail while an editor saves: a bucket unreachable, hung or answering 5xx, one refusing the keys
or missing, a disk full or read-only. The services turn such an error into MediaStorageError
inside their transaction, so nothing of the save is kept, and the admin shows the form again
with the error on the image field and everything the editor typed.
"""

import contextlib

from boto3.exceptions import Boto3Error
from botocore import exceptions as boto

# botocore's errors (every S3 request), boto3's (its transfers) and the operating system's
# (the local disk). Checked around storage calls only: elsewhere an OSError means other things.
STORAGE_ERRORS = (boto.BotoCoreError, boto.ClientError, Boto3Error, OSError)


class MediaStorageError(Exception):
    """The media storage failed to store, read or delete a file; `cause` is its own error."""

    def __init__(self, cause: Exception):
        super().__init__(f"{type(cause).__name__}: {cause}")
        self.cause = cause

    @property
    def passing(self) -> bool:
        """Whether it may pass by itself (a bucket not answering) rather than need an operator
        (keys refused, a missing bucket, a full disk)."""
        cause = self.cause
        if isinstance(cause, boto.ConnectionError | boto.HTTPClientError):
            return True
        if isinstance(cause, boto.ClientError):
            return _status(cause) >= 500
        return False

    @property
    def reason(self) -> str:
        """What the storage did, said for an editor: "is not answering", "refused it (…)"."""
        cause = self.cause
        if self.passing:
            return "is not answering"
        if isinstance(cause, boto.ClientError):
            code = cause.response.get("Error", {}).get("Code") or _status(cause)
            return f"refused it ({code})"
        if isinstance(cause, boto.BotoCoreError | Boto3Error):
            return f"refused it ({type(cause).__name__})"
        # An OSError made of a message alone names server paths: not for the form.
        return f"could not write it ({cause.strerror})" if cause.strerror else "could not write it"


def _status(error: boto.ClientError) -> int:
    return error.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0


@contextlib.contextmanager
def media_storage():
    """Turn an error of the media storage raised in the block into MediaStorageError."""
    try:
        yield
    except STORAGE_ERRORS as error:
        raise MediaStorageError(error) from error


def unsaved_message(failure: MediaStorageError, *, what: str = "The image could not be stored"):
    """Tell an editor that their save failed on the media storage, and what to do now."""
    then = (
        "save again in a minute."
        if failure.passing
        else "save again once the storage is fixed (the error is in the site's log)."
    )
    return (
        f"{what}: the media storage {failure.reason}. Your other changes are not saved yet; "
        f"they are all still in this form, so {then}"
    )
