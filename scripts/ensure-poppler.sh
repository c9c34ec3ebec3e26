#!/usr/bin/env bash
# Debian's poppler-utils (pdftoppm, pdftotext) for the audit-report tests, which rasterise the PDF's
# first page and read its text back (services/api/test/reports.test.ts). They do not skip: where
# poppler cannot be installed, this fails.
exec bash "$(dirname "$0")/ensure-debian-package.sh" poppler-utils pdftoppm -v \
  "the audit-report PDF tests need pdftoppm and pdftotext"
