// The lineage graph: the server places it (GET /api/v1/lineage/<fqn>/layout), this draws it on
// one canvas. Kept fast at 5,000 nodes: edges and node boxes are prebuilt Path2D objects (one
// stroke per style, one fill per kind), labels, team badges and expand handles are drawn only
// for nodes in view and only when zoomed in, hit-testing goes through a spatial grid, and
// redraws are coalesced to one per animation frame.
//
// A person opens the graph node by node: "+" on a node's left/right side shows its hidden
// upstream/downstream neighbours, "−" hides them again, a "+N more" node lists the folded
// siblings (with a filter) and can show them all. Hovering a node highlights everything it
// reads from and feeds; a pinned highlight (a column picked in the bar, an impact row's path)
// stays until cleared. Every expansion keeps the expanded node where it was on screen, and the
// server keeps the other nodes at their y.
import { api, el, go, assetHref } from './lib.js';

const KIND_COLOURS = { model: '#7b4bd6', table: '#2f6fde', column: '#4f8fe8', feature: '#a07be6', deployment: '#1f9d6b', dashboard: '#d9822b', topic: '#c44a8a', pipeline: '#6b7385', service: '#6b7385', group: '#6b7385' };
const STATUS_COLOURS = { incident: '#d64545', run_failed: '#e08a1e', check_failed: '#9a7d0a' };
const HANDLE_RADIUS = 7;
const GRID_CELL = 256;   // world units per hit-testing cell
const LABEL_SCALE = 0.45;  // labels, badges and handles from this zoom on

// What the graph shows; mirrored in the lineage page's URL so a view can be shared.
export function graphState(params) {
  const p = params || new URLSearchParams();
  const int = (key, fallback) => (p.has(key) && /^\d+$/.test(p.get(key)) ? Number(p.get(key)) : fallback);
  return {
    up: int('up', 1), down: int('down', 1), columns: p.get('columns') === 'true', fold: int('fold', 25),
    maxNodes: int('max_nodes', 5000), expand: p.getAll('expand'), collapse: p.getAll('collapse'), unfold: p.getAll('unfold'),
  };
}

export function stateQuery(s) {
  const q = new URLSearchParams({ up: s.up, down: s.down, columns: s.columns, fold: s.fold, max_nodes: s.maxNodes });
  for (const e of s.expand) q.append('expand', e);
  for (const c of s.collapse) q.append('collapse', c);
  for (const u of s.unfold) q.append('unfold', u);
  return q.toString();
}

// The graph block: its bar (depths, columns, highlight, legend), the canvas and the popover of
// a "+N more" node. options: {tall, state, onState(state)}; returns {element, view, ready}, where
// `ready` resolves after the first paint.
export function graphBlock(fqn, options = {}) {
  const state = options.state || graphState();
  const number = (label, value) => el('input', { type: 'number', min: '0', max: '50', value: String(value), 'aria-label': label });
  const up = number('upstream depth', state.up), down = number('downstream depth', state.down);
  const columns = el('input', { type: 'checkbox', 'aria-label': 'columns' });
  if (state.columns) columns.setAttribute('checked', '');
  const pick = el('select', { 'aria-label': 'highlight a column', id: 'pick-column', hidden: '' });
  const reset = el('button', { class: 'secondary small', type: 'button' }, 'Reset');
  const status = el('span', { class: 'muted', id: 'graph-status' });
  const canvas = el('canvas', { class: options.tall ? 'graph tall' : 'graph', id: 'graph' });
  const popover = el('div', { class: 'popover', id: 'group-popover', hidden: '' });
  const legend = el('span', { class: 'legend' }, el('i', { class: 'l-direct' }), 'direct ', el('i', { class: 'l-indirect' }), 'indirect ',
    el('i', { class: 'l-table' }), 'table-level ', el('b', { class: 'l-incident' }), 'incident ', el('b', { class: 'l-failed' }), 'failed run ', el('b', { class: 'l-check' }), 'failing check');
  const element = el('div', { class: 'graph-block' },
    el('div', { class: 'graph-bar' }, el('strong', {}, 'Lineage'), 'upstream', up, 'downstream', down,
      el('label', {}, columns, ' columns'), pick, reset, status, legend),
    el('div', { class: 'graph-wrap' }, canvas, popover));

  let seq = 0;
  let resolveReady;
  const ready = new Promise((r) => { resolveReady = r; });
  const load = async (keep) => {
    const mine = ++seq;
    status.textContent = 'placing…';
    const t0 = performance.now();
    try {
      const g = await api(`/api/v1/lineage/${encodeURIComponent(fqn)}/layout?${stateQuery(state)}`);
      if (mine !== seq) return;
      view.set(g, fqn, keep);
      fillPicker(g);
      status.textContent = `${g.nodes.length} nodes, ${g.edges.length} edges${g.truncated ? ' (truncated)' : ''} · ${Math.round(performance.now() - t0)} ms`;
      if (options.onState) options.onState(state);
      await view.painted();
      resolveReady();
    } catch (e) { status.textContent = e.message; }
  };
  // The focus's own columns or features (or the focus, when it is one): whose path to light.
  const fillPicker = (g) => {
    const own = (n) => n.fqn === g.root || n.fqn.startsWith(g.root + '.');
    const cols = g.nodes.filter((n) => (n.kind === 'column' || n.kind === 'feature') && own(n)).map((n) => n.fqn).sort().slice(0, 1000);
    pick.toggleAttribute('hidden', !cols.length);
    pick.replaceChildren(el('option', { value: '' }, 'highlight a column…'), ...cols.map((c) => el('option', { value: c }, c)));
  };
  const keepAnchor = (node) => ({ key: node.fqn, ...view.toScreen(node) });
  const view = new GraphView(canvas, {
    open: (node) => go(assetHref(node.fqn)),
    expand: (node, dir) => {
      const entry = dir + ':' + node.fqn;
      const side = dir === 'up' ? 'upstream' : 'downstream';
      if (state.collapse.includes(node.fqn) && node.side === side) state.collapse = state.collapse.filter((c) => c !== node.fqn);
      else state.expand = [...state.expand.filter((e) => e !== entry), entry];
      return load(keepAnchor(node));
    },
    collapse: (node, dir) => {
      const entry = dir + ':' + node.fqn;
      if (state.expand.includes(entry)) state.expand = state.expand.filter((e) => e !== entry);
      else state.collapse = [...state.collapse, node.fqn];
      return load(keepAnchor(node));
    },
    group: (node, sx, sy) => showGroup(node, sx, sy),
  });
  const showGroup = (node, sx, sy) => {
    const members = node.group.members;
    const filter = el('input', { type: 'search', placeholder: `filter ${members.length}…`, 'aria-label': 'filter members' });
    const list = el('ul', {});
    const render = () => {
      const q = filter.value.trim().toLowerCase();
      const hits = members.filter((m) => m.fqn.toLowerCase().includes(q));
      list.replaceChildren(...hits.slice(0, 100).map((m) => el('li', {}, el('span', { class: 'kind kind-' + m.kind }, m.kind), el('a', { href: assetHref(m.fqn) }, m.fqn))),
        hits.length > 100 ? el('li', { class: 'muted' }, `…and ${hits.length - 100} more`) : null);
    };
    filter.addEventListener('input', render);
    const all = el('button', { type: 'button', class: 'small' }, `Show all ${members.length}`);
    all.addEventListener('click', () => {
      popover.setAttribute('hidden', '');
      state.unfold = [...state.unfold.filter((u) => u !== node.group.anchor), node.group.anchor];
      load(keepAnchor(view.node(node.group.anchor) || node));
    });
    const close = el('button', { type: 'button', class: 'secondary small' }, 'Close');
    close.addEventListener('click', () => popover.setAttribute('hidden', ''));
    popover.replaceChildren(el('p', {}, el('strong', {}, `${members.length} more ${node.group.direction} of `), node.group.anchor), filter, ' ', all, ' ', close, list);
    render();
    popover.style.left = Math.max(0, Math.min(sx, canvas.clientWidth - 420)) + 'px';
    popover.style.top = Math.max(0, Math.min(sy, canvas.clientHeight - 200)) + 'px';
    popover.removeAttribute('hidden');
    filter.focus();
  };
  const depthChanged = () => {
    state.up = Math.min(50, Number(up.value) || 0); state.down = Math.min(50, Number(down.value) || 0);
    state.columns = columns.checked; state.expand = []; state.collapse = []; state.unfold = [];
    view.pin(null);
    load();
  };
  for (const input of [up, down, columns]) input.addEventListener('change', depthChanged);
  pick.addEventListener('change', () => view.pin(pick.value ? view.closure(pick.value) : null, pick.value));
  reset.addEventListener('click', () => {
    up.value = '1'; down.value = '1'; columns.checked = false; pick.value = '';
    depthChanged();
  });
  requestAnimationFrame(() => load());
  return { element, view, ready };
}

export class GraphView {
  constructor(canvas, actions) {
    this.canvas = canvas;
    this.actions = actions;
    this.g = { nodes: [], edges: [] };
    this.scale = 1; this.tx = 20; this.ty = 20;
    this.pinned = null;      // Set of node keys, or null
    this.hovered = null;     // Set of node keys under hover, or null
    this.drawTimes = [];     // ms per draw(), for the benchmark
    this.waiters = [];
    window.lineaGraph = this;  // for the browser tests and the benchmark
    let drag = null;
    // Window listeners (a drag may leave the canvas) end with the page that made this view.
    const gone = new AbortController();
    const alive = () => canvas.isConnected || (gone.abort(), false);
    canvas.addEventListener('mousedown', (e) => { drag = { x: e.clientX, y: e.clientY, tx: this.tx, ty: this.ty, moved: false }; });
    window.addEventListener('mousemove', (e) => {
      if (!alive()) return;
      if (!drag) { if (e.target === canvas) this.hoverAt(e); return; }
      const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      this.tx = drag.tx + dx; this.ty = drag.ty + dy; this.requestDraw();
    }, { signal: gone.signal });
    window.addEventListener('mouseup', (e) => {
      if (drag && !drag.moved && e.target === canvas) this.clickAt(e);
      drag = null;
    }, { signal: gone.signal });
    canvas.addEventListener('mouseleave', () => { if (this.hovered) { this.hovered = null; this.requestDraw(); } });
    canvas.addEventListener('wheel', (e) => {
      e.preventDefault();
      const r = canvas.getBoundingClientRect();
      this.zoomAt(e.clientX - r.left, e.clientY - r.top, Math.exp(-e.deltaY * 0.0015));
    }, { passive: false });
    new ResizeObserver(() => this.requestDraw()).observe(canvas);
  }

  zoomAt(mx, my, factor) {
    const s = Math.min(4, Math.max(0.02, this.scale * factor));
    this.tx = mx - (mx - this.tx) * (s / this.scale); this.ty = my - (my - this.ty) * (s / this.scale);
    this.scale = s; this.requestDraw();
  }

  node(key) { return this.byKey ? this.byKey.get(key) : undefined; }
  toScreen(n) { return { sx: n.x * this.scale + this.tx, sy: n.y * this.scale + this.ty }; }

  // Shows `g` (a layout answer). keep = {key, sx, sy}: that node stays at that screen position
  // (an expansion); otherwise the graph is fitted to the canvas.
  set(g, focus, keep) {
    this.g = g; this.focus = focus;
    this.byKey = new Map(g.nodes.map((n) => [n.fqn, n]));
    for (const n of g.nodes) { n.out = []; n.in = []; }
    for (const e of g.edges) {
      const from = this.byKey.get(e.from), to = this.byKey.get(e.to);
      from.out.push(to); to.in.push(from);
    }
    this.grid = new Map();
    for (const n of g.nodes) {
      for (let cx = Math.floor(n.x / GRID_CELL); cx <= Math.floor((n.x + n.w) / GRID_CELL); ++cx) {
        for (let cy = Math.floor(n.y / GRID_CELL); cy <= Math.floor((n.y + n.h) / GRID_CELL); ++cy) {
          const k = cx + ',' + cy;
          if (!this.grid.has(k)) this.grid.set(k, []);
          this.grid.get(k).push(n);
        }
      }
    }
    this.paths = buildPaths(g);
    this.unmarked = true;  // the next paint is this graph's first: marked for the benchmark
    this.flagged = g.nodes.filter((n) => n.status || n.fqn === focus || n.kind === 'group');
    if (this.pinnedKey && this.byKey.has(this.pinnedKey)) this.pinned = this.closure(this.pinnedKey);
    else if (this.pinned) this.pinned = new Set([...this.pinned].filter((k) => this.byKey.has(k)));
    this.hovered = null;
    const kept = keep && this.byKey.get(keep.key);
    if (kept) {
      this.tx = keep.sx - kept.x * this.scale; this.ty = keep.sy - kept.y * this.scale;
    } else {
      const w = this.canvas.clientWidth || 800, h = this.canvas.clientHeight || 500;
      this.scale = Math.min(1, (w - 40) / Math.max(1, g.width), (h - 40) / Math.max(1, g.height));
      this.tx = 20 + Math.max(0, (w - 40 - g.width * this.scale) / 2);
      this.ty = 20 + Math.max(0, (h - 40 - g.height * this.scale) / 2);
    }
    this.requestDraw();
  }

  // Resolves after the next paint.
  painted() { return new Promise((r) => { this.waiters.push(r); this.requestDraw(); }); }

  // Everything `key` reads from and feeds in the drawn graph, itself included.
  closure(key) {
    const start = this.byKey.get(key);
    const seen = new Set();
    if (!start) return seen;
    seen.add(key);
    for (const dir of ['in', 'out']) {
      const stack = [start];
      while (stack.length) {
        for (const m of stack.pop()[dir]) if (!seen.has(m.fqn)) { seen.add(m.fqn); stack.push(m); }
      }
    }
    return seen;
  }

  // Pins a highlight (a Set of node keys; null clears it). `key`: re-pinned as its closure
  // after a reload.
  pin(keys, key) { this.pinned = keys && keys.size ? keys : null; this.pinnedKey = key || null; this.requestDraw(); }
  highlighted() { return this.hovered || this.pinned; }

  // Highlights a path (FQNs in order) and brings it into view.
  showPath(fqns) {
    const keys = new Set(fqns.filter((f) => this.byKey.has(f)));
    this.pin(keys);
    const nodes = [...keys].map((k) => this.byKey.get(k));
    if (!nodes.length) return;
    const x0 = Math.min(...nodes.map((n) => n.x)), x1 = Math.max(...nodes.map((n) => n.x + n.w));
    const y0 = Math.min(...nodes.map((n) => n.y)), y1 = Math.max(...nodes.map((n) => n.y + n.h));
    const w = this.canvas.clientWidth, h = this.canvas.clientHeight;
    this.scale = Math.min(1.2, (w - 80) / Math.max(1, x1 - x0), (h - 80) / Math.max(1, y1 - y0));
    this.tx = (w - (x1 - x0) * this.scale) / 2 - x0 * this.scale;
    this.ty = (h - (y1 - y0) * this.scale) / 2 - y0 * this.scale;
    this.requestDraw();
  }

  world(e) {
    const r = this.canvas.getBoundingClientRect();
    return { x: (e.clientX - r.left - this.tx) / this.scale, y: (e.clientY - r.top - this.ty) / this.scale, sx: e.clientX - r.left, sy: e.clientY - r.top };
  }

  // The node at world (x, y), through the grid; with its handle ('up'/'down') when on one.
  hit(x, y) {
    const reach = HANDLE_RADIUS + 3;
    for (const [dx, dy] of [[0, 0], [-reach, 0], [reach, 0]]) {
      const cell = this.grid && this.grid.get(Math.floor((x + dx) / GRID_CELL) + ',' + Math.floor((y + dy) / GRID_CELL));
      for (const n of cell || []) {
        if (this.scale >= LABEL_SCALE && y >= n.y && y <= n.y + n.h) {
          const handles = this.handles(n);
          if (handles.up && Math.abs(x - n.x) <= reach) return { node: n, handle: 'up', action: handles.up };
          if (handles.down && Math.abs(x - n.x - n.w) <= reach) return { node: n, handle: 'down', action: handles.down };
        }
        if (x >= n.x && x <= n.x + n.w && y >= n.y && y <= n.y + n.h) return { node: n };
      }
    }
    return null;
  }

  // The handles a node shows: per side '+' (hidden neighbours), '−' (shown neighbours beyond
  // it away from the root), or none.
  handles(n) {
    if (n.kind === 'group') return {};
    const side = (dir) => {
      if (dir === 'up' ? n.hidden_up > 0 : n.hidden_down > 0) return '+';
      const away = n.side === (dir === 'up' ? 'upstream' : 'downstream');
      const next = dir === 'up' ? n.in : n.out;
      return away && next.some((m) => m.distance > n.distance) ? '−' : null;
    };
    return { up: side('up'), down: side('down') };
  }

  hoverAt(e) {
    const p = this.world(e);
    const h = this.hit(p.x, p.y);
    const key = h && h.node.kind !== 'group' ? h.node.fqn : null;
    this.canvas.style.cursor = h ? 'pointer' : 'grab';
    if (key === this.hoverKey) return;
    this.hoverKey = key;
    this.hovered = key ? this.closure(key) : null;
    this.requestDraw();
  }

  clickAt(e) {
    const p = this.world(e);
    const h = this.hit(p.x, p.y);
    if (!h) return;
    if (h.handle) return h.action === '+' ? this.actions.expand(h.node, h.handle) : this.actions.collapse(h.node, h.handle);
    if (h.node.kind === 'group') return this.actions.group(h.node, p.sx, p.sy);
    return this.actions.open(h.node);
  }

  requestDraw() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.draw();
      const waiters = this.waiters; this.waiters = [];
      for (const w of waiters) w();
    });
  }

  draw() {
    const t0 = performance.now();
    const c = this.canvas, dpr = window.devicePixelRatio || 1;
    const w = c.clientWidth, h = c.clientHeight;
    if (c.width !== w * dpr || c.height !== h * dpr) { c.width = w * dpr; c.height = h * dpr; }
    const ctx = c.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    if (!this.paths) return;
    ctx.setTransform(dpr * this.scale, 0, 0, dpr * this.scale, dpr * this.tx, dpr * this.ty);
    const lit = this.highlighted();
    const line = 1.2 / Math.max(this.scale, 0.3);
    // Zoomed in, only what is in view is drawn (Skia rasterizes a whole path, off-screen parts
    // too); zoomed out, the prebuilt paths of everything.
    const view = { x0: -this.tx / this.scale, y0: -this.ty / this.scale };
    view.x1 = view.x0 + w / this.scale; view.y1 = view.y0 + h / this.scale;
    const inView = (w / this.scale) * (h / this.scale) < 0.5 * this.g.width * this.g.height;
    const paths = inView ? buildPaths(this.g, view) : this.paths;
    ctx.globalAlpha = lit ? 0.15 : 1;
    strokeEdges(ctx, paths, line, this.scale);
    for (const [k, p] of paths.boxes) {
      ctx.fillStyle = '#fff'; ctx.fill(p);
      ctx.strokeStyle = KIND_COLOURS[k] || '#6b7385'; ctx.lineWidth = line; ctx.stroke(p);
      ctx.fillStyle = KIND_COLOURS[k] || '#6b7385'; ctx.fill(paths.bars.get(k));
    }
    ctx.globalAlpha = 1;
    // What stands out: status, the focus, groups; then the highlight on top.
    for (const n of this.flagged) if (!lit || lit.has(n.fqn)) drawBox(ctx, n, this.focus, line);
    if (lit) {
      const path = new Path2D();
      for (const e of this.g.edges) if (lit.has(e.from) && lit.has(e.to)) addEdge(path, e.points);
      ctx.strokeStyle = '#2f6fde'; ctx.lineWidth = 2 * line; ctx.stroke(path);
      for (const key of lit) drawBox(ctx, this.byKey.get(key), this.focus, line);
    }
    if (this.scale >= LABEL_SCALE) {
      const { x0, y0, x1, y1 } = view;
      ctx.font = '12px system-ui, sans-serif'; ctx.textBaseline = 'middle';
      for (const n of this.g.nodes) {
        if (n.x > x1 || n.x + n.w < x0 || n.y > y1 || n.y + n.h < y0) continue;
        ctx.globalAlpha = lit && !lit.has(n.fqn) ? 0.3 : 1;
        drawDetails(ctx, n, this.handles(n));
      }
      ctx.globalAlpha = 1;
    }
    if (this.unmarked) { performance.mark('linea-graph-painted'); this.unmarked = false; }
    this.drawTimes.push(performance.now() - t0);
    if (this.drawTimes.length > 2000) this.drawTimes.splice(0, 1000);
    c.dataset.paints = String(Number(c.dataset.paints || 0) + 1);
  }
}

// ---- Drawing helpers --------------------------------------------------------------------------
function addEdge(path, pts) {
  path.moveTo(pts[0][0], pts[0][1]);
  for (let i = 1; i < pts.length; ++i) {
    const [x0, y0] = pts[i - 1], [x1, y1] = pts[i];
    const mx = (x0 + x1) / 2;
    path.bezierCurveTo(mx, y0, mx, y1, x1, y1);
  }
}

// An edge, flattened and cut to what crosses `view`: Skia strokes (and dashes) a path over its
// whole length, so a long edge through the view would cost thousands of off-screen dashes.
// Returns the length drawn.
function addEdgeInView(path, pts, view) {
  const steps = 24;
  let inside = false, length = 0;
  for (let i = 1; i < pts.length; ++i) {
    const [x0, y0] = pts[i - 1], [x1, y1] = pts[i];
    const mx = (x0 + x1) / 2;
    let px = x0, py = y0;
    for (let s = 1; s <= steps; ++s) {
      const t = s / steps, u = 1 - t;
      // The cubic Bézier addEdge() draws: (x0,y0), (mx,y0), (mx,y1), (x1,y1).
      const x = u * u * u * x0 + 3 * u * u * t * mx + 3 * u * t * t * mx + t * t * t * x1;
      const y = u * u * u * y0 + 3 * u * u * t * y0 + 3 * u * t * t * y1 + t * t * t * y1;
      const cut = clipSegment(px, py, x, y, view);
      if (cut) {
        if (!inside || cut[4]) path.moveTo(cut[0], cut[1]);
        path.lineTo(cut[2], cut[3]);
        length += Math.hypot(cut[2] - cut[0], cut[3] - cut[1]);
      }
      inside = cut !== null && !cut[5];
      px = x; py = y;
    }
  }
  return length;
}

// Length of an edge's route, its bends joined straight (a lower bound of the curve's).
const routeLength = (pts) => pts.slice(1).reduce((sum, p, i) => sum + Math.hypot(p[0] - pts[i][0], p[1] - pts[i][1]), 0);

// The part of segment (ax,ay)–(bx,by) inside `view` (Liang–Barsky): [x0, y0, x1, y1, starts
// inside the segment (cut at its start), ends inside it (cut at its end)], or null.
function clipSegment(ax, ay, bx, by, view) {
  let t0 = 0, t1 = 1;
  const dx = bx - ax, dy = by - ay;
  for (const [p, q] of [[-dx, ax - view.x0], [dx, view.x1 - ax], [-dy, ay - view.y0], [dy, view.y1 - ay]]) {
    if (p === 0) { if (q < 0) return null; continue; }
    const r = q / p;
    if (p < 0) { if (r > t1) return null; if (r > t0) t0 = r; } else { if (r < t0) return null; if (r < t1) t1 = r; }
  }
  return [ax + t0 * dx, ay + t0 * dy, ax + t1 * dx, ay + t1 * dy, t0 > 0, t1 < 1];
}

// Edges by style (direct, indirect, table-level / folded) and node boxes and bars by kind;
// with `view` ({x0, y0, x1, y1}, world units) only what crosses it.
function buildPaths(g, view) {
  const direct = new Path2D(), indirect = new Path2D(), table = new Path2D();
  let dashed = 0;  // world units of indirect and table-level edges
  for (const e of g.edges) {
    if (!e.box) {
      const xs = e.points.map((p) => p[0]), ys = e.points.map((p) => p[1]);
      e.box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    }
    if (view && (e.box[0] > view.x1 || e.box[2] < view.x0 || e.box[1] > view.y1 || e.box[3] < view.y0)) continue;
    const path = e.kind === 'indirect' ? indirect : e.kind ? direct : table;
    let length;
    if (view) length = addEdgeInView(path, e.points, view);
    else { addEdge(path, e.points); length = routeLength(e.points); }
    if (path !== direct) dashed += length;
  }
  const boxes = new Map(), bars = new Map();
  for (const n of g.nodes) {
    if (view && (n.x > view.x1 || n.x + n.w < view.x0 || n.y > view.y1 || n.y + n.h < view.y0)) continue;
    if (!boxes.has(n.kind)) { boxes.set(n.kind, new Path2D()); bars.set(n.kind, new Path2D()); }
    boxes.get(n.kind).rect(n.x, n.y, n.w, n.h);
    bars.get(n.kind).rect(n.x, n.y + 4, 4, n.h - 8);
  }
  return { direct, indirect, table, boxes, bars, dashed };
}

// Dashes are sized in screen pixels. Each dash costs: past DASH_BUDGET screen pixels of dashed
// edges in a frame (or zoomed far out, where they cannot be told apart) indirect and
// table-level edges are drawn solid, only lighter.
const DASH_BUDGET = 12000;
function strokeEdges(ctx, paths, line, scale) {
  const dashes = scale >= 0.3 && paths.dashed * scale <= DASH_BUDGET;
  ctx.lineWidth = line;
  ctx.strokeStyle = '#9aa3b5'; ctx.setLineDash([]); ctx.stroke(paths.direct);
  ctx.strokeStyle = '#c3c8d4'; ctx.setLineDash(dashes ? [9 / scale, 6 / scale] : []); ctx.stroke(paths.indirect);
  ctx.strokeStyle = '#b4bac8'; ctx.setLineDash(dashes ? [2 / scale, 6 / scale] : []); ctx.stroke(paths.table);
  ctx.setLineDash([]);
}

function drawBox(ctx, n, focus, line) {
  const colour = KIND_COLOURS[n.kind] || '#6b7385';
  const status = n.status && (n.status.includes('incident') ? 'incident' : n.status[0]);
  ctx.fillStyle = n.fqn === focus ? '#fff4d6' : status === 'incident' ? '#fdecec' : status ? '#fdf3e6' : '#fff';
  ctx.strokeStyle = status ? STATUS_COLOURS[status] : colour;
  ctx.lineWidth = (n.fqn === focus || status ? 2.5 : 1.2) * Math.max(1, line / 1.2);
  if (n.kind === 'group') ctx.setLineDash([4, 3]);
  ctx.beginPath(); ctx.rect(n.x, n.y, n.w, n.h); ctx.fill(); ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = colour; ctx.fillRect(n.x, n.y + 4, 4, n.h - 8);
}

function drawDetails(ctx, n, handles) {
  ctx.fillStyle = '#1d2433';
  ctx.save(); ctx.beginPath(); ctx.rect(n.x + 8, n.y, n.w - 12, n.h); ctx.clip();
  ctx.fillText(n.label, n.x + 10, n.y + n.h / 2); ctx.restore();
  if (n.team) {
    const text = n.team.replace(/^team:/, '');
    ctx.font = '9px system-ui, sans-serif';
    const tw = ctx.measureText(text).width + 8;
    ctx.fillStyle = '#eef1f6'; ctx.strokeStyle = '#c9cfdb'; ctx.lineWidth = 0.8;
    ctx.beginPath(); ctx.roundRect(n.x + n.w - tw - 6, n.y - 6, tw, 12, 6); ctx.fill(); ctx.stroke();
    ctx.fillStyle = '#4a5366'; ctx.fillText(text, n.x + n.w - tw - 2, n.y);
    ctx.font = '12px system-ui, sans-serif';
  }
  for (const [dir, mark] of Object.entries(handles)) {
    if (!mark) continue;
    const x = dir === 'up' ? n.x : n.x + n.w, y = n.y + n.h / 2;
    ctx.fillStyle = mark === '+' ? '#2f6fde' : '#fff'; ctx.strokeStyle = '#2f6fde'; ctx.lineWidth = 1.2;
    ctx.beginPath(); ctx.arc(x, y, HANDLE_RADIUS, 0, 2 * Math.PI); ctx.fill(); ctx.stroke();
    ctx.fillStyle = mark === '+' ? '#fff' : '#2f6fde';
    ctx.fillRect(x - 3.5, y - 0.75, 7, 1.5);
    if (mark === '+') ctx.fillRect(x - 0.75, y - 3.5, 1.5, 7);
  }
}
