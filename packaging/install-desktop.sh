#!/bin/sh
# Add Workshop to the desktop's application menu for this user (no root needed):
#   ./install-desktop.sh            install (run from the unpacked dist/workshop folder)
#   ./install-desktop.sh --remove   take it out again
# The app itself stays where it is; this writes a launcher, the icons and a `workshop`
# command in ~/.local/bin.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
bin="$HOME/.local/bin"
sizes="16 32 48 64 128 256 512"

if [ "${1:-}" = "--remove" ]; then
  rm -f "$data/applications/workshop.desktop" "$bin/workshop"
  for s in $sizes; do rm -f "$data/icons/hicolor/${s}x${s}/apps/workshop.png"; done
  rm -f "$data/icons/hicolor/scalable/apps/workshop.svg"
  echo "Workshop removed from the application menu (the app folder and your library stay)."
  exit 0
fi

[ -x "$here/workshop" ] || { echo "install-desktop.sh: $here/workshop not found" >&2; exit 1; }
mkdir -p "$data/applications" "$bin"
for s in $sizes; do
  mkdir -p "$data/icons/hicolor/${s}x${s}/apps"
  cp "$here/share/icons/hicolor/${s}x${s}/apps/workshop.png" "$data/icons/hicolor/${s}x${s}/apps/"
done
mkdir -p "$data/icons/hicolor/scalable/apps"
cp "$here/share/icons/hicolor/scalable/apps/workshop.svg" "$data/icons/hicolor/scalable/apps/"
# Absolute paths: the menu entry works whether or not ~/.local/bin is on PATH.
sed -e "s|^Exec=workshop|Exec=\"$here/workshop\"|" -e "s|^TryExec=workshop|TryExec=$here/workshop|" \
  "$here/share/applications/workshop.desktop" > "$data/applications/workshop.desktop"
ln -sf "$here/workshop" "$bin/workshop"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
echo "Workshop is in the application menu; 'workshop' is in $bin."
