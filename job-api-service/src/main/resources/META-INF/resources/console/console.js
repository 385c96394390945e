// s3batch console: a small single-page app over /console/api (no framework, no build step). Every value from the
// server or the user is put into the page as text (textContent), never as HTML.
'use strict';

const STATUSES = ['New', 'Preparing', 'Suspended', 'Ready', 'Active', 'Pausing', 'Paused', 'Completing', 'Complete', 'Cancelling',
  'Cancelled', 'Failing', 'Failed'];
const POLL_MS = 3000;

const state = { session: null, timer: null, list: { status: '', from: '', to: '', tokens: [null], page: 0 }, wizard: null, options: null };

// ---------- DOM and HTTP helpers ----------

/** An element: h('button', {type: 'button', onclick: f}, 'text', child…); strings become text nodes. */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = !!v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const $ = (id) => document.getElementById(id);

class ApiError extends Error {
  constructor(status, code, message) { super(message); this.status = status; this.code = code; }
}

async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.session) headers['X-CSRF-Token'] = state.session.csrfToken;
  const response = await fetch('/console/api/' + path, { method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let doc = null;
  try { doc = text ? JSON.parse(text) : null; } catch (e) { doc = null; }
  if (response.status === 401 && path !== 'session') {
    state.session = null;
    showChrome();
    location.hash = '#/signin';
  }
  if (!response.ok) {
    throw new ApiError(response.status, doc && doc.code || 'Error', doc && doc.message || ('The request failed (HTTP ' + response.status + ').'));
  }
  return doc;
}

function uuid() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  const x = [...b].map((v) => v.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

function notice(text) {
  const n = $('notice');
  n.textContent = text || '';
  n.hidden = !text;
}

function errorBox(err) {
  return h('div', { class: 'error', role: 'alert' }, err instanceof Error ? err.message : String(err));
}

function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString(undefined, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

function field(id, label, control, hint) {
  control.id = id;
  return h('div', {}, h('label', { for: id }, label, hint ? h('span', { class: 'hint' }, ' — ' + hint) : null), control);
}

function page(title, ...content) {
  const main = $('main');
  main.replaceChildren(h('h1', { id: 'title', tabindex: '-1' }, title), ...content);
  $('title').focus();
}

/**
 * Runs {@code render} (which replaces part of the page) and gives the focus back to the control that had it — the same
 * id, or the same action of the same job — so a refresh never takes a keyboard user's place away.
 */
function keepingFocus(render) {
  const a = document.activeElement;
  const id = a && a.id;
  const row = a && a.closest && a.closest('[data-job]');
  const action = a && a.getAttribute && a.getAttribute('data-action');
  render();
  let again = null;
  if (row && action) again = document.querySelector(`[data-job="${row.getAttribute('data-job')}"] [data-action="${action}"]`);
  else if (action) again = document.querySelector(`#job [data-action="${action}"]`);
  else if (id) again = document.getElementById(id);
  if (again && again !== document.activeElement) again.focus();
}

function stopPolling() {
  if (state.timer) { clearInterval(state.timer); state.timer = null; }
}

function poll(fn) {
  stopPolling();
  state.timer = setInterval(() => { if (!document.hidden) fn(); }, POLL_MS);
}

function showChrome() {
  const signedIn = !!state.session;
  $('nav').hidden = !signedIn;
  $('sign-out').hidden = !signedIn;
  $('who').hidden = !signedIn;
  $('who').textContent = signedIn ? `${state.session.account} (${state.session.accessKeyId})` : '';
  const route = location.hash;
  $('nav-jobs').toggleAttribute('aria-current', route.startsWith('#/jobs'));
  if (route.startsWith('#/jobs')) $('nav-jobs').setAttribute('aria-current', 'page');
  $('nav-create').toggleAttribute('aria-current', route.startsWith('#/create'));
  if (route.startsWith('#/create')) $('nav-create').setAttribute('aria-current', 'page');
}

// ---------- routing ----------

async function route() {
  stopPolling();
  notice('');
  const hash = location.hash || '#/jobs';
  if (!state.session && hash !== '#/signin') {
    try {
      state.session = await api('GET', 'session');
    } catch (e) {
      location.hash = '#/signin';
      return;
    }
  }
  showChrome();
  if (hash === '#/signin') return signInPage();
  if (hash === '#/create') return wizardPage();
  const job = hash.match(/^#\/jobs\/([0-9a-f-]{36})$/);
  if (job) return jobPage(job[1]);
  return jobsPage();
}

// ---------- sign-in ----------

function signInPage() {
  state.session = null;
  showChrome();
  const message = h('div', { id: 'signin-error' });
  const keyId = h('input', { name: 'accessKeyId', autocomplete: 'username', required: true, spellcheck: 'false' });
  // not offered to the browser's password store: the secret stays with its owner
  const secret = h('input', { name: 'secretAccessKey', type: 'password', autocomplete: 'off', required: true });
  const form = h('form', { class: 'panel signin', novalidate: true, onsubmit: async (ev) => {
    ev.preventDefault();
    message.replaceChildren();
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      state.session = await api('POST', 'session', { accessKeyId: keyId.value, secretAccessKey: secret.value });
      secret.value = '';
      location.hash = '#/jobs';
    } catch (e) {
      secret.value = '';
      message.replaceChildren(errorBox(e));
    } finally {
      button.disabled = false;
    }
  } },
  h('p', {}, 'Sign in with one of your account\'s access keys.'),
  field('access-key-id', 'Access key ID', keyId),
  field('secret-access-key', 'Secret access key', secret),
  message,
  h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'sign-in' }, 'Sign in')));
  page('Sign in to s3batch', form);
  keyId.focus();
}

async function signOut() {
  try { await api('DELETE', 'session'); } catch (e) { /* the session is gone either way */ }
  state.session = null;
  location.hash = '#/signin';
}

// ---------- job list ----------

function progressCell(job) {
  const done = job.succeeded + job.failed;
  const total = job.totalTasks;
  const bar = total === null ? h('progress', { 'aria-label': 'Progress of job ' + job.id })
    : h('progress', { max: Math.max(total, 1), value: done, 'aria-label': 'Progress of job ' + job.id });
  const text = total === null ? 'counting…' : `${done.toLocaleString()} / ${total.toLocaleString()}` + (job.failed ? ` (${job.failed.toLocaleString()} failed)` : '');
  return h('td', {}, bar, h('span', { class: 'progress-text' }, text));
}

function actionButtons(job, after) {
  const out = [];
  if (job.actions.confirm) out.push(h('button', { type: 'button', class: 'secondary', 'data-action': 'confirm',
    onclick: () => changeStatus(job, 'Ready', after) }, 'Confirm'));
  if (job.actions.cancel) out.push(h('button', { type: 'button', class: 'danger', 'data-action': 'cancel',
    onclick: () => ask(`Cancel job ${job.id}? Tasks not yet run will not run.`, 'Cancel job', () => changeStatus(job, 'Cancelled', after)) }, 'Cancel'));
  if (job.actions.priority) out.push(h('button', { type: 'button', class: 'secondary', 'data-action': 'priority',
    onclick: () => priorityDialog(job, after) }, 'Priority'));
  return out;
}

async function changeStatus(job, status, after) {
  try {
    await api('POST', `jobs/${job.id}/status`, { status });
    notice(status === 'Ready' ? `Job ${job.id} confirmed.` : `Job ${job.id} is being cancelled.`);
  } catch (e) {
    notice('');
    alertBox(e);
  }
  after();
}

function alertBox(e) {
  const main = $('main');
  const old = main.querySelector('.error.global');
  if (old) old.remove();
  const box = errorBox(e);
  box.classList.add('global');
  main.insertBefore(box, main.children[1] || null);
}

/** A modal question with Yes / No; {@code yes} runs on Yes. */
function ask(question, yesLabel, yes) {
  const dialog = h('dialog', { 'aria-labelledby': 'ask-text' },
    h('p', { id: 'ask-text' }, question),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'danger', id: 'ask-yes', onclick: () => { dialog.close(); dialog.remove(); yes(); } }, yesLabel),
      h('button', { type: 'button', class: 'secondary', id: 'ask-no', onclick: () => { dialog.close(); dialog.remove(); } }, 'Keep it')));
  document.body.append(dialog);
  dialog.showModal();
}

function priorityDialog(job, after) {
  const input = h('input', { type: 'number', min: 0, max: 2147483647, value: job.priority, required: true });
  const message = h('div');
  const dialog = h('dialog', { 'aria-labelledby': 'priority-title' },
    h('h2', { id: 'priority-title' }, 'Change priority'),
    h('form', { method: 'dialog', onsubmit: async (ev) => {
      ev.preventDefault();
      try {
        await api('POST', `jobs/${job.id}/priority`, { priority: input.value });
        dialog.close(); dialog.remove();
        notice(`Priority of job ${job.id} is now ${input.value}.`);
        after();
      } catch (e) {
        message.replaceChildren(errorBox(e));
      }
    } },
    field('new-priority', 'Priority (0–2147483647; higher runs first)', input), message,
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'priority-save' }, 'Save'),
      h('button', { type: 'button', class: 'secondary', onclick: () => { dialog.close(); dialog.remove(); } }, 'Close'))));
  document.body.append(dialog);
  dialog.showModal();
}

function localInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

function jobsPage() {
  const q = state.list;
  const status = h('select', {}, h('option', { value: '' }, 'All statuses'), STATUSES.map((s) => h('option', { value: s }, s)));
  status.value = q.status;
  const from = h('input', { type: 'datetime-local', value: localInput(q.from) });
  const to = h('input', { type: 'datetime-local', value: localInput(q.to) });
  const filters = h('form', { class: 'panel', 'aria-label': 'Filter jobs', onsubmit: (ev) => {
    ev.preventDefault();
    q.status = status.value;
    q.from = from.value ? new Date(from.value).toISOString() : '';
    q.to = to.value ? new Date(to.value).toISOString() : '';
    q.tokens = [null]; q.page = 0;
    load();
  } }, h('div', { class: 'row' },
    field('filter-status', 'Status', status),
    field('filter-from', 'Created from', from),
    field('filter-to', 'Created before', to),
    h('div', {}, h('button', { type: 'submit', id: 'filter-apply' }, 'Apply'))));
  const body = h('tbody', { id: 'jobs-body' });
  const table = h('div', { class: 'tablewrap' }, h('table', { id: 'jobs' },
    h('caption', { id: 'jobs-caption' }, 'Jobs, newest first'),
    h('thead', {}, h('tr', {}, ['Job ID', 'Status', 'Priority', 'Operation', 'Description', 'Created', 'Progress', 'Actions']
      .map((c) => h('th', { scope: 'col' }, c)))), body));
  const newer = h('button', { type: 'button', class: 'secondary', id: 'page-newer', onclick: () => { q.page--; load(); } }, 'Newer');
  const older = h('button', { type: 'button', class: 'secondary', id: 'page-older', onclick: () => { q.page++; load(); } }, 'Older');
  const message = h('div');
  page('Batch Operation', filters,
    h('div', { class: 'actions' }, h('a', { href: '#/create', class: 'button', id: 'create-job' }, 'Create Job')),
    message, table, h('div', { class: 'actions' }, newer, older));

  async function load() {
    const params = new URLSearchParams();
    if (q.status) params.set('status', q.status);
    if (q.from) params.set('createdFrom', q.from);
    if (q.to) params.set('createdBefore', q.to);
    if (q.tokens[q.page]) params.set('nextToken', q.tokens[q.page]);
    params.set('max', '20');
    try {
      const doc = await api('GET', 'jobs?' + params);
      message.replaceChildren();
      q.tokens[q.page + 1] = doc.nextToken;
      keepingFocus(() => body.replaceChildren(...doc.jobs.map((job) => h('tr', { 'data-job': job.id },
        h('td', { class: 'id' }, h('a', { href: '#/jobs/' + job.id }, job.id)),
        h('td', { class: 'status status-' + job.status }, job.status),
        h('td', {}, String(job.priority)),
        h('td', {}, job.operation),
        h('td', {}, job.description || ''),
        h('td', {}, when(job.createdAt)),
        progressCell(job),
        h('td', {}, h('div', { class: 'actions' }, actionButtons(job, load)))))));
      if (!doc.jobs.length) body.replaceChildren(h('tr', {}, h('td', { colspan: 8 }, 'No jobs.')));
      $('jobs-caption').textContent = `Jobs, newest first — page ${q.page + 1}`;
      newer.disabled = q.page === 0;
      older.disabled = !doc.nextToken;
    } catch (e) {
      message.replaceChildren(errorBox(e));
    }
  }
  load();
  poll(load);
}

// ---------- job page ----------

function jobPage(id) {
  const content = h('div', { id: 'job' }, h('p', {}, 'Loading…'));
  page('Job ' + id, content);
  let reportShown = false;

  async function load() {
    let job;
    let history;
    try {
      [job, history] = await Promise.all([api('GET', 'jobs/' + id), api('GET', `jobs/${id}/history`)]);
    } catch (e) {
      content.replaceChildren(errorBox(e));
      stopPolling();
      return;
    }
    const done = job.succeeded + job.failed;
    const rate = job.elapsedActiveSeconds > 0 ? done / job.elapsedActiveSeconds : null;
    const remaining = job.totalTasks === null ? null : job.totalTasks - done;
    const eta = rate && remaining !== null && !job.finished ? Math.ceil(remaining / rate) : null;
    const facts = h('dl', { class: 'facts' },
      h('dt', {}, 'Status'), h('dd', { id: 'job-status', class: 'status status-' + job.status }, job.status),
      h('dt', {}, 'Priority'), h('dd', { id: 'job-priority' }, String(job.priority)),
      h('dt', {}, 'Operation'), h('dd', {}, job.operation),
      h('dt', {}, 'Description'), h('dd', {}, job.description || '—'),
      h('dt', {}, 'Created'), h('dd', {}, when(job.createdAt)),
      h('dt', {}, 'Ended'), h('dd', {}, when(job.terminatedAt)),
      h('dt', {}, 'Role'), h('dd', {}, job.roleArn),
      job.statusUpdateReason ? [h('dt', {}, 'Status reason'), h('dd', {}, job.statusUpdateReason)] : null);
    const progress = h('section', { class: 'panel', 'aria-labelledby': 'progress-title' },
      h('h2', { id: 'progress-title' }, 'Progress'),
      job.totalTasks === null ? h('progress', { 'aria-label': 'Job progress' })
        : h('progress', { max: Math.max(job.totalTasks, 1), value: done, 'aria-label': 'Job progress', class: 'wide' }),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Objects'), h('dd', { id: 'job-total' }, job.totalTasks === null ? 'counting…' : job.totalTasks.toLocaleString()),
        h('dt', {}, 'Succeeded'), h('dd', { id: 'job-succeeded' }, job.succeeded.toLocaleString()),
        h('dt', {}, 'Failed'), h('dd', { id: 'job-failed' }, job.failed.toLocaleString()),
        h('dt', {}, 'Objects per second'), h('dd', {}, rate === null ? '—' : rate.toFixed(1)),
        h('dt', {}, 'Time to finish'), h('dd', {}, eta === null ? '—' : `about ${eta.toLocaleString()} s`)));
    const failures = job.failureReasons.length ? h('section', { class: 'panel' }, h('h2', {}, 'Failure reasons'),
      h('ul', {}, job.failureReasons.map((f) => h('li', {}, `${f.code}: ${f.reason}`)))) : null;
    const changes = h('section', { class: 'panel', 'aria-labelledby': 'history-title' }, h('h2', { id: 'history-title' }, 'Status history'),
      h('div', { class: 'tablewrap' }, h('table', { id: 'history' }, h('thead', {}, h('tr', {}, ['When', 'From', 'To', 'Reason'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, h('tr', {}, h('td', {}, when(job.createdAt)), h('td', {}, '—'), h('td', {}, 'New'), h('td', {}, '')),
          history.changes.map((c) => h('tr', {}, h('td', {}, when(c.at)), h('td', {}, c.from), h('td', {}, c.to), h('td', {}, c.reason || '')))))));
    const report = h('section', { class: 'panel', id: 'report', 'aria-labelledby': 'report-title' }, h('h2', { id: 'report-title' }, 'Completion report'),
      job.report.enabled ? h('p', {}, `Bucket ${job.report.bucket}, prefix “${job.report.prefix || ''}”, ${job.report.scope === 'FAILED_TASKS_ONLY' ? 'failed tasks only' : 'all tasks'}.`)
        : h('p', {}, 'This job writes no report.'),
      h('div', { id: 'report-files' }));
    keepingFocus(() => content.replaceChildren(h('section', { class: 'panel' }, facts, h('div', { class: 'actions' }, actionButtons(job, load))),
      progress, failures, changes, report));
    if (job.report.enabled && (job.finished || reportShown)) loadReport();
    if (job.finished) stopPolling();
  }

  async function loadReport() {
    reportShown = true;
    const box = $('report-files');
    try {
      const r = await api('GET', `jobs/${id}/report`);
      if (!r.ready) { box.replaceChildren(h('p', {}, r.message)); return; }
      box.replaceChildren(
        h('ul', {}, r.files.map((f) => h('li', {}, h('a', { href: `/console/api/jobs/${id}/report/files/${f.n}`, download: f.fileName },
          `${f.fileName}`), ` — ${f.status} tasks`))),
        r.failedPreview.length ? h('div', { class: 'tablewrap' }, h('table', { id: 'failed-preview' },
          h('caption', {}, `First ${r.failedPreview.length} failed tasks`),
          h('thead', {}, h('tr', {}, r.columns.map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, r.failedPreview.map((row) => h('tr', {}, row.map((cell) => h('td', {}, cell))))))) : h('p', {}, 'No task failed.'));
    } catch (e) {
      box.replaceChildren(errorBox(e));
    }
  }
  load();
  poll(load);
}

// ---------- Create Job wizard (the steps of the COS console's guide) ----------

const STEPS = ['Manifest', 'Operation', 'Job details', 'Review'];
const MANIFEST_FORMATS = { csv: 'S3BatchOperations_CSV_20180820', inventory: 'S3InventoryReport_CSV_20161130' };
const OPERATION_LABELS = {
  S3PutObjectTagging: 'Replace all object tags', S3DeleteObjectTagging: 'Delete all object tags', S3PutObjectCopy: 'Copy',
  S3PutObjectAcl: 'Replace access control list (ACL)', S3InitiateRestoreObject: 'Restore archived objects',
  S3PutObjectLegalHold: 'Object Lock legal hold', S3PutObjectRetention: 'Object Lock retention',
  S3ComputeObjectChecksum: 'Compute checksums', S3ReplicateObject: 'Replicate', LambdaInvoke: 'Invoke a function (webhook)',
  COSDeleteObject: 'Delete objects',
};
const CANNED = ['private', 'public-read', 'public-read-write', 'authenticated-read', 'aws-exec-read', 'bucket-owner-read', 'bucket-owner-full-control'];

function newWizard(options) {
  return {
    step: 0, token: uuid(), region: options.regions[0], role: options.roles.length ? options.roles[0].arn : '',
    manifestFormat: 'csv', csvVersion: false, manifestBucket: '', manifestKey: '', manifestEtag: '', prefixBucket: '', prefix: '',
    operation: 'S3PutObjectTagging', tags: [{ key: '', value: '' }],
    copy: { bucket: '', prefixOp: 'keep', prefix: '', oldPrefix: '', storageClass: '', sse: '', acl: 'default', aclMode: 'canned', canned: 'private',
      grants: [], metadataDirective: 'COPY', metadata: { ContentType: '', CacheControl: '', ContentDisposition: '', ContentLanguage: '' }, userMetadata: [],
      tagging: 'COPY', tags: [] },
    restore: { days: 7, tier: 'BULK' }, aclCanned: 'private', legalHold: 'ON', retention: { mode: 'GOVERNANCE', until: '', bypass: false },
    checksum: { algorithm: 'CRC32C', type: 'FULL_OBJECT' }, lambda: { functionArn: '', version: '2.0', args: [] },
    description: '', priority: 10, report: { enabled: true, bucket: '', prefix: '', scope: 'AllTasks' },
  };
}

function tagSet(pairs) {
  return { member: pairs.filter((t) => t.key !== '' || t.value !== '').map((t) => ({ Key: t.key, Value: t.value })) };
}

function operationBody(w) {
  switch (w.operation) {
    case 'S3PutObjectTagging': return { TagSet: tagSet(w.tags) };
    case 'S3InitiateRestoreObject': return { ExpirationInDays: String(w.restore.days), GlacierJobTier: w.restore.tier };
    case 'S3PutObjectAcl': return { AccessControlPolicy: { CannedAccessControlList: w.aclCanned } };
    case 'S3PutObjectLegalHold': return { LegalHold: { Status: w.legalHold } };
    case 'S3PutObjectRetention': return { Retention: { Mode: w.retention.mode, RetainUntilDate: w.retention.until ? new Date(w.retention.until).toISOString() : '' },
      BypassGovernanceRetention: w.retention.bypass ? 'true' : null };
    case 'S3ComputeObjectChecksum': return { ChecksumAlgorithm: w.checksum.algorithm, ChecksumType: w.checksum.type };
    case 'LambdaInvoke': return { FunctionArn: w.lambda.functionArn, InvocationSchemaVersion: w.lambda.version,
      UserArguments: w.lambda.args.length ? { entry: w.lambda.args.map((a) => ({ key: a.key, value: a.value })) } : null };
    case 'S3PutObjectCopy': {
      const c = w.copy;
      const meta = {};
      if (c.sse) meta.SSEAlgorithm = c.sse;
      if (c.metadataDirective !== 'COPY') {
        for (const [k, v] of Object.entries(c.metadata)) if (v) meta[k] = v;
        if (c.userMetadata.length) meta.UserMetadata = { entry: c.userMetadata.map((m) => ({ key: m.key, value: m.value })) };
      }
      const body = { TargetResource: c.bucket ? 'arn:aws:s3:::' + c.bucket : '', StorageClass: c.storageClass || null,
        MetadataDirective: c.metadataDirective, NewObjectMetadata: Object.keys(meta).length ? meta : null };
      if (c.prefixOp === 'add') body.TargetKeyPrefix = c.prefix;
      if (c.prefixOp === 'replace' || c.prefixOp === 'delete') {
        body.PrefixReplace = 'true';
        body.ResourcesPrefix = c.oldPrefix;
        body.TargetKeyPrefix = c.prefixOp === 'replace' ? c.prefix : null;
      }
      const grants = { member: c.grants.map((g) => ({ Grantee: { TypeIdentifier: g.type, Identifier: g.identifier }, Permission: g.permission })) };
      if (c.acl !== 'default') {
        body.AccessControlDirective = c.acl;
        if (c.acl === 'REPLACE' && c.aclMode === 'canned') body.CannedAccessControlList = c.canned;
        else if (c.acl !== 'COPY') body.AccessControlGrants = grants;
      }
      if (c.tagging !== 'COPY') {
        body.TaggingDirective = c.tagging;
        body.NewObjectTagging = tagSet(c.tags);
      }
      return body;
    }
    default: return {};
  }
}

/** The CreateJob request the wizard describes, in the AWS S3 Control API's terms (its XML document as JSON). */
function buildRequest(w, start) {
  const req = { ClientRequestToken: w.token, ConfirmationRequired: start ? 'false' : 'true', Priority: String(w.priority), RoleArn: w.role };
  if (w.description) req.Description = w.description;
  if (w.manifestFormat === 'prefix') {
    req.ManifestGenerator = { S3JobManifestGenerator: { SourceBucket: w.prefixBucket ? 'arn:aws:s3:::' + w.prefixBucket : '', EnableManifestOutput: 'false',
      Filter: w.prefix ? { KeyNameConstraint: { MatchAnyPrefix: { member: [w.prefix] } } } : null } };
  } else {
    req.Manifest = { Spec: { Format: MANIFEST_FORMATS[w.manifestFormat],
      Fields: w.manifestFormat === 'csv' ? { member: w.csvVersion ? ['Bucket', 'Key', 'VersionId'] : ['Bucket', 'Key'] } : null },
    Location: { ObjectArn: w.manifestBucket && w.manifestKey ? `arn:aws:s3:::${w.manifestBucket}/${w.manifestKey}` : '', ETag: w.manifestEtag } };
  }
  req.Operation = { [w.operation]: operationBody(w) };
  req.Report = w.report.enabled ? { Enabled: 'true', Bucket: w.report.bucket ? 'arn:aws:s3:::' + w.report.bucket : '', Format: 'Report_CSV_20180820',
    Prefix: w.report.prefix || null, ReportScope: w.report.scope } : { Enabled: 'false' };
  return req;
}

/** Which step a message of the API is about (by the field it names); -1 when none in particular. */
function stepOf(message) {
  if (/\bManifest|manifest bucket|ManifestGenerator/.test(message)) return 0;
  if (/\bOperation\b|^Operation|destination bucket|may not run|function /.test(message)) return 1;
  if (/\bReport|Priority|Description|RoleArn|report bucket|role /.test(message)) return 2;
  return -1;
}

async function wizardPage() {
  try {
    state.options = await api('GET', 'wizard');
  } catch (e) {
    page('Create Job', errorBox(e));
    return;
  }
  if (!state.wizard) state.wizard = newWizard(state.options);
  state.bucketCache = {}; // buckets come and go: listed again each time the wizard is opened
  renderWizard();
}

async function buckets(role) {
  if (!role) return [];
  state.bucketCache = state.bucketCache || {};
  if (!state.bucketCache[role]) state.bucketCache[role] = (await api('GET', 'buckets?role=' + encodeURIComponent(role))).buckets;
  return state.bucketCache[role];
}

/** Shows {@code get()} in the control and hands each change to {@code set} (once per change: 'change' for boxes and lists). */
function bind(input, get, set) {
  const box = input.type === 'checkbox';
  if (box) input.checked = !!get();
  else input.value = get();
  const event = box || input.tagName === 'SELECT' ? 'change' : 'input';
  input.addEventListener(event, () => set(box ? input.checked : input.value));
  return input;
}

function bucketSelect(list, get, set) {
  const select = h('select', {}, h('option', { value: '' }, 'Choose a bucket'), list.map((b) => h('option', { value: b }, b)));
  return bind(select, get, set);
}

function pairsEditor(id, pairs, keyLabel, valueLabel) {
  const box = h('div', { class: 'pairs', id });
  function render() {
    box.replaceChildren(...pairs.map((p, i) => h('div', { class: 'pair' },
      field(`${id}-key-${i}`, `${keyLabel} ${i + 1}`, bind(h('input', {}), () => p.key, (v) => { p.key = v; })),
      field(`${id}-value-${i}`, `${valueLabel} ${i + 1}`, bind(h('input', {}), () => p.value, (v) => { p.value = v; })),
      h('button', { type: 'button', class: 'secondary', 'aria-label': `Remove ${keyLabel.toLowerCase()} ${i + 1}`, onclick: () => { pairs.splice(i, 1); render(); } }, 'Remove'))),
    h('button', { type: 'button', class: 'secondary', id: id + '-add', onclick: () => { pairs.push({ key: '', value: '' }); render(); } }, 'Add ' + keyLabel.toLowerCase()));
  }
  render();
  return box;
}

/** Grants of an ACL: grantee type and identifier, permission. */
function grantsEditor(id, grants) {
  const box = h('div', { class: 'pairs', id });
  const options = (values) => values.map(([v, text]) => h('option', { value: v }, text));
  function render() {
    box.replaceChildren(...grants.map((g, i) => h('div', { class: 'pair' },
      field(`${id}-type-${i}`, `Grantee type ${i + 1}`, bind(h('select', {}, options([['id', 'Canonical user ID'], ['emailAddress', 'Email address'], ['uri', 'Group URI']])),
        () => g.type, (v) => { g.type = v; })),
      field(`${id}-identifier-${i}`, `Grantee ${i + 1}`, bind(h('input', {}), () => g.identifier, (v) => { g.identifier = v; })),
      field(`${id}-permission-${i}`, `Permission ${i + 1}`, bind(h('select', {}, options(['READ', 'WRITE', 'READ_ACP', 'WRITE_ACP', 'FULL_CONTROL'].map((p) => [p, p]))),
        () => g.permission, (v) => { g.permission = v; })),
      h('button', { type: 'button', class: 'secondary', 'aria-label': `Remove grant ${i + 1}`, onclick: () => { grants.splice(i, 1); render(); } }, 'Remove'))),
    h('button', { type: 'button', class: 'secondary', id: id + '-add', onclick: () => { grants.push({ type: 'id', identifier: '', permission: 'READ' }); render(); } }, 'Add grant'));
  }
  render();
  return box;
}

async function renderWizard(errorMessage) {
  const w = state.wizard;
  const focused = document.activeElement && document.activeElement.id;
  const steps = h('ol', { class: 'steps', 'aria-label': 'Steps' }, STEPS.map((s, i) => h('li', { 'aria-current': i === w.step ? 'step' : null }, `${i + 1}. ${s}`)));
  const body = h('div', { class: 'panel', id: 'wizard-step' });
  const message = h('div', { id: 'wizard-error' }, errorMessage ? errorBox(errorMessage) : null);
  const nav = h('div', { class: 'actions' });
  page('Create Job', steps, body, message, nav);
  try {
    if (w.step === 0) await stepManifest(body, w);
    if (w.step === 1) await stepOperation(body, w);
    if (w.step === 2) await stepDetails(body, w);
    if (w.step === 3) stepReview(body, w);
  } catch (e) {
    message.replaceChildren(errorBox(e));
  }
  if (w.step > 0) nav.append(h('button', { type: 'button', class: 'secondary', id: 'wizard-previous', onclick: () => { w.step--; renderWizard(); } }, 'Previous'));
  if (w.step < 3) {
    nav.append(h('button', { type: 'button', id: 'wizard-next', onclick: () => next(w, message) }, 'Next'));
  } else {
    nav.append(h('button', { type: 'button', class: 'secondary', id: 'wizard-create', onclick: () => create(w, false, message) }, 'Create'),
      h('button', { type: 'button', id: 'wizard-create-start', onclick: () => create(w, true, message) }, 'Create and Start'));
  }
  nav.append(h('button', { type: 'button', class: 'link', id: 'wizard-reset', onclick: () => { state.wizard = newWizard(state.options); state.bucketCache = {}; renderWizard(); } }, 'Start over'));
  // a choice that re-drew the step keeps the focus; a new step (or an error) starts at the title
  if (!errorMessage && focused && focused !== 'wizard-next' && focused !== 'wizard-previous' && $(focused)) $(focused).focus();
}

/** Checks the request as CreateJob would; a refusal about this step (or an earlier one) stops the wizard there. */
async function next(w, message) {
  try {
    await api('POST', 'jobs/check', buildRequest(w, false));
  } catch (e) {
    const about = stepOf(e.message);
    if (e.status >= 400 && e.status < 500 && (about === -1 ? w.step === 2 : about <= w.step)) {
      if (about >= 0 && about < w.step) w.step = about;
      renderWizard(e);
      return;
    }
    if (e.status >= 500 || e.status === 401 || e.status === 403 && e.code === 'InvalidCsrfToken') { message.replaceChildren(errorBox(e)); return; }
  }
  w.step++;
  renderWizard();
}

async function create(w, start, message) {
  const buttons = [$('wizard-create'), $('wizard-create-start')];
  buttons.forEach((b) => { b.disabled = true; });
  try {
    const job = await api('POST', 'jobs', buildRequest(w, start));
    state.wizard = null;
    notice(`Job ${job.id} created` + (start ? '.' : '; it waits for your confirmation.'));
    location.hash = '#/jobs/' + job.id;
  } catch (e) {
    message.replaceChildren(errorBox(e));
    buttons.forEach((b) => { b.disabled = false; });
  }
}

async function stepManifest(body, w) {
  const o = state.options;
  const region = bind(h('select', {}, o.regions.map((r) => h('option', { value: r }, r))), () => w.region, (v) => { w.region = v; });
  const role = bind(h('select', {}, o.roles.map((r) => h('option', { value: r.arn }, `${r.id} (${r.arn})`))), () => w.role,
    (v) => { w.role = v; renderWizard(); });
  const list = await buckets(w.role);
  const formats = h('fieldset', {}, h('legend', {}, 'Manifest'),
    ...[['csv', 'CSV manifest (a list of objects)'], ['inventory', 'Inventory report (manifest.json)'], ['prefix', 'All objects under a prefix']].map(([v, label]) =>
      h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'manifest-format', id: 'manifest-format-' + v, value: v, checked: w.manifestFormat === v,
        onchange: () => { w.manifestFormat = v; renderWizard(); } }), label)));
  const parts = [field('region', 'Region', region), field('role', 'Role', role, 'the job acts with its keys; the bucket lists are its'), formats];
  if (w.manifestFormat === 'prefix') {
    parts.push(field('prefix-bucket', 'Bucket', bucketSelect(list, () => w.prefixBucket, (v) => { w.prefixBucket = v; })),
      field('prefix', 'Prefix', bind(h('input', { placeholder: 'photos/2026/' }), () => w.prefix, (v) => { w.prefix = v; }), 'empty: every object of the bucket'));
  } else {
    const etag = h('output', { id: 'manifest-etag', 'aria-live': 'polite' }, w.manifestEtag ? `ETag ${w.manifestEtag}` : '');
    const key = bind(h('input', { placeholder: 'manifests/list.csv' }), () => w.manifestKey, (v) => { w.manifestKey = v; w.manifestEtag = ''; });
    const fetchEtag = async () => {
      w.manifestEtag = '';
      etag.textContent = '';
      if (!w.manifestBucket || !w.manifestKey) return;
      try {
        const head = await api('GET', `object?role=${encodeURIComponent(w.role)}&bucket=${encodeURIComponent(w.manifestBucket)}&key=${encodeURIComponent(w.manifestKey)}`);
        w.manifestEtag = head.etag;
        etag.textContent = `ETag ${head.etag} · ${head.size.toLocaleString()} bytes`;
      } catch (e) {
        etag.textContent = e.message;
      }
    };
    key.addEventListener('change', fetchEtag);
    parts.push(field('manifest-bucket', 'Manifest bucket', bucketSelect(list, () => w.manifestBucket, (v) => { w.manifestBucket = v; w.manifestEtag = ''; fetchEtag(); })),
      field('manifest-key', w.manifestFormat === 'csv' ? 'Manifest object (CSV)' : 'Inventory manifest.json', key), etag);
    if (w.manifestFormat === 'csv') {
      parts.push(h('label', { class: 'choice' }, bind(h('input', { type: 'checkbox', id: 'csv-version' }), () => w.csvVersion, (v) => { w.csvVersion = v; }),
        'Rows have a version id (Bucket, Key, VersionId)'));
    }
  }
  body.append(h('h2', {}, 'Choose the region and the manifest'), ...parts);
}

async function stepOperation(body, w) {
  const ops = state.options.operations;
  const op = bind(h('select', {}, ops.map((o) => h('option', { value: o }, OPERATION_LABELS[o] || o))), () => w.operation, (v) => { w.operation = v; renderWizard(); });
  const parts = [field('operation', 'Operation', op)];
  switch (w.operation) {
    case 'S3PutObjectTagging':
      parts.push(h('p', {}, 'Each object\'s tags are replaced by these (up to 10).'), pairsEditor('tag', w.tags, 'Tag key', 'Tag value'));
      break;
    case 'S3DeleteObjectTagging':
      parts.push(h('p', {}, 'Every tag of each object is removed.'));
      break;
    case 'COSDeleteObject':
      parts.push(h('p', {}, 'Each object (or the version the manifest names) is deleted. This cannot be undone.'));
      break;
    case 'S3ReplicateObject':
      parts.push(h('p', {}, 'Each object is copied to the role\'s replication destination (configured by an operator).'));
      break;
    case 'S3InitiateRestoreObject':
      parts.push(field('restore-days', 'Keep the restored copy for (days)', bind(h('input', { type: 'number', min: 1, max: 365 }), () => w.restore.days, (v) => { w.restore.days = v; }), '1 to 365'),
        field('restore-tier', 'Retrieval tier', bind(h('select', {}, h('option', { value: 'BULK' }, 'Bulk'), h('option', { value: 'STANDARD' }, 'Standard')), () => w.restore.tier, (v) => { w.restore.tier = v; })));
      break;
    case 'S3PutObjectAcl':
      parts.push(field('acl', 'Access control list', bind(h('select', {}, CANNED.map((c) => h('option', { value: c }, c))), () => w.aclCanned, (v) => { w.aclCanned = v; })));
      break;
    case 'S3PutObjectLegalHold':
      parts.push(field('legal-hold', 'Legal hold', bind(h('select', {}, h('option', { value: 'ON' }, 'On'), h('option', { value: 'OFF' }, 'Off')), () => w.legalHold, (v) => { w.legalHold = v; })));
      break;
    case 'S3PutObjectRetention':
      parts.push(field('retention-mode', 'Retention mode', bind(h('select', {}, h('option', { value: 'GOVERNANCE' }, 'Governance'), h('option', { value: 'COMPLIANCE' }, 'Compliance')), () => w.retention.mode, (v) => { w.retention.mode = v; })),
        field('retention-until', 'Retain until', bind(h('input', { type: 'datetime-local' }), () => w.retention.until, (v) => { w.retention.until = v; })),
        h('label', { class: 'choice' }, bind(h('input', { type: 'checkbox', id: 'retention-bypass' }), () => w.retention.bypass, (v) => { w.retention.bypass = v; }), 'Bypass governance retention'));
      break;
    case 'S3ComputeObjectChecksum':
      parts.push(field('checksum-algorithm', 'Algorithm', bind(h('select', {}, ['CRC32', 'CRC32C', 'CRC64NVME', 'MD5', 'SHA1', 'SHA256', 'SHA512'].map((a) => h('option', { value: a }, a))), () => w.checksum.algorithm, (v) => { w.checksum.algorithm = v; })),
        field('checksum-type', 'Type', bind(h('select', {}, h('option', { value: 'FULL_OBJECT' }, 'Full object'), h('option', { value: 'COMPOSITE' }, 'Composite (per part)')), () => w.checksum.type, (v) => { w.checksum.type = v; })));
      break;
    case 'LambdaInvoke':
      parts.push(field('function-arn', 'Function ARN', bind(h('input', { placeholder: 'arn:aws:lambda:us-east-1:123456789012:function:name' }), () => w.lambda.functionArn, (v) => { w.lambda.functionArn = v; })),
        field('function-version', 'Invocation schema version', bind(h('select', {}, h('option', { value: '2.0' }, '2.0'), h('option', { value: '1.0' }, '1.0')), () => w.lambda.version, (v) => { w.lambda.version = v; })),
        h('p', {}, 'User arguments (schema 2.0):'), pairsEditor('argument', w.lambda.args, 'Argument', 'Value'));
      break;
    case 'S3PutObjectCopy': {
      const c = w.copy;
      const list = await buckets(w.role);
      const choice = (id, label, options, get, set) => field(id, label, bind(h('select', {}, options.map(([v, text]) => h('option', { value: v }, text))), get, set));
      parts.push(field('copy-bucket', 'Destination bucket', bucketSelect(list, () => c.bucket, (v) => { c.bucket = v; })),
        choice('copy-prefix-op', 'Prefix operation', [['keep', 'Keep the keys'], ['add', 'Add a prefix'], ['replace', 'Replace a prefix'], ['delete', 'Delete a prefix']],
          () => c.prefixOp, (v) => { c.prefixOp = v; renderWizard(); }));
      if (c.prefixOp === 'replace' || c.prefixOp === 'delete') {
        parts.push(field('copy-old-prefix', 'Prefix to ' + c.prefixOp, bind(h('input', {}), () => c.oldPrefix, (v) => { c.oldPrefix = v; }), 'every key of the manifest begins with it'));
      }
      if (c.prefixOp === 'add' || c.prefixOp === 'replace') {
        parts.push(field('copy-prefix', c.prefixOp === 'add' ? 'Prefix to add' : 'New prefix', bind(h('input', {}), () => c.prefix, (v) => { c.prefix = v; })));
      }
      parts.push(choice('copy-storage-class', 'Storage class', [['', 'Same as the source'], ...['STANDARD', 'STANDARD_IA', 'ONEZONE_IA', 'GLACIER', 'INTELLIGENT_TIERING', 'DEEP_ARCHIVE', 'GLACIER_IR'].map((x) => [x, x])],
          () => c.storageClass, (v) => { c.storageClass = v; }),
        choice('copy-sse', 'Server-side encryption', [['', 'None'], ['AES256', 'SSE-S3 (AES256)'], ['KMS', 'SSE-KMS']], () => c.sse, (v) => { c.sse = v; }),
        choice('copy-acl', 'Access permission', [['default', 'The destination bucket\'s default'], ['COPY', 'Copy all permissions'], ['REPLACE', 'Replace all permissions'], ['ADD', 'Add permissions']],
          () => c.acl, (v) => { c.acl = v; renderWizard(); }));
      if (c.acl === 'REPLACE') {
        parts.push(choice('copy-acl-mode', 'Replace with', [['canned', 'A canned ACL'], ['grants', 'These grants']], () => c.aclMode, (v) => { c.aclMode = v; renderWizard(); }));
      }
      if (c.acl === 'REPLACE' && c.aclMode === 'canned') {
        parts.push(choice('copy-canned-acl', 'Canned ACL', CANNED.map((a) => [a, a]), () => c.canned, (v) => { c.canned = v; }));
      } else if (c.acl === 'REPLACE' || c.acl === 'ADD') {
        parts.push(grantsEditor('copy-grant', c.grants));
      }
      parts.push(choice('copy-metadata', 'Object metadata', [['COPY', 'Copy all metadata'], ['REPLACE', 'Replace all metadata'], ['ADD', 'Add metadata']],
        () => c.metadataDirective, (v) => { c.metadataDirective = v; renderWizard(); }));
      if (c.metadataDirective !== 'COPY') {
        parts.push(field('copy-content-type', 'Content-Type', bind(h('input', {}), () => c.metadata.ContentType, (v) => { c.metadata.ContentType = v; })),
          field('copy-cache-control', 'Cache-Control', bind(h('input', {}), () => c.metadata.CacheControl, (v) => { c.metadata.CacheControl = v; })),
          field('copy-content-disposition', 'Content-Disposition', bind(h('input', {}), () => c.metadata.ContentDisposition, (v) => { c.metadata.ContentDisposition = v; })),
          field('copy-content-language', 'Content-Language', bind(h('input', {}), () => c.metadata.ContentLanguage, (v) => { c.metadata.ContentLanguage = v; })),
          h('p', {}, 'User metadata (x-amz-meta-*):'), pairsEditor('meta', c.userMetadata, 'Metadata key', 'Value'));
      }
      parts.push(choice('copy-tagging', 'Object tags', [['COPY', 'Copy all tags'], ['REPLACE', 'Replace all tags'], ['ADD', 'Add tags']], () => c.tagging, (v) => { c.tagging = v; renderWizard(); }));
      if (c.tagging !== 'COPY') parts.push(pairsEditor('copy-tag', c.tags, 'Tag key', 'Tag value'));
      break;
    }
    default:
      break;
  }
  body.append(h('h2', {}, 'Choose the operation'), ...parts);
}

async function stepDetails(body, w) {
  const list = await buckets(w.role);
  const r = w.report;
  const parts = [
    field('description', 'Description', bind(h('input', { maxlength: 256 }), () => w.description, (v) => { w.description = v; }), 'optional, up to 256 characters'),
    field('priority', 'Priority', bind(h('input', { type: 'number', min: 0, max: 2147483647 }), () => w.priority, (v) => { w.priority = v; }), 'higher runs first'),
    h('fieldset', {}, h('legend', {}, 'Completion report'),
      h('label', { class: 'choice' }, bind(h('input', { type: 'checkbox', id: 'report-enabled' }), () => r.enabled, (v) => { r.enabled = v; renderWizard(); }), 'Write a completion report'),
      r.enabled ? [
        field('report-bucket', 'Report bucket', bucketSelect(list, () => r.bucket, (v) => { r.bucket = v; })),
        field('report-prefix', 'Report prefix', bind(h('input', {}), () => r.prefix, (v) => { r.prefix = v; }), 'optional'),
        field('report-scope', 'Tasks in the report', bind(h('select', {}, h('option', { value: 'AllTasks' }, 'All tasks'), h('option', { value: 'FailedTasksOnly' }, 'Failed tasks only')), () => r.scope, (v) => { r.scope = v; })),
      ] : null),
    field('role-details', 'Role', bind(h('select', {}, state.options.roles.map((x) => h('option', { value: x.arn }, `${x.id} (${x.arn})`))), () => w.role, (v) => { w.role = v; renderWizard(); })),
  ];
  body.append(h('h2', {}, 'Job details'), ...parts);
}

function stepReview(body, w) {
  const section = (title, step, rows) => h('section', { class: 'panel' }, h('h2', {}, title),
    h('dl', { class: 'facts' }, rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v === '' || v === null || v === undefined ? '—' : String(v))])),
    h('button', { type: 'button', class: 'link', 'data-modify': String(step), onclick: () => { w.step = step; renderWizard(); } }, `Modify ${title.toLowerCase()}`));
  const manifest = w.manifestFormat === 'prefix' ? [['Manifest', 'All objects under a prefix'], ['Bucket', w.prefixBucket], ['Prefix', w.prefix]]
    : [['Manifest', w.manifestFormat === 'csv' ? 'CSV' : 'Inventory report'], ['Object', `${w.manifestBucket}/${w.manifestKey}`], ['ETag', w.manifestEtag]];
  const opRows = [['Operation', OPERATION_LABELS[w.operation] || w.operation]];
  const detail = operationBody(w);
  if (w.operation === 'S3PutObjectTagging') opRows.push(['Tags', w.tags.filter((t) => t.key).map((t) => `${t.key}=${t.value}`).join(', ')]);
  else if (Object.keys(detail).length) opRows.push(['Options', JSON.stringify(detail, (k, v) => (v === null ? undefined : v))]);
  body.append(h('h2', {}, 'Review'),
    section('Manifest', 0, [['Region', w.region], ...manifest]),
    section('Operation', 1, opRows),
    section('Job details', 2, [['Description', w.description], ['Priority', w.priority], ['Role', w.role],
      ['Report', w.report.enabled ? `${w.report.bucket}/${w.report.prefix} (${w.report.scope === 'AllTasks' ? 'all tasks' : 'failed tasks only'})` : 'none']]),
    h('p', {}, '“Create” makes the job wait for your confirmation (Suspended); “Create and Start” runs it at once.'));
}

// ---------- start ----------

window.addEventListener('hashchange', route);
document.addEventListener('DOMContentLoaded', () => {
  $('sign-out').addEventListener('click', signOut);
  route();
});
