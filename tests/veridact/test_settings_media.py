"""Media settings: the local disk by default, an S3-compatible bucket when one is named."""

from tests.veridact.settings_child import settings_under


def test_a_bucket_moves_media_to_s3_served_from_the_endpoint():
    report = settings_under(
        AWS_STORAGE_BUCKET_NAME="veridact-media",
        AWS_S3_ENDPOINT_URL="http://minio:9000",
        AWS_ACCESS_KEY_ID="veridact",
        AWS_SECRET_ACCESS_KEY="s3cret-key",
    )
    storage = report["media_storage"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "veridact-media"
    assert options["endpoint_url"] == "http://minio:9000"
    assert (options["access_key"], options["secret_key"]) == ("veridact", "s3cret-key")
    assert options["object_parameters"] == {"CacheControl": "public, max-age=31536000, immutable"}
    assert options["querystring_auth"] is False
    assert options["file_overwrite"] is False
    assert report["media_url"] == "http://minio:9000/veridact-media/"


def test_media_on_aws_is_served_from_the_bucket_or_the_cdn_in_front():
    aws = settings_under(AWS_STORAGE_BUCKET_NAME="veridact-media", AWS_S3_REGION_NAME="eu-west-1")
    assert aws["media_url"] == "https://veridact-media.s3.eu-west-1.amazonaws.com/"
    assert aws["media_storage"]["OPTIONS"]["access_key"] is None  # boto3's own chain
    cdn = settings_under(
        AWS_STORAGE_BUCKET_NAME="veridact-media", MEDIA_URL="https://media.veridact.example"
    )
    assert cdn["media_url"] == "https://media.veridact.example/"
    options = cdn["media_storage"]["OPTIONS"]
    assert (options["url_protocol"], options["custom_domain"]) == (
        "https:",
        "media.veridact.example",
    )
    # The Content-Security-Policy lets pages show images from there, and only from there.
    assert aws["img_src"] == [
        "'self'",
        "data:",
        "https://veridact-media.s3.eu-west-1.amazonaws.com",
    ]
    assert cdn["img_src"] == ["'self'", "data:", "https://media.veridact.example"]
    assert settings_under()["img_src"] == ["'self'", "data:"]
