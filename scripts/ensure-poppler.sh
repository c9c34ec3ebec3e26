#!/usr/bin/env bash
# Debian's poppler-utils (pdftoppm, pdftotext) for the audit-report tests, which rasterise the PDF's
# first page and read its text back (services/api/test/reports.test.ts): installed with apt-get when
# pdftoppm is missing. Unlike Chromium these tests do not skip: where poppler cannot be installed,
# this script fails, so CI stops here with the reason rather than later with a missing binary.
set -uo pipefail
if command -v pdftoppm >/dev/null && command -v pdftotext >/dev/null; then
  echo "poppler-utils: $(pdftoppm -v 2>&1 | head -n 1)"
  exit 0
fi
if command -v apt-get >/dev/null; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo"
  if $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq poppler-utils >/dev/null; then
    echo "poppler-utils installed: $(pdftoppm -v 2>&1 | head -n 1)"
    exit 0
  fi
fi
echo "poppler-utils could not be installed: the audit-report PDF tests need pdftoppm and pdftotext" >&2
exit 1
