// linea's web UI: plain ES modules, no framework, no third-party origin (the CSP allows none).
// Pages: search (/), asset (/assets/<fqn>), lineage (/lineage/<fqn>), impact (/impact/<fqn>),
// upstream (/upstream/<fqn>), incidents (/incidents, /incidents/<id>).
// Every number comes from the JSON API the CLI uses; the graph is placed by the server
// (GET /api/v1/lineage/<fqn>/layout) and drawn on one canvas.

import { api, apiPost, canWrite, el, kind, link, assetHref, assetLink, go, joinFqn, countOf } from './lib.js';
import { graphBlock, graphState, stateQuery } from './graph.js';

const main = document.getElementById('main');
// Replaces the page's content; null and undefined (a section left out) are skipped.
function show(...nodes) { main.replaceChildren(...nodes.flat().filter((n) => n !== null && n !== undefined)); }
function fail(e) { show(el('p', { class: 'error' }, String(e.message || e))); }

// ---- Search ---------------------------------------------------------------------------------
function debounce(fn, ms) { let t; return (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); }; }

function searchPage(initial) {
  const input = el('input', { type: 'search', id: 'q', placeholder: 'Search — typo-tolerant: chrun, arpu, cell_id…', autocomplete: 'off', 'aria-label': 'Search' });
  const kindSelect = el('select', { id: 'kind', 'aria-label': 'kind' }, el('option', { value: '' }, 'all kinds'),
    ...['model', 'feature', 'table', 'column', 'dashboard', 'topic', 'pipeline', 'deployment'].map((k) => el('option', { value: k }, k)));
  const domain = el('input', { type: 'search', id: 'domain', placeholder: 'domain', 'aria-label': 'domain', size: '10' });
  const owner = el('select', { id: 'owner', 'aria-label': 'owner team' }, el('option', { value: '' }, 'any owner'));
  api('/api/v1/teams').then((r) => owner.append(...r.teams.map((t) => el('option', { value: 'team:' + t.name }, t.name)))).catch(() => {});
  const list = el('ul', { class: 'results', id: 'results', role: 'listbox' });
  const count = el('p', { class: 'muted', id: 'count' });
  show(el('div', { class: 'hero' }, el('h1', {}, 'Which models break, and whom to tell?'),
    el('p', { class: 'muted' }, 'Find a table, column, model or feature; open it for its lineage and impact.'),
    input, el('div', { class: 'filters' }, kindSelect, ' ', domain, ' ', owner)), count, list);
  let active = -1, items = [], inflight = null, typedAt = 0;
  // Each keystroke asks after a short pause (20 ms); a newer keystroke aborts the
  // request in flight, so results never arrive out of order. `lineaSearchTimes` keeps the
  // keystroke → results-painted times (the benchmark reads them).
  window.lineaSearchTimes = window.lineaSearchTimes || [];
  const run = debounce(async () => {
    const q = input.value.trim();
    if (inflight) inflight.abort();
    if (!q) { list.replaceChildren(); count.textContent = ''; return; }
    // One letter matches a large part of any real catalog: nothing worth ranking yet.
    if ([...q].length < 2) { list.replaceChildren(); items = []; count.textContent = 'type one more character'; return; }
    const kindParam = (kindSelect.value ? '&kind=' + kindSelect.value : '') +
      (domain.value.trim() ? '&domain=' + encodeURIComponent(domain.value.trim()) : '') +
      (owner.value ? '&owner=' + encodeURIComponent(owner.value) : '');
    const started = typedAt;
    inflight = new AbortController();
    try {
      const r = await api('/api/v1/search?limit=20&q=' + encodeURIComponent(q) + kindParam, inflight.signal);
      items = r.results;
      active = items.length ? 0 : -1;
      count.textContent = items.length ? `${items.length} of ${r.total}` : 'nothing found';
      list.replaceChildren(...items.map((h, i) => {
        const li = el('li', { role: 'option', 'data-fqn': h.fqn }, kind(h.kind), el('span', { class: 'fqn' }, h.fqn),
          h.owners && h.owners.length ? el('span', { class: 'muted' }, '  ' + h.owners.join(', ')) : null);
        li.addEventListener('click', () => go(assetHref(h.fqn)));
        if (i === active) li.classList.add('active');
        return li;
      }));
      requestAnimationFrame(() => {
        window.lineaSearchTimes.push(performance.now() - started);
        if (window.lineaSearchTimes.length > 1000) window.lineaSearchTimes.splice(0, 500);
      });
    } catch (e) { if (e.name !== 'AbortError') count.textContent = e.message; }
  }, 20);
  input.addEventListener('input', () => { typedAt = performance.now(); });
  input.addEventListener('input', run);
  for (const filter of [kindSelect, owner]) filter.addEventListener('change', run);
  domain.addEventListener('input', run);
  input.addEventListener('keydown', (e) => {
    if (!items.length) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      active = (active + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      [...list.children].forEach((li, i) => li.classList.toggle('active', i === active));
    } else if (e.key === 'Enter' && active >= 0) {
      go('/assets/' + encodeURIComponent(items[active].fqn));
    }
  });
  if (initial) { input.value = initial; run(); }
  input.focus();
}

// ---- Asset ----------------------------------------------------------------------------------
// Everything a person asks about one asset, from four calls made at once: the asset (with its
// children's types and descriptions, the provenances of its lineage, its last run), its
// column-level lineage two hops each way (per-column counts, a model's feature sources, its
// deployments), the incidents, and its owners' contacts.
async function assetPage(fqn) {
  const q = encodeURIComponent(fqn);
  const [a, lineage, incidents] = await Promise.all([
    api('/api/v1/assets/' + q),
    api(`/api/v1/lineage/${q}?columns=true&depth=2&direction=both&max_nodes=20000`).catch(() => ({ nodes: [], edges: [] })),
    api('/api/v1/incidents').catch(() => ({ incidents: [] }))]);
  const owners = a.effective_owners || [];
  // A team: or user: owner's stored contacts (users have them like teams).
  const holderPath = (o) => (o.startsWith('team:') ? '/api/v1/teams/' : o.startsWith('user:') ? '/api/v1/users/' : null);
  const teams = await Promise.all(owners.map((o) => (holderPath(o)
    ? api(holderPath(o) + encodeURIComponent(o.slice(5))).catch(() => null) : Promise.resolve(null))));
  const contact = (c) => c.address || c.url || c.chat_id || c.channel || c.type;
  const ownerItems = owners.map((o, i) => el('li', {}, el('strong', {}, o),
    teams[i] && teams[i].contacts.length ? ' — ' + teams[i].contacts.map(contact).join(', ') : ''));
  const open = incidents.incidents.filter((i) => i.state !== 'resolved' && (i.asset === a.fqn || i.asset.startsWith(a.fqn + '.')));
  const into = new Map(), outOf = new Map();
  for (const e of lineage.edges) {
    if (!into.has(e.to)) into.set(e.to, []);
    into.get(e.to).push(e.from);
    if (!outOf.has(e.from)) outOf.set(e.from, []);
    outOf.get(e.from).push(e.to);
  }
  const isModel = a.kind === 'model';
  const details = a.child_details || [];
  const childTable = details.length ? el('table', { id: 'children' },
    el('tr', {}, el('th', {}, 'name'), el('th', {}, 'type'), el('th', {}, 'description'),
      ...(isModel ? [el('th', {}, 'sources')] : [el('th', {}, 'upstream'), el('th', {}, 'downstream')])),
    ...details.map((d) => {
      const child = joinFqn(a.fqn, d.name);
      const cells = isModel
        ? [el('td', { class: 'mono wrap' }, ...(into.get(child) || []).flatMap((s, i) => [i ? ', ' : '', assetLink(s)]))]
        : [el('td', {}, String((into.get(child) || []).length)), el('td', {}, String((outOf.get(child) || []).length))];
      return el('tr', { 'data-fqn': child }, el('td', { class: 'mono' }, link(assetHref(child), d.name)),
        el('td', { class: 'mono nowrap' }, d.data_type || ''), el('td', {}, d.description || ''), ...cells);
    })) : null;
  const deployments = lineage.nodes.filter((n) => n.kind === 'deployment' && (outOf.get(a.fqn) || []).includes(n.fqn));
  const run = a.last_run;
  const props = Object.entries(a.properties || {});
  const provenances = a.provenances || [];
  show(
    el('div', { class: 'card' },
      el('h1', {}, kind(a.kind), a.fqn),
      a.description ? el('p', {}, a.description) : null,
      el('p', { class: 'muted' }, 'domain: ' + (a.effective_domain || '—')),
      owners.length ? el('ul', { class: 'owners' }, ...ownerItems) : el('p', { class: 'muted' }, 'no owner'),
      open.length ? el('p', { class: 'error', id: 'open-incidents' }, `Open incidents (${open.length}): `,
        ...open.flatMap((i, k) => [k ? ' · ' : '', link('/incidents/' + i.id, `${i.title} (${i.severity}, ${i.state})`)])) : null,
      run ? el('p', { class: run.state === 'FAIL' || run.state === 'ABORT' ? 'error' : 'muted' },
        `Last run: ${run.job} ${run.state} at ${run.event_time}${run.error_message ? ' — ' + run.error_message : ''}`) : null,
      el('p', { class: 'actions' }, link('/impact/' + q, 'Impact: what breaks, whom to tell'),
        link('/upstream/' + q, 'Upstream: what could have broken it'),
        link('/lineage/' + q, 'Full-screen lineage'))),
    graphBlock(a.fqn).element,
    details.length ? el('h2', {}, (isModel ? 'Features' : 'Columns') + ` (${(a.children || []).length})`) : null,
    childTable,
    deployments.length ? el('h2', {}, `Deployments (${deployments.length})`) : null,
    deployments.length ? el('ul', {}, ...deployments.map((d) => el('li', { class: 'mono' }, assetLink(d.fqn)))) : null,
    provenances.length ? el('h2', {}, `Written by (${provenances.length})`) : null,
    provenances.length ? el('p', { class: 'mono muted', id: 'provenances' }, provenances.slice(0, 50).join(' · ') + (provenances.length > 50 ? ` … +${provenances.length - 50} more` : '')) : null,
    props.length ? el('h2', {}, 'Properties') : null,
    props.length ? el('table', {}, ...props.map(([k, v]) => el('tr', {}, el('th', {}, k), el('td', { class: 'mono' }, String(v))))) : null);
}

// The full-screen graph; its state (depths, expanded nodes…) lives in the URL, to share a view.
async function lineagePage(fqn) {
  const state = graphState(new URLSearchParams(location.search));
  const graph = graphBlock(fqn, { tall: true, state, onState: (s) => history.replaceState(null, '', `/lineage/${encodeURIComponent(fqn)}?${stateQuery(s)}`) });
  show(el('h1', {}, assetLink(fqn)), graph.element);
}

// ---- Impact ---------------------------------------------------------------------------------
async function impactPage(fqn) {
  const r = await api('/api/v1/impact/' + encodeURIComponent(fqn));
  const rows = [];
  const section = (title, list) => list.length ? [el('h2', {}, `${title} (${list.length})`),
    el('table', {}, el('tr', {}, el('th', {}, 'dist'), el('th', {}, 'asset'), el('th', {}, 'features hit'), el('th', {}, 'owners'), el('th', {}, 'path')),
      ...list.map((a) => { rows.push([title, a.fqn, a.distance, (a.owners || []).join(' '), (a.path || []).join(' > ')]);
        const tr = el('tr', { class: 'path-row', 'data-fqn': a.fqn, title: 'show the path in the graph' });
        tr.addEventListener('click', (e) => {
          if (e.target.closest('a')) return;
          for (const other of main.querySelectorAll('tr.selected')) other.classList.remove('selected');
          tr.classList.add('selected');
          graph.view.showPath(a.path || [a.fqn]);
        });
        // Short names (table.column, model.feature) keep the rows readable; the title and the
        // CSV carry the full FQNs.
        const short = (fqn) => fqn.split('.').slice(-2).join('.');
        tr.append(el('td', {}, String(a.distance)), el('td', { class: 'mono' }, assetLink(a.fqn)),
          el('td', { class: 'mono wrap', title: (a.features || []).join('\n') }, (a.features || []).map((f) => f.slice(f.lastIndexOf('.') + 1)).join(', ')),
          el('td', {}, (a.owners || []).join(', ')),
          el('td', { class: 'mono muted wrap', title: (a.path || []).join('\n→ ') }, (a.path || []).map(short).join(' → ')));
        return tr; }))] : [];
  const csv = el('button', { class: 'secondary' }, 'Export CSV');
  csv.addEventListener('click', () => {
    const text = ['section,asset,distance,owners,path', ...rows.map((r) => r.map((v) => `"${String(v).replaceAll('"', '""')}"`).join(','))].join('\n');
    const a = el('a', { href: URL.createObjectURL(new Blob([text], { type: 'text/csv' })), download: 'impact.csv' });
    a.click();
  });
  let openForm = null;
  if (await canWrite()) {
    const title = el('input', { type: 'search', id: 'incident-title', placeholder: 'what is wrong, e.g. "nulls since 02:00"', 'aria-label': 'incident title' });
    openForm = el('form', { id: 'open-incident' }, title, ' ', el('button', { type: 'submit' }, 'Open incident and notify these teams'));
    openForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const opened = await apiPost('/api/v1/incidents', { asset: fqn, title: title.value || 'broken', severity: 'high' });
        go('/incidents/' + opened.id);
      } catch (err) { fail(err); }
    });
  }
  // The impact's own graph, column-level and unfolded, deep enough for every row's path.
  const depth = Math.min(50, Math.max(1, ...[...r.models, ...r.deployments, ...r.dashboards].map((a) => a.distance)));
  const graph = graphBlock(fqn, { state: { ...graphState(), up: 0, down: depth, columns: true, fold: 0 } });
  show(
    el('div', { class: 'card' }, el('h1', {}, 'Impact of ', assetLink(fqn)),
      el('p', { class: 'muted' }, [countOf(r.models.length, 'model'), countOf(r.dashboards.length, 'dashboard'), countOf(r.deployments.length, 'deployment'), countOf(r.teams.length, 'team')].join(', ')), csv, ' ', openForm),
    el('h2', {}, `Teams to notify (${r.teams.length})`),
    el('table', {}, el('tr', {}, el('th', {}, 'team'), el('th', {}, 'what of theirs breaks'), el('th', {}, 'contacts')),
      ...r.teams.map((t) => el('tr', {}, el('td', {}, t.team + (t.owns_root ? ' (owner)' : '')),
        el('td', { class: 'mono' }, [...(t.models || []), ...(t.dashboards || []), ...(t.deployments || [])].join(', ') ||
          (t.owns_root ? 'the broken asset itself' : '')),
        el('td', { class: 'mono' }, (t.contacts || []).map((c) => c.address || c.url || c.chat_id || c.type).join(', ') || '—')))),
    el('div', { class: 'split' },
      el('div', {}, ...section('Models', r.models), ...section('Deployments', r.deployments), ...section('Dashboards', r.dashboards)),
      el('div', { class: 'sticky' }, el('h2', {}, 'Paths — click a row to highlight its path'), graph.element)));
}

// ---- Upstream: where a degraded model (or any asset) reads from, suspects first -----------
async function upstreamPage(fqn) {
  const r = await api('/api/v1/upstream/' + encodeURIComponent(fqn));
  const tableOf = (s) => (s.kind === 'column' ? s.fqn.slice(0, s.fqn.lastIndexOf('.')) : s.fqn);
  const suspects = r.sources.filter((s) => (s.evidence || []).length);
  const tables = new Map();
  for (const s of r.sources) {
    const t = tableOf(s);
    const row = tables.get(t) || { table: t, columns: 0, distance: s.distance, owners: new Set(), via: new Set() };
    row.columns += s.kind === 'column' ? 1 : 0;
    row.distance = Math.min(row.distance, s.distance);
    (s.owners || []).forEach((o) => row.owners.add(o));
    if (s.path && s.path.length > 1) row.via.add(s.path[1].slice(s.path[1].lastIndexOf('.') + 1));
    tables.set(t, row);
  }
  const rows = [...tables.values()].sort((a, b) => a.distance - b.distance || a.table.localeCompare(b.table));
  show(
    el('div', { class: 'card' }, el('h1', {}, 'Upstream of ', assetLink(fqn)),
      el('p', { class: 'muted', id: 'upstream-summary' }, `${r.sources.length} sources in ${rows.length} tables; ${suspects.length} with evidence (open incident, failed run, failing check)`)),
    el('h2', {}, `Suspects (${suspects.length})`),
    suspects.length ? el('table', {}, el('tr', {}, el('th', {}, 'source'), el('th', {}, 'evidence'), el('th', {}, 'dist'), el('th', {}, 'owners')),
      ...suspects.map((s) => el('tr', {}, el('td', { class: 'mono' }, assetLink(s.fqn)),
        el('td', {}, s.evidence.map((e) => `${e.type}: ${e.detail}`).join('; ')), el('td', {}, String(s.distance)), el('td', {}, (s.owners || []).join(', ')))))
      : el('p', { class: 'muted' }, 'No source has an open incident, a failed run or a failing check.'),
    el('h2', {}, `Sources by table (${rows.length})`),
    el('table', { id: 'upstream-tables' }, el('tr', {}, el('th', {}, 'dist'), el('th', {}, 'table'), el('th', {}, 'columns used'), el('th', {}, 'via'), el('th', {}, 'owners')),
      ...rows.map((t) => el('tr', {}, el('td', {}, String(t.distance)), el('td', { class: 'mono' }, assetLink(t.table)),
        el('td', {}, String(t.columns)), el('td', { class: 'mono' }, [...t.via].slice(0, 6).join(', ') + (t.via.size > 6 ? ` +${t.via.size - 6} more` : '')),
        el('td', {}, [...t.owners].join(', '))))));
}

// ---- Incidents ------------------------------------------------------------------------------
const when = (ms) => (ms ? new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '');

async function incidentsPage() {
  const state = new URLSearchParams(location.search).get('state') || '';
  const r = await api('/api/v1/incidents' + (state ? '?state=' + state : ''));
  const select = el('select', { id: 'state', 'aria-label': 'state' }, ...['', 'open', 'acknowledged', 'resolved'].map((s) => {
    const o = el('option', { value: s }, s || 'every state');
    if (s === state) o.setAttribute('selected', '');
    return o;
  }));
  select.addEventListener('change', () => go('/incidents' + (select.value ? '?state=' + select.value : '')));
  show(el('h1', {}, `Incidents (${r.incidents.length}) `, select),
    el('table', { id: 'incidents' }, el('tr', {}, el('th', {}, 'opened'), el('th', {}, 'state'), el('th', {}, 'severity'), el('th', {}, 'title'), el('th', {}, 'asset')),
      ...r.incidents.map((i) => el('tr', {}, el('td', {}, when(i.opened_at)), el('td', {}, i.state), el('td', {}, i.severity),
        el('td', {}, link('/incidents/' + i.id, i.title)), el('td', { class: 'mono' }, assetLink(i.asset))))));
}

async function incidentPage(id) {
  const i = await api('/api/v1/incidents/' + encodeURIComponent(id));
  const actions = el('div', { id: 'incident-actions' });
  if (i.state !== 'resolved' && await canWrite()) {
    const note = el('input', { type: 'search', id: 'incident-note', placeholder: 'note or reason', 'aria-label': 'note' });
    const ack = el('button', { id: 'ack' }, 'Acknowledge');
    const resolve = el('button', { id: 'resolve', class: 'secondary' }, 'Resolve');
    ack.addEventListener('click', async () => { await apiPost(`/api/v1/incidents/${id}/ack`, { note: note.value }); route(); });
    resolve.addEventListener('click', async () => { await apiPost(`/api/v1/incidents/${id}/resolve`, { reason: note.value || 'resolved' }); route(); });
    actions.append(note, ' ', ...(i.state === 'open' ? [ack, ' '] : []), resolve);
  }
  const impact = i.impact || { models: [], deployments: [], dashboards: [], teams: [] };
  show(
    el('div', { class: 'card' }, el('h1', {}, i.title),
      el('p', {}, el('strong', { id: 'incident-state' }, i.state), ` · ${i.severity} · opened ${when(i.opened_at)} on `, assetLink(i.asset)),
      el('p', { class: 'muted' }, 'frozen impact: ' + [countOf(impact.models.length, 'model'), countOf(impact.deployments.length, 'deployment'), countOf(impact.dashboards.length, 'dashboard'), countOf(impact.teams.length, 'team')].join(', ')),
      actions),
    el('h2', {}, 'Timeline'),
    el('table', {}, ...i.timeline.map((t) => el('tr', {}, el('td', {}, when(t.at)), el('td', {}, t.type), el('td', {}, t.actor), el('td', {}, t.note || '')))),
    el('h2', {}, `Deliveries (${i.deliveries.length})`),
    el('table', { id: 'deliveries' }, el('tr', {}, el('th', {}, 'team'), el('th', {}, 'channel'), el('th', {}, 'event'), el('th', {}, 'state'), el('th', {}, 'attempts'), el('th', {}, 'last error')),
      ...i.deliveries.map((d) => el('tr', {}, el('td', {}, d.team), el('td', {}, d.channel), el('td', {}, d.event), el('td', {}, d.state), el('td', {}, String(d.attempts)), el('td', { class: 'muted' }, d.last_error || (d.outcome_hidden ? 'shown to writers' : ''))))));
}

// ---- Routing --------------------------------------------------------------------------------
async function route() {
  const path = location.pathname;
  const arg = (prefix) => decodeURIComponent(path.slice(prefix.length));
  try {
    if (path.startsWith('/assets/')) return await assetPage(arg('/assets/'));
    if (path.startsWith('/lineage/')) return await lineagePage(arg('/lineage/'));
    if (path.startsWith('/impact/')) return await impactPage(arg('/impact/'));
    if (path.startsWith('/upstream/')) return await upstreamPage(arg('/upstream/'));
    if (path.startsWith('/incidents/')) return await incidentPage(arg('/incidents/'));
    if (path === '/incidents') return await incidentsPage();
    return searchPage(new URLSearchParams(location.search).get('q') || '');
  } catch (e) { if (!String(e.message).includes('token')) fail(e); }
}

document.getElementById('top-search').addEventListener('submit', (e) => {
  e.preventDefault();
  go('/?q=' + encodeURIComponent(document.getElementById('top-q').value));
});
document.addEventListener('click', (e) => {
  const a = e.target.closest('a');
  if (a && a.origin === location.origin && !a.hasAttribute('download')) { e.preventDefault(); go(a.pathname + a.search); }
});
window.addEventListener('popstate', route);
route();
