#!/usr/bin/env bash
# Install everything, then run the whole test suite: lint, types, the import contract, and
# pytest (real SQLite files, a real server process, PostgreSQL, real dlib on real faces,
# real Qt widgets offscreen, the frozen build). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
. .venv/bin/activate
export QT_QPA_PLATFORM=offscreen

# A throwaway PostgreSQL cluster for the server tests, removed on exit.
if [ -x scripts/pg-test.sh ] || [ -f scripts/pg-test.sh ]; then
  eval "$(bash scripts/pg-test.sh start)"
  trap 'bash scripts/pg-test.sh stop >/dev/null 2>&1 || true' EXIT
fi

echo "== ruff";          ruff check .
echo "== mypy";          mypy
echo "== import-linter"; lint-imports
echo "== pytest";        python -m pytest "$@"
