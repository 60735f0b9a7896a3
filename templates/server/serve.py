"""Start bso-xl's xlwings Server with the settings in .env beside this file (see README.md).

HTTPS when BSO_XL_SSL_CERTFILE and BSO_XL_SSL_KEYFILE are set (Office add-ins load only over
HTTPS). Without them the server listens on loopback only, for a reverse proxy on the same
machine that does HTTPS; plain HTTP on any other address is refused.
"""

import os
import sys
from pathlib import Path

import uvicorn
from dotenv import dotenv_values

HERE = Path(__file__).resolve().parent
LOOPBACK = ("127.0.0.1", "::1", "localhost")


def main() -> int:
    # The environment wins over .env, as it does for the XLWINGS_ settings.
    settings = {**dotenv_values(HERE / ".env"), **os.environ}
    host = settings.get("BSO_XL_HOST") or "127.0.0.1"
    port = int(settings.get("BSO_XL_PORT") or 8000)
    certfile = settings.get("BSO_XL_SSL_CERTFILE") or None
    keyfile = settings.get("BSO_XL_SSL_KEYFILE") or None
    if bool(certfile) != bool(keyfile):
        print("bso-xl server: set both BSO_XL_SSL_CERTFILE and BSO_XL_SSL_KEYFILE, or neither",
              file=sys.stderr)
        return 2
    if certfile is None and host not in LOOPBACK:
        print(f"bso-xl server: no certificate, so not on {host}: plain HTTP only on 127.0.0.1 "
              "behind an HTTPS reverse proxy (set BSO_XL_SSL_CERTFILE and BSO_XL_SSL_KEYFILE)",
              file=sys.stderr)
        return 2
    # The functions read their index-rate setting from the environment when they load.
    if settings.get("BSO_XL_INDEXATIE"):
        os.environ["BSO_XL_INDEXATIE"] = settings["BSO_XL_INDEXATIE"]
    os.environ["XLWINGS_PROJECT_DIR"] = str(HERE)  # where xlwings Server finds this project
    uvicorn.run("xlwings_server.main:main_app", host=host, port=port, ssl_certfile=certfile,
                ssl_keyfile=keyfile, workers=int(settings.get("BSO_XL_WORKERS") or 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
