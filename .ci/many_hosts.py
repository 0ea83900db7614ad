"""Two web hosts on one PostgreSQL, one Redis and one S3 endpoint, as a load balancer sees them.

The checkout is copied into two folders, host A and host B, each with its own `var/` (so
neither can read the other's disk). Each runs gunicorn and a Celery worker, as compose does;
A also runs beat. Media goes to a bucket on moto's S3 server, mail to an SMTP server on
localhost (aiosmtpd) that counts what it accepts. Checked, through HTTP as a browser behind
the balancer would do it (its cookies go to both hosts, as they would to one domain):

- a sign-in started on A is finished on B, and a reader signed in on A is signed in on B;
- an image an editor uploads through A's admin shows on B's article page, from the bucket;
- a comment posted on A shows on B's cached article page within the per-worker copy's
  lifetime (CACHE_PUBLIC_PAGES_LOCALLY);
- a digest beat starts is sent once, to each subscriber, though the workers on both hosts
  take its tasks (beat fires it every 1.3 s here, as a second beat would, only more often).

Uses a database of its own, `<name of DATABASE_URL's database>_hosts`, made afresh, and
empties the Redis database of REDIS_URL first (.ci/run gives both).
"""

import base64
import collections
import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import redis
import requests

from hosts import (
    BIN,
    ROOT,
    Failed,
    Host,
    Processes,
    check,
    copy_checkout,
    csrf_token,
    drop_database,
    fresh_database,
    reachable,
    start_s3,
    wait_until,
)

sys.path.insert(0, str(ROOT))
from tests.newsletter.smtp import SMTPServer  # noqa: E402 (after the path is set)

PASSWORD = "correct horse battery staple"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
SUBSCRIBERS = 30
# veridact.settings.CACHE_PUBLIC_PAGES_LOCALLY, and a second for the requests around it.
LOCAL_COPY_SECONDS = 2
SLACK_SECONDS = 1

# Run by `manage.py shell` on host A: who signs in, and who gets the digest.
SEED = f"""
import json
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.utils import timezone
from accounts.models import User
from articles.models import Author, Category
from newsletter.models import Subscriber

editor = User.objects.create_user(
    email="editor@example.com", password={PASSWORD!r}, display_name="Editor", is_staff=True
)
editor.groups.add(Group.objects.get(name="Editors"))
Authenticator.objects.create(user=editor, type="totp", data={{"secret": {TOTP_SECRET!r}}})
reader = User.objects.create_user(
    email="reader@example.com", password={PASSWORD!r}, display_name="Reader on host A"
)
for user in (editor, reader):
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
author = Author.objects.create(name="Ada Byline", slug="ada-byline")
tech = Category.objects.get(slug="tech")
now = timezone.now()
for number in range({SUBSCRIBERS}):
    subscriber = Subscriber.objects.create(
        email=f"subscriber{{number:02d}}@example.com", status="confirmed",
        requested_at=now, consent_at=now, consent_ip="192.0.2.1",
    )
    subscriber.categories.add(tech)
print(json.dumps({{"author": author.pk, "tech": tech.pk}}))
"""

# Host A's beat, with the daily digest due every 1.3 s instead of at 07:00 UTC. Not a whole
# second: workers wait for tasks one second at a time (BRPOP), and a period in step with
# that hands every task to the same worker.
BEAT_SETTINGS = """
from veridact.settings import *  # noqa: F403

CELERY_BEAT_SCHEDULE = {
    "newsletter-daily-digest": {
        **CELERY_BEAT_SCHEDULE["newsletter-daily-digest"],  # noqa: F405
        "schedule": 1.3,
    }
}
"""


def totp_code(secret=TOTP_SECRET):
    """The code an authenticator app shows now (RFC 6238, as in tests/accounts/factories.py)."""
    counter = int(time.time() // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def sign_in(browser, host: Host, email, next_url="/"):
    page = browser.get(f"{host.url}/accounts/login/?next={next_url}")
    data = {"csrfmiddlewaretoken": csrf_token(page.text), "login": email, "password": PASSWORD}
    return browser.post(f"{host.url}/accounts/login/?next={next_url}", data=data)


def png(size=(1300, 700)):
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", size, (10, 120, 90)).save(buffer, "PNG")
    return buffer.getvalue()


def article_form(add_page_html, ids):
    """The admin's add form filled in as an editor would, with a hero image to upload."""
    # Every inline's management form as the page has it (none extra), then ours.
    data = dict(
        re.findall(
            r'name="([\w-]+-(?:TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)"'
            r'[^>]*value="(\d+)"',
            add_page_html,
        )
    )
    now = time.gmtime(time.time() - 300)
    data.update(
        {
            "csrfmiddlewaretoken": csrf_token(add_page_html),
            "title": "Will the two-host chip ship?",
            "slug": "two-host-chip",
            "category": str(ids["tech"]),
            "authors": str(ids["author"]),
            "headline": "Probably, but late.",
            "summary": "Uploaded on host A, read on host B.",
            "hero_alt": "A chip on a board",
            "outlook": "We expect a slip.",
            "background": "Fabs are busy.",
            "precedents": "The last two chips slipped.",
            "status": "published",
            "published_at_0": time.strftime("%Y-%m-%d", now),
            "published_at_1": time.strftime("%H:%M:%S", now),
            "scenarios-TOTAL_FORMS": "1",
            "scenarios-0-order": "0",
            "scenarios-0-title": "Late",
            "scenarios-0-analysis": "It slips.",
            "scenarios-0-probability": "60",
            "timeline_events-TOTAL_FORMS": "1",
            "timeline_events-0-when": "2027-06-XX",
            "timeline_events-0-title": "Window opens",
            "faq_items-TOTAL_FORMS": "1",
            "faq_items-0-order": "0",
            "faq_items-0-question": "When?",
            "faq_items-0-answer": "2027.",
        }
    )
    return data


def picture_urls(html):
    picture = html.split("<picture", 1)[1].split("</picture>", 1)[0]
    urls = re.findall(r'src="([^"]+)"', picture)
    for srcset in re.findall(r'srcset="([^"]+)"', picture):
        urls += [candidate.split()[0] for candidate in srcset.split(", ")]
    return set(urls)


def check_sessions_and_upload(a: Host, b: Host, ids, endpoint):
    editor = requests.Session()
    response = sign_in(editor, a, "editor@example.com", next_url="/admin/")
    step = urlsplit(response.url).path
    check(step == "/accounts/2fa/authenticate/", "the editor's password, on A, asks for a code")
    page = editor.get(f"{b.url}{step}")
    response = editor.post(
        f"{b.url}{step}", data={"csrfmiddlewaretoken": csrf_token(page.text), "code": totp_code()}
    )
    check(
        response.status_code == 200 and urlsplit(response.url).path == "/admin/",
        "the code, on B, finishes the sign-in A started",
    )

    add = editor.get(f"{a.url}/admin/articles/article/add/")
    response = editor.post(
        f"{a.url}/admin/articles/article/add/",
        data=article_form(add.text, ids),
        files={"hero_image": ("chip.png", png(), "image/png")},
    )
    check(
        urlsplit(response.url).path == "/admin/articles/article/",
        "the editor publishes an article with a hero image through A's admin",
    )
    article = "/tech/two-host-chip/"
    html = requests.get(f"{b.url}{article}", timeout=10).text
    urls = picture_urls(html)
    bucket = f"{endpoint}/veridact-media/articles/renditions/"
    check(urls and all(url.startswith(bucket) for url in urls), "B's page shows it from the bucket")
    answers = [requests.get(url, timeout=10) for url in urls]
    check(
        all(r.ok and r.headers["Content-Type"].startswith("image/") for r in answers),
        f"each of its {len(urls)} renditions loads from the bucket",
    )
    check(not a.media_on_disk() and not b.media_on_disk(), "neither host wrote media to its disk")
    return article


def check_comment(a: Host, b: Host, article):
    reader = requests.Session()
    sign_in(reader, a, "reader@example.com")
    settings_page = reader.get(f"{b.url}/accounts/settings/")
    check(
        settings_page.status_code == 200
        and urlsplit(settings_page.url).path == "/accounts/settings/"
        and "reader@example.com" in settings_page.text,
        "a reader signed in on A has their account settings on B",
    )

    # B serves the article to anonymous readers from the page cache, each of its workers
    # from its own copy too.
    for _ in range(6):
        html = requests.get(f"{b.url}{article}", timeout=10).text
    text = f"Posted on host A at {time.time():.0f}."
    page = reader.get(f"{a.url}{article}")
    action = re.search(r'action="(/accounts/comments/\d+/)"', page.text).group(1)
    check(text not in html, "B has the article in its cache without the comment")
    response = reader.post(
        f"{a.url}{action}", data={"csrfmiddlewaretoken": csrf_token(page.text), "body": text}
    )
    posted = time.monotonic()
    check(response.status_code == 200 and text in response.text, "the reader comments on A")
    shown = wait_until(
        lambda: text in requests.get(f"{b.url}{article}", timeout=10).text,
        LOCAL_COPY_SECONDS + SLACK_SECONDS,
        interval=0.1,
    )
    delay = time.monotonic() - posted
    check(shown, f"B's cached page shows the comment {delay:.1f} s later")


def check_digest(a: Host, processes: Processes, smtp, database_url):
    beat_settings = a.folder / "many_hosts_beat.py"
    beat_settings.write_text(BEAT_SETTINGS)
    processes.start(
        "beat",
        [BIN / "celery", "-A", "veridact", "beat", "--loglevel=INFO"]
        + ["--schedule", str(a.folder / "var" / "celerybeat-schedule")],
        cwd=a.folder,
        env={**a.env, "DJANGO_SETTINGS_MODULE": "many_hosts_beat"},
    )

    started = time.monotonic()

    def received(name, task):
        return len(re.findall(rf"Task {task}\[[^\]]+\] received", processes.output(name)))

    both_took_one = wait_until(
        lambda: (
            smtp.mailbox.count() >= SUBSCRIBERS
            and all(received(f"worker-{h}", "newsletter.create_digest") for h in "AB")
        ),
        60,
    )
    processes.check_running()
    check(
        both_took_one,
        f"{smtp.mailbox.count()} digests sent within {time.monotonic() - started:.0f} s of beat's "
        "start; both hosts' workers ran create_digest",
    )
    time.sleep(4)  # three more firings of beat, which must send nothing
    counts = collections.Counter(smtp.mailbox.recipients())
    expected = {f"subscriber{number:02d}@example.com" for number in range(SUBSCRIBERS)}
    check(
        set(counts) == expected and set(counts.values()) == {1},
        f"each of the {SUBSCRIBERS} subscribers got the digest once",
    )
    with psycopg.connect(database_url) as connection:
        (issues,) = connection.execute("SELECT count(*) FROM newsletter_digestissue").fetchone()
    check(issues == 1, "one issue was created")
    for host in "AB":
        name = f"worker-{host}"
        print(
            f"  {name}: create_digest {received(name, 'newsletter.create_digest')} times, "
            f"send_chunk {received(name, 'newsletter.send_chunk')} times"
        )


def main():
    started = time.monotonic()
    database_url = fresh_database(os.environ["DATABASE_URL"])
    redis_url = os.environ["REDIS_URL"]
    redis.Redis.from_url(redis_url).flushdb()
    scratch = Path(tempfile.mkdtemp(prefix="veridact-hosts-"))
    processes = Processes(scratch)
    failed = None
    try:
        with SMTPServer() as smtp:
            endpoint = start_s3(processes)
            environ = {
                **os.environ,
                "PATH": f"{BIN}:{os.environ['PATH']}",
                "DEBUG": "false",
                "SECRET_KEY": secrets.token_urlsafe(50),
                "ALLOWED_HOSTS": "127.0.0.1",
                "ALLOW_INSECURE_SITE_URL": "true",
                "ENV_FILE": "",
                "DATABASE_URL": database_url,
                "REDIS_URL": redis_url,
                "EMAIL_URL": smtp.url,
                "AWS_STORAGE_BUCKET_NAME": "veridact-media",
                "AWS_S3_ENDPOINT_URL": endpoint,
                "AWS_S3_REGION_NAME": "us-east-1",
                "AWS_ACCESS_KEY_ID": "testing",
                "AWS_SECRET_ACCESS_KEY": "testing",
                "NEWSLETTER_CHUNK_SIZE": "10",
                "PYTHONUNBUFFERED": "1",
            }
            environ.pop("VERIDACT_REQUIRE_SERVICES", None)
            environ.pop("DJANGO_SETTINGS_MODULE", None)
            a = Host("A", scratch / "host-a", environ)
            b = Host("B", scratch / "host-b", environ)
            # Links in emails name one address for the site: the balancer's, here A's.
            for host in (a, b):
                host.env["SITE_URL"] = a.url
                copy_checkout(host.folder)
            a.manage("migrate", "--noinput")
            a.manage("collectstatic", "--noinput")
            shutil.copytree(a.folder / "var" / "static", b.folder / "var" / "static")
            ids = json.loads(a.manage("shell", stdin=SEED).strip().splitlines()[-1])
            for host in (a, b):
                host.start(processes)
            for host in (a, b):
                if not wait_until(lambda host=host: reachable(f"{host.url}/healthz"), 60):
                    processes.check_running()
                    raise Failed(f"host {host.name} does not answer")
            print(f"Two hosts up after {time.monotonic() - started:.0f} s: A {a.url}, B {b.url}")

            article = check_sessions_and_upload(a, b, ids, endpoint)
            check_comment(a, b, article)
            check_digest(a, processes, smtp, database_url)
            processes.check_running()
    except (Failed, requests.RequestException, subprocess.CalledProcessError) as error:
        failed = error
        if isinstance(error, subprocess.CalledProcessError):
            print(error.stdout, error.stderr)
        for name in processes.started:
            print(f"--- {name} (last lines)\n{processes.output(name)[-2000:]}")
    finally:
        processes.stop()
        drop_database(database_url)
        shutil.rmtree(scratch, ignore_errors=True)
    if failed:
        sys.exit(f"Many-hosts smoke failed: {failed}")
    print(f"Many-hosts smoke passed in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
