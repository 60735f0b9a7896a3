"""``bso-xl server DIR``: a ready xlwings Server project whose custom functions are bso_xl.udfs.

The project itself is made by xlwings Server's own ``xlwings-server init`` (manifest template,
manifest IDs, secret key, static files), in a temporary folder; bso-xl then

- replaces the sample functions and scripts by an import of :mod:`bso_xl.udfs`, unchanged;
- sets the licence key, environment, namespace, project name and allowed origins in ``.env``
  and adds its own settings (address, HTTPS certificate paths, index rate) for ``serve.py``;
- adds ``serve.py`` (uvicorn with those settings) and a README for IT.

The files are then moved into DIR. An existing file is never overwritten: when ours differs, it is
written beside it as ``NAME.new`` and reported.
"""

from __future__ import annotations

import filecmp
import importlib.util
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from importlib import resources
from importlib.metadata import version
from pathlib import Path

import jinja2

from . import __version__
from .errors import UserError
from .regenerate.files import write_atomically

NAMESPACE = "BSO"
# The bso-xl settings serve.py reads, appended to .env with their explanation.
BSO_SETTINGS = '''
# ==== bso-xl (read by serve.py; see README.md) ====
# Address and port. Without a certificate only 127.0.0.1 (behind an HTTPS reverse proxy).
BSO_XL_HOST="127.0.0.1"
BSO_XL_PORT=8000
# HTTPS: paths of the certificate and its private key (PEM). Office add-ins need HTTPS.
BSO_XL_SSL_CERTFILE=
BSO_XL_SSL_KEYFILE=
# Assumed yearly huurpremie index rate (R8), e.g. 2% or 0,02; empty = 0%.
BSO_XL_INDEXATIE=
'''


@dataclass
class ServerResult:
    created: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    kept: list[tuple[Path, Path]] = field(default_factory=list)  # (existing file, our version)

    @property
    def notes(self) -> list[str]:
        return [f"{old} bestaat al en is niet overschreven; de nieuwe versie staat in {new.name}"
                for old, new in self.kept]


def _templates() -> jinja2.Environment:
    folder = resources.files("bso_xl.templates").joinpath("server")
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)),
                              keep_trailing_newline=True, undefined=jinja2.StrictUndefined)


def excel_functions() -> list[str]:
    """The names of the Excel functions in bso_xl.udfs (the ones its decorator registered)."""
    from . import udfs

    return list(udfs.EXCEL_FUNCTIONS)


def set_env(text: str, key: str, value: str) -> str:
    """``KEY=value`` in a .env text: the line that sets it, or its commented-out example, is
    replaced; a key not there yet is added at the end."""
    pattern = re.compile(rf"^#?\s*{re.escape(key)}=.*$", re.MULTILINE)
    line = f"{key}={value}"
    text, found = pattern.subn(lambda _: line, text, count=1)
    return text if found else text.rstrip("\n") + f"\n{line}\n"


def _init_project(target: Path) -> None:
    """``xlwings-server init TARGET`` in a child process (it changes directories and prints)."""
    if importlib.util.find_spec("xlwings_server") is None:
        raise UserError("xlwings Server is niet geïnstalleerd: pip install 'bso-xl[server]' "
                        "(PyPI-pakket xlwings-server)")
    code = "import sys; from xlwings_server.cli import main; sys.argv[1:] = ['init', sys.argv[1]]; main()"
    run = subprocess.run([sys.executable, "-c", code, str(target)], capture_output=True, text=True,
                         timeout=120)
    if run.returncode != 0 or not (target / "custom_functions").is_dir():
        raise UserError(f"xlwings-server init mislukt:\n{run.stdout}{run.stderr}")


def _customise(project: Path, directory_name: str) -> None:
    env = _templates()
    values = {"version": __version__, "namespace": NAMESPACE, "directory_name": directory_name,
              "functions": excel_functions(), "server_version": version("xlwings-server"),
              "xlwings_version": version("xlwings")}
    for sample in ("custom_functions/functions.py", "custom_scripts/scripts.py"):
        (project / sample).unlink(missing_ok=True)
    (project / "custom_functions" / "__init__.py").write_text(
        env.get_template("custom_functions.py.j2").render(values), encoding="utf-8")
    (project / "README.md").write_text(env.get_template("README.md.j2").render(values),
                                       encoding="utf-8")
    folder = resources.files("bso_xl.templates").joinpath("server")
    for source, target in (("custom_scripts.py", "custom_scripts/__init__.py"),
                           ("taskpane.html", "templates/taskpane.html"), ("serve.py", "serve.py")):
        (project / target).write_text(folder.joinpath(source).read_text(encoding="utf-8"),
                                      encoding="utf-8")
    dotenv = (project / ".env").read_text(encoding="utf-8")
    for key, value in (("XLWINGS_LICENSE_KEY", '"noncommercial"'),  # PolyForm: see README.md
                       ("XLWINGS_ENVIRONMENT", '"prod"'),
                       ("XLWINGS_FUNCTIONS_NAMESPACE", f'"{NAMESPACE}"'),
                       ("XLWINGS_PROJECT_NAME", '"bso-xl"'),
                       ("XLWINGS_CORS_ALLOW_ORIGINS", '["*"]')):  # Excel on the web needs it
        dotenv = set_env(dotenv, key, value)
    (project / ".env").write_text(dotenv.rstrip("\n") + "\n" + BSO_SETTINGS, encoding="utf-8")


def _place(project: Path, directory: Path, result: ServerResult) -> None:
    """Move every file into ``directory``; an existing different file stays, ours is NAME.new."""
    for source in sorted(p for p in project.rglob("*") if p.is_file()):
        target = directory / source.relative_to(project)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            write_atomically(target, source.read_bytes())
            result.created.append(target)
        elif filecmp.cmp(source, target, shallow=False):
            result.unchanged.append(target)
        else:
            new = target.with_name(target.name + ".new")
            write_atomically(new, source.read_bytes())
            result.kept.append((target, new))
    for folder in sorted(p for p in project.rglob("*") if p.is_dir()):  # e.g. the empty certs/
        (directory / folder.relative_to(project)).mkdir(parents=True, exist_ok=True)


def write_server(directory: Path) -> ServerResult:
    """Write (or complete) the xlwings Server project in ``directory``."""
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise UserError(f"{directory} is geen map")
    directory.mkdir(parents=True, exist_ok=True)
    result = ServerResult()
    with tempfile.TemporaryDirectory(prefix="bso-xl-server-") as scratch:
        project = Path(scratch) / "project"
        _init_project(project)
        _customise(project, directory.name)
        _place(project, directory, result)
    return result
