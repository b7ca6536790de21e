#!/usr/bin/env bash
# Smoke test of the frozen app, run the way a new user would run it: a clean environment
# (no virtualenv, no PYTHONPATH), an empty home, so the library lands in the user's data
# folder and the demo is created on first use. Ends with `workshop selftest` (two virtual
# screens, offscreen), whose last line is "N passed, N failed".
#   bash packaging/smoke_test.sh [dist/workshop]
set -euo pipefail
app_dir="${1:-dist/workshop}"
app="$(cd "$app_dir" && pwd)/workshop"
[ -x "$app" ] || { echo "smoke_test: $app not found (build it with: bash run.sh dist)" >&2; exit 1; }
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT

run() {
  env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 \
    XDG_DATA_HOME="$home/.local/share" XDG_CACHE_HOME="$home/.cache" "$@"
}

echo "smoke_test: $("$app" --version)"
run QT_QPA_PLATFORM=offscreen "$app" demo --exit-after-show 2> >(grep -v "does not support raise" >&2)
library="$home/.local/share/workshop/library.sqlite"
[ -s "$library" ] || { echo "smoke_test: no library in the user's data folder ($library)" >&2; exit 1; }
run "$app" sessions | grep -q "Lokale gemeenschappen als motor voor transitie" \
  || { echo "smoke_test: the demo session is not in the library" >&2; exit 1; }
echo "smoke_test: demo shown; library created at ~/.local/share/workshop/library.sqlite"
run "$app" selftest
