"""Hostile and random input, never a 500: every form the matrix posts, sent mangled (odd values,
lists, missing and extra fields, other encodings, bodies too large), and every public page and
admin list asked with query strings nobody would write.

Hypothesis draws the requests; its profile (tests/conftest.py) decides how many: a couple for
each form, page and admin model in `make test`, some 2,500 in all in .ci/run. Each request runs
in a savepoint, with the limits forgotten, so every example meets the same site.
"""

import json
import warnings
from http.cookies import SimpleCookie
from urllib.parse import quote, urlencode

import pytest
from django.contrib import admin
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.authorization.matrix import answers
from tests.security.authorization.site_pages import SITE_READS
from tests.security.test_authorization import GROUPS
from tests.security.world import (
    ANONYMOUS,
    EDITOR,
    READER,
    SUPERUSER,
    UNVERIFIED,
    build_world,
    forget_limits,
)

pytestmark = pytest.mark.django_db

# What people have typed into forms to break them, and what a program sends by mistake.
HOSTILE = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\t\r\n",
    "\ufeff",
    "\u202etxet",
    "😀" * 500,
    "漢字かな",
    "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
    "' OR '1'='1' --",
    '"; DROP TABLE accounts_user; --',
    "<script>alert(1)</script>",
    "{{ 7|add:7 }}{% debug %}",
    "%(password)s",
    "../../../../etc/passwd",
    "javascript:alert(1)",
    "https://evil.example/",
    "//evil.example",
    "0",
    "-1",
    "1.5",
    "1e309",
    "NaN",
    "99999999999999999999999999",
    "-99999999999999999999999999",
    "true",
    "null",
    "[]",
    "{}",
    "2020-13-45",
    "9999-12-31 23:59:59",
    "25:61:61",
    "@",
    "a@b",
    "x" * 250 + "@example.com",
    "x" * 100_000,
]
TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=200)
VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    TEXT,
    st.integers().map(str),
    st.binary(max_size=40).map(lambda raw: raw.decode("latin-1")),
)
FIELD_VALUES = st.one_of(VALUES, st.lists(VALUES, min_size=2, max_size=3))
CHARSETS = ["utf-8", "latin-1", "utf-16", "shift_jis", "x-no-such-charset"]
ENCODINGS = [
    "multipart",
    "urlencoded",
    "charset",
    "raw",
    "json",
    "plain",
    "broken-multipart",
    "too-many-fields",
    "too-large",
]
# The profile's examples, spread over the targets: in .ci/run 20 mangled posts to each of some
# 110 forms, 10 query strings to each of 23 pages and 10 requests to each of 16 admin models.
BUDGET = settings.default.max_examples


def fuzz(share):
    return settings(
        max_examples=max(2, BUDGET // share),
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        deadline=None,
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One world for the module's tests, made in a transaction rolled back at its end.

    Each test runs in a savepoint inside it (pytest-django's), and each request in another.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def mfa_required(settings):
    settings.STAFF_MFA_REQUIRED = True


def send(client, method, path, *, body=b"", content_type="", data=None):
    """Make one request in a savepoint, as the matrix does; return its status code."""
    cookies = SimpleCookie(client.cookies)
    with transaction.atomic(), warnings.catch_warnings():
        # A hand-typed date in an admin filter is naive: Django warns (the suite makes its
        # warnings errors) and reads it in the site's time zone, which is what it should do.
        warnings.filterwarnings("ignore", "DateTimeField .* naive datetime", RuntimeWarning)
        forget_limits()
        if data is not None:
            response = client.post(path, data)
        else:
            response = client.generic(method, path, body, content_type=content_type)
        transaction.set_rollback(True)
    client.cookies = cookies
    return response.status_code


# Forms: every post of the matrix that someone may make, by the person who may make it


PREFERRED = [READER, SUPERUSER, ANONYMOUS, UNVERIFIED, EDITOR]


def form_targets():
    """(row, role) for each post in the matrix, by the first of PREFERRED whom it serves,
    else the first whose post reaches the form (it answers rather than turning them away)."""
    targets = []
    for rows in GROUPS.values():
        for row in rows():
            if row.method != "post":
                continue
            expected = answers(row.expected)
            role = next((r for r in PREFERRED if expected[r] == "done"), None) or next(
                (r for r in PREFERRED if expected[r] in {"shown", "moved", "invalid"}), None
            )
            if role is not None:
                targets.append(pytest.param(row, role, id=f"{row} as {role}"))
    return targets


_prepared = {}


@st.composite
def mangled(draw, fields):
    """The form's fields, some replaced, doubled, dropped, with others added."""
    fields = dict(fields)
    for name in sorted(fields):
        change = draw(st.sampled_from(["keep", "keep", "replace", "drop"]))
        if change == "replace":
            fields[name] = draw(FIELD_VALUES)
        elif change == "drop":
            del fields[name]
    names = st.one_of(st.sampled_from(sorted(fields) or ["x"]), TEXT.filter(bool))
    extra = draw(st.dictionaries(names, FIELD_VALUES, max_size=3))
    return {**fields, **extra}


def _pairs(fields):
    return [
        (name, item)
        for name, value in fields.items()
        for item in (value if isinstance(value, list) else [value])
    ]


@st.composite
def hostile_posts(draw, fields):
    """A request made of the form's fields: (content type, body) or form data for the client."""
    fields = draw(mangled(fields))
    encoding = draw(st.sampled_from(ENCODINGS))
    pairs = [(str(name), str(value)) for name, value in _pairs(fields)]
    if encoding == "multipart":
        return {"data": {name: [v for n, v in pairs if n == name] for name, _ in pairs}}
    if encoding == "urlencoded":
        body = urlencode(pairs).encode()
        return {"content_type": "application/x-www-form-urlencoded", "body": body}
    if encoding == "charset":
        charset = draw(st.sampled_from(CHARSETS))
        body = urlencode(
            pairs, encoding="utf-8" if charset.startswith("x-") else charset, errors="replace"
        )
        return {
            "content_type": f"application/x-www-form-urlencoded; charset={charset}",
            "body": body.encode(),
        }
    if encoding == "raw":
        body = draw(st.binary(max_size=300)) + b"&%zz=%ff%fe&=&&" + draw(st.binary(max_size=50))
        return {"content_type": "application/x-www-form-urlencoded", "body": body}
    if encoding == "json":
        return {"content_type": "application/json", "body": json.dumps(fields).encode()}
    if encoding == "plain":
        return {"content_type": "text/plain", "body": urlencode(pairs).encode()}
    if encoding == "broken-multipart":
        boundary = draw(st.sampled_from(["", "x", "-" * 80, "\u00e9"]))
        body = draw(st.binary(max_size=300))
        return {"content_type": f"multipart/form-data; boundary={boundary}", "body": body}
    if encoding == "too-many-fields":
        body = "&".join(f"f{number}=x" for number in range(1_500)).encode()
        return {"content_type": "application/x-www-form-urlencoded", "body": body}
    # Larger than DATA_UPLOAD_MAX_MEMORY_SIZE, smaller than REQUEST_MAX_SIZE.
    body = urlencode([*pairs, ("padding", "x" * (3 * 1024 * 1024))]).encode()
    return {"content_type": "application/x-www-form-urlencoded", "body": body}


@pytest.mark.parametrize(("row", "role"), form_targets())
@fuzz(share=50)
@given(data=st.data())
def test_every_form_answers_hostile_posts_without_a_500(world, row, role, data):
    client = world.clients[role]
    if row.prepare and str(row) not in _prepared:
        _prepared[str(row)] = row.prepare(world)
    with transaction.atomic():
        path, fields = row.call(world, role, client, _prepared.get(str(row)))
        request = data.draw(hostile_posts(fields or {}), label="request")
        status = send(client, "POST", path, **request)
        transaction.set_rollback(True)
    assert status < 500


# Query strings: public pages as anonymous readers and signed-in ones, admin lists as staff

PARAMETERS = [
    "page",
    "p",
    "q",
    "status",
    "category",
    "comments",
    "next",
    "o",
    "utm_source",
    "fbclid",
    "format",
]


@st.composite
def hostile_queries(draw, names):
    """A query string: parameters the page reads or not, any values, or no encoding at all."""
    if draw(st.integers(0, 9)) == 0:
        raw = draw(st.sampled_from(["%zz", "%ff%fe%00", "&&=&", "a=%", "=x", "a[]=1&a[]=2"]))
        return raw + draw(st.text(alphabet="&=%+;#abc019", max_size=40))
    keys = st.one_of(st.sampled_from(names), TEXT.filter(bool))
    pairs = draw(st.lists(st.tuples(keys, VALUES), max_size=4))
    return urlencode(pairs)


@pytest.mark.parametrize(("name", "path_of"), SITE_READS, ids=[name for name, _ in SITE_READS])
@fuzz(share=100)
@given(data=st.data())
def test_public_pages_answer_any_query_without_a_500(world, name, path_of, data):
    role = data.draw(st.sampled_from([ANONYMOUS, READER]), label="role")
    query = data.draw(hostile_queries(PARAMETERS), label="query")
    status = send(world.clients[role], "GET", f"{path_of(world)}?{query}")
    assert status < 500


def _admin_parameters(model_admin):
    """What an admin list reads from its query string, as its filters and links write it."""
    names = ["o", "p", "q", "e", "all", "_to_field", "_popup", "_changelist_filters"]
    for spec in model_admin.list_filter:
        field = spec if isinstance(spec, str) else spec[0]
        names += [f"{field}{lookup}" for lookup in ("__exact", "__id__exact", "__in", "__isnull")]
        names += [f"{field}__gte", f"{field}__lt"]
    if model_admin.date_hierarchy:
        names += [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")]
    return names


@st.composite
def admin_requests(draw, model, model_admin):
    opts = model._meta
    page = draw(st.sampled_from(["changelist", "change", "history", "delete", "autocomplete"]))
    if page == "changelist":
        query = draw(hostile_queries(_admin_parameters(model_admin)))
        return f"{reverse(f'admin:{opts.app_label}_{opts.model_name}_changelist')}?{query}"
    if page == "autocomplete":
        names = ["app_label", "model_name", "field_name", "term", "page"]
        fixed = f"app_label={opts.app_label}&model_name={opts.model_name}&"
        return f"{reverse('admin:autocomplete')}?{fixed}{draw(hostile_queries(names))}"
    object_id = quote(draw(VALUES.filter(bool)), safe="")
    return f"/admin/{opts.app_label}/{opts.model_name}/{object_id}/{page}/"


ADMIN_MODELS = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


@pytest.mark.parametrize(
    ("model", "model_admin"), ADMIN_MODELS, ids=[model._meta.label for model, _ in ADMIN_MODELS]
)
@fuzz(share=100)
@given(data=st.data())
def test_admin_lists_and_objects_answer_any_query_without_a_500(world, model, model_admin, data):
    path = data.draw(admin_requests(model, model_admin), label="path")
    role = data.draw(st.sampled_from([SUPERUSER, EDITOR]), label="role")
    status = send(world.clients[role], "GET", path)
    assert status < 500


def test_the_ci_profile_makes_at_least_2000_requests():
    def examples(share):
        return max(2, settings.get_profile("ci").max_examples // share)

    total = (
        len(form_targets()) * examples(50)
        + len(SITE_READS) * examples(100)
        + len(ADMIN_MODELS) * examples(100)
    )
    assert total >= 2000
