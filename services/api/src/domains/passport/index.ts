// The consumer's door (issue 14): a GS1 Digital Link resolver at /01/{GTIN}[/10/{lot}], the
// passport page it points to, and /.well-known/gs1resolver. All public: what they show is what the
// product's organisation published (docs/decisions/0017-passport.md).

import type { Database } from '@groundtruth/db';
import {
  acceptedLanguages,
  buildLinkset,
  chooseLink,
  DigitalLinkError,
  GS1_VOC,
  parseTradeItemLink,
  type ResolverLink,
  tradeItemPath,
} from '@groundtruth/digital-link';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, badRequest, notFound } from '../../errors.ts';
import { publicBaseUrl } from '../../public-url.ts';
import { passportCheckScript } from './bundle.ts';
import { LANGUAGES, type Language, renderNotFound, renderPassport } from './page.ts';
import { createPassportService, type Passport } from './service.ts';
import { createPassportStore } from './store.ts';

const LINKSET_TYPE = 'application/linkset+json';
export const VIEWER_LINK_TYPE = 'https://groundtruth.example/voc/viewer';

const baseOf = publicBaseUrl;

function splitUrl(url: string): { path: string; query: string } {
  const at = url.indexOf('?');
  return at < 0 ? { path: url, query: '' } : { path: url.slice(0, at), query: url.slice(at + 1) };
}

/** HTML when the client ranks it above JSON (a browser, a phone's camera app); otherwise JSON. */
function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  const html = accept.indexOf('text/html');
  const json = Math.max(accept.indexOf('application/json'), accept.indexOf('+json'));
  return html >= 0 && (json < 0 || html < json);
}

function languageOf(request: FastifyRequest, explicit: string | undefined): Language {
  if (explicit && (LANGUAGES as readonly string[]).includes(explicit)) return explicit as Language;
  for (const l of acceptedLanguages(request.headers['accept-language'])) {
    const primary = l.split('-')[0] as Language;
    if (LANGUAGES.includes(primary)) return primary;
  }
  return 'en';
}

function syntaxError(error: DigitalLinkError): AppError {
  const inQuery = error.at.startsWith('?');
  return badRequest(`not a valid GS1 Digital Link: ${error.message}`, [
    {
      in: inQuery ? 'query' : 'params',
      pointer: inQuery ? `/${error.at.slice(1)}` : error.at,
      detail: error.message,
    },
  ]);
}

/** A consumer gets a page; a program gets problem+json (thrown to the error handler). */
async function refuse(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  if (!wantsHtml(request)) throw error;
  const detail =
    error.code === 'not_found' ? 'No product or lot is registered under this code.' : error.message;
  return reply
    .code(error.status)
    .type('text/html; charset=utf-8')
    .send(renderNotFound(languageOf(request, undefined), error.status as 400 | 404, detail));
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'Link, Location, ETag',
};

export default async function passportRoutes(app: FastifyInstance, { db }: { db: Database }) {
  const passports = createPassportService({ db });
  const store = createPassportStore(db);
  app.addHook('onClose', async () => passports.close());
  // Rendered pages, by page and the claim they show: rendering (Intl formatters and all) costs more
  // than the lookup once that is cached.
  const pages = new Map<string, string>();

  /** Parses and looks up; throws the 400 or 404 the resolver and the page both answer. */
  async function resolve(path: string, query: string) {
    let link: ReturnType<typeof parseTradeItemLink>;
    try {
      link = parseTradeItemLink(path, query);
    } catch (error) {
      if (error instanceof DigitalLinkError) throw syntaxError(error);
      throw error;
    }
    const found = await passports.find(link.gtin, link.lot);
    if (!found || found.lot === false) throw notFound(`no product ${link.gtin} or lot ${link.lot}`);
    return { link, passport: found as Passport, canonical: tradeItemPath(link) };
  }

  function linksFor(base: string, canonical: string, passport: Passport): ResolverLink[] {
    const page = `${base}/passport${canonical}`;
    const links: ResolverLink[] = LANGUAGES.map((language) => ({
      linkType: 'gs1:pip',
      href: `${page}?lang=${language}`,
      title:
        language === 'fr'
          ? `${passport.product.name} — passeport produit`
          : `${passport.product.name} — product passport`,
      type: 'text/html',
      hreflang: [language],
    }));
    links.push({
      linkType: 'gs1:traceability',
      href: `${page}?format=json`,
      title: 'Published origin and traced share, with the ledger entry that proves them',
      type: 'application/json',
    });
    if (passport.claim?.credentialEntry !== undefined)
      links.push({
        linkType: 'gs1:dpp',
        href: `${page}?format=vc`,
        title:
          'Digital Product Passport (UNTP 0.6.0), a W3C Verifiable Credential signed by the product’s organisation',
        type: 'application/vc+jwt',
      });
    if (passport.claim)
      links.push({
        linkType: 'https://groundtruth.example/voc/claimProof',
        href: `${base}/v1/ledger/entries/${passport.claim.entryIndex}/disclosures`,
        title: 'The claim’s ledger entry, published disclosures and inclusion proof',
        type: 'application/json',
      });
    // The evidence viewer's public view: the same published facts, on a globe (decision 0018).
    if (passport.claim && passport.lot !== undefined)
      links.push({
        linkType: VIEWER_LINK_TYPE,
        href: `${base}/viewer/?${new URLSearchParams({ gtin: passport.product.gtin, lot: passport.lot })}`,
        title: 'The published origin on a globe (evidence viewer)',
        type: 'text/html',
      });
    return links;
  }

  function page(
    passport: Passport,
    language: Language,
    base: string,
    canonical: string,
    proof: string | undefined,
  ) {
    const key = `${base}${canonical}|${language}|${passport.claim?.entryIndex ?? ''}|${passport.claim?.credentialEntry ?? ''}`;
    let html = pages.get(key);
    if (html === undefined) {
      html = renderPassport(passport, language, {
        otherLanguage: `${base}/passport${canonical}?lang=${language === 'en' ? 'fr' : 'en'}`,
        json: `${base}/passport${canonical}?format=json`,
        thumbnails: `${base}/passport/thumbnails/`,
        ...(passport.claim?.credentialEntry !== undefined
          ? { credential: `${base}/passport${canonical}?format=vc` }
          : {}),
        ...(proof ? { proof, key: `${base}/v1/ledger/key`, script: `${base}/passport/check.js` } : {}),
      });
      if (pages.size >= 10_000) pages.delete(pages.keys().next().value!);
      pages.set(key, html);
    }
    return html;
  }

  app.get('/.well-known/gs1resolver', { schema: { hide: true } }, async (request, reply) => {
    reply.headers(CORS);
    return {
      name: 'Groundtruth product passport resolver',
      resolverRoot: baseOf(request),
      supportedPrimaryKeys: ['01'],
      supportedLinkType: [{ namespace: GS1_VOC, prefix: 'gs1:' }],
      linkTypeDefaultCanBeLinkset: false,
      supportedContextValuesEnumerated: [],
    };
  });

  app.options('/01/*', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .code(204)
      .headers({
        ...CORS,
        'access-control-allow-methods': 'GET, HEAD, OPTIONS',
        'access-control-allow-headers': 'Accept, Accept-Language',
        'access-control-max-age': '86400',
        allow: 'GET, HEAD, OPTIONS',
      })
      .send(),
  );

  app.get('/01/*', { schema: { hide: true } }, async (request, reply) => {
    reply.headers(CORS);
    const { path, query } = splitUrl(request.url);
    let resolved: Awaited<ReturnType<typeof resolve>>;
    try {
      resolved = await resolve(path, query);
    } catch (error) {
      if (error instanceof AppError) return refuse(request, reply, error);
      throw error;
    }
    const { link, passport, canonical } = resolved;
    const base = baseOf(request);
    const linksetUrl = `${base}${canonical}?linkType=linkset`;
    const linkHeader = [`<${linksetUrl}>; rel="linkset"; type="${LINKSET_TYPE}"`];
    if (canonical !== path) linkHeader.push(`<${base}${canonical}>; rel="owl:sameAs"`);
    reply.header('link', linkHeader.join(', '));
    reply.header('vary', 'Accept, Accept-Language');

    const links = linksFor(base, canonical, passport);
    const defaultLink = links[0]!;
    const linkType = link.parameters.linkType;
    if (
      linkType === 'linkset' ||
      linkType === 'all' ||
      (linkType === undefined && (request.headers.accept ?? '').includes(LINKSET_TYPE))
    )
      return reply.type(LINKSET_TYPE).send(buildLinkset(`${base}${canonical}`, links, defaultLink));

    const choice = chooseLink(
      links,
      defaultLink,
      linkType,
      acceptedLanguages(request.headers['accept-language']),
    );
    if (choice.kind === 'none') return refuse(request, reply, notFound(`no ${linkType} link`));
    if (choice.kind === 'ambiguous')
      return reply
        .code(300)
        .type(LINKSET_TYPE)
        .send(buildLinkset(`${base}${canonical}`, choice.links, choice.links[0]!));
    // The query string goes on with the redirect, less the resolver's own parameter.
    const passOn = new URLSearchParams(query);
    passOn.delete('linkType');
    const target = new URL(choice.link.href);
    for (const [name, value] of passOn)
      if (!target.searchParams.has(name)) target.searchParams.append(name, value);
    return reply.code(307).header('location', target.toString()).send();
  });

  // The page's check, run by the consumer's browser: the same verifier gt uses (decision 0015).
  // Thumbnails of the photos a published claim shows: content-addressed, so cached for good. Only
  // thumbnails a claim published exist here; the attested photos themselves are never served.
  app.get<{ Params: { name: string } }>(
    '/passport/thumbnails/:name',
    { schema: { hide: true } },
    async (request, reply) => {
      const match = /^([0-9a-f]{64})\.jpg$/.exec(request.params.name);
      const bytes = match ? await store.thumbnail(match[1]!) : undefined;
      if (!bytes) throw notFound('not found');
      return reply
        .headers({ ...CORS, 'cache-control': 'public, max-age=31536000, immutable' })
        .type('image/jpeg')
        .send(Buffer.from(bytes));
    },
  );

  app.get('/passport/check.js', { schema: { hide: true } }, async (request, reply) => {
    const script = await passportCheckScript();
    reply.headers({
      etag: script.etag,
      'cache-control': 'public, max-age=3600',
      'x-content-type-options': 'nosniff',
    });
    if (request.headers['if-none-match'] === script.etag) return reply.code(304).send();
    return reply.type('text/javascript; charset=utf-8').send(script.code);
  });

  app.get('/passport/01/*', { schema: { hide: true } }, async (request, reply) => {
    const { path, query } = splitUrl(request.url);
    const params = new URLSearchParams(query);
    let resolved: Awaited<ReturnType<typeof resolve>>;
    try {
      resolved = await resolve(path.replace(/^\/passport/, ''), '');
    } catch (error) {
      if (error instanceof AppError && params.get('format') !== 'json') return refuse(request, reply, error);
      throw error;
    }
    const { passport, canonical } = resolved;
    const base = baseOf(request);
    const language = languageOf(request, params.get('lang') ?? undefined);
    if (params.get('format') === 'vc') {
      // The signed credential, byte for byte as its organisation signed it (VC-JOSE-COSE).
      const entry = passport.claim?.credentialEntry;
      const jws = entry === undefined ? undefined : await store.credentialJws(entry);
      if (!jws) throw notFound('this lot has no signed passport credential');
      return reply
        .headers({ ...CORS, 'cache-control': 'public, max-age=60', etag: `"credential-${entry}"` })
        .type('application/vc+jwt')
        .send(jws);
    }
    const json =
      params.get('format') === 'json' ||
      (!wantsHtml(request) && (request.headers.accept ?? '').includes('json'));
    // Tied to the claim shown: a new claim (a new entry) changes it, so caches hold the page safely.
    const etag = `"passport-${passport.claim?.entryIndex ?? 'none'}-${passport.claim?.credentialEntry ?? ''}-${json ? 'json' : language}"`;
    reply.headers({ ...CORS, etag, 'cache-control': 'public, max-age=60', vary: 'Accept, Accept-Language' });
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    const proof = passport.claim
      ? `${base}/v1/ledger/entries/${passport.claim.entryIndex}/disclosures`
      : undefined;
    if (json)
      return reply.type('application/json').send({
        id: `${base}${canonical}`,
        ...passport,
        ...(proof ? { proof } : {}),
      });
    return reply
      .type('text/html; charset=utf-8')
      .header(
        'content-security-policy',
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      )
      .header('x-content-type-options', 'nosniff')
      .send(page(passport, language, base, canonical, proof));
  });
}
