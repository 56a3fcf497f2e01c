// Shared by the pages and the graph: the JSON API (with the reader token, if any), DOM helpers
// and navigation. Navigation goes through history + a popstate event, which app.js routes.

const main = () => document.getElementById('main');

function authHeaders(extra) {
  const headers = { ...extra };
  const token = sessionStorage.getItem('linea-token');
  if (token) headers.Authorization = 'Bearer ' + token;
  return headers;
}

// GET `path` → parsed JSON; a JSON error body becomes an Error with the API's message. A 401
// shows the sign-in form. `signal` aborts a superseded request.
export async function api(path, signal) {
  const res = await fetch(path, { headers: authHeaders(), signal });
  if (res.status === 401) { showLogin(); throw new Error('a reader token is needed'); }
  const body = await res.json();
  if (!res.ok) throw new Error(body.error ? body.error.message : res.statusText);
  return body;
}

export async function apiPost(path, body) {
  const res = await fetch(path, { method: 'POST', headers: authHeaders({ 'Content-Type': 'application/json' }), body: JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) throw new Error(json.error ? json.error.message : res.statusText);
  return json;
}

// Whether the caller may write: write actions are shown only then (the API enforces it anyway).
export async function canWrite() {
  try { return (await api('/api/v1/whoami')).writer === true; } catch { return false; }
}

export function showLogin() {
  main().replaceChildren(el('div', { class: 'card' },
    el('h1', {}, 'Sign in'),
    el('p', { class: 'muted' }, 'This server needs a token for reads (linea token create NAME --role reader).'),
    el('form', { id: 'login' }, el('input', { type: 'password', id: 'token', placeholder: 'token', 'aria-label': 'token' }), ' ',
      el('button', { type: 'submit' }, 'Use token'))));
  document.getElementById('login').addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem('linea-token', document.getElementById('token').value);
    go(location.pathname + location.search);
  });
}

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
  return node;
}

export const kind = (k) => el('span', { class: 'kind kind-' + k }, k);
export const link = (href, text) => el('a', { href }, text);
export const assetHref = (fqn) => '/assets/' + encodeURIComponent(fqn);
export const assetLink = (fqn) => link(assetHref(fqn), fqn);

// A child's FQN: `name` appended as a segment, quoted when it holds '.', '"' or whitespace
// (docs/catalog.md), as the server's JoinFqn.
// "1 model", "3 models": a count with its noun (regular plurals, as the CLI's CountOf).
export function countOf(n, noun) {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function joinFqn(parent, name) {
  const quoted = name === '' || /[."\s]/.test(name) ? '"' + name.replaceAll('"', '""') + '"' : name;
  return parent + '.' + quoted;
}

export function go(path) {
  history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
