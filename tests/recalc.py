"""Recalculate workbooks in headless LibreOffice, the independent spreadsheet engine of the tests.

``soffice --convert-to xlsx`` alone keeps Excel's cached values; a private profile whose
"recalculate on load" setting is *always* makes LibreOffice compute every formula itself
(ENGINEERING-NOTES.md). Each call uses its own profile so parallel runs never share one.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(files: list[Path], out_dir: Path, to: str = "xlsx", timeout: int = 1800) -> list[Path]:
    """Open each file in LibreOffice with recalculation forced, save it as ``to`` in ``out_dir``."""
    binary = soffice()
    if binary is None:
        raise RuntimeError("LibreOffice (soffice) is niet geïnstalleerd: apt-get install libreoffice-calc-nogui")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bso-lo-profile-") as profile:
        user = Path(profile) / "user"
        user.mkdir(parents=True)
        (user / "registrymodifications.xcu").write_text(RECALC_ALWAYS, encoding="utf-8")
        subprocess.run(
            [binary, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", to, "--outdir", str(out_dir), *map(str, files)],
            check=True, capture_output=True, timeout=timeout,
        )
    results = [out_dir / (f.stem + "." + to.split(":")[0]) for f in files]
    missing = [str(p) for p in results if not p.exists()]
    if missing:  # soffice exits 0 even when a file failed
        raise RuntimeError(f"LibreOffice schreef geen uitvoer voor: {', '.join(missing)}")
    return results
