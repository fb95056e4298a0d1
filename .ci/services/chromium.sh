#!/usr/bin/env bash
# Debian's Chromium and ChromeDriver for the dashboard's browser tests (Selenium, headless).
#
#   .ci/services/chromium.sh install   apt-get install chromium chromium-driver fonts-dejavu-core
#                                      when any is missing (idempotent, noninteractive)
#   .ci/services/chromium.sh check     print the versions of /usr/bin/chromium and /usr/bin/chromedriver;
#                                      exit 1 when either is missing or does not run
#
# Nothing is ever downloaded outside Debian's packages: the tests point Selenium at
# /usr/bin/chromedriver and /usr/bin/chromium explicitly, so Selenium Manager never runs.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver
PACKAGES=(chromium chromium-driver fonts-dejavu-core)

# True when the Debian package is installed (status "install ok installed").
installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

install() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    installed "$p" || missing+=("$p")
  done
  if [[ ${#missing[@]} -eq 0 && -x "$CHROMIUM" && -x "$CHROMEDRIVER" ]]; then
    echo "chromium.sh: already installed: ${PACKAGES[*]}"
    return 0
  fi
  [[ ${#missing[@]} -gt 0 ]] || missing=("${PACKAGES[@]}")   # binaries gone but packages listed: reinstall
  local sudo_cmd=""
  if [[ "$(id -u)" != 0 ]] && command -v sudo >/dev/null 2>&1; then sudo_cmd="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  echo "chromium.sh: installing ${missing[*]}"
  # Another apt-get (a second install step, unattended upgrades) may hold dpkg's lock: wait for it.
  local wait=(-o DPkg::Lock::Timeout=600)
  $sudo_cmd apt-get "${wait[@]}" update -qq
  $sudo_cmd apt-get "${wait[@]}" install -y -qq --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}" >/dev/null
  echo "chromium.sh: installed ${missing[*]}"
}

check() {
  local status=0 version
  if [[ -x "$CHROMIUM" ]] && version="$("$CHROMIUM" --version 2>/dev/null)"; then
    echo "chromium: $version"
  else
    echo "chromium: missing ($CHROMIUM)" >&2
    status=1
  fi
  if [[ -x "$CHROMEDRIVER" ]] && version="$("$CHROMEDRIVER" --version 2>/dev/null)"; then
    echo "chromedriver: $version"
  else
    echo "chromedriver: missing ($CHROMEDRIVER)" >&2
    status=1
  fi
  return "$status"
}

case "${1:-}" in
  install) install ;;
  check) check ;;
  *) echo "usage: $0 install|check" >&2; exit 2 ;;
esac
