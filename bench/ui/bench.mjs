// The web UI's speed in headless Chromium (issue #16's targets), against a running `linea serve`:
//   first paint  — navigation to the first full paint of a 5,000-node lineage (column level,
//                  unfolded), from the page's `linea-graph-painted` performance mark;
//   pan / zoom   — frame times (requestAnimationFrame to requestAnimationFrame) while the view
//                  pans and zooms every frame, zoomed out (no labels) and zoomed in (labels);
//   expand       — a node's "+" in a ~2,000-node view → the new layout painted;
//   search       — keystroke → results painted, typing real queries one key at a time.
// Prints one JSON object. Usage: node bench.mjs BASE_URL BIG_ROOT MID_ROOT
import { chromium } from '../../tests/ui/node_modules/playwright-core/index.mjs';

const [base, bigRoot, midRoot] = process.argv.slice(2);
const ROUNDS = Number(process.env.LINEA_UI_ROUNDS || 5);
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : null; };
const stats = (xs) => ({ n: xs.length, p50: round(pct(xs, 0.5)), p95: round(pct(xs, 0.95)), max: round(Math.max(...xs)) });
const round = (x) => (x === null ? null : Math.round(x * 10) / 10);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
page.on('pageerror', (e) => { console.error('page error:', String(e)); process.exitCode = 1; });

async function openGraph(path) {
  await page.goto(base + path);
  await page.waitForFunction(() => performance.getEntriesByName('linea-graph-painted').length > 0, null, { timeout: 60000 });
  return page.evaluate(() => ({
    painted: performance.getEntriesByName('linea-graph-painted')[0].startTime,
    nodes: window.lineaGraph.g.nodes.length, edges: window.lineaGraph.g.edges.length,
  }));
}

// Frame times while the view moves every frame: `mode` 'pan' or 'zoom'; `zoom` the scale first.
async function frames(mode, zoom) {
  return page.evaluate(async ([mode, zoom]) => {
    const v = window.lineaGraph, w = v.canvas.clientWidth, h = v.canvas.clientHeight;
    if (zoom) { v.scale = zoom; v.tx = w / 2 - v.g.width * zoom / 2; v.ty = h / 2 - v.g.height * zoom / 2; }
    const times = [], draws = v.drawTimes.length;
    let last = null;
    await new Promise((done) => {
      let i = 0;
      const step = (t) => {
        if (last !== null) times.push(t - last);
        last = t;
        if (mode === 'pan') { v.tx += (i % 120 < 60 ? 6 : -6); v.ty += (i % 60 < 30 ? 3 : -3); } else v.zoomAt(w / 2, h / 2, i % 80 < 40 ? 1.025 : 1 / 1.025);
        v.draw();
        if (++i < 180) requestAnimationFrame(step); else done();
      };
      requestAnimationFrame(step);
    });
    return { frames: times, draws: v.drawTimes.slice(draws) };
  }, [mode, zoom]);
}

const out = { chromium: browser.version(), viewport: '1400x900' };

// 1. First paint of the 5,000-node view.
const bigPath = `/lineage/${encodeURIComponent(bigRoot)}?columns=true&up=10&down=10&fold=0&max_nodes=5000`;
const firstPaints = [];
let big;
for (let i = 0; i < ROUNDS; ++i) {
  big = await openGraph(bigPath);
  firstPaints.push(big.painted);
}
out.first_paint = { root: bigRoot, path: bigPath, nodes: big.nodes, edges: big.edges, ms: stats(firstPaints) };

// 2. Pan and zoom on it.
const out2 = {};
for (const [name, mode, zoom] of [['pan_fit', 'pan', 0], ['zoom_fit', 'zoom', 0], ['pan_labels', 'pan', 0.8], ['zoom_labels', 'zoom', 0.8]]) {
  const r = await frames(mode, zoom);
  out2[name] = { frame_ms: stats(r.frames), draw_ms: stats(r.draws) };
}
out.pan_zoom = out2;

// 3. Expand a node in a ~2,000-node view: from the action to the new layout painted.
const midPath = `/lineage/${encodeURIComponent(midRoot)}?columns=true&up=0&down=10&fold=0&max_nodes=5000`;
const expands = [];
let mid;
for (let i = 0; i < ROUNDS; ++i) {
  mid = await openGraph(midPath);
  const ms = await page.evaluate(async (i) => {
    const v = window.lineaGraph;
    const candidates = v.g.nodes.filter((n) => n.kind !== 'group' && (n.hidden_up > 0 || n.hidden_down > 0));
    const n = candidates[(i * 7919) % candidates.length];
    const t0 = performance.now();
    await v.actions.expand(n, n.hidden_down > 0 ? 'down' : 'up');
    await v.painted();
    return { ms: performance.now() - t0, fqn: n.fqn, after: v.g.nodes.length };
  }, i);
  expands.push(ms);
}
out.expand = { root: midRoot, path: midPath, nodes: mid.nodes, opened: expands.map((e) => `${e.fqn} → ${e.after} nodes`), ms: stats(expands.map((e) => e.ms)) };

// 4. Search as you type.
await page.goto(base + '/');
await page.waitForSelector('#q');
const queries = ['churn', 'chrun_scor', 'arpu', 'cell_id', 'roaming', 'tariff', 'payments', 'b2b_churn', 'sector_id', 'home_location'];
for (const q of queries) {
  await page.locator('#q').fill('');
  await page.locator('#q').pressSequentially(q, { delay: 150 });
  await page.waitForTimeout(300);
}
const searchTimes = await page.evaluate(() => window.lineaSearchTimes);
out.search = { queries, keystrokes: queries.join('').length, ms: stats(searchTimes) };

await browser.close();
console.log(JSON.stringify(out, null, 2));
