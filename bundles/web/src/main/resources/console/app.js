// The Stowage console: a small page over /stowage/api. Everything it shows comes from the API, written into the
// page with textContent only (never as HTML), so that a file name in a snapshot cannot inject markup.
'use strict';

const state = { csrf: null, user: null, role: null, events: null, charts: [] };
const ROLES = ['viewer', 'operator', 'admin'];
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function can(role) { return ROLES.indexOf(state.role) >= ROLES.indexOf(role); }

function say(text, error) {
  const m = $('message');
  m.textContent = text || '';
  m.className = error ? 'error' : '';
}

async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.csrf) headers['X-Stowage-CSRF'] = state.csrf;
  const response = await fetch('/stowage/api' + path, { method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await response.json().catch(() => ({}));
  if (response.status === 401 && path !== '/login') { showLogin(); }
  if (!response.ok) throw new Error(data.error || ('HTTP ' + response.status));
  return data;
}

function bytes(n) {
  if (n === null || n === undefined || n < 0) return '?';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return i === 0 ? n + ' B' : n.toFixed(1) + ' ' + units[i];
}
const when = (t) => t ? new Date(t).toLocaleString() : '';
const stateCell = (s) => el('td', { class: 'state-' + s }, s);
const table = (heads, rows) => el('div', { class: 'scroll' },
  el('table', {}, el('thead', {}, el('tr', {}, heads.map(h => el('th', { scope: 'col' }, h)))), el('tbody', {}, rows)));

function act(label, fn, cls) {
  return el('button', { type: 'button', class: cls, onclick: async (e) => {
    e.target.disabled = true;
    try { await fn(); } catch (err) { say(err.message, true); } finally { e.target.disabled = false; }
  } }, label);
}

// ---- session ----
function showLogin() {
  $('login').hidden = false; $('nav').hidden = true; $('who').hidden = true; $('view').replaceChildren();
  if (state.events) { state.events.close(); state.events = null; }
  $('login').querySelector('input').focus();
}

async function started(session) {
  Object.assign(state, { csrf: session.csrfToken, user: session.user, role: session.role });
  $('login').hidden = true; $('nav').hidden = false; $('who').hidden = false;
  $('who-name').textContent = session.user + ' (' + session.role + ')';
  state.events = new EventSource('/stowage/api/events');
  state.events.addEventListener('task', (e) => onTask(JSON.parse(e.data)));
  state.events.addEventListener('device', () => { if (location.hash === '#devices') route(); });
  // the stream ends with the session: ask whether it is over before EventSource retries without end
  state.events.onerror = () => api('GET', '/session').then(s => { if (!s.user) showLogin(); }).catch(() => {});
  route();
}

$('login').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  try {
    const session = await api('POST', '/login', { user: form.get('user'), password: form.get('password') });
    e.target.reset(); say('');
    started(session);
  } catch (err) { say(err.message, true); }
});
$('logout').addEventListener('click', async () => { await api('POST', '/logout').catch(() => {}); showLogin(); });

// ---- live tasks ----
function onTask(task) {
  const row = document.querySelector('[data-task="' + CSS.escape(task.id) + '"]');
  if (row) row.replaceWith(taskRow(task));
  else if (location.hash === '#dashboard' || location.hash === '') {
    const body = document.querySelector('#tasks tbody');
    if (body) body.prepend(taskRow(task));
  }
  if (task.finished) say(task.title + ': ' + task.state + (task.error ? ' — ' + task.error : ''), !!task.error);
}

function taskRow(t) {
  const p = t.progress;
  const done = p && p.bytesTotal > 0 ? el('progress', { max: p.bytesTotal, value: p.bytesDone,
    'aria-label': 'progress of ' + t.title }) : (p ? p.phase + ' ' + bytes(p.bytesDone) : '');
  return el('tr', { 'data-task': t.id }, el('td', {}, t.title), stateCell(t.state), el('td', {}, done),
    el('td', {}, t.user), el('td', {}, when(t.created)), el('td', {}, t.error || '',
      t.state === 'QUEUED' && can('operator') ? act('Cancel', () => api('DELETE', '/tasks/' + encodeURIComponent(t.id))) : ''));
}

// ---- pages ----
const pages = { dashboard, jobs, snapshots, devices, maintenance };

async function route() {
  const name = (location.hash || '#dashboard').slice(1).split('/')[0];
  const page = pages[name] || dashboard;
  for (const a of document.querySelectorAll('nav a')) {
    if (a.getAttribute('href') === '#' + name) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  state.charts.forEach(c => c.destroy()); state.charts = [];
  const view = $('view');
  view.replaceChildren(el('p', {}, 'Loading…'));
  try { view.replaceChildren(...await page()); } catch (err) { view.replaceChildren(); say(err.message, true); }
}
window.addEventListener('hashchange', route);

function chart(title, labels, xs, series, format) {
  const box = el('div', { class: 'card' }, el('h3', {}, title));
  if (!xs.length) { box.append(el('p', {}, 'No data yet.')); return box; }
  requestAnimationFrame(() => {
    const width = Math.max(240, box.clientWidth - 32);
    const opts = { width, height: 200, series: [{}, ...labels.map((label, i) => ({ label,
      stroke: ['#1f5fbf', '#b3261e', '#1e7a3a', '#a15c00', '#6b3fa0'][i % 5], value: (u, v) => format(v) }))],
      axes: [{}, { values: (u, vals) => vals.map(format), size: 80 }],
      // one sample or equal values would give uPlot an empty range: widen it to a few minutes and start at 0
      scales: { x: { time: true, range: xs[0] === xs[xs.length - 1] ? [xs[0] - 300, xs[0] + 60] : [xs[0], xs[xs.length - 1]] },
        y: { range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1] } } };
    state.charts.push(new uPlot(opts, [xs, ...series], box));
  });
  return box;
}

async function dashboard() {
  const [repo, tasks, devs, hist] = await Promise.all([api('GET', '/repository'), api('GET', '/tasks?limit=20'),
    api('GET', '/devices'), api('GET', '/repository/history')]);
  const histories = await Promise.all(devs.map(d => api('GET', '/devices/' + encodeURIComponent(d.id) + '/history')));
  // the devices are sampled together: one time column serves all of them
  const xs = histories.length ? histories[0].time : [];
  const traffic = histories.map(h => xs.map((x, i) => i < h.traffic.length ? h.traffic[i] : null));
  // cumulative over the snapshots: what the repository grew by, and restore size over new data (dedup ratio)
  let processed = 0, added = 0, stored = 0;
  const sx = hist.time, ss = [], ratio = [];
  hist.time.forEach((t, i) => {
    processed += hist.processed[i]; added += hist.added[i]; stored += hist.stored[i];
    ss.push(stored); ratio.push(added > 0 ? processed / added : null);
  });
  const summary = el('div', { class: 'card' }, el('h3', {}, 'Repository'),
    el('p', {}, 'State: ', el('strong', { class: 'state-' + repo.state }, repo.state), repo.reason ? ' — ' + repo.reason : ''),
    el('p', {}, 'Snapshots: ' + (repo.snapshots ?? '?') + (repo.latest ? ', latest ' + when(repo.latest) : '')),
    el('p', {}, 'Devices: ' + repo.devices),
    ratio.length && ratio[ratio.length - 1] ? el('p', {}, 'Deduplication: ' + ratio[ratio.length - 1].toFixed(2) + ' × (restore size over new data)') : '', ...repo.warnings.map(w => el('p', { class: 'state-FAILED' }, w)));
  const out = [el('h2', {}, 'Dashboard'),
    el('div', { class: 'cards' }, summary,
      chart('Device traffic (last hour)', devs.map(d => d.id), xs, traffic, v => v == null ? '' : bytes(v) + '/s'),
      chart('Repository size (stored bytes)', ['stored'], sx, [ss], v => v == null ? '' : bytes(v)),
      chart('Deduplication ratio', ['ratio'], sx, [ratio], v => v == null ? '' : v.toFixed(2) + '×')),
    el('h3', {}, 'Tasks'),
    el('div', { id: 'tasks' }, table(['Task', 'State', 'Progress', 'By', 'Started', 'Error'], tasks.map(taskRow)))];
  if (can('operator')) out.splice(2, 0, backupForm());
  return out;
}

function backupForm() {
  const form = el('form', { class: 'inline', id: 'backup-form' },
    el('label', {}, 'Back up now (paths, comma-separated)', el('input', { name: 'paths', required: true, placeholder: '/srv/data' })),
    el('label', {}, 'Tags', el('input', { name: 'tags', placeholder: 'manual' })),
    el('button', { type: 'submit', class: 'primary' }, 'Start backup'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const task = await api('POST', '/backups', { paths: form.paths.value, tags: form.tags.value });
      say(task.title + ' started');
      onTask(task);
    } catch (err) { say(err.message, true); }
  });
  return form;
}

async function jobs() {
  const list = await api('GET', '/jobs');
  const name = location.hash.split('/')[1];
  if (name) return jobHistory(decodeURIComponent(name));
  const rows = list.map(j => el('tr', {}, el('td', {}, el('a', { href: '#jobs/' + encodeURIComponent(j.name) }, j.name)), el('td', {}, j.schedule || ''),
    el('td', {}, (j.paths || []).join(', ')), el('td', {}, j.retention || ''), el('td', {}, when(j.lastRun)),
    el('td', {}, j.lastResult || ''), el('td', {},
      can('operator') ? act('Run now', async () => { await api('POST', '/jobs/' + encodeURIComponent(j.name) + '/run'); say('Job ' + j.name + ' started'); }) : '',
      can('admin') ? act('Edit', () => { fillJob(j); }) : '',
      can('admin') ? act('Delete', async () => {
        if (!confirm('Delete job ' + j.name + '? Its snapshots stay.')) return;
        await api('DELETE', '/jobs/' + encodeURIComponent(j.name)); route();
      }, 'danger') : '')));
  const out = [el('h2', {}, 'Jobs'), table(['Name', 'Schedule', 'Paths', 'Retention', 'Last run', 'Last result', ''], rows)];
  if (can('admin')) out.push(jobForm());
  return out;
}

async function jobHistory(name) {
  const job = await api('GET', '/jobs/' + encodeURIComponent(name));
  const secs = (d) => d ? (parseFloat(String(d).replace(/^PT|S$/g, '')) || 0).toFixed(1) + ' s' : '';
  const rows = job.history.map(s => el('tr', {}, el('td', {}, el('a', { href: '#snapshots/' + s.id }, s.id.slice(0, 8))),
    el('td', {}, when(s.time)), el('td', { class: 'num' }, s.stats ? s.stats.filesNew + s.stats.filesChanged + s.stats.filesUnmodified : ''),
    el('td', { class: 'num' }, s.stats ? bytes(s.stats.bytesProcessed) : ''), el('td', { class: 'num' }, s.stats ? bytes(s.stats.bytesAdded) : ''),
    el('td', { class: 'num' }, s.stats ? bytes(s.stats.bytesStored) : ''), el('td', { class: 'num' }, s.stats ? secs(s.stats.duration) : ''),
    el('td', {}, s.incompleteReason || (s.stats && s.stats.errors ? s.stats.errors + ' skipped' : 'complete'))));
  return [el('h2', {}, 'Job ' + name), el('p', {}, el('a', { href: '#jobs' }, 'All jobs'), ' · last result: ' + (job.lastResult || 'none') + ' · runs: ' + (job.runs ?? 0)),
    table(['Snapshot', 'Time', 'Files', 'Processed', 'New data', 'Stored', 'Took', 'Result'], rows)];
}

function jobForm() {
  const form = el('form', { class: 'inline', id: 'job-form' }, el('h3', { style: 'width:100%' }, 'Create or edit a job'),
    el('label', {}, 'Name', el('input', { name: 'name', required: true, pattern: '[A-Za-z0-9_-]{1,64}' })),
    el('label', {}, 'Paths (comma-separated)', el('input', { name: 'paths', required: true })),
    el('label', {}, 'Schedule (Quartz cron)', el('input', { name: 'schedule', value: '0 0 2 * * ?', required: true })),
    el('label', {}, 'Retention', el('input', { name: 'retention', placeholder: 'last=7,daily=14' })),
    el('label', {}, 'Enabled', el('input', { name: 'enabled', type: 'checkbox', checked: true })),
    el('button', { type: 'submit', class: 'primary' }, 'Save'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = e.target;
    try {
      await api('PUT', '/jobs/' + encodeURIComponent(f.name.value), { paths: f.paths.value, schedule: f.schedule.value,
        retention: f.retention.value || null, enabled: f.enabled.checked });
      say('Job ' + f.name.value + ' saved'); route();
    } catch (err) { say(err.message, true); }
  });
  return form;
}

function fillJob(j) {
  const f = $('job-form'); const c = j.config || {};
  f.name.value = j.name; f.paths.value = c.paths || (j.paths || []).join(', ');
  f.schedule.value = c.schedule || j.schedule || ''; f.retention.value = c.retention || '';
  f.enabled.checked = c.enabled !== false; f.name.focus();
}

async function snapshots() {
  const [id, ...rest] = location.hash.split('/').slice(1);
  if (id) return browse(decodeURIComponent(id), '/' + rest.map(decodeURIComponent).join('/'));
  const list = await api('GET', '/snapshots?limit=200');
  const rows = list.items.map(s => el('tr', {}, el('td', {}, el('a', { href: '#snapshots/' + s.id }, s.id.slice(0, 8))),
    el('td', {}, when(s.time)), el('td', {}, s.host), el('td', {}, s.paths.join(', ')), el('td', {}, s.tags.join(', ')),
    el('td', { class: 'num' }, s.stats ? bytes(s.stats.bytesProcessed) : '')));
  const search = el('form', { class: 'inline' }, el('label', {}, 'Find in all snapshots', el('input', { name: 'pattern', placeholder: '*.conf', required: true })),
    el('button', { type: 'submit' }, 'Search'), el('div', { id: 'found', style: 'width:100%' }));
  search.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const found = await api('GET', '/find?pattern=' + encodeURIComponent(e.target.pattern.value));
      $('found').replaceChildren(table(['Snapshot', 'Time', 'Path', 'Size'], found.items.map(f => el('tr', {},
        el('td', {}, el('a', { href: '#snapshots/' + f.snapshot }, f.snapshot.slice(0, 8))), el('td', {}, when(f.time)),
        el('td', {}, f.node.path), el('td', { class: 'num' }, f.node.type === 'FILE' ? bytes(f.node.size) : f.node.type)))));
    } catch (err) { say(err.message, true); }
  });
  return [el('h2', {}, 'Snapshots (' + list.total + ')'), search, table(['Id', 'Time', 'Host', 'Paths', 'Tags', 'Size'], rows)];
}

async function browse(id, path) {
  const page = await api('GET', '/snapshots/' + encodeURIComponent(id) + '/tree?path=' + encodeURIComponent(path) + '&limit=500');
  const parts = path.split('/').filter(Boolean);
  const crumbs = el('p', { class: 'crumbs' }, el('a', { href: '#snapshots' }, 'Snapshots'), ' / ',
    el('a', { href: '#snapshots/' + id }, id.slice(0, 8)),
    parts.map((p, i) => [' / ', el('a', { href: '#snapshots/' + id + '/' + parts.slice(0, i + 1).map(encodeURIComponent).join('/') }, p)]));
  const download = (p) => '/stowage/api/snapshots/' + encodeURIComponent(id) + '/download?path=' + encodeURIComponent(p);
  const rows = page.items.map(n => el('tr', {},
    el('td', {}, n.type === 'DIR' ? el('a', { href: '#snapshots/' + id + n.path.split('/').map(encodeURIComponent).join('/') }, n.path.slice(n.path.lastIndexOf('/') + 1) + '/')
      : n.path.slice(n.path.lastIndexOf('/') + 1)),
    el('td', {}, n.type), el('td', { class: 'num' }, n.type === 'FILE' ? bytes(n.size) : ''), el('td', {}, when(n.mtime)),
    el('td', {}, can('operator') && (n.type === 'FILE' || n.type === 'DIR') ? el('a', { href: download(n.path), download: '' }, n.type === 'DIR' ? 'Download .tar' : 'Download') : '')));
  const compare = el('form', { class: 'inline' }, el('label', {}, 'Compare with snapshot', el('input', { name: 'to', value: 'latest', required: true })),
    el('button', { type: 'submit' }, 'Show changes'), el('div', { id: 'diff', style: 'width:100%' }));
  compare.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const d = await api('GET', '/snapshots/' + encodeURIComponent(id) + '/diff?to=' + encodeURIComponent(compare.to.value));
      $('diff').replaceChildren(el('p', {}, d.changes.length + ' changes'), table(['Change', 'Path', 'Before', 'After'],
        d.changes.slice(0, 1000).map(c => el('tr', {}, el('td', {}, c.kind), el('td', {}, c.path),
          el('td', { class: 'num' }, bytes(c.before)), el('td', { class: 'num' }, bytes(c.after))))));
    } catch (err) { say(err.message, true); }
  });
  const out = [el('h2', {}, 'Snapshot ' + id.slice(0, 8)), crumbs,
    el('p', {}, page.total + ' entries' + (page.total > page.items.length ? ', first ' + page.items.length + ' shown' : '')),
    table(['Name', 'Type', 'Size', 'Modified', ''], rows), compare];
  if (can('operator')) {
    const roots = await api('GET', '/restore-roots');
    const form = el('form', { class: 'inline', id: 'restore-form' }, el('h3', { style: 'width:100%' }, 'Restore ' + (path === '/' ? 'everything' : path)),
      el('label', {}, 'Target folder (below ' + (roots.join(', ') || 'no allowed root') + ')',
        el('input', { name: 'target', required: true, value: roots[0] ? roots[0] + '/' + id.slice(0, 8) : '' })),
      el('label', {}, 'Verify', el('input', { name: 'verify', type: 'checkbox' })),
      el('button', { type: 'submit', class: 'primary' }, 'Restore'));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const task = await api('POST', '/snapshots/' + encodeURIComponent(id) + '/restore', { target: e.target.target.value,
          include: path === '/' ? [] : [path], verify: e.target.verify.checked });
        say(task.title + ' started');
      } catch (err) { say(err.message, true); }
    });
    out.push(form);
  }
  return out;
}

async function devices() {
  const list = await api('GET', '/devices');
  const rows = list.map(d => el('tr', {}, el('td', {}, d.id), el('td', {}, d.family + ' / ' + d.kind), stateCell(d.state),
    el('td', {}, d.reason), el('td', { class: 'num' }, bytes(d.trafficBytesPerSecond) + '/s'),
    el('td', { class: 'num' }, bytes(d.usedBytes)), el('td', { class: 'num' }, bytes(d.freeBytes)),
    el('td', { class: 'num' }, d.repositoryBytes == null ? '' : bytes(d.repositoryBytes)),
    el('td', {}, can('operator') && d.busyControl ? (d.state === 'BUSY'
      ? act('Mark idle', async () => { await api('POST', '/devices/' + encodeURIComponent(d.id) + '/idle'); route(); })
      : act('Mark busy', async () => { await api('POST', '/devices/' + encodeURIComponent(d.id) + '/busy', {}); route(); })) : '',
    can('operator') ? act('Probe', async () => {
      const r = await api('POST', '/devices/' + encodeURIComponent(d.id) + '/probe', { size: '4m' });
      say(d.id + ': ' + bytes(r.bytesPerSecond) + '/s');
    }) : '')));
  return [el('h2', {}, 'Devices'), table(['Device', 'Kind', 'State', 'Reason', 'Traffic', 'Used', 'Free', 'Repository', ''], rows)];
}

async function maintenance() {
  const last = (await api('GET', '/check')).last;
  const out = [el('h2', {}, 'Check & retention'), el('div', { class: 'card' }, el('h3', {}, 'Last check'),
    last ? el('p', {}, when(last.finished) + ': ' + last.state + (last.result ? ', ' + last.result.errors.length + ' problems, '
      + last.result.packs + ' packs, ' + bytes(last.result.bytesRead) + ' read' : '') + (last.error ? ' — ' + last.error : ''))
      : el('p', {}, 'No check since Karaf started.'),
    last && last.result ? el('ul', {}, last.result.errors.map(e => el('li', {}, e))) : '')];
  if (can('operator')) {
    const check = el('form', { class: 'inline' }, el('label', {}, 'Read all data', el('input', { name: 'readData', type: 'checkbox' })),
      el('button', { type: 'submit', class: 'primary' }, 'Start check'));
    check.addEventListener('submit', async (e) => {
      e.preventDefault();
      try { const t = await api('POST', '/check', { readData: e.target.readData.checked }); say(t.title + ' started'); } catch (err) { say(err.message, true); }
    });
    const result = el('div', {});
    const forget = el('form', { class: 'inline' }, el('label', {}, 'Retention policy', el('input', { name: 'policy', value: 'last=7,daily=14', required: true })),
      el('label', {}, 'Only tag', el('input', { name: 'tag' })),
      el('button', { type: 'submit', value: 'preview' }, 'Preview'),
      can('admin') ? el('button', { type: 'submit', value: 'apply', class: 'danger' }, 'Forget and prune') : '');
    forget.addEventListener('submit', async (e) => {
      e.preventDefault();
      const apply = e.submitter && e.submitter.value === 'apply';
      if (apply && !confirm('Forget the snapshots this policy does not keep, and prune their data?')) return;
      try {
        const r = await api('POST', '/forget', { policy: forget.policy.value, tags: forget.tag.value ? [forget.tag.value] : [],
          dryRun: !apply, prune: apply });
        result.replaceChildren(el('p', {}, (r.dryRun ? 'Would remove ' : 'Removed ') + r.removed.length + ' snapshots, keep ' + r.kept.length),
          table(['Snapshot', 'Time', 'Paths'], r.removed.map(s => el('tr', {}, el('td', {}, s.id.slice(0, 8)), el('td', {}, when(s.time)), el('td', {}, s.paths.join(', '))))));
      } catch (err) { say(err.message, true); }
    });
    out.push(el('div', { class: 'card' }, el('h3', {}, 'Check'), check),
      el('div', { class: 'card' }, el('h3', {}, 'Forget'), forget, result,
        act('Prune preview', async () => { const t = await api('POST', '/prune', { dryRun: true }); say(t.title + ' started'); })));
  }
  return out;
}

// ---- start ----
api('GET', '/session').then(s => s.user ? started(s) : showLogin()).catch(() => showLogin());
