"""``bso-xl lite DIR``: a self-contained ``main.py`` and ``requirements.txt`` for xlwings Lite.

xlwings Lite runs one pasted ``main.py`` in Pyodide; it cannot install bso-xl. So ``main.py`` is
built from the package itself, never retyped:

1. Start at :mod:`bso_xl.udfs` and follow its relative imports: that is every engine module the
   Excel functions need, in dependency order.
2. Concatenate their source unchanged, except that the relative imports are dropped (the names
   they import are defined earlier in the same file) and ``from __future__`` goes to the top.
   Because one file is one namespace, the build fails when two modules define the same name.
3. Embed the data files the modules read (the parameter YAML, the municipality CSV) as text,
   and let the engine read them through a stand-in for ``importlib.resources``.

``requirements.txt`` lists the third-party packages the concatenated modules import.

main.py works whichever way the host loads it: registered in ``sys.modules`` before its code
runs (as ``import`` does), or run first and registered afterwards (xlwings Server's Wasm
runtime); see :func:`_register_this_module`. Rewriting a folder never loses an edit: a file that
differs from the new one is kept as ``NAME.bak-<time>``, a valid edited ``INDEX_RATE`` is carried
over, and every file is written whole or not at all (temporary file, then rename).
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib.util
import inspect
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .index_rate import _comma_percent, parse_index_rate
from .parameters import load
from .regenerate.files import write_atomically

ROOT_MODULE = "bso_xl.udfs"
PACKAGE = "bso_xl"
# Third-party imports the Lite file may use, as Pyodide/PyPI requirement names.
REQUIREMENTS = {"xlwings": "xlwings", "yaml": "pyyaml"}
# Data files are recognised as string constants with these extensions in the included modules.
DATA_FILE = re.compile(r"^[\w.-]+\.(yaml|csv)$")


class LiteError(Exception):
    """The package cannot be flattened into one main.py (a name clash, an unsupported import)."""


@dataclass
class _Module:
    name: str
    path: Path
    source: str
    tree: ast.Module


# --- code copied verbatim into main.py (kept here as real code so it is linted and tested) ----


class _EmbeddedFile(str):
    """One embedded data file; ``read_text`` as on an importlib.resources Traversable."""

    def read_text(self, encoding=None):
        return str(self)


class _EmbeddedResources:
    """Stands in for ``importlib.resources``: the engine reads its data files with
    ``resources.files(package).joinpath(name).read_text(...)``; here they come from
    EMBEDDED_FILES, keyed by file name."""

    def files(self, package=None):
        return self

    def joinpath(self, name):
        return _EmbeddedFile(EMBEDDED_FILES[name])  # noqa: F821 (main.py defines it)


class _ThisModule:
    """Stands in for main.py in ``sys.modules`` while its code runs (see _register_this_module)."""


def _register_this_module(namespace: dict) -> None:
    """Make ``sys.modules[__name__]`` this file's namespace while its code runs.

    A host that runs main.py's code first and registers the module afterwards (xlwings Server's
    Wasm runtime: ``exec`` into a new module, then ``sys.modules[name] = module``) leaves no
    module to find, and ``@dataclass`` under ``from __future__ import annotations`` looks the
    module up: ``'NoneType' object has no attribute '__dict__'``. A host that registers first
    (as ``import`` does) already has this namespace there: nothing changes. A host that
    registers afterwards replaces the stand-in with the real module.
    """
    import sys

    name = namespace["__name__"]
    if getattr(sys.modules.get(name), "__dict__", None) is not namespace:
        stand_in = _ThisModule()
        stand_in.__dict__ = namespace  # the live namespace: later definitions are seen too
        sys.modules[name] = stand_in


# --- building main.py ---------------------------------------------------------------------------


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # a name inside a plain module, not a submodule
        return False


def _load(name: str) -> _Module:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise LiteError(f"module {name} niet gevonden")
    path = Path(spec.origin)
    source = path.read_text(encoding="utf-8")
    return _Module(name, path, source, ast.parse(source, filename=str(path)))


def _package_of(module: _Module) -> str:
    """The package relative imports start from (the module itself for an __init__.py)."""
    return module.name if module.path.name == "__init__.py" else module.name.rpartition(".")[0]


def _relative_imports(module: _Module) -> list[str]:
    """The modules the top-level ``from .x import y`` statements import names from."""
    found = []
    for node in module.tree.body:
        if isinstance(node, ast.ImportFrom) and node.level:
            target = importlib.util.resolve_name("." * node.level + (node.module or ""),
                                                 _package_of(module))
            for alias in node.names:
                if alias.name == "*" or _is_module(f"{target}.{alias.name}"):
                    raise LiteError(f"{module.name}: '{ast.unparse(node)}' importeert een module "
                                    "of *; enkel namen kunnen in één bestand samengevoegd worden")
            found.append(target)
    for node in ast.walk(module.tree):
        if isinstance(node, ast.ImportFrom) and node.level and node not in module.tree.body:
            raise LiteError(f"{module.name}: relatieve import niet op het hoogste niveau")
    return found


def _in_dependency_order(root: str) -> list[_Module]:
    """The root and every module it reaches through relative imports, dependencies first."""
    ordered: list[_Module] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if any(m.name == name for m in ordered):
            return
        if name in visiting:
            raise LiteError(f"kringverwijzing in imports bij {name}")
        visiting.add(name)
        module = _load(name)
        for target in _relative_imports(module):
            visit(target)
        visiting.discard(name)
        ordered.append(module)

    visit(root)
    return ordered


def _bindings(nodes: list[ast.stmt]):
    """(name, what binds it) for every top-level name; identical imports may repeat."""
    for node in nodes:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node.name, id(node)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        yield name.id, id(node)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.asname or alias.name.split(".")[0], ("import", alias.name, alias.asname)
        elif isinstance(node, ast.ImportFrom) and not node.level:
            for alias in node.names:
                yield alias.asname or alias.name, ("from", node.module, alias.name)
        elif isinstance(node, (ast.If, ast.Try, ast.With)):
            yield from _bindings(node.body + getattr(node, "orelse", [])
                                 + getattr(node, "finalbody", []))


# Names main.py itself adds after the modules (see build_main).
GLUE_NAMES = ("EMBEDDED_FILES", "_EmbeddedFile", "_EmbeddedResources", "_ThisModule",
              "_register_this_module")


def _check_one_namespace(modules: list[_Module]) -> None:
    """One file is one namespace: a name defined by two modules would silently be the later one.

    Only the very same import (``from decimal import Decimal`` twice) may repeat.
    """
    seen: dict[str, tuple[str, object]] = {name: ("main.py", name) for name in GLUE_NAMES}
    for module in modules:
        for name, binding in _bindings(module.tree.body):
            if name.startswith("__") and name.endswith("__"):
                continue
            first_module, first_binding = seen.setdefault(name, (module.name, binding))
            same_import = not isinstance(binding, int) and binding == first_binding
            if first_module != module.name and not same_import:
                raise LiteError(f"de naam {name!r} is gedefinieerd in {first_module} én in "
                                f"{module.name}; hernoem er één (main.py is één bestand)")


def _third_party(modules: list[_Module]) -> list[str]:
    """Requirement names for the non-standard-library imports; an unknown one is an error."""
    needed = set()
    for module in modules:
        for node in ast.walk(module.tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module]
            else:
                continue
            for top in (name.split(".")[0] for name in names):
                if top == PACKAGE:
                    raise LiteError(f"{module.name} importeert {PACKAGE} absoluut; gebruik een "
                                    "relatieve import zodat main.py zelfstandig blijft")
                if top in sys.stdlib_module_names or top == "__future__":
                    continue
                if top not in REQUIREMENTS:
                    raise LiteError(f"{module.name} importeert {top}, dat niet voor xlwings Lite "
                                    "voorzien is (lite.REQUIREMENTS)")
                needed.add(REQUIREMENTS[top])
    return sorted(needed)


def _flattened(module: _Module) -> str:
    """The module's source with relative and __future__ imports replaced by a comment
    (and ``b = a`` for ``from .x import a as b``). Bottom-up, so line numbers stay valid."""
    lines = module.source.splitlines()
    for node in reversed(module.tree.body):
        if isinstance(node, ast.ImportFrom) and (node.level or node.module == "__future__"):
            comment = f"# [in dit bestand] {ast.unparse(node)}"
            aliases = [f"{a.asname} = {a.name}" for a in node.names if a.asname and node.level]
            lines[node.lineno - 1: node.end_lineno] = [comment, *aliases]
    return "\n".join(lines).rstrip() + "\n"


def _data_files(modules: list[_Module]) -> dict[str, str]:
    """Every data file named by a string constant in the modules, read from the package."""
    root = Path(importlib.util.find_spec(PACKAGE).origin).parent
    files = {}
    for module in modules:
        for node in ast.walk(module.tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and DATA_FILE.match(node.value):
                matches = sorted(root.rglob(node.value))
                if len(matches) != 1:
                    raise LiteError(f"gegevensbestand {node.value} niet eenduidig gevonden "
                                    f"in {root}: {matches}")
                files[node.value] = matches[0].read_text(encoding="utf-8")
    return dict(sorted(files.items()))


def _literal(text: str) -> str:
    """A readable string literal for ``text`` (raw triple quotes when that is exact)."""
    literal = f"r'''{text}'''"
    if "'''" in text or text.endswith("\\"):
        literal = repr(text)
    try:
        exact = ast.literal_eval(literal) == text
    except SyntaxError:
        exact = False
    return literal if exact else repr(text)


def _shown_path(module: _Module) -> str:
    """bso_xl/rules/sanction.py: the path from the directory that holds the package."""
    root = Path(importlib.util.find_spec(PACKAGE).origin).parents[1]
    return module.path.relative_to(root).as_posix()


def _header(modules: list[_Module], files: dict[str, str]) -> str:
    sources = "\n".join(f"  {_shown_path(m)}" for m in modules)
    data = "\n".join(f"  {name}" for name in files)
    return f'''"""BSO-functies voor xlwings Lite, gegenereerd door bso-xl {__version__}.

Niet met de hand wijzigen: maak een nieuwe versie met `bso-xl lite MAP`. Plak dit bestand in
het tabblad main.py van de xlwings Lite-editor en requirements.txt in het tabblad ernaast.
Instellingen staan onderaan dit bestand.

Inhoud, ongewijzigd overgenomen uit het pakket bso-xl (enkel de relatieve imports zijn
weggelaten, omdat alles nu in één bestand staat):
{sources}
Ingebedde gegevens:
{data}
Licentie: EUPL-1.2, zoals bso-xl.
"""

'''


SETTINGS_MARKER = "# ==== Instellingen ===="


def _settings(index_rate_source: str = "None") -> str:
    p = load()
    return f'''
{SETTINGS_MARKER}
# Veronderstelde jaarlijkse indexatie van de huurpremie na het laatst gekende bedrag (R8).
# None = de parameter van bso-xl (0%). Bv. INDEX_RATE = "2%" of INDEX_RATE = "0,02" voor 2% per
# jaar, tussen {_comma_percent(p.index_rate_min)} en {_comma_percent(p.index_rate_max)}. Een ongeldige waarde wordt bij het laden in de console
# gemeld; BSO_SANCTION, BSO_SANCTION_TOTAL en BSO_AMOUNT geven dan #WAARDE!.
INDEX_RATE = {index_rate_source}

report_settings("INDEX_RATE")
'''


def build_main(index_rate_source: str = "None") -> tuple[str, list[str]]:
    """The text of main.py and the requirement names it needs; ``index_rate_source`` is the
    Python source of the INDEX_RATE value written in the settings."""
    modules = _in_dependency_order(ROOT_MODULE)
    _check_one_namespace(modules)
    requirements = _third_party(modules)
    files = _data_files(modules)
    parts = [_header(modules, files), "from __future__ import annotations\n\n",
             inspect.getsource(_ThisModule), "\n\n", inspect.getsource(_register_this_module),
             "\n\n_register_this_module(globals())\n"]
    for module in modules:
        parts.append(f"\n# ==== {_shown_path(module)} ====\n\n{_flattened(module)}")
    embedded = ",\n".join(f"    {name!r}: {_literal(text)}" for name, text in files.items())
    parts.append("\n# ==== ingebedde gegevensbestanden ====\n\n"
                 f"EMBEDDED_FILES = {{\n{embedded},\n}}\n\n\n")
    parts.append(inspect.getsource(_EmbeddedFile) + "\n\n" + inspect.getsource(_EmbeddedResources))
    parts.append("\n\n# The engine looks ``resources`` up when it first reads a file, so from\n"
                 "# here on it reads the embedded copies.\nresources = _EmbeddedResources()\n")
    parts.append(_settings(index_rate_source))
    text = "".join(parts)
    compile(text, "main.py", "exec")  # a broken build fails here, not in the user's Excel
    return text, requirements


# --- writing the folder -------------------------------------------------------------------------


@dataclass
class LiteResult:
    """What ``write_lite`` wrote, and what the user must be told (backups, carried settings)."""

    written: list[Path]
    notes: list[str] = field(default_factory=list)


def edited_index_rate(old_main: str) -> tuple[str | None, str | None]:
    """The INDEX_RATE of an existing main.py: (its Python source, None) when it is set and valid,
    (None, why not) when it is set but cannot be carried over, (None, None) when it is unset."""
    try:
        tree = ast.parse(old_main)
    except SyntaxError as error:
        return None, f"het vorige main.py is geen geldige Python-code (regel {error.lineno})"
    assignments = [node for node in tree.body if isinstance(node, ast.Assign)
                   and [getattr(t, "id", None) for t in node.targets] == ["INDEX_RATE"]]
    if not assignments:
        return None, None
    source = ast.get_source_segment(old_main, assignments[-1].value)
    try:
        value = ast.literal_eval(assignments[-1].value)
    except ValueError:
        return None, f"INDEX_RATE = {source} is geen vaste waarde"
    if value is None:
        return None, None
    try:
        parse_index_rate(value)
    except ValueError as error:
        return None, str(error)
    return source, None


def _backup_name(path: Path, now: dt.datetime) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    candidate, n = path.with_name(f"{path.name}.bak-{stamp}"), 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}.bak-{stamp}-{n}")
    return candidate


def write_lite(directory: Path, now: dt.datetime | None = None) -> LiteResult:
    """Write main.py and requirements.txt for xlwings Lite into ``directory``.

    An existing file that differs from the new one is first copied to ``NAME.bak-<time>``; a
    valid INDEX_RATE set in the existing main.py is carried over into the new one.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    main, needs = directory / "main.py", directory / "requirements.txt"
    notes: list[str] = []
    index_rate_source = "None"
    if main.exists():
        carried, refused = edited_index_rate(main.read_text(encoding="utf-8", errors="replace"))
        if carried is not None:
            index_rate_source = carried
            notes.append(f"INDEX_RATE = {carried} overgenomen uit het vorige main.py")
        elif refused is not None:
            notes.append(f"INDEX_RATE uit het vorige main.py niet overgenomen ({refused}); "
                         "het nieuwe main.py gebruikt None (0%)")
    text, requirements = build_main(index_rate_source)
    new = {main: text.encode("utf-8"),
           needs: "".join(f"{name}\n" for name in requirements).encode("utf-8")}
    now = now or dt.datetime.now()
    for path, data in new.items():
        if path.exists() and path.read_bytes() != data:
            backup = _backup_name(path, now)
            write_atomically(backup, path.read_bytes())
            notes.insert(0, f"{path.name} verschilde van de nieuwe versie: de vorige is bewaard "
                            f"als {backup.name}")
    for path, data in new.items():
        write_atomically(path, data)
    return LiteResult([main, needs], notes)
