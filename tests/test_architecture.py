"""The shape the code keeps: imports in one direction without cycles, short functions, no borrowed private names.

The layers themselves are import-linter's contract in pyproject.toml (`lint-imports`, run by .ci/run);
these tests hold what a contract between layers cannot see.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "portal"
LONGEST_FUNCTION = 60  # lines, decorators and docstring included


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported(path: Path) -> list[tuple[str, list[str]]]:
    """Every portal module a file imports (anywhere in it, `if TYPE_CHECKING:` blocks included), with the names taken."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            names = [alias.name for alias in node.names]
            submodules = [f"{target}.{alias}" for alias in names if f"{target}.{alias}" in MODULES]
            found += [(module, []) for module in submodules]
            found.append((target, [alias for alias in names if f"{target}.{alias}" not in MODULES]))
        elif isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
    return [(module, names) for module, names in found if module in MODULES and module != name]


def test_no_module_imports_another_s_private_names():
    borrowed = [
        f"{name} takes {target}.{taken}"
        for name, path in MODULES.items()
        for target, names in imported(path)
        for taken in names
        if taken.startswith("_") and taken != "_"
    ]  # `_` marks a message for translation
    assert borrowed == []


def test_there_is_no_import_cycle_counting_type_checking_imports():
    graph = {name: {target for target, _names in imported(path)} for name, path in MODULES.items()}
    cycles = []
    for start in graph:  # a depth-first walk from every module, looking for a way back to it
        stack, seen = [(start, [start])], set()
        while stack:
            module, trail = stack.pop()
            for target in graph[module]:
                if target == start:
                    cycles.append(" -> ".join([*trail, start]))
                elif target not in seen:
                    seen.add(target)
                    stack.append((target, [*trail, target]))
    assert cycles == []


def functions():
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                first = min([node.lineno, *(decorator.lineno for decorator in node.decorator_list)])
                yield f"{name}.{node.name}", node.end_lineno - first + 1


@pytest.mark.parametrize("function, lines", [pytest.param(*found, id=found[0]) for found in functions() if found[1] > 40])
def test_no_function_is_longer_than_sixty_lines(function, lines):
    assert lines <= LONGEST_FUNCTION, f"{function} has {lines} lines: split it into named steps"


def test_the_build_reads_top_to_bottom_in_one_screen():
    lines = dict(functions())["portal.build.build"]
    assert lines <= LONGEST_FUNCTION
