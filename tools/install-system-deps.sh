#!/usr/bin/env bash
# Installs the Debian packages the desktop and printing tests use, when we are root on a
# Debian-like system and something is missing. Never fails the build: tests that need a
# missing program skip and say which package would provide it.
set -u
packages=(xvfb dbus-x11 dunst trayer poppler-utils x11-utils xdotool libnotify-bin
          libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
          libxcb-xinerama0 libxcb-randr0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
          libegl1 libgl1 libfontconfig1 libdbus-1-3)
command -v dpkg-query >/dev/null 2>&1 || { echo "system-deps: not a Debian system; desktop tests may skip"; exit 0; }
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: missing ${missing[*]} (run as root: apt-get install ${missing[*]}); desktop tests may skip"
  exit 0
fi
echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
  || echo "system-deps: apt-get could not install ${missing[*]}; desktop tests may skip"
exit 0
