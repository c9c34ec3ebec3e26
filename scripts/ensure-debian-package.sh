#!/usr/bin/env bash
# `ensure-debian-package.sh PACKAGE COMMAND VERSION_FLAG WHY`: installs Debian's PACKAGE with apt-get (as root, or
# through sudo) when COMMAND is missing, and prints COMMAND's version. Exits 1 with WHY when it cannot,
# so CI stops at the missing tool with the reason rather than later in a test. The tools tests need
# (poppler for the PDF report, xmllint for the EPCIS XML binding) are ensured through this one script.
set -uo pipefail
package=$1
command=$2
version_flag=$3
why=$4
version() { "$command" "$version_flag" 2>&1 | head -n 1 || true; }
if command -v "$command" >/dev/null; then
  echo "$package: $(version)"
  exit 0
fi
if command -v apt-get >/dev/null; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo"
  if $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$package" >/dev/null &&
    command -v "$command" >/dev/null; then
    echo "$package installed: $(version)"
    exit 0
  fi
fi
echo "$package could not be installed: $why" >&2
exit 1
