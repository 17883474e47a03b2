"""Who may import what.

Test modules are independent: none imports another test module or a conftest (pytest
loads those itself); what several share lives in support modules (tests/factories.py,
tests/forms.py, ...). The site, its commands and the benchmarks run on requirements.txt
alone (`make run`, `make serve`, `make bench` install nothing else), so they import nothing
that only requirements-dev.txt installs."""

import ast
import re
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What `make run`, `make serve` and `make bench` run: the apps, settings, commands, bench.
RUNTIME_CODE = ["articles", "journal", "oai", "search", "stats", "bench", "scripts"]
# Developers' tools, run from a `make test` setup.
DEV_TOOLS = {"scripts/screenshots.py", "scripts/shapes.py"}


def requirement_names(path):
    """The distributions a requirements file names itself (not those of its -r includes)."""
    names = set()
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            names.add(re.split(r"[\[=<>!~ ;]", line, maxsplit=1)[0].lower())
    return names


def dev_only_modules():
    """Top-level modules installed by requirements-dev.txt's own packages."""
    dev = requirement_names(ROOT / "requirements-dev.txt") - requirement_names(
        ROOT / "requirements.txt"
    )
    modules = {
        module
        for module, distributions in packages_distributions().items()
        if any(name.lower().replace("_", "-") in dev for name in distributions)
    }
    assert {"pytest", "requests", "playwright"} <= modules, "is requirements-dev.txt installed?"
    return modules


def imported_modules(tree):
    """Top-level names of every import in the module (inside functions too), and "cssselect"
    when lxml's .cssselect() is called, which imports it."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]
        elif isinstance(node, ast.Attribute) and node.attr == "cssselect":
            yield "cssselect"


def runtime_files():
    """The runtime's modules, and the test support modules the benchmarks import."""
    queue = [*(ROOT / "manage.py", ROOT / "gunicorn.conf.py")]
    for folder in RUNTIME_CODE:
        queue += sorted((ROOT / folder).rglob("*.py"))
    seen = set()
    while queue:
        path = queue.pop(0)
        name = str(path.relative_to(ROOT))
        if name in seen or name in DEV_TOOLS:
            continue
        seen.add(name)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=name)
        yield name, tree
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tests."):
                queue.append(ROOT / (node.module.replace(".", "/") + ".py"))


def test_the_runtime_imports_nothing_from_the_dev_requirements():
    dev_only = dev_only_modules()
    found = []
    for name, tree in runtime_files():
        found += [f"{name}: {module}" for module in set(imported_modules(tree)) & dev_only]
    assert found == [], "runtime code importing dev-only packages (requirements-dev.txt)"


def named_modules(node, package):
    """The modules an import statement names, relative ones resolved against ``package``;
    for ``from a import b`` both a and a.b (b may be a module)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        parent = package.rsplit(".", node.level - 1)[0]
        base = f"{parent}.{base}" if base else parent
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def is_test_module(name):
    parts = name.split(".")
    return parts[0] == "tests" and any(
        part == "conftest" or part.startswith("test_") for part in parts[1:]
    )


def test_no_module_imports_a_test_module_or_a_conftest():
    found = []
    for path in sorted([*ROOT.glob("tests/**/*.py"), *ROOT.glob("bench/*.py")]):
        relative = path.relative_to(ROOT)
        package = ".".join(relative.parent.parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import | ast.ImportFrom) and any(
                is_test_module(name) for name in named_modules(node, package)
            ):
                found.append(f"{relative}:{node.lineno}: {ast.unparse(node)}")
    assert found == [], "move what they share into a support module (tests/factories.py, ...)"
