"""A stand-in for a facility's IKD verifier service (test fixture), as a real process.

    python tests/server/fake_verifier.py --port P

``FAKE_VERIFIER_SECRET``: the bearer credential it expects (else 401).
``FAKE_VERIFIER_ANSWERS``: JSON ``{token: answer}``; an answer is the JSON object to return, or
one of ``"slow"`` (answers after 10 s), ``"garbage"`` (200 with non-JSON), ``"http500"``.
Unknown tokens are rejected as expired, as a real verifier would. It prints ``ready`` once
listening.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

SECRET = os.environ.get("FAKE_VERIFIER_SECRET", "verifier-secret")
ANSWERS: dict[str, Any] = json.loads(os.environ.get("FAKE_VERIFIER_ANSWERS", "{}"))


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _reply(self, code: int, body: bytes, kind: str = "application/json") -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if self.headers.get("Authorization") != f"Bearer {SECRET}":
            self._reply(401, b'{"error": "bad credential"}')
            return
        try:
            token = json.loads(raw)["token"]
        except (ValueError, KeyError, TypeError):
            self._reply(400, b'{"error": "expected {\\"token\\": ...}"}')
            return
        answer = ANSWERS.get(token, {"status": "rejected", "reason": "kode IKD kedaluwarsa"})
        if answer == "slow":
            time.sleep(10)
            answer = {"status": "rejected", "reason": "too late"}
        if answer == "garbage":
            self._reply(200, b"<html>proxy login</html>", "text/html")
        elif answer == "http500":
            self._reply(500, b"oops", "text/plain")
        else:
            self._reply(200, json.dumps(answer).encode())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
