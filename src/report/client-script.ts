/**
 * The script a report page runs: it reads the embedded data (`<script id="report-data">`) and
 * draws the charts with Observable Plot (global `Plot`, over global `d3`; both inlined in the
 * page). Plain ES2020 in a string, not compiled: it runs in the browser as written, so it uses
 * no template literals (this file is one) and nothing of Node. Each chart is drawn into an
 * element with a `data-chart` name, which test/report/browser.test.ts counts marks in. When all
 * are drawn, `document.body.dataset.rendered` is "true"; an error is shown on the page and
 * logged with console.error (the browser test fails on it).
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var root = document.getElementById('charts');
  var WIDTH = Math.max(640, Math.min(1100, root.clientWidth || 960));

  function section(title, note) {
    var s = document.createElement('section');
    var h = document.createElement('h2');
    h.textContent = title;
    s.appendChild(h);
    if (note) {
      var p = document.createElement('p');
      p.className = 'note';
      p.textContent = note;
      s.appendChild(p);
    }
    root.appendChild(s);
    return s;
  }

  function chart(parent, name, title, build) {
    var fig = document.createElement('div');
    fig.className = 'chart';
    fig.setAttribute('data-chart', name);
    if (title) {
      var h = document.createElement('h3');
      h.textContent = title;
      fig.appendChild(h);
    }
    parent.appendChild(fig);
    try {
      fig.appendChild(build());
    } catch (error) {
      fig.appendChild(errorBox('chart ' + name + ': ' + (error && error.message ? error.message : error)));
      console.error('chart ' + name, error);
    }
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

  function slug(text) {
    return String(text).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  }

  // ---- a run: summary.csv + downsampled timeline.csv ----

  function timeOf(t) {
    return data.start_epoch_ms === null ? t / 3600 : new Date(data.start_epoch_ms + t * 1000);
  }
  // No axis label for UTC time: it would print over the last date tick.
  var X_TIME = data.start_epoch_ms === null ? { label: 'simulated hours' } : { type: 'utc', label: null };

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

  function platformColor() {
    return { legend: true, domain: data.platforms };
  }

  function renderRun() {
    var summaries = data.summaries;
    var bucket = data.series.length > 0 ? data.series[0].bucket_s : 0;
    var perPoint = bucket > 0 ? 'Each point is a ' + fmtSeconds(bucket) + ' mean of the timeline (peaks as the largest step mean).' : '';

    var traffic = section('Traffic', 'Time axes are simulated time, UTC. Requests arriving per second (the same requests reach every platform) and requests lost (rejected, timed out or failed) per second. ' + perPoint);
    chart(traffic, 'traffic', 'arrivals and losses per second', function () {
      var r = rows(['arrivals_per_s', 'lost_per_s']);
      var first = r.filter(function (d) { return d.platform === data.platforms[0]; });
      return Plot.plot({
        width: WIDTH, height: 260, marginLeft: 56,
        x: X_TIME, y: { label: 'requests per second', grid: true },
        color: platformColor(),
        marks: [
          Plot.areaY(first, { x: 'date', y: 'arrivals_per_s', fill: '#cfd8e3' }),
          Plot.lineY(first, { x: 'date', y: 'arrivals_per_s', stroke: '#5b6b7f', strokeWidth: 1 }),
          Plot.lineY(r, { x: 'date', y: 'lost_per_s', stroke: 'platform', strokeWidth: 1.5 }),
          Plot.ruleY([0])
        ]
      });
    });

    var instances = section('Instances', 'Instances by state over time, stacked: starting (cold start or boot), busy (serving at least one request) and idle; the dashed line is the peak within each point. ' + perPoint);
    data.platforms.forEach(function (platform) {
      chart(instances, 'instances-' + slug(platform), platform, function () {
        var r = rows(['starting', 'busy', 'idle', 'instances_peak'], platform);
        var long = [];
        r.forEach(function (d) {
          long.push({ date: d.date, state: 'starting', value: d.starting });
          long.push({ date: d.date, state: 'busy', value: d.busy });
          long.push({ date: d.date, state: 'idle', value: d.idle });
        });
        return Plot.plot({
          width: WIDTH, height: 220, marginLeft: 56,
          x: X_TIME, y: { label: 'instances', grid: true },
          color: { legend: true, domain: ['starting', 'busy', 'idle'], range: ['#e4572e', '#2e86ab', '#a8c5da'] },
          marks: [
            Plot.areaY(long, { x: 'date', y: 'value', fill: 'state', order: ['starting', 'busy', 'idle'] }),
            Plot.lineY(r, { x: 'date', y: 'instances_peak', stroke: '#333', strokeWidth: 1, strokeDasharray: '3,3' }),
            Plot.ruleY([0])
          ]
        });
      });
    });
    chart(instances, 'cpu', 'CPU utilisation (busy vCPU-seconds over vCPU-seconds of capacity)', function () {
      return Plot.plot({
        width: WIDTH, height: 200, marginLeft: 56,
        x: X_TIME, y: { label: 'CPU utilisation', grid: true, percent: true },
        color: platformColor(),
        marks: [Plot.lineY(rows(['cpu_utilization']), { x: 'date', y: 'cpu_utilization', stroke: 'platform' }), Plot.ruleY([0])]
      });
    });

    var latency = section('Latency', 'Quantiles of request latency (arrival to completion) after the warm-up, from the summary: p50, p90, p95, p99, p99.9 and the maximum, on a log scale. The lines join the known quantiles only; the distribution between them is not drawn. p50, p95 and p99 are labelled.');
    chart(latency, 'latency', 'latency quantiles', function () {
      var q = [['p50', 'latency_p50_s'], ['p90', 'latency_p90_s'], ['p95', 'latency_p95_s'], ['p99', 'latency_p99_s'], ['p99.9', 'latency_p999_s'], ['max', 'latency_max_s']];
      var pts = [];
      summaries.forEach(function (s) {
        q.forEach(function (pair) {
          var v = s[pair[1]];
          if (v !== null && v > 0) pts.push({ platform: s.platform, quantile: pair[0], ms: v * 1000 });
        });
      });
      var labelled = pts.filter(function (d) { return d.quantile === 'p50' || d.quantile === 'p95' || d.quantile === 'p99'; });
      var marks = [
        Plot.line(pts, { x: 'quantile', y: 'ms', stroke: 'platform', strokeWidth: 2 }),
        Plot.dot(pts, { x: 'quantile', y: 'ms', fill: 'platform', r: 4, tip: true, title: function (d) { return d.platform + ' ' + d.quantile + ': ' + fmt(d.ms, 4) + ' ms'; } })
      ];
      // Labels of the first platform to the left of the dots, the second's to the right, further
      // platforms one line lower each time, so that close values do not print over each other.
      data.platforms.forEach(function (platform, i) {
        marks.push(Plot.text(labelled.filter(function (d) { return d.platform === platform; }), {
          x: 'quantile', y: 'ms', text: function (d) { return fmt(d.ms, 3) + ' ms'; },
          textAnchor: i % 2 === 0 ? 'end' : 'start', dx: i % 2 === 0 ? -9 : 9, dy: 12 * Math.floor(i / 2),
          fill: 'platform', fontWeight: 'bold'
        }));
      });
      return Plot.plot({
        width: WIDTH, height: 320, marginLeft: 64,
        x: { domain: q.map(function (p) { return p[0]; }), label: 'quantile', padding: 0.3 },
        y: { type: 'log', label: 'latency (ms)', grid: true },
        color: platformColor(),
        marks: marks
      });
    });

    var cold = section('Cold starts', coldNote(summaries));
    chart(cold, 'cold-start-wait', 'time requests waited on a starting instance (mean and p99)', function () {
      var bars = [];
      summaries.forEach(function (s) {
        if (s.cold_start_wait_mean_s !== null) bars.push({ platform: s.platform, stat: 'mean', ms: s.cold_start_wait_mean_s * 1000 });
        if (s.cold_start_wait_p99_s !== null) bars.push({ platform: s.platform, stat: 'p99', ms: s.cold_start_wait_p99_s * 1000 });
      });
      if (bars.length === 0) return errorNote('No request waited on a starting instance.');
      return Plot.plot({
        width: Math.min(WIDTH, 520), height: 240, marginLeft: 56,
        fx: { label: null, domain: data.platforms }, x: { label: null, domain: ['mean', 'p99'] },
        y: { label: 'wait (ms)', grid: true },
        color: { legend: true, domain: ['mean', 'p99'], range: ['#2e86ab', '#e4572e'] },
        marks: [
          Plot.barY(bars, { fx: 'platform', x: 'stat', y: 'ms', fill: 'stat' }),
          Plot.text(bars, { fx: 'platform', x: 'stat', y: 'ms', text: function (d) { return fmt(d.ms, 3); }, dy: -6 }),
          Plot.ruleY([0])
        ]
      });
    });
    chart(cold, 'starting', 'instances starting over time (cold starts and boots in progress)', function () {
      return Plot.plot({
        width: WIDTH, height: 200, marginLeft: 56,
        x: X_TIME, y: { label: 'instances starting', grid: true },
        color: platformColor(),
        marks: [Plot.lineY(rows(['starting']), { x: 'date', y: 'starting', stroke: 'platform' }), Plot.ruleY([0])]
      });
    });

    var cost = section('Cost', 'Cost accrues per simulated second by each platform\'s billing rules. The timeline has the total only, so the split by component is the run\'s total from the summary.');
    chart(cost, 'cost-rate', 'cost per hour (USD)', function () {
      return Plot.plot({
        width: WIDTH, height: 220, marginLeft: 56,
        x: X_TIME, y: { label: 'USD per hour', grid: true },
        color: platformColor(),
        marks: [Plot.lineY(rows(['cost_per_hour_usd']), { x: 'date', y: 'cost_per_hour_usd', stroke: 'platform' }), Plot.ruleY([0])]
      });
    });
    chart(cost, 'cost-cumulative', 'cumulative cost (USD)', function () {
      var r = rows(['cost_cumulative_usd']);
      var ends = summaries.map(function (s) { return { platform: s.platform, date: timeOf(s.duration_s), usd: s.cost_total_usd }; });
      return Plot.plot({
        width: WIDTH, height: 240, marginLeft: 56, marginRight: 70,
        x: X_TIME, y: { label: 'USD', grid: true },
        color: platformColor(),
        marks: [
          Plot.lineY(r, { x: 'date', y: 'cost_cumulative_usd', stroke: 'platform', strokeWidth: 2 }),
          Plot.text(ends, { x: 'date', y: 'usd', text: function (d) { return '$' + fmt(d.usd, 4); }, textAnchor: 'start', dx: 4, fill: 'platform' }),
          Plot.ruleY([0])
        ]
      });
    });
    chart(cost, 'cost-components', 'total cost by component (USD; a discount is negative)', function () {
      var components = ['cpu', 'memory', 'idle', 'requests', 'network', 'fixed', 'discount'];
      var parts = [];
      summaries.forEach(function (s) {
        components.forEach(function (c) {
          var v = s['cost_' + c + '_usd'];
          if (v !== null && v !== 0) parts.push({ platform: s.platform, component: c, usd: v });
        });
      });
      return Plot.plot({
        width: WIDTH, height: 60 + 44 * data.platforms.length, marginLeft: 90,
        x: { label: 'USD', grid: true }, y: { label: null, domain: data.platforms },
        color: { legend: true, domain: components, scheme: 'tableau10' },
        marks: [
          Plot.barX(parts, { x: 'usd', y: 'platform', fill: 'component', order: components, tip: true, title: function (d) { return d.platform + ' ' + d.component + ': $' + fmt(d.usd, 4); } }),
          Plot.ruleX([0])
        ]
      });
    });
  }

  function coldNote(summaries) {
    var parts = summaries.map(function (s) {
      return s.platform + ': ' + s.instance_starts + ' instance starts, ' + s.cold_start_requests + ' requests waited on a starting instance (' + fmt((s.cold_start_fraction || 0) * 100, 3) + ' %)';
    });
    return parts.join('; ') + '. The timeline has no per-step cold-start count; instances starting over time shows when cold starts (and VM boots) happened.';
  }

  function errorNote(text) {
    var p = document.createElement('p');
    p.className = 'note';
    p.textContent = text;
    return p;
  }

  function fmtSeconds(s) {
    if (s < 120) return fmt(s, 3) + ' s';
    if (s < 7200) return fmt(s / 60, 3) + ' min';
    return fmt(s / 3600, 3) + ' h';
  }

  // ---- a sweep: results.csv ----

  var LABELS = { cost_total_usd: 'total cost (USD)', latency_p95_s: 'p95 latency (s)', latency_p99_s: 'p99 latency (s)', latency_p50_s: 'p50 latency (s)', cost_per_million_usd: 'cost per million requests (USD)' };
  function label(metric) { return LABELS[metric] || metric; }

  function seriesName(point, axisIndex) {
    var others = [];
    data.axes.forEach(function (a, j) { if (j !== axisIndex) others.push(a.path + '=' + point.grid[j]); });
    return others.length > 0 ? point.platform + ' (' + others.join(', ') + ')' : point.platform;
  }

  function renderSweep() {
    var reps = data.replications;
    data.metrics.forEach(function (metric) {
      var s = section(label(metric), reps > 1
        ? 'Mean over ' + reps + ' replications per point, with its 95 % confidence band (mean ± t(0.975; n−1)·s/√n). One line per platform and combination of the other grid values.'
        : 'One replication per point: no confidence band (run the sweep with --replications 2 or more).');
      data.axes.forEach(function (axis, i) {
        chart(s, 'metric-' + slug(metric) + '-' + slug(axis.path), label(metric) + ' against ' + axis.path, function () {
          var pts = data.points.map(function (p) {
            var b = p.metrics[metric];
            return { x: axis.numeric ? Number(p.grid[i]) : p.grid[i], series: seriesName(p, i), mean: b.mean, lo: b.lo, hi: b.hi, n: b.n };
          }).filter(function (d) { return d.mean !== null && isFinite(d.mean); });
          pts.sort(function (a, b) { return a.series < b.series ? -1 : a.series > b.series ? 1 : (axis.numeric ? a.x - b.x : 0); });
          var marks = [];
          if (axis.numeric) {
            marks.push(Plot.areaY(pts, { x: 'x', y1: 'lo', y2: 'hi', fill: 'series', fillOpacity: 0.18 }));
            marks.push(Plot.lineY(pts, { x: 'x', y: 'mean', stroke: 'series', strokeWidth: 1.5 }));
          } else {
            marks.push(Plot.ruleX(pts, { x: 'x', y1: 'lo', y2: 'hi', stroke: 'series', strokeWidth: 2 }));
          }
          marks.push(Plot.dot(pts, { x: 'x', y: 'mean', fill: 'series', r: 3, tip: true, title: function (d) { return d.series + '\n' + axis.path + ' = ' + d.x + '\nmean ' + fmt(d.mean, 4) + (d.hi > d.lo ? '  [' + fmt(d.lo, 4) + ', ' + fmt(d.hi, 4) + ']' : '') + ' (n = ' + d.n + ')'; } }));
          if (metric === 'cost_total_usd') {
            data.crossings.filter(function (c) { return c.axis === axis.path; }).forEach(function (c) {
              marks.push(Plot.ruleX([c.value], { stroke: '#888', strokeDasharray: '4,3' }));
              marks.push(Plot.text([c], { x: 'value', frameAnchor: 'top', text: function (d) { return 'crossing ≈ ' + fmt(d.value, 3); }, dy: 6, dx: 4, textAnchor: 'start' }));
            });
          }
          return Plot.plot({
            width: WIDTH, height: 300, marginLeft: 64,
            x: axis.numeric ? { label: axis.path, grid: true } : { label: axis.path, domain: axis.values },
            y: { label: label(metric), grid: true, zero: metric.indexOf('cost') === 0 },
            color: { legend: true },
            marks: marks
          });
        });
      });
    });

    var f = section('Cost against latency', 'Every (grid point, platform): mean total cost against mean p95 latency. The line joins the Pareto frontier: the points no other point beats on both.');
    chart(f, 'frontier', 'cost–latency frontier', function () {
      var pts = data.points.map(function (p, k) {
        return { platform: p.platform, cost: p.metrics.cost_total_usd.mean, p95: p.metrics.latency_p95_s.mean * 1000, text: seriesName(p, -1), k: k };
      }).filter(function (d) { return d.cost !== null && d.p95 !== null && isFinite(d.cost) && isFinite(d.p95); });
      var frontier = data.frontier.map(function (k) { return pts.filter(function (d) { return d.k === k; })[0]; }).filter(Boolean);
      return Plot.plot({
        width: WIDTH, height: 340, marginLeft: 64,
        x: { label: 'total cost (USD)', grid: true }, y: { label: 'p95 latency (ms)', grid: true, type: 'log' },
        color: { legend: true, domain: data.platforms },
        marks: [
          Plot.line(frontier, { x: 'cost', y: 'p95', stroke: '#333', strokeDasharray: '4,3' }),
          Plot.dot(pts, { x: 'cost', y: 'p95', fill: 'platform', r: 4, tip: true, title: function (d) { return d.text + '\n$' + fmt(d.cost, 4) + ', p95 ' + fmt(d.p95, 4) + ' ms'; } }),
          Plot.dot(frontier, { x: 'cost', y: 'p95', stroke: '#000', r: 7 })
        ]
      });
    });
    if (data.crossings.length > 0) {
      var b = section('Breakeven', null);
      var ul = document.createElement('ul');
      data.crossings.forEach(function (c) {
        var li = document.createElement('li');
        li.textContent = c.axis + ' ≈ ' + fmt(c.value, 3) + (c.others ? ' (' + c.others + ')' : '') + ': ' + c.lowerBelow + ' is cheaper below, ' + c.lowerAbove + ' above (linear interpolation between the sweep\'s values; sim breakeven bisects it exactly).';
        ul.appendChild(li);
      });
      b.appendChild(ul);
    }
  }

  try {
    if (data.kind === 'run') renderRun(); else renderSweep();
    document.body.dataset.rendered = 'true';
  } catch (error) {
    root.appendChild(errorBox('report: ' + (error && error.message ? error.message : error)));
    console.error('report', error);
    document.body.dataset.rendered = 'error';
  }
})();
`;
