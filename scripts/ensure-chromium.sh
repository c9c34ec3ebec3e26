#!/usr/bin/env bash
# Debian's Chromium for the tests that run in a real browser (packages/verify's browser test, the
# passport and viewer tests): installed with apt-get when /usr/bin/chromium is missing. Where it
# cannot be installed, those tests skip and say so; nothing else depends on it.
set -uo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present)"
  exit 0
fi
if command -v apt-get >/dev/null; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo"
  if $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null; then
    echo "chromium installed: $(/usr/bin/chromium --version 2>/dev/null)"
    exit 0
  fi
fi
echo "chromium could not be installed: the browser tests will be skipped"
exit 0
