#!/usr/bin/env bash
# A PNG of every kiosk screen (Bahasa Indonesia, English, pseudo-translation) into ./screenshots/,
# rendered on a virtual X server so fonts and widgets look as on the kiosk.
#   scripts/screenshots.sh [--frame path/to/video.mp4]
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
[ -f resources/translations/anjungan_id.qm ] || scripts/build-translations.sh --release-only
if command -v xvfb-run >/dev/null; then
  exec xvfb-run -a -s "-screen 0 1920x1080x24" "$PY" -m ui.screenshots --out screenshots "$@"
fi
echo "xvfb-run not found: rendering offscreen instead" >&2
QT_QPA_PLATFORM=offscreen exec "$PY" -m ui.screenshots --out screenshots "$@"
