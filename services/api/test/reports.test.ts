// Audit reports (issue 16, item 3) on the demo chain, on both databases: the JSON reproduces byte for
// byte at its checkpoint after more entries change what "now" looks like; the PDF of the cocoa butter
// lot renders (first page rasterised by poppler's pdftoppm, not blank) and its text carries the lot
// code, the checkpoint and the JSON's figures; every CSV parses back to its JSON table; refusals.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type AuditReport, cellText, summaryLines, TABLE_NAMES } from '@groundtruth/report';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../src/demo/seed.ts';
import { buildTestApp, type TestApp } from './helper.ts';

const run = promisify(execFile);
let t: TestApp;
const LOT = 'BW-CB-2026-09-001';
let lotId: string;
let brand: string;
let pinned: number; // the tree size the reports are pinned to
let work: string;
const tokens: Record<string, string> = {};

const size = async () => Number(await t.runtime.reader.size());
const get = (url: string, who: string) => t.call('GET', url, tokens[who]!);

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoData(t.runtime);
  const [batch] = await t.runtime.db.query<{ id: string }>('SELECT id FROM batches WHERE lot = $1', [LOT]);
  lotId = batch!.id;
  const [aurora] = await t.runtime.db.query<{ id: string }>(
    "SELECT id FROM organisations WHERE kind = 'brand'",
  );
  brand = aurora!.id;
  const { stranger, auditor } = await t.seedOrganisations({ stranger: 'brand', auditor: 'auditor' });
  tokens.brand = await t.token('compliance', { organisationId: brand });
  tokens.brandBuyer = await t.token('procurement', { organisationId: brand });
  tokens.stranger = await t.token('compliance', { organisationId: stranger });
  tokens.auditor = await t.token('auditor', { organisationId: auditor });
  tokens.admin = await t.token('admin');
  pinned = await size();
  work = await mkdtemp(join(tmpdir(), 'gt-report-'));
}, 180_000);
afterAll(async () => {
  await t.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** RFC 4180 §2, written out here: quoted fields may hold commas, CRLF and doubled quotes. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let value = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else if (i >= text.length) throw new Error('unterminated quoted field');
        else value += text[i++];
      }
    } else while (i < text.length && text[i] !== ',' && text[i] !== '\r') value += text[i++];
    record.push(value);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      records.push(record);
      record = [];
      i += 2;
    } else if (i < text.length) throw new Error(`bad character at ${i}`);
  }
  if (record.length > 0) records.push(record);
  return records;
}

/** The first page as a PPM (pdftoppm's default output), and how many of its pixels are not white. */
async function firstPageInk(pdf: Buffer): Promise<{ width: number; height: number; inked: number }> {
  const path = join(work, 'report.pdf');
  await writeFile(path, pdf);
  // No skip: a CI without poppler-utils fails here (scripts/ensure-poppler.sh installs it).
  await run('pdftoppm', ['-f', '1', '-l', '1', '-r', '60', '-singlefile', path, join(work, 'page')]);
  const ppm = await readFile(join(work, 'page.ppm'));
  // P6 header: magic, width, height, maxval, each followed by whitespace.
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 64).toString('latin1'))!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = ppm.subarray(header[0].length);
  let inked = 0;
  for (let p = 0; p + 2 < pixels.length; p += 3)
    if (pixels[p]! < 250 || pixels[p + 1]! < 250 || pixels[p + 2]! < 250) inked++;
  return { width, height, inked };
}

describe('GET /v1/reports/lots/:id', () => {
  it('reproduces byte for byte at its checkpoint after more entries change the findings and the chain', async () => {
    const first = await get(`/v1/reports/lots/${lotId}?treeSize=${pinned}`, 'brand');
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    const report = JSON.parse(first.body) as AuditReport;
    expect(report.checkpoint.treeSize).toBe(pinned);
    expect(report.subject.label).toBe(LOT);
    expect(report.summary.plots).toBe(220);
    const open = report.tables.findings.rows.find((f) => f.status === 'open');
    expect(open, 'the demo lot has an open finding to resolve').toBeDefined();

    // After the checkpoint: the open finding is resolved and a supplier is registered and linked.
    const resolved = await t.call('POST', `/v1/findings/${open!.findingId}/resolution`, tokens.admin!, {
      justification: 'Checked against the cooperative’s delivery notes after the checkpoint.',
    });
    expect(resolved.statusCode).toBe(200);
    await t.seedOrganisations({ lateSupplier: 'supplier' });
    expect(await size()).toBeGreaterThan(pinned);
    // A recompute after the checkpoint supersedes every finding and writes them again at its tree size.
    expect((await t.call('POST', '/v1/mass-balance/recompute', tokens.admin!)).statusCode).toBe(200);

    const again = await get(`/v1/reports/lots/${lotId}?treeSize=${pinned}`, 'brand');
    expect(again.body).toBe(first.body);
    // The same request pinned to the newest checkpoint sees the resolution: the pin is what held it.
    const latest = JSON.parse((await get(`/v1/reports/lots/${lotId}`, 'brand')).body) as AuditReport;
    expect(latest.checkpoint.treeSize).toBeGreaterThan(pinned);
    expect(latest.tables.findings.rows.find((f) => f.findingId === open!.findingId)?.status).toBe('resolved');
  });

  it('states the checkpoint and how to verify it, and lists plots with area and deforestation result', async () => {
    const report = JSON.parse(
      (await get(`/v1/reports/lots/${lotId}?treeSize=${pinned}`, 'brand')).body,
    ) as AuditReport;
    const [checkpoint] = await t.runtime.db.query<{ note: string }>(
      'SELECT note FROM ledger_checkpoints WHERE tree_size = $1',
      [pinned],
    );
    expect(report.checkpoint.note).toBe(checkpoint!.note);
    expect(checkpoint!.note.split('\n').slice(0, 3)).toEqual([
      report.checkpoint.origin,
      String(pinned),
      report.checkpoint.rootHashBase64,
    ]);
    expect(Buffer.from(report.checkpoint.rootHashBase64, 'base64').toString('hex')).toBe(
      report.checkpoint.rootHashHex,
    );
    expect(report.checkpoint.verify.join(' ')).toContain('gt verify');
    const area = report.tables.plots.rows.reduce((sum, p) => sum + Number(p.areaHectares), 0);
    expect(Number(report.summary.plotAreaHectares)).toBeCloseTo(area, 2);
    for (const p of report.tables.plots.rows) expect(p.deforestation).toMatch(/^(not_checked|[a-z_0-9]+)$/);
    expect(report.summary.tracedShare).toBeGreaterThan(0);
    expect(report.summary.tracedShare).toBeLessThanOrEqual(1);
  });
});

describe('GET /v1/reports/lots/:id/pdf', () => {
  it('renders the demo lot: a first page with ink, the lot code, the checkpoint and the JSON’s figures', async () => {
    const json = JSON.parse(
      (await get(`/v1/reports/lots/${lotId}?treeSize=${pinned}`, 'brand')).body,
    ) as AuditReport;
    const response = await get(`/v1/reports/lots/${lotId}/pdf?treeSize=${pinned}`, 'brand');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const { width, height, inked } = await firstPageInk(pdf);
    expect(width).toBeGreaterThan(400);
    // Not blank: a page of text inks a few percent of its pixels.
    expect(inked / (width * height)).toBeGreaterThan(0.01);

    const path = join(work, 'text.pdf');
    await writeFile(path, pdf);
    // -layout keeps each printed row on one line, so a value can be checked beside its label or plot.
    const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const lines = stdout.split('\n').map((line) => line.trim().replace(/\s+/g, ' '));
    const text = lines.join(' ');
    expect(text).toContain(LOT);
    expect(text).toContain(`Tree size: ${pinned}`);
    expect(text).toContain(json.checkpoint.rootHashBase64);
    expect(text).toContain(json.checkpoint.origin);
    expect(text).toContain('gt verify');
    // Names outside ASCII come back as written: the embedded font carries a ToUnicode map.
    for (const row of json.tables.suppliers.rows) expect(text).toContain(String(row.name));
    expect(json.tables.suppliers.rows.map((r) => r.name)).toContain('Coopérative Agricole de Soubré');
    for (const [label, value] of summaryLines(json)) expect(lines).toContain(`${label} ${value}`);
    // Every plot of the JSON is listed (its id), with its area, and page numbers are printed.
    for (const p of json.tables.plots.rows) {
      const line = lines.find((l) => l.startsWith(`${p.plotId} `));
      expect(line, `plot ${p.plotId}`).toBeDefined();
      expect(line).toContain(` ${p.country} ${p.commodity} ${p.areaHectares} ${p.deforestation} `);
    }
    const pages = Number(/page 1 of (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain(`page ${pages} of ${pages}`);
  });
});

describe('GET /v1/reports/:scope/:id/csv/:table', () => {
  it('gives RFC 4180 CSV for every table that parses back to the JSON’s rows', async () => {
    const json = JSON.parse(
      (await get(`/v1/reports/lots/${lotId}?treeSize=${pinned}`, 'brand')).body,
    ) as AuditReport;
    for (const name of TABLE_NAMES) {
      const response = await get(`/v1/reports/lots/${lotId}/csv/${name}?treeSize=${pinned}`, 'brand');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      const [header, ...rows] = parseCsv(response.body);
      const table = json.tables[name];
      expect(header).toEqual(table.columns);
      expect(rows).toEqual(table.rows.map((row) => table.columns.map((c) => cellText(row[c] ?? null))));
    }
  });
});

describe('organisation reports', () => {
  it('gives the brand its whole chain and a supplier in it, pinned alike', async () => {
    const chain = await get(`/v1/reports/chains/${brand}?treeSize=${pinned}`, 'brand');
    expect(chain.statusCode).toBe(200);
    const report = JSON.parse(chain.body) as AuditReport;
    expect(report.scope).toBe('chain');
    expect(report.summary.tiers).toBeGreaterThan(1);
    const tier1 = report.tables.suppliers.rows.find((r) => r.tier === 1)!;
    const supplier = await get(`/v1/reports/suppliers/${tier1.organisationId}?treeSize=${pinned}`, 'brand');
    expect(supplier.statusCode).toBe(200);
    expect((JSON.parse(supplier.body) as AuditReport).subject.label).toBe(tier1.name);
    // An auditor reads the chain once the brand grants it.
    expect((await get(`/v1/reports/chains/${brand}`, 'auditor')).statusCode).toBe(404);
    const [auditor] = await t.runtime.db.query<{ id: string }>(
      "SELECT id FROM organisations WHERE name = 'auditor'",
    );
    const granted = await t.call('POST', `/v1/organisations/${brand}/auditor-grants`, tokens.brand!, {
      auditorId: auditor!.id,
    });
    expect(granted.statusCode).toBe(201);
    const read = await get(`/v1/reports/chains/${brand}?treeSize=${pinned}`, 'auditor');
    expect(read.statusCode).toBe(200);
  });

  it('refuses strangers and unknown checkpoints, and writes nothing', async () => {
    const before = await size();
    for (const url of [
      `/v1/reports/lots/${lotId}`,
      `/v1/reports/lots/${lotId}/pdf`,
      `/v1/reports/lots/${lotId}/csv/plots`,
      `/v1/reports/lots/${lotId}/geojson`,
      `/v1/reports/chains/${brand}`,
    ])
      expect((await get(url, 'stranger')).statusCode, url).toBe(404);
    const bad = await get(`/v1/reports/lots/${lotId}?treeSize=${pinned + 100_000}`, 'brand');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(bad.json())).toContain('/treeSize');
    expect((await get(`/v1/reports/lots/${lotId}?treeSize=-1`, 'brand')).statusCode).toBe(400);
    expect((await get(`/v1/reports/lots/${lotId}/csv/nonsense`, 'brand')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: `/v1/reports/lots/${lotId}` })).statusCode).toBe(401);
    expect(await size()).toBe(before);
  });
});

describe('GET /v1/reports/lots/:id/geojson', () => {
  it('is the EUDR GeoJSON of the report’s plots', async () => {
    const json = JSON.parse(
      (await get(`/v1/reports/lots/${lotId}?treeSize=${pinned}`, 'brand')).body,
    ) as AuditReport;
    const response = await get(`/v1/reports/lots/${lotId}/geojson?treeSize=${pinned}`, 'brand');
    expect(response.statusCode).toBe(200);
    const collection = response.json() as { type: string; features: { id: string }[] };
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.map((f) => f.id)).toEqual(json.tables.plots.rows.map((p) => p.plotId));
  });
});

describe('what a report cannot read as of its checkpoint (decision 0023)', () => {
  it('names organisations as they stand now, and says so in its notes', async () => {
    const url = `/v1/reports/lots/${lotId}?treeSize=${pinned}`;
    const before = JSON.parse((await get(url, 'brand')).body) as AuditReport;
    expect(before.notes.join(' ')).toContain('organisation.updated');
    const tier1 = before.tables.suppliers.rows.find((r) => r.tier === 1)!;
    const renamed = await t.call('PATCH', `/v1/organisations/${tier1.organisationId}`, tokens.admin!, {
      name: 'Tema Cocoa Processing (renamed after the checkpoint)',
    });
    expect(renamed.statusCode).toBe(200);
    const after = JSON.parse((await get(url, 'brand')).body) as AuditReport;
    expect(after.tables.suppliers.rows.find((r) => r.tier === 1)!.name).toBe(
      'Tema Cocoa Processing (renamed after the checkpoint)',
    );
    // Nothing else moves: the rest of the report is as it was at the checkpoint.
    const rename = (text: string) => text.replaceAll(String(tier1.name), '…');
    expect(
      rename(JSON.stringify(after)).replaceAll('Tema Cocoa Processing (renamed after the checkpoint)', '…'),
    ).toBe(rename(JSON.stringify(before)));
  });
});
