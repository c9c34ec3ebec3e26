// Validation against GS1's vendored EPCIS 2.0 XSD with libxml2's xmllint (Debian libxml2-utils, installed
// by scripts/ensure-xmllint.sh): the reference validator, not ours, decides whether our XML is valid.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const XSD_DIR = join(import.meta.dirname, '../../../schemas/vendor/gs1/epcis-2.0/xsd');

/** xmllint's complaints about `xml` against the document's XSD; empty when it validates. */
export function xsdErrors(xml: string, document: 'EPCISDocument' | 'EPCISQueryDocument'): string {
  const xsd = join(
    XSD_DIR,
    document === 'EPCISDocument' ? 'EPCglobal-epcis-2_0.xsd' : 'EPCglobal-epcis-query-2_0.xsd',
  );
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsd, '-'], {
    input: xml,
    encoding: 'utf8',
  });
  if (run.error)
    throw new Error(`xmllint could not run (scripts/ensure-xmllint.sh installs it): ${run.error.message}`);
  return run.status === 0 ? '' : run.stderr;
}
