"""Every URL pattern the project answers, read from its URLconf."""

from django.urls import URLResolver, get_resolver


def _walk(patterns, prefix, namespaces):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = (pattern.namespace,) if pattern.namespace else ()
            yield from _walk(
                pattern.url_patterns, _join(prefix, pattern.pattern), namespaces + namespace
            )
        else:
            name = ":".join([*namespaces, pattern.name]) if pattern.name else None
            yield _join(prefix, pattern.pattern), name


def _join(prefix, pattern):
    # As the resolver writes a match's route: a nested regex loses its leading caret.
    route = str(pattern)
    return prefix + route.removeprefix("^") if prefix else route


def routes():
    """{route: URL name or None} for every pattern, in the order the resolver tries them.

    A route shadowed by an earlier one with the same text (allauth's sign-in, which the
    project's own replaces) is the earlier one's.
    """
    found = {}
    for route, name in _walk(get_resolver().url_patterns, "", ()):
        found.setdefault(route, name)
    return found


def route_of(name):
    """The route of a named URL pattern."""
    matches = [route for route, named in routes().items() if named == name]
    if len(matches) != 1:
        raise LookupError(f"{name!r} names {len(matches)} routes")
    return matches[0]
