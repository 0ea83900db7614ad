"""Django serves uploads from the local disk for `make run` only (DEBUG on).

Without DEBUG the bucket, or the proxy in front of gunicorn, serves them (README). URLs are
wired when the project starts, so each case runs in a process of its own.
"""

import json

import pytest

from tests.veridact.test_settings import run_python

FETCH = """
import json
from pathlib import Path
from django.conf import settings
from django.test import Client
name = Path(settings.MEDIA_ROOT) / "articles" / "renditions" / "0123456789abcdef-480.jpg"
name.parent.mkdir(parents=True, exist_ok=True)
name.write_bytes(b"not really a jpeg")
response = Client().get("/media/articles/renditions/0123456789abcdef-480.jpg")
body = b"".join(response.streaming_content) if response.streaming else response.content
print(json.dumps({"status": response.status_code, "body": body.decode(errors="replace")}))
"""


@pytest.mark.parametrize(("debug", "status"), [("true", 200), ("false", 404)])
def test_local_media_is_served_by_django_only_with_debug_on(tmp_path, debug, status):
    result = run_python(
        FETCH,
        DEBUG=debug,
        SECRET_KEY="a-test-secret",
        MEDIA_ROOT=str(tmp_path),
        ALLOWED_HOSTS="testserver",
        ALLOW_INSECURE_SITE_URL="true",
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == status
    assert (answer["body"] == "not really a jpeg") is (status == 200)
