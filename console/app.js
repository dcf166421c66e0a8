// cardline console: vanilla JS, no build step. Every record value is put on the page with textContent, never as
// markup, so a name containing markup shows as text.
'use strict';

const TEXT = {
  vi: {
    signIn: 'Đăng nhập', name: 'Tên', password: 'Mật khẩu', logout: 'Đăng xuất', line: 'Dây chuyền', start: 'Bắt đầu',
    pause: 'Tạm dừng', resume: 'Tiếp tục', drain: 'Hoàn tất đơn', stop: 'Dừng', stations: 'Trạm', held: 'Thẻ chờ quyết định',
    inFlight: 'Thẻ đang xử lý', record: 'Hồ sơ', card: 'Thẻ', station: 'Trạm', reason: 'Lý do', state: 'Trạng thái',
    ribbon: 'Ruy băng còn (panel)', feederLevel: 'Phôi trong khay nạp', stock: 'Đối soát phôi thẻ', throughput: 'Sản lượng 60 phút gần nhất (thẻ/phút)', rejects: 'Hộp thẻ hỏng', reports: 'Báo cáo', audit: 'Nhật ký kiểm toán', when: 'Lúc', who: 'Ai', what: 'Việc',
    object: 'Đối tượng', outcome: 'Kết quả', verify: 'Xác nhận tốt', destroy: 'Hủy thẻ', proposedBy: 'đề nghị bởi',
    produced: 'đã sản xuất', failed: 'lỗi', of: 'trên', waitsFor: 'Cần', done: 'Đã làm', idle: 'nghỉ', busy: 'đang chạy',
    needsOperator: 'cần người vận hành', offline: 'mất kết nối', running: 'đang chạy', paused: 'tạm dừng', pausing: 'đang tạm dừng',
    draining: 'đang hoàn tất', stopped: 'đã dừng', starting: 'đang khởi động', download: 'Tải báo cáo PDF',
    issued: 'cấp', good: 'tốt', spoiled: 'hỏng', inDoubt: 'nghi vấn', returned: 'trả lại', onLine: 'trên dây chuyền', unaccounted: 'chưa đối soát',
    'replace the ribbon': 'thay ruy băng', 'clear the jam': 'gỡ kẹt thẻ', 'refill the feeder': 'nạp phôi', 'close the cover': 'đóng nắp', 'empty the reject box': 'dọn hộp thẻ hỏng',
  },
  en: {
    signIn: 'Sign in', name: 'Name', password: 'Password', logout: 'Sign out', line: 'Line', start: 'Start',
    pause: 'Pause', resume: 'Resume', drain: 'Drain', stop: 'Stop', stations: 'Stations', held: 'Cards held for a decision',
    inFlight: 'Cards in flight', record: 'Record', card: 'Card', station: 'Station', reason: 'Reason', state: 'State',
    ribbon: 'Ribbon panels left', feederLevel: 'Blanks in the input feeder', stock: 'Stock reconciliation', throughput: 'Throughput over the last hour (cards/minute)', rejects: 'Reject box', reports: 'Reports', audit: 'Audit log', when: 'When', who: 'Who', what: 'What',
    object: 'Object', outcome: 'Outcome', verify: 'Verify good', destroy: 'Destroy', proposedBy: 'proposed by',
    produced: 'produced', failed: 'failed', of: 'of', waitsFor: 'Needs', done: 'Done', idle: 'idle', busy: 'busy',
    needsOperator: 'needs an operator', offline: 'offline', running: 'running', paused: 'paused', pausing: 'pausing',
    draining: 'draining', stopped: 'stopped', starting: 'starting', download: 'Download the PDF report',
    issued: 'issued', good: 'good', spoiled: 'spoiled', inDoubt: 'in doubt', returned: 'returned', onLine: 'on the line', unaccounted: 'unaccounted',
    'replace the ribbon': 'replace the ribbon', 'clear the jam': 'clear the jam', 'refill the feeder': 'refill the feeder', 'close the cover': 'close the cover', 'empty the reject box': 'empty the reject box',
  },
};

let lang = localStorage.getItem('cardline.lang') === 'en' ? 'en' : 'vi';
let me = null;
let socket = null;
let refreshTimer = null;

const $ = (id) => document.getElementById(id);
const t = (key) => TEXT[lang][key] ?? key;

function el(tag, text, attrs = {}) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function translatePage() {
  document.documentElement.lang = lang;
  for (const e of document.querySelectorAll('[data-t]')) e.textContent = t(e.dataset.t);
  $('lang').textContent = lang === 'vi' ? 'English' : 'Tiếng Việt';
}

async function api(method, url, body) {
  const headers = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && me) headers['x-csrf-token'] = me.csrfToken;
  const r = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const data = r.headers.get('content-type')?.includes('json') ? await r.json() : null;
  if (!r.ok) throw new Error(data?.error ?? `${r.status}`);
  return data;
}

function show(view) {
  $('login-view').hidden = view !== 'login';
  $('line-view').hidden = view !== 'line';
  $('logout').hidden = view !== 'line';
}

async function boot() {
  translatePage();
  try {
    me = await api('GET', '/api/me');
    enter();
  } catch {
    show('login');
  }
}

function enter() {
  $('who').textContent = `${me.name} (${me.role})`;
  show('line');
  connect();
  refreshAll();
}

function connect() {
  socket?.close();
  socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/events`);
  socket.onmessage = () => scheduleRefresh();
  socket.onclose = (e) => {
    if (me && e.code !== 4401) setTimeout(connect, 2000);
  };
}

function scheduleRefresh() {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    refreshLine();
  }, 250);
}

async function refreshAll() {
  await refreshOrders();
  await Promise.all([refreshLine(), refreshStock(), refreshAudit()]);
}

async function refreshOrders() {
  const orders = await api('GET', '/api/orders');
  const select = $('order-select');
  const current = select.value;
  select.replaceChildren(...orders.map((o) => el('option', `${o.name} (${o.counts.produced}/${o.total})`, { value: o.name })));
  if (current) select.value = current;
  $('reports').replaceChildren(
    ...orders.map((o) => {
      const a = el('a', `${t('download')}: ${o.name}`, { href: `/api/reports/${encodeURIComponent(o.name)}` });
      const p = el('div');
      p.append(a);
      return p;
    }),
  );
}

async function refreshStock() {
  const s = await api('GET', '/api/stock');
  const f = s.overall;
  $('stock').textContent = `${t('issued')} ${f.issued} = ${t('good')} ${f.good} + ${t('spoiled')} ${f.spoiled} + ${t('inDoubt')} ${f.inDoubt} + ${t('returned')} ${f.returned} + ${t('onLine')} ${f.onLine}; ${t('unaccounted')} ${f.unaccounted}`;
}

async function refreshAudit() {
  if (!['qa', 'supervisor', 'admin'].includes(me.role)) return;
  const page = await api('GET', '/api/audit?pageSize=20');
  $('audit').tBodies[0].replaceChildren(
    ...page.entries.map((e) => {
      const tr = el('tr');
      for (const v of [e.seq, e.at, e.actor, e.action, e.object ?? '', e.outcome]) tr.append(el('td', v));
      return tr;
    }),
  );
}

async function refreshLine() {
  let line;
  try {
    line = await api('GET', '/api/line');
  } catch (e) {
    $('message').textContent = e.message;
    return;
  }
  $('line-state').textContent = t(line.state);
  $('line-state').dataset.state = line.state;
  $('line-order').textContent = line.order ?? '';
  $('feeder').textContent = line.feederBlanks === null ? '' : `${t('feederLevel')}: ${line.feederBlanks}`;
  if (line.error) $('message').textContent = line.error;
  renderStations(line.stations);
  renderHeld(line.held);
  $('jobs').tBodies[0].replaceChildren(
    ...line.jobs.map((j) => {
      const tr = el('tr');
      for (const v of [`#${j.seq} ${j.maskedId}`, j.state, j.cardId ?? '', j.station ?? '']) tr.append(el('td', v));
      return tr;
    }),
  );
  if (line.order) {
    const o = await api('GET', `/api/orders/${encodeURIComponent(line.order)}`);
    $('progress').textContent = `${line.order}: ${o.counts.produced} ${t('of')} ${o.total} ${t('produced')}, ${o.counts.failed} ${t('failed')}`;
  }
  if (line.state === 'idle') {
    refreshOrders();
    refreshStock();
  }
  refreshAudit();
  refreshOrderViews(line.order ?? $('order-select').value);
}

async function refreshOrderViews(order) {
  if (!order) return;
  const name = encodeURIComponent(order);
  const [rejects, throughput] = await Promise.all([api('GET', `/api/orders/${name}/rejects`), api('GET', `/api/orders/${name}/throughput`)]);
  $('rejects').tBodies[0].replaceChildren(
    ...rejects.map((r) => {
      const tr = el('tr');
      for (const v of [r.cardId, r.recordSeq === null ? '' : `#${r.recordSeq} ${r.maskedId}`, r.reason, r.at]) tr.append(el('td', v));
      return tr;
    }),
  );
  drawChart(throughput.perMinute);
}

/** Bars of cards per minute, drawn as SVG elements (no markup strings). */
function drawChart(perMinute) {
  const svg = $('chart');
  const ns = 'http://www.w3.org/2000/svg';
  const max = Math.max(1, ...perMinute);
  const width = 600 / perMinute.length;
  const bars = perMinute.map((n, i) => {
    const h = Math.round((n / max) * 100);
    const rect = document.createElementNS(ns, 'rect');
    rect.setAttribute('x', String(i * width));
    rect.setAttribute('y', String(110 - h));
    rect.setAttribute('width', String(width - 1));
    rect.setAttribute('height', String(h));
    rect.setAttribute('fill', '#2a7');
    const title = document.createElementNS(ns, 'title');
    title.textContent = `${n}`;
    rect.append(title);
    return rect;
  });
  const label = document.createElementNS(ns, 'text');
  label.setAttribute('x', '2');
  label.setAttribute('y', '12');
  label.setAttribute('font-size', '11');
  label.textContent = `max ${max}`;
  svg.replaceChildren(...bars, label);
}

function renderStations(stations) {
  $('stations').replaceChildren(
    ...stations.map((s) => {
      const box = el('div', null, { class: `station ${s.state}`, 'data-station': s.id, 'data-state': s.state });
      box.append(el('strong', s.id), el('div', `${t('state')}: ${t(s.state)}`), el('div', `${t('done')}: ${s.jobsDone}`));
      if (s.ribbonPanels !== undefined) box.append(el('div', `${t('ribbon')}: ${s.ribbonPanels}`, { 'data-ribbon': String(s.ribbonPanels) }));
      for (const f of s.faults) {
        box.append(el('div', `${t('waitsFor')}: ${t(f.action)}`, { class: 'fault' }));
        const button = el('button', t(f.action), { type: 'button', 'data-action': f.reason });
        button.onclick = () => act(() => api('POST', `/api/stations/${encodeURIComponent(s.id)}/actions`, { reason: f.reason }));
        box.append(button);
      }
      return box;
    }),
  );
}

function renderHeld(held) {
  $('held').tBodies[0].replaceChildren(
    ...held.map((h) => {
      const tr = el('tr', null, { 'data-record': String(h.recordId) });
      for (const v of [`#${h.seq} ${h.maskedId}`, h.cardId ?? '', h.station ?? '', h.reason + (h.proposedBy ? ` (${t('destroy')}: ${t('proposedBy')} ${h.proposedBy})` : '')]) tr.append(el('td', v));
      const td = el('td');
      if (me.role === 'supervisor') {
        for (const decision of ['verify', 'destroy']) {
          const b = el('button', t(decision), { type: 'button', 'data-decision': decision });
          b.onclick = () => act(() => api('POST', `/api/held/${h.recordId}/decision`, { decision }));
          td.append(b);
        }
      }
      tr.append(td);
      return tr;
    }),
  );
}

async function act(fn) {
  $('message').textContent = '';
  try {
    await fn();
  } catch (e) {
    $('message').textContent = e.message;
  }
  refreshLine();
}

$('login-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  $('login-error').textContent = '';
  try {
    me = await api('POST', '/api/login', { name: $('login-name').value, password: $('login-password').value });
    $('login-password').value = '';
    enter();
  } catch (e) {
    $('login-error').textContent = e.message;
  }
});
$('logout').onclick = async () => {
  await api('POST', '/api/logout').catch(() => undefined);
  me = null;
  socket?.close();
  show('login');
};
$('lang').onclick = () => {
  lang = lang === 'vi' ? 'en' : 'vi';
  localStorage.setItem('cardline.lang', lang);
  translatePage();
  refreshAll();
};
$('start').onclick = () => act(() => api('POST', '/api/line/start', { order: $('order-select').value }));
for (const action of ['pause', 'resume', 'drain', 'stop']) $(action).onclick = () => act(() => api('POST', '/api/line/control', { action }));

boot();
