// The evidence viewer's page: reads what to show from the URL (?batch=… signed in, or ?gtin=…&lot=…
// for the public passport's facts), draws the chain in WebGL2 when the browser has it and always
// keeps the list of the same nodes, and opens a side panel with a site's findings and evidence,
// each item checked by this browser. State worth sharing goes in the query string; the token never.
import { type Api, ApiError, createApi, loadChain, mapLimited } from './api.ts';
import {
  type Attestation,
  type BadgeState,
  type CaptureFormat,
  captureFormat,
  type DownloadedMedium,
  describeFailure,
  type EvidenceReport,
  isAbort,
  type LogKeySource,
  logKeyOf,
  verifyInBrowser,
} from './evidence.ts';
import { type Chain, type ChainNode, type Finding, nodeCount } from './graph.ts';
import { loadPublicChain } from './public.ts';
import type { Layout, ViewerScene } from './scene.ts';
import { readState, type ViewState, writeState } from './state.ts';

const TOKEN_KEY = 'groundtruth.viewer.token';

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** Takes a token (and a pinned log key) out of the fragment so that they are neither shared nor kept in history. */
function takeFragment(): { token: string | null; logKey: string | null } {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const token = fragment.get('token');
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  const logKey = fragment.get('key');
  if (fragment.has('token')) {
    fragment.delete('token');
    const rest = fragment.toString();
    history.replaceState(null, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  }
  return { token: sessionStorage.getItem(TOKEN_KEY), logKey };
}

export function webgl2Available(): boolean {
  try {
    return document.createElement('canvas').getContext('webgl2') !== null;
  } catch {
    return false;
  }
}

const ROLE_NAMES: Record<string, string> = {
  cooperative: 'cooperative',
  exporter: 'exporter',
  processor: 'processor',
  manufacturer: 'manufacturer',
  brand: 'brand',
};
const FLOW_WORDS = { clean: 'no findings', warning: 'warning', blended: 'blended / over-yield' } as const;

function describeNode(node: ChainNode): string {
  if (node.kind === 'plot') return `plot ${node.name ?? node.id} · ${node.areaHectares} ha`;
  const where =
    node.placedBy === 'site'
      ? `at its site${node.address ? `, ${node.address}` : ''}`
      : node.placedBy === 'plots'
        ? 'at its plots (no site recorded)'
        : node.placedBy === 'country'
          ? `in ${node.country} (approximate: no site recorded)`
          : 'location unknown';
  return `${ROLE_NAMES[node.role ?? ''] ?? node.role ?? 'site'} · tier ${node.tier} · ${where}`;
}

function numbersList(numbers: Record<string, unknown>): HTMLElement {
  const dl = el('dl', { class: 'numbers' });
  for (const [k, v] of Object.entries(numbers))
    dl.append(el('dt', {}, k), el('dd', {}, typeof v === 'object' ? JSON.stringify(v) : String(v)));
  return dl;
}

function findingItem(
  f: Finding | { rule: string; severity: string; message: string; numbers: Record<string, unknown> },
): HTMLElement {
  return el(
    'li',
    { class: `finding ${f.severity}`, 'data-rule': f.rule },
    el('strong', {}, `${f.rule} (${f.severity})`),
    el('p', {}, f.message),
    numbersList(f.numbers),
  );
}

function badgeText(state: BadgeState): string {
  switch (state.state) {
    case 'unchecked':
      return 'Not checked yet';
    case 'checking':
      return 'Checking in your browser…';
    case 'verified':
      return `Verified in your browser: media hashes, supplier's signature, inclusion in the log under a checkpoint of ${state.treeSize} entries`;
    case 'failed':
      return `Failed: ${state.failures.map(describeFailure).join('; ')}`;
    case 'cancelled':
      return 'Not checked: the download was cancelled';
  }
}

interface App {
  chain: Chain;
  api: Api;
  logKey: Promise<LogKeySource> | null;
  state: ViewState;
  scene: ViewerScene | null;
  list: HTMLElement;
  panel: HTMLElement;
  showGlobe: () => void;
  /** Aborts the open panel's downloads and capture loads when another node is chosen. */
  panelWork: AbortController;
}

function renderList(app: App): HTMLElement {
  const { chain } = app;
  const list = el('ol', { class: 'nodes', 'data-node-count': String(nodeCount(chain)) });
  const plotsBySite = new Map<string, ChainNode[]>();
  for (const p of chain.plots)
    plotsBySite.set(p.organisationId, [...(plotsBySite.get(p.organisationId) ?? []), p]);
  const button = (node: ChainNode) => {
    const b = el(
      'button',
      { type: 'button', class: `node ${node.flow}`, 'data-node-id': node.id, 'data-flow': node.flow },
      node.kind === 'site' ? node.name : (node.name ?? node.id.slice(0, 8)),
    );
    b.append(el('span', { class: 'meta' }, ` ${describeNode(node)} · ${FLOW_WORDS[node.flow]}`));
    b.addEventListener('click', () => select(app, node.id, true));
    return b;
  };
  for (const site of chain.sites) {
    const item = el('li', {}, button(site));
    const plots = plotsBySite.get(site.id) ?? [];
    if (plots.length > 0) {
      const details = el('details', {}, el('summary', {}, `${plots.length} plots`));
      const sub = el('ol', {});
      for (const p of plots) sub.append(el('li', {}, button(p)));
      details.append(sub);
      item.append(details);
    }
    list.append(item);
  }
  return list;
}

async function evidenceFor(
  app: App,
  plotIds: readonly string[],
): Promise<{ plotId: string; report: EvidenceReport }[]> {
  if (!app.api.signedIn) return [];
  const reports = await mapLimited(plotIds, 6, async (plotId) => ({
    plotId,
    report: await app.api.json<EvidenceReport>(`/v1/attestations?subject=plot:${plotId}`),
  }));
  return reports.filter((r) => r.report.attestations.length > 0);
}

const FORMAT_NAMES: Record<CaptureFormat, string> = {
  ply: 'Gaussian splat (PLY)',
  spz: 'Gaussian splat (SPZ)',
  splat: 'Gaussian splat (.splat)',
  ksplat: 'Gaussian splat (.ksplat)',
  glb: 'glTF model',
};

interface CaptureControl {
  element: HTMLElement;
  /** Draws the capture in the scene; resolves once shown, cancelled or failed. */
  show(signal?: AbortSignal): Promise<void>;
}

/** Shows a verified 3D capture in the scene at its plot; cancellable while it loads. */
function captureControl(
  app: App,
  plotId: string,
  sha256: string,
  bytes: Uint8Array,
  format: CaptureFormat,
): CaptureControl {
  const label = `Show the ${FORMAT_NAMES[format]} in the scene`;
  const button = el(
    'button',
    { type: 'button', 'data-capture': sha256, 'data-format': format, 'data-plot-id': plotId },
    label,
  );
  const state = el('span', { class: 'capture-state', role: 'status' });
  let loading: AbortController | undefined;
  const show = async (outer?: AbortSignal) => {
    loading?.abort();
    const mine = new AbortController();
    loading = mine;
    const signal = outer ? AbortSignal.any([outer, mine.signal]) : mine.signal;
    button.textContent = 'Cancel loading';
    button.dataset.state = state.textContent = 'loading';
    try {
      signal.throwIfAborted();
      app.showGlobe();
      await app.scene!.showCapture(plotId, bytes, format, signal);
      button.dataset.state = 'shown';
      state.textContent = `shown at plot (${bytes.length} bytes, the verified copy)`;
    } catch (error) {
      button.dataset.state = isAbort(error) ? 'cancelled' : 'failed';
      state.textContent = isAbort(error) ? 'cancelled' : `could not be drawn: ${(error as Error).message}`;
    } finally {
      if (loading === mine) loading = undefined;
      button.textContent = label;
    }
  };
  button.addEventListener('click', () => {
    if (loading) loading.abort();
    else void show(app.panelWork.signal);
  });
  return { element: el('p', {}, button, ' ', state), show };
}

type AttestationItem = HTMLElement & {
  /** Downloads and checks; with `showCapture`, draws the first verified 3D capture in the scene. */
  check(options: { showCapture: boolean }): Promise<{ shown: boolean }>;
};

function attestationItem(app: App, attestation: Attestation, report: EvidenceReport): AttestationItem {
  const m = attestation.manifest;
  const gallery = el('div', { class: 'gallery' });
  const total = m.media.reduce((sum, x) => sum + x.size, 0);
  // Byte-level progress over all of the attestation's media, counted as the bytes arrive.
  const progress = el('progress', { class: 'download', max: String(total), value: '0' });
  const progressText = el('span', { class: 'download-state' });
  const cancel = el('button', { type: 'button', class: 'cancel-download' }, 'Cancel');
  const downloading = el('p', { class: 'downloading' }, progress, ' ', progressText, ' ', cancel);
  downloading.hidden = true;
  const work = new AbortController();
  cancel.addEventListener('click', () => work.abort());
  const badge = el(
    'p',
    {
      class: 'badge',
      role: 'status',
      'data-verify': 'unchecked',
      'data-attestation-id': attestation.attestationId,
    },
    badgeText({ state: 'unchecked' }),
  );
  const where = m.location?.coordinates
    ? `${m.location.coordinates[1]?.toFixed(5)}, ${m.location.coordinates[0]?.toFixed(5)}`
    : 'not given';
  const item = el(
    'li',
    { class: 'attestation' },
    el(
      'p',
      {},
      el('strong', {}, attestation.organisationName ?? attestation.organisationId),
      ` attested ${m.capturedAt ? `at ${m.capturedAt}` : ''} · where: ${where}`,
    ),
    ...(m.statement ? [el('blockquote', {}, m.statement)] : []),
    el(
      'ul',
      { class: 'media' },
      ...m.media.map((x) => el('li', {}, `${x.kind}: ${x.size} bytes, sha256 ${x.sha256.slice(0, 16)}…`)),
    ),
    ...(attestation.statements.length > 0
      ? [
          el(
            'ul',
            { class: 'statements' },
            ...attestation.statements.map((s) =>
              el('li', {}, `auditor ${s.organisationName ?? s.organisationId}: ${s.verdict}: ${s.note}`),
            ),
          ),
        ]
      : []),
    downloading,
    gallery,
    ...((attestation.findings ?? []).length > 0
      ? [el('ul', { class: 'findings' }, ...(attestation.findings ?? []).map(findingItem))]
      : []),
    badge,
  );
  const setBadge = (state: BadgeState) => {
    badge.dataset.verify = state.state;
    badge.textContent = badgeText(state);
  };
  const check = async ({ showCapture }: { showCapture: boolean }) => {
    setBadge({ state: 'checking' });
    const signal = AbortSignal.any([work.signal, app.panelWork.signal]);
    const received = new Map<string, number>();
    downloading.hidden = false;
    try {
      const key = await app.logKey!;
      const media = new Map<string, DownloadedMedium>();
      const verdict = await verifyInBrowser(app.api, attestation, report.checkpoint, key.key, media, {
        signal,
        onProgress(sha256, bytes) {
          received.set(sha256, bytes);
          const sum = [...received.values()].reduce((a, b) => a + b, 0);
          progress.value = sum;
          progress.dataset.received = String(sum);
          progressText.textContent = `${sum.toLocaleString('en')} of ${total.toLocaleString('en')} bytes`;
        },
      });
      setBadge(verdict);
      downloading.hidden = true;
      // Media shown from the very bytes that were hashed, not from a second download, and only
      // once everything checked: media that failed their check are not put in front of the reader.
      let first: CaptureControl | undefined;
      for (const medium of verdict.state === 'verified' ? m.media : []) {
        const got = media.get(medium.sha256);
        if (!got) continue;
        const format = captureFormat(got.bytes, got.mediaType);
        if ((medium.kind === 'splat' || medium.kind === 'gltf') && format && app.scene) {
          const control = captureControl(app, attestation.subject.id, medium.sha256, got.bytes, format);
          first ??= control;
          gallery.append(control.element);
        }
        if (medium.kind !== 'image' && medium.kind !== 'video') continue;
        const url = URL.createObjectURL(new Blob([got.bytes as BlobPart], { type: got.mediaType }));
        gallery.append(
          medium.kind === 'image'
            ? el('img', { src: url, alt: `photo ${medium.sha256.slice(0, 12)}`, loading: 'lazy' })
            : el('video', {
                src: url,
                controls: '',
                preload: 'metadata',
                'data-sha256': medium.sha256,
                'aria-label': `video ${medium.sha256.slice(0, 12)}`,
              }),
        );
      }
      // Only on the globe: a reader who chose the tiers or the list keeps that view (the button
      // beside the capture still brings it up on the globe).
      if (showCapture && first && app.state.view === 'globe') {
        await first.show(signal);
        return { shown: true };
      }
    } catch (error) {
      setBadge(
        isAbort(error) ? { state: 'cancelled' } : { state: 'failed', failures: [(error as Error).message] },
      );
    }
    downloading.hidden = true;
    return { shown: false };
  };
  return Object.assign(item, { check });
}

async function openPanel(app: App, node: ChainNode): Promise<void> {
  const { panel, chain } = app;
  panel.replaceChildren();
  panel.hidden = false;
  panel.dataset.nodeId = node.id;
  const close = el('button', { type: 'button', class: 'close', 'aria-label': 'Close the panel' }, '×');
  close.addEventListener('click', () => select(app, undefined, true));
  panel.append(
    close,
    el('h2', {}, node.kind === 'site' ? node.name : `Plot ${node.name ?? node.id}`),
    el('p', {}, describeNode(node)),
  );
  const findings = node.findings;
  panel.append(el('h3', {}, `Findings (${findings.length})`));
  if (findings.length === 0) panel.append(el('p', {}, 'No findings on this node.'));
  // Grouped by rule: a cooperative can carry one finding per plot. The first group is open.
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  let first = true;
  for (const [rule, group] of byRule) {
    const details = el(
      'details',
      { class: 'finding-group', 'data-rule': rule },
      el('summary', {}, `${rule}: ${group.length} finding${group.length === 1 ? '' : 's'}`),
      el('ol', { class: 'findings' }, ...group.map(findingItem)),
    );
    details.open = first;
    first = false;
    panel.append(details);
  }

  const evidence = el('section', { class: 'evidence', 'aria-busy': 'true' }, el('h3', {}, 'Evidence'));
  panel.append(evidence);
  if (!app.api.signedIn) {
    evidence.append(
      el('p', {}, 'Evidence is shown to signed-in users of organisations that may see this site.'),
    );
    evidence.setAttribute('aria-busy', 'false');
    return;
  }
  const plotIds = node.kind === 'site' ? node.plotIds : [node.id];
  const status = el('p', {}, `Looking for attestations on ${plotIds.length} plot(s)…`);
  evidence.append(status);
  try {
    const reports = await evidenceFor(app, plotIds);
    if (panel.dataset.nodeId !== node.id) return;
    const key = await app.logKey!;
    status.textContent =
      reports.length === 0
        ? 'No attestations on these plots.'
        : `Checked in this browser against the log key ${key.pinned ? 'pinned in the link' : 'this site serves (not pinned: add #key=… to pin one)'}.`;
    const items: AttestationItem[] = [];
    const list = el('ol', { class: 'attestations' });
    for (const { plotId, report } of reports) {
      const plot = chain.plots.find((p) => p.id === plotId);
      for (const a of report.attestations) {
        const item = attestationItem(app, a, report);
        item.prepend(el('p', { class: 'plot' }, `Plot ${plot?.name ?? plotId}`));
        items.push(item);
        list.append(item);
      }
    }
    evidence.append(list);
    // One at a time: media downloads and signature checks stay out of the way of the scene. The
    // first capture that verifies is drawn in the scene at once: choosing the node is the request.
    let captureShown = false;
    for (const item of items) {
      if (panel.dataset.nodeId !== node.id) return;
      const { shown } = await item.check({ showCapture: !captureShown });
      captureShown ||= shown;
    }
  } catch (error) {
    status.textContent = `Could not load the evidence: ${(error as Error).message}`;
  } finally {
    evidence.setAttribute('aria-busy', 'false');
  }
}

function select(app: App, id: string | undefined, focus: boolean): void {
  const node = id ? [...app.chain.sites, ...app.chain.plots].find((n) => n.id === id) : undefined;
  app.state = { ...app.state, select: node?.id ?? null };
  writeState(app.state);
  for (const b of Array.from(app.list.querySelectorAll<HTMLButtonElement>('button.node')))
    b.setAttribute('aria-pressed', String(b.dataset.nodeId === node?.id));
  app.scene?.highlight(node?.id);
  // The previous node's downloads stop and its capture leaves the scene.
  app.panelWork.abort();
  app.panelWork = new AbortController();
  app.scene?.clearCapture();
  if (!node) {
    app.panel.hidden = true;
    app.panel.replaceChildren();
    delete app.panel.dataset.nodeId;
    return;
  }
  // Chosen from the list: the camera goes there (close enough to a cooperative to see its plots).
  if (focus && app.scene) app.scene.focus({ node: node.id }, node.kind === 'plot' ? 1.002 : 1.08);
  void openPanel(app, node);
}

function showLogin(root: HTMLElement, message: string): void {
  const input = el('input', { type: 'password', id: 'token', autocomplete: 'off', required: '' });
  const batch = el('input', {
    type: 'text',
    id: 'batch',
    value: new URLSearchParams(location.search).get('batch') ?? '',
    required: '',
  });
  const form = el(
    'form',
    { class: 'login' },
    el('h1', {}, 'Groundtruth evidence viewer'),
    el('p', {}, message),
    el('label', { for: 'batch' }, 'Batch id'),
    batch,
    el('label', { for: 'token' }, 'API token (kept in this tab only)'),
    input,
    el('button', { type: 'submit' }, 'Open'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    const url = new URL(location.href);
    url.searchParams.set('batch', batch.value.trim());
    location.assign(url.toString());
  });
  root.replaceChildren(form);
}

declare global {
  interface Window {
    /** For tests and the benchmark: what was drawn, and a read-back of the canvas. */
    groundtruthViewer?: {
      nodes: number;
      nodesDrawn: number;
      webgl2: boolean;
      arcs: { id: string; from: string; to: string; flow: string; grams: number }[];
      screenOf(target: { node?: string; arc?: string; t?: number }): [number, number] | undefined;
      focus(target: { node?: string; arc?: string }, distance?: number): void;
      readPixels(points: [number, number][]): number[][];
      litFraction(): number;
      /** The 3D capture drawn in the scene now, if any (at most one). */
      captures(): { nodeId: string; format: string }[];
      orbitFrames(frames: number): Promise<number[]>;
      /** Render-and-finish times of n frames in a row (orbiting), without waiting for the display. */
      renderTimes(frames: number): number[];
      renderer: string;
      /** Milliseconds since navigation: the chain's data loaded, and the first frame drawn. */
      loadedMs: number;
      firstFrameMs?: number;
    };
  }
}

async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  const state = readState();
  const { token, logKey } = takeFragment();
  if (!state.batch && !(state.gtin && state.lot)) {
    showLogin(
      root,
      'Open a batch by its id (signed in), or come from a product’s Digital Link for the public view.',
    );
    return;
  }
  if (state.batch && !token) {
    showLogin(
      root,
      'This batch needs a token: paste one (it stays in this tab), or open the link with #token=… .',
    );
    return;
  }
  const api = createApi(state.batch ? token : null);
  const status = el('p', { role: 'status', class: 'loading' }, 'Loading the chain…');
  root.replaceChildren(status);
  let chain: Chain;
  try {
    chain = state.batch
      ? await loadChain(api, state.batch)
      : await loadPublicChain(api, state.gtin!, state.lot!);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      showLogin(root, 'The token was refused (expired or revoked): paste a new one.');
      return;
    }
    status.textContent = `Could not load the chain: ${(error as Error).message}`;
    return;
  }
  const loadedMs = performance.now();

  const webgl2 = webgl2Available();
  const header = el(
    'header',
    {},
    el('h1', {}, state.batch ? `Batch ${chain.batchId}` : `${state.gtin} · lot ${state.lot}`),
  );
  const views = el('nav', { 'aria-label': 'Views' });
  const main = el('main', {});
  const stage = el('div', { class: 'stage' });
  const listSection = el(
    'section',
    { class: 'list', 'aria-label': 'Sites and plots' },
    el('h2', {}, `${chain.sites.length} sites, ${chain.plots.length} plots`),
  );
  const panel = el('aside', { class: 'panel', 'aria-live': 'polite' });
  panel.hidden = true;
  const app: App = {
    chain,
    api,
    logKey: api.signedIn ? logKeyOf(api, logKey) : null,
    state,
    scene: null,
    list: el('ol'),
    panel,
    showGlobe: () => undefined,
    panelWork: new AbortController(),
  };
  app.list = renderList(app);
  listSection.append(app.list);
  main.append(stage, listSection, panel);
  root.replaceChildren(header, views, main);
  document.body.dataset.nodeCount = String(nodeCount(chain));

  const chooseView = (view: ViewState['view']) => {
    app.state = { ...app.state, view };
    writeState(app.state);
    document.body.dataset.view = view;
    for (const b of Array.from(views.querySelectorAll('button')))
      b.setAttribute('aria-pressed', String(b.dataset.view === view));
    if (view !== 'list') app.scene?.setLayout(view as Layout);
  };
  app.showGlobe = () => {
    if (app.state.view !== 'globe') chooseView('globe');
  };
  const available: ViewState['view'][] = webgl2 ? ['globe', 'tiers', 'list'] : ['list'];
  for (const v of available) {
    const b = el(
      'button',
      { type: 'button', 'data-view': v },
      v === 'globe' ? 'Globe' : v === 'tiers' ? 'Tiers' : 'List',
    );
    b.addEventListener('click', () => chooseView(v));
    views.append(b);
  }
  const copy = el('button', { type: 'button', class: 'share' }, 'Copy link to this view');
  copy.addEventListener('click', () => void navigator.clipboard?.writeText(location.href));
  views.append(copy);

  if (!webgl2) {
    stage.append(
      el(
        'p',
        { class: 'no-webgl', role: 'note' },
        'This browser has no WebGL2: the chain is shown as a list.',
      ),
    );
    chooseView('list');
  } else {
    const { createScene } = await import('./scene.ts');
    const canvas = el('canvas', {
      tabindex: '0',
      'aria-label': 'The supply chain in 3D: arrows orbit, + and - zoom; the list below has the same nodes',
    });
    stage.append(canvas);
    const view: Layout = state.view === 'tiers' ? 'tiers' : 'globe';
    const scene = createScene(canvas, chain, view);
    app.scene = scene;
    if (state.camera && view === 'globe') scene.setCamera(state.camera);
    new ResizeObserver(() => scene.resize()).observe(canvas);
    let down: { x: number; y: number } | null = null;
    canvas.addEventListener('pointerdown', (e) => {
      down = { x: e.clientX, y: e.clientY };
    });
    canvas.addEventListener('pointerup', (e) => {
      // A click, not the end of a drag.
      if (down && Math.hypot(e.clientX - down.x, e.clientY - down.y) < 5) {
        const node = scene.pick(e.clientX, e.clientY);
        if (node) select(app, node.id, false);
      }
      down = null;
    });
    canvas.addEventListener('keydown', (e) => {
      const step = Math.PI / 36;
      const actions: Record<string, () => void> = {
        ArrowLeft: () => scene.orbitBy(-step),
        ArrowRight: () => scene.orbitBy(step),
        ArrowUp: () => scene.orbitBy(0, -step),
        ArrowDown: () => scene.orbitBy(0, step),
        '+': () => scene.zoomBy(0.8),
        '=': () => scene.zoomBy(0.8),
        '-': () => scene.zoomBy(1.25),
        Escape: () => select(app, undefined, false),
      };
      const action = actions[e.key];
      if (action) {
        e.preventDefault();
        action();
      }
    });
    let cameraTimer: ReturnType<typeof setTimeout> | undefined;
    scene.onChange(() => {
      clearTimeout(cameraTimer);
      cameraTimer = setTimeout(() => {
        if (app.state.view === 'globe') {
          const c = scene.cameraState();
          app.state = {
            ...app.state,
            camera: { lon: +c.lon.toFixed(3), lat: +c.lat.toFixed(3), distance: +c.distance.toFixed(4) },
          };
          writeState(app.state);
        }
      }, 300);
    });
    chooseView(state.view === 'list' ? 'list' : view);
    if (state.camera && view === 'globe') scene.setCamera(state.camera);
    const gl = scene.renderer.getContext();
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    window.groundtruthViewer = {
      nodes: nodeCount(chain),
      nodesDrawn: scene.nodesDrawn(),
      webgl2: true,
      arcs: chain.arcs.map((a) => ({ id: a.id, from: a.from, to: a.to, flow: a.flow, grams: a.grams })),
      screenOf: (t) => scene.screenOf(t),
      captures: () => scene.captures(),
      focus: (t, d) => scene.focus(t, d),
      readPixels(points) {
        // Render and read in the same task: the drawing buffer is not preserved between frames.
        scene.render();
        const ratio = scene.renderer.getPixelRatio();
        const height = gl.drawingBufferHeight;
        const pixel = new Uint8Array(4);
        return points.map(([x, y]) => {
          gl.readPixels(
            Math.round(x * ratio),
            Math.round(height - 1 - y * ratio),
            1,
            1,
            gl.RGBA,
            gl.UNSIGNED_BYTE,
            pixel,
          );
          return [...pixel];
        });
      },
      litFraction() {
        scene.render();
        const w = gl.drawingBufferWidth;
        const h = gl.drawingBufferHeight;
        const pixels = new Uint8Array(w * h * 4);
        gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
        let lit = 0;
        // "Lit": anything other than the clear colour.
        for (let i = 0; i < pixels.length; i += 4)
          if (pixels[i] !== 0x0b || pixels[i + 1] !== 0x10 || pixels[i + 2] !== 0x20) lit++;
        return lit / (w * h);
      },
      orbitFrames(frames) {
        // As a user's drag does: each step moves the camera and the scene redraws on the next frame.
        return new Promise((resolve) => {
          const times: number[] = [];
          let last = performance.now();
          const step = () => {
            const now = performance.now();
            times.push(now - last);
            last = now;
            if (times.length > frames) {
              resolve(times.slice(1));
              return;
            }
            scene.orbitBy(Math.PI / 180);
            requestAnimationFrame(step);
          };
          scene.orbitBy(Math.PI / 180);
          requestAnimationFrame(step);
        });
      },
      renderTimes(frames) {
        const times: number[] = [];
        for (let i = 0; i < frames; i++) {
          const start = performance.now();
          scene.orbitBy(Math.PI / 180);
          scene.render();
          gl.finish();
          times.push(performance.now() - start);
        }
        return times;
      },
      renderer: info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'unknown',
      loadedMs,
    };
    // The first frame, finished (gl.finish), timed from navigation.
    requestAnimationFrame(() => {
      scene.render();
      gl.finish();
      window.groundtruthViewer!.firstFrameMs = performance.now();
    });
  }
  if (!webgl2)
    window.groundtruthViewer = {
      nodes: nodeCount(chain),
      nodesDrawn: 0,
      webgl2: false,
      arcs: chain.arcs.map((a) => ({ id: a.id, from: a.from, to: a.to, flow: a.flow, grams: a.grams })),
      screenOf: () => undefined,
      focus: () => undefined,
      readPixels: () => [],
      litFraction: () => 0,
      captures: () => [],
      orbitFrames: async () => [],
      renderTimes: () => [],
      renderer: 'none',
      loadedMs,
    };
  if (state.select) select(app, state.select, false);
  document.body.dataset.ready = 'true';
}

void main();
