/**
 * The script a report page runs: it reads the embedded data (`<script id="report-data">`) and
 * draws the charts with Observable Plot (global `Plot`, over global `d3`; both inlined in the
 * page). Plain ES2020 in a string, not compiled: it runs in the browser as written, so it uses
 * no template literals (this file is one) and nothing of Node. Each chart is drawn into an
 * element with a `data-chart` name, which test/report/browser.test.ts counts marks in. When all
 * are drawn, `document.body.dataset.rendered` is "true"; an error is shown on the page and
 * logged with console.error (the browser test fails on it).
 *
 * Every chart takes the width of its container (a phone's 400 px as well as a desktop's 1100)
 * and is drawn again when that width changes. Each platform has one colour (data.colors, the
 * same on the verdict card) in every chart. Legends are written by this script from what each
 * chart draws, so a legend never names a series that is not there.
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var root = document.getElementById('charts');
  var COLORS = data.colors || {};
  var PLATFORM_SCALE = { domain: data.platforms, range: data.platforms.map(function (p) { return COLORS[p]; }) };
  var NEUTRAL = '#8a97a8';
  var redraws = [];

  /** The drawing width: the container's, within [280, 1100] px. */
  function width() {
    var w = root.clientWidth || document.body.clientWidth || 960;
    return Math.max(280, Math.min(1100, Math.floor(w)));
  }

  function section(title, note) {
    var s = document.createElement('section');
    var h = document.createElement('h2');
    h.textContent = title;
    s.appendChild(h);
    if (note) s.appendChild(noteElement(note));
    root.appendChild(s);
    return s;
  }

  function noteElement(text) {
    var p = document.createElement('p');
    p.className = 'note';
    p.textContent = text;
    return p;
  }

  /** A chart in a new element of its own, under a title and a legend of what it draws. */
  function chart(parent, name, title, legendItems, build) {
    var fig = document.createElement('div');
    fig.className = 'chart';
    fig.setAttribute('data-chart', name);
    if (title) {
      var h = document.createElement('h3');
      h.textContent = title;
      fig.appendChild(h);
    }
    if (legendItems && legendItems.length > 0) fig.appendChild(legend(legendItems));
    parent.appendChild(fig);
    mount(fig, name, build);
  }

  /** Draws build(width) into el (again on resize), or an error box in its place. */
  function mount(el, name, build) {
    var holder = document.createElement('div');
    el.appendChild(holder);
    function draw() {
      var node;
      try {
        node = build(width());
      } catch (error) {
        node = errorBox('chart ' + name + ': ' + (error && error.message ? error.message : error));
        console.error('chart ' + name, error);
      }
      holder.replaceChildren(node);
    }
    draw();
    redraws.push(draw);
  }

  /** items: {label, color, kind: 'area' | 'line' | 'dashed'} */
  function legend(items) {
    var div = document.createElement('div');
    div.className = 'legend';
    items.forEach(function (item) {
      var span = document.createElement('span');
      var key = document.createElement('span');
      key.className = 'key' + (item.kind === 'line' ? ' line' : item.kind === 'dashed' ? ' dashed' : '');
      if (item.kind === 'line' || item.kind === 'dashed') key.style.borderTopColor = item.color; else key.style.background = item.color;
      span.appendChild(key);
      span.appendChild(document.createTextNode(item.label));
      div.appendChild(span);
    });
    return div;
  }

  function platformLegend(kind, platforms, suffix) {
    return (platforms || data.platforms).map(function (p) { return { label: p + (suffix ? suffix(p) : ''), color: COLORS[p], kind: kind }; });
  }

  function errorBox(text) {
    var p = document.createElement('p');
    p.className = 'error';
    p.textContent = text;
    return p;
  }

  function fmt(x, digits) {
    if (x === null || x === undefined || !isFinite(x)) return '-';
    return Number(x.toPrecision(digits || 3)).toString();
  }

  function usd(x) {
    if (x === null || x === undefined || !isFinite(x)) return '-';
    var a = Math.abs(x);
    var text = a >= 0.1 ? a.toFixed(2) : Number(a.toPrecision(3)).toString();
    return (x < 0 ? '−' : '') + '$' + text;
  }

  /** Axis ticks: whole dollars without cents ("$20"), else as usd(). */
  function usdTick(x) { return Math.abs(x) >= 1 && Math.round(x) === x ? (x < 0 ? '−$' : '$') + Math.abs(x) : usd(x); }

  function fmtMs(ms) {
    return ms >= 1000 ? fmt(ms / 1000, 3) + ' s' : fmt(ms, 3) + ' ms';
  }

  /** A parameter value as people read it: "60s", 0.6, "lognormal, mean 1.8s, cv 0.4", "none". */
  function valueText(v) {
    if (v === null || v === undefined) return 'none';
    if (typeof v !== 'object') return String(v);
    if (Array.isArray(v)) return v.map(valueText).join(', ');
    return Object.keys(v).map(function (k) { return k === 'dist' || k === 'type' ? valueText(v[k]) : k + ' ' + valueText(v[k]); }).join(', ');
  }

  function slug(text) {
    return String(text).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  }

  /** Room for a left axis's tick labels of the given texts, about 6.5 px a character at 11 px. */
  function marginFor(texts, min) {
    var longest = 0;
    texts.forEach(function (t) { longest = Math.max(longest, String(t).length); });
    return Math.max(min || 40, Math.ceil(longest * 6.5) + 12);
  }

  // ---- a run: summary.csv + downsampled timeline.csv ----

  function timeOf(t) {
    return data.start_epoch_ms === null ? t / 3600 : new Date(data.start_epoch_ms + t * 1000);
  }
  // No axis label for UTC time: it would print over the last date tick.
  var X_TIME = data.start_epoch_ms === null ? { label: 'simulated time (h)' } : { type: 'utc', label: null };

  /** Long rows {platform, date, name: value...} of the chosen channels. */
  function rows(channels, onlyPlatform) {
    var out = [];
    data.series.forEach(function (s) {
      if (onlyPlatform !== undefined && s.platform !== onlyPlatform) return;
      for (var i = 0; i < s.t_s.length; i++) {
        var r = { platform: s.platform, date: timeOf(s.t_s[i]) };
        channels.forEach(function (c) { r[c] = s.values[c][i]; });
        out.push(r);
      }
    });
    return out;
  }

  function summaryOf(platform) {
    return data.summaries.filter(function (s) { return s.platform === platform; })[0];
  }

  function lost(s) {
    return (s.requests_rejected || 0) + (s.requests_timed_out || 0) + (s.requests_failed || 0);
  }

  /** Requests still in flight or waiting when the run ended: neither served nor lost. */
  function unfinishedNote() {
    var parts = data.summaries.filter(function (s) { return s.requests_unfinished > 0; }).map(function (s) { return s.platform + ' ' + s.requests_unfinished; });
    return parts.length > 0 ? 'Still in flight or waiting at the end of the run, so neither served nor lost: ' + parts.join(', ') + ' requests. ' : '';
  }

  /** A colour between c and white: t = 0 is c, 1 is white. */
  function tint(c, t) { return d3.interpolateRgb(c, '#ffffff')(t); }

  function renderRun() {
    var summaries = data.summaries;
    var bucket = data.series.length > 0 ? data.series[0].bucket_s : 0;
    var perPoint = bucket > 0 ? 'Each point is a ' + fmtSeconds(bucket) + ' mean of the timeline.' : '';

    var losers = data.platforms.filter(function (p) { var s = summaryOf(p); return s && lost(s) > 0; });
    var trafficNote = 'Time axes are simulated time, UTC. Requests arriving per second: every platform sees the same requests. ' +
      (losers.length > 0
        ? 'The coloured lines are requests lost per second (rejected, timed out or failed) on ' + losers.join(' and ') + '; ' + data.platforms.filter(function (p) { return losers.indexOf(p) < 0; }).map(function (p) { return p + ' lost none'; }).join(', ') + '. '
        : 'No platform lost a request (none rejected, timed out or failed). ') + unfinishedNote() + perPoint;
    var traffic = section('Traffic', trafficNote);
    var trafficLegend = [{ label: 'arrivals (all platforms)', color: '#cfd8e3', kind: 'area' }].concat(platformLegend('line', losers, function () { return ' lost'; }).map(function (item) { item.label = item.label.replace(/ lost$/, ': lost'); return item; }));
    chart(traffic, 'traffic', 'requests per second', trafficLegend, function (W) {
      var first = rows(['arrivals_per_s'], data.platforms[0]);
      var marks = [
        Plot.areaY(first, { x: 'date', y: 'arrivals_per_s', fill: '#cfd8e3' }),
        Plot.lineY(first, { x: 'date', y: 'arrivals_per_s', stroke: '#5b6b7f', strokeWidth: 1 })
      ];
      losers.forEach(function (p) {
        marks.push(Plot.lineY(rows(['lost_per_s'], p), { x: 'date', y: 'lost_per_s', stroke: COLORS[p], strokeWidth: 1.5 }));
      });
      marks.push(Plot.ruleY([0]));
      return Plot.plot({ width: W, height: 240, marginLeft: 48, x: X_TIME, y: { label: 'req/s', grid: true }, marks: marks });
    });

    var instances = section('Instances', 'Instances by state over time, stacked: starting (a cold start, or a VM booting), busy (serving at least one request) and idle; the dashed line is the peak within each point. ' + perPoint);
    data.platforms.forEach(function (platform) {
      var c = COLORS[platform];
      // Words, not behaviour: VMs boot; Cloud Run has container instances, Lambda execution environments.
      var model = (summaryOf(platform) || {}).model;
      var vm = model === 'compute-engine';
      var series = data.series.filter(function (s) { return s.platform === platform; })[0];
      // Only the states that occur, so that the legend names nothing that is not drawn (VMs
      // without an autoscaler never boot after the start).
      var states = [['starting', vm ? 'booting' : 'starting (cold start)', d3.color(c).darker(1.2).formatHex()], ['busy', 'busy', c], ['idle', 'idle', tint(c, 0.65)]].filter(function (st) {
        return st[0] === 'busy' || (series && series.values[st[0]].some(function (v) { return v > 0; }));
      });
      var items = states.map(function (s) { return { label: s[1], color: s[2], kind: 'area' }; }).concat([{ label: 'peak', color: '#333333', kind: 'dashed' }]);
      chart(instances, 'instances-' + slug(platform), platform + (vm ? ' (VMs)' : model === 'lambda' ? ' (execution environments)' : ' (container instances)'), items, function (W) {
        var r = rows(['starting', 'busy', 'idle', 'instances_peak'], platform);
        var long = [];
        r.forEach(function (d) {
          states.forEach(function (s) { long.push({ date: d.date, state: s[0], value: d[s[0]] }); });
        });
        return Plot.plot({
          width: W, height: 200, marginLeft: 48,
          x: X_TIME, y: { label: vm ? 'VMs' : 'instances', grid: true },
          color: { domain: states.map(function (s) { return s[0]; }), range: states.map(function (s) { return s[2]; }) },
          marks: [
            Plot.areaY(long, { x: 'date', y: 'value', fill: 'state', order: states.map(function (s) { return s[0]; }) }),
            Plot.lineY(r, { x: 'date', y: 'instances_peak', stroke: '#333', strokeWidth: 1, strokeDasharray: '3,3' }),
            Plot.ruleY([0])
          ]
        });
      });
    });
    chart(instances, 'cpu', 'CPU utilisation: busy vCPU-seconds over vCPU-seconds of capacity', platformLegend('line'), function (W) {
      return Plot.plot({
        width: W, height: 200, marginLeft: 48,
        x: X_TIME, y: { label: 'CPU (%)', grid: true, percent: true },
        color: PLATFORM_SCALE,
        marks: [Plot.lineY(rows(['cpu_utilization']), { x: 'date', y: 'cpu_utilization', stroke: 'platform' }), Plot.ruleY([0])]
      });
    });

    renderLatency(summaries);
    renderColdStarts(summaries);
    renderCost(summaries);
  }

  function renderLatency(summaries) {
    var q = [['p50', 'latency_p50_s'], ['p90', 'latency_p90_s'], ['p95', 'latency_p95_s'], ['p99', 'latency_p99_s'], ['p99.9', 'latency_p999_s'], ['max', 'latency_max_s']];
    var latency = section('Latency', 'Quantiles of request latency (arrival to completion) after the warm-up, from the summary, on a log scale: one row per quantile, one dot per platform, its value beside it.');
    chart(latency, 'latency', 'latency quantiles', platformLegend('area'), function (W) {
      var pts = [];
      summaries.forEach(function (s) {
        q.forEach(function (pair) {
          var v = s[pair[1]];
          if (v !== null && v > 0) pts.push({ platform: s.platform, quantile: pair[0], ms: v * 1000 });
        });
      });
      // Each platform has its own line in each quantile's row, and its label sits right of its own
      // dot: labels cannot meet each other or another platform's dot. The right margin holds the
      // label of the largest value.
      return Plot.plot({
        width: W, height: 30 + q.length * (10 + 15 * data.platforms.length), marginLeft: 44, marginRight: 64,
        marginBottom: 36,
        x: { type: 'log', label: 'latency (ms), log scale', grid: true, insetLeft: 8, tickFormat: function (v) { return fmt(v, 3); }, ticks: Math.max(3, Math.floor(W / 90)) },
        fy: { domain: q.map(function (p) { return p[0]; }), label: null, axis: 'left', padding: 0.12 },
        y: { domain: data.platforms, axis: null, padding: 0.15 },
        color: PLATFORM_SCALE,
        marks: [
          Plot.ruleY(pts, { fy: 'quantile', y: 'platform', stroke: '#eef1f5' }),
          Plot.dot(pts, { x: 'ms', y: 'platform', fy: 'quantile', fill: 'platform', r: 4.5, tip: true, title: function (d) { return d.platform + ' ' + d.quantile + ': ' + fmtMs(d.ms); } }),
          Plot.text(pts, { x: 'ms', y: 'platform', fy: 'quantile', text: function (d) { return fmtMs(d.ms); }, textAnchor: 'start', dx: 8, fill: 'platform', fontWeight: 'bold' })
        ]
      });
    });
  }

  function renderColdStarts(summaries) {
    var waited = summaries.filter(function (s) { return s.cold_start_requests > 0 && s.cold_start_wait_mean_s !== null; });
    var notes = summaries.map(function (s) {
      if (s.model === 'compute-engine') {
        return s.platform + ': VMs have no cold starts; requests go only to VMs that have booted (with no VM in service a request is rejected)';
      }
      return s.platform + ': ' + s.instance_starts + ' instance start' + (s.instance_starts === 1 ? '' : 's') + ', ' + s.cold_start_requests + ' request' + (s.cold_start_requests === 1 ? '' : 's') + ' waited on one (' + fmt((s.cold_start_fraction || 0) * 100, 3) + ' %)';
    });
    var cold = section('Cold starts', notes.join('. ') + '.');
    if (waited.length > 0) {
      var platforms = waited.map(function (s) { return s.platform; });
      var items = [];
      platforms.forEach(function (p) {
        items.push({ label: p + ' mean', color: tint(COLORS[p], 0.45), kind: 'area' });
        items.push({ label: p + ' p99', color: COLORS[p], kind: 'area' });
      });
      chart(cold, 'cold-start-wait', 'time requests waited on a starting instance', items, function (W) {
        var bars = [];
        waited.forEach(function (s) {
          bars.push({ platform: s.platform, stat: 'mean', ms: s.cold_start_wait_mean_s * 1000, fill: tint(COLORS[s.platform], 0.45) });
          if (s.cold_start_wait_p99_s !== null) bars.push({ platform: s.platform, stat: 'p99', ms: s.cold_start_wait_p99_s * 1000, fill: COLORS[s.platform] });
        });
        return Plot.plot({
          width: Math.min(W, 180 + 160 * platforms.length), height: 220, marginLeft: 56,
          fx: { label: null, domain: platforms }, x: { label: null, domain: ['mean', 'p99'] },
          y: { label: 'wait (ms)', grid: true },
          marks: [
            Plot.barY(bars, { fx: 'platform', x: 'stat', y: 'ms', fill: function (d) { return d.fill; } }),
            Plot.text(bars, { fx: 'platform', x: 'stat', y: 'ms', text: function (d) { return fmt(d.ms, 3) + ' ms'; }, dy: -7 }),
            Plot.ruleY([0])
          ]
        });
      });
    }
    // Starts in the first point only are the run's own start-up: a chart of them would be empty.
    var starters = data.series.filter(function (s) { return s.values.starting.some(function (v, i) { return i > 0 && v > 0; }); }).map(function (s) { return s.platform; });
    if (starters.length === 0) {
      cold.appendChild(noteElement('No instance started after the first ' + fmtSeconds(data.series.length > 0 ? data.series[0].bucket_s : 0) + ' of the run, so there is no chart of starts over time.'));
    } else {
      chart(cold, 'starting', 'instances starting over time (cold starts and VM boots in progress)', platformLegend('line', starters), function (W) {
        return Plot.plot({
          width: W, height: 180, marginLeft: 48,
          x: X_TIME, y: { label: 'starting', grid: true },
          color: PLATFORM_SCALE,
          marks: [Plot.lineY(rows(['starting']).filter(function (d) { return starters.indexOf(d.platform) >= 0; }), { x: 'date', y: 'starting', stroke: 'platform' }), Plot.ruleY([0])]
        });
      });
    }
  }

  function renderCost(summaries) {
    var cost = section('Cost', 'Cost accrues per simulated second by each platform\'s billing rules, over the simulated run (the verdict scales it to a month). The timeline has the total only, so the split by component is the run\'s total from the summary.');
    chart(cost, 'cost-rate', 'cost per hour', platformLegend('line'), function (W) {
      return Plot.plot({
        width: W, height: 200, marginLeft: 56,
        x: X_TIME, y: { label: '$ per hour', grid: true, tickFormat: usdTick },
        color: PLATFORM_SCALE,
        marks: [Plot.lineY(rows(['cost_per_hour_usd']), { x: 'date', y: 'cost_per_hour_usd', stroke: 'platform' }), Plot.ruleY([0])]
      });
    });
    // The totals are in the legend, not printed at the lines' ends, where close totals would overlap.
    var totals = platformLegend('line', data.platforms, function (p) { var s = summaryOf(p); return ': ' + usd(s ? s.cost_total_usd : NaN) + ' over the run'; });
    chart(cost, 'cost-cumulative', 'cumulative cost', totals, function (W) {
      return Plot.plot({
        width: W, height: 220, marginLeft: 56,
        x: X_TIME, y: { label: '$', grid: true, tickFormat: usdTick },
        color: PLATFORM_SCALE,
        marks: [Plot.lineY(rows(['cost_cumulative_usd']), { x: 'date', y: 'cost_cumulative_usd', stroke: 'platform', strokeWidth: 2 }), Plot.ruleY([0])]
      });
    });
    var components = ['cpu', 'memory', 'idle', 'requests', 'network', 'fixed', 'discount'];
    var parts = [];
    summaries.forEach(function (s) {
      components.forEach(function (c) {
        var v = s['cost_' + c + '_usd'];
        if (v !== null && v !== 0) parts.push({ platform: s.platform, component: c, usd: v });
      });
    });
    var used = components.filter(function (c) { return parts.some(function (d) { return d.component === c; }); });
    chart(cost, 'cost-components', 'cost by component over the run (a discount is negative)', platformLegend('area'), function (W) {
      return Plot.plot({
        width: W, height: 40 + used.length * (8 + 16 * data.platforms.length), marginLeft: 72, marginRight: 64,
        x: { label: '$ over the run', grid: true, tickFormat: usdTick, ticks: Math.max(3, Math.floor(W / 110)) },
        fy: { domain: used, label: null, axis: 'left', padding: 0.15 },
        y: { domain: data.platforms, axis: null, padding: 0.1 },
        color: PLATFORM_SCALE,
        marks: [
          Plot.barX(parts, { x: 'usd', y: 'platform', fy: 'component', fill: 'platform', tip: true, title: function (d) { return d.platform + ' ' + d.component + ': ' + usd(d.usd); } }),
          Plot.text(parts, { x: 'usd', y: 'platform', fy: 'component', text: function (d) { return usd(d.usd); }, textAnchor: 'start', dx: 4, filter: function (d) { return d.usd > 0; } }),
          Plot.text(parts, { x: 0, y: 'platform', fy: 'component', text: function (d) { return usd(d.usd); }, textAnchor: 'start', dx: 4, filter: function (d) { return d.usd < 0; } }),
          Plot.ruleX([0])
        ]
      });
    });
  }

  function fmtSeconds(s) {
    if (s < 120) return fmt(s, 3) + ' s';
    if (s < 7200) return fmt(s / 60, 3) + ' min';
    return fmt(s / 3600, 3) + ' h';
  }

  // ---- sim sensitivity: the tornado ----

  function renderTornado(result) {
    var el = document.querySelector('[data-chart="tornado"]');
    if (!el || !result || result.rows.length === 0) return;
    var base = result.baseline;
    var diff = base.costDifferenceUsd !== null;
    var items = diff
      ? [{ label: 'at the low end', color: '#9fb0c4', kind: 'area' }, { label: 'at the high end', color: '#3e5169', kind: 'area' }, { label: 'flips the recommendation', color: '#c62828', kind: 'area' }, { label: 'baseline', color: '#111111', kind: 'line' }]
      : platformLegend('area', base.platforms.map(function (p) { return p.platform; }), function () { return ': low to high, ● baseline'; });
    el.appendChild(legend(items));
    function value(v) { return valueText(v); }
    // Rows that move nothing by a cent a month would be empty panels: they are named in one line
    // under the chart instead (the table below keeps every row).
    function swing(r) {
      var xs = [];
      if (diff) {
        [base.costDifferenceUsd, r.at.low.costDifferenceUsd, r.at.high.costDifferenceUsd].forEach(function (x) { if (x !== null) xs.push(x); });
        return Math.max.apply(null, xs) - Math.min.apply(null, xs);
      }
      var most = 0;
      base.platforms.forEach(function (bp) {
        var cs = [bp.costPerMonthUsd];
        [r.at.low, r.at.high].forEach(function (v) { v.platforms.forEach(function (p) { if (p.platform === bp.platform) cs.push(p.costPerMonthUsd); }); });
        most = Math.max(most, Math.max.apply(null, cs) - Math.min.apply(null, cs));
      });
      return most;
    }
    var still = result.rows.filter(function (r) { return !r.flips && swing(r) < 0.01; });
    var shown = result.rows.filter(function (r) { return still.indexOf(r) < 0; });
    var stillNote = still.length === 0 ? null : noteElement('Not drawn, as they move ' + (diff ? 'the difference' : 'every platform\'s cost') + ' by less than a cent a month: ' + still.map(function (r) { return r.parameter; }).join(', ') + '.');
    if (shown.length === 0) {
      if (stillNote) el.appendChild(stillNote);
      return;
    }
    var params = shown.map(function (r) { return r.parameter; });
    function labelOf(r) {
      var text = r.parameter + ': low ' + value(r.low) + ' · baseline ' + value(r.baseline) + ' · high ' + value(r.high);
      return r.flips ? '⚑ ' + text + ' (flips)' : text;
    }
    mount(el, 'tornado', function (W) {
      // Per row: the label on its own line (wrapped on a phone), the bars under it.
      var perLine = Math.max(20, Math.floor((W - 16) / 7));
      var lines = Math.max.apply(null, shown.map(function (r) { return Math.ceil(labelOf(r).length / perLine); }));
      var bands = diff ? ['label', 'bars'] : ['label'].concat(base.platforms.map(function (p) { return p.platform; }));
      var rowHeight = 16 * lines + 20 * (bands.length - 1) + 8;
      var marks = [];
      var labels = shown.map(function (r) { return { parameter: r.parameter, text: labelOf(r), flips: r.flips }; });
      marks.push(Plot.text(labels, { fy: 'parameter', y: function () { return 'label'; }, frameAnchor: 'left', textAnchor: 'start', text: 'text', lineWidth: perLine * 0.6, fontSize: 11, fill: function (d) { return d.flips ? '#a11d1d' : '#1d2733'; }, fontWeight: function (d) { return d.flips ? 'bold' : 'normal'; } }));
      if (diff) {
        var bars = [];
        shown.forEach(function (r) {
          ['low', 'high'].forEach(function (end) {
            var v = r.at[end];
            if (v.costDifferenceUsd === null) return;
            bars.push({ parameter: r.parameter, end: end, from: base.costDifferenceUsd, to: v.costDifferenceUsd, flips: v.recommended !== base.recommended, recommended: v.recommended, value: value(r[end]) });
          });
        });
        marks.push(Plot.barX(bars, { fy: 'parameter', y: function () { return 'bars'; }, x1: 'from', x2: 'to', fill: function (d) { return d.flips ? '#c62828' : d.end === 'low' ? '#9fb0c4' : '#3e5169'; }, tip: true, title: function (d) { return d.parameter + ' = ' + d.value + ' (' + d.end + ')\ndifference ' + usd(d.to) + ' a month\nrecommended: ' + (d.recommended || 'none'); } }));
        // The rules run through each row's bars only, not through its label.
        var at = shown.map(function (r) { return { parameter: r.parameter, zero: 0, base: base.costDifferenceUsd }; });
        marks.push(Plot.tickX(at, { fy: 'parameter', y: function () { return 'bars'; }, x: 'zero', stroke: '#c62828', strokeDasharray: '4,3' }));
        marks.push(Plot.tickX(at, { fy: 'parameter', y: function () { return 'bars'; }, x: 'base', stroke: '#111', strokeWidth: 1.5 }));
      } else {
        var segs = [];
        shown.forEach(function (r) {
          base.platforms.forEach(function (bp) {
            var lo = r.at.low.platforms.filter(function (p) { return p.platform === bp.platform; })[0];
            var hi = r.at.high.platforms.filter(function (p) { return p.platform === bp.platform; })[0];
            if (lo && hi) segs.push({ parameter: r.parameter, platform: bp.platform, lo: lo.costPerMonthUsd, hi: hi.costPerMonthUsd, base: bp.costPerMonthUsd });
          });
        });
        marks.push(Plot.ruleY(segs, { fy: 'parameter', y: 'platform', x1: 'lo', x2: 'hi', stroke: 'platform', strokeWidth: 8 }));
        marks.push(Plot.dot(segs, { fy: 'parameter', y: 'platform', x: 'base', fill: '#111', r: 3 }));
      }
      return Plot.plot({
        width: W, height: 40 + rowHeight * shown.length, marginLeft: 28, marginRight: 28, marginTop: 8,
        x: { label: diff ? 'runner-up minus recommendation ($ per month)' : 'cost ($ per month)', grid: true, tickFormat: usdTick, ticks: Math.max(3, Math.floor(W / 100)) },
        fy: { domain: params, axis: null, padding: 0.1 },
        y: { domain: bands, axis: null, padding: 0.1 },
        color: PLATFORM_SCALE,
        marks: marks
      });
    });
    if (stillNote) el.appendChild(stillNote);
  }

  // ---- a sweep: results.csv ----

  var LABELS = { cost_total_usd: 'total cost ($)', cost_per_million_usd: 'cost per million requests ($)', latency_p95_s: 'p95 latency (ms)', latency_p99_s: 'p99 latency (ms)', latency_p50_s: 'p50 latency (ms)' };
  function label(metric) {
    if (LABELS[metric]) return LABELS[metric];
    if (/_usd$/.test(metric)) return metric + ' ($)';
    if (/_s$/.test(metric)) return metric + ' (ms)';
    if (/_fraction$|^cpu_utilization/.test(metric)) return metric + ' (%)';
    return metric;
  }
  /** Shown values: seconds as ms, fractions as percent. */
  function scaleOf(metric) {
    if (/_s$/.test(metric)) return 1000;
    if (/_fraction$|^cpu_utilization/.test(metric)) return 100;
    return 1;
  }

  /** A grid parameter with its unit where the path says it (traffic rates are in req/s). */
  function axisLabel(path) {
    return /rps$/i.test(path) ? path + ' (req/s)' : path;
  }

  function others(point, axisIndex) {
    var parts = [];
    data.axes.forEach(function (a, j) { if (j !== axisIndex) parts.push(a.path + '=' + point.grid[j]); });
    return parts.join(', ');
  }

  /**
   * Rows for labels at x pixel positions so that none overlaps the one before it in its row:
   * each label goes in the first row whose last label ends left of it (labels start at x).
   */
  function labelRows(xs, widths) {
    var ends = [];
    return xs.map(function (x, i) {
      for (var row = 0; row < ends.length; row++) {
        if (ends[row] + 6 <= x) { ends[row] = x + widths[i]; return row; }
      }
      ends.push(x + widths[i]);
      return ends.length - 1;
    });
  }

  function renderSweep() {
    var reps = data.replications;
    data.metrics.forEach(function (metric) {
      var k = scaleOf(metric);
      var s = section(label(metric), reps > 1
        ? 'Mean over ' + reps + ' replications per point, with its 95 % confidence band (mean ± t(0.975; n−1)·s/√n). One line per platform; one panel per combination of the other grid values.'
        : 'One replication per point: no confidence band (run the sweep with --replications 2 or more). One line per platform; one panel per combination of the other grid values.');
      data.axes.forEach(function (axis, i) {
        chart(s, 'metric-' + slug(metric) + '-' + slug(axis.path), label(metric) + ' against ' + axis.path, platformLegend(axis.numeric ? 'line' : 'area'), function (W) {
          var pts = data.points.map(function (p) {
            var b = p.metrics[metric];
            return { x: axis.numeric ? Number(p.grid[i]) : p.grid[i], platform: p.platform, panel: others(p, i), mean: b.mean * k, lo: b.lo * k, hi: b.hi * k, n: b.n };
          }).filter(function (d) { return d.mean !== null && isFinite(d.mean); });
          pts.sort(function (a, b) { return a.panel < b.panel ? -1 : a.panel > b.panel ? 1 : a.platform < b.platform ? -1 : a.platform > b.platform ? 1 : (axis.numeric ? a.x - b.x : 0); });
          var panels = [];
          pts.forEach(function (d) { if (panels.indexOf(d.panel) < 0) panels.push(d.panel); });
          var faceted = panels.length > 1;
          var fy = faceted ? 'panel' : undefined;
          var marks = [];
          if (axis.numeric) {
            marks.push(Plot.areaY(pts, { x: 'x', y1: 'lo', y2: 'hi', fy: fy, z: 'platform', fill: 'platform', fillOpacity: 0.18 }));
            marks.push(Plot.lineY(pts, { x: 'x', y: 'mean', fy: fy, z: 'platform', stroke: 'platform', strokeWidth: 1.5 }));
          } else {
            marks.push(Plot.ruleX(pts, { x: 'x', y1: 'lo', y2: 'hi', fy: fy, stroke: 'platform', strokeWidth: 2 }));
          }
          marks.push(Plot.dot(pts, { x: 'x', y: 'mean', fy: fy, fill: 'platform', r: 3, tip: true, title: function (d) { return d.platform + (d.panel ? ' (' + d.panel + ')' : '') + '\n' + axis.path + ' = ' + d.x + '\nmean ' + fmt(d.mean, 4) + (d.hi > d.lo ? '  [' + fmt(d.lo, 4) + ', ' + fmt(d.hi, 4) + ']' : '') + ' (n = ' + d.n + ')'; } }));
          var marginLeft = 64;
          var marginRight = faceted ? Math.min(220, marginFor(panels, 40)) : 20;
          if (metric === 'cost_total_usd' && axis.numeric) {
            var crossings = data.crossings.filter(function (c) { return c.axis === axis.path; });
            var xs = pts.map(function (d) { return d.x; });
            var lo = Math.min.apply(null, xs), hi = Math.max.apply(null, xs);
            var inner = W - marginLeft - marginRight;
            // Labels in rows by panel, so that close crossings do not print over each other.
            var placed = [];
            panels.forEach(function (panel) {
              var cs = crossings.filter(function (c) { return c.others === panel; }).sort(function (a, b) { return a.value - b.value; });
              var texts = cs.map(function (c) { return '≈ ' + fmt(c.value, 3); });
              var px = cs.map(function (c) { return hi > lo ? (c.value - lo) / (hi - lo) * inner + 4 : 0; });
              var rowsOf = labelRows(px, texts.map(function (t) { return t.length * 6.5; }));
              cs.forEach(function (c, j) { placed.push({ value: c.value, panel: panel, text: texts[j], row: rowsOf[j] }); });
            });
            marks.push(Plot.ruleX(placed, { x: 'value', fy: fy, stroke: '#888', strokeDasharray: '4,3' }));
            // Plot has no per-datum dy: one text mark per row.
            var maxRow = Math.max.apply(null, [-1].concat(placed.map(function (p) { return p.row; })));
            for (var r = 0; r <= maxRow; r++) {
              marks.push(Plot.text(placed.filter(function (p) { return p.row === r; }), { x: 'value', fy: fy, frameAnchor: 'top', text: 'text', dy: 6 + 13 * r, dx: 4, textAnchor: 'start', fill: '#444' }));
            }
          }
          var height = faceted ? 30 + panels.length * 170 : 280;
          return Plot.plot({
            width: W, height: height, marginLeft: marginLeft, marginRight: marginRight,
            x: axis.numeric ? { label: axisLabel(axis.path), grid: true } : { label: axisLabel(axis.path), domain: axis.values },
            y: { label: label(metric), grid: true, zero: metric.indexOf('cost') === 0, tickFormat: metric.indexOf('_usd') > 0 ? usdTick : undefined },
            fy: faceted ? { label: null, domain: panels, axis: 'right' } : undefined,
            color: PLATFORM_SCALE,
            marks: marks
          });
        });
      });
    });

    var levels = data.frontiers;
    var f = section('Cost against latency', 'Every (grid point, platform): mean total cost against mean p95 latency' + (levels.length > 1 ? ', one chart per traffic level (costs at different traffic are not comparable)' : '') + '. The dashed line joins the Pareto frontier, the ringed points: those no other point beats on both.');
    levels.forEach(function (level) {
      var name = levels.length > 1 ? 'frontier-' + slug(level.level) : 'frontier';
      chart(f, name, levels.length > 1 ? 'cost–latency frontier at ' + level.level : 'cost–latency frontier', platformLegend('area'), function (W) {
        var pts = level.points.map(function (k) {
          var p = data.points[k];
          return { platform: p.platform, cost: p.metrics.cost_total_usd.mean, p95: p.metrics.latency_p95_s.mean * 1000, text: p.platform + (others(p, -1) ? ' (' + others(p, -1) + ')' : ''), k: k };
        }).filter(function (d) { return d.cost !== null && d.p95 !== null && isFinite(d.cost) && isFinite(d.p95); });
        var frontier = level.frontier.map(function (k) { return pts.filter(function (d) { return d.k === k; })[0]; }).filter(Boolean);
        return Plot.plot({
          width: W, height: 300, marginLeft: 64, marginRight: 20,
          // Insets keep the rings of the extreme points inside the frame.
          x: { label: 'total cost ($)', grid: true, tickFormat: usdTick, ticks: Math.max(3, Math.floor(W / 90)), inset: 12 }, y: { label: 'p95 latency (ms)', grid: true, type: 'log', inset: 12 },
          color: PLATFORM_SCALE,
          marks: [
            Plot.line(frontier, { x: 'cost', y: 'p95', stroke: '#333', strokeDasharray: '4,3' }),
            Plot.dot(pts, { x: 'cost', y: 'p95', fill: 'platform', r: 4, tip: true, title: function (d) { return d.text + '\n' + usd(d.cost) + ', p95 ' + fmtMs(d.p95); } }),
            Plot.dot(frontier, { x: 'cost', y: 'p95', stroke: '#000', r: 7 })
          ]
        });
      });
    });
    if (data.crossings.length > 0) {
      var b = section('Break-even', null);
      var ul = document.createElement('ul');
      data.crossings.forEach(function (c) {
        var li = document.createElement('li');
        li.textContent = c.axis + ' ≈ ' + fmt(c.value, 3) + (c.others ? ' (' + c.others + ')' : '') + ': ' + c.lowerBelow + ' is cheaper below, ' + c.lowerAbove + ' above (linear interpolation between the sweep\'s values; sim breakeven finds it by simulating between them).';
        ul.appendChild(li);
      });
      b.appendChild(ul);
    }
  }

  var lastWidth = width();
  var pending = null;
  window.addEventListener('resize', function () {
    if (pending !== null) clearTimeout(pending);
    pending = setTimeout(function () {
      pending = null;
      if (width() === lastWidth) return;
      lastWidth = width();
      redraws.forEach(function (draw) { draw(); });
    }, 150);
  });

  try {
    if (data.kind === 'run') renderRun(); else if (data.kind === 'sweep') renderSweep();
    if (data.kind !== 'sweep') renderTornado(data.sensitivity);
    document.body.dataset.rendered = 'true';
  } catch (error) {
    root.appendChild(errorBox('report: ' + (error && error.message ? error.message : error)));
    console.error('report', error);
    document.body.dataset.rendered = 'error';
  }
})();
`;
