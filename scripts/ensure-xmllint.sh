#!/usr/bin/env bash
# Debian's libxml2-utils (xmllint) for the EPCIS XML binding tests, which validate the service's XML
# query responses and captured documents against GS1's vendored XSD with `xmllint --schema`. They do
# not skip: where xmllint cannot be installed, this fails.
exec bash "$(dirname "$0")/ensure-debian-package.sh" libxml2-utils xmllint --version \
  "the EPCIS XML tests need xmllint to validate against GS1's XSD"
