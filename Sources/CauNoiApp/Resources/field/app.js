/* Cầu Nối Số — field app. Plain ES2017 with no build step, so five-year-old Android browsers run it as shipped.
   Everything is saved on the phone first (IndexedDB outbox) and sent later; the server is idempotent by entry id,
   so an entry is only ever marked sent after the server answered created/duplicate for it. */
'use strict';
(function () {
  var API = '/api/v1';
  var LS_USER = 'cn.user', LS_CSRF = 'cn.csrf', LS_SYNC = 'cn.lastSync', LS_PREFS = 'cn.prefs';
  var BATCH = 500;
  var MAX_COUNT = 2000; // the server's per-category cap; catches a stray extra zero early
  var BEN = [['elderly', 'Người cao tuổi'], ['ethnic_minority', 'Đồng bào DTTS'], ['disabled', 'Người khuyết tật']];
  var PLACES = { service_centre: 'Trung tâm PVHCC', home: 'Tại nhà người dân', village: 'Thôn, bản, ấp', mobile_point: 'Điểm lưu động' };
  var FIELDS = { id: 'Mã bản ghi', team_id: 'Đội hình', commune_code: 'Xã', date: 'Ngày', volunteer_ids: 'Người có mặt',
    counts: 'Số lượt', beneficiaries: 'Đối tượng', place: 'Nơi hỗ trợ', languages: 'Ngôn ngữ', note: 'Ghi chú' };

  var $ = function (id) { return document.getElementById(id); };

  var db = null;
  var user = null;          // {id, username, display_name, assignments}
  var csrf = '';
  var needLogin = false;    // the server said 401: keep working on the phone, ask to sign in to send
  var campaign = null;
  var campaigns = [];
  var teams = [];
  var detail = null;        // the selected team with its members
  var present = {};         // volunteer id -> true; kept across saves because the same people stay all day
  var listed = {};          // volunteer id -> true for the members shown for the chosen date
  var outbox = [];          // this user's records
  var editingId = null;     // a rejected entry being corrected; replaced by a new id on save
  var syncing = false, again = false, failures = 0, timer = 0, syncNote = '';
  var swReg = null;
  var prefs = readJSON(LS_PREFS) || {};

  // ---------- small helpers ----------

  function readJSON(key) {
    try { return JSON.parse(localStorage.getItem(key)); } catch (e) { return null; }
  }
  function writeJSON(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* storage full: the app still works */ }
  }
  function show(id, on) { $(id).hidden = !on; }
  function text(id, s) { $(id).textContent = s; }
  function el(tag, attrs, content) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (content != null) node.textContent = content;
    return node;
  }
  // Vietnam has no daylight saving, so UTC+7 is always the local date the server checks against.
  function today() { return new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10); }
  function vnDate(iso) { var p = String(iso).split('-'); return p.length === 3 ? p[2] + '/' + p[1] + '/' + p[0] : iso; }
  function vnTime(iso) {
    var d = new Date(iso);
    if (isNaN(d)) return '';
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return two(d.getHours()) + ':' + two(d.getMinutes()) + ', ' + two(d.getDate()) + '/' + two(d.getMonth() + 1);
  }
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    // randomUUID needs Chrome 92+; getRandomValues is everywhere and just as unguessable.
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  // ---------- IndexedDB: outbox (the entries) and cache (campaign, teams, members) ----------

  function openDB() {
    return new Promise(function (resolve, reject) {
      var r = indexedDB.open('caunoi-field', 1);
      r.onupgradeneeded = function () {
        r.result.createObjectStore('outbox', { keyPath: 'id' });
        r.result.createObjectStore('cache', { keyPath: 'k' });
      };
      r.onsuccess = function () { resolve(r.result); };
      r.onerror = function () { reject(r.error); };
    });
  }
  // Resolves when the transaction commits, so "saved" is only shown once the data is really on disk.
  function tx(store, mode, fn) {
    return new Promise(function (resolve, reject) {
      var t = db.transaction(store, mode);
      var out;
      var r = fn(t.objectStore(store));
      if (r && 'onsuccess' in r) r.onsuccess = function () { out = r.result; };
      t.oncomplete = function () { resolve(out); };
      t.onerror = t.onabort = function () { reject(t.error || new Error('IndexedDB')); };
    });
  }
  function cacheGet(k) { return tx('cache', 'readonly', function (s) { return s.get(k); }).then(function (r) { return r ? r.v : null; }); }
  function cachePut(k, v) { return tx('cache', 'readwrite', function (s) { s.put({ k: k, v: v }); }); }

  // ---------- server ----------

  async function api(method, path, body) {
    var opt = { method: method, credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      opt.headers['Content-Type'] = 'application/json';
      opt.body = JSON.stringify(body);
    }
    if (method !== 'GET' && csrf) opt.headers['X-CSRF-Token'] = csrf;
    // A request stuck on a dying 3G link must not hold the sync lock forever; a resend is harmless.
    var ctl = window.AbortController ? new AbortController() : null;
    var stop = ctl ? setTimeout(function () { ctl.abort(); }, 60000) : 0;
    if (ctl) opt.signal = ctl.signal;
    try {
      var r = await fetch(path, opt);
      var data = null;
      if (r.status !== 204) { try { data = await r.json(); } catch (e) { data = null; } }
      return { status: r.status, data: data, retryAfter: Number(r.headers.get('Retry-After')) || 0 };
    } finally {
      clearTimeout(stop);
    }
  }
  function errMsg(r, fallback) {
    return (r && r.data && r.data.error && r.data.error.message) || fallback;
  }

  // ---------- session ----------

  async function setUser(me) {
    var before = readJSON(LS_USER);
    user = { id: me.id, username: me.username, display_name: me.display_name, assignments: me.assignments || [] };
    if (me.csrf_token) csrf = me.csrf_token;
    needLogin = false;
    // Another person on the same phone must not see the previous team's member names.
    if (before && before.id !== user.id) {
      await tx('cache', 'readwrite', function (s) { s.clear(); });
      teams = []; detail = null; present = {}; prefs = {}; writeJSON(LS_PREFS, prefs);
    }
    writeJSON(LS_USER, user);
    try { localStorage.setItem(LS_CSRF, csrf); } catch (e) { /* ignore */ }
  }

  // true: signed in (csrf refreshed); false: session over; null: could not ask (offline).
  async function checkSession() {
    var r;
    try { r = await api('GET', API + '/auth/me'); } catch (e) { return null; }
    if (r.status === 200 && r.data) { await setUser(r.data); return true; }
    if (r.status === 401) { sessionEnded(); return false; }
    return null;
  }

  function sessionEnded() {
    needLogin = true;
    csrf = '';
    try { localStorage.removeItem(LS_CSRF); } catch (e) { /* ignore */ }
    clearTimeout(timer);
    showLogin('Phiên đăng nhập đã hết. Các bản ghi chưa gửi vẫn được giữ trên máy và sẽ được gửi sau khi bạn đăng nhập lại.');
  }

  function showLogin(note) {
    show('loading', false);
    show('main-view', false);
    show('login-view', true);
    text('login-note', note || '');
    show('login-note', !!note);
    show('continue-offline', !!user);
    if (user && !$('username').value) $('username').value = user.username;
    renderStatus();
  }

  function showMain() {
    show('loading', false);
    show('login-view', false);
    show('main-view', true);
    text('who', user ? (user.display_name || user.username) : '');
    renderStatus();
  }

  async function login(ev) {
    ev.preventDefault();
    var name = $('username').value.trim(), pass = $('password').value;
    var fail = function (msg) { text('login-error', msg); show('login-error', true); };
    show('login-error', false);
    if (!name || !pass) return fail('Hãy nhập tên đăng nhập và mật khẩu.');
    if (navigator.onLine === false) return fail('Cần có mạng để đăng nhập. Hãy thử lại khi có sóng.');
    $('login-btn').disabled = true;
    try {
      var r = await api('POST', API + '/auth/login', { username: name, password: pass });
      if (r.status === 403) {
        // A still-valid session cookie without its CSRF token (storage was cleared): end it, then sign in afresh.
        if (await checkSession()) { try { await api('POST', API + '/auth/logout'); } catch (e) { /* ignore */ } }
        r = await api('POST', API + '/auth/login', { username: name, password: pass });
      }
      if (r.status === 200 && r.data) {
        $('password').value = '';
        await setUser(r.data);
        await loadCached();
        showMain();
        await refreshData();
        await refreshOutbox();
        failures = 0;
        sync();
      } else if (r.status === 429) {
        var mins = Math.max(1, Math.ceil((r.retryAfter || 900) / 60));
        fail(errMsg(r, 'Đăng nhập sai quá nhiều lần.') + ' Thử lại sau khoảng ' + mins + ' phút.');
      } else if (r.status === 401) {
        fail(errMsg(r, 'Sai tên đăng nhập hoặc mật khẩu.'));
      } else {
        fail(errMsg(r, 'Máy chủ đang gặp sự cố (mã ' + r.status + '). Hãy thử lại sau.'));
      }
    } catch (e) {
      fail('Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.');
    } finally {
      $('login-btn').disabled = false;
    }
  }

  async function logout() {
    var waiting = pendingCount();
    if (waiting && !window.confirm('Còn ' + waiting + ' bản ghi chưa gửi. Chúng vẫn được giữ trên máy và sẽ được gửi khi bạn đăng nhập lại. Đăng xuất?')) return;
    try { await api('POST', API + '/auth/logout'); } catch (e) { /* offline: the cookie expires on its own */ }
    // Member names are personal data: do not leave them on a phone that may be handed on.
    await tx('cache', 'readwrite', function (s) { s.clear(); });
    [LS_USER, LS_CSRF, LS_PREFS].forEach(function (k) { try { localStorage.removeItem(k); } catch (e) { /* ignore */ } });
    user = null; csrf = ''; needLogin = false; teams = []; detail = null; campaign = null; campaigns = []; present = {}; prefs = {}; outbox = [];
    show('visits', false); show('guides', false); show('moves', false);
    clearTimeout(timer);
    $('username').value = '';
    showLogin('');
  }

  // ---------- reference data ----------

  async function loadCached() {
    campaigns = (await cacheGet('campaigns')) || [];
    pickCampaign();
    teams = (await cacheGet('teams')) || [];
    renderCounters();
    await renderTeams();
    await renderVisits();
    await renderMoves();
    await renderGuides();
  }

  // Best effort: offline, or a slow link, simply leaves the cached copy in place.
  async function refreshData() {
    try {
      var c = await api('GET', API + '/campaigns');
      if (c.status === 401) return sessionEnded();
      if (c.status === 200 && Array.isArray(c.data)) {
        campaigns = c.data.filter(function (x) { return x.status === 'active'; });
        await cachePut('campaigns', campaigns);
        pickCampaign();
      }
      var t = await api('GET', API + '/teams?per=200');
      if (t.status === 200 && t.data && Array.isArray(t.data.items)) {
        teams = t.data.items;
        await cachePut('teams', teams);
      }
      // Procedure guides, public and small: kept on the phone so "what to bring" is there offline.
      var g = await api('GET', API + '/guides');
      if (g.status === 200 && Array.isArray(g.data)) await cachePut('guides', g.data);
      // Home visits waiting for this team: kept on the phone so the list (and who to call) is there offline.
      var h = await api('GET', API + '/help-requests');
      if (h.status === 200 && Array.isArray(h.data)) await cachePut('visits', h.data);
      // Moves awaiting this volunteer's (or this leader's) answer.
      var m = await api('GET', API + '/moves');
      if (m.status === 200 && Array.isArray(m.data)) await cachePut('moves', m.data);
      // Members of every team when there are few; an admin seeing hundreds only loads the one chosen.
      var ids = teams.length <= 10 ? teams.map(function (x) { return x.id; }) : [selectedTeamId()];
      for (var i = 0; i < ids.length; i++) if (ids[i]) await fetchTeam(ids[i]);
    } catch (e) { /* keep the cache */ }
    renderCounters();
    await renderTeams();
    await renderVisits();
    await renderMoves();
    await renderGuides();
  }

  async function renderMoves() {
    var list = (await cacheGet('moves')) || [], box = $('move-list');
    box.textContent = '';
    list.forEach(function (m) {
      var li = el('li', { 'data-testid': 'move', 'data-id': m.id });
      li.appendChild(el('div', null, m.volunteer_name + ' → ' + m.team_name + ', ' + m.commune_name));
      li.appendChild(el('div', null, 'Từ ' + m.start + (m.until ? ' đến ' + m.until : '')));
      li.appendChild(el('div', { class: 'muted' }, 'Vì: ' + m.reasons));
      var yes = el('button', { type: 'button', 'data-testid': 'move-accept' }, 'Nhận');
      var no = el('button', { type: 'button', class: 'secondary', 'data-testid': 'move-decline' }, 'Từ chối');
      yes.addEventListener('click', function () { answerMove(m, 'accept', li); });
      no.addEventListener('click', function () { answerMove(m, 'decline', li); });
      li.appendChild(yes); li.appendChild(document.createTextNode(' ')); li.appendChild(no);
      box.appendChild(li);
    });
    show('moves', list.length > 0 || $('move-msg').textContent !== '');
  }

  async function answerMove(m, answer, li) {
    var msg = $('move-msg');
    li.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
    try {
      var r = await api('POST', API + '/moves/' + encodeURIComponent(m.id) + '/answer', { answer: answer });
      if (r.status === 200) {
        msg.textContent = answer === 'accept' ? 'Đã nhận điều động: ' + m.volunteer_name + ' vào ' + m.team_name + ' từ ' + m.start + '.'
          : (r.data && r.data.reproposed > 0 ? 'Đã từ chối. Ban điều phối đã có đề xuất người khác.'
            : 'Đã từ chối. Trong tỉnh chưa có người phù hợp khác; Ban điều phối sẽ tìm thêm.');
        var left = ((await cacheGet('moves')) || []).filter(function (x) { return x.id !== m.id; });
        await cachePut('moves', left);
        await renderMoves();
        return;
      }
      if (r.status === 401) return sessionEnded();
      msg.textContent = errMsg(r, 'Chưa trả lời được (mã ' + r.status + ').');
    } catch (e) {
      msg.textContent = 'Không có mạng: hãy trả lời khi có sóng.';
    }
    li.querySelectorAll('button').forEach(function (b) { b.disabled = false; });
  }

  // Accents, đ and case folded, so "khai sinh" finds "Khai sinh" and "dang ky" finds "Đăng ký".
  function fold(t) {
    return String(t || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  }

  async function renderGuides() {
    var all = (await cacheGet('guides')) || [], box = $('guide-list');
    var words = fold($('guide-q').value).split(/\s+/).filter(Boolean);
    box.textContent = '';
    var shown = all.filter(function (g) {
      var text = fold(g.title + ' ' + (g.documents || []).join(' '));
      return words.every(function (w) { return text.indexOf(w) >= 0; });
    }).slice(0, words.length ? 20 : 5);
    shown.forEach(function (g) {
      var li = el('li', { 'data-testid': 'guide' });
      li.appendChild(el('b', null, g.title));
      var bring = el('ul');
      (g.documents || []).forEach(function (d) { bring.appendChild(el('li', null, d)); });
      li.appendChild(el('div', null, 'Cần mang theo:'));
      li.appendChild(bring);
      li.appendChild(el('div', { class: 'muted' }, 'Nguồn: ' + g.source_url + ' · kiểm tra ngày ' + vnDate(g.checked_on)));
      box.appendChild(li);
    });
    show('guides', all.length > 0);
  }

  async function renderVisits() {
    var list = (await cacheGet('visits')) || [], box = $('visit-list');
    box.textContent = '';
    list.forEach(function (v) {
      var li = el('li', { 'data-testid': 'visit', 'data-id': v.id });
      li.appendChild(el('div', null, v.reference + ' · ' + v.status_name + ' · ' + v.commune_name));
      li.appendChild(el('div', null, 'Cần: ' + v.needs + ' · ' + v.window + (v.visit ? ' · hẹn ' + v.visit : '')));
      if (v.call_name || v.phone) {
        var who = el('div', null, 'Gọi: ' + (v.call_name || '') + ' ');
        if (v.phone) who.appendChild(el('a', { href: 'tel:' + v.phone }, v.phone));
        li.appendChild(who);
      }
      if (v.address) li.appendChild(el('div', null, 'Địa chỉ: ' + v.address));
      li.appendChild(el('a', { href: '/de-nghi-ho-tro', 'data-testid': 'visit-link' }, 'Hẹn lịch, đóng đề nghị trên web'));
      box.appendChild(li);
    });
    show('visits', list.length > 0);
  }

  async function fetchTeam(id) {
    var r = await api('GET', API + '/teams/' + encodeURIComponent(id));
    if (r.status !== 200 || !r.data) return null;
    await cachePut('team:' + id, r.data);
    var t = r.data, codes = [t.home_commune_code].concat(t.covered_communes || []);
    for (var i = 0; i < codes.length; i++) {
      if (!codes[i] || (await cacheGet('unit:' + codes[i]))) continue;
      var u = await api('GET', API + '/org-units/' + encodeURIComponent(codes[i]));
      if (u.status === 200 && u.data && u.data.name) await cachePut('unit:' + codes[i], u.data.name);
    }
    return r.data;
  }

  function selectedTeamId() { return $('team').value || prefs.team || ''; }

  async function renderTeams() {
    var sel = $('team'), keep = selectedTeamId();
    sel.textContent = '';
    if (teams.length !== 1) sel.appendChild(el('option', { value: '' }, '— Chọn đội hình —'));
    teams.forEach(function (t) { sel.appendChild(el('option', { value: t.id }, t.name + (t.code ? ' (' + t.code + ')' : ''))); });
    var ids = teams.map(function (t) { return t.id; });
    sel.value = ids.indexOf(keep) >= 0 ? keep : (teams.length === 1 ? teams[0].id : '');
    show('no-team', teams.length === 0);
    await onTeamChange();
  }

  async function onTeamChange() {
    var id = $('team').value;
    if (id !== prefs.team) { prefs.team = id; prefs.commune = ''; writeJSON(LS_PREFS, prefs); }
    pickCampaign();   // the team's province decides which campaigns it may record for
    renderCounters();
    detail = id ? await cacheGet('team:' + id) : null;
    if (id && !detail && navigator.onLine !== false) {
      try { detail = await fetchTeam(id); } catch (e) { detail = null; }
    }
    var t = detail || teams.filter(function (x) { return x.id === id; })[0] || null;
    var sel = $('commune');
    sel.textContent = '';
    if (t) {
      var codes = [t.home_commune_code].concat(t.covered_communes || []).filter(function (c, i, a) { return c && a.indexOf(c) === i; });
      for (var i = 0; i < codes.length; i++) {
        var name = await cacheGet('unit:' + codes[i]);
        sel.appendChild(el('option', { value: codes[i] }, (name || 'Xã') + ' (' + codes[i] + ')' + (i === 0 ? ' — địa bàn chính' : '')));
      }
      sel.value = codes.indexOf(prefs.commune) >= 0 ? prefs.commune : codes[0];
    }
    renderMembers();
  }

  function renderMembers() {
    var d = $('date').value || today(), seen = {}, list = [];
    ((detail && detail.members) || []).forEach(function (m) {
      // Only people on the team on that day: the server refuses anyone else.
      if (m.from <= d && (!m.to || d <= m.to) && !seen[m.volunteer_id]) { seen[m.volunteer_id] = 1; list.push(m); }
    });
    list.sort(function (a, b) { return a.full_name.localeCompare(b.full_name, 'vi'); });
    // Ticks survive a date change (a mistyped date must not wipe them); only listed people are sent.
    listed = seen;
    var box = $('members');
    box.textContent = '';
    list.forEach(function (m) {
      var lab = el('label', { class: 'choice', for: 'vol-' + m.volunteer_id });
      var box2 = el('input', { type: 'checkbox', id: 'vol-' + m.volunteer_id, value: m.volunteer_id, 'data-testid': 'member' });
      box2.checked = !!present[m.volunteer_id];
      lab.appendChild(box2);
      lab.appendChild(document.createTextNode(' ' + m.full_name));
      box.appendChild(lab);
    });
    var why = $('team').value && list.length === 0 ? noMembersReason(d) : '';
    text('no-members', why);
    show('no-members', !!why);
    show('all-present', list.length > 0);
    markChoices();
  }

  // Names the real reason an empty list is empty, so a leader knows whether to find signal, fix a joining day
  // or pick another date, instead of always blaming the network.
  function noMembersReason(d) {
    if (!detail || !detail.members) {
      return navigator.onLine === false
        ? 'Chưa có danh sách thành viên của đội trên máy này: cần có mạng một lần để tải.'
        : 'Không tải được danh sách thành viên của đội. Hãy thử lại sau ít phút.';
    }
    if (campaign && (d < campaign.start_date || (campaign.end_date && d > campaign.end_date))) {
      return 'Ngày ' + vnDate(d) + ' nằm ngoài đợt ' + campaign.name + ' (' + vnDate(campaign.start_date) +
        (campaign.end_date ? ' – ' + vnDate(campaign.end_date) : '') + ').';
    }
    if (detail.members.length === 0) return 'Đội chưa có thành viên nào. Cán bộ xã hoặc đội trưởng thêm thành viên ở trang của đội.';
    var first = detail.members.map(function (m) { return m.from; }).sort()[0];
    if (d < first) {
      return 'Ngày ' + vnDate(d) + ' chưa có ai trong đội: người vào sớm nhất từ ' + vnDate(first) +
        '. Nếu ngày vào đội ghi muộn, sửa ngày vào đội ở trang của đội.';
    }
    return 'Ngày ' + vnDate(d) + ' không có ai trong đội (các thành viên đã rời đội trước ngày này).';
  }

  // Checked state is mirrored as a class because old browsers lack :has().
  function markChoices() {
    var boxes = document.querySelectorAll('.choice input');
    for (var i = 0; i < boxes.length; i++) boxes[i].parentNode.classList.toggle('on', boxes[i].checked);
    var n = ticked().length;
    text('present-count', n ? '(' + n + ' người)' : '');
  }

  function ticked() { return Object.keys(present).filter(function (k) { return listed[k]; }); }

  // The campaigns an entry can go to: running on the chosen day in the team's province. With several, the leader
  // chooses (remembered); with none, the campaigns of the province (for the counters) and a message naming why.
  function pickCampaign() {
    var d = /^\d{4}-\d{2}-\d{2}$/.test($('date').value) ? $('date').value : today();
    var t = teams.filter(function (x) { return x.id === $('team').value; })[0];
    var here = campaigns.filter(function (x) { return !t || !x.provinces || x.provinces.indexOf(t.province_code) >= 0; });
    var open = here.filter(function (x) { return x.start_date <= d && (!x.end_date || d <= x.end_date); });
    var list = open.length ? open : here;
    var sel = $('campaign');
    sel.textContent = '';
    list.forEach(function (x) { sel.appendChild(el('option', { value: x.code }, x.name)); });
    var keep = list.filter(function (x) { return x.code === prefs.campaign; })[0];
    campaign = keep || list[0] || null;
    if (campaign) sel.value = campaign.code;
    show('campaign-box', list.length > 1);
    var none = campaigns.length > 0 && open.length === 0;
    text('no-campaign', !none ? '' : here.length === 0
      ? 'Không có chiến dịch nào triển khai tại tỉnh của đội này. Hãy hỏi cán bộ Đoàn phụ trách.'
      : 'Ngày ' + vnDate(d) + ' không thuộc chiến dịch nào đang nhận số liệu tại tỉnh của đội (' +
        here.map(function (x) { return x.name + ': ' + vnDate(x.start_date) + (x.end_date ? ' – ' + vnDate(x.end_date) : ''); }).join('; ') + ').');
    show('no-campaign', none);
  }

  function renderCounters() {
    var box = $('counters');
    if (box.getAttribute('data-for') === (campaign ? campaign.code : '')) return;
    box.setAttribute('data-for', campaign ? campaign.code : '');
    box.textContent = '';
    ((campaign && campaign.categories) || []).forEach(function (c) { if (!c.retired) box.appendChild(counterRow(c.code, c.name, 'inc', 'dec')); });
    if (!campaign) box.appendChild(el('p', { class: 'muted' }, 'Chưa tải được danh mục hỗ trợ (cần mạng lần đầu).'));
    var ben = $('ben-counters');
    if (!ben.firstChild) BEN.forEach(function (b) { ben.appendChild(counterRow('b-' + b[0], b[1], 'ben-inc', 'ben-dec')); });
    updateTotal();
    checkDate();
  }

  function counterRow(code, name, inc, dec) {
    var row = el('div', { class: 'counter' });
    row.appendChild(el('span', { id: 'lbl-' + code }, name));
    row.appendChild(el('button', { type: 'button', id: 'dec-' + code, 'data-testid': dec, 'data-step': '-1', 'data-code': code, 'aria-label': 'Bớt 1: ' + name }, '−'));
    row.appendChild(el('input', { type: 'text', inputmode: 'numeric', pattern: '[0-9]*', id: 'count-' + code, 'data-testid': 'count', 'data-code': code, value: '0', autocomplete: 'off', 'aria-labelledby': 'lbl-' + code }));
    row.appendChild(el('button', { type: 'button', id: 'inc-' + code, 'data-testid': inc, 'data-step': '1', 'data-code': code, 'aria-label': 'Thêm 1: ' + name }, '+'));
    return row;
  }

  function countOf(code) {
    var n = parseInt($('count-' + code).value, 10);
    return isNaN(n) || n < 0 ? 0 : Math.min(n, MAX_COUNT);
  }

  function onCounterClick(ev) {
    var b = ev.target.closest ? ev.target.closest('button[data-step]') : null;
    if (!b) return;
    var code = b.getAttribute('data-code');
    $('count-' + code).value = String(Math.max(0, Math.min(MAX_COUNT, countOf(code) + Number(b.getAttribute('data-step')))));
    updateTotal();
  }

  function readCounts(prefix) {
    var out = {}, inputs = document.querySelectorAll('#' + (prefix ? 'ben-counters' : 'counters') + ' input');
    for (var i = 0; i < inputs.length; i++) {
      var code = inputs[i].getAttribute('data-code'), n = countOf(code);
      if (n > 0) out[prefix ? code.slice(2) : code] = n; // zeros are left out, as the server expects
    }
    return out;
  }

  function sum(o) { return Object.keys(o).reduce(function (a, k) { return a + o[k]; }, 0); }

  function updateTotal() {
    text('total', String(sum(readCounts(false))));
    var inputs = document.querySelectorAll('.counter input');
    for (var i = 0; i < inputs.length; i++) inputs[i].parentNode.classList.toggle('nz', countOf(inputs[i].getAttribute('data-code')) > 0);
  }

  function checkDate() {
    var d = $('date').value, msg = '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) msg = 'Hãy chọn ngày hỗ trợ.';
    else if (d > today()) msg = 'Không thể ghi cho ngày trong tương lai.';
    else if (campaign && (d < campaign.start_date || (campaign.end_date && d > campaign.end_date))) {
      msg = 'Ngày nằm ngoài thời gian chiến dịch (' + vnDate(campaign.start_date) + ' – ' + (campaign.end_date ? vnDate(campaign.end_date) : 'nay') + ').';
    }
    text('date-warn', msg);
    show('date-warn', !!msg);
    return msg;
  }

  // A rough mirror of the server's screen for phone and CCCD numbers, so the leader can fix the note
  // before leaving the village instead of getting a rejection later.
  function personalData(note) {
    var digits = note.replace(/(\d)[ .-](?=\d)/g, '$1');
    return /(^|\D)(\+?84|0)\d{8,10}(\D|$)/.test(digits) || /(^|\D)\d{12}(\D|$)/.test(digits);
  }

  // ---------- saving ----------

  async function save(ev) {
    ev.preventDefault();
    var fail = function (msg) { text('form-error', msg); show('form-error', true); };
    // Hidden at once, so "Đã lưu trên máy" always refers to this tap, never to the previous one.
    show('saved', false);
    show('form-error', false);
    if (!user) return fail('Hãy đăng nhập trước.');
    var teamId = $('team').value;
    var team = detail || teams.filter(function (x) { return x.id === teamId; })[0];
    if (!teamId || !team) return fail('Hãy chọn đội hình.');
    if (!$('commune').value) return fail('Hãy chọn xã, phường nơi hỗ trợ.');
    var dateMsg = checkDate();
    if (dateMsg) return fail(dateMsg);
    var counts = readCounts(false), total = sum(counts);
    if (!total) return fail('Hãy ghi ít nhất một lượt hỗ trợ (bấm nút + ở danh mục tương ứng).');
    var ben = readCounts(true);
    for (var k in ben) if (ben[k] > total) return fail('Số người trong nhóm đối tượng không được lớn hơn tổng số lượt (' + total + ').');
    var note = $('note').value.trim();
    if (note.length > 280) return fail('Ghi chú dài quá 280 ký tự.');
    if (personalData(note)) return fail('Ghi chú có vẻ chứa số điện thoại hoặc số CCCD. Không ghi thông tin cá nhân của người dân.');
    var place = document.querySelector('input[name=place]:checked');

    var entry = {
      id: uuid(),
      team_id: teamId,
      commune_code: $('commune').value,
      date: $('date').value,
      volunteer_ids: ticked(),
      counts: counts,
      place: place ? place.value : 'service_centre',
      languages: ['vi']
    };
    if (sum(ben)) entry.beneficiaries = ben;
    if (note) entry.note = note;
    var rec = { id: entry.id, uid: user.id, campaign: campaign ? campaign.code : null, status: 'pending',
      created: new Date().toISOString(), team_name: team.name, payload: entry };

    $('save').disabled = true;
    try {
      var replaced = editingId;
      await tx('outbox', 'readwrite', function (s) {
        s.put(rec);
        if (replaced) s.delete(replaced); // the corrected copy goes out under a new id
      });
    } catch (e) {
      return fail('Không lưu được trên máy: ' + (e && e.message ? e.message : e));
    } finally {
      $('save').disabled = false;
    }
    stopEditing();
    resetCounts();
    show('saved', true);
    clearTimeout(save.t);
    save.t = setTimeout(function () { show('saved', false); }, 5000);
    await refreshOutbox();
    failures = 0;
    sync();
    if (swReg && swReg.sync) swReg.sync.register('caunoi-sync').catch(function () { /* optional */ });
  }

  function resetCounts() {
    var inputs = document.querySelectorAll('.counter input');
    for (var i = 0; i < inputs.length; i++) inputs[i].value = '0';
    $('note').value = '';
    updateTotal();
  }

  function stopEditing() { editingId = null; show('editing', false); }

  async function startEditing(id) {
    var rec = outbox.filter(function (e) { return e.id === id; })[0];
    if (!rec) return;
    var p = rec.payload;
    if (teams.some(function (t) { return t.id === p.team_id; })) {
      $('team').value = p.team_id;
      prefs.commune = p.commune_code;
      await onTeamChange();
      $('commune').value = p.commune_code;
    }
    $('date').value = p.date;
    present = {};
    (p.volunteer_ids || []).forEach(function (v) { present[v] = true; });
    renderMembers();
    var radio = $('place-' + p.place);
    if (radio) radio.checked = true;
    resetCounts();
    Object.keys(p.counts || {}).forEach(function (c) { if ($('count-' + c)) $('count-' + c).value = String(p.counts[c]); });
    Object.keys(p.beneficiaries || {}).forEach(function (c) { if ($('count-b-' + c)) $('count-b-' + c).value = String(p.beneficiaries[c]); });
    if (p.beneficiaries) $('extra').open = true;
    $('note').value = p.note || '';
    updateTotal();
    markChoices();
    checkDate();
    editingId = id;
    show('editing', true);
    window.scrollTo(0, 0);
  }

  async function removeEntry(id) {
    if (!window.confirm('Xoá bản ghi này khỏi máy? Bản ghi sẽ không được gửi.')) return;
    if (editingId === id) stopEditing();
    await tx('outbox', 'readwrite', function (s) { s.delete(id); });
    await refreshOutbox();
  }

  // ---------- outbox view ----------

  async function refreshOutbox() {
    if (!db) return;
    var all = await tx('outbox', 'readonly', function (s) { return s.getAll(); });
    outbox = user ? all.filter(function (e) { return e.uid === user.id; }) : [];
    renderStatus();
    renderLists();
  }

  function pendingCount() { return outbox.filter(function (e) { return e.status === 'pending'; }).length; }

  function renderStatus() {
    var on = navigator.onLine !== false;
    text('net', on ? 'Có mạng' : 'Mất mạng');
    $('net').classList.toggle('off', !on);
    var n = pendingCount();
    var p = $('pending');
    p.setAttribute('data-count', String(n));
    p.textContent = n + ' bản ghi đang chờ gửi' + (syncing && n ? ' — đang gửi…' : (syncNote && n ? ' — ' + syncNote : ''));
    $('bar').classList.toggle('has-pending', n > 0);
    var last = localStorage.getItem(LS_SYNC);
    text('last-sync', last ? 'Gửi thành công lần cuối: ' + vnTime(last) : 'Chưa gửi lần nào');
    var bad = outbox.filter(function (e) { return e.status === 'rejected' || e.status === 'conflict'; }).length;
    var pc = $('problem-count');
    pc.setAttribute('data-count', String(bad));
    pc.textContent = bad + ' bản ghi cần sửa';
    pc.hidden = !bad;
    show('relogin', !!user && needLogin);
    show('sync-now', !!user && !needLogin && n > 0);
  }

  function summary(e) {
    var p = e.payload, total = sum(p.counts || {});
    return (e.team_name || 'Đội hình') + ' · ' + vnDate(p.date) + ' · ' + total + ' lượt · ' + (PLACES[p.place] || p.place);
  }

  function fieldName(path) {
    var f = String(path || '').replace(/^entries\[\d+\]\./, '').split(/[.[]/)[0];
    return FIELDS[f] || f;
  }

  function renderLists() {
    var bad = outbox.filter(function (e) { return e.status === 'rejected' || e.status === 'conflict'; });
    var list = $('problem-list');
    list.textContent = '';
    bad.forEach(function (e) {
      var li = el('li', { class: 'bad', 'data-testid': 'problem', 'data-id': e.id });
      li.appendChild(el('div', null, summary(e)));
      var err = e.error || {};
      var fields = err.fields || [];
      if (fields.length) {
        var ul = el('ul');
        fields.forEach(function (f) { ul.appendChild(el('li', { class: 'error' }, fieldName(f.field) + ': ' + f.message)); });
        li.appendChild(ul);
      } else {
        li.appendChild(el('p', { class: 'error' }, err.message || 'Máy chủ không nhận bản ghi này.'));
      }
      var acts = el('div', { class: 'acts' });
      acts.appendChild(el('button', { type: 'button', 'data-act': 'edit', 'data-id': e.id, 'data-testid': 'edit-entry' }, 'Sửa'));
      acts.appendChild(el('button', { type: 'button', 'data-act': 'delete', 'data-id': e.id, 'data-testid': 'delete-entry' }, 'Xoá'));
      li.appendChild(acts);
      list.appendChild(li);
    });
    show('problems', bad.length > 0);

    var waiting = outbox.filter(function (e) { return e.status === 'pending'; });
    var q = $('queue-list');
    q.textContent = '';
    waiting.slice(0, 50).forEach(function (e) {
      q.appendChild(el('li', { 'data-testid': 'queued', 'data-id': e.id }, summary(e) + ' · lưu lúc ' + vnTime(e.created)));
    });
    if (waiting.length > 50) q.appendChild(el('li', null, '… và ' + (waiting.length - 50) + ' bản ghi khác'));
    show('queue', waiting.length > 0);

    // What this phone sent, newest first, each with the web page where it is corrected and its history read.
    var sent = outbox.filter(function (e) { return e.status === 'sent'; })
      .sort(function (a, b) { return String(b.payload.date + b.sent).localeCompare(String(a.payload.date + a.sent)); });
    var sl = $('sent-list');
    sl.textContent = '';
    sent.slice(0, 100).forEach(function (e) {
      var li = el('li', { 'data-testid': 'sent-entry', 'data-id': e.id });
      li.appendChild(el('div', null, summary(e) + ' · gửi lúc ' + vnTime(e.sent)));
      li.appendChild(el('a', { href: '/ban-ghi/' + e.id, 'data-testid': 'sent-link' }, 'Xem, sửa trên web'));
      sl.appendChild(li);
    });
    show('sent', sent.length > 0);
  }

  function onListClick(ev) {
    var b = ev.target.closest ? ev.target.closest('button[data-act]') : null;
    if (!b) return;
    if (b.getAttribute('data-act') === 'edit') startEditing(b.getAttribute('data-id'));
    else removeEntry(b.getAttribute('data-id'));
  }

  // ---------- sync ----------

  // The lock: one sync at a time in this tab, and across tabs where the Web Locks API exists,
  // so the same entry is never in two requests at once.
  function sync() {
    if (!user || needLogin || !db) return Promise.resolve();
    if (syncing) { again = true; return Promise.resolve(); }
    syncing = true; // claimed at once, so two quick calls cannot both start before the lock is granted
    if (navigator.locks && navigator.locks.request) {
      return navigator.locks.request('caunoi-sync', { ifAvailable: true }, function (lock) {
        if (lock) return runSync();
        // Another tab is sending; it loops until nothing is pending, but look again shortly in case it just finished.
        syncing = false;
        clearTimeout(timer);
        timer = setTimeout(sync, 3000 + Math.random() * 4000);
        return null;
      }).catch(function () { syncing = false; schedule(0); });
    }
    return runSync();
  }

  async function runSync() {
    syncing = true;
    syncNote = '';
    renderStatus();
    var retry = false, wait = 0, csrfRetried = false;
    try {
      for (;;) {
        if (!user || needLogin) break;
        await refreshOutbox();
        var waiting = outbox.filter(function (e) { return e.status === 'pending'; })
          .sort(function (a, b) { return a.created < b.created ? -1 : 1; });
        if (!waiting.length) break;
        if (navigator.onLine === false) { retry = true; break; }
        // One campaign per request: the server checks every entry against the campaign named in the call.
        var camp = waiting[0].campaign;
        var batch = waiting.filter(function (e) { return e.campaign === camp; }).slice(0, BATCH);
        var body = { entries: batch.map(function (e) { return e.payload; }) };
        if (camp) body.campaign = camp;
        var r;
        try { r = await api('POST', API + '/support-entries/batch', body); } catch (e) { retry = true; break; }
        if (r.status === 401) { sessionEnded(); break; }
        if (r.status === 403 && !csrfRetried) {
          // Most likely a stale CSRF token (signed in again elsewhere): fetch the current one and try once more.
          csrfRetried = true;
          var ok = await checkSession();
          if (ok) continue;
          if (ok === false) break;
        }
        if (r.status !== 200 || !r.data || !Array.isArray(r.data.results)) {
          retry = true;
          wait = r.retryAfter;
          syncNote = r.status === 429 || r.status >= 500 ? 'máy chủ bận, sẽ thử lại' : errMsg(r, 'lỗi ' + r.status + ', sẽ thử lại');
          break;
        }
        var changed = await applyResults(batch, r.data.results);
        failures = 0;
        try { localStorage.setItem(LS_SYNC, new Date().toISOString()); } catch (e) { /* ignore */ }
        if (!changed) { retry = true; break; } // never spin on an answer that matched nothing
      }
    } catch (e) {
      retry = true;
    } finally {
      syncing = false;
    }
    await refreshOutbox();
    // Something was saved during the run: send it now, unless the run just failed (then the back-off decides).
    if (again && !retry) { again = false; return runSync(); }
    again = false;
    clearTimeout(timer);
    timer = 0;
    if (user && !needLogin && pendingCount() > 0) schedule(retry ? wait : 0);
    renderStatus();
  }

  async function applyResults(batch, results) {
    var byId = {}, changed = 0, now = new Date().toISOString();
    results.forEach(function (x) { if (x && x.id) byId[String(x.id).toLowerCase()] = x; });
    await tx('outbox', 'readwrite', function (s) {
      batch.forEach(function (e, i) {
        // Answers come in request order; the id check guards against a server that ever reorders them.
        var x = results[i] && (!results[i].id || String(results[i].id).toLowerCase() === e.id) ? results[i] : byId[e.id];
        if (!x) return;
        var req = s.get(e.id);
        req.onsuccess = function () {
          var cur = req.result;
          if (!cur || cur.status !== 'pending') return; // deleted or already settled meanwhile
          if (x.status === 'created' || x.status === 'duplicate') {
            cur.status = 'sent'; cur.sent = now; cur.error = null;
          } else if (x.status === 'rejected' || x.status === 'conflict') {
            cur.status = x.status; cur.error = x.error || { message: 'Máy chủ không nhận bản ghi này.', fields: [] };
          } else {
            return;
          }
          changed++;
          s.put(cur);
        };
      });
    });
    return changed;
  }

  // Exponential back-off from 5 s to 5 min with ±25 % jitter, so phones that get signal back at the same
  // moment do not all hit the server in step.
  function schedule(minSeconds) {
    clearTimeout(timer);
    var delay = Math.min(300000, 5000 * Math.pow(2, Math.min(failures, 10)));
    failures++;
    delay = delay * (0.75 + Math.random() * 0.5);
    if (minSeconds) delay = Math.max(delay, minSeconds * 1000);
    timer = setTimeout(sync, delay);
  }

  // Sent entries are kept 14 days so the leader can check and correct what this phone sent; then they go.
  function prune() {
    var cutoff = new Date(Date.now() - 14 * 864e5).toISOString();
    return tx('outbox', 'readwrite', function (s) {
      var r = s.openCursor();
      r.onsuccess = function () {
        var c = r.result;
        if (!c) return;
        if (c.value.status === 'sent' && c.value.sent < cutoff) c.delete();
        c.continue();
      };
    });
  }

  // ---------- start ----------

  function registerWorker() {
    if (!('serviceWorker' in navigator)) return;
    var hadController = !!navigator.serviceWorker.controller;
    navigator.serviceWorker.register('/field/sw.js', { scope: '/field/' }).then(function (reg) { swReg = reg; })
      .catch(function () { /* the app still works online without it */ });
    navigator.serviceWorker.addEventListener('controllerchange', function () { if (hadController) show('update', true); });
    // Background Sync wakes the worker when the connection returns; it asks an open page to send.
    // It also fires right after registering when online, so it must not cut the back-off short during a run.
    navigator.serviceWorker.addEventListener('message', function (ev) { if (ev.data === 'sync' && !syncing) sync(); });
  }

  function bind() {
    $('login-form').addEventListener('submit', login);
    $('continue-offline').addEventListener('click', function () { if (user) showMain(); });
    $('relogin-btn').addEventListener('click', function () { showLogin('Đăng nhập lại để gửi các bản ghi đang chờ.'); });
    $('logout').addEventListener('click', logout);
    $('update-btn').addEventListener('click', function () { location.reload(); });
    $('sync-now').addEventListener('click', function () { failures = 0; sync(); });
    $('entry-form').addEventListener('submit', save);
    $('team').addEventListener('change', function () { present = {}; onTeamChange(); });
    $('commune').addEventListener('change', function () { prefs.commune = $('commune').value; writeJSON(LS_PREFS, prefs); });
    $('guide-q').addEventListener('input', function () { renderGuides(); });
    $('date').addEventListener('change', function () { pickCampaign(); renderCounters(); checkDate(); renderMembers(); });
    $('campaign').addEventListener('change', function () {
      prefs.campaign = $('campaign').value; writeJSON(LS_PREFS, prefs); pickCampaign(); renderCounters(); checkDate();
    });
    $('places').addEventListener('change', function (ev) { prefs.place = ev.target.value; writeJSON(LS_PREFS, prefs); markChoices(); });
    $('members').addEventListener('change', function (ev) {
      if (ev.target.checked) present[ev.target.value] = true; else delete present[ev.target.value];
      markChoices();
    });
    $('all-present').addEventListener('click', function () {
      var boxes = $('members').querySelectorAll('input');
      for (var i = 0; i < boxes.length; i++) { boxes[i].checked = true; present[boxes[i].value] = true; }
      markChoices();
    });
    $('counters').addEventListener('click', onCounterClick);
    $('ben-counters').addEventListener('click', onCounterClick);
    $('entry-form').addEventListener('input', function (ev) { if (ev.target.getAttribute('data-code')) updateTotal(); });
    // Enter (the "Go" key) in a counter would submit the form by accident.
    $('entry-form').addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' && ev.target.getAttribute('data-code')) ev.preventDefault();
    });
    $('cancel-edit').addEventListener('click', function () { stopEditing(); resetCounts(); });
    $('problem-list').addEventListener('click', onListClick);
    window.addEventListener('online', function () { failures = 0; renderStatus(); sync(); });
    window.addEventListener('offline', renderStatus);
    document.addEventListener('visibilitychange', function () { if (!document.hidden) sync(); });
  }

  async function start() {
    bind();
    registerWorker();
    $('date').value = today();
    $('date').max = today();
    if (prefs.place && $('place-' + prefs.place)) $('place-' + prefs.place).checked = true;
    try {
      db = await openDB();
      await prune();
    } catch (e) {
      show('loading', false);
      text('loading', 'Trình duyệt không cho lưu dữ liệu trên máy (IndexedDB). Hãy tắt chế độ ẩn danh hoặc dùng Chrome.');
      show('loading', true);
      return;
    }
    user = readJSON(LS_USER);
    csrf = localStorage.getItem(LS_CSRF) || '';
    if (user) {
      // Offline-first: show what is on the phone at once, then ask the server.
      await loadCached();
      showMain();
      await refreshOutbox();
      var ok = navigator.onLine === false ? null : await checkSession();
      if (ok) {
        await refreshData();
        sync();
      } else if (ok === null) {
        sync(); // offline or server unreachable: this just arms the back-off timer
      }
    } else {
      // A session cookie may outlive cleared storage; reuse it rather than asking for the password again.
      var me = null;
      try { me = navigator.onLine === false ? null : await api('GET', API + '/auth/me'); } catch (e) { me = null; }
      if (me && me.status === 200 && me.data) {
        await setUser(me.data);
        await loadCached();
        showMain();
        await refreshData();
        await refreshOutbox();
        sync();
      } else {
        needLogin = false;
        showLogin(navigator.onLine === false ? 'Cần có mạng cho lần đăng nhập đầu tiên.' : '');
      }
    }
    checkDate();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
