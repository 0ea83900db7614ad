"""Dependencies point one way (STYLE.md rule 21, issue 14), read from the code itself.

Every hand-written module's imports are read with `ast`: `import x` and `from x import y`,
relative ones, and those inside functions, which count like any other (an import deferred
into a function is still a dependency, and deferring one is how a cycle usually hides).
Every template's `{% load %}` tags count as imports of the app whose templatetags/ defines
the library, and its `{% include %}` and `{% extends %}` of another app's template (by its
folder: `newsletter/email/_layout.html`) as imports of that app; base.html and the error
pages belong to no app. From these the tests below fail on:

- an import from `articles`, the base of the domain, into an app above it;
- a cycle between apps, or between the modules of one app;
- an app importing `veridact`, which only wires (settings reach apps through django.conf);
- a hand-written module (migrations aside) over MAX_LINES lines.

`python -m tests.test_architecture` prints the apps' arrows, which docs/architecture.md shows.
"""

import ast
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ("articles", "predictions", "accounts", "newsletter", "discussion", "pagecache", "limits")
# The base of the domain, and the domain apps that build on it and that it may not import.
BASE = "articles"
ABOVE_BASE = ("accounts", "predictions", "newsletter", "discussion")
# Settings, URLs, Celery, WSGI: it imports the apps to wire them, and no app imports it.
WIRING = "veridact"
MAX_LINES = 400
# Folders no module of the project lives in (hidden ones are skipped too, but for .ci).
SKIPPED = {".venv", "var", "node_modules", "__pycache__", "migrations", "static", "docs"}
# Templates at the project level are the app's whose folder they sit in, the pages of
# allauth's folders are the accounts app's, and the rest (base.html, error pages) wire.
TEMPLATE_FOLDERS = {"account": "accounts", "allauth": "accounts", "mfa": "accounts"}
LOAD = re.compile(r"{%\s*load\s+(.+?)\s*%}")
# Only literal names: a template chosen at run time (`{% include kind.template %}`) is not read.
INCLUDE = re.compile(r"""{%\s*(?:include|extends)\s+["']([^"']+)["']""")


@dataclass(frozen=True)
class Import:
    """One module (or template) depending on another, and where it says so."""

    source: str  # a dotted module name, or a template's path
    target: str  # the dotted module name imported
    file: str
    line: int
    app: str | None  # the app (or `veridact`) the source belongs to; None for tests, tools

    def __str__(self):
        return f"{self.file}:{self.line} ({self.source} -> {self.target})"


def hand_written_files(suffix, root=ROOT):
    """Yield every file of the project ending in `suffix`, migrations and tools' folders aside."""
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(
            name
            for name in subfolders
            if name not in SKIPPED and (not name.startswith(".") or name == ".ci")
        )
        for name in sorted(files):
            if name.endswith(suffix):
                yield Path(folder, name)


def module_name(path, root=ROOT):
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def app_of(name):
    """The app (or `veridact`) a module or template belongs to; None for tests and tools."""
    if "/" in name:
        return template_owner(name)
    top = name.split(".")[0]
    return top if top in (*APPS, WIRING) else None


def imports_in(source, *, module, is_package, file, known):
    """Yield the project modules `source` imports, wherever in it the import statement is.

    `from package import name` names the submodule package.name when there is one (`known`
    holds the project's module names), else the package itself.
    """
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = joined(".".join(anchor), base)
            targets = [
                submodule if (submodule := joined(base, alias.name)) in known else base
                for alias in node.names
            ]
        else:
            continue
        for target in dict.fromkeys(targets):
            owner = project_module(target, known)
            if owner is not None and owner != module:
                yield Import(module, owner, file, node.lineno, app_of(module))


def joined(*names):
    return ".".join(name for name in names if name)


def project_module(name, known):
    """The project module `name` is or lies in (`articles.models.Article` is articles.models)."""
    while name:
        if name in known:
            return name
        name = name.rpartition(".")[0]
    return None


def tag_libraries(root=ROOT):
    """Map each template tag library to the module that defines it (<app>/templatetags/)."""
    return {
        path.stem: module_name(path, root)
        for app in APPS
        for path in sorted((root / app / "templatetags").glob("*.py"))
        if path.stem != "__init__"
    }


def template_owner(name):
    """The app a template belongs to, from its name (`articles/home.html`)."""
    parts = name.split("/")
    if parts[0] == "admin" and len(parts) > 2 and parts[1] in APPS:  # admin/<app>/<model>/
        return parts[1]
    if parts[0] in APPS:
        return parts[0]
    return TEMPLATE_FOLDERS.get(parts[0], WIRING)


def template_imports(root=ROOT):
    """Yield an Import for each project library a template loads, and for each app's
    template it includes or extends, from the app the template belongs to."""
    libraries = tag_libraries(root)
    for path in hand_written_files(".html", root):
        relative = path.relative_to(root)
        if "templates" not in relative.parts:
            continue
        file = str(relative)
        owner = template_owner("/".join(relative.parts[relative.parts.index("templates") + 1 :]))
        for number, text in enumerate(path.read_text().splitlines(), start=1):
            for match in LOAD.finditer(text):
                # `{% load a b %}` or `{% load name from library %}`
                words = match.group(1).split()
                for name in words[-1:] if "from" in words else words:
                    if name in libraries:
                        yield Import(file, libraries[name], file, number, owner)
            for name in INCLUDE.findall(text):
                app = template_owner(name)
                if app != WIRING:  # base.html, error pages and other apps' templates
                    yield Import(file, name, file, number, owner)


def project_imports(root=ROOT):
    """Every import between the project's modules, and every template's of another app."""
    paths = list(hand_written_files(".py", root))
    known = {module_name(path, root) for path in paths}
    found = []
    for path in paths:
        found += imports_in(
            path.read_text(),
            module=module_name(path, root),
            is_package=path.name == "__init__.py",
            file=str(path.relative_to(root)),
            known=known,
        )
    return found + list(template_imports(root))


def app_edges(imports):
    """The imports between different apps, by (app, app) arrow."""
    edges = defaultdict(list)
    for item in imports:
        source, target = item.app, app_of(item.target)
        if source and target and source != target:
            edges[source, target].append(item)
    return edges


def module_edges(imports):
    """The imports between different modules of one app (templates aside), by arrow."""
    edges = defaultdict(list)
    for item in imports:
        if item.file.endswith(".py") and item.app and item.app == app_of(item.target):
            edges[item.source, item.target].append(item)
    return edges


def cycles(arrows):
    """The strongly connected groups of more than one node (Tarjan), each sorted."""
    graph = defaultdict(set)
    for source, target in arrows:
        graph[source].add(target)
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while not group or node not in group:
                group.add(stack.pop())
            on_stack.difference_update(group)
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def describe_cycles(edges):
    """One paragraph per cycle: its members and the imports that close it."""
    paragraphs = []
    for group in cycles(edges):
        lines = [
            f"  {source} -> {target}: " + ", ".join(str(item) for item in edges[source, target])
            for source, target in sorted(edges)
            if source in group and target in group
        ]
        paragraphs.append(f"cycle between {', '.join(group)}:\n" + "\n".join(lines))
    return "\n".join(paragraphs)


def forbidden(edges, *, sources, targets):
    return [
        f"{source} -> {target}: " + ", ".join(str(item) for item in items)
        for (source, target), items in sorted(edges.items())
        if source in sources and target in targets
    ]


def long_modules(root=ROOT, limit=MAX_LINES):
    found = []
    for path in hand_written_files(".py", root):
        lines = len(path.read_text().splitlines())
        if lines > limit:
            found.append(f"{path.relative_to(root)}: {lines} lines")
    return found


def arrows_between_apps(imports):
    """The apps' arrows (wiring aside) as text: each app and what it imports."""
    edges = app_edges(imports)
    lines = []
    for app in APPS:
        targets = sorted(target for source, target in edges if source == app and target in APPS)
        lines.append(f"{app} -> {', '.join(targets) or '(nothing)'}")
    return "\n".join(lines)


# The project


IMPORTS = project_imports()


def test_the_reader_sees_the_project():
    # Not vacuous: known arrows of each kind are read.
    edges = app_edges(IMPORTS)
    assert ("predictions", "articles") in edges
    assert ("veridact", "articles") in edges  # the URLs wire the apps
    assert any(item.file.startswith("templates/") for item in IMPORTS)  # {% load %} tags
    assert ("articles.views", "articles.models") in module_edges(IMPORTS)


def test_the_base_imports_no_domain_app_above_it():
    edges = app_edges(IMPORTS)
    problems = forbidden(edges, sources={BASE}, targets=set(ABOVE_BASE))
    assert not problems, "articles imports an app above it:\n" + "\n".join(problems)


def test_no_cycle_between_apps():
    edges = {arrow: items for arrow, items in app_edges(IMPORTS).items() if WIRING not in arrow}
    assert not cycles(edges), describe_cycles(edges)


def test_no_cycle_between_the_modules_of_an_app():
    edges = module_edges(IMPORTS)
    assert not cycles(edges), describe_cycles(edges)


def test_no_app_imports_the_wiring():
    problems = forbidden(app_edges(IMPORTS), sources=set(APPS), targets={WIRING})
    assert not problems, "an app imports veridact:\n" + "\n".join(problems)


def test_the_architecture_doc_draws_the_arrows_the_code_has():
    doc = (ROOT / "docs" / "architecture.md").read_text()
    assert arrows_between_apps(IMPORTS) in doc, "docs/architecture.md: the apps' arrows changed"
    assert "[docs/architecture.md](docs/architecture.md)" in (ROOT / "README.md").read_text()


def test_no_hand_written_module_is_too_long_to_read_in_one_sitting():
    problems = long_modules()
    assert not problems, f"over {MAX_LINES} lines:\n" + "\n".join(problems)


# The checker itself, on made-up code: each rule catches what it is there for.


def test_the_reader_resolves_relative_and_function_level_imports():
    source = (
        "import articles.models\n"
        "from . import parts\n"
        "from .. import limits\n"
        "def view():\n"
        "    from accounts.models import User\n"
        "    from .models import Article\n"
    )
    known = {"articles.models", "articles.parts", "articles.views", "accounts.models", "limits"}
    found = imports_in(
        source, module="articles.views", is_package=False, file="articles/views.py", known=known
    )
    assert sorted((item.line, item.target) for item in found) == [
        (1, "articles.models"),
        (2, "articles.parts"),
        (3, "limits"),
        (5, "accounts.models"),
        (6, "articles.models"),
    ]


def test_the_checks_catch_a_cycle_and_a_forbidden_import():
    def made_up(source, target):
        return Import(source, target, f"{source.replace('.', '/')}.py", 1, app_of(source))

    imports = [
        made_up("articles.views", "accounts.models"),
        made_up("accounts.views", "predictions.models"),
        made_up("predictions.views", "articles.models"),
        made_up("pagecache.pages", "veridact.settings"),
        made_up("limits.a", "limits.b"),
        made_up("limits.b", "limits.c"),
        made_up("limits.c", "limits.a"),
    ]
    edges = app_edges(imports)
    assert cycles(edges) == [["accounts", "articles", "predictions"]]
    assert "articles/views.py:1 (articles.views -> accounts.models)" in describe_cycles(edges)
    assert forbidden(edges, sources={BASE}, targets=set(ABOVE_BASE)) == [
        "articles -> accounts: articles/views.py:1 (articles.views -> accounts.models)"
    ]
    assert forbidden(edges, sources=set(APPS), targets={WIRING}) == [
        "pagecache -> veridact: pagecache/pages.py:1 (pagecache.pages -> veridact.settings)"
    ]
    assert cycles(module_edges(imports)) == [["limits.a", "limits.b", "limits.c"]]
    assert not cycles({("a", "b"): [], ("b", "c"): [], ("a", "c"): []})


def test_the_checks_read_templates_and_count_lines(tmp_path):
    (tmp_path / "predictions" / "templatetags").mkdir(parents=True)
    (tmp_path / "predictions" / "templatetags" / "forecasts.py").write_text("x = 1\n" * 401)
    (tmp_path / "templates" / "articles").mkdir(parents=True)
    (tmp_path / "templates" / "articles" / "home.html").write_text(
        "{% extends 'base.html' %}\n{% load static forecasts %}\n"
        '{% include "discussion/includes/_thread.html" %}\n'
    )
    found = [(item.file, item.line, item.target) for item in template_imports(tmp_path)]
    assert found == [
        ("templates/articles/home.html", 2, "predictions.templatetags.forecasts"),
        ("templates/articles/home.html", 3, "discussion/includes/_thread.html"),
    ]
    edges = app_edges(template_imports(tmp_path))
    assert sorted(edges) == [("articles", "discussion"), ("articles", "predictions")]
    assert long_modules(tmp_path) == ["predictions/templatetags/forecasts.py: 401 lines"]


if __name__ == "__main__":
    print(arrows_between_apps(IMPORTS))
