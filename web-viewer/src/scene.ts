// The chain drawn with three.js: a globe with sites at their positions, plots as one instanced mesh
// (outlines from their polygons, one merged line set, when the camera is close), arcs whose
// thickness is the volume that flowed and whose colour is what the findings say about it. The tier
// layout draws the same nodes in columns by tier. Renders on demand, not in a loop.
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import type { CaptureFormat } from './evidence.ts';
import type { Chain, ChainNode, FlowClass } from './graph.ts';

export const FLOW_COLOURS: Record<FlowClass, number> = {
  clean: 0x2bb3a3,
  warning: 0xf0a020,
  blended: 0xe0393e,
};
const BACKGROUND = 0x0b1020;
const GLOBE = 0x1b2a4a;

export type Layout = 'globe' | 'tiers';

/** Across, in globe units (Earth radius 1), of a splat drawn at its site: about 6 km, enlarged. */
export const SPLAT_SIZE = 0.001;

/** Longitude/latitude (degrees) to a point on a sphere of radius r, y up. */
export function toSphere(lon: number, lat: number, r = 1): THREE.Vector3 {
  const phi = THREE.MathUtils.degToRad(90 - lat);
  const theta = THREE.MathUtils.degToRad(lon + 180);
  return new THREE.Vector3(
    -r * Math.sin(phi) * Math.cos(theta),
    r * Math.cos(phi),
    r * Math.sin(phi) * Math.sin(theta),
  );
}

const located = (n: ChainNode) => Number.isFinite(n.lon) && Number.isFinite(n.lat);

export interface ViewerScene {
  readonly renderer: THREE.WebGLRenderer;
  readonly camera: THREE.PerspectiveCamera;
  setLayout(layout: Layout): void;
  render(): void;
  /** Instances drawn: sites plus plots that have a position in the current layout. */
  nodesDrawn(): number;
  pick(clientX: number, clientY: number): ChainNode | undefined;
  /** Where a node or an arc's middle is on screen, in CSS pixels from the canvas's top left. */
  screenOf(target: { node?: string; arc?: string; t?: number }): [number, number] | undefined;
  focus(target: { node?: string; arc?: string }, distance?: number): void;
  highlight(id: string | undefined): void;
  orbitBy(azimuthRadians: number, polarRadians?: number): void;
  /**
   * Draws a 3D capture (bytes the caller has verified) at a node, enlarged to be seen from above
   * it, and flies there: a Gaussian splat through Spark (loaded on first use) in the format named,
   * or binary glTF through three's GLTFLoader. The signal aborts the load and disposes what it made.
   */
  showCapture(nodeId: string, bytes: Uint8Array, format: CaptureFormat, signal?: AbortSignal): Promise<void>;
  /** What is drawn in the scene as a capture now (at most one). */
  captures(): { nodeId: string; format: CaptureFormat }[];
  /** Removes the capture shown, if any, and frees what it held. */
  clearCapture(): void;
  zoomBy(factor: number): void;
  cameraState(): { lon: number; lat: number; distance: number };
  setCamera(state: { lon: number; lat: number; distance: number }): void;
  onChange(listener: () => void): void;
  resize(): void;
  dispose(): void;
}

export function createScene(canvas: HTMLCanvasElement, chain: Chain, initial: Layout): ViewerScene {
  const renderer = new THREE.WebGLRenderer({ canvas, antialias: false, powerPreference: 'high-performance' });
  renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
  renderer.setClearColor(BACKGROUND);
  const scene = new THREE.Scene();
  const camera = new THREE.PerspectiveCamera(45, 1, 0.0001, 50);
  const controls = new OrbitControls(camera, canvas);
  controls.enableDamping = false;
  controls.minDistance = 1.001;
  controls.maxDistance = 8;

  // The globe: a dark sphere and a 15° graticule, no texture (nothing is fetched from elsewhere).
  const globe = new THREE.Group();
  globe.add(
    new THREE.Mesh(new THREE.SphereGeometry(0.998, 64, 32), new THREE.MeshBasicMaterial({ color: GLOBE })),
  );
  const graticule: number[] = [];
  for (let lat = -75; lat <= 75; lat += 15)
    for (let lon = -180; lon < 180; lon += 5)
      graticule.push(...toSphere(lon, lat).toArray(), ...toSphere(lon + 5, lat).toArray());
  for (let lon = -180; lon < 180; lon += 15)
    for (let lat = -90; lat < 90; lat += 5)
      graticule.push(...toSphere(lon, lat).toArray(), ...toSphere(lon, lat + 5).toArray());
  const graticuleGeometry = new THREE.BufferGeometry();
  graticuleGeometry.setAttribute('position', new THREE.Float32BufferAttribute(graticule, 3));
  globe.add(new THREE.LineSegments(graticuleGeometry, new THREE.LineBasicMaterial({ color: 0x2e4470 })));
  scene.add(globe);

  const nodes: ChainNode[] = [...chain.sites, ...chain.plots];
  const byId = new Map(nodes.map((n) => [n.id, n]));

  const siteMesh = new THREE.InstancedMesh(
    new THREE.SphereGeometry(1, 10, 8),
    new THREE.MeshBasicMaterial(),
    Math.max(1, chain.sites.length),
  );
  // Plots as points, one vertex each and a few pixels wide: SwiftShader drew 2,000 instanced hexagons
  // at twice the cost of the rest of the scene (pnpm bench viewer). Up close, their outlines show.
  const plotGeometry = new THREE.BufferGeometry();
  plotGeometry.setAttribute(
    'position',
    new THREE.BufferAttribute(new Float32Array(chain.plots.length * 3), 3),
  );
  plotGeometry.setAttribute('color', new THREE.BufferAttribute(new Float32Array(chain.plots.length * 3), 3));
  const plotPoints = new THREE.Points(
    plotGeometry,
    new THREE.PointsMaterial({
      size: 4 * renderer.getPixelRatio(),
      sizeAttenuation: false,
      vertexColors: true,
    }),
  );
  const plotAt: string[] = [];
  scene.add(siteMesh, plotPoints);
  const colour = new THREE.Color();

  // Plot outlines at their true size, one merged line set, shown only when the camera is close.
  const outline: number[] = [];
  for (const p of chain.plots)
    for (const ring of p.outline ?? [])
      for (let k = 0; k + 1 < ring.length; k++)
        outline.push(
          ...toSphere(ring[k]![0]!, ring[k]![1]!, 1.000002).toArray(),
          ...toSphere(ring[k + 1]![0]!, ring[k + 1]![1]!, 1.000002).toArray(),
        );
  const outlineGeometry = new THREE.BufferGeometry();
  outlineGeometry.setAttribute('position', new THREE.Float32BufferAttribute(outline, 3));
  const outlines = new THREE.LineSegments(
    outlineGeometry,
    new THREE.LineBasicMaterial({ color: 0xffffff, depthTest: false }),
  );
  outlines.renderOrder = 2;
  scene.add(outlines);

  const arcGroup = new THREE.Group();
  scene.add(arcGroup);
  const arcCurves = new Map<string, THREE.Curve<THREE.Vector3>>();
  const maxGrams = Math.max(1, ...chain.arcs.map((a) => a.grams));

  const highlightMesh = new THREE.Mesh(
    new THREE.RingGeometry(1.3, 1.7, 24),
    new THREE.MeshBasicMaterial({ color: 0xffffff, side: THREE.DoubleSide, depthTest: false }),
  );
  highlightMesh.visible = false;
  highlightMesh.renderOrder = 3;
  scene.add(highlightMesh);

  let layout: Layout = initial;
  let drawn = 0;
  const positions = new Map<string, THREE.Vector3>();
  const sizes = new Map<string, number>();

  function tierPosition(): void {
    // Columns by tier, farthest upstream on the left; plots in a grid under their site's column.
    const columns = new Map<number, typeof chain.sites>();
    for (const s of chain.sites) columns.set(s.tier, [...(columns.get(s.tier) ?? []), s]);
    const width = Math.max(1, chain.maxTier);
    for (const [tier, sites] of columns)
      sites.forEach((s, i) => {
        positions.set(s.id, new THREE.Vector3(1.6 - (3.2 * tier) / width, 0.9 - i * 0.5, 0));
        sizes.set(s.id, 0.05);
      });
    const bySite = new Map<string, typeof chain.plots>();
    for (const p of chain.plots) bySite.set(p.organisationId, [...(bySite.get(p.organisationId) ?? []), p]);
    for (const [siteId, plots] of bySite) {
      const anchor = positions.get(siteId) ?? new THREE.Vector3(-1.6, 0, 0);
      const perRow = Math.ceil(Math.sqrt(plots.length));
      const step = Math.min(0.04, 0.4 / perRow);
      plots.forEach((p, i) => {
        const x = anchor.x - 0.35 - (i % perRow) * step;
        positions.set(p.id, new THREE.Vector3(x, anchor.y + 0.15 - Math.floor(i / perRow) * step, 0));
      });
      for (const p of plots) sizes.set(p.id, step * 0.4);
    }
  }

  function globePosition(): void {
    for (const s of chain.sites)
      if (located(s)) {
        positions.set(s.id, toSphere(s.lon, s.lat, 1.004));
        sizes.set(s.id, 0.008);
      }
    for (const p of chain.plots)
      if (located(p)) {
        positions.set(p.id, toSphere(p.lon, p.lat, 1.0005));
        // At least visible from orbit; never smaller than the plot itself (radius from its area).
        sizes.set(p.id, Math.sqrt((p.areaHectares * 1e4) / Math.PI) / 6.371e6);
      }
  }

  function arcCurve(from: THREE.Vector3, to: THREE.Vector3): THREE.Curve<THREE.Vector3> {
    if (layout === 'tiers') {
      const mid = from
        .clone()
        .add(to)
        .multiplyScalar(0.5)
        .add(new THREE.Vector3(0, 0, 0.25));
      return new THREE.QuadraticBezierCurve3(from, mid, to);
    }
    const angle = from.angleTo(to);
    const mid = from
      .clone()
      .add(to)
      .normalize()
      .multiplyScalar(1 + 0.05 + angle * 0.35);
    return new THREE.QuadraticBezierCurve3(from, mid, to);
  }

  function place(): void {
    positions.clear();
    sizes.clear();
    if (layout === 'globe') globePosition();
    else tierPosition();
    globe.visible = layout === 'globe';
    outlines.visible = false;
    writeInstances();
    placeArcs();
  }

  /** Markers shrink as the camera comes down to the ground (on the globe), so that they do not hide it. */
  let markerScale = 1;
  const markerScaleFor = () =>
    layout === 'globe' ? THREE.MathUtils.clamp((camera.position.length() - 1) / 1.5, 0.004, 1) : 1;

  function sizeOf(node: ChainNode): number {
    const base = sizes.get(node.id) ?? 0.01;
    if (layout !== 'globe') return base;
    // A site's marker scales with the view; a plot is never drawn smaller than its true size.
    return node.kind === 'site' ? base * markerScale : Math.max(base, 0.0009 * markerScale);
  }

  function writeInstances(): void {
    markerScale = markerScaleFor();
    const matrix = new THREE.Matrix4();
    const quaternion = new THREE.Quaternion();
    const forward = new THREE.Vector3(0, 0, 1);
    const put = (mesh: THREE.InstancedMesh, list: readonly ChainNode[]) => {
      let n = 0;
      list.forEach((node) => {
        const at = positions.get(node.id);
        if (!at) return;
        // Flat markers face outward on the globe and the camera in the tier layout.
        quaternion.setFromUnitVectors(forward, layout === 'globe' ? at.clone().normalize() : forward);
        const s = sizeOf(node);
        mesh.setMatrixAt(n, matrix.compose(at, quaternion, new THREE.Vector3(s, s, s)));
        mesh.setColorAt(
          n,
          colour.setHex(FLOW_COLOURS[node.flow]).multiplyScalar(node.kind === 'plot' ? 0.8 : 1),
        );
        mesh.userData[n] = node.id;
        n++;
      });
      mesh.count = n;
      mesh.instanceMatrix.needsUpdate = true;
      if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
      mesh.computeBoundingSphere();
      return n;
    };
    const position = plotGeometry.attributes.position as THREE.BufferAttribute;
    const colours = plotGeometry.attributes.color as THREE.BufferAttribute;
    plotAt.length = 0;
    for (const plot of chain.plots) {
      const at = positions.get(plot.id);
      if (!at) continue;
      const c = colour.setHex(FLOW_COLOURS[plot.flow]).multiplyScalar(0.8);
      position.setXYZ(plotAt.length, at.x, at.y, at.z);
      colours.setXYZ(plotAt.length, c.r, c.g, c.b);
      plotAt.push(plot.id);
    }
    plotGeometry.setDrawRange(0, plotAt.length);
    position.needsUpdate = true;
    colours.needsUpdate = true;
    plotGeometry.computeBoundingSphere();
    drawn = put(siteMesh, chain.sites) + plotAt.length;
  }

  // All arcs in one geometry with per-vertex colours: one draw call however many there are.
  const arcMaterial = new THREE.MeshBasicMaterial({ vertexColors: true });
  function placeArcs(): void {
    for (const child of [...arcGroup.children]) {
      arcGroup.remove(child);
      (child as THREE.Mesh).geometry.dispose();
    }
    arcCurves.clear();
    const parts: THREE.BufferGeometry[] = [];
    for (const arc of chain.arcs) {
      const from = positions.get(arc.from);
      const to = positions.get(arc.to);
      if (!from || !to) continue;
      const curve = arcCurve(from, to);
      arcCurves.set(arc.id, curve);
      // Thickness ∝ volume, with a floor so that the smallest flow is still seen.
      const radius =
        (layout === 'globe' ? 0.0012 : 0.004) + (layout === 'globe' ? 0.006 : 0.02) * (arc.grams / maxGrams);
      const tube = new THREE.TubeGeometry(curve, 32, radius, 5, false);
      const c = colour.setHex(FLOW_COLOURS[arc.flow]);
      const colours = new Float32Array(tube.attributes.position!.count * 3);
      for (let i = 0; i < colours.length; i += 3) colours.set([c.r, c.g, c.b], i);
      tube.setAttribute('color', new THREE.BufferAttribute(colours, 3));
      parts.push(tube);
    }
    if (parts.length === 0) return;
    arcGroup.add(new THREE.Mesh(mergeGeometries(parts), arcMaterial));
    for (const part of parts) part.dispose();
  }

  function resetCamera(): void {
    if (layout === 'globe') {
      // Looking at the middle of the sites, from far enough to see them all.
      const placed = chain.sites.filter(located);
      const centre = new THREE.Vector3();
      for (const s of placed) centre.add(toSphere(s.lon, s.lat));
      if (centre.lengthSq() === 0) centre.set(0, 0, 1);
      centre.normalize();
      const spread = Math.max(0, ...placed.map((s) => toSphere(s.lon, s.lat).angleTo(centre)));
      controls.target.set(0, 0, 0);
      camera.position.copy(centre.multiplyScalar(THREE.MathUtils.clamp(1.4 + spread * 2.2, 1.6, 3.2)));
      controls.update();
    } else {
      controls.target.set(0, 0, 0);
      camera.position.set(0, 0, 4.2);
      controls.update();
    }
  }

  function setCamera(state: { lon: number; lat: number; distance: number }): void {
    controls.target.set(0, 0, 0);
    camera.position.copy(toSphere(state.lon, state.lat, state.distance));
    controls.update();
  }

  const listeners: (() => void)[] = [];
  let frameRequested = false;
  function render(): void {
    const scale = markerScaleFor();
    if (Math.abs(scale / markerScale - 1) > 0.15) writeInstances();
    const distance = camera.position.distanceTo(controls.target);
    outlines.visible = layout === 'globe' && camera.position.length() < 1.02;
    camera.near = layout === 'globe' ? Math.max(0.00005, (camera.position.length() - 1) * 0.5) : 0.01;
    camera.far = distance + 3;
    camera.updateProjectionMatrix();
    renderer.render(scene, camera);
  }
  const requestRender = () => {
    if (frameRequested) return;
    frameRequested = true;
    requestAnimationFrame(() => {
      frameRequested = false;
      render();
    });
  };
  controls.addEventListener('change', () => {
    requestRender();
    for (const l of listeners) l();
  });

  function resize(): void {
    const { clientWidth, clientHeight } = canvas;
    renderer.setSize(clientWidth, clientHeight, false);
    camera.aspect = clientWidth / Math.max(1, clientHeight);
    camera.updateProjectionMatrix();
    requestRender();
  }

  const raycaster = new THREE.Raycaster();
  function pick(clientX: number, clientY: number): ChainNode | undefined {
    const rect = canvas.getBoundingClientRect();
    const pointer = new THREE.Vector2(
      ((clientX - rect.left) / rect.width) * 2 - 1,
      -((clientY - rect.top) / rect.height) * 2 + 1,
    );
    raycaster.setFromCamera(pointer, camera);
    // A point is hit within a few pixels of it, whatever the distance.
    raycaster.params.Points.threshold =
      (camera.position.distanceTo(controls.target) * 6) / canvas.clientHeight;
    const hits = raycaster.intersectObjects([siteMesh, plotPoints], false);
    for (const hit of hits) {
      let id: string | undefined;
      if (hit.object === plotPoints) id = hit.index !== undefined ? plotAt[hit.index] : undefined;
      else if (hit.instanceId !== undefined) id = hit.object.userData[hit.instanceId] as string | undefined;
      if (id) return byId.get(id);
    }
    return undefined;
  }

  function pointOf(target: { node?: string; arc?: string; t?: number }): THREE.Vector3 | undefined {
    if (target.node) return positions.get(target.node)?.clone();
    if (target.arc) return arcCurves.get(target.arc)?.getPoint(target.t ?? 0.5);
    return undefined;
  }

  // Captures (issue 15 item 2): Spark draws splats through a SparkRenderer we add to the scene
  // ourselves (nothing renders without one); glTF is three's own. One capture is shown at a time,
  // and each is a new object (Spark #133: a mesh removed and re-added stays invisible).
  let spark: THREE.Object3D | undefined;
  let shown: { holder: THREE.Object3D; nodeId: string; format: CaptureFormat; dispose(): void } | undefined;
  const cancelled = () => new DOMException('cancelled', 'AbortError');

  function clearCapture(): void {
    if (!shown) return;
    scene.remove(shown.holder);
    shown.dispose();
    shown = undefined;
    requestRender();
  }

  /** Loads the capture's object; what it returns is not in the scene yet. */
  async function loadCapture(
    bytes: Uint8Array,
    format: CaptureFormat,
    signal?: AbortSignal,
  ): Promise<{ object: THREE.Object3D; box: THREE.Box3; dispose(): void }> {
    if (format === 'glb') {
      // A copy: GLTFLoader takes an ArrayBuffer, and the verified bytes stay as they were hashed.
      const buffer = bytes.slice().buffer;
      const gltf = await new GLTFLoader().parseAsync(buffer, '');
      const object = gltf.scene;
      const dispose = () =>
        object.traverse((o) => {
          const mesh = o as THREE.Mesh;
          mesh.geometry?.dispose();
          for (const m of [mesh.material ?? []].flat()) (m as THREE.Material).dispose();
        });
      if (signal?.aborted) {
        dispose();
        throw cancelled();
      }
      // glTF materials are lit; the rest of the scene is not, so the capture brings its own light.
      object.add(new THREE.HemisphereLight(0xffffff, 0x444444, 2.5));
      return { object, box: new THREE.Box3().setFromObject(object), dispose };
    }
    const { SparkRenderer, SplatMesh, SplatFileType } = await import('@sparkjsdev/spark');
    if (signal?.aborted) throw cancelled();
    if (!spark) {
      const created = new SparkRenderer({ renderer });
      scene.add(created);
      spark = created;
    }
    // The type named explicitly: `.splat` and `.ksplat` have no signature Spark could find.
    const fileType = {
      ply: SplatFileType.PLY,
      spz: SplatFileType.SPZ,
      splat: SplatFileType.SPLAT,
      ksplat: SplatFileType.KSPLAT,
    }[format];
    const mesh = new SplatMesh({ fileBytes: bytes.slice(), fileType });
    await mesh.initialized;
    if (signal?.aborted) {
      mesh.dispose();
      throw cancelled();
    }
    return { object: mesh, box: mesh.getBoundingBox(true), dispose: () => mesh.dispose() };
  }

  async function showCapture(
    nodeId: string,
    bytes: Uint8Array,
    format: CaptureFormat,
    signal?: AbortSignal,
  ): Promise<void> {
    const at = positions.get(nodeId);
    if (!at || layout !== 'globe') throw new Error('this node has no position on the globe');
    const { object, box, dispose } = await loadCapture(bytes, format, signal);
    clearCapture();
    // Centred on the capture, its up (−y in most splat captures, +y in glTF) along the ground's
    // normal, and scaled to SPLAT_SIZE across: a plot's real size is too small to see from orbit.
    const size = Math.max(1e-9, box.getSize(new THREE.Vector3()).length());
    const centre = box.getCenter(new THREE.Vector3());
    const holder = new THREE.Group();
    object.position.sub(centre);
    holder.add(object);
    holder.position.copy(
      at
        .clone()
        .normalize()
        .multiplyScalar(1 + SPLAT_SIZE / 2),
    );
    const up = format === 'glb' ? new THREE.Vector3(0, 1, 0) : new THREE.Vector3(0, -1, 0);
    holder.quaternion.setFromUnitVectors(up, at.clone().normalize());
    holder.scale.setScalar(SPLAT_SIZE / size);
    scene.add(holder);
    shown = { holder, nodeId, format, dispose };
    focusOn(at, 1 + SPLAT_SIZE * 4);
    // Spark sorts splats asynchronously: keep drawing for a moment so that the sorted result shows.
    for (let i = 0; i < (format === 'glb' ? 2 : 30); i++) {
      await new Promise((r) => requestAnimationFrame(r));
      if (shown?.holder !== holder) return;
      render();
    }
  }

  function focusOn(p: THREE.Vector3, distance: number): void {
    controls.target.set(0, 0, 0);
    camera.position.copy(p.clone().normalize().multiplyScalar(distance));
    controls.update();
    requestRender();
  }

  setLayout(initial);
  resize();

  function setLayout(next: Layout): void {
    layout = next;
    place();
    resetCamera();
    requestRender();
  }

  return {
    renderer,
    camera,
    setLayout,
    render,
    nodesDrawn: () => drawn,
    pick,
    screenOf(target) {
      const p = pointOf(target);
      if (!p) return undefined;
      p.project(camera);
      return [((p.x + 1) / 2) * canvas.clientWidth, ((1 - p.y) / 2) * canvas.clientHeight];
    },
    focus(target, distance) {
      const p = pointOf(target);
      if (!p) return;
      if (layout === 'globe') {
        const d = distance ?? 1.25;
        controls.target.set(0, 0, 0);
        camera.position.copy(p.clone().normalize().multiplyScalar(d));
      } else {
        controls.target.copy(p);
        camera.position.set(p.x, p.y, p.z + (distance ?? 1.5));
      }
      controls.update();
      requestRender();
    },
    highlight(id) {
      const p = id ? positions.get(id) : undefined;
      highlightMesh.visible = p !== undefined;
      if (p) {
        const node = byId.get(id!);
        const s = (node ? sizeOf(node) : 0.01) * 1.4;
        highlightMesh.position.copy(p);
        highlightMesh.scale.setScalar(s);
        highlightMesh.quaternion.setFromUnitVectors(
          new THREE.Vector3(0, 0, 1),
          layout === 'globe' ? p.clone().normalize() : new THREE.Vector3(0, 0, 1),
        );
      }
      requestRender();
    },
    showCapture,
    captures: () => (shown ? [{ nodeId: shown.nodeId, format: shown.format }] : []),
    clearCapture,
    orbitBy(azimuth, polar = 0) {
      const offset = camera.position.clone().sub(controls.target);
      const spherical = new THREE.Spherical().setFromVector3(offset);
      spherical.theta += azimuth;
      spherical.phi = THREE.MathUtils.clamp(spherical.phi + polar, 0.05, Math.PI - 0.05);
      camera.position.copy(controls.target).add(new THREE.Vector3().setFromSpherical(spherical));
      controls.update();
    },
    zoomBy(factor) {
      const offset = camera.position.clone().sub(controls.target);
      const length = THREE.MathUtils.clamp(
        offset.length() * factor,
        controls.minDistance,
        controls.maxDistance,
      );
      camera.position.copy(controls.target).add(offset.setLength(length));
      controls.update();
    },
    cameraState() {
      const p = camera.position;
      const distance = p.length();
      const lat = 90 - THREE.MathUtils.radToDeg(Math.acos(p.y / distance));
      const lon = THREE.MathUtils.radToDeg(Math.atan2(p.z, -p.x)) - 180;
      return { lon: ((lon + 540) % 360) - 180, lat, distance };
    },
    setCamera(state) {
      setCamera(state);
      requestRender();
    },
    onChange: (listener) => listeners.push(listener),
    resize,
    dispose() {
      controls.dispose();
      renderer.dispose();
    },
  };
}
