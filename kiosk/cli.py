"""kiosk-tool: diagnostics for field technicians and for tests. Every command prints JSON.

Each area contributes its subcommands from its own ``cli.py`` (``register(subparsers)``); this
module only assembles them, so ``kiosk-tool --help`` lists everything the kiosk can check.
Imports of heavy libraries (dlib, OpenCV) happen inside the command functions, not here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from kiosk import __version__


def emit(obj: Any) -> None:
    """One JSON object on one line of stdout."""
    print(json.dumps(obj, ensure_ascii=False, default=str), flush=True)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk-tool", description="Anjungan diagnostics. Every command prints JSON."
    )
    parser.add_argument("--version", action="version", version=f"anjungan {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in _registrars():
        register(sub)
    return parser


def _registrars() -> list[Any]:
    from kiosk import selfcheck
    from kiosk.face import cli as face_cli
    from kiosk.identity import cli as identity_cli
    from kiosk.queue import cli as queue_cli
    from kiosk.staff import cli as staff_cli
    from kiosk.sync import cli as sync_cli

    return [selfcheck.register, face_cli.register, identity_cli.register, queue_cli.register,
            staff_cli.register, sync_cli.register]


def main(argv: Sequence[str] | None = None) -> int:
    from kiosk import paths

    paths.use_bundled_libraries()
    parser = build_parser()
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
