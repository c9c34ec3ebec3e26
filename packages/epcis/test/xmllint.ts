// Validation against GS1's vendored EPCIS 2.0 XSD with libxml2's xmllint (Debian libxml2-utils, installed
// by scripts/ensure-xmllint.sh): the reference validator, not ours, decides whether our XML is valid.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const XSD_DIR = join(import.meta.dirname, '../../../schemas/vendor/gs1/epcis-2.0/xsd');

type DocumentType = 'EPCISDocument' | 'EPCISQueryDocument';
const xsdOf = (document: DocumentType) =>
  join(XSD_DIR, document === 'EPCISDocument' ? 'EPCglobal-epcis-2_0.xsd' : 'EPCglobal-epcis-query-2_0.xsd');

function xmllint(args: string[], input?: string) {
  const run = spawnSync('xmllint', ['--noout', '--nonet', ...args], { input, encoding: 'utf8' });
  if (run.error)
    throw new Error(`xmllint could not run (scripts/ensure-xmllint.sh installs it): ${run.error.message}`);
  return run;
}

/** xmllint's complaints about `xml` against the document's XSD; empty when it validates. */
export function xsdErrors(xml: string, document: DocumentType): string {
  const run = xmllint(['--schema', xsdOf(document), '-'], xml);
  return run.status === 0 ? '' : run.stderr;
}

/**
 * xmllint's complaints about many documents of one type, in one run (the schema is compiled once);
 * empty when every one validates. Each complaint names the document by its index (`3.xml`).
 */
export function xsdErrorsOfAll(xmls: readonly string[], document: DocumentType): string {
  const dir = mkdtempSync(join(tmpdir(), 'groundtruth-xsd-'));
  try {
    const files = xmls.map((xml, i) => {
      const file = join(dir, `${i}.xml`);
      writeFileSync(file, xml);
      return file;
    });
    const run = xmllint(['--schema', xsdOf(document), ...files]);
    return run.status === 0 ? '' : run.stderr;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
