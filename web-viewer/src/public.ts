// The public view (a consumer from the product's Digital Link): only what the passport shows, the
// origin countries and traced share the brand published. No organisation, plot or finding, and no
// site's location: no passport setting publishes one (decision 0030), so countries stay approximate.
import type { Api } from './api.ts';
import { countryCentre } from './countries.ts';
import type { Chain, SiteNode } from './graph.ts';

interface PassportJson {
  product: { gtin: string; name: string };
  lot: string;
  claim?: { originCountry?: string[]; tracedShare?: number } | null;
}

export async function loadPublicChain(api: Api, gtin: string, lot: string): Promise<Chain> {
  const passport = await api.json<PassportJson>(
    `/passport/01/${encodeURIComponent(gtin)}/10/${encodeURIComponent(lot)}?format=json`,
  );
  const sites: SiteNode[] = (passport.claim?.originCountry ?? []).map((country) => {
    const centre = countryCentre(country);
    return {
      kind: 'site',
      id: `country:${country}`,
      name: `Origin: ${country}`,
      role: 'origin',
      country,
      lon: centre?.[0] ?? Number.NaN,
      lat: centre?.[1] ?? Number.NaN,
      placedBy: centre ? 'country' : 'unknown',
      address: null,
      tier: 1,
      plotIds: [],
      findings: [],
      flow: 'clean',
    };
  });
  return {
    batchId: `${passport.product.name} · lot ${passport.lot}`,
    sites,
    plots: [],
    arcs: [],
    maxTier: 1,
  };
}
