// The passport page: server-rendered HTML a phone shows without JavaScript, with no request to any
// other site (no fonts, scripts or images from elsewhere), in English or French.
import type { Passport } from './service.ts';

export type Language = 'en' | 'fr';
export const LANGUAGES: readonly Language[] = ['en', 'fr'];

const ROLES_EN: Record<string, string> = {
  brand: 'Brand',
  manufacturer: 'Manufacturer',
  processor: 'Processor',
  exporter: 'Exporter',
  trader: 'Trader',
  cooperative: 'Cooperative',
  farm: 'Farm',
  producer: 'Producer',
};
const ROLES_FR: Record<string, string> = {
  brand: 'Marque',
  manufacturer: 'Fabricant',
  processor: 'Transformateur',
  exporter: 'Exportateur',
  trader: 'Négociant',
  cooperative: 'Coopérative',
  farm: 'Exploitation',
  producer: 'Producteur',
};

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
    credential:
      'This passport as a verifiable credential signed by its maker (UNTP Digital Product Passport)',
    data: 'This passport as data (JSON)',
    language: 'Français',
    farms: (count: string, hectares: string) =>
      `From ${count} registered farms covering ${hectares} hectares.`,
    chainTitle: 'Who handled it',
    tier: (n: number) => (n === 0 ? 'Makes this product' : `Tier ${n}`),
    tierUnknown: 'Further upstream',
    sites: (n: number) => (n === 1 ? '1 site' : `${n} sites`),
    evidenceTitle: 'What was seen on the ground',
    evidenceWords: (withSnapshots: string, farms: string) =>
      `${withSnapshots} of ${farms} farms have photos, video or 3D captures from the last year, signed by their supplier.`,
    evidenceLatest: 'Latest capture',
    photoCaption: (country: string, date: string) => `A farm in ${country}, photographed ${date}`,
    findingsTitle: 'What the checks found',
    findingsNone: 'No open findings on this lot.',
    finding: {
      untraced: (share?: string) =>
        share
          ? `${share} of the cocoa in this lot could not be traced to a farm.`
          : 'Part of the cocoa in this lot could not be traced to a farm.',
      yield: (count?: string, share?: string) =>
        count
          ? `${count} farms in this lot’s chain reported more cocoa than their land can grow; their cocoa makes up to ${share} of this lot.`
          : 'Some farms in this lot’s chain reported more cocoa than their land can grow.',
      deforestation: (count?: string) =>
        count
          ? `${count} farms in this lot’s chain overlap land that was forest at the end of 2020, or could not be checked against the forest map.`
          : 'Some farms in this lot’s chain overlap land that was forest at the end of 2020, or could not be checked against the forest map.',
      balance: (count?: string) =>
        count
          ? `${count} processing or trading records put out more cocoa than came in, or used the same cocoa twice.`
          : 'Some processing or trading records put out more cocoa than came in, or used the same cocoa twice.',
      records: (count?: string) =>
        count
          ? `${count} records have dates, places or confirmations that do not fit.`
          : 'Some records have dates, places or confirmations that do not fit.',
      evidence: (count?: string) =>
        count
          ? `${count} photos or 3D captures do not match where or when they were said to be taken.`
          : 'Some photos or 3D captures do not match where or when they were said to be taken.',
      other: (count?: string) =>
        count ? `${count} other checks raised questions.` : 'Other checks raised questions.',
    },
    roles: ROLES_EN,
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
    credential:
      'Ce passeport en attestation vérifiable signée par son fabricant (passeport numérique de produit UNTP)',
    data: 'Ce passeport en données (JSON)',
    language: 'English',
    farms: (count: string, hectares: string) =>
      `Issu de ${count} exploitations enregistrées couvrant ${hectares} hectares.`,
    chainTitle: 'Qui l’a manipulé',
    tier: (n: number) => (n === 0 ? 'Fabrique ce produit' : `Rang ${n}`),
    tierUnknown: 'Plus en amont',
    sites: (n: number) => (n === 1 ? '1 site' : `${n} sites`),
    evidenceTitle: 'Ce qui a été vu sur le terrain',
    evidenceWords: (withSnapshots: string, farms: string) =>
      `${withSnapshots} exploitations sur ${farms} ont des photos, vidéos ou captures 3D de l’année écoulée, signées par leur fournisseur.`,
    evidenceLatest: 'Dernière capture',
    photoCaption: (country: string, date: string) => `Exploitation (${country}), photographiée le ${date}`,
    findingsTitle: 'Ce que les contrôles ont relevé',
    findingsNone: 'Aucune anomalie ouverte sur ce lot.',
    finding: {
      untraced: (share?: string) =>
        share
          ? `${share} du cacao de ce lot n’a pas pu être tracé jusqu’à une exploitation.`
          : 'Une partie du cacao de ce lot n’a pas pu être tracée jusqu’à une exploitation.',
      yield: (count?: string, share?: string) =>
        count
          ? `${count} exploitations de la chaîne de ce lot ont déclaré plus de cacao que leurs terres ne peuvent en produire ; leur cacao représente jusqu’à ${share} de ce lot.`
          : 'Des exploitations de la chaîne de ce lot ont déclaré plus de cacao que leurs terres ne peuvent en produire.',
      deforestation: (count?: string) =>
        count
          ? `${count} exploitations de la chaîne de ce lot recouvrent des terres boisées fin 2020, ou n’ont pas pu être comparées à la carte forestière.`
          : 'Des exploitations de la chaîne de ce lot recouvrent des terres boisées fin 2020, ou n’ont pas pu être comparées à la carte forestière.',
      balance: (count?: string) =>
        count
          ? `${count} enregistrements de transformation ou de négoce font sortir plus de cacao qu’il n’en est entré, ou utilisent deux fois le même cacao.`
          : 'Des enregistrements de transformation ou de négoce font sortir plus de cacao qu’il n’en est entré, ou utilisent deux fois le même cacao.',
      records: (count?: string) =>
        count
          ? `${count} enregistrements ont des dates, des lieux ou des confirmations qui ne concordent pas.`
          : 'Des enregistrements ont des dates, des lieux ou des confirmations qui ne concordent pas.',
      evidence: (count?: string) =>
        count
          ? `${count} photos ou captures 3D ne correspondent pas au lieu ou à la date de prise annoncés.`
          : 'Des photos ou captures 3D ne correspondent pas au lieu ou à la date de prise annoncés.',
      other: (count?: string) =>
        count
          ? `${count} autres contrôles ont soulevé des questions.`
          : 'D’autres contrôles ont soulevé des questions.',
    },
    roles: ROLES_FR,
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

const integer = (n: number, language: Language) => new Intl.NumberFormat(language).format(n);

/**
 * The facts the page shows, as the claim's entry holds them: the browser check compares each with
 * the disclosed value, so a page that says something the log does not is caught.
 */
export function shownFacts(claim: NonNullable<Passport['claim']>): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const key of [
    'originCountry',
    'tracedShare',
    'originFarms',
    'supplyChain',
    'evidence',
    'findings',
  ] as const)
    if (claim[key] !== undefined) facts[key] = claim[key];
  return facts;
}

/** Supply chain, evidence and findings: each only when the claim carries it. */
function factSections(
  claim: NonNullable<Passport['claim']>,
  language: Language,
  thumbnails: string | undefined,
): string[] {
  const t = TEXT[language];
  const countries = new Intl.DisplayNames([language], { type: 'region' });
  const out: string[] = [];
  if (claim.supplyChain?.length) {
    const items = claim.supplyChain.map((s) => {
      const tier = s.tier === null ? t.tierUnknown : t.tier(s.tier);
      const role = s.role ? (t.roles[s.role] ?? s.role) : '';
      const where = countries.of(s.country) ?? s.country;
      const who = s.name !== undefined ? s.name : s.count !== undefined ? t.sites(s.count) : '';
      return `<li><span class="tier">${escapeHtml(tier)}</span> · ${escapeHtml([role, who].filter(Boolean).join(' — '))} · ${escapeHtml(where)}</li>`;
    });
    out.push(
      `<section aria-labelledby="chain"><h2 id="chain">${escapeHtml(t.chainTitle)}</h2><ul>${items.join('')}</ul></section>`,
    );
  }
  if (claim.evidence) {
    const e = claim.evidence;
    const latest = e.latestCapture
      ? `<p>${escapeHtml(t.evidenceLatest)}: <time datetime="${escapeHtml(e.latestCapture)}">${escapeHtml(
          new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(
            new Date(e.latestCapture),
          ),
        )}</time></p>`
      : '';
    const dateOf = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' });
    const photos =
      thumbnails && e.photos?.length
        ? `<ul class="photos">${e.photos
            .map((p) => {
              const caption = t.photoCaption(
                countries.of(p.country) ?? p.country,
                dateOf.format(new Date(p.capturedAt)),
              );
              return `<li><figure><img src="${escapeHtml(`${thumbnails}${p.thumbnail}.jpg`)}" width="${p.width}" height="${p.height}" alt="${escapeHtml(caption)}" loading="lazy"><figcaption>${escapeHtml(caption)}</figcaption></figure></li>`;
            })
            .join('')}</ul>`
        : '';
    out.push(
      `<section aria-labelledby="evidence"><h2 id="evidence">${escapeHtml(t.evidenceTitle)}</h2><p>${escapeHtml(
        t.evidenceWords(integer(e.farmsWithSnapshots, language), integer(e.farms, language)),
      )}</p>${latest}${photos}</section>`,
    );
  }
  if (claim.findings) {
    const items = claim.findings.map((f) => {
      const count = f.count !== undefined ? integer(f.count, language) : undefined;
      const share = f.share !== undefined ? percent(f.share, language) : undefined;
      const words = t.finding;
      const text =
        f.kind === 'untraced'
          ? words.untraced(share)
          : f.kind === 'yield'
            ? words.yield(count, share)
            : f.kind === 'deforestation' ||
                f.kind === 'balance' ||
                f.kind === 'records' ||
                f.kind === 'evidence'
              ? words[f.kind](count)
              : words.other(count);
      return `<li>${escapeHtml(text)}</li>`;
    });
    out.push(
      `<section aria-labelledby="findings"><h2 id="findings">${escapeHtml(t.findingsTitle)}</h2>${
        items.length ? `<ul class="findings">${items.join('')}</ul>` : `<p>${escapeHtml(t.findingsNone)}</p>`
      }</section>`,
    );
  }
  return out;
}

export interface PageLinks {
  /** This page in the other language. */
  otherLanguage: string;
  json: string;
  proof?: string;
  /** The passport as a signed W3C Verifiable Credential, when its organisation issued one. */
  credential?: string;
  /** Where thumbnails are served, the name `<sha256>.jpg` appended. */
  thumbnails?: string;
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
      }${
        claim.originFarms
          ? `<p class="farms">${escapeHtml(
              t.farms(
                integer(claim.originFarms.count, language),
                new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(
                  Number(claim.originFarms.hectares),
                ),
              ),
            )}</p>`
          : ''
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
    sections.push(...factSections(claim, language, links.thumbnails));
    const date = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(claim.recordedAt),
    );
    sections.push(
      `<section aria-labelledby="check"><p class="badge" role="status" aria-live="polite"${
        links.proof && links.key
          ? ` data-verify-claim data-entry="${claim.entryIndex}" data-proof="${escapeHtml(links.proof)}" data-key="${escapeHtml(links.key)}"` +
            ` data-facts="${escapeHtml(JSON.stringify(shownFacts(claim)))}"` +
            ` data-verified-text="${escapeHtml(t.verified)}" data-failed-text="${escapeHtml(t.failed)}"`
          : ''
      }>✔ <span class="badge-text">${escapeHtml(t.badge)}</span></p>` +
        `<p>${escapeHtml(t.checked)}: <time datetime="${escapeHtml(claim.recordedAt)}">${escapeHtml(date)}</time></p>` +
        `<h2 id="check">${escapeHtml(t.howTitle)}</h2><p>${escapeHtml(t.how(claim.entryIndex))}</p>` +
        (links.proof ? `<p><a href="${escapeHtml(links.proof)}">${escapeHtml(t.proof)}</a></p>` : '') +
        (links.credential
          ? `<p><a href="${escapeHtml(links.credential)}" type="application/vc+jwt">${escapeHtml(t.credential)}</a></p>`
          : '') +
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
.photos{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(9rem,1fr));gap:.5rem}
.photos img{width:100%;height:auto;border-radius:.25rem;display:block}
figure{margin:0}
figcaption{font-size:.8rem;color:#444}
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
