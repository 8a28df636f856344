// sitrep serve: the browser page. Plain JS, no framework, nothing fetched from the internet.
//
// Everything shown here (titles, text, names, evidence) comes from scraped pages, so data is
// only ever inserted as text: textContent, createTextNode, setAttribute. Never innerHTML.
'use strict';

// ---------------------------------------------------------------------------------------------
// Small helpers

const $ = (sel) => document.querySelector(sel);
const SVG_NS = 'http://www.w3.org/2000/svg';

/** An HTML element; string children become text nodes, null/false children are skipped. */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

/** replaceChildren that skips null/false, like el() does. */
function fill(parent, ...children) {
  parent.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

function svgEl(tag, attrs) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  return node;
}

function setAttrs(node, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    node.setAttribute(k, String(v));
  }
}

/** Only http(s) links become clickable: a scraped `javascript:` URL must stay inert. */
function safeHref(url) {
  try {
    const u = new URL(url, location.href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch (e) {
    return null;
  }
}

function hostOf(url) {
  try { return new URL(url).hostname.replace(/^www\./, ''); } catch (e) { return ''; }
}

const fmt = (n) => Number(n).toLocaleString('en');
const plural = (n, word) => `${fmt(n || 0)} ${word}${n === 1 ? '' : 's'}`;

function debounce(fn, ms) {
  let t = 0;
  return (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
}

// ---------------------------------------------------------------------------------------------
// Colours. PLOVER types keep one colour everywhere (map, timeline, list); hues follow the
// QuadClass they usually belong to (blue/green cooperation, yellow/orange/red conflict).

const PLOVER_COLOURS = {
  AGREE: '#4e79a7', CONSULT: '#7ea6ce', SUPPORT: '#a0cbe8', COOPERATE: '#2f8f83',
  AID: '#59a14f', CONCEDE: '#8cd17d', RETREAT: '#b5d99c', REQUEST: '#b6992d',
  ACCUSE: '#e5c04a', DEMAND: '#e8a33d', DISAPPROVE: '#f28e2b', REJECT: '#d4a6c8',
  THREATEN: '#b07aa1', PROTEST: '#9d7660', SANCTION: '#79706e', MOBILIZE: '#ff9d9a',
  COERCE: '#e15759', ASSAULT: '#a61c1c', FIGHT: '#5e0b0b',
};
const PLOVER_ORDER = Object.keys(PLOVER_COLOURS);

const QUAD_CLASSES = {
  1: ['Verbal cooperation', '#4e79a7'],
  2: ['Material cooperation', '#59a14f'],
  3: ['Verbal conflict', '#f28e2b'],
  4: ['Material conflict', '#c0392b'],
};

function ploverColour(type) {
  if (PLOVER_COLOURS[type]) return PLOVER_COLOURS[type];
  // An unknown type still gets a stable colour.
  let h = 0;
  for (const ch of String(type)) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return `hsl(${h}, 35%, 50%)`;
}

function quadColour(q) {
  return (QUAD_CLASSES[q] || ['', '#8a939c'])[1];
}

/** Stacking/legend order: known types in palette order, then the rest alphabetically. */
function typeRank(type) {
  const i = PLOVER_ORDER.indexOf(type);
  return i < 0 ? PLOVER_ORDER.length : i;
}
const byTypeOrder = (a, b) => typeRank(a) - typeRank(b) || String(a).localeCompare(String(b));

// ---------------------------------------------------------------------------------------------
// API access, busy counter, errors

const state = {
  filters: { type: '', actor: '', country: '', since: '', until: '', q: '' },
  offset: 0,
  pageSize: 100,
  colour: 'plover',
  summary: null,
  points: [],         // [{id, lat, lon, plover, quad_class, wx, wy}]
  listTotal: null,
  inView: 0,          // points inside the map's viewport
  selected: null,     // the event shown in the panel
  article: null,      // id of the article shown
  timelineKey: null,  // the filters the timeline was last drawn for
  fitted: false,      // the map is fitted to the points once, on the first load
};
const FILTER_KEYS = ['type', 'actor', 'country', 'since', 'until', 'q'];

class ApiError extends Error {}

let inFlight = 0;
function setBusy(delta) {
  inFlight += delta;
  document.body.dataset.busy = String(inFlight);
}

/**
 * Runs an async loader, counting it in data-busy until its result is drawn, and shows its
 * error in the error line. Never rejects, so one failed panel does not stop the others.
 */
async function tracked(fn) {
  setBusy(1);
  try {
    return await fn();
  } catch (err) {
    showError(err.message || String(err));
    return undefined;
  } finally {
    setBusy(-1);
  }
}

function query(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== '' && v !== null && v !== undefined) p.set(k, v);
  }
  const s = p.toString();
  return s ? '?' + s : '';
}

/** GET a JSON endpoint; a non-2xx answer becomes an ApiError carrying the server's message. */
async function api(path, params) {
  const url = path + query(params);
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await res.json();
  } catch (e) {
    if (res.ok) throw new ApiError(`${path}: the server's answer is not JSON`);
  }
  if (!res.ok) {
    const msg = body && typeof body.error === 'string' ? body.error : res.statusText;
    throw new ApiError(`${path}: ${res.status} ${msg}`);
  }
  return body;
}

function showError(msg) {
  $('#error-text').textContent = msg;
  $('#error').hidden = false;
}

function hideError() {
  $('#error').hidden = true;
  $('#error-text').textContent = '';
}

// Each loader numbers its requests; an answer that arrives after a newer request was made is
// dropped, so a slow old response cannot overwrite the current view.
const latest = { list: 0, points: 0, timeline: 0, event: 0, article: 0, search: 0 };

// ---------------------------------------------------------------------------------------------
// Filters <-> form <-> URL query string

function readUrl() {
  const p = new URLSearchParams(location.search);
  for (const k of FILTER_KEYS) state.filters[k] = (p.get(k) || '').trim();
}

function writeUrl() {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) if (state.filters[k]) p.set(k, state.filters[k]);
  const qs = p.toString();
  history.replaceState(null, '', location.pathname + (qs ? '?' + qs : '') + location.hash);
}

function fillForm() {
  const sel = $('#filter-type');
  const t = state.filters.type;
  // A shared URL may name a type the summary does not list (yet); keep it selectable.
  if (t && ![...sel.options].some((o) => o.value === t)) sel.append(el('option', { value: t }, t));
  for (const k of FILTER_KEYS) $('#filter-' + k).value = state.filters[k];
}

function readForm() {
  const f = {};
  for (const k of FILTER_KEYS) f[k] = $('#filter-' + k).value.trim();
  return f;
}

function applyFilters(filters) {
  const next = { ...state.filters, ...filters };
  // Enter in a field fires both change and submit; the second one has nothing new to load.
  if (FILTER_KEYS.every((k) => next[k] === state.filters[k])) return Promise.resolve();
  state.filters = next;
  state.offset = 0;
  writeUrl();
  fillForm();
  hideError();
  styleTimeline();
  return refresh();
}

/** Reloads everything the filters drive. The timeline ignores since/until, so a brush does not
 *  refetch it. */
function refresh() {
  return Promise.all([loadList(), loadPoints(), loadTimeline()]);
}

function bindFilters() {
  const form = $('#filters');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    applyFilters(readForm());
  });
  // Changing a select or leaving a changed field applies at once; no Apply click needed.
  form.addEventListener('change', () => applyFilters(readForm()));
  $('#filters-reset').addEventListener('click', () => {
    applyFilters(Object.fromEntries(FILTER_KEYS.map((k) => [k, ''])));
  });
  $('#error-close').addEventListener('click', hideError);
}

// ---------------------------------------------------------------------------------------------
// Summary

function loadSummary() {
  return tracked(async () => {
    const s = await api('/api/summary');
    state.summary = s;
    $('#summary').textContent = [
      `${fmt(s.articles)} articles`,
      `${fmt(s.events)} events`,
      `${fmt(s.event_reports)} reports`,
      `${fmt(s.entities)} entities`,
      `${fmt(s.quotes)} quotes`,
    ].join(' · ');
    const sel = $('#filter-type');
    sel.replaceChildren(el('option', { value: '' }, 'all types'));
    for (const [type, n] of s.events_by_type || []) {
      sel.append(el('option', { value: type }, `${type} (${fmt(n)})`));
    }
    fillForm();
  });
}

// ---------------------------------------------------------------------------------------------
// Map: TopoJSON decoding, Mercator projection, pan/zoom, screen-space clustering

const WORLD = 1000;          // the projected world is a WORLD x WORLD square ("world units")
const MAX_LAT = 85.05113;    // Mercator's square cut-off
const CELL = 40;             // cluster grid, screen pixels
const FAR_CELL = WORLD / 16; // off-screen points are grouped coarsely, in world units
const K_MAX = 4000;          // deepest zoom: splits points a few hundred metres apart
const FIT_K_MAX = 40;        // a fit never zooms closer than about a region

const view = { k: 1, tx: 0, ty: 0, w: 800, h: 500 };

function project(lon, lat) {
  const la = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI / 180;
  const x = (lon + 180) / 360 * WORLD;
  const y = (1 - Math.log(Math.tan(Math.PI / 4 + la / 2)) / Math.PI) / 2 * WORLD;
  return [x, y];
}

/** Arcs are delta-encoded integers; the transform maps them back to longitude/latitude. */
function decodeArcs(topo) {
  const [sx, sy] = topo.transform.scale;
  const [dx, dy] = topo.transform.translate;
  return topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([ax, ay]) => {
      x += ax;
      y += ay;
      return project(x * sx + dx, y * sy + dy);
    });
  });
}

/** A ring lists arc indices; a negative index ~i means arc i reversed. Consecutive arcs share
 *  their joining point, so it is dropped from all but the first. */
function ringPoints(ring, arcs) {
  const pts = [];
  for (const i of ring) {
    const arc = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
    for (let j = pts.length ? 1 : 0; j < arc.length; j++) pts.push(arc[j]);
  }
  return pts;
}

/**
 * A few rings (Russia's far east, Fiji, Antarctica) cross the antimeridian: drawn as they are,
 * they streak across the whole map. Such a ring is made continuous (a jump of more than half
 * the world is a crossing) and drawn three times, shifted a world left and right, so each
 * side shows its half. A ring that crosses an odd number of times goes round a pole and is
 * closed along the map's edge beyond that pole.
 */
function unwrapRing(pts) {
  let off = 0;
  let jumps = 0;
  const out = [pts[0]];
  for (let i = 1; i < pts.length; i++) {
    const dx = pts[i][0] - pts[i - 1][0];
    if (dx > WORLD / 2) { off -= WORLD; jumps++; }
    else if (dx < -WORLD / 2) { off += WORLD; jumps++; }
    out.push([pts[i][0] + off, pts[i][1]]);
  }
  if (jumps % 2) {
    const meanY = out.reduce((a, p) => a + p[1], 0) / out.length;
    const poleY = meanY > WORLD / 2 ? WORLD : 0;
    out.push([out[out.length - 1][0], poleY], [out[0][0], poleY]);
  }
  return { pts: out, jumps };
}

function pathData(pts, shift = 0) {
  return 'M' + pts.map(([x, y]) => (x + shift).toFixed(3) + ',' + y.toFixed(3)).join('L') + 'Z';
}

function geometryPath(geom, arcs) {
  const polygons = geom.type === 'Polygon' ? [geom.arcs] : geom.type === 'MultiPolygon' ? geom.arcs : [];
  let d = '';
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const pts = ringPoints(ring, arcs);
      if (pts.length < 3) continue;
      const un = unwrapRing(pts);
      if (!un.jumps) d += pathData(pts);
      else for (const shift of [-WORLD, 0, WORLD]) d += pathData(un.pts, shift);
    }
  }
  return d;
}

function loadWorld() {
  return tracked(async () => {
    const topo = await api('/world.json');
    const arcs = decodeArcs(topo);
    const base = $('#base');
    const frag = document.createDocumentFragment();
    for (const geom of topo.objects.countries.geometries) {
      const d = geometryPath(geom, arcs);
      if (!d) continue;
      const path = svgEl('path', { d, class: 'country' });
      const name = geom.properties && geom.properties.name;
      if (name) path.appendChild(svgEl('title')).textContent = name;
      frag.append(path);
    }
    base.replaceChildren(frag);
    applyBaseTransform();
  });
}

function measureMap() {
  const svg = $('#map');
  view.w = svg.clientWidth || 800;
  view.h = svg.clientHeight || 500;
}

/** Smallest zoom: the world spans the map's width (Mercator's polar rows may overflow). */
function kMin() {
  return view.w / WORLD;
}

/** Keeps the world on screen: centred when smaller than the map, edge-to-edge otherwise. */
function clampView() {
  view.k = Math.max(kMin(), Math.min(K_MAX, view.k));
  const size = WORLD * view.k;
  view.tx = size <= view.w ? (view.w - size) / 2 : Math.min(0, Math.max(view.w - size, view.tx));
  view.ty = size <= view.h ? (view.h - size) / 2 : Math.min(0, Math.max(view.h - size, view.ty));
}

/** Zooms by `factor`, keeping the world point under screen position (sx, sy) in place. */
function zoomAt(sx, sy, factor) {
  const k = Math.max(kMin(), Math.min(K_MAX, view.k * factor));
  const wx = (sx - view.tx) / view.k;
  const wy = (sy - view.ty) / view.k;
  view.k = k;
  view.tx = sx - wx * k;
  view.ty = sy - wy * k;
  viewChanged();
}

function fitWorldBox(x0, y0, x1, y1, pad, maxK) {
  const bw = Math.max(x1 - x0, 1e-9);
  const bh = Math.max(y1 - y0, 1e-9);
  view.k = Math.min((view.w - 2 * pad) / bw, (view.h - 2 * pad) / bh, maxK);
  view.tx = view.w / 2 - (x0 + x1) / 2 * view.k;
  view.ty = view.h / 2 - (y0 + y1) / 2 * view.k;
  viewChanged();
}

function fitToPoints() {
  if (!state.points.length) {
    view.k = kMin();
    viewChanged();
    return;
  }
  const b = bbox(state.points);
  fitWorldBox(b.x0, b.y0, b.x1, b.y1, 40, FIT_K_MAX);
}

function bbox(points) {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const p of points) {
    if (p.wx < x0) x0 = p.wx;
    if (p.wx > x1) x1 = p.wx;
    if (p.wy < y0) y0 = p.wy;
    if (p.wy > y1) y1 = p.wy;
  }
  return { x0, y0, x1, y1 };
}

// Redraws are batched to one per animation frame: wheel and drag fire far more often.
let drawQueued = false;
function viewChanged() {
  clampView();
  hideClusterPopup();
  if (drawQueued) return;
  drawQueued = true;
  requestAnimationFrame(() => {
    drawQueued = false;
    applyBaseTransform();
    drawMarkers();
  });
}

function applyBaseTransform() {
  $('#base').setAttribute('transform', `translate(${view.tx},${view.ty}) scale(${view.k})`);
}

/**
 * Groups every point: those on (or just beside) the screen into CELL-pixel cells, the rest into
 * coarse world cells. Off-screen groups stay in the DOM (hidden) so the data-count sum always
 * equals the number of points, while the node count stays bounded whatever the zoom.
 * The fine grid is anchored to the world, not the screen, so panning does not reshuffle it.
 */
function clusterPoints() {
  const { k, tx, ty, w, h } = view;
  const near = new Map();
  const far = new Map();
  for (const p of state.points) {
    const px = p.wx * k;
    const py = p.wy * k;
    const sx = px + tx;
    const sy = py + ty;
    const onScreen = sx > -CELL && sx < w + CELL && sy > -CELL && sy < h + CELL;
    const key = onScreen
      ? Math.floor(px / CELL) + ',' + Math.floor(py / CELL)
      : Math.floor(p.wx / FAR_CELL) + ',' + Math.floor(p.wy / FAR_CELL);
    const groups = onScreen ? near : far;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { n: 0, sx: 0, sy: 0, members: [], onScreen }));
    g.n += 1;
    g.sx += sx;
    g.sy += sy;
    g.members.push(p);
  }
  return [...near.values(), ...far.values()];
}

function pointColour(p) {
  return state.colour === 'quad' ? quadColour(p.quad_class) : ploverColour(p.plover);
}

/** The category most members share, to colour a cluster. */
function dominant(members) {
  const counts = new Map();
  for (const p of members) {
    const key = state.colour === 'quad' ? p.quad_class : p.plover;
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

function drawMarkers() {
  const frag = document.createDocumentFragment();
  const selectedId = state.selected ? state.selected.id : null;
  let inView = 0;
  for (const g of clusterPoints()) {
    if (g.onScreen) inView += g.n;
    const x = (g.sx / g.n).toFixed(1);
    const y = (g.sy / g.n).toFixed(1);
    if (!g.onScreen) {
      frag.append(svgEl('g', { class: 'marker offscreen', 'data-count': g.n }));
    } else if (g.n === 1) {
      const p = g.members[0];
      const c = svgEl('circle', {
        class: 'marker single' + (p.id === selectedId ? ' selected' : ''),
        'data-count': 1, 'data-id': p.id, cx: x, cy: y, r: 5.5, fill: pointColour(p),
      });
      c.appendChild(svgEl('title')).textContent = `${p.plover} · event ${p.id}`;
      frag.append(c);
    } else {
      frag.append(clusterMarker(g, x, y));
    }
  }
  $('#markers').replaceChildren(frag);
  state.inView = inView;
  updateMapInfo();
}

/**
 * A cluster is a ring split by category share (so a mixed cluster is not passed off as its
 * majority) around a dark disc with the count.
 */
function clusterMarker(g, x, y) {
  const mix = dominant(g.members);
  const quad = state.colour === 'quad';
  const colour = quad ? quadColour : ploverColour;
  const label = quad ? (q) => (QUAD_CLASSES[q] || [q])[0] : (t) => t;
  const r = Math.min(18, 10 + 2.2 * Math.log2(g.n));
  const ringW = 4;
  const ringR = r - ringW / 2;
  const circ = 2 * Math.PI * ringR;
  const sel = state.selected && g.members.some((p) => p.id === state.selected.id);
  const grp = svgEl('g', { class: 'marker cluster' + (sel ? ' selected' : ''), 'data-count': g.n, transform: `translate(${x},${y})` });
  grp.append(svgEl('circle', { r, class: 'disc' }));
  // Segments start at 12 o'clock; the smallest shares are merged into one grey rest.
  let offset = 0;
  const top = mix.slice(0, 6);
  const rest = g.n - top.reduce((a, [, n]) => a + n, 0);
  const segments = top.map(([key, n]) => [colour(key), n]);
  if (rest > 0) segments.push(['#9aa5b1', rest]);
  for (const [stroke, n] of segments) {
    const len = n / g.n * circ;
    grp.append(svgEl('circle', {
      r: ringR, class: 'seg', stroke, 'stroke-width': ringW,
      'stroke-dasharray': `${len.toFixed(2)} ${(circ - len).toFixed(2)}`,
      'stroke-dashoffset': (-offset + circ / 4).toFixed(2),
    }));
    offset += len;
  }
  grp.appendChild(svgEl('text', { dy: '0.35em' })).textContent = g.n >= 10000 ? Math.round(g.n / 1000) + 'k' : g.n;
  grp.appendChild(svgEl('title')).textContent =
    `${fmt(g.n)} events — click to zoom in\n` + mix.slice(0, 10).map(([key, n]) => `${label(key)}: ${n}`).join('\n');
  grp.clusterMembers = g.members; // kept on the node for the click handler
  return grp;
}

function drawLegend() {
  const ul = $('#legend-items');
  ul.replaceChildren();
  let items;
  if (state.colour === 'quad') {
    items = Object.entries(QUAD_CLASSES).map(([q, [name, colour]]) => [`${q} ${name}`, colour]);
    // Events whose CAMEO code has no QuadClass are drawn grey; say so when there are any.
    if (state.points.some((p) => !QUAD_CLASSES[p.quad_class])) items.push(['no QuadClass', quadColour(null)]);
  } else {
    const present = [...new Set(state.points.map((p) => p.plover))].sort(byTypeOrder);
    items = present.map((t) => [t, ploverColour(t)]);
  }
  for (const [name, colour] of items) {
    ul.append(el('li', null, el('span', { class: 'swatch', style: `background:${colour}` }), name));
  }
}

function loadPoints() {
  const my = ++latest.points;
  return tracked(async () => {
    const data = await api('/api/points', state.filters);
    if (my !== latest.points) return;
    state.points = (data.points || []).filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon)).map((p) => {
      const [wx, wy] = project(p.lon, p.lat);
      return { ...p, wx, wy };
    });
    if (!state.fitted) {
      state.fitted = true;
      fitToPoints();
    }
    drawLegend();
    drawMarkers();
    updateMapInfo();
  });
}

function updateMapInfo() {
  const n = state.points.length;
  const total = state.listTotal;
  const placed = total === null ? `${fmt(n)} events on the map` : `${fmt(n)} of ${fmt(total)} events have a place`;
  // When zoomed in, say how many are in view, so an empty-looking map is not mistaken for no data.
  $('#map-info').textContent = state.inView < n ? `${placed} · ${fmt(state.inView)} in view` : placed;
}

/** Clicking a cluster zooms to its members; members that share one spot (or a cluster at the
 *  deepest zoom) cannot be split by zooming, so those are listed in a popup instead. */
function clusterClicked(node) {
  const members = node.clusterMembers || [];
  const b = bbox(members);
  const spreadPx = Math.max(b.x1 - b.x0, b.y1 - b.y0) * K_MAX;
  if (spreadPx < CELL || view.k >= K_MAX * 0.99) {
    showClusterPopup(node, members);
    return;
  }
  const before = view.k;
  fitWorldBox(b.x0, b.y0, b.x1, b.y1, 60, K_MAX);
  // Always zoom in noticeably, even when the members span most of the screen.
  if (view.k < before * 2) {
    view.k = Math.min(K_MAX, before * 2);
    view.tx = view.w / 2 - (b.x0 + b.x1) / 2 * view.k;
    view.ty = view.h / 2 - (b.y0 + b.y1) / 2 * view.k;
    viewChanged();
  }
}

function showClusterPopup(node, members) {
  const box = $('#cluster-popup');
  $('#cluster-popup-title').textContent = `${fmt(members.length)} events at this spot`;
  const ul = $('#cluster-popup-list');
  ul.replaceChildren();
  const shown = members.slice().sort((a, b) => b.id - a.id).slice(0, 300);
  for (const p of shown) {
    const b = el('button', { type: 'button' },
      el('span', { class: 'swatch', style: `background:${pointColour(p)}` }), `${p.plover} · event ${p.id}`);
    b.addEventListener('click', () => selectEvent(p.id));
    ul.append(el('li', null, b));
  }
  if (members.length > shown.length) ul.append(el('li', { class: 'more' }, `… and ${fmt(members.length - shown.length)} more`));
  const r = node.getBoundingClientRect();
  const wrap = $('#map-wrap').getBoundingClientRect();
  box.hidden = false;
  box.style.left = Math.min(r.right - wrap.left + 6, wrap.width - box.offsetWidth - 8) + 'px';
  box.style.top = Math.max(8, Math.min(r.top - wrap.top, wrap.height - box.offsetHeight - 8)) + 'px';
}

function hideClusterPopup() {
  $('#cluster-popup').hidden = true;
}

function bindMap() {
  const svg = $('#map');
  let drag = null;

  svg.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    dragged = false;
    drag = { x: e.clientX, y: e.clientY, tx: view.tx, ty: view.ty, moved: false, id: e.pointerId };
  });
  svg.addEventListener('pointermove', (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return; // a click may wobble a little
    if (!drag.moved) {
      drag.moved = true;
      svg.setPointerCapture(e.pointerId);
      svg.classList.add('dragging');
    }
    view.tx = drag.tx + dx;
    view.ty = drag.ty + dy;
    viewChanged();
  });
  let dragged = false; // the click that ends a drag must not open or zoom anything
  const end = (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    dragged = drag.moved;
    drag = null;
    svg.classList.remove('dragging');
  };
  svg.addEventListener('pointerup', end);
  svg.addEventListener('pointercancel', end);
  svg.addEventListener('click', (e) => {
    if (dragged) {
      dragged = false;
      return;
    }
    markerClicked(e.target);
  });

  svg.addEventListener('wheel', (e) => {
    e.preventDefault();
    const unit = e.deltaMode === 1 ? 40 : e.deltaMode === 2 ? 400 : 1;
    const r = svg.getBoundingClientRect();
    zoomAt(e.clientX - r.left, e.clientY - r.top, Math.exp(-e.deltaY * unit * 0.002));
  }, { passive: false });
  svg.addEventListener('dblclick', (e) => {
    const r = svg.getBoundingClientRect();
    zoomAt(e.clientX - r.left, e.clientY - r.top, 2);
  });

  $('#zoom-in').addEventListener('click', () => zoomAt(view.w / 2, view.h / 2, 2));
  $('#zoom-out').addEventListener('click', () => zoomAt(view.w / 2, view.h / 2, 0.5));
  $('#zoom-fit').addEventListener('click', fitToPoints);
  $('#cluster-popup-close').addEventListener('click', hideClusterPopup);

  for (const radio of document.querySelectorAll('input[name="colour"]')) {
    radio.addEventListener('change', () => {
      state.colour = radio.value;
      drawLegend();
      drawMarkers();
    });
  }

  new ResizeObserver(() => {
    measureMap();
    viewChanged();
    drawTimeline(lastTimeline);
  }).observe($('#map-wrap'));
}

function markerClicked(target) {
  const m = target && target.closest && target.closest('#markers .marker');
  if (!m) {
    hideClusterPopup();
    return;
  }
  if (m.classList.contains('single')) selectEvent(Number(m.dataset.id));
  else clusterClicked(m);
}

function showOnMap(ev) {
  if (!ev.place || !Number.isFinite(ev.place.lat)) return;
  const [wx, wy] = project(ev.place.lon, ev.place.lat);
  view.k = Math.max(view.k, 40);
  view.tx = view.w / 2 - wx * view.k;
  view.ty = view.h / 2 - wy * view.k;
  viewChanged();
}

// ---------------------------------------------------------------------------------------------
// Timeline: stacked bars per day, with a brush that sets since/until

const TL = { top: 8, right: 10, bottom: 20, left: 38, height: 150 };
let lastTimeline = null; // the last /api/timeline answer, redrawn on resize
let tlScale = null;      // {d0, n, plotW}: maps pixels to days for the brush

const DAY_MS = 86400000;
function dayNum(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.floor(Date.UTC(y, (m || 1) - 1, d || 1) / DAY_MS);
}
function dayIso(n) {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The days a since/until filter covers; partial dates ("2022", "2022-09") span their period. */
function filterDayRange() {
  const { since, until } = state.filters;
  const valid = (s) => /^\d{4}(-\d{2}(-\d{2})?)?$/.test(s);
  let lo = -Infinity;
  let hi = Infinity;
  if (since && valid(since)) lo = dayNum(since);
  if (until && valid(until)) {
    const parts = until.split('-').map(Number);
    if (parts.length === 3) hi = dayNum(until);
    else if (parts.length === 2) hi = Math.floor(Date.UTC(parts[0], parts[1], 0) / DAY_MS);
    else hi = Math.floor(Date.UTC(parts[0], 11, 31) / DAY_MS);
  }
  return { lo, hi, active: Boolean(since || until) };
}

function loadTimeline() {
  const params = { ...state.filters, since: '', until: '' };
  const key = JSON.stringify(params);
  if (key === state.timelineKey) return Promise.resolve(); // a brush alone changes nothing here
  state.timelineKey = key;
  const my = ++latest.timeline;
  return tracked(async () => {
    let data;
    try {
      data = await api('/api/timeline', params);
    } catch (err) {
      state.timelineKey = null; // retry on the next change
      throw err;
    }
    if (my !== latest.timeline) return;
    lastTimeline = data;
    drawTimeline(data);
  });
}

function niceMax(v) {
  if (v <= 5) return Math.max(1, v);
  const mag = 10 ** Math.floor(Math.log10(v));
  for (const s of [1, 2, 2.5, 5, 10]) if (s * mag >= v) return s * mag;
  return v;
}

function drawTimeline(data) {
  const svg = $('#timeline');
  svg.replaceChildren();
  if (!data) return;
  const W = svg.clientWidth || 800;
  const H = TL.height;
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const plotW = Math.max(10, W - TL.left - TL.right);
  const plotH = H - TL.top - TL.bottom;
  const days = (data.days || []).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.date));
  $('#timeline-undated').textContent = data.undated ? `${fmt(data.undated)} events without a day-precise date not shown` : '';
  if (!days.length) {
    tlScale = null;
    svg.appendChild(svgEl('text', { x: W / 2, y: H / 2, class: 'empty' })).textContent = 'No events with a day-precise date';
    return;
  }
  const nums = days.map((d) => dayNum(d.date));
  const d0 = Math.min(...nums);
  const n = Math.max(...nums) - d0 + 1;
  tlScale = { d0, n, plotW };
  const totals = days.map((d) => Object.values(d.counts || {}).reduce((a, b) => a + b, 0));
  const yMax = niceMax(Math.max(...totals));
  const step = plotW / n;
  const barW = Math.max(1, Math.min(28, step > 3 ? step * 0.8 : step)); // thin bars read better than slabs

  // Axis: gridline and label at the top value, day labels spread along the bottom.
  const axis = svgEl('g', { class: 'axis' });
  axis.append(svgEl('line', { x1: TL.left, x2: TL.left + plotW, y1: TL.top, y2: TL.top, class: 'grid' }));
  axis.append(svgEl('line', { x1: TL.left, x2: TL.left + plotW, y1: TL.top + plotH, y2: TL.top + plotH }));
  axis.appendChild(svgEl('text', { x: TL.left - 4, y: TL.top + 4, 'text-anchor': 'end' })).textContent = fmt(yMax);
  axis.appendChild(svgEl('text', { x: TL.left - 4, y: TL.top + plotH, 'text-anchor': 'end' })).textContent = '0';
  const ticks = Math.max(1, Math.min(n, Math.floor(plotW / 90)));
  for (let i = 0; i < ticks; i++) {
    const day = d0 + Math.round(i * (n - 1) / Math.max(1, ticks - 1));
    const x = TL.left + (day - d0 + 0.5) * step;
    axis.append(svgEl('line', { x1: x, x2: x, y1: TL.top + plotH, y2: TL.top + plotH + 4 }));
    axis.appendChild(svgEl('text', { x, y: H - 4, 'text-anchor': ticks === 1 ? 'middle' : i === 0 ? 'start' : i === ticks - 1 ? 'end' : 'middle' }))
      .textContent = dayIso(day);
  }
  svg.append(axis);

  // Bars stacked in a fixed type order, so colours line up from day to day.
  const bars = svgEl('g', { class: 'bars' });
  days.forEach((d, i) => {
    const x = TL.left + (nums[i] - d0) * step + (step - barW) / 2;
    let y = TL.top + plotH;
    for (const type of Object.keys(d.counts || {}).sort(byTypeOrder)) {
      const c = d.counts[type];
      if (!c) continue;
      const h = c / yMax * plotH;
      y -= h;
      const rect = svgEl('rect', {
        class: 'bar', x: x.toFixed(2), y: y.toFixed(2), width: barW.toFixed(2), height: Math.max(0.5, h).toFixed(2),
        fill: ploverColour(type), 'data-date': d.date, 'data-type': type, 'data-count': c,
      });
      bars.append(rect);
    }
  });
  svg.append(bars);
  svg.append(svgEl('rect', { class: 'brush-range', x: 0, y: TL.top, width: 0, height: plotH }));
  svg.append(svgEl('rect', { class: 'brush-live', x: 0, y: TL.top, width: 0, height: plotH, visibility: 'hidden' }));
  styleTimeline();
}

/** Dims the bars outside the since/until range and outlines the range. */
function styleTimeline() {
  const { lo, hi, active } = filterDayRange();
  $('#brush-clear').hidden = !active;
  $('#timeline-range').textContent = active
    ? `${state.filters.since || '…'} – ${state.filters.until || '…'}` : 'drag across the bars to pick dates';
  const svg = $('#timeline');
  for (const r of svg.querySelectorAll('rect.bar')) {
    const d = dayNum(r.dataset.date);
    r.classList.toggle('out', active && (d < lo || d > hi));
  }
  const range = svg.querySelector('rect.brush-range');
  if (!range || !tlScale) return;
  const { d0, n, plotW } = tlScale;
  if (!active) {
    range.setAttribute('width', 0);
    return;
  }
  const step = plotW / n;
  const x0 = TL.left + Math.max(0, Math.min(n, (lo === -Infinity ? d0 : lo) - d0)) * step;
  const x1 = TL.left + Math.max(0, Math.min(n, (hi === Infinity ? d0 + n - 1 : hi) - d0 + 1)) * step;
  range.setAttribute('x', x0);
  range.setAttribute('width', Math.max(0, x1 - x0));
}

/** Hovering shows that day's counts in the header: one readout instead of thousands of
 *  <title> nodes when the data spans years. */
function showDay(day) {
  const iso = dayIso(day);
  const d = (lastTimeline && lastTimeline.days || []).find((x) => x.date === iso);
  const counts = d ? Object.entries(d.counts || {}).filter(([, n]) => n).sort((a, b) => b[1] - a[1]) : [];
  const total = counts.reduce((a, [, n]) => a + n, 0);
  $('#timeline-range').textContent = `${iso}: ${fmt(total)} event${total === 1 ? '' : 's'}` +
    (counts.length ? ' — ' + counts.map(([t, n]) => `${t} ${n}`).join(', ') : '');
}

function bindTimeline() {
  const svg = $('#timeline');
  let brush = null;
  const dayAt = (clientX) => {
    const r = svg.getBoundingClientRect();
    const x = (clientX - r.left) * (svg.viewBox.baseVal.width || r.width) / r.width;
    const { d0, n, plotW } = tlScale;
    return d0 + Math.max(0, Math.min(n - 1, Math.floor((x - TL.left) / (plotW / n))));
  };
  const draw = (a, b) => {
    const live = svg.querySelector('rect.brush-live');
    const { d0, n, plotW } = tlScale;
    const step = plotW / n;
    live.setAttribute('x', TL.left + (Math.min(a, b) - d0) * step);
    live.setAttribute('width', (Math.abs(b - a) + 1) * step);
    live.setAttribute('visibility', 'visible');
  };
  svg.addEventListener('pointerdown', (e) => {
    if (!tlScale || e.button !== 0) return;
    svg.setPointerCapture(e.pointerId);
    brush = { start: dayAt(e.clientX), x: e.clientX };
    draw(brush.start, brush.start);
  });
  svg.addEventListener('pointermove', (e) => {
    if (brush) draw(brush.start, dayAt(e.clientX));
    else if (tlScale) showDay(dayAt(e.clientX));
  });
  svg.addEventListener('pointerleave', () => styleTimeline());
  const end = (e) => {
    if (!brush) return;
    const a = brush.start;
    const b = dayAt(e.clientX);
    brush = null;
    const live = svg.querySelector('rect.brush-live');
    if (live) live.setAttribute('visibility', 'hidden');
    if (e.type !== 'pointerup') return;
    // A plain click picks that one day; a drag picks the days it covered.
    applyFilters({ since: dayIso(Math.min(a, b)), until: dayIso(Math.max(a, b)) });
  };
  svg.addEventListener('pointerup', end);
  svg.addEventListener('pointercancel', end);
  $('#brush-clear').addEventListener('click', () => applyFilters({ since: '', until: '' }));
}

// ---------------------------------------------------------------------------------------------
// Event list

function loadList() {
  const my = ++latest.list;
  const params = { ...state.filters, limit: state.pageSize, offset: state.offset };
  return tracked(async () => {
    const data = await api('/api/events', params);
    if (my !== latest.list) return;
    state.listTotal = data.total;
    renderList(data);
    updateMapInfo();
  });
}

function actorLabel(a) {
  if (!a) return '—';
  return a.name && a.name !== a.code ? `${a.name} (${a.code})` : a.code || a.name || '—';
}

function placeLabel(p) {
  if (!p) return null;
  return [p.name, p.admin1 && p.admin1 !== p.name ? p.admin1 : null, p.country_code].filter(Boolean).join(', ');
}

function typeBadge(type) {
  return el('span', { class: 'type' }, el('span', { class: 'swatch', style: `background:${ploverColour(type)}` }), type);
}

function renderList(data) {
  const ol = $('#events');
  ol.replaceChildren();
  const events = data.events || [];
  const total = data.total || 0;
  const from = total ? data.offset + 1 : 0;
  $('#events-total').textContent = total
    ? `${fmt(from)}–${fmt(data.offset + events.length)} of ${fmt(total)}` : 'no events match';
  $('#page-prev').disabled = data.offset <= 0;
  $('#page-next').disabled = data.offset + events.length >= total;
  const selectedId = state.selected ? state.selected.id : null;
  for (const ev of events) {
    const li = el('li', { 'data-id': ev.id, tabindex: 0, class: ev.id === selectedId ? 'selected' : null },
      el('div', { class: 'row1' },
        typeBadge(ev.plover),
        el('span', { class: 'date' }, ev.date || 'undated'),
        ev.fatalities ? el('span', { class: 'fatal', title: 'fatalities' }, `† ${fmt(ev.fatalities)}`) : null),
      el('div', { class: 'actors' }, `${actorLabel(ev.source)} → ${actorLabel(ev.target)}`),
      ev.place ? el('div', { class: 'place' }, placeLabel(ev.place)) : null,
      ev.evidence && ev.evidence[0] ? el('div', { class: 'snippet' }, ev.evidence[0].text) : null);
    ol.append(li);
  }
  ol.scrollTop = 0;
}

function bindList() {
  const ol = $('#events');
  const open = (e) => {
    const li = e.target.closest('li[data-id]');
    if (li) selectEvent(Number(li.dataset.id));
  };
  ol.addEventListener('click', open);
  ol.addEventListener('keydown', (e) => { if (e.key === 'Enter') open(e); });
  $('#page-prev').addEventListener('click', () => {
    state.offset = Math.max(0, state.offset - state.pageSize);
    loadList();
  });
  $('#page-next').addEventListener('click', () => {
    state.offset += state.pageSize;
    loadList();
  });
}

// ---------------------------------------------------------------------------------------------
// Event panel

/** Selection goes through the URL hash, so it can be shared and the back button works. */
function selectEvent(id) {
  hideClusterPopup();
  const h = '#event=' + encodeURIComponent(id);
  if (location.hash === h) openEvent(id);
  else location.hash = h;
}

function openEvent(id) {
  const my = ++latest.event;
  return tracked(async () => {
    const ev = await api('/api/events/' + encodeURIComponent(id));
    if (my !== latest.event) return;
    state.selected = ev;
    renderPanel(ev);
    for (const li of document.querySelectorAll('#events li.selected')) li.classList.remove('selected');
    const li = document.querySelector(`#events li[data-id="${CSS.escape(String(ev.id))}"]`);
    if (li) {
      li.classList.add('selected');
      li.scrollIntoView({ block: 'nearest' });
    }
    drawMarkers();
  });
}

function closePanel() {
  state.selected = null;
  $('#event-panel').hidden = true;
  $('#event-panel').replaceChildren();
  for (const li of document.querySelectorAll('#events li.selected')) li.classList.remove('selected');
  drawMarkers();
}

function row(label, ...value) {
  const v = value.flat().filter((x) => x !== null && x !== undefined && x !== '');
  if (!v.length) return null;
  return [el('dt', null, label), el('dd', null, ...v)];
}

function actorDetail(a) {
  if (!a) return null;
  const bits = [a.name || a.code];
  if (a.code && a.code !== a.name) bits.push(el('code', null, a.code));
  const extra = [a.country && a.country !== a.code ? a.country : null, a.kind].filter(Boolean).join(', ');
  if (extra) bits.push(el('span', { class: 'muted' }, ` ${extra}`));
  return bits.flatMap((b, i) => (i ? [' ', b] : [b]));
}

function renderPanel(ev) {
  const panel = $('#event-panel');
  const close = el('button', { type: 'button', class: 'close', 'aria-label': 'Close' }, '×');
  close.addEventListener('click', () => setHash(''));
  const quad = QUAD_CLASSES[ev.quad_class];
  const p = ev.place;
  const flags = [ev.background ? 'background (earlier events recalled)' : null, ev.future ? 'future / planned' : null].filter(Boolean);
  const fatalities = ev.fatalities === null || ev.fatalities === undefined ? null
    : fmt(ev.fatalities) + (ev.fatalities_max && ev.fatalities_max !== ev.fatalities ? ` (up to ${fmt(ev.fatalities_max)})` : '');

  let showBtn = null;
  if (p && Number.isFinite(p.lat)) {
    showBtn = el('button', { type: 'button', class: 'link' }, 'show on map');
    showBtn.addEventListener('click', () => showOnMap(ev));
  }

  const dl = el('dl', null,
    row('Source', actorDetail(ev.source) || '—'),
    row('Target', actorDetail(ev.target) || '—'),
    row('Date', ev.date || 'undated', ev.first_published ? el('span', { class: 'muted' }, ` first reported ${ev.first_published}`) : null),
    row('Place', p ? [placeLabel(p), p.feature ? el('span', { class: 'muted' }, ` ${p.feature}`) : null, ' ', showBtn] : '—'),
    row('Fatalities', fatalities),
    row('Mode', ev.mode),
    row('QuadClass', quad ? `${ev.quad_class} ${quad[0]}` : ev.quad_class),
    row('Goldstein', ev.goldstein),
    row('Reports', [plural(ev.num_articles, 'article'), plural(ev.num_sources, 'source'),
      ev.num_mentions ? plural(ev.num_mentions, 'mention') : null].filter(Boolean).join(', ')),
    row('Outlets', (ev.outlets || []).join(', ')),
    row('Confidence', typeof ev.confidence === 'number' ? ev.confidence.toFixed(2) : null),
    row('Tone', typeof ev.tone === 'number' ? ev.tone.toFixed(1) : null),
    row('Note', flags.join('; ')),
  );

  const evidence = el('ol', { class: 'evidence-list' });
  for (const item of ev.evidence || []) {
    evidence.append(el('li', { class: 'evidence' },
      el('a', { href: '#article=' + encodeURIComponent(item.article), title: 'open the article' },
        el('q', null, item.text),
        el('span', { class: 'src' }, `article ${item.article}`))));
  }

  const links = el('ul', { class: 'urls' });
  for (const u of ev.urls || []) {
    const href = safeHref(u);
    links.append(el('li', null, href ? el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, u) : u));
  }

  fill(panel,
    el('header', null,
      typeBadge(ev.plover),
      ev.cameo ? el('span', { class: 'cameo' }, `CAMEO ${ev.cameo}`) : null,
      el('span', { class: 'muted' }, `event ${ev.id}`),
      close),
    dl,
    el('h3', null, `Evidence (${(ev.evidence || []).length})`),
    evidence,
    (ev.urls || []).length ? el('h3', null, 'Sources') : null,
    (ev.urls || []).length ? links : null,
  );
  panel.hidden = false;
  panel.scrollTop = 0;
}

// ---------------------------------------------------------------------------------------------
// Article view with highlighted spans

/** Ranked outermost first when two spans cover exactly the same bytes. */
const RANK = { evidence: 0, quote: 1, entity: 2, count: 3, date: 4 };

function openArticle(id) {
  const my = ++latest.article;
  state.article = id;
  const box = $('#article');
  box.hidden = false;
  $('#article-body').replaceChildren(el('p', { class: 'muted' }, 'Loading article…'));
  return tracked(async () => {
    let a;
    try {
      a = await api('/api/articles/' + encodeURIComponent(id));
    } catch (err) {
      if (my === latest.article) $('#article-body').replaceChildren(el('p', { class: 'muted' }, 'Could not load this article.'));
      throw err;
    }
    if (my !== latest.article) return;
    renderArticle(a);
  });
}

function closeArticle() {
  latest.article++;
  state.article = null;
  $('#article').hidden = true;
  $('#article-body').replaceChildren();
}

/** Collects every highlight of the record as {start, end, cls, title, rank} byte ranges. */
function articleRanges(a) {
  const out = [];
  const add = (start, end, kind, cls, title) => {
    if (Number.isInteger(start) && Number.isInteger(end) && end > start) out.push({ start, end, cls, title, rank: RANK[kind] });
  };
  for (const ev of a.events || []) {
    for (const [s, e] of ev.evidence || []) add(s, e, 'evidence', 'evidence', [ev.plover, ev.cameo ? `CAMEO ${ev.cameo}` : null].filter(Boolean).join(' · '));
  }
  for (const q of a.quotes || []) add(q.start, q.end, 'quote', 'quote', q.speaker_name || 'unknown speaker');
  for (const ent of a.entities || []) {
    const kind = /^[a-z]+$/.test(ent.kind || '') ? ent.kind : 'other';
    const title = [ent.name, ent.actor ? `actor ${ent.actor}` : null, ent.country && ent.country !== ent.actor ? ent.country : null, kind]
      .filter(Boolean).join(' · ');
    for (const [s, e] of ent.mentions || []) add(s, e, 'entity', `entity ${kind}`, title);
  }
  for (const c of a.counts || []) add(c.start, c.end, 'count', 'count', [c.kind, c.number, c.qualifier].filter((x) => x !== null && x !== undefined).join(' '));
  for (const d of a.dates || []) add(d.start, d.end, 'date', 'date', d.value ? `date ${d.value}` : 'date');
  return out;
}

/**
 * Turns overlapping ranges into a tree: a range inside another nests; a range that starts inside
 * one and runs past its end is cut there, and the rest is placed again later. Earlier (then
 * longer, then higher-ranked) ranges win the outer position, so the text is never broken.
 */
function nestRanges(list) {
  const cmp = (a, b) => a.start - b.start || b.end - a.end || a.rank - b.rank;
  const todo = list.slice().sort(cmp);
  const root = { start: 0, end: Infinity, children: [] };
  const stack = [root];
  for (let i = 0; i < todo.length; i++) {
    const r = todo[i];
    while (stack.length > 1 && stack[stack.length - 1].end <= r.start) stack.pop();
    const top = stack[stack.length - 1];
    let end = r.end;
    if (end > top.end) {
      const rest = { ...r, start: top.end };
      let j = i + 1;
      while (j < todo.length && cmp(todo[j], rest) <= 0) j++;
      todo.splice(j, 0, rest);
      end = top.end;
    }
    const node = { ...r, end, children: [] };
    top.children.push(node);
    stack.push(node);
  }
  return root.children;
}

/**
 * Renders `text` with highlights. Offsets are UTF-8 byte offsets, half-open, so the text is
 * encoded once and sliced as bytes; offsets that would split a character move back to its start.
 */
function highlightedText(text, ranges) {
  const bytes = new TextEncoder().encode(text);
  const decoder = new TextDecoder();
  const snap = (off) => {
    let o = Math.max(0, Math.min(bytes.length, off));
    while (o > 0 && o < bytes.length && (bytes[o] & 0xc0) === 0x80) o--;
    return o;
  };
  const clean = [];
  for (const r of ranges) {
    const start = snap(r.start);
    const end = snap(r.end);
    if (end > start) clean.push({ ...r, start, end });
  }
  const frag = document.createDocumentFragment();
  const slice = (s, e) => decoder.decode(bytes.subarray(s, e));
  const render = (parent, start, end, children) => {
    let pos = start;
    for (const c of children) {
      if (c.start > pos) parent.append(slice(pos, c.start));
      const mark = el('mark', { class: c.cls, title: c.title });
      render(mark, c.start, c.end, c.children);
      parent.append(mark);
      pos = c.end;
    }
    if (end > pos) parent.append(slice(pos, end));
  };
  render(frag, 0, bytes.length, nestRanges(clean));
  return frag;
}

function renderArticle(a) {
  const body = $('#article-body');
  const url = a.url ? safeHref(a.url) : null;
  const outlet = a.outlet || (a.url ? hostOf(a.url) : '');
  const media = (a.media || []).map((m) => [m.credit, m.caption].filter(Boolean).join(' — ')).filter(Boolean);
  const meta = el('dl', { class: 'meta' },
    row('URL', a.url ? (url ? el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, a.url) : a.url) : null),
    row('Outlet', outlet),
    row('Published', a.published),
    row('Author', a.author),
    row('Agencies', (a.agencies || []).join(', ')),
    row('Media', media.length ? el('ul', null, media.map((m) => el('li', null, m))) : null),
    row('Language', a.language),
    row('Article id', el('code', null, a.id)),
  );
  const text = el('div', { class: 'article-text' });
  text.append(highlightedText(a.text || '', articleRanges(a)));
  const events = (a.events || []).map((ev) =>
    el('li', null, typeBadge(ev.plover), ev.cameo ? ` CAMEO ${ev.cameo}` : '',
      ev.date ? ` · ${ev.date}` : '', ev.fatalities ? ` · † ${ev.fatalities}` : ''));
  fill(body,
    el('h2', { class: 'title' }, a.title || '(untitled)'),
    meta,
    text,
    events.length ? el('h3', null, `Events reported (${events.length})`) : null,
    events.length ? el('ul', { class: 'article-events' }, events) : null,
  );
  $('#article .sheet').scrollTop = 0;
}

function bindArticle() {
  const box = $('#article');
  const close = () => setHash(state.selected ? 'event=' + encodeURIComponent(state.selected.id) : '');
  $('#article-close').addEventListener('click', close);
  box.addEventListener('click', (e) => { if (e.target === box) close(); }); // backdrop
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !box.hidden) close();
  });
}

// ---------------------------------------------------------------------------------------------
// Full-text search (header box): hits open the article view

function bindSearch() {
  const input = $('#search-q');
  const hits = $('#search-hits');
  const run = debounce(() => {
    const q = input.value.trim();
    if (!q) {
      hits.hidden = true;
      return;
    }
    const my = ++latest.search;
    tracked(async () => {
      const data = await api('/api/search', { q, limit: 20 });
      if (my !== latest.search) return;
      renderHits(data.hits || []);
    });
  }, 250);
  input.addEventListener('input', run);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') hits.hidden = true;
  });
  document.addEventListener('click', (e) => {
    if (!e.target.closest('#search')) hits.hidden = true;
  });
  hits.addEventListener('click', (e) => {
    if (e.target.closest('a')) hits.hidden = true;
  });
}

/** Snippets mark matched terms in [brackets]; those become <b>, still as text nodes. */
function snippetNodes(snippet) {
  return String(snippet || '').split(/(\[[^\]]*\])/).map((part) =>
    /^\[[^\]]*\]$/.test(part) ? el('b', null, part.slice(1, -1)) : part);
}

function renderHits(list) {
  const hits = $('#search-hits');
  hits.replaceChildren();
  if (!list.length) hits.append(el('li', { class: 'muted' }, 'no matches'));
  for (const h of list) {
    hits.append(el('li', null,
      el('a', { href: '#article=' + encodeURIComponent(h.article) },
        el('span', { class: 'hit-title' }, h.kind === 'quote' ? `“quote”${h.speaker ? ' — ' + h.speaker : ''}` : h.title || h.article),
        el('span', { class: 'hit-snippet' }, snippetNodes(h.snippet)))));
  }
  hits.hidden = false;
}

// ---------------------------------------------------------------------------------------------
// Hash routing: #event=ID selects an event, #article=ID opens an article

function parseHash() {
  const h = location.hash.replace(/^#/, '');
  const m = /^(event|article)=(.+)$/.exec(h);
  if (!m) return { kind: null, id: null };
  let id;
  try { id = decodeURIComponent(m[2]); } catch (e) { id = m[2]; }
  return { kind: m[1], id };
}

function route() {
  const { kind, id } = parseHash();
  if (kind === 'article') {
    return openArticle(id);
  }
  closeArticle();
  if (kind === 'event') {
    if (state.selected && String(state.selected.id) === id) return Promise.resolve();
    return openEvent(id);
  }
  closePanel();
  return Promise.resolve();
}

/** Sets the hash; an empty one is removed from the URL entirely (no bare "#"). */
function setHash(h) {
  if (h) {
    location.hash = h;
  } else {
    history.pushState(null, '', location.pathname + location.search);
    route();
  }
}

// ---------------------------------------------------------------------------------------------
// Start

async function init() {
  document.body.dataset.busy = '0';
  readUrl();
  fillForm();
  bindFilters();
  bindMap();
  bindTimeline();
  bindList();
  bindArticle();
  bindSearch();
  window.addEventListener('hashchange', route);
  measureMap();
  view.k = kMin();
  clampView();
  drawLegend();
  await Promise.all([loadSummary(), loadWorld(), refresh(), route()]);
  // The map is drawn once more after layout has settled, then the page is ready for tests.
  await new Promise((resolve) => requestAnimationFrame(resolve));
  applyBaseTransform();
  drawMarkers();
  document.body.dataset.ready = '1';
}

init();
