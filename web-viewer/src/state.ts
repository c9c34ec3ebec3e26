// What a shared link carries: the batch (or the public product and lot), the view, the selected
// node and, on the globe, where the camera is. The token and a pinned log key stay in the fragment.
export interface ViewState {
  batch: string | null;
  gtin: string | null;
  lot: string | null;
  view: 'globe' | 'tiers' | 'list';
  select: string | null;
  camera: { lon: number; lat: number; distance: number } | null;
}

const VIEWS = ['globe', 'tiers', 'list'] as const;

export function readState(search = location.search): ViewState {
  const q = new URLSearchParams(search);
  const view = q.get('view');
  const camera = (q.get('camera') ?? '').split(',').map(Number);
  return {
    batch: q.get('batch'),
    gtin: q.get('gtin'),
    lot: q.get('lot'),
    view: (VIEWS as readonly string[]).includes(view ?? '') ? (view as ViewState['view']) : 'globe',
    select: q.get('select'),
    camera:
      camera.length === 3 && camera.every(Number.isFinite) && camera[2]! > 1
        ? { lon: camera[0]!, lat: camera[1]!, distance: camera[2]! }
        : null,
  };
}

export function writeState(state: ViewState): void {
  const q = new URLSearchParams();
  if (state.batch) q.set('batch', state.batch);
  if (state.gtin) q.set('gtin', state.gtin);
  if (state.lot) q.set('lot', state.lot);
  if (state.view !== 'globe') q.set('view', state.view);
  if (state.select) q.set('select', state.select);
  if (state.camera && state.view === 'globe')
    q.set('camera', `${state.camera.lon},${state.camera.lat},${state.camera.distance}`);
  history.replaceState(null, '', `${location.pathname}?${q.toString()}${location.hash}`);
}
