#!/usr/bin/env bash
# Set up everything the app needs on a Debian/Ubuntu machine, then run it or its tests.
#   bash run.sh demo    set up and open the app on its built-in demo session
#   bash run.sh test    set up and run the checks and tests (what CI runs): the suite on
#                       SQLite, then the library tests on a throwaway PostgreSQL server
#                       (scripts/with_pg.sh; WORKSHOP_SKIP_PG=1 skips that pass)
#   bash run.sh app     set up and open the app
#   bash run.sh setup   only set up
#   bash run.sh mutation  set up and run mutation testing of the pure core (mutmut), printing
#                       the score per module (scripts/mutation.py; CI's slow lane, CI_SLOW=1)
#   bash run.sh dist    set up, build the frozen app in dist/workshop/ (PyInstaller, build.spec),
#                       smoke-test it, pack dist/workshop-<version>-linux-<arch>.tar.xz
# Idempotent: system packages are installed only when missing; the virtualenv (.venv)
# is reinstalled only when pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")"
what="${1:-demo}"
shift || true

# Debian packages Qt needs (offscreen and on a desktop), QtMultimedia (libpulse0),
# PDF page rendering for the report tests (poppler-utils), venv support.
APT_PACKAGES=(
  libegl1 libgl1 libopengl0 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0
  libxcb-xkb1 libx11-xcb1 libpulse0 libpulse-mainloop-glib0 poppler-utils
)
# `test` also runs the library tests on a real PostgreSQL server (scripts/with_pg.sh).
if [ "$what" = test ]; then APT_PACKAGES+=(postgresql); fi
# `dist` also needs binutils (strip; as/ld for the trimmed ICU data) and xz for the archive.
if [ "$what" = dist ]; then APT_PACKAGES+=(binutils xz-utils); fi
EXTRAS="test"
if [ "$what" = dist ]; then EXTRAS="test,build"; fi
# `test` checks the verslag's HTML in headless Chromium with axe-core (npm) and converts its
# DOCX with LibreOffice. npm comes with Debian's nodejs; a NodeSource nodejs bundles it.
if [ "$what" = test ]; then
  APT_PACKAGES+=(chromium chromium-driver libreoffice-writer-nogui)
  APT_PACKAGES+=(zbar-tools)  # reads the phones' QR codes back from the pictures and cards
  command -v npm >/dev/null || APT_PACKAGES+=(nodejs npm)
fi

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "run.sh: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; fi
}

install_system_packages() {
  command -v dpkg-query >/dev/null || { echo "run.sh: not a Debian/Ubuntu system; install Qt's libraries yourself" >&2; return 0; }
  missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if ! python_ok "$(pick_python)"; then missing+=(python3 python3-venv); fi
  if [ -n "$(pick_python)" ] && ! "$(pick_python)" -c "import ensurepip" 2>/dev/null; then
    missing+=(python3-venv)
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    echo "run.sh: installing system packages: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

python_ok() { [ -n "$1" ] && "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; }

pick_python() {
  for candidate in "${PYTHON:-}" python3 python3.13 python3.12 python3.11; do
    [ -n "$candidate" ] || continue
    exe="$(command -v "$candidate" 2>/dev/null || true)"
    if python_ok "$exe"; then echo "$exe"; return; fi
  done
  echo ""
}

setup_venv() {
  py="$(pick_python)"
  python_ok "$py" || { echo "run.sh: Python 3.11 or newer is needed" >&2; exit 1; }
  if [ ! -x .venv/bin/python ]; then
    "$py" -m venv .venv
  fi
  stamp=".venv/.installed-$(cat pyproject.toml <(echo "$EXTRAS") | sha1sum | cut -c1-12)"
  if [ ! -f "$stamp" ]; then
    log=".venv/pip-install.log"
    if ! { .venv/bin/python -m pip install --upgrade pip && .venv/bin/python -m pip install -e ".[$EXTRAS]"; } >"$log" 2>&1; then
      tail -n 40 "$log" >&2
      echo "run.sh: installing the Python packages failed (full log: $log)" >&2
      exit 1
    fi
    rm -f .venv/.installed-*
    touch "$stamp"
  fi
}

install_system_packages
setup_venv
# the translations: resources/translations/<lang>/*.po -> LC_MESSAGES/workshop.mo (build
# output, not in git; skipped when up to date; stops here on a clashing or broken message)
.venv/bin/python scripts/compile_translations.py --quiet

case "$what" in
  setup) ;;
  demo) exec .venv/bin/workshop demo "$@" ;;
  app) exec .venv/bin/workshop "$@" ;;
  test)
    export QT_QPA_PLATFORM=offscreen
    # axe-core 4 from the npm registry, once, into a cache folder the tests read
    export WORKSHOP_AXE_CACHE="${WORKSHOP_AXE_CACHE:-$HOME/.cache/workshop-axe}"
    if [ ! -f "$WORKSHOP_AXE_CACHE/node_modules/axe-core/axe.min.js" ]; then
      mkdir -p "$WORKSHOP_AXE_CACHE"
      npm install --silent --no-audit --no-fund --prefix "$WORKSHOP_AXE_CACHE" axe-core@4 >/dev/null
    fi
    .venv/bin/ruff check .
    .venv/bin/mypy  # the core's types: files and strictness in [tool.mypy] (pyproject.toml)
    .venv/bin/python -m pytest -q "$@"
    # The Qt-free library tests once more on a real PostgreSQL server (a throwaway cluster,
    # stopped on every exit path); only when no test selection was passed.
    if [ $# -eq 0 ] && [ "${WORKSHOP_SKIP_PG:-0}" != 1 ]; then
      exec bash scripts/with_pg.sh .venv/bin/python -m pytest -q -p no:cacheprovider
    fi
    ;;
  mutation) exec .venv/bin/python scripts/mutation.py "$@" ;;
  dist)
    rm -rf dist/workshop
    .venv/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build build.spec
    .venv/bin/python packaging/size_report.py dist/workshop --pack
    # last: its closing line is the selftest's "N passed, N failed"
    exec bash packaging/smoke_test.sh dist/workshop
    ;;
  *) echo "usage: bash run.sh [demo|app|test|setup|mutation|dist]" >&2; exit 2 ;;
esac
