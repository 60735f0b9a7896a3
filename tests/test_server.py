"""`bso-xl server DIR` (issue 12 item 2): a ready xlwings Server project serving bso_xl.udfs.

The project is written, started with its own serve.py on 127.0.0.1 (a free port, HTTP and then
HTTPS with a throw-away certificate from trustme), asked for its metadata and for bso_sanction and
bso_shortfall over HTTP, and stopped. Expected values come from the engine and R8/R6 by hand:
12 missing at the 2031 test: 12 × 3,684.24 × 50% = 22,105.44; T1/T2/T3 40/70/100, SIB 20 at
2037 with 30/40/12/8 dwellings in the four phases: shortfall 30 (see test_udfs.py).
"""

from __future__ import annotations

import json
import os
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import trustme
from udf_conftest_helpers import call_data, cell

from bso_xl import server
from bso_xl.cli import main as cli_main
from bso_xl.rules import Level, shortfall, yearly_sanction

NAMES = ["bso_amount", "bso_category", "bso_exemption", "bso_municipality", "bso_objective",
         "bso_percentage", "bso_required", "bso_sanction", "bso_sanction_total", "bso_shortfall",
         "bso_split"]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("server") / "bso-server"
    result = server.write_server(directory)
    assert result.kept == [] and result.unchanged == []
    return directory


# --- the files -------------------------------------------------------------------------------------


def test_the_custom_functions_are_bso_xl_udfs_unchanged(project):
    text = (project / "custom_functions" / "__init__.py").read_text(encoding="utf-8")
    assert "from bso_xl.udfs import (" in text
    assert sorted(server.excel_functions()) == NAMES
    assert not (project / "custom_functions" / "functions.py").exists()  # no sample functions
    assert not (project / "custom_scripts" / "scripts.py").exists()


def test_the_settings(project):
    env = (project / ".env").read_text(encoding="utf-8").splitlines()
    for line in ['XLWINGS_LICENSE_KEY="noncommercial"', 'XLWINGS_ENVIRONMENT="prod"',
                 'XLWINGS_FUNCTIONS_NAMESPACE="BSO"', 'XLWINGS_PROJECT_NAME="bso-xl"',
                 'XLWINGS_CORS_ALLOW_ORIGINS=["*"]', 'BSO_XL_HOST="127.0.0.1"', "BSO_XL_PORT=8000",
                 "BSO_XL_SSL_CERTFILE=", "BSO_XL_SSL_KEYFILE=", "BSO_XL_INDEXATIE="]:
        assert env.count(line) == 1, line
    assert sum(1 for line in env if line.startswith("XLWINGS_LICENSE_KEY=")) == 1
    readme = (project / "README.md").read_text(encoding="utf-8")
    for topic in ("HTTPS", "manifest.xml", "Integrated apps", "PolyForm Noncommercial",
                  "government", "commercial licence", "=BSO.BSO_SANCTION(12;2031)"):
        assert topic in readme, topic


def test_set_env_replaces_a_commented_example_or_adds():
    text = '# A="x"\n# B_C="y"\nD=1\n'
    assert server.set_env(text, "B_C", '"z"') == '# A="x"\nB_C="z"\nD=1\n'
    assert server.set_env(text, "D", "2") == '# A="x"\n# B_C="y"\nD=2\n'
    assert server.set_env(text, "E", "3") == '# A="x"\n# B_C="y"\nD=1\nE=3\n'


def test_existing_files_are_never_overwritten(tmp_path, capsys):
    directory = tmp_path / "srv"
    server.write_server(directory)
    edited = (directory / ".env").read_text(encoding="utf-8") + 'BSO_XL_INDEXATIE="2%"\n'
    (directory / ".env").write_text(edited, encoding="utf-8")
    (directory / "serve.py").write_text("# our own start script\n", encoding="utf-8")
    assert cli_main(["server", str(directory)]) == 0
    assert (directory / ".env").read_text(encoding="utf-8") == edited
    assert (directory / "serve.py").read_text(encoding="utf-8") == "# our own start script\n"
    assert (directory / "serve.py.new").read_text(encoding="utf-8").startswith('"""Start bso-xl')
    out = capsys.readouterr().out
    assert f"{directory / 'serve.py'} bestaat al en is niet overschreven; de nieuwe versie staat " \
           "in serve.py.new" in out
    assert f"{directory / '.env'} bestaat al en is niet overschreven" in out
    # files that would not change are left as they are, and not reported
    assert "README.md bestaat al" not in out and not (directory / "README.md.new").exists()


def test_a_file_where_the_folder_should_be_is_refused(tmp_path, capsys):
    (tmp_path / "x").write_text("", encoding="utf-8")
    assert cli_main(["server", str(tmp_path / "x")]) == 2
    assert "is geen map" in capsys.readouterr().err


# --- the running server ---------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Running:
    """serve.py of the project as a child process on 127.0.0.1; stopped by its own pid."""

    def __init__(self, project: Path, cafile: Path | None = None, **settings: str):
        self.port = _free_port()
        self.scheme = "https" if "BSO_XL_SSL_CERTFILE" in settings else "http"
        self.context = ssl.create_default_context(cafile=str(cafile)) if cafile else None
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("XLWINGS_", "BSO_XL_")) and k != "PYTHONPATH"}
        env.update(BSO_XL_HOST="127.0.0.1", BSO_XL_PORT=str(self.port), **settings)
        self.log = open(project / "server.log", "w+", encoding="utf-8")  # noqa: SIM115
        self.process = subprocess.Popen([sys.executable, "serve.py"], cwd=project, env=env,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            try:
                self.get("/xlwings/custom-functions-meta")
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"server did not start:\n{self.output()}") from None
                time.sleep(0.2)

    def url(self, path: str) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}{path}"

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(self.url(path), timeout=10, context=self.context) as reply:
            return reply.read()

    def call(self, func_name: str, args: list):
        request = urllib.request.Request(
            self.url("/xlwings/custom-functions-call"), method="POST",
            data=json.dumps(call_data(func_name, args)).encode(),
            headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10, context=self.context) as reply:
            return json.loads(reply.read())["result"]

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


@pytest.fixture(scope="module")
def running(project):
    started = time.monotonic()
    instance = Running(project)
    print(f"server started in {time.monotonic() - started:.1f} s")
    yield instance
    instance.stop()
    instance.log.close()


def test_it_listens_on_loopback_only(running):
    assert f"Uvicorn running on http://127.0.0.1:{running.port}" in running.output()


def test_the_metadata_lists_the_eleven_functions(running):
    meta = json.loads(running.get("/xlwings/custom-functions-meta"))
    assert sorted(f["name"] for f in meta["functions"]) == sorted(n.upper() for n in NAMES)


def test_sanction_and_shortfall_over_http_are_the_engines(running):
    assert running.call("bso_sanction", [cell(12), cell(2031), None, None]) == [
        [float(yearly_sanction(12, 2031))]] == [[22105.44]]
    phases = {Level.MJP: 30, Level.KTP: 40, Level.UITVOERING: 12, Level.GEREALISEERD: 8}
    assert running.call("bso_shortfall", [cell(v) for v in (40, 70, 100, 20, 2037, 30, 40, 12, 8)]
                        ) == [[shortfall(40, 70, 100, 20, 2037, phases)]] == [[30]]
    # a range spills, a bad cell is an error in its own cell only
    assert running.call("bso_sanction", [[[1], [1e23], [3]], [[2031]], None, None]) == [
        [1842.12], [{"type": "Error", "errorType": "Value"}], [5526.36]]


def test_the_manifest_names_the_namespace(running):
    manifest = running.get("/manifest.xml").decode()
    assert '<bt:String id="Functions.Namespace" DefaultValue="BSO" />' in manifest


def test_the_index_rate_setting_reaches_the_functions(project):
    instance = Running(project, BSO_XL_INDEXATIE="2%")
    try:  # 3,684.24 × 1.02² = 3,833.08 (R8)
        assert instance.call("bso_amount", [cell(2027), None]) == [[3833.08]]
    finally:
        instance.stop()
        instance.log.close()


def _certificate(folder: Path) -> tuple[Path, Path, Path]:
    """A throw-away CA and a certificate for 127.0.0.1 it signed (trustme): cert, key, CA."""
    ca = trustme.CA()
    issued = ca.issue_cert("127.0.0.1")
    cert, key, authority = folder / "cert.pem", folder / "key.pem", folder / "ca.pem"
    issued.cert_chain_pems[0].write_to_path(cert)
    issued.private_key_pem.write_to_path(key)
    ca.cert_pem.write_to_path(authority)
    return cert, key, authority


def test_https_with_the_certificate_settings(project, tmp_path):
    cert, key, authority = _certificate(tmp_path)
    instance = Running(project, cafile=authority, BSO_XL_SSL_CERTFILE=str(cert),
                       BSO_XL_SSL_KEYFILE=str(key))
    try:
        assert instance.call("bso_sanction", [cell(12), cell(2031), None, None]) == [[22105.44]]
    finally:
        instance.stop()
        instance.log.close()


@pytest.mark.parametrize(("settings", "message"), [
    ({"BSO_XL_HOST": "0.0.0.0"}, "no certificate, so not on 0.0.0.0"),
    ({"BSO_XL_SSL_CERTFILE": "cert.pem"}, "set both BSO_XL_SSL_CERTFILE and BSO_XL_SSL_KEYFILE"),
])
def test_serve_refuses_plain_http_off_loopback(project, settings, message):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XLWINGS_", "BSO_XL_"))}
    run = subprocess.run([sys.executable, "serve.py"], cwd=project, env={**env, **settings},
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and message in run.stderr
