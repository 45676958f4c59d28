#!/usr/bin/env bash
# Install everything Anjungan needs on a Debian machine: system packages, then a virtualenv in
# .venv with the project and its dev tools. Run as root (or it uses sudo). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# What a fresh Debian lacks: zbar for pyzbar; Qt's runtime libraries; Xvfb for screenshots;
# poppler for turning ticket PDFs into images in tests; PostgreSQL for the server tests;
# espeak-ng for the waiting-room voice; CUPS client for ticket printing.
PKGS=(
  python3 python3-venv python3-dev
  libzbar0 poppler-utils xvfb xauth
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libxkbcommon0 libxkbcommon-x11-0
  libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
  libxcb-randr0 libxcb-render-util0 libxcb-image0 fonts-dejavu-core
  postgresql espeak-ng alsa-utils cups-client
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[dev]'
# The compiled translations (.qm) are built here, not committed.
bash scripts/build-translations.sh --release-only
echo "installed: $(.venv/bin/python --version), project in .venv"
