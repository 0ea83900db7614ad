"""How a row of the authorization matrix is written, tried as each column, and its answer read.

tests/security/test_authorization.py names the columns and the answers.
"""

import dataclasses
from collections.abc import Callable
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from django.db import transaction
from django.urls import resolve, reverse

from tests.security.routes import route_of
from tests.security.world import NO_MFA, ROLES, Changes, forget_limits


@dataclasses.dataclass(frozen=True)
class Row:
    """One request, and the answer each column must get (a string of nine words)."""

    name: str  # the URL's name, or its route when the pattern has none
    method: str
    expected: str
    call: Callable  # (world, role, client, prepared) -> (path, data)
    prepare: Callable | None = None  # (world) -> what every role's call shares
    label: str = ""

    @property
    def route(self):
        return self.name if "/" in self.name else route_of(self.name)

    def __str__(self):
        return self.label or f"{self.method.upper()} {self.name}"


def answers(expected):
    words = expected.split()
    assert len(words) == len(ROLES), expected
    return dict(zip(ROLES, words, strict=True))


def everyone(answer, *, no_mfa="mfa"):
    return " ".join(no_mfa if role == NO_MFA else answer for role in ROLES)


def fixed(path, data=None):
    """A call that is the same for everyone."""
    return lambda world, role, client, prepared: (path(world) if callable(path) else path, data)


# Reading an answer


def _kind(response):
    status = response.status_code
    if status in {301, 302, 303, 307, 308}:
        target = urlsplit(response["Location"]).path
        names = {
            reverse("account_login"): "login",
            reverse("mfa_activate_totp"): "mfa",
            reverse("account_reauthenticate"): "reauth",
            reverse("mfa_reauthenticate"): "reauth",
        }
        return names.get(target, "moved")
    return {
        200: "shown",
        400: "invalid",
        403: "denied",
        404: "missing",
        405: "method",
        410: "gone",
        429: "limited",
    }.get(status, str(status))


def answer(client, response, changed):
    kind = _kind(response)
    if kind == "moved" and urlsplit(response["Location"]).path == reverse("admin:login"):
        # The admin sends everyone it turns away to its login, which says what to do.
        kind = _kind(client.get(response["Location"]))
    if changed:
        return "done" if kind in {"shown", "moved", "login", "reauth"} else f"{kind}+changed"
    return kind


def try_row(world, row):
    """Make the row's request as each column; return the answers that are not the expected."""
    prepared = row.prepare(world) if row.prepare else None
    wrong = []
    for role, expected in answers(row.expected).items():
        client = world.clients[role]
        cookies = SimpleCookie(client.cookies)
        with transaction.atomic():
            forget_limits()
            path, data = row.call(world, role, client, prepared)
            assert resolve(urlsplit(path).path).route == row.route, (str(row), path)
            try:
                with Changes(client) as changed:
                    response = getattr(client, row.method)(path, data)
            except Exception as error:  # the test client re-raises what became a 500
                got, what = "500", repr(error)
            else:
                got, what = answer(client, response, changed.tables), sorted(changed.tables)
            transaction.set_rollback(True)
        client.cookies = cookies
        if got != expected:
            wrong.append(f"{row} as {role}: expected {expected}, got {got} {what}")
    return wrong
