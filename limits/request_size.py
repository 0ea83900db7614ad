"""Refuse a request body larger than the site ever takes, before anything reads it."""

import logging

from django.conf import settings
from django.shortcuts import render

logger = logging.getLogger(__name__)


class RequestSizeLimitMiddleware:
    """Answer 413 when the declared body exceeds REQUEST_MAX_SIZE.

    Django limits a form's fields (DATA_UPLOAD_MAX_MEMORY_SIZE, a 400 page) but would
    spool any size of uploaded file to disk; the proxy in front enforces the same limit
    on bodies sent without a length.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:  # Django reads a malformed length as no body, and so does this
            length = 0
        if length > settings.REQUEST_MAX_SIZE:
            logger.warning("Refused a %d-byte request to %s", length, request.path)
            return render(
                request,
                "413.html",
                {
                    "limit_mb": settings.REQUEST_MAX_SIZE // 1024 // 1024,
                    "image_mb": settings.IMAGE_UPLOAD_MAX_SIZE // 1024 // 1024,
                },
                status=413,
            )
        return self.get_response(request)
