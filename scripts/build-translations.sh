#!/usr/bin/env bash
# Update the Qt Linguist sources from the code, then compile them.
#   scripts/build-translations.sh          lupdate over ui/ (keeps existing translations) + lrelease
#   scripts/build-translations.sh --release-only   only compile .ts -> .qm (install, CI, builds)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${PYSIDE_BIN:-.venv/bin}"
TS_DIR=resources/translations
if [ "${1:-}" != "--release-only" ]; then
  mapfile -t SOURCES < <(find ui -name '*.py' -not -path '*/__pycache__/*' | sort)
  for lang in id en; do
    "$BIN/pyside6-lupdate" -no-obsolete -source-language en -target-language "$lang" \
      "${SOURCES[@]}" -ts "$TS_DIR/anjungan_$lang.ts"
  done
fi
for lang in id en; do
  "$BIN/pyside6-lrelease" -silent "$TS_DIR/anjungan_$lang.ts" -qm "$TS_DIR/anjungan_$lang.qm"
done
echo "translations compiled into $TS_DIR"
