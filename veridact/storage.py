"""Settings for files: static files (whitenoise) and uploaded media, on disk or in a bucket."""

from urllib.parse import urlsplit

from botocore.config import Config

from veridact import env

STATIC_URL = "/static/"
STATIC_ROOT = env.VAR_DIR / "static"
STATICFILES_DIRS = [env.BASE_DIR / "static"]
# The icons and web manifest are also served at the site's root, where browsers and home
# screens ask for /favicon.ico and /apple-touch-icon.png; pages link their static copies.
WHITENOISE_ROOT = env.BASE_DIR / "static" / "root"
WHITENOISE_MIMETYPES = {".webmanifest": "application/manifest+json"}

# Uploaded images and their renditions go to the local disk, or to an S3-compatible bucket
# when AWS_STORAGE_BUCKET_NAME is set, so that every web host sees every image. Names are
# unique per content (renditions carry a digest of the upload; a name already taken gets a
# suffix), so an object never changes once written and may be cached for good.
MEDIA_CACHE_CONTROL = "public, max-age=31536000, immutable"
MEDIA_ROOT = env.MEDIA_ROOT
AWS_STORAGE_BUCKET_NAME = env.AWS_STORAGE_BUCKET_NAME


def s3_media_storage(
    *,
    bucket,
    endpoint_url="",
    region="",
    access_key="",
    secret_key="",
    public_url="",
    timeout=5,
):
    """Return MEDIA_URL and the storage for media in an S3-compatible bucket.

    `public_url` is where browsers fetch objects: a CDN in front of the bucket, or by
    default the bucket itself (path-style on a custom endpoint such as MinIO). `timeout` is
    the seconds a request waits to connect, and for an answer.
    """
    if not public_url:
        if endpoint_url:
            public_url = f"{endpoint_url.rstrip('/')}/{bucket}/"
        elif region:
            public_url = f"https://{bucket}.s3.{region}.amazonaws.com/"
        else:
            public_url = f"https://{bucket}.s3.amazonaws.com/"
    public_url = public_url.rstrip("/") + "/"
    public = urlsplit(public_url)
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint_url or None,
        "region_name": region or None,
        # Unset keys leave boto3 to its own chain (instance role, ~/.aws).
        "access_key": access_key or None,
        "secret_key": secret_key or None,
        # URLs are built from the public address alone: no signing, no request, and the
        # same URL every time, so pages and CDNs can cache them.
        "custom_domain": f"{public.netloc}{public.path}".rstrip("/"),
        "url_protocol": f"{public.scheme}:",
        "querystring_auth": False,
        "file_overwrite": False,
        "object_parameters": {"CacheControl": MEDIA_CACHE_CONTROL},
        # A bucket that stops answering fails an upload within seconds (two tries of 5 s),
        # well before gunicorn's 30 s timeout kills the worker; boto3 waits 60 s a try. The
        # admin then shows the editor's form again with the error (articles.storage).
        "client_config": Config(
            s3={"addressing_style": "path" if endpoint_url else None},
            connect_timeout=timeout,
            read_timeout=timeout,
            retries={"mode": "standard", "max_attempts": 2},
        ),
    }
    return public_url, {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


if AWS_STORAGE_BUCKET_NAME:
    MEDIA_URL, _media_storage = s3_media_storage(
        bucket=AWS_STORAGE_BUCKET_NAME,
        endpoint_url=env.AWS_S3_ENDPOINT_URL,
        region=env.AWS_S3_REGION_NAME,
        access_key=env.AWS_ACCESS_KEY_ID,
        secret_key=env.AWS_SECRET_ACCESS_KEY,
        public_url=env.MEDIA_URL,
    )
else:
    MEDIA_URL = env.MEDIA_URL
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if env.DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
