#!/usr/bin/env bash
# Install everything, then run the whole test suite: lint, types, the import contract, and
# pytest (real SQLite files, a real server process, PostgreSQL, real dlib on real faces,
# real Qt widgets offscreen, the frozen build). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
. .venv/bin/activate
export QT_QPA_PLATFORM=offscreen

# A throwaway PostgreSQL cluster for the server tests (loopback only), removed on exit.
pg_log=$(mktemp)
ANJUNGAN_TEST_PG=$(bash scripts/pg-test.sh 2>"$pg_log") || { cat "$pg_log" >&2; exit 1; }
export ANJUNGAN_TEST_PG
pg_dir=$(sed -n 's/^pg-test.sh: cluster in \([^ ]*\) .*/\1/p' "$pg_log")
trap 'bash scripts/pg-test.sh --stop "$pg_dir" >/dev/null 2>&1 || true; rm -f "$pg_log"' EXIT
echo "PostgreSQL for the tests: $ANJUNGAN_TEST_PG"

echo "== ruff";          ruff check .
echo "== mypy";          mypy
echo "== import-linter"; lint-imports
echo "== pytest";        python -m pytest "$@"
