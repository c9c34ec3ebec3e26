// What a GS1 conformant resolver answers for an identifier: its links as an RFC 9264 linkset
// (`application/linkset+json`), and which one a request is redirected to (GS1 resolver standard
// 1.2: exactly one default link; `linkType=X` picks that type, 404 when there is none, 300 when
// several cannot be told apart; Accept-Language chooses among translations).

/** GS1 Web Vocabulary, where the link types (`gs1:pip`, `gs1:traceability`, …) are defined. */
export const GS1_VOC = 'https://gs1.org/voc/';

export interface ResolverLink {
  /** Link type as a compact IRI (`gs1:pip`) or an absolute IRI. */
  linkType: string;
  href: string;
  title: string;
  /** Media type of the target, e.g. `text/html`. */
  type?: string;
  /** BCP 47 languages of the target (`en`, `fr`); absent means any language. */
  hreflang?: string[];
}

/** `gs1:pip` → `https://gs1.org/voc/pip`; an absolute IRI stays as it is. */
export function expandLinkType(linkType: string): string {
  if (linkType.startsWith('gs1:')) return GS1_VOC + linkType.slice(4);
  return linkType;
}

/** RFC 9264 §4.2 target object. */
interface Target {
  href: string;
  title: string;
  type?: string;
  hreflang?: string[];
}

export interface Linkset {
  linkset: [{ anchor: string } & Record<string, string | Target[]>];
}

/**
 * The linkset of one identifier. `defaultLink` is one of `links`; it is listed under
 * `gs1:defaultLink` as well as under its own type, as GS1's resolvers do.
 */
export function buildLinkset(
  anchor: string,
  links: readonly ResolverLink[],
  defaultLink: ResolverLink,
): Linkset {
  if (!links.includes(defaultLink)) throw new Error('the default link must be one of the links');
  const context: { anchor: string } & Record<string, string | Target[]> = { anchor };
  const add = (relation: string, link: ResolverLink) => {
    const target: Target = { href: link.href, title: link.title };
    if (link.type) target.type = link.type;
    if (link.hreflang?.length) target.hreflang = [...link.hreflang];
    const list = (context[relation] as Target[] | undefined) ?? [];
    list.push(target);
    context[relation] = list;
  };
  add(`${GS1_VOC}defaultLink`, defaultLink);
  for (const link of links) add(expandLinkType(link.linkType), link);
  return { linkset: [context] };
}

/** Languages from an Accept-Language header, most preferred first (q=0 dropped). */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, order) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: (tag ?? '').trim().toLowerCase(), q: q === undefined ? 1 : Number(q), order };
    })
    .filter((l) => l.tag !== '' && l.tag !== '*' && l.q > 0 && !Number.isNaN(l.q))
    .sort((a, b) => b.q - a.q || a.order - b.order)
    .map((l) => l.tag);
}

export type LinkChoice =
  | { kind: 'redirect'; link: ResolverLink }
  | { kind: 'none' }
  | { kind: 'ambiguous'; links: ResolverLink[] };

/** Does a link serve a language? `fr` serves `fr-CA` and the other way round; no hreflang serves all. */
function serves(link: ResolverLink, language: string): boolean {
  if (!link.hreflang?.length) return false;
  const primary = language.split('-')[0];
  return link.hreflang.some((l) => {
    const lower = l.toLowerCase();
    return lower === language || lower.split('-')[0] === primary;
  });
}

/**
 * The link a request goes to. Without `linkType` (or with `gs1:defaultLink`), the default link, or
 * the translation of it the caller's languages prefer. With one, that type's links narrowed by
 * language: one left is a redirect, none is 404, several are 300.
 */
export function chooseLink(
  links: readonly ResolverLink[],
  defaultLink: ResolverLink,
  linkType: string | undefined,
  languages: readonly string[] = [],
): LinkChoice {
  const wanted = linkType === undefined ? undefined : expandLinkType(linkType);
  const byLanguage = (candidates: ResolverLink[]): ResolverLink[] => {
    for (const language of languages) {
      const matching = candidates.filter((l) => serves(l, language));
      if (matching.length > 0) return matching;
    }
    return candidates;
  };
  if (wanted === undefined || wanted === `${GS1_VOC}defaultLink`) {
    // Translations of the default: the same type and media type in another language.
    const siblings = links.filter(
      (l) =>
        expandLinkType(l.linkType) === expandLinkType(defaultLink.linkType) && l.type === defaultLink.type,
    );
    const preferred = byLanguage(siblings);
    return { kind: 'redirect', link: preferred.length === 1 ? preferred[0]! : defaultLink };
  }
  const ofType = links.filter((l) => expandLinkType(l.linkType) === wanted);
  if (ofType.length === 0) return { kind: 'none' };
  const narrowed = byLanguage(ofType);
  return narrowed.length === 1
    ? { kind: 'redirect', link: narrowed[0]! }
    : { kind: 'ambiguous', links: narrowed };
}
