"""The layers of the package, as the README's architecture section draws them.

Every import of a coach module, wherever it stands (at the top, inside a
function, under ``TYPE_CHECKING``), must go to the same package or down a
layer; no two modules may import each other, however long the way round;
nothing below the screen imports Textual or Rich.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import coach

PACKAGE = Path(coach.__file__).parent

LAYERS: dict[str, int] = {
    "coach": 0,  # errors, paths, text, files: the base every layer may use
    "coach.scripts": 1,
    "coach.store": 1,
    "coach.session": 2,
    "coach.followup": 3,
    "coach.workspace": 4,
    "coach.tui": 5,
    "coach.cli": 6,
    "coach.__main__": 7,
}
"""Lowest first. Packages of one layer (scripts and store) may not import each other."""

SCREEN_LIBRARIES = ("textual", "rich")
SCREEN_LAYERS = ("coach.tui", "coach.cli")
"""Where Textual and Rich may be imported (the command line only inside a command)."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> str:
    """The key of ``LAYERS`` a module belongs to: its package, else the base."""
    for name in LAYERS:
        if name != "coach" and (module == name or module.startswith(name + ".")):
            return name
    return "coach"


def imports_of(module: str) -> list[tuple[str, int]]:
    """Every module (coach's or another) that ``module`` imports, with the line."""
    tree = ast.parse(MODULES[module].read_text(), str(MODULES[module]))
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.module, node.lineno))
            found += [
                (f"{node.module}.{alias.name}", node.lineno)
                for alias in node.names
                if f"{node.module}.{alias.name}" in MODULES
            ]
    return found


def coach_graph() -> dict[str, set[str]]:
    return {
        module: {name for name, _ in imports_of(module) if name in MODULES and name != module}
        for module in MODULES
    }


def against_the_layers(module: str, imports: list[tuple[str, int]]) -> list[str]:
    """The imports of ``module`` that go up a layer or sideways to another package."""
    here = layer_of(module)
    wrong = []
    for name, line in imports:
        if not name.startswith("coach.") or layer_of(name) == here:
            continue
        there = layer_of(name)
        if LAYERS[there] >= LAYERS[here]:
            wrong.append(f"line {line}: {name} ({there}, layer {LAYERS[there]})")
    return wrong


def test_the_base_is_small_and_every_package_has_a_layer() -> None:
    base = sorted(m for m in MODULES if layer_of(m) == "coach")
    assert base == [
        "coach",
        "coach.errors",
        "coach.files",
        "coach.paths",
        "coach.text",
        "coach.vault",
    ]
    packages = {m for m in MODULES if (PACKAGE.parent / m.replace(".", "/")).is_dir()}
    assert {p for p in packages if p.count(".") == 1} <= set(LAYERS)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down_a_layer_or_stay_in_the_package(module: str) -> None:
    wrong = against_the_layers(module, imports_of(module))
    assert not wrong, f"{module} (layer {LAYERS[layer_of(module)]}) imports up or sideways: {wrong}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_only_the_screen_and_the_command_line_import_textual_or_rich(module: str) -> None:
    if module.startswith(SCREEN_LAYERS):
        return
    screen = [
        f"line {line}: {name}"
        for name, line in imports_of(module)
        if name.split(".")[0] in SCREEN_LIBRARIES
    ]
    assert not screen, f"{module} is below the screen but imports {screen}"


def test_no_import_circles() -> None:
    graph = coach_graph()
    circles = []
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()

    def visit(module: str) -> None:  # Tarjan's strongly connected components
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in graph[module]:
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for module in graph:
        if module not in index:
            visit(module)
    assert not circles, f"modules that import each other: {circles}"


def test_the_rules_catch_an_import_against_them() -> None:
    """Up a layer, sideways between siblings, and the screen from below are all caught."""
    assert against_the_layers("coach.store.sessions", [("coach.tui.app", 3)])
    assert against_the_layers("coach.store.index", [("coach.scripts.model", 4)])
    assert against_the_layers("coach.followup.plan", [("coach.workspace", 5)])
    assert against_the_layers("coach.tui.app", [("coach.cli.main", 6)])
    assert not against_the_layers("coach.tui.app", [("coach.store.sessions", 7)])
    assert not against_the_layers("coach.store.index", [("coach.store.records", 8)])


def test_few_modules_stand_directly_in_the_package() -> None:
    top = [p.name for p in PACKAGE.glob("*.py")]
    assert len(top) <= 8, top


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_over_400_lines(module: str) -> None:
    lines = len(MODULES[module].read_text().splitlines())
    assert lines <= 400, f"{module} has {lines} lines"
