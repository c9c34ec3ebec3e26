#!/usr/bin/env bash
# Debian's libxml2-utils (xmllint) for the EPCIS XML binding tests, which validate the service's XML
# query responses and captured documents against GS1's vendored XSD (schemas/vendor/gs1/epcis-2.0/xsd)
# with `xmllint --schema`: installed with apt-get when xmllint is missing. These tests do not skip:
# where xmllint cannot be installed this script fails, so CI stops here with the reason rather than
# later with a missing binary.
set -uo pipefail
if command -v xmllint >/dev/null; then
  echo "libxml2-utils: $(xmllint --version 2>&1 | head -n 1)"
  exit 0
fi
if command -v apt-get >/dev/null; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo"
  if $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libxml2-utils >/dev/null; then
    echo "libxml2-utils installed: $(xmllint --version 2>&1 | head -n 1)"
    exit 0
  fi
fi
echo "libxml2-utils could not be installed: the EPCIS XML tests need xmllint to validate against GS1's XSD" >&2
exit 1
