"""Recalculate workbooks in headless LibreOffice, the independent spreadsheet engine of the tests.

``soffice --convert-to xlsx`` alone keeps Excel's cached values; a private profile whose
"recalculate on load" setting is *always* makes LibreOffice compute every formula itself
(ENGINEERING-NOTES.md). Each call uses its own profile so parallel runs never share one.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


CHUNK = 40  # one soffice run stopped silently after ~245 files: keep runs short
PARALLEL = 2  # the machines have two cores; each run gets its own profile


def _run(binary: str, files: list[Path], out_dir: Path, to: str, timeout: int) -> str:
    with tempfile.TemporaryDirectory(prefix="bso-lo-profile-") as profile:
        user = Path(profile) / "user"
        user.mkdir(parents=True)
        (user / "registrymodifications.xcu").write_text(RECALC_ALWAYS, encoding="utf-8")
        done = subprocess.run(
            [binary, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", to, "--outdir", str(out_dir), *map(str, files)],
            capture_output=True, text=True, timeout=timeout,
        )
    return done.stdout + done.stderr


def convert(files: list[Path], out_dir: Path, to: str = "xlsx", timeout: int = 1800) -> list[Path]:
    """Open each file in LibreOffice with recalculation forced, save it as ``to`` in ``out_dir``."""
    binary = soffice()
    if binary is None:
        raise RuntimeError("LibreOffice (soffice) is niet geïnstalleerd: apt-get install libreoffice-calc-nogui")
    out_dir.mkdir(parents=True, exist_ok=True)
    results = [out_dir / (f.stem + "." + to.split(":")[0]) for f in files]
    chunks = [files[i:i + CHUNK] for i in range(0, len(files), CHUNK)]
    with ThreadPoolExecutor(PARALLEL) as pool:
        logs = list(pool.map(lambda chunk: _run(binary, chunk, out_dir, to, timeout), chunks))
    # soffice exits 0 even when a file failed: retry what is missing once, one run per file
    for source, result in zip(files, results):
        if not result.exists():
            logs.append(_run(binary, [source], out_dir, to, timeout))
    missing = [str(p) for p in results if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice schreef geen uitvoer voor: {', '.join(missing)}\n" + "\n".join(logs)[-2000:])
    return results
