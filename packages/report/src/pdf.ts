// The audit report as a PDF a person hands to a regulator, drawn with pdfkit from the report's JSON
// (never from the database): every figure printed is a value of the JSON, formatted by summaryLines
// or a table cell. DejaVu Sans is embedded (subset) so names in any Latin, Greek or Cyrillic script
// print as written; the standard PDF fonts are Latin-1 only.
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { AuditReport, Cell, Table, TableName } from './build.ts';

// DejaVu Sans 2.37 (Debian fonts-dejavu-core 2.37-6), Bitstream Vera licence with public-domain
// DejaVu changes: packages/report/fonts/LICENSE.
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function loadFonts() {
  fonts ??= {
    regular: readFileSync(new URL('../fonts/DejaVuSans.ttf', import.meta.url)),
    bold: readFileSync(new URL('../fonts/DejaVuSans-Bold.ttf', import.meta.url)),
  };
  return fonts;
}

const SCOPE_TITLE = { lot: 'product lot', supplier: 'supplier', chain: 'brand supply chain' } as const;

const percent = (share: number) => `${(share * 100).toFixed(2)} %`;

/** The summary's figures as printed: label, value. The tests read these back from the PDF's text. */
export function summaryLines(report: AuditReport): [string, string][] {
  const s = report.summary;
  return [
    ['Organisations in the chain', `${s.organisations} over ${s.tiers} tiers`],
    ['Plots', `${s.plots} (${s.withheldPlots} withheld from this reader)`],
    ['Plot area', `${s.plotAreaHectares} ha`],
    ['Measured volume', `${s.measuredMassKg} kg`],
    ['Traced to plots (events)', `${s.tracedMassKg} kg = ${percent(s.tracedShare)}`],
    [
      'Traced after yield caps',
      s.massBalanceTracedShare === null
        ? 'not computed at this checkpoint'
        : percent(s.massBalanceTracedShare),
    ],
    [
      'Deforestation checks',
      `${s.plotsChecked} checked, ${s.plotsAtRisk} at risk, ${s.plotsNotCovered} not covered`,
    ],
    ['Sites with a recent snapshot', `${s.sitesWithRecentSnapshot}`],
    [
      'Tiers without any snapshot',
      s.tiersWithoutSnapshot.length === 0 ? 'none' : s.tiersWithoutSnapshot.join(', '),
    ],
    ['Findings', `${s.openFindings} open, ${s.resolvedFindings} resolved`],
  ];
}

interface Column {
  key: string;
  title: string;
  width: number;
  format?: (cell: Cell) => string;
}

const shareText = (cell: Cell) =>
  typeof cell === 'number' ? percent(cell) : cell === null ? '–' : String(cell);

/** What each table prints: the columns a reader needs on paper (the CSV has them all). */
const PRINTED: Record<TableName, { title: string; columns: Column[] }> = {
  suppliers: {
    title: 'Supplier tree by tier, with onboarding status',
    columns: [
      { key: 'tier', title: 'Tier', width: 30 },
      { key: 'name', title: 'Organisation', width: 150 },
      { key: 'kind', title: 'Kind', width: 50 },
      { key: 'country', title: 'Country', width: 45 },
      { key: 'onboarding', title: 'Onboarding (brand: status)', width: 220 },
    ],
  },
  volume: {
    title: 'Volume traced to plots',
    columns: [
      { key: 'lot', title: 'Lot', width: 110 },
      { key: 'holder', title: 'Holder', width: 110 },
      { key: 'commodity', title: 'Commodity', width: 55 },
      { key: 'massKg', title: 'Mass kg', width: 60 },
      { key: 'tracedKg', title: 'Traced kg', width: 60 },
      { key: 'tracedShare', title: 'Traced', width: 50, format: shareText },
      { key: 'massBalanceTracedShare', title: 'Mass balance', width: 55, format: shareText },
    ],
  },
  plots: {
    title: 'Plots: computed area and deforestation result (geometry: GET /v1/plots/<plot>)',
    columns: [
      { key: 'plotId', title: 'Plot', width: 162 },
      { key: 'producer', title: 'Producer', width: 90 },
      { key: 'country', title: 'Ctry', width: 25 },
      { key: 'commodity', title: 'Commodity', width: 48 },
      { key: 'areaHectares', title: 'Area ha', width: 45 },
      { key: 'deforestation', title: 'Deforestation', width: 75 },
      { key: 'forestShare2020', title: 'Forest 2020', width: 50, format: shareText },
    ],
  },
  evidenceSites: {
    title: 'Evidence coverage: signed snapshots per site',
    columns: [
      { key: 'tier', title: 'Tier', width: 30 },
      { key: 'name', title: 'Site', width: 180 },
      { key: 'snapshots', title: 'Snapshots', width: 55 },
      { key: 'latestCapturedAt', title: 'Latest capture', width: 150 },
      { key: 'recent', title: 'Recent', width: 50 },
    ],
  },
  evidenceTiers: {
    title: 'Evidence coverage by tier',
    columns: [
      { key: 'tier', title: 'Tier', width: 40 },
      { key: 'organisations', title: 'Organisations', width: 90 },
      { key: 'withSnapshots', title: 'With snapshots', width: 90 },
      { key: 'withRecentSnapshot', title: 'With a recent one', width: 100 },
    ],
  },
  findings: {
    title: 'Findings, open and resolved (numbers and resolutions in the CSV and JSON)',
    columns: [
      { key: 'status', title: 'Status', width: 45 },
      { key: 'severity', title: 'Severity', width: 45 },
      { key: 'rule', title: 'Rule', width: 110 },
      { key: 'message', title: 'Message', width: 175 },
      { key: 'resolution', title: 'Resolution', width: 120 },
    ],
  },
  risk: {
    title: 'Risk by country of production and commodity',
    columns: [
      { key: 'country', title: 'Country', width: 45 },
      { key: 'commodity', title: 'Commodity', width: 60 },
      { key: 'highRiskCountry', title: 'High-risk', width: 50 },
      { key: 'plots', title: 'Plots', width: 40 },
      { key: 'areaHectares', title: 'Area ha', width: 60 },
      { key: 'plotsAtRisk', title: 'At risk', width: 40 },
      { key: 'plotsNotChecked', title: 'Unchecked', width: 55 },
      { key: 'openPlotFindings', title: 'Open', width: 35 },
      { key: 'level', title: 'Level', width: 110 },
    ],
  },
};

const ORDER: TableName[] = [
  'suppliers',
  'volume',
  'risk',
  'plots',
  'evidenceTiers',
  'evidenceSites',
  'findings',
];

/** Cuts text to what fits a column (DejaVu at 7 pt averages well under 4.4 pt a character). */
function fit(text: string, width: number, size: number): string {
  const max = Math.floor(width / (size * 0.6));
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

export async function reportPdf(report: AuditReport): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const issued = new Date(report.checkpoint.issuedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 50, left: 50, right: 45 },
    bufferPages: true,
    // Dated by the checkpoint, not the clock: the PDF says when its data stood, not when it was drawn.
    info: {
      Title: `Audit report: ${SCOPE_TITLE[report.scope]} ${report.subject.label}`,
      Author: 'Groundtruth',
      Subject: `Pinned to ${report.checkpoint.origin} at tree size ${report.checkpoint.treeSize}`,
      CreationDate: issued,
      ModDate: issued,
    },
    lang: 'en',
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', regular);
  doc.registerFont('bold', bold);
  const left = doc.page.margins.left;
  const contentWidth = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  doc.font('bold').fontSize(17).text(`Audit report: ${SCOPE_TITLE[report.scope]}`, left, 50);
  doc.font('body').fontSize(13).text(report.subject.label, { width: contentWidth });
  doc.moveDown(0.3);
  doc.fontSize(8).fillColor('#444').text(`${report.scope} ${report.subject.id}`).fillColor('black');
  doc.moveDown(0.8);

  // The pin, and how to check it, on the first page.
  doc.font('bold').fontSize(11).text('Ledger checkpoint');
  doc.font('body').fontSize(9);
  const c = report.checkpoint;
  doc.text(`Origin: ${c.origin}`);
  doc.text(`Tree size: ${c.treeSize}   (signed ${c.issuedAt})`);
  doc.text(`Root hash: ${c.rootHashBase64}`);
  doc.fontSize(7.5).text(`(hex ${c.rootHashHex})`);
  doc.moveDown(0.4);
  doc.fontSize(8.5);
  for (const line of c.verify) doc.text(`• ${line}`, { width: contentWidth });
  doc.moveDown(0.8);

  doc.font('bold').fontSize(11).text('Summary');
  doc.font('body').fontSize(9);
  for (const [label, value] of summaryLines(report)) {
    const y = doc.y;
    doc.text(label, left, y, { width: 170, lineBreak: false });
    doc.text(value, left + 175, y, { width: contentWidth - 175 });
  }
  doc.moveDown(0.8);
  doc.font('bold').fontSize(11).text('Notes', left);
  doc.font('body').fontSize(7.5);
  for (const note of report.notes) doc.text(`• ${note}`, left, doc.y, { width: contentWidth });

  const size = 7;
  const rowHeight = 10.5;
  const header = (columns: Column[]) => {
    let x = left;
    doc.font('bold').fontSize(size);
    const y = doc.y;
    for (const col of columns) {
      doc.text(fit(col.title, col.width - 3, size), x, y, { lineBreak: false });
      x += col.width;
    }
    doc
      .moveTo(left, y + rowHeight - 2)
      .lineTo(left + contentWidth, y + rowHeight - 2)
      .lineWidth(0.4)
      .stroke();
    doc.y = y + rowHeight + 1;
    doc.font('body');
  };
  for (const name of ORDER) {
    const table: Table = report.tables[name];
    const printed = PRINTED[name];
    if (doc.y > bottom() - 60) doc.addPage();
    else doc.moveDown(1.2);
    doc
      .font('bold')
      .fontSize(11)
      .text(`${printed.title} (${table.rows.length})`, left, doc.y, { width: contentWidth });
    doc.moveDown(0.3);
    if (table.rows.length === 0) {
      doc.font('body').fontSize(8.5).text('None at this checkpoint.', left);
      continue;
    }
    header(printed.columns);
    for (const row of table.rows) {
      if (doc.y + rowHeight > bottom()) {
        doc.addPage();
        header(printed.columns);
      }
      const y = doc.y;
      let x = left;
      for (const col of printed.columns) {
        const cell = row[col.key] ?? null;
        const text = col.format ? col.format(cell) : cell === null ? '–' : String(cell);
        doc.text(fit(text, col.width - 3, size), x, y, { lineBreak: false });
        x += col.width;
      }
      doc.y = y + rowHeight;
    }
  }

  // Page numbers and the pin in every footer (written below the bottom margin, which is lifted for it).
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('body').fontSize(7).fillColor('#555');
    doc.text(
      `${report.subject.label} · checkpoint ${c.origin} tree size ${c.treeSize} · page ${i + 1} of ${pages.count}`,
      left,
      doc.page.height - 32,
      { width: contentWidth, align: 'center', lineBreak: false },
    );
    doc.fillColor('black');
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}
