#!/usr/bin/env bash
# Install everything, then start the kiosk on its embedded demo facility.
# Extra arguments go to the kiosk, e.g. `--windowed`, `--lang en`, `--camera clip.mp4`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "no display found: starting the kiosk on a virtual screen (Xvfb); set DISPLAY to see it"
  exec xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/kiosk --demo "$@"
fi
exec .venv/bin/kiosk --demo "$@"
