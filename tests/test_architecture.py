"""The layering rules, checked on the source: imports point one way, no cycles, small modules.

Layers: ``actions -> bot -> engine`` (engine never imports bot or actions; bot never imports
actions). Every import counts, lazy ones inside functions too: a cycle that only closes at run
time is still a cycle. Imports are read with `ast`, so nothing is imported to check them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("engine", "bot", "actions")  # lowest layer first
LAYER = {name: level for level, name in enumerate(PACKAGES)}
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    mods = {}
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            name = ".".join(path.relative_to(REPO).with_suffix("").parts)
            mods[name.removesuffix(".__init__")] = path
    return mods


def _imported_names(module: str, path: Path) -> set[str]:
    """Dotted names a module imports (for `from a import b`: both `a` and `a.b`)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
                package = package[: len(package) - node.level + 1]
                base = ".".join(package + ([base] if base else []))
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def import_graph() -> dict[str, set[str]]:
    """Project module -> project modules it imports (a package's own submodules aside)."""
    mods = _modules()

    def owner(name: str) -> str | None:
        while name and name not in mods:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for module, path in mods.items():
        targets = {owner(name) for name in _imported_names(module, path)}
        graph[module] = {t for t in targets if t and t != module and not module.startswith(t + ".")}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def violations() -> set[str]:
    graph = import_graph()
    found = {"cycle: " + " <-> ".join(c) for c in cycles(graph)}
    found |= {f"upward: {a} -> {b}" for a, targets in graph.items() for b in targets
              if LAYER[b.split(".")[0]] > LAYER[a.split(".")[0]]}
    found |= {f"size: {m}" for m, p in _modules().items()
              if len(p.read_text(encoding="utf-8").splitlines()) > MAX_LINES}
    return found


def test_no_import_cycles_upward_imports_or_oversized_modules():
    new = sorted(violations())
    assert not new, "layering rules broken:\n" + "\n".join(new)


def test_the_checker_sees_a_cycle_an_upward_import_and_a_relative_import(tmp_path):
    graph = {"engine.a": {"engine.b"}, "engine.b": {"engine.c"}, "engine.c": {"engine.a"},
             "bot.x": {"engine.a"}, "engine.d": set()}
    assert cycles(graph) == [["engine.a", "engine.b", "engine.c"]]
    module = tmp_path / "m.py"
    module.write_text("from . import sibling\nfrom ..engine import retrieval\n"
                      "def f():\n    import actions.actions\n")
    assert _imported_names("bot.pkg.m", module) >= {"bot.pkg.sibling", "bot.engine.retrieval",
                                                    "actions.actions"}


# -- the rooms inside each layer ------------------------------------------------------------------
# Each top-level package's sub-packages (and root modules) from lowest to highest: a module may
# import its own room and lower rooms only. A new room must be placed here to be allowed.
ROOMS = {
    "engine": (("errors", "paths", "threads", "config", "memo"), ("text",), ("data",), ("degrees",),
               ("retrieval",), ("walks",), ("metrics",), ("models",), ("training",), ("eval",)),
    "bot": (("types",), ("nlu",), ("store",), ("dialogue",), ("runtime",), ("serve", "sim"),
            ("logs",), ("cli",)),
    "actions": (("actions",),),
}
# The only modules allowed at a package root: errors, paths, threads, config and memo in engine.
ROOT_MODULES = {"engine": {"errors", "paths", "threads", "config", "memo"}, "bot": {"types", "runtime"},
                "actions": {"actions"}}


def room_of(module: str) -> tuple[str, int]:
    top, _, rest = module.partition(".")
    room = rest.split(".")[0] if rest else ""
    for level, rooms in enumerate(ROOMS[top]):
        if room in rooms:
            return f"{top}.{room}", level
    raise KeyError(f"{module}: room {top}.{room} is not placed in ROOMS")


def room_violations(graph: dict[str, set[str]]) -> set[str]:
    found = set()
    for a, targets in graph.items():
        for b in targets:
            if a.split(".")[0] != b.split(".")[0] or "." not in a or "." not in b:
                continue  # between layers: checked above; package __init__ modules: no code
            (room_a, level_a), (room_b, level_b) = room_of(a), room_of(b)
            if level_b > level_a:
                found.add(f"upward room: {a} ({room_a}) -> {b} ({room_b})")
    return found


def crowded_roots() -> set[str]:
    """Package folders holding three or more sibling modules that share a name prefix
    ("degrees_fit.py", "degrees_load.py", ...): those want a sub-package of their own."""
    found = set()
    for package in PACKAGES:
        for folder in [REPO / package, *(p for p in (REPO / package).rglob("*") if p.is_dir())]:
            if "__pycache__" in folder.parts or not (folder / "__init__.py").exists():
                continue
            stems = [p.stem for p in folder.glob("*.py") if p.stem != "__init__"]
            prefixes = {}
            for stem in stems:
                prefixes.setdefault(stem.split("_")[0], []).append(stem)
            found |= {f"crowded: {folder.relative_to(REPO)}/{prefix}_* ({', '.join(sorted(names))})"
                      for prefix, names in prefixes.items() if len(names) >= 3}
    return found


def test_every_module_lives_in_a_placed_room_and_imports_only_its_own_or_lower_rooms():
    graph = import_graph()
    unplaced = set()
    for module in graph:
        if "." in module:
            try:
                room_of(module)
            except KeyError as error:
                unplaced.add(str(error))
    roots = {f"root module: {m}" for m in graph if m.count(".") == 1
             and m.split(".")[1] not in ROOT_MODULES[m.split(".")[0]]
             and not (REPO / m.replace(".", "/")).is_dir()}
    new = sorted(unplaced | roots | room_violations(graph) | crowded_roots())
    assert not new, "package boundaries broken:\n" + "\n".join(new)


def test_the_room_checker_sees_an_upward_import_and_a_crowded_folder(tmp_path):
    graph = {"engine.text.minilm": {"engine.degrees.model"}, "engine.degrees.model": {"engine.text.minilm"}}
    assert room_violations(graph) == {
        "upward room: engine.text.minilm (engine.text) -> engine.degrees.model (engine.degrees)"}
    with pytest.raises(KeyError, match="engine.kitchen is not placed"):
        room_of("engine.kitchen.sink")
