"""The shape of the code: one hook file, plain vaultlib, no import circles, no module state.

These read the source (imports and module-level statements), so a change that
breaks the layout fails here before it shows anywhere else.
"""
from __future__ import annotations

import ast
from pathlib import Path

import yaml

from sitebuild import ROOT

HOOKS = ROOT / "hooks"
HOOK_FILE = HOOKS / "vault.py"
PACKAGES = ("vaultlib", "vaultsite")
MUTABLE_CALLS = {"list", "dict", "set", "Counter", "defaultdict", "deque", "OrderedDict", "bytearray"}
MUTATING_METHODS = {"append", "extend", "insert", "update", "clear", "pop", "popitem", "add", "discard", "remove",
                    "setdefault", "sort", "reverse"}
STATE_HOLDER = ("vault.py", "site")  # the one object, documented in hooks/vaultsite/site.py


def sources() -> dict[str, Path]:
    """Module name -> file, for the hook file and both packages."""
    found = {"vault": HOOK_FILE}
    for package in PACKAGES:
        for path in (HOOKS / package).rglob("*.py"):
            parts = path.relative_to(HOOKS).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules a module imports (relative imports resolved; submodules named by from-imports)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return {module for module in found if module in known and module != name}


def import_graph() -> dict[str, set[str]]:
    modules = sources()
    return {name: imports_of(name, path, set(modules)) for name, path in modules.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), i.e. the import circles."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_mkdocs_runs_one_hook_file_and_only_it_handles_events():
    listed = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["hooks"]
    assert listed == ["hooks/vault.py"]
    tree = ast.parse(HOOK_FILE.read_text(encoding="utf-8"))
    events = [node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name.startswith("on_")]
    assert {event.name for event in events} >= {"on_config", "on_files", "on_page_markdown", "on_post_build"}
    assert all(ast.get_docstring(event) for event in events), "every event says what it does"
    for name, path in sources().items():
        if name == "vault":
            continue
        module = ast.parse(path.read_text(encoding="utf-8"))
        handlers = [n.name for n in module.body if isinstance(n, ast.FunctionDef) and n.name.startswith("on_")]
        assert not handlers, f"{path}: event handlers belong in hooks/vault.py ({handlers})"


def test_vaultlib_never_imports_mkdocs():
    for path in (HOOKS / "vaultlib").rglob("*.py"):
        tree = ast.parse(path.read_text())
        names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        names |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and not node.level}
        assert not any(name.split(".")[0] in ("mkdocs", "vaultsite", "vault") for name in names), path


def test_no_module_imports_the_hook_file_and_adapters_sit_above_vaultlib():
    graph = import_graph()
    assert not [name for name, imported in graph.items() if "vault" in imported]
    assert not [name for name, imported in graph.items() if name.startswith("vaultlib")
                and any(other.startswith("vaultsite") for other in imported)]


def test_there_are_no_import_circles_between_modules_or_stages():
    graph = import_graph()
    assert circles(graph) == []
    stages: dict[str, set[str]] = {}  # vaultlib.render.quotes -> vaultlib.render
    for name, imported in graph.items():
        stage = ".".join(name.split(".")[:2])
        stages.setdefault(stage, set()).update(".".join(other.split(".")[:2]) for other in imported)
    for stage, imported in stages.items():
        imported.discard(stage)
    assert circles(stages) == []


def test_the_circle_finder_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def module_state(path: Path) -> list[str]:
    """Module-level state of a file: mutable containers under lower-case names, caches, globals, mutation."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    bound: set[str] = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        value = getattr(node, "value", None)
        for target in targets:
            if not isinstance(target, ast.Name):
                continue
            bound.add(target.id)
            if (path.name, target.id) == STATE_HOLDER:
                continue
            if _is_mutable(value) and not target.id.lstrip("_").isupper():
                found.append(f"{path.name}: module-level mutable '{target.id}'")
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in node.decorator_list:
                called = decorator.func if isinstance(decorator, ast.Call) else decorator
                name = called.attr if isinstance(called, ast.Attribute) else getattr(called, "id", "")
                if name in ("lru_cache", "cache"):
                    found.append(f"{path.name}: '{node.name}' keeps a module-level cache")
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            found.append(f"{path.name}: global {', '.join(node.names)}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and isinstance(node.func.value, ast.Name) and node.func.value.id in bound \
                and node.func.attr in MUTATING_METHODS and (path.name, node.func.value.id) != STATE_HOLDER:
            found.append(f"{path.name}: '{node.func.value.id}.{node.func.attr}(...)' changes module state")
        if isinstance(node, (ast.Assign, ast.AugAssign)):
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and target.value.id in bound:
                    found.append(f"{path.name}: '{target.value.id}[...] =' changes module state")
    return found


def _is_mutable(value) -> bool:
    if isinstance(value, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)):
        return True
    return isinstance(value, ast.Call) and getattr(value.func, "id", getattr(value.func, "attr", "")) in MUTABLE_CALLS


def test_no_module_keeps_state_but_the_one_build_object():
    state = [problem for path in sources().values() for problem in module_state(path)]
    assert state == []


def test_the_state_scan_sees_state(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import functools\ncurrent = {}\nTABLE = {'a': 1}\n"
                      "@functools.lru_cache\ndef f(x):\n    return x\n"
                      "def g():\n    global current\n    TABLE['b'] = 2\n    TABLE.update(c=3)\n")
    assert len(module_state(sample)) == 5
