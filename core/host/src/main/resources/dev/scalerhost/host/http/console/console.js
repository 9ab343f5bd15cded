// The scalerhost console: polls /console/state and, for the open charts, /history/<serviceType>.
// Read-only. Everything shown is built with textContent, never innerHTML: values and errors come
// from plugins and backends.
'use strict';

(function () {
  const STATE_EVERY_MS = 2000;
  const HISTORY_EVERY_MS = 5000;
  const OPEN_AT_START = 12;
  const TOLERANCE = 0.1; // the HPA's default

  const numbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
  const COLORS = ['#7c3aed', '#0891b2', '#ca8a04', '#db2777', '#65a30d', '#ea580c', '#4f46e5', '#0d9488'];

  // At least the last minute on the time axis, so that a chart of one or two points is not stretched over years.
  // A new object per chart: uPlot keeps its state in the scale objects it is given.
  const timeScale = () => ({ time: true, range: (u, lo, hi) => (hi - lo < 60 ? [hi - 60, hi + 1] : [lo, hi]) });

  const cards = new Map(); // serviceType -> card
  let state = null;
  let firstState = true;

  const console_ = { cards, state: () => state, hpa, refresh: refreshState };
  window.scalerhostConsole = console_;

  function fmt(x) {
    return x === null || x === undefined ? '–' : numbers.format(x);
  }

  function clock(iso) {
    return iso ? new Date(iso).toLocaleTimeString('en-GB', { hour12: false }) : '–';
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'class') node.className = v; else if (k === 'text') node.textContent = v; else node.setAttribute(k, v);
    });
    children.forEach((child) => node.append(child));
    return node;
  }

  function age(seconds) {
    if (seconds === null || seconds === undefined) return '–';
    if (seconds < 90) return seconds.toFixed(1) + ' s';
    if (seconds < 5400) return Math.round(seconds / 60) + ' min';
    return (seconds / 3600).toFixed(1) + ' h';
  }

  // ---- why this number -------------------------------------------------------------------

  /** A sentence explaining a serviceType's answer to KEDA, from what the host and the plugin know. */
  function why(name, st) {
    const since = st.unavailableSince ? ' since ' + clock(st.unavailableSince) : '';
    if (!st.usable) {
      const cause = st.lastError || 'no measurement has finished yet';
      const last = st.value !== null && st.value !== undefined
        ? ' (the last good value, ' + fmt(st.value) + ', was measured at ' + clock(st.measuredAt)
          + ' and is older than maxStaleness ' + fmt(st.maxStalenessSeconds) + ' s)'
        : '';
      return 'UNAVAILABLE' + since + ': ' + cause + last + "; KEDA's fallback applies.";
    }
    const d = st.details || {};
    const parts = [];
    let what = 'value ' + fmt(st.value);
    if (d.lag !== undefined && d.partitions !== undefined) {
      what = 'lag ' + fmt(d.lag) + ' over ' + fmt(d.partitions) + ' partition' + (d.partitions === 1 ? '' : 's');
      if (d.partitionsWithLag !== undefined) what += ' (' + fmt(d.partitionsWithLag) + ' with lag)';
    } else if (d.series !== undefined) {
      what = 'value ' + fmt(st.value) + ' from ' + fmt(d.series) + ' series';
    }
    const raw = st.value / st.target;
    let sentence = what + ', target ' + fmt(st.target) + ' → ' + fmt(st.replicas) + ' replica' + (st.replicas === 1 ? '' : 's')
      + ' (ceil(' + fmt(st.value) + ' / ' + fmt(st.target) + ' = ' + fmt(raw) + '))';
    if (d.lag !== undefined && d.lag > st.value) {
      const capped = st.value / st.target;
      if (d.persistentLagPartitions > 0) {
        sentence += '; ' + fmt(d.persistentLagPartitions) + ' partition(s) with persistent lag left out';
      } else {
        sentence += '; capped at ' + fmt(capped) + ' partition' + (capped === 1 ? '' : 's') + ' × target, so replicas never exceed the partitions';
      }
    }
    parts.push(sentence);
    if (st.active) {
      parts.push(st.value > st.activation
        ? 'active because ' + fmt(st.value) + ' > activation ' + fmt(st.activation)
        : 'active: its activation value is above activation ' + fmt(st.activation));
    } else {
      parts.push('inactive because ' + fmt(st.value) + ' ≤ activation ' + fmt(st.activation)
        + ': KEDA scales to minReplicaCount (0 by default)');
    }
    if (st.lastError) {
      parts.push('the last measurement failed at ' + clock(st.lastErrorAt) + ' (' + st.lastError
        + '); the value from ' + clock(st.measuredAt) + ' is served until maxStaleness ' + fmt(st.maxStalenessSeconds) + ' s');
    }
    const known = new Set(['lag', 'partitions', 'partitionsWithLag', 'series']);
    const extra = Object.entries(d).filter(([k]) => !known.has(k)).map(([k, v]) => k + ' ' + fmt(v));
    if (extra.length) parts.push(extra.join(', '));
    return parts.join('; ') + '.';
  }

  // ---- the HPA, for the what-if -----------------------------------------------------------

  /**
   * Replicas the HPA would have asked for at each recorded point: ceil(value / target) when the
   * ratio leaves the 10 % tolerance band around the current count, held otherwise and through
   * failed measurements; minReplicaCount while inactive; clamped to [max(min, 1), max] while active.
   * Returns {replicas: [...], changes, peak}.
   */
  function hpa(points, targetOf, min, max) {
    const replicas = [];
    let current = null;
    let changes = 0;
    let peak = 0;
    points.forEach((p) => {
      if (p.value === null) { replicas.push(current); return; }
      const target = targetOf(p);
      let desired;
      if (!p.active) {
        desired = min;
      } else {
        desired = Math.ceil(p.value / target - 1e-9);
        if (current !== null && current > 0 && Math.abs(p.value / (target * current) - 1) <= TOLERANCE) desired = current;
        desired = Math.min(max, Math.max(Math.max(min, 1), desired));
      }
      if (current !== null && desired !== current) changes++;
      current = desired;
      peak = Math.max(peak, desired);
      replicas.push(desired);
    });
    return { replicas, changes, peak };
  }

  // ---- cards and charts -------------------------------------------------------------------

  function card(name) {
    let c = cards.get(name);
    if (c) return c;
    const why_ = el('p', { class: 'why', 'data-role': 'why' });
    const chart = el('div', { class: 'chart', 'data-role': 'chart' });
    const detailsChart = el('div', { class: 'chart', 'data-role': 'details-chart' });
    const target = el('input', { type: 'number', step: 'any', min: '0', name: 'target', 'aria-label': 'what-if target' });
    const min = el('input', { type: 'number', step: '1', min: '0', name: 'min', placeholder: '0', 'aria-label': 'minReplicaCount' });
    const max = el('input', { type: 'number', step: '1', min: '1', name: 'max', placeholder: '∞', 'aria-label': 'maxReplicaCount' });
    const result = el('output', { 'data-role': 'whatif-result' });
    const form = el('form', { class: 'whatif', 'data-role': 'whatif' },
      el('b', { text: 'What if' }), el('label', {}, 'target ', target), el('label', {}, 'min ', min),
      el('label', {}, 'max ', max), result);
    form.addEventListener('submit', (e) => e.preventDefault());
    [target, min, max].forEach((input) => input.addEventListener('input', () => redraw(c)));
    const node = el('article', { class: 'card', id: 'card-' + name, 'data-service-type': name },
      el('h3', { text: name }), why_, chart, detailsChart, form);
    document.getElementById('cards').append(node);
    c = { name, node, why: why_, chart, detailsChart, inputs: { target, min, max }, result, plot: null, detailsPlot: null,
      detailNames: null, history: null, timer: null };
    cards.set(name, c);
    loadHistory(c);
    c.timer = setInterval(() => loadHistory(c), HISTORY_EVERY_MS);
    return c;
  }

  function closeCard(name) {
    const c = cards.get(name);
    if (!c) return;
    clearInterval(c.timer);
    if (c.plot) c.plot.destroy();
    if (c.detailsPlot) c.detailsPlot.destroy();
    c.node.remove();
    cards.delete(name);
  }

  async function loadHistory(c) {
    try {
      const response = await fetch('/history/' + encodeURIComponent(c.name), { cache: 'no-store' });
      if (!response.ok) return;
      c.history = await response.json();
      redraw(c);
    } catch (e) {
      // The connection banner reports an unreachable host.
    }
  }

  function chartWidth(c) {
    return Math.max(300, c.node.clientWidth - 24);
  }

  function whatIfInputs(c) {
    const target = parseFloat(c.inputs.target.value);
    const min = parseInt(c.inputs.min.value, 10);
    const max = parseInt(c.inputs.max.value, 10);
    return {
      target: target > 0 ? target : null,
      min: min >= 0 ? min : 0,
      max: max >= 1 ? max : Infinity,
    };
  }

  function span(xs) {
    const seconds = xs.length ? xs[xs.length - 1] - xs[0] : 0;
    return seconds < 120 ? Math.round(seconds) + ' s' : Math.round(seconds / 60) + ' min';
  }

  function redraw(c) {
    const h = c.history;
    if (!h) return;
    const points = h.points;
    const xs = points.map((p) => p.t / 1000);
    const values = points.map((p) => p.value);
    const targets = points.map((p) => p.target);
    const replicas = points.map((p) => p.replicas);
    const w = whatIfInputs(c);
    const actual = hpa(points, (p) => p.target, w.min, w.max);
    let whatIf = points.map(() => null);
    if (w.target !== null) {
      const simulated = hpa(points, () => w.target, w.min, w.max);
      whatIf = simulated.replicas;
      c.result.textContent = 'Over the recorded ' + span(xs) + ': actual targets → ' + actual.changes + ' scale change' + (actual.changes === 1 ? '' : 's') + ', peak ' + actual.peak
        + ' replicas; target ' + fmt(w.target) + ' → ' + simulated.changes + ' scale change' + (simulated.changes === 1 ? '' : 's')
        + ', peak ' + simulated.peak + ' replicas.';
      c.result.dataset.actualChanges = actual.changes;
      c.result.dataset.whatIfChanges = simulated.changes;
    } else {
      c.result.textContent = 'Enter a target (and min/max replicas) to see the replicas the HPA would have asked for over this hour. '
        + 'With the actual targets: ' + actual.changes + ' scale change' + (actual.changes === 1 ? '' : 's') + '.';
      c.result.dataset.actualChanges = actual.changes;
      delete c.result.dataset.whatIfChanges;
    }
    const failures = points.map((p) => (p.value === null ? 0 : null));
    const data = [xs, values, targets, replicas, whatIf, failures];
    if (points.length === 0) {
      c.chart.textContent = 'No measurement recorded yet.';
      c.chart.classList.add('empty');
      return;
    }
    c.chart.classList.remove('empty');
    if (!c.plot) {
      c.chart.textContent = '';
      c.plot = new uPlot(mainOptions(c), data, c.chart);
    } else {
      c.plot.setData(data);
    }
    c.plot.setSeries(4, { show: w.target !== null });
    drawDetails(c, xs, points);
  }

  function mainOptions(c) {
    return {
      width: chartWidth(c),
      height: 220,
      scales: { x: timeScale(), v: { range: (u, lo, hi) => [Math.min(0, lo), hi > 0 ? hi * 1.1 : 1] },
        r: { range: (u, lo, hi) => [0, Math.max(1, hi) + 1] } },
      series: [
        {},
        { label: 'value', scale: 'v', stroke: '#2563eb', width: 2, value: (u, v) => fmt(v) },
        { label: 'target', scale: 'v', stroke: '#64748b', width: 1, dash: [6, 4], value: (u, v) => fmt(v) },
        { label: 'replicas (HPA)', scale: 'r', stroke: '#16a34a', width: 2, paths: uPlot.paths.stepped({ align: 1 }),
          value: (u, v) => fmt(v) },
        { label: 'what-if replicas', scale: 'r', stroke: '#dc2626', width: 2, dash: [4, 3],
          paths: uPlot.paths.stepped({ align: 1 }), value: (u, v) => fmt(v), show: false },
        { label: 'measurement failed', scale: 'v', stroke: '#b91c1c', width: 0, paths: () => null,
          points: { show: true, size: 7, fill: '#b91c1c', stroke: '#b91c1c' }, value: (u, v) => (v === null ? '' : 'failed') },
      ],
      axes: [
        {},
        { scale: 'v', label: 'value, target', values: (u, ticks) => ticks.map(fmt), size: 60 },
        { scale: 'r', side: 1, label: 'replicas', grid: { show: false }, values: (u, ticks) => ticks.map(fmt) },
      ],
    };
  }

  /**
   * Every numeric detail the plugin reports, each its own series on its own scale, so that a
   * partition count and a lag of thousands both show their shape; the legend gives the values
   * under the cursor, and a click on a legend entry hides a series.
   */
  function drawDetails(c, xs, points) {
    const names = c.history.details || [];
    if (names.length === 0) {
      c.detailsChart.hidden = true;
      return;
    }
    c.detailsChart.hidden = false;
    const data = [xs].concat(names.map((n) => points.map((p) => (p.details && n in p.details ? p.details[n] : null))));
    const key = names.join('\u0000');
    if (!c.detailsPlot || c.detailNames !== key) {
      if (c.detailsPlot) c.detailsPlot.destroy();
      c.detailNames = key;
      const scales = { x: timeScale() };
      names.forEach((n, i) => {
        scales['d' + i] = { range: (u, lo, hi) => [Math.min(0, lo), hi > 0 ? hi * 1.1 : 1] };
      });
      c.detailsPlot = new uPlot({
        width: chartWidth(c),
        height: 150,
        scales,
        series: [{}].concat(names.map((n, i) => ({
          label: n, scale: 'd' + i, stroke: COLORS[i % COLORS.length], width: 1.5, value: (u, v) => fmt(v),
        }))),
        axes: [{}, { scale: 'd0', show: false }],
      }, data, c.detailsChart);
      c.detailsChart.title = "The source's details, each on its own scale: hover for values, click a legend entry to hide it.";
    } else {
      c.detailsPlot.setData(data);
    }
  }

  // ---- tables -----------------------------------------------------------------------------

  /**
   * 'failing' when the source reports a failure or every serviceType it measures failed its last
   * measurement; 'healthy' when it measured successfully; 'not measured yet' otherwise.
   */
  function sourceHealth(s, name) {
    const src = s.sources[name];
    const members = Object.values(s.serviceTypes).filter((st) => st.source === name);
    if (!src) return 'not measured yet';
    if (src.lastError || (members.length > 0 && members.every((st) => st.lastError))) return 'failing';
    return src.lastSuccess ? 'healthy' : 'not measured yet';
  }

  function healthBadge(health) {
    return el('span', { class: health === 'failing' ? 'bad' : health === 'healthy' ? 'good' : 'muted', text: health });
  }

  const rows = new Map(); // serviceType -> {row, cells}; rows are updated in place, not rebuilt

  const FIELDS = ['source', 'value', 'target', 'activation', 'replicas', 'active', 'age', 'health', 'error'];
  const NUMERIC = new Set(['value', 'target', 'activation', 'replicas', 'age']);

  function rowFor(name) {
    let r = rows.get(name);
    if (r) return r;
    const nameCell = el('td', { class: 'name', text: name });
    nameCell.addEventListener('click', () => (cards.has(name) ? closeCard(name) : card(name)));
    const cells = {};
    FIELDS.forEach((f) => {
      cells[f] = el('td', { 'data-field': f, class: NUMERIC.has(f) ? 'num' : f === 'error' ? 'error' : '' });
    });
    r = { row: el('tr', { 'data-service-type': name }, nameCell, ...FIELDS.map((f) => cells[f])), nameCell, cells };
    rows.set(name, r);
    return r;
  }

  function setText(node, text) {
    if (node.textContent !== text) node.textContent = text;
  }

  function renderServiceTypes(s) {
    const body = document.querySelector('#service-types tbody');
    const names = Object.keys(s.serviceTypes);
    names.forEach((name) => {
      const st = s.serviceTypes[name];
      const r = rowFor(name);
      const status = !st.usable ? 'unavailable' : st.lastError ? 'stale' : 'ok';
      r.row.className = status;
      r.row.dataset.status = status;
      r.nameCell.title = st.metric || '';
      const c = r.cells;
      setText(c.source, st.source || (st.composite ? st.composite.operator + ' of ' + Object.keys(st.composite.parts).join(', ') : ''));
      setText(c.value, st.usable ? fmt(st.value) : (st.value === null ? '–' : fmt(st.value) + ' (stale)'));
      setText(c.target, fmt(st.target));
      setText(c.activation, fmt(st.activation));
      setText(c.replicas, st.usable ? fmt(st.replicas) : 'fallback');
      setText(c.active, st.usable ? (st.active ? 'yes' : 'no') : '–');
      setText(c.age, age(st.ageSeconds));
      const health = st.source === null ? 'composite' : sourceHealth(s, st.source);
      if (c.health.textContent !== health) c.health.replaceChildren(st.source === null ? el('span', { text: health, class: 'muted' }) : healthBadge(health));
      setText(c.error, st.lastError || '');
      const open = cards.get(name);
      if (open) setText(open.why, why(name, st));
    });
    rows.forEach((r, name) => { if (!(name in s.serviceTypes)) rows.delete(name); });
    const wanted = names.map((name) => rows.get(name).row);
    const current = Array.from(body.children);
    if (wanted.length !== current.length || wanted.some((row, i) => row !== current[i])) body.replaceChildren(...wanted);
    cards.forEach((c, name) => { if (!(name in s.serviceTypes)) closeCard(name); });
    if (firstState) {
      names.slice(0, OPEN_AT_START).forEach((name) => { card(name).why.textContent = why(name, s.serviceTypes[name]); });
      firstState = false;
    }
  }

  function renderSources(s) {
    const rows = Object.entries(s.sources).map(([name, src]) => el('tr', { 'data-source': name },
      el('td', { text: name }), el('td', { text: src.type }), el('td', { text: src.description || '' }),
      el('td', { 'data-field': 'health' }, healthBadge(sourceHealth(s, name))),
      el('td', { text: clock(src.lastSuccess) }), el('td', { class: 'error', text: src.lastError || lastMemberError(s, name) })));
    document.querySelector('#sources tbody').replaceChildren(...rows);
  }

  function lastMemberError(s, name) {
    const failing = Object.values(s.serviceTypes).filter((st) => st.source === name && st.lastError);
    return failing.length ? failing[0].lastError : '';
  }

  function renderPlugins(s) {
    const rows = s.plugins.map((p) => el('tr', { 'data-plugin': p.directory },
      el('td', { text: p.directory }), el('td', { text: p.types.join(', ') }), el('td', { class: 'error', text: p.error || '' })));
    document.querySelector('#plugins tbody').replaceChildren(...rows);
  }

  function renderConfig(s) {
    const dl = document.getElementById('config');
    const c = s.config;
    const entries = c ? [
      ['file', c.file],
      ['loaded at', new Date(c.loadedAt).toLocaleString('en-GB', { hour12: false })],
      ['reloads', String(c.reloads)],
      ['last reload attempt', c.lastReloadAttemptAt ? new Date(c.lastReloadAttemptAt).toLocaleString('en-GB', { hour12: false }) : 'none'],
      ['rejected edit', c.lastReloadError || 'none: the file on disk is the one served'],
      ['needs a restart', c.pendingRestart.length ? c.pendingRestart.join(', ') : 'nothing'],
    ] : [['file', 'not watched']];
    const nodes = [];
    entries.forEach(([k, v]) => {
      nodes.push(el('dt', { text: k }));
      nodes.push(el('dd', { text: v, class: k === 'rejected edit' && c && c.lastReloadError ? 'bad' : '', 'data-field': k }));
    });
    dl.replaceChildren(...nodes);
  }

  async function refreshState() {
    const banner = document.getElementById('connection');
    try {
      const response = await fetch('/console/state', { cache: 'no-store' });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      state = await response.json();
      banner.hidden = true;
    } catch (e) {
      banner.hidden = false;
      banner.textContent = 'host unreachable since ' + new Date().toLocaleTimeString('en-GB', { hour12: false }) + '; retrying';
      return;
    }
    const ready = document.getElementById('readiness');
    ready.textContent = state.ready ? 'ready' : 'not ready: ' + state.notReadyBecause.join('; ');
    ready.className = 'badge ' + (state.ready ? 'ok' : 'not-ok');
    document.getElementById('updated').textContent = 'updated ' + clock(state.now);
    renderServiceTypes(state);
    renderSources(state);
    renderPlugins(state);
    renderConfig(state);
  }

  window.addEventListener('resize', () => cards.forEach((c) => {
    if (c.plot) c.plot.setSize({ width: chartWidth(c), height: 220 });
    if (c.detailsPlot) c.detailsPlot.setSize({ width: chartWidth(c), height: 150 });
  }));

  refreshState();
  setInterval(refreshState, STATE_EVERY_MS);
}());
