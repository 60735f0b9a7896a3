// Load Pyodide from the npm package (no CDN), the xlwings wheel for Pyodide and PyYAML's pure
// Python source from local folders, then run runner.py with the jobs: see tests/test_pyodide.py.
// Usage: node run_main.mjs PYODIDE_DIR PURE_PYTHON_LIB JOBS_JSON OUT_JSON WHEEL...
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [pyodideDir, pureLib, jobsFile, outFile, ...wheels] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);

const started = Date.now();
// xlwings registers Office.js custom functions only with these set before its import (as Lite).
const pyodide = await loadPyodide({
  indexURL: pyodideDir,
  env: { XLWINGS_ON_SERVER: "true", XLWINGS_LICENSE_KEY: "noncommercial" },
  stdout: (line) => process.stderr.write(`[python] ${line}\n`),
  stderr: (line) => process.stderr.write(`[python] ${line}\n`),
});
for (const wheel of wheels) await pyodide.loadPackage(wheel, { messageCallback: () => {} });
pyodide.FS.mkdirTree("/host/lib");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: pureLib }, "/host/lib");
pyodide.runPython("import sys; sys.path.insert(0, '/host/lib')");
const loaded = Date.now();

// The jobs go to Python as text: they may hold NaN, which JSON.parse refuses and Python reads.
pyodide.globals.set("JOBS", readFileSync(jobsFile, "utf8"));
const runner = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "runner.py"), "utf8");
const report = await pyodide.runPythonAsync(runner);
const seconds = { start: (loaded - started) / 1000, calls: (Date.now() - loaded) / 1000 };
writeFileSync(outFile, `{"seconds": ${JSON.stringify(seconds)}, "report": ${report}}`);
