"""kiosk-server: run the central server and administer it.

    kiosk-server serve [--db URL] [--host H] [--port P] [--tls-cert F --tls-key F]
    kiosk-server token create KIOSK_ID | --admin NAME       (prints the token once)
    kiosk-server token revoke KIOSK_ID | --admin NAME
    kiosk-server import FILE.json                            (reference data, see importer)
    kiosk-server status                                      (sync state per kiosk, JSON)
    kiosk-server migrate

``--db`` defaults to $ANJUNGAN_DB or ``sqlite:///<data dir>/server.db``. Admin commands work on
the database directly (run them on the server machine); every command prints JSON.
``--port 0`` picks a free port; the chosen one is printed as JSON on stdout when listening.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import socket
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.errors import KioskError
from kiosk.server import importer, service
from kiosk.server.auth import Role, create_token, revoke_tokens
from kiosk.server.db import Database
from kiosk.server.schema import migrate

log = logging.getLogger(__name__)


def _emit(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def default_db_url() -> str:
    return os.environ.get("ANJUNGAN_DB") or f"sqlite:///{paths.default_data_dir() / 'server.db'}"


def open_db(url: str) -> Database:
    db = Database.open(url)
    migrate(db)
    return db


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from kiosk.server.app import ServerContext, ServerSettings, create_app

    if bool(args.tls_cert) != bool(args.tls_key):
        raise SystemExit("kiosk-server: --tls-cert and --tls-key go together")
    db = open_db(args.db)
    ctx = ServerContext(db=db, settings=ServerSettings(max_body_bytes=args.max_body))
    app = create_app(ctx)
    sock = socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit this: no 40 ms Nagle/delayed-ACK stall per small answer.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((args.host, args.port))
    port = sock.getsockname()[1]
    scheme = "https" if args.tls_cert else "http"
    config = uvicorn.Config(
        app, log_level=args.log_level, access_log=args.access_log, lifespan="off",
        ssl_certfile=args.tls_cert, ssl_keyfile=args.tls_key, timeout_keep_alive=30,
    )
    server = uvicorn.Server(config)
    stop = threading.Event()
    for loop in ctx.background:
        threading.Thread(target=loop, args=(stop,), daemon=True).start()
    _emit({"listening": f"{scheme}://{args.host}:{port}", "port": port,
           "database": db.describe()})
    try:
        server.run(sockets=[sock])
    finally:
        stop.set()
        db.close()
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    role = Role.ADMIN if args.admin else Role.KIOSK
    subject = args.admin or args.kiosk_id
    if not subject:
        raise SystemExit("kiosk-server token: give KIOSK_ID or --admin NAME")
    db = open_db(args.db)
    with db.transaction() as tx:
        if args.action == "create":
            token = create_token(tx, role, subject)
            _emit({"role": role.value, "subject": subject, "token": token})
        else:
            n = revoke_tokens(tx, role, subject)
            _emit({"role": role.value, "subject": subject, "revoked": n})
    return 0 if args.action == "create" or n else 1


def cmd_import(args: argparse.Namespace) -> int:
    try:
        doc = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except OSError as exc:
        _emit({"error": f"cannot read {args.file}: {exc.strerror}"})
        return 2
    except json.JSONDecodeError as exc:
        _emit({"error": f"{args.file} is not valid JSON: {exc}"})
        return 2
    try:
        counts = importer.import_document(open_db(args.db), doc)
    except importer.ImportProblem as exc:
        _emit({"error": f"{args.file}: {exc}"})
        return 2
    _emit({"imported": counts})
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    db = open_db(args.db)
    _emit({"kiosks": service.sync_state(db), "alarms": service.alarms(db)})
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    db = Database.open(args.db)
    _emit({"applied": migrate(db), "database": db.describe()})
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk-server", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=default_db_url(),
                        help="sqlite:///path.db, a file path, or postgresql://user@host/db")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", parents=[common], help="run the HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8740)
    serve.add_argument("--tls-cert", help="PEM certificate (chain) for HTTPS")
    serve.add_argument("--tls-key", help="PEM private key for HTTPS")
    serve.add_argument("--max-body", type=int, default=4 * 1024 * 1024,
                       help="largest request body in bytes (default 4 MiB)")
    serve.add_argument("--log-level", default="warning")
    serve.add_argument("--access-log", action="store_true")
    serve.set_defaults(func=cmd_serve)

    token = sub.add_parser("token", help="create or revoke bearer tokens")
    token.add_argument("action", choices=("create", "revoke"))
    token.add_argument("kiosk_id", nargs="?")
    token.add_argument("--admin", metavar="NAME", help="a staff/admin token instead")
    token.add_argument("--db", default=default_db_url())
    token.set_defaults(func=cmd_token)

    imp = sub.add_parser("import", parents=[common], help="import reference data (JSON)")
    imp.add_argument("file")
    imp.set_defaults(func=cmd_import)

    status = sub.add_parser("status", parents=[common], help="sync state per kiosk")
    status.set_defaults(func=cmd_status)

    mig = sub.add_parser("migrate", parents=[common], help="apply database migrations")
    mig.set_defaults(func=cmd_migrate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from kiosk.log import setup_logging

    args = build_parser().parse_args(argv)
    level = getattr(logging, str(getattr(args, "log_level", "warning")).upper(), logging.WARNING)
    setup_logging(None, level=level)
    try:
        code: int = args.func(args)
    except KioskError as exc:
        _emit({"error": exc.detail, "code": exc.code.value})
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
