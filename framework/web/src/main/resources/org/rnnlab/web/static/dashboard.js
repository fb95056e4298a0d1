// rnnlab dashboard: draws the charts of the run, compare and sweep pages with uPlot, follows a
// running run (polling for the rows appended since the last answer), and changes tags and notes.
// The tables of every page are HTML from the server and need none of this. No inline script runs:
// the page's Content-Security-Policy forbids it, and text from the archive only ever reaches the
// page as textContent. Tests read window.rnnlab (the uPlot instances, poll and row counts, errors).
"use strict";
(function () {
  const state = window.rnnlab = { charts: {}, polls: 0, rows: 0, error: null, ready: false, status: null };
  const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf"];
  const POLL_MS = 1000;

  function $(id) { return document.getElementById(id); }

  function idPath(id) { return id.split("/").map(encodeURIComponent).join("/"); }

  function fail(e) {
    state.error = String(e && e.message ? e.message : e);
    const box = $("charts");
    if (box) {
      const p = document.createElement("p");
      p.className = "problem";
      p.textContent = "The charts could not be drawn: " + state.error;
      box.appendChild(p);
    }
  }

  async function getJson(url) {
    const response = await fetch(url, { cache: "no-store", credentials: "same-origin" });
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new Error(body && body.error ? body.error : "HTTP " + response.status);
    return body;
  }

  async function postJson(url, value) {
    const response = await fetch(url, {
      method: "POST", credentials: "same-origin", cache: "no-store",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(value),
    });
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new Error(body && body.error ? body.error : "HTTP " + response.status);
    return body;
  }

  function rgba(hex, alpha) {
    const n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
  }

  // TensorBoard's smoothing: an exponential moving average, debiased so the first points are not
  // pulled towards zero. Gaps (null) stay gaps.
  function smooth(ys, weight) {
    if (!(weight > 0)) return ys;
    const out = new Array(ys.length);
    let last = 0, n = 0;
    for (let i = 0; i < ys.length; i++) {
      const y = ys[i];
      if (y == null || !isFinite(y)) { out[i] = y; continue; }
      last = last * weight + (1 - weight) * y;
      n++;
      out[i] = last / (1 - Math.pow(weight, n));
    }
    return out;
  }

  // ---- one chart ----------------------------------------------------------------------------

  // A chart of several series [{label, x, y, std}] against the step; std (a ± band) where given.
  // Rebuilt when the axis or smoothing on/off changes, updated in place otherwise. A study's chart
  // has another x (axis.x, e.g. "length") and logarithmic axes whatever the page's toggle says.
  class Chart {
    constructor(holder, key, title, axis) {
      this.key = key;
      this.title = title;
      this.xName = axis && axis.x || "step";
      this.logXY = !!(axis && axis.log);
      this.box = document.createElement("div");
      this.box.className = "chart";
      holder.appendChild(this.box);
      this.series = [];
      this.options = { log: false, smoothing: 0 };
      this.plot = null;
      this.zoomed = false;
      this.onZoom = null; // (min, max) when the user zooms; null when the view is reset
    }

    // The width of the chart's cell of the grid (dashboard.css), less its padding.
    width() {
      return Math.max(300, this.box.clientWidth - 14);
    }

    data() {
      const tables = [];
      const log = this.options.log || this.logXY, w = this.options.smoothing;
      const clean = ys => log ? ys.map(v => v != null && v > 0 ? v : null) : ys;
      for (const s of this.series) {
        const raw = clean(s.y);
        const table = [s.x];
        if (w > 0) table.push(raw);
        table.push(clean(smooth(s.y, w)));
        if (s.std) {
          const up = s.y.map((m, i) => m == null || s.std[i] == null ? null : m + s.std[i]);
          const down = s.y.map((m, i) => m == null || s.std[i] == null ? null : m - s.std[i]);
          table.push(clean(smooth(up, w)), clean(smooth(down, w)));
        }
        tables.push(table);
      }
      if (tables.length === 0) return [[]];
      return tables.length === 1 ? tables[0] : uPlot.join(tables);
    }

    config() {
      const series = [{ label: this.xName }];
      const bands = [];
      const w = this.options.smoothing;
      this.main = []; // per input series: the index of its line, and of its + std edge (or -1)
      this.series.forEach((s, k) => {
        const colour = PALETTE[k % PALETTE.length];
        if (w > 0) series.push({ label: s.label + " (raw)", stroke: rgba(colour, 0.3), width: 1, spanGaps: true });
        this.main.push({ line: series.length, edge: s.std ? series.length + 1 : -1, colour: colour, label: s.label });
        series.push({ label: s.label, stroke: colour, width: 2, spanGaps: true });
        if (s.std) {
          const up = series.length;
          const edge = { stroke: rgba(colour, 0.45), width: 1, spanGaps: true, dash: [4, 4], points: { show: false } };
          series.push(Object.assign({ label: s.label + " + std" }, edge));
          series.push(Object.assign({ label: s.label + " − std" }, edge));
          bands.push({ series: [up, up + 1], fill: rgba(colour, 0.15) });
        }
      });
      const chart = this;
      return {
        title: this.title || this.series.map(s => s.label).join(", ").replace(/_/g, " "),
        width: this.width(),
        height: 300,
        scales: {
          x: this.logXY ? { time: false, distr: 3, log: 10 } : { time: false },
          y: this.options.log || this.logXY ? { distr: 3, log: 10 } : {},
        },
        axes: [{ label: this.xName }, { label: this.logXY ? "" : this.key.replace(/_/g, " "), size: 70 }],
        series: series,
        bands: bands,
        cursor: { drag: { x: true, y: false } },
        legend: { show: false }, // the read-out below names each line once, with its ± std
        plugins: this.logXY ? [] : [wheelAndPan(chart)], // a log axis zooms by dragging alone
        hooks: {
          setCursor: [u => chart.readout(u)],
          setSelect: [u => {
            if (u.select.width > 0) {
              chart.zoomed = true;
              // uPlot zooms on its own after this hook; read the new range once it has.
              setTimeout(() => chart.onZoom && chart.onZoom(u.scales.x.min, u.scales.x.max), 0);
            }
          }],
        },
      };
    }

    // Under the chart: each line's colour, name and value at the cursor's step (± std for a band),
    // or at the last step when the cursor is elsewhere.
    readout(u) {
      if (!this.legend) return;
      const xs = u.data[0];
      let i = u.cursor.idx;
      if (i == null) i = xs.length - 1;
      const format = v => v == null ? "–" : Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0)
        ? v.toExponential(3) : String(Number(v.toPrecision(5)));
      this.legend.textContent = "";
      const step = document.createElement("span");
      step.className = "step";
      step.textContent = xs.length ? this.xName + " " + xs[i] : "";
      this.legend.appendChild(step);
      for (const m of this.main) {
        const item = document.createElement("span");
        item.className = "item";
        const swatch = document.createElement("span");
        swatch.className = "swatch";
        swatch.style.background = m.colour;
        item.appendChild(swatch);
        let text = m.label + " " + format(u.data[m.line][i]);
        if (m.edge >= 0 && u.data[m.edge][i] != null && u.data[m.line][i] != null) {
          text += " ± " + format(u.data[m.edge][i] - u.data[m.line][i]);
        }
        item.appendChild(document.createTextNode(text));
        this.legend.appendChild(item);
      }
    }

    draw() {
      if (this.plot) this.plot.destroy();
      this.plot = null;
      if (this.legend) this.legend.remove();
      this.legend = null;
      delete state.charts[this.key];
      this.box.hidden = this.series.length === 0; // no values yet
      if (this.series.length === 0) return;
      this.plot = new uPlot(this.config(), this.data(), this.box);
      this.legend = document.createElement("div");
      this.legend.className = "readout";
      this.box.appendChild(this.legend);
      this.readout(this.plot);
      this.plot.over.addEventListener("dblclick", () => {
        this.zoomed = false;
        if (this.onZoom) this.onZoom(null, null);
      });
      state.charts[this.key] = this.plot;
    }

    set(series) {
      const rebuild = !this.plot || series.length !== this.series.length
        || series.some((s, i) => !!s.std !== !!(this.series[i] && this.series[i].std));
      this.series = series;
      if (rebuild) this.draw();
      else {
        this.plot.setData(this.data(), !this.zoomed);
        this.readout(this.plot);
      }
    }

    setOptions(options) {
      const rebuild = (options.log !== this.options.log && !this.logXY)
        || (options.smoothing > 0) !== (this.options.smoothing > 0);
      this.options = Object.assign({}, options);
      if (!this.plot) return;
      if (rebuild) this.draw();
      else this.plot.setData(this.data(), !this.zoomed);
    }
  }

  // Wheel zooms the steps around the cursor; shift-drag pans them.
  function wheelAndPan(chart) {
    return {
      hooks: {
        ready: u => {
          u.over.addEventListener("wheel", e => {
            e.preventDefault();
            const x = u.posToVal(u.cursor.left == null || u.cursor.left < 0 ? u.over.clientWidth / 2 : u.cursor.left, "x");
            const min = u.scales.x.min, max = u.scales.x.max;
            const f = e.deltaY < 0 ? 0.8 : 1.25;
            u.setScale("x", { min: x - (x - min) * f, max: x + (max - x) * f });
            chart.zoomed = true;
            if (chart.onZoom) chart.onZoom(u.scales.x.min, u.scales.x.max);
          }, { passive: false });
          u.root.addEventListener("mousedown", e => {
            if (!e.shiftKey || !u.over.contains(e.target)) return;
            e.preventDefault();
            e.stopPropagation();
            const x0 = e.clientX, min0 = u.scales.x.min, max0 = u.scales.x.max;
            const perPixel = (max0 - min0) / u.over.clientWidth;
            const move = ev => {
              const dx = (ev.clientX - x0) * perPixel;
              u.setScale("x", { min: min0 - dx, max: max0 - dx });
            };
            const up = () => {
              document.removeEventListener("mousemove", move);
              document.removeEventListener("mouseup", up);
              chart.zoomed = true;
              if (chart.onZoom) chart.onZoom(u.scales.x.min, u.scales.x.max);
            };
            document.addEventListener("mousemove", move);
            document.addEventListener("mouseup", up);
          }, true);
        },
      },
    };
  }

  // The smoothing slider and the log toggle, applied to every chart of the page.
  function controls(charts) {
    const slider = $("smoothing"), log = $("log-y"), shown = $("smoothing-value");
    const apply = () => {
      const options = { smoothing: Number(slider.value), log: log.checked };
      shown.textContent = options.smoothing.toFixed(2);
      charts().forEach(c => c.setOptions(options));
    };
    if (slider) slider.addEventListener("input", apply);
    if (log) log.addEventListener("change", apply);
    return () => ({ smoothing: slider ? Number(slider.value) : 0, log: log ? log.checked : false });
  }

  // ---- the run page -------------------------------------------------------------------------

  async function runPage() {
    const holder = $("charts");
    const id = holder.dataset.run;
    const base = "/api/run/" + idPath(id);
    let columns = {};      // name -> {x: [], y: []}: what the charts draw when not zoomed in
    let charts = [];
    let cursor = null, thinned = false, rows = 0;
    let studies = [];      // a gradient-growth study's charts, under the same controls
    const options = controls(() => charts.concat(studies));
    const study = $("study-charts") ? studyCharts(base, $("study-charts"), options, list => { studies = list; }) : null;

    function setStatus(status) {
      state.status = status;
      const badge = $("status");
      if (badge && badge.textContent !== status) {
        badge.textContent = status;
        badge.className = "status status-" + status.split(/[: ]/)[0];
      }
    }

    function info() {
      $("rows-info").textContent = rows + " rows" + (thinned ? " · drawn thinned (lowest and highest of each stretch);"
        + " zoom in for every point" : "");
      state.rows = rows;
    }

    // The columns of a chart that have values so far (a run's test columns start at its first
    // evaluation; a column a task leaves empty is left out).
    function seriesOf(group, source) {
      return group.filter(name => source[name] && source[name].x.length > 0)
        .map(name => ({ label: name, x: source[name].x, y: source[name].y, std: null }));
    }

    async function load() {
      const s = await getJson(base + "/series");
      columns = {};
      for (const name of Object.keys(s.series)) {
        columns[name] = { x: Array.from(s.series[name].x), y: Array.from(s.series[name].y) };
      }
      cursor = s.cursor;
      thinned = s.decimated;
      rows = s.rows;
      setStatus(s.status);
      holder.textContent = "";
      charts = (s.charts || []).map(group => {
        const chart = new Chart(holder, group[0], null); // titled by the columns it draws
        chart.group = group;
        chart.options = options();
        chart.onZoom = (min, max) => zoom(chart, min, max);
        chart.set(seriesOf(group, columns));
        return chart;
      });
      if (charts.length === 0) {
        const p = document.createElement("p");
        p.className = "hint";
        p.textContent = s.status === "running" ? "No rows yet; the charts appear with the first." : "This run has no metrics.";
        holder.appendChild(p);
      }
      info();
    }

    // A zoom into a thinned series asks for that stretch at full detail (thinned again only if it is long).
    let zoomRequest = 0;
    async function zoom(chart, min, max) {
      if (!thinned) return;
      const ticket = ++zoomRequest;
      if (min == null) {
        chart.detail = null;
        chart.set(seriesOf(chart.group, columns));
        return;
      }
      await new Promise(r => setTimeout(r, 150));
      if (ticket !== zoomRequest) return;
      try {
        const s = await getJson(base + "/series?from=" + Math.floor(min) + "&to=" + Math.ceil(max));
        if (ticket !== zoomRequest || !chart.zoomed) return;
        chart.detail = s.series;
        chart.set(seriesOf(chart.group, s.series));
        chart.plot.setScale("x", { min: min, max: max });
      } catch (e) {
        fail(e);
      }
    }

    function append(answer) {
      const names = answer.columns;
      const data = answer.data;
      if (!data.length || data[0].length === 0) return 0;
      for (let c = 1; c < names.length; c++) {
        const column = columns[names[c]];
        if (!column) continue;
        for (let r = 0; r < data[0].length; r++) {
          if (data[c][r] != null) {
            column.x.push(data[0][r]);
            column.y.push(data[c][r]);
          }
        }
      }
      return data[0].length;
    }

    await load();
    if (study) await study();
    state.ready = true;
    while (state.status === "running") {
      await new Promise(r => setTimeout(r, POLL_MS));
      if (study) await study(); // a study writes its table as it measures: drawn again whole
      let answer;
      do {
        answer = await getJson(base + "/rows?cursor=" + encodeURIComponent(cursor));
        state.polls++;
        if (answer.restarted || (charts.length === 0 && answer.data.length && answer.data[0].length)) {
          await load(); // the file was replaced (a resume) or the first rows came: start over
          break;
        }
        const added = append(answer);
        cursor = answer.cursor;
        setStatus(answer.status);
        if (added > 0) {
          rows += added;
          charts.forEach(c => { if (!c.detail) c.set(seriesOf(c.group, columns)); });
          info();
        }
      } while (answer.more);
    }
  }

  // A gradient-growth study's charts: a line per condition against the sequence length, both axes
  // logarithmic, from /api/run/<id>/study. The returned function draws them (again) and returns
  // the run's status.
  function studyCharts(base, holder, options, set) {
    const charts = new Map();
    return async () => {
      const answer = await getJson(base + "/study");
      for (const c of answer.charts) {
        let chart = charts.get(c.key);
        if (!chart) {
          chart = new Chart(holder, c.key, c.title, { x: answer.x, log: true });
          chart.options = options();
          charts.set(c.key, chart);
        }
        chart.set(c.series.map(s => ({ label: s.name, x: s.x, y: s.y, std: null })));
      }
      set(Array.from(charts.values()));
      return answer.status;
    };
  }

  // ---- tags, notes, samples -------------------------------------------------------------------

  function annotations() {
    const holder = $("charts");
    const form = $("tag-form");
    if (!form || !holder) return;
    const base = "/api/run/" + idPath(holder.dataset.run);
    const message = $("annotations-message");
    const showTags = tags => {
      const box = $("tags");
      box.textContent = "";
      tags.forEach((t, i) => {
        const a = document.createElement("a");
        a.className = "tag";
        a.href = "/?tag=" + encodeURIComponent(t);
        a.textContent = t;
        if (i > 0) box.appendChild(document.createTextNode(" "));
        box.appendChild(a);
      });
      const none = $("no-tags");
      if (none) none.hidden = tags.length > 0;
    };
    form.addEventListener("submit", async e => {
      e.preventDefault();
      const input = $("tag-input");
      const value = input.value.trim();
      if (!value) return;
      const remove = value.startsWith("-");
      const tag = value.replace(/^[+-]/, "");
      try {
        const answer = await postJson(base + "/tags", remove ? { remove: [tag] } : { add: [tag] });
        showTags(answer.tags);
        input.value = "";
        message.textContent = remove ? "removed " + tag : "tagged " + tag;
      } catch (err) {
        message.textContent = err.message;
      }
    });
    $("notes-form").addEventListener("submit", async e => {
      e.preventDefault();
      try {
        const answer = await postJson(base + "/notes", { notes: $("notes-input").value });
        $("notes").textContent = answer.notes;
        message.textContent = "notes saved";
      } catch (err) {
        message.textContent = err.message;
      }
    });
    const sample = $("sample");
    if (sample) {
      sample.addEventListener("submit", async e => {
        e.preventDefault();
        const out = $("sample-text");
        const query = new URLSearchParams(new FormData(sample)).toString();
        out.textContent = "sampling…";
        try {
          const response = await fetch(base + "/sample?" + query, { cache: "no-store" });
          const text = await response.text();
          out.textContent = response.ok ? text : (JSON.parse(text).error || text);
        } catch (err) {
          out.textContent = String(err);
        }
      });
    }
  }

  // ---- compare and sweep pages ----------------------------------------------------------------

  async function comparePage() {
    const holder = $("charts");
    if (!holder || !holder.dataset.compare) return;
    let charts = [];
    const options = controls(() => charts);
    const answer = await getJson("/api/compare?" + holder.dataset.compare);
    charts = answer.charts.map(c => {
      const chart = new Chart(holder, c.metric, c.title);
      chart.options = options();
      chart.set(c.series.map(s => ({ label: s.name, x: s.x, y: s.y, std: s.std })));
      return chart;
    });
    state.ready = true;
  }

  // ---- the archive page -----------------------------------------------------------------------

  function archivePage() {
    // The compare button says how many runs are ticked; the page works the same without this.
    const button = $("compare");
    if (!button) return;
    const boxes = Array.from(document.querySelectorAll("#runs input[name=run]"));
    const update = () => {
      const n = boxes.filter(b => b.checked).length;
      button.textContent = n ? "Compare " + n + " ticked" : "Compare ticked runs";
    };
    boxes.forEach(b => b.addEventListener("change", update));
    update();
    state.ready = true;
  }

  const page = document.body.dataset.page;
  const start = page === "run" ? () => { annotations(); return runPage(); }
    : page === "compare" || page === "sweep" ? comparePage
    : page === "archive" ? archivePage : () => { state.ready = true; };
  Promise.resolve().then(start).catch(fail);
})();
