// The web UI in a real browser: Playwright (playwright-core) driving Debian's Chromium against a
// running `linea serve` on the demo mesh. The article's flows — find the models that use a
// feature, see what breaks and whom to tell, look at the lineage — are checked against the
// JSON API for the same assets, and every page is screenshotted into SCREENSHOT_DIR.
//
// Usage: node ui_test.mjs BASE_URL SCREENSHOT_DIR
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const [base, shots] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
const api = async (path) => (await fetch(base + path)).json();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
let passed = 0;
async function check(name, fn) {
  await fn();
  ++passed;
  console.log('ok', name);
}

await check('search as you type, typo-tolerant, keyboard only', async () => {
  await page.goto(base + '/');
  await page.keyboard.type('chrun_scoring');  // the search box has the focus
  await page.waitForSelector('#results li');
  const first = await page.locator('#results li').first().getAttribute('data-fqn');
  const expected = (await api('/api/v1/search?limit=20&q=chrun_scoring')).results[0].fqn;
  assert.equal(first, expected);
  await page.screenshot({ path: `${shots}/search.png` });
  await page.keyboard.press('Enter');
  await page.waitForURL('**/assets/' + encodeURIComponent(expected));
});

await check('a feature name finds the models that use it', async () => {
  await page.goto(base + '/');
  await page.locator('#kind').selectOption('feature');
  await page.locator('#q').fill('sector_id_min_90d');
  await page.waitForSelector('#results li');
  const fqns = await page.locator('#results li').evaluateAll((lis) => lis.map((li) => li.dataset.fqn));
  assert.ok(fqns.includes('mlflow_b2c.churn_scoring.sector_id_min_90d'), fqns.join(' '));
  // Narrowed to one owner team: only its assets, as the API answers.
  await page.locator('#owner').selectOption('team:scoring_ds');
  await page.waitForFunction(() => {
    const lis = [...document.querySelectorAll('#results li')];
    return lis.length > 0 && lis.every((li) => li.textContent.includes('team:scoring_ds'));
  });
  const owned = (await api('/api/v1/search?limit=20&kind=feature&owner=team:scoring_ds&q=sector_id_min_90d')).results.map((r) => r.fqn);
  assert.deepEqual(await page.locator('#results li').evaluateAll((lis) => lis.map((li) => li.dataset.fqn)), owned);
});

await check('asset page: the model, its features and its lineage on the canvas', async () => {
  const fqn = 'mlflow_b2c.churn_scoring';
  await page.goto(base + '/assets/' + fqn);
  await page.waitForSelector('text=/\\d+ nodes, \\d+ edges/');
  const asset = await api('/api/v1/assets/' + fqn);
  const layout = await api(`/api/v1/lineage/${fqn}/layout?up=1&down=1&columns=false`);
  const status = await page.locator('#graph-status').textContent();
  assert.match(status, new RegExp(`^${layout.nodes.length} nodes, ${layout.edges.length} edges`));
  assert.ok(await page.getByText(`Features (${asset.children.length})`).isVisible());
  // Each feature with its type and its sources, as the column-level lineage says.
  assert.equal(await page.locator('#children tr').count(), asset.child_details.length + 1);
  const lineage = await api(`/api/v1/lineage/${fqn}?columns=true&depth=2&direction=both&max_nodes=20000`);
  const feature = asset.child_details[0];
  const sources = lineage.edges.filter((e) => e.to === `${fqn}.${feature.name}`).map((e) => e.from).sort();
  const row = page.locator(`#children tr[data-fqn="${fqn}.${feature.name}"]`);
  assert.equal(await row.locator('td').nth(1).textContent(), feature.data_type || '');
  assert.deepEqual((await row.locator('td').nth(3).locator('a').allTextContents()).sort(), sources);
  assert.ok(sources.length > 0, 'a feature without sources');
  // Owners with their contacts; who writes its lineage.
  const team = await api('/api/v1/teams/' + asset.effective_owners[0].slice(5));
  assert.ok(await page.locator('ul.owners').getByText(team.contacts[0].address || team.contacts[0].url).first().isVisible());
  assert.ok((await page.locator('#provenances').textContent()).includes(asset.provenances[0]));
  const painted = await page.locator('canvas#graph').evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i + 1] < 200) ++ink;
    return ink;
  });
  assert.ok(painted > 500, `the canvas is blank (${painted} dark pixels)`);
  await page.screenshot({ path: `${shots}/asset.png`, fullPage: true });
});

// Where the page drew a node: its centre (or a point relative to its box) in page coordinates.
async function nodePoint(fqn, fx = 0.5, fy = 0.5) {
  const box = await page.locator('canvas#graph').boundingBox();
  const p = await page.evaluate(([key, fx, fy]) => {
    const v = window.lineaGraph, n = v.node(key);
    return { x: v.tx + (n.x + n.w * fx) * v.scale, y: v.ty + (n.y + n.h * fy) * v.scale };
  }, [fqn, fx, fy]);
  return { x: box.x + p.x, y: box.y + p.y };
}
const paints = () => page.locator('canvas#graph').evaluate((c) => Number(c.dataset.paints || 0));
async function waitRepaint(before) {
  await page.waitForFunction((n) => Number(document.querySelector('canvas#graph').dataset.paints || 0) > n, before);
}
const graphNodes = () => page.evaluate(() => Object.fromEntries(window.lineaGraph.g.nodes.map((n) => [n.fqn, { x: n.x, y: n.y, hidden_down: n.hidden_down, side: n.side, status: n.status }])));

await check('a click on a node opens its page', async () => {
  const fqn = 'hive.agg_geo.trip_segments_daily';
  await page.goto(base + '/lineage/' + fqn);
  await page.waitForSelector('text=/\\d+ nodes/');
  const layout = await api(`/api/v1/lineage/${fqn}/layout?up=1&down=1`);
  const target = layout.nodes.find((n) => n.fqn !== fqn);
  await page.screenshot({ path: `${shots}/lineage.png` });
  const at = await nodePoint(target.fqn);
  await page.mouse.click(at.x, at.y);
  await page.waitForURL('**/assets/' + encodeURIComponent(target.fqn));
});

await check('lineage: expand a node in place, then collapse it again', async () => {
  const fqn = 'hive.mart_geo.cell_events_mart';
  await page.goto(base + '/lineage/' + fqn);
  await page.waitForSelector('text=/\\d+ nodes/');
  const before = await graphNodes();
  const [opened, info] = Object.entries(before).find(([, n]) => n.side === 'downstream' && n.hidden_down > 0);
  const handle = await nodePoint(opened, 1, 0.5);  // the "+" on its right side
  let painted = await paints();
  await page.mouse.click(handle.x, handle.y);
  await page.waitForFunction((n) => window.lineaGraph.g.nodes.length === n, Object.keys(before).length + info.hidden_down);
  await waitRepaint(painted);
  const after = await graphNodes();
  for (const [key, n] of Object.entries(before)) assert.equal(after[key].y, n.y, `${key} moved`);
  const moved = await nodePoint(opened, 1, 0.5);
  assert.ok(Math.abs(moved.x - handle.x) < 1 && Math.abs(moved.y - handle.y) < 1, 'the expanded node stayed under the pointer');
  assert.deepEqual(new URL(page.url()).searchParams.getAll('expand'), ['down:' + opened]);
  await page.screenshot({ path: `${shots}/lineage-expanded.png` });
  painted = await paints();
  await page.mouse.click(moved.x, moved.y);  // now a "−"
  await page.waitForFunction((n) => window.lineaGraph.g.nodes.length === n, Object.keys(before).length);
});

await check('lineage: a column picked in the bar lights its path and dims the rest', async () => {
  const fqn = 'hive.mart_geo.cell_events_mart';
  await page.goto(base + `/lineage/${fqn}?columns=true&up=2&down=2`);
  await page.waitForSelector('#pick-column:not([hidden])');
  // One of the table's columns that has both a source and a reader in the view.
  const g = await page.evaluate(() => window.lineaGraph.g);
  const column = g.nodes.map((n) => n.fqn).find((k) => k.startsWith(fqn + '.') &&
    g.edges.some((e) => e.to === k) && g.edges.some((e) => e.from === k));
  assert.ok(column, 'no column with a source and a reader');
  await page.locator('#pick-column').selectOption(column);
  const lit = await page.evaluate(() => [...window.lineaGraph.pinned].sort());
  // The same closure, computed here from the answer the page drew.
  const expected = new Set([column]);
  for (const [a, b] of [['from', 'to'], ['to', 'from']]) {
    const stack = [column];
    while (stack.length) {
      const k = stack.pop();
      for (const e of g.edges) if (e[a] === k && !expected.has(e[b])) { expected.add(e[b]); stack.push(e[b]); }
    }
  }
  assert.deepEqual(lit, [...expected].sort());
  assert.ok(lit.length > 1 && lit.length < g.nodes.length, `${lit.length} of ${g.nodes.length} lit`);
  await page.screenshot({ path: `${shots}/lineage-column.png` });
});

await check('lineage: siblings past the fold become "+N more", searchable, and can all be shown', async () => {
  const fqn = 'hive.mart_geo.cell_events_mart';
  await page.goto(base + `/lineage/${fqn}?up=0&down=1&fold=1`);
  await page.waitForSelector('text=/\\d+ nodes/');
  const group = await page.evaluate(() => window.lineaGraph.g.nodes.find((n) => n.kind === 'group'));
  assert.ok(group, 'no group node');
  const at = await nodePoint(group.fqn);
  await page.mouse.click(at.x, at.y);
  await page.waitForSelector('#group-popover:not([hidden])');
  assert.equal(await page.locator('#group-popover li').count(), group.group.members.length);
  const one = group.group.members[0].fqn;
  await page.locator('#group-popover input').fill(one.slice(one.lastIndexOf('.') + 1));
  assert.ok(await page.locator(`#group-popover a[href="/assets/${encodeURIComponent(one)}"]`).isVisible());
  await page.screenshot({ path: `${shots}/lineage-group.png` });
  const total = await page.evaluate(() => window.lineaGraph.g.nodes.length);
  await page.getByText(`Show all ${group.group.members.length}`).click();
  await page.waitForFunction((n) => window.lineaGraph.g.nodes.length === n, total - 1 + group.group.members.length);
});

await check('impact page: teams to notify and the models, as the API says', async () => {
  const fqn = 'hive.raw_geo.trip_segments.cell_id';
  await page.goto(base + '/impact/' + fqn);
  await page.waitForSelector('text=Teams to notify');
  const impact = await api('/api/v1/impact/' + fqn);
  assert.ok(await page.getByText(`Teams to notify (${impact.teams.length})`).isVisible());
  assert.ok(await page.getByText(`Models (${impact.models.length})`).isVisible());
  for (const m of impact.models) assert.ok(await page.locator(`a[href="/assets/${encodeURIComponent(m.fqn)}"]`).count() > 0, m.fqn);
  // A click on a row lights that model's path in the graph.
  await page.waitForSelector('text=/\\d+ nodes/');
  const model = impact.models[impact.models.length - 1];
  await page.locator(`tr.path-row[data-fqn="${model.fqn}"] td`).first().click();
  const lit = await page.evaluate(() => [...window.lineaGraph.pinned].sort());
  assert.deepEqual(lit, [...new Set(model.path)].sort());
  await page.screenshot({ path: `${shots}/impact.png`, fullPage: true });
});

await check('upstream page: a degraded model traced to its source tables, as the API says', async () => {
  const fqn = 'mlflow_b2c.churn_scoring';
  await page.goto(base + '/assets/' + fqn);
  await page.getByText('Upstream: what could have broken it').click();
  await page.waitForURL('**/upstream/' + fqn);
  await page.waitForSelector('#upstream-tables');
  const up = await api('/api/v1/upstream/' + fqn);
  const tables = new Set(up.sources.map((s) => (s.kind === 'column' ? s.fqn.slice(0, s.fqn.lastIndexOf('.')) : s.fqn)));
  assert.equal(await page.locator('#upstream-tables tr').count(), tables.size + 1);
  assert.match(await page.locator('#upstream-summary').textContent(), new RegExp(`^${up.sources.length} sources in ${tables.size} tables`));
  // An incident on one source makes it the first suspect.
  const source = up.sources[up.sources.length - 1].fqn;
  const opened = await fetch(base + '/api/v1/incidents', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ asset: source, title: 'nulls since 02:00', severity: 'high' }),
  });
  assert.equal(opened.status, 201);
  await page.reload();
  await page.waitForSelector('#upstream-tables');
  assert.ok(await page.getByText('Suspects (1)').isVisible());
  assert.ok(await page.locator(`table >> text=${source}`).first().isVisible());
  await page.screenshot({ path: `${shots}/upstream.png`, fullPage: true });
  // The graph colours the source's table: red border where the incident is.
  const last = up.sources[up.sources.length - 1];
  const table = last.kind === 'column' ? source.slice(0, source.lastIndexOf('.')) : source;
  await page.goto(base + `/lineage/${fqn}?up=10&down=0`);
  await page.waitForSelector('text=/\\d+ nodes/');
  const nodes = await graphNodes();
  assert.deepEqual(nodes[table].status, ['incident'], JSON.stringify(nodes[table]));
  const border = await page.evaluate((key) => {
    const v = window.lineaGraph, n = v.node(key), dpr = window.devicePixelRatio || 1;
    const x = Math.round((v.tx + (n.x + n.w / 2) * v.scale) * dpr), y = Math.round((v.ty + n.y * v.scale) * dpr);
    let red = 0;
    const d = v.canvas.getContext('2d').getImageData(x - 2, y - 3, 5, 7).data;
    for (let i = 0; i < d.length; i += 4) if (d[i] > 180 && d[i + 1] < 120 && d[i + 2] < 120) ++red;
    return red;
  }, table);
  assert.ok(border > 0, 'no red border on ' + table);
  await page.screenshot({ path: `${shots}/lineage-incident.png` });
});

await check('a writer opens an incident from the impact page and acknowledges it', async () => {
  const fqn = 'hive.raw_geo.trip_segments.cell_id';
  await page.goto(base + '/impact/' + fqn);
  await page.locator('#incident-title').fill('cell ids null since 02:00');
  await page.getByText('Open incident and notify these teams').click();
  await page.waitForURL('**/incidents/inc-*');
  await page.waitForSelector('#deliveries');
  const id = page.url().split('/').pop();
  const incident = await api('/api/v1/incidents/' + id);
  assert.equal(incident.asset, fqn);
  assert.equal(incident.title, 'cell ids null since 02:00');
  assert.ok(incident.deliveries.length > 0);
  assert.equal(await page.locator('#deliveries tr').count(), incident.deliveries.length + 1);
  await page.screenshot({ path: `${shots}/incident.png`, fullPage: true });
  await page.locator('#ack').click();
  await page.waitForSelector('#incident-state:text("acknowledged")');
  assert.equal((await api('/api/v1/incidents/' + id)).state, 'acknowledged');
  await page.goto(base + '/incidents?state=acknowledged');
  await page.waitForSelector('#incidents');
  assert.equal(await page.locator(`#incidents a[href="/incidents/${id}"]`).count(), 1);
});

await check('a reader signs in with a token, sees no write actions, and a forged write gets 403', async () => {
  const secured = process.env.SECURED_URL;
  const post = (path, token, body) => fetch(secured + path, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
    body: JSON.stringify(body) });
  const opened = await post('/api/v1/incidents', process.env.WRITER_TOKEN,
                            { asset: 'hive.raw_geo.trip_segments.cell_id', title: 'reader test' });
  assert.equal(opened.status, 201);
  const id = (await opened.json()).id;
  const reader = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await reader.goto(secured + '/incidents/' + id);
  await reader.locator('#token').fill(process.env.READER_TOKEN);
  await reader.getByText('Use token').click();
  await reader.waitForSelector('#incident-state');
  assert.equal(await reader.locator('#ack, #resolve').count(), 0);
  await reader.goto(secured + '/impact/hive.raw_geo.trip_segments.cell_id');
  await reader.waitForSelector('text=Teams to notify');
  assert.equal(await reader.locator('#open-incident').count(), 0);
  assert.equal((await post(`/api/v1/incidents/${id}/ack`, process.env.READER_TOKEN, {})).status, 403);
  await reader.close();
});

await browser.close();
assert.deepEqual(errors, [], 'errors in the page');
console.log(`${passed} checks passed; screenshots in ${shots}`);
