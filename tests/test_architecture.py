"""The layers of the application, written down as import contracts and checked on every run.

Read from the source (the ``ast`` of every module under ``cami_desktop/``), not by importing it:

* **The stack.** ``__main__`` → ``cli`` → ``app`` → ``ui`` → ``core``: each imports only what
  stands below it, and the command line reaches the window only through ``app``. (That the core
  imports no Qt at all is ``tests/core/test_no_qt.py``.)
* **Inside the core**, from top to bottom: ``secretariat`` → ``trust`` → ``export`` →
  ``cycle``, ``settings`` → ``reports`` → ``store``, ``forms``, ``signing`` → ``errors``,
  ``values``, ``filenames`` → ``i18n`` → ``paths``. A part imports only parts of the floors
  below it, never one beside it or above it; the store in particular imports nothing of the
  core but ``errors``, ``i18n`` and ``paths``.
* **No import circle anywhere.** Imports inside functions count as much as those at the top of a
  module (they run too, only later); those under ``if TYPE_CHECKING:`` are ignored (they never
  run). Importing ``a.b.c`` also runs the ``__init__`` of ``a.b``, so that counts as an import
  of ``a.b`` as well.

Every module-level ``cami_desktop`` import counts, whether it names a module
(``from ..core.reports import session``) or something in one (``from ..core.reports.session
import ReportSession``).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "cami_desktop"


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the imported module (a module or package of cami_desktop, or anything else)
    where: str  # path:line, for the message

    def __str__(self) -> str:
        return f"{self.where}: {self.source} imports {self.target}"


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_of(path: Path, name: str, modules: set[str], root: Path = ROOT) -> list[Import]:
    """Every import the module at ``path`` runs, at any depth, but those under ``if TYPE_CHECKING:``."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[Import] = []
    where = path.relative_to(root).as_posix()

    def add(target: str, line: int) -> None:
        found.append(Import(name, target, f"{where}:{line}"))
        # importing a.b.c runs a.b's __init__ first, unless the importer is inside a.b already
        parts = target.split(".")
        for depth in range(2, len(parts)):
            parent = ".".join(parts[:depth])
            if parent in modules and not (name + ".").startswith(parent + "."):
                found.append(Import(name, parent, f"{where}:{line}"))

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking(child):
                for other in child.orelse:
                    visit_one(other)
                continue
            visit_one(child)

    def visit_one(child: ast.AST) -> None:
        if isinstance(child, ast.Import):
            for alias in child.names:
                add(alias.name, child.lineno)
        elif isinstance(child, ast.ImportFrom):
            if child.level:
                base = package.split(".")
                base = base[:len(base) - child.level + 1]
                target = ".".join(base + ([child.module] if child.module else []))
            else:
                target = child.module or ""
            for alias in child.names:
                submodule = f"{target}.{alias.name}"
                add(submodule if submodule in modules else target, child.lineno)
        visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    return found


def graph(root: Path = ROOT) -> list[Import]:
    paths = {module_name(path, root): path for path in (root / PACKAGE).rglob("*.py")}
    modules = set(paths)
    edges = []
    for name, path in sorted(paths.items()):
        edges += [edge for edge in imports_of(path, name, modules, root) if edge.target != name]
    return edges


@lru_cache(maxsize=None)
def _graph() -> tuple[Import, ...]:
    return tuple(graph())


def internal(edges) -> list[Import]:
    return [edge for edge in edges if edge.target == PACKAGE or edge.target.startswith(PACKAGE + ".")]


def part(module: str, prefix: str) -> str | None:
    """The part of ``prefix`` that ``module`` belongs to (``cami_desktop.core.reports.session`` → ``reports``)."""
    if not module.startswith(prefix + "."):
        return None
    return module[len(prefix) + 1:].split(".")[0]


# ---------------------------------------------------------------- the stack: cli → app → ui → core

STACK = ["__main__", "cli", "app", "ui", "core"]  # each may import only what follows it


def stack_breaches(edges) -> list[str]:
    bad = []
    for edge in internal(edges):
        source, target = part(edge.source, PACKAGE), part(edge.target, PACKAGE)
        if source is None or target is None or source == target:
            continue  # the package's own __init__ (the version) may be imported by everyone
        if source in STACK and target in STACK and STACK.index(target) <= STACK.index(source):
            bad.append(str(edge))
        elif source == "cli" and target == "ui":
            bad.append(f"{edge} (the command line opens the window only through app.run_window)")
    return bad


def test_the_stack_runs_one_way_cli_app_ui_core():
    assert stack_breaches(_graph()) == []


def test_the_command_line_reaches_the_window_only_through_app():
    bad = [str(edge) for edge in internal(_graph())
           if part(edge.source, PACKAGE) == "cli" and part(edge.target, PACKAGE) == "ui"]
    assert bad == []


# ---------------------------------------------------------------- inside the core

CORE = f"{PACKAGE}.core"
#: From top to bottom; a part imports only parts of the floors below its own.
CORE_FLOORS = [
    {"secretariat"},
    {"trust"},
    {"export"},
    {"cycle", "settings"},
    {"reports"},
    {"store", "forms", "signing"},
    {"errors", "values", "filenames"},
    {"i18n"},
    {"paths"},
]
#: What the store may import of the core: the ground it stands on, nothing it stores for.
STORE_MAY_IMPORT = {"errors", "i18n", "paths"}


def floor_of(name: str) -> int:
    for index, floor in enumerate(CORE_FLOORS):
        if name in floor:
            return index
    raise AssertionError(f"{CORE}.{name} stands on no floor: add it to CORE_FLOORS in {Path(__file__).name}")


def core_breaches(edges) -> list[str]:
    bad = []
    for edge in internal(edges):
        source, target = part(edge.source, CORE), part(edge.target, CORE)
        if source is None:
            continue
        if part(edge.target, PACKAGE) in ("ui", "cli", "app", "__main__"):
            bad.append(f"{edge} (the core imports nothing above it)")
            continue
        if target is None or target == source:
            continue
        if floor_of(target) <= floor_of(source):
            bad.append(f"{edge} ({target} does not stand below {source})")
        if source == "store" and target not in STORE_MAY_IMPORT:
            bad.append(f"{edge} (the store imports only {', '.join(sorted(STORE_MAY_IMPORT))} of the core)")
    return bad


def test_every_part_of_the_core_stands_on_a_floor():
    parts = {module_name(path).split(".")[2] for path in (ROOT / PACKAGE / "core").rglob("*.py")
             if path.parent != ROOT / PACKAGE / "core" or path.name != "__init__.py"}
    for name in parts:
        floor_of(name)


def test_the_core_imports_only_downwards():
    assert core_breaches(_graph()) == []


# ---------------------------------------------------------------- no circles

def circles(edges) -> list[list[str]]:
    """The strongly connected groups of more than one module (each holds at least one circle)."""
    following: dict[str, set[str]] = {}
    for edge in internal(edges):
        following.setdefault(edge.source, set()).add(edge.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def connect(node: str) -> None:  # Tarjan's algorithm, iteratively (no recursion limit)
        work = [(node, iter(sorted(following.get(node, ()))))]
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        while work:
            current, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(following.get(successor, ())))))
                    break
                if successor in on_stack:
                    low[current] = min(low[current], index[successor])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[current])
                if low[current] == index[current]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == current:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))

    for node in sorted(following):
        if node not in index:
            connect(node)
    return groups


def test_no_import_circle_anywhere():
    found = circles(_graph())
    details = [[str(edge) for edge in internal(_graph()) if edge.source in group and edge.target in group]
               for group in found]
    assert found == [], details


# ---------------------------------------------------------------- the checks themselves

def _edges(*pairs: tuple[str, str]) -> list[Import]:
    return [Import(f"{PACKAGE}.{a}", f"{PACKAGE}.{b}", "x.py:1") for a, b in pairs]


@pytest.mark.parametrize("pairs", [
    [("core.reports.session", "ui.editor.report_editor")],  # the core imports the window
    [("ui.report_list", "cli.report_cmd")],  # the window imports the command line
    [("cli.report_cmd", "ui.report_list")],  # the command line opens the window itself
    [("app", "cli")],
])
def test_a_breach_of_the_stack_is_caught(pairs):
    assert stack_breaches(_edges(*pairs)) or core_breaches(_edges(*pairs))


@pytest.mark.parametrize("pairs", [
    [("core.store.submissions", "core.trust.assess")],  # the store reaches up
    [("core.store.records", "core.values")],  # a ground module, but not the store's
    [("core.reports.session", "core.cycle.editing")],  # a floor below imports one above
    [("core.store.reports", "core.forms.model")],  # beside it
])
def test_a_breach_inside_the_core_is_caught(pairs):
    assert core_breaches(_edges(*pairs))


def test_a_circle_is_caught_even_through_a_package_face(tmp_path):
    package = tmp_path / PACKAGE
    (package / "inner").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "inner" / "__init__.py").write_text("from . import low\n")
    (package / "inner" / "low.py").write_text("def f():\n    from ..top import x\n")  # inside a function
    (package / "top.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .inner import low\n"
                                    "from .inner.low import f\n")
    assert circles(graph(tmp_path)) == [[f"{PACKAGE}.inner", f"{PACKAGE}.inner.low", f"{PACKAGE}.top"]]
    (package / "inner" / "low.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                              "    from ..top import x\n")
    assert circles(graph(tmp_path)) == []
