// The passport page: server-rendered HTML a phone shows without JavaScript, with no request to any
// other site (no fonts, scripts or images from elsewhere), in English or French.
import type { Passport } from './service.ts';

export type Language = 'en' | 'fr';
export const LANGUAGES: readonly Language[] = ['en', 'fr'];

const TEXT = {
  en: {
    title: (name: string) => `${name} — product passport`,
    gtin: 'GTIN',
    lot: 'Lot',
    origin: 'Where the cocoa came from',
    originNone: 'The brand has not published where this lot came from.',
    traced: 'Traced to registered farms',
    tracedWords: (pct: string, rest: string) =>
      `${pct} of the cocoa in this lot was traced to farms registered with their boundaries. ${rest} could not be traced to a farm.`,
    tracedAll: (pct: string) =>
      `${pct} of the cocoa in this lot was traced to farms registered with their boundaries.`,
    noClaim: 'The brand has not yet published a claim about this lot.',
    noLot: 'Scan the code on the pack to see a lot’s origin: this page describes the product only.',
    checked: 'Claim published',
    badge: 'Signed claim in a public, append-only log',
    verified: 'Verified in your browser: this claim is in the log’s signed checkpoint of {size} entries',
    failed: 'Your browser could not verify this claim:',
    howTitle: 'How to check this yourself',
    how: (index: number) =>
      `This claim is entry ${index} of Groundtruth’s public log. Its values come with salts and an inclusion proof at the address below; hashing them gives the digests in the entry, and the proof ties the entry to a checkpoint signed by the log. Anyone can check this without an account, for example with the open-source “gt” tool.`,
    proof: 'Entry, disclosures and proof (JSON)',
    data: 'This passport as data (JSON)',
    language: 'Français',
  },
  fr: {
    title: (name: string) => `${name} — passeport produit`,
    gtin: 'GTIN',
    lot: 'Lot',
    origin: 'D’où vient le cacao',
    originNone: 'La marque n’a pas publié l’origine de ce lot.',
    traced: 'Tracé jusqu’à des exploitations enregistrées',
    tracedWords: (pct: string, rest: string) =>
      `${pct} du cacao de ce lot a été tracé jusqu’à des exploitations enregistrées avec leurs limites. ${rest} n’a pas pu être tracé jusqu’à une exploitation.`,
    tracedAll: (pct: string) =>
      `${pct} du cacao de ce lot a été tracé jusqu’à des exploitations enregistrées avec leurs limites.`,
    noClaim: 'La marque n’a pas encore publié de déclaration sur ce lot.',
    noLot:
      'Scannez le code sur l’emballage pour voir l’origine d’un lot : cette page ne décrit que le produit.',
    checked: 'Déclaration publiée',
    badge: 'Déclaration signée dans un registre public et inaltérable',
    verified:
      'Vérifié par votre navigateur : cette déclaration figure dans le point de contrôle signé du registre ({size} entrées)',
    failed: 'Votre navigateur n’a pas pu vérifier cette déclaration :',
    howTitle: 'Le vérifier vous-même',
    how: (index: number) =>
      `Cette déclaration est l’entrée ${index} du registre public de Groundtruth. Ses valeurs sont fournies avec leurs sels et une preuve d’inclusion à l’adresse ci-dessous : leur empreinte redonne celles de l’entrée, et la preuve relie l’entrée à un point de contrôle signé par le registre. Chacun peut le vérifier sans compte, par exemple avec l’outil libre « gt ».`,
    proof: 'Entrée, divulgations et preuve (JSON)',
    data: 'Ce passeport en données (JSON)',
    language: 'English',
  },
} as const;

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function percent(share: number, language: Language): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

export interface PageLinks {
  /** This page in the other language. */
  otherLanguage: string;
  json: string;
  proof?: string;
  /** The log's verifier key, which the browser check fetches. */
  key?: string;
  /** The browser check script; without it the badge stays "signed". */
  script?: string;
}

/** The whole page. Every value from the database is escaped. */
export function renderPassport(passport: Passport, language: Language, links: PageLinks): string {
  const t = TEXT[language];
  const countries = new Intl.DisplayNames([language], { type: 'region' });
  const claim = passport.claim;
  const sections: string[] = [];
  if (passport.lot === undefined) sections.push(`<p>${escapeHtml(t.noLot)}</p>`);
  else if (!claim) sections.push(`<p class="notice">${escapeHtml(t.noClaim)}</p>`);
  else {
    sections.push(
      `<section aria-labelledby="origin"><h2 id="origin">${escapeHtml(t.origin)}</h2>${
        claim.originCountry?.length
          ? `<ul>${claim.originCountry.map((c) => `<li>${escapeHtml(countries.of(c) ?? c)} (${escapeHtml(c)})</li>`).join('')}</ul>`
          : `<p>${escapeHtml(t.originNone)}</p>`
      }</section>`,
    );
    if (claim.tracedShare !== undefined) {
      const traced = percent(claim.tracedShare, language);
      const rest = percent(Math.max(0, 1 - claim.tracedShare), language);
      sections.push(
        `<section aria-labelledby="traced"><h2 id="traced">${escapeHtml(t.traced)}</h2>` +
          `<p class="share"><strong>${escapeHtml(traced)}</strong></p>` +
          `<p>${escapeHtml(claim.tracedShare >= 1 ? t.tracedAll(traced) : t.tracedWords(traced, rest))}</p></section>`,
      );
    }
    const date = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(claim.recordedAt),
    );
    sections.push(
      `<section aria-labelledby="check"><p class="badge" role="status" aria-live="polite"${
        links.proof && links.key
          ? ` data-verify-claim data-entry="${claim.entryIndex}" data-proof="${escapeHtml(links.proof)}" data-key="${escapeHtml(links.key)}"` +
            (claim.originCountry ? ` data-origin="${escapeHtml(claim.originCountry.join(','))}"` : '') +
            (claim.tracedShare !== undefined ? ` data-share="${claim.tracedShare}"` : '') +
            ` data-verified-text="${escapeHtml(t.verified)}" data-failed-text="${escapeHtml(t.failed)}"`
          : ''
      }>✔ <span class="badge-text">${escapeHtml(t.badge)}</span></p>` +
        `<p>${escapeHtml(t.checked)}: <time datetime="${escapeHtml(claim.recordedAt)}">${escapeHtml(date)}</time></p>` +
        `<h2 id="check">${escapeHtml(t.howTitle)}</h2><p>${escapeHtml(t.how(claim.entryIndex))}</p>` +
        (links.proof ? `<p><a href="${escapeHtml(links.proof)}">${escapeHtml(t.proof)}</a></p>` : '') +
        '</section>',
    );
  }
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title(passport.product.name))}</title>
<style>
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1a1a1a;background:#fff}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dt{font-weight:600}
dd{margin:0;overflow-wrap:anywhere}
.share{font-size:2rem;margin:0}
.badge{display:inline-block;border:2px solid #0b6b2f;color:#0b6b2f;border-radius:.5rem;padding:.25rem .75rem;font-weight:600}
.badge.failed{border-color:#a4161a;color:#a4161a}
.notice{background:#fff4ce;padding:.75rem;border-radius:.5rem}
a{color:#0645ad}
footer{margin-top:2rem;font-size:.9rem}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(passport.product.name)}</h1>
<dl><dt>${t.gtin}</dt><dd>${escapeHtml(passport.product.gtin)}</dd>${
    passport.lot !== undefined ? `<dt>${t.lot}</dt><dd>${escapeHtml(passport.lot)}</dd>` : ''
  }</dl>
${sections.join('\n')}
<footer><p><a href="${escapeHtml(links.json)}">${escapeHtml(t.data)}</a> · <a href="${escapeHtml(links.otherLanguage)}" hreflang="${language === 'en' ? 'fr' : 'en'}">${escapeHtml(t.language)}</a></p></footer>
</main>
${links.script && claim ? `<script src="${escapeHtml(links.script)}" defer></script>` : ''}
</body>
</html>
`;
}

/** A short page for a code that names nothing we hold, or is malformed. */
export function renderNotFound(language: Language, status: 400 | 404, detail: string): string {
  const title =
    status === 404
      ? language === 'fr'
        ? 'Produit inconnu'
        : 'Product not found'
      : language === 'fr'
        ? 'Code illisible'
        : 'This code cannot be read';
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title></head>
<body style="font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:1rem">
<h1>${title}</h1><p>${escapeHtml(detail)}</p></body></html>
`;
}
