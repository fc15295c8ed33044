"""The project's imports: no cycle between its modules, and each app reads only the layers below."""

import ast
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
# Lowest first: an app imports its own modules and those of the layers below.
LAYERS = [
    {"secretariat"},
    {"slug_history", "audit", "backup"},
    {"tags"},
    {"people"},
    {"events"},
    {"topics", "feeds", "search"},
    {"api"},
]
LAYER = {app: number for number, apps in enumerate(LAYERS) for app in apps}
# The root URLconf and settings name every app; a person's and an organisation's
# pages list their events, read from events.selectors. The admin finds people,
# organisations and tags by name as the search does (search.backends' `named`).
MAY_IMPORT_ANY_APP = {
    "secretariat.urls",
    "secretariat.settings",
    "people.views",
    "people.admin",
    "people.forms",
    "tags.admin",
}


def project_modules():
    """{module name: its file} for every module of the project's apps, migrations left out."""
    modules = {}
    for app in LAYER:
        for path in (BASE_DIR / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(BASE_DIR).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            modules[name] = path
    return modules


def imports(path, modules):
    """The project modules `path` imports, at any depth of its code."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in modules else node.module)
    return {name for name in found if name in modules}


def graph():
    modules = project_modules()
    return {name: imports(path, modules) for name, path in modules.items()}


def find_cycle(edges):
    """A list of modules importing each other round to the first, or None."""
    state, stack = {}, []

    def visit(module):
        state[module] = "open"
        stack.append(module)
        for target in sorted(edges[module]):
            if state.get(target) == "open":
                return [*stack[stack.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[module] = "done"
        return None

    for module in sorted(edges):
        if module not in state and (cycle := visit(module)):
            return cycle
    return None


def test_no_two_modules_import_each_other_even_through_others():
    assert find_cycle(graph()) is None


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]


def test_each_app_imports_only_the_layers_below_it():
    upward = sorted(
        (module, target)
        for module, targets in graph().items()
        if module not in MAY_IMPORT_ANY_APP
        for target in targets
        if LAYER[target.split(".")[0]] > LAYER[module.split(".")[0]]
        or (
            LAYER[target.split(".")[0]] == LAYER[module.split(".")[0]]
            and target.split(".")[0] != module.split(".")[0]
        )
    )

    assert upward == []


def test_every_app_of_the_project_has_a_layer():
    local = {app for app in settings.INSTALLED_APPS if (BASE_DIR / app).is_dir()}

    assert local == set(LAYER)
