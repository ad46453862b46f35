/* Tacitus explorer — plain JavaScript, no dependencies, works offline.
 * Safety rule: data is never parsed as HTML. Every element is built with createElement and every
 * piece of text is set with textContent (see h() and s()). URLs from data are only used when http(s). */
"use strict";

const PLOVER_COLORS = {
  AGREE: "#4f9d69", CONSULT: "#3b7dd8", SUPPORT: "#5bb3a9", COOPERATE: "#2f9e8f", AID: "#7fb95a",
  CONCEDE: "#9ac46b", REQUEST: "#8d7bd6", OTHER: "#98a2b3", ACCUSE: "#e0a43a", REJECT: "#d98a3d",
  THREATEN: "#e06f3f", PROTEST: "#c65a9b", MOBILIZE: "#b25b5b", SANCTION: "#8f5bb2", COERCE: "#c2413a",
  ASSAULT: "#9b1c1c", RETREAT: "#6b8fb2",
};
const SVGNS = "http://www.w3.org/2000/svg";
const app = document.getElementById("app");
let META = null;

/* ------------------------------------------------------------------ DOM helpers (textContent only) */
function h(tag, props, ...children) {
  const el = document.createElement(tag);
  setProps(el, props);
  append(el, children);
  return el;
}
function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "text") el.textContent = String(v);
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}
function setProps(el, props) {
  for (const [k, v] of Object.entries(props || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") el.textContent = String(v);
    else if (k === "class") el.className = v;
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "href") el.setAttribute("href", safeHref(v));
    else if (k in el && typeof v !== "string") el[k] = v;
    else el.setAttribute(k, String(v));
  }
}
function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}
function safeHref(v) {
  const str = String(v);
  if (str.startsWith("#") || str.startsWith("/")) return str;
  try { const u = new URL(str); if (u.protocol === "http:" || u.protocol === "https:") return u.href; } catch (e) { /* */ }
  return "#";
}
function put(el, ...children) { append(el, children); return el; }
function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }
function fmtNum(n) { return n === null || n === undefined ? "—" : Number(n).toLocaleString("en-US"); }
function enc(v) { return encodeURIComponent(v); }

/* ------------------------------------------------------------------ API */
async function api(path, params, options) {
  const qs = params ? new URLSearchParams(Object.entries(params).filter(([, v]) => v !== "" && v !== null && v !== undefined)) : null;
  const res = await fetch(path + (qs && [...qs].length ? "?" + qs : ""), options);
  let body = null;
  try { body = await res.json(); } catch (e) { /* not JSON */ }
  if (!res.ok) {
    const err = new Error(body && body.error ? body.error.message : `HTTP ${res.status}`);
    err.code = body && body.error ? body.error.code : String(res.status);
    throw err;
  }
  return body;
}
async function meta(force) {
  if (!META || force) {
    META = await api("/api/meta");
    const c = META.counts;
    document.getElementById("store-info").textContent =
      `${META.store} · ${fmtNum(c.articles)} articles · ${fmtNum(c.events)} events`;
  }
  return META;
}

/* ------------------------------------------------------------------ small components */
function statusBadge(st) { return h("span", { class: `badge st-${st}`, text: st }); }
function ploverChip(p, mode) {
  return h("span", { class: "chip", title: "PLOVER event type" },
    h("i", { class: "dot", style: null, dataset: {} }), p || "—", mode ? ` · ${mode}` : "");
}
function colorDots(root) {
  for (const chip of root.querySelectorAll(".chip")) {
    const dot = chip.querySelector(".dot");
    const type = chip.childNodes[1] ? chip.childNodes[1].textContent : "";
    if (dot) dot.style.background = PLOVER_COLORS[type] || "#98a2b3";
  }
  return root;
}
function confBar(c) {
  const bar = h("span", { class: "bar" }, h("i"));
  bar.firstChild.style.width = `${Math.round((c || 0) * 100)}%`;
  return h("span", { class: "conf", title: "confidence" }, bar, (c || 0).toFixed(2));
}
function actorLink(id, name, code) {
  if (!code && !name) return h("span", { class: "muted", text: "—" });
  return h("a", { href: `#/actor/${enc(id || code)}`, title: code || "" }, name || code,
    code ? h("span", { class: "code", text: ` ${code}` }) : null);
}
function dateText(d, fallback) {
  return [d || "undated", fallback ? h("span", { class: "flag", title: "no date in the text: publication date", text: " (pub.)" }) : null];
}
function placeText(name, country) {
  if (!name && !country) return "—";
  return name && country && name !== country ? `${name}, ${country}` : (name || country);
}
function panel(title, ...children) {
  return h("section", { class: "panel" }, title ? h("div", { class: "panel-head" }, h("h2", { text: title })) : null, ...children);
}
function loading(text) { return h("div", { class: "muted" }, h("span", { class: "spinner" }), " ", text || "Loading…"); }
function errorBox(err) { return h("div", { class: "notice error", role: "alert", text: `Error: ${err.message || err}` }); }

/* ------------------------------------------------------------------ router */
function parseHash() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, query] = raw.split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  return { parts, params: Object.fromEntries(new URLSearchParams(query || "")) };
}
async function route() {
  const { parts, params } = parseHash();
  const page = parts[0] || "code";
  for (const a of document.querySelectorAll(".nav a[data-nav]")) {
    a.classList.toggle("active", a.dataset.nav === page || (page === "event" && a.dataset.nav === "explore") ||
      (page === "actor" && a.dataset.nav === "actors"));
  }
  clear(app);
  window.scrollTo(0, 0);
  try {
    if (page === "code") await codePage();
    else if (page === "explore") await explorePage(params);
    else if (page === "event" && parts[1]) await eventPage(parts[1]);
    else if (page === "actors") await actorsPage(params);
    else if (page === "actor" && parts[1]) await actorPage(parts[1]);
    else app.appendChild(h("div", { class: "empty", text: "Page not found." }));
  } catch (err) {
    app.appendChild(errorBox(err));
  }
}
window.addEventListener("hashchange", route);

/* ================================================================== Code an article */
async function codePage() {
  meta().catch(() => {});
  const text = h("textarea", { id: "article-text", placeholder: "Paste the article text here…", spellcheck: false });
  const published = h("input", { type: "date", id: "published" });
  published.value = new Date().toISOString().slice(0, 10);
  const file = h("input", { type: "file", id: "article-file", accept: ".txt,.text,.md,text/plain" });
  const save = h("input", { type: "checkbox", id: "save" });
  const submit = h("button", { class: "btn btn-primary", id: "code-btn", type: "submit", text: "Code article" });
  const status = h("span", { class: "muted small", id: "code-status" });
  const result = h("div", { id: "code-result" });
  file.addEventListener("change", async () => {
    const f = file.files[0];
    if (!f) return;
    if (f.size > 1900000) { status.textContent = "File too large (limit ≈ 2 MB)."; return; }
    text.value = await f.text();
    status.textContent = `Loaded ${f.name} (${fmtNum(f.size)} bytes).`;
  });
  const form = h("form", { id: "code-form", onsubmit: async (ev) => {
    ev.preventDefault();
    if (!text.value.trim()) { status.textContent = "Paste or load some text first."; return; }
    submit.disabled = true;
    put(clear(status), h("span", { class: "spinner" }), " Coding… (the first article loads the language model)");
    const t0 = performance.now();
    try {
      const body = JSON.stringify({ text: text.value, published: published.value || null, save: save.checked });
      const res = await api("/api/code", null, { method: "POST", headers: { "Content-Type": "application/json" }, body });
      status.textContent = `${res.events.length} event${res.events.length === 1 ? "" : "s"} · ${((performance.now() - t0) / 1000).toFixed(1)} s`;
      renderCoded(result, res);
      if (res.saved) meta(true).catch(() => {});
    } catch (err) {
      status.textContent = "";
      clear(result).appendChild(errorBox(err));
    } finally { submit.disabled = false; }
  } },
    text,
    h("div", { class: "row", style: null },
      h("label", { class: "field" }, "Publication date", published),
      h("label", { class: "btn file-label", title: "Load a plain-text file" }, "Upload file…", file),
      h("label", { class: "check", title: "Add the coded article to the store (the only write the explorer makes)" },
        save, "Save into the store"),
      h("span", { class: "spacer" }),
      submit, status));
  form.querySelector(".row").classList.add("form-actions");
  put(app, 
    h("div", { class: "page-head" }, h("div", {},
      h("h1", { text: "Code an article" }),
      h("p", { text: "Paste news text: Tacitus finds who did what to whom, when and where, and shows the words that say so." }))),
    panel(null, form), result);
}

function buildSegments(text, events) {
  const spans = [];
  events.forEach((e, i) => {
    const ev = e.evidence || {};
    if (ev.end > ev.start) spans.push({ s: ev.start, e: ev.end, kind: "ev", i });
    for (const [side, a] of [["source", e.source], ["target", e.target]]) {
      if (a && a.end > a.start && a.end <= text.length) spans.push({ s: a.start, e: a.end, kind: "actor", i, side, a });
    }
    const loc = e.location;
    if (loc && loc.name && loc.name.length > 1 && !loc.inferred) {
      // places have no offsets: mark the name inside (or near) the event's evidence sentence
      const from = Math.max(0, (ev.start || 0) - 300), to = Math.min(text.length, (ev.end || 0) + 300);
      const k = text.slice(from, to).indexOf(loc.name);
      if (k >= 0) spans.push({ s: from + k, e: from + k + loc.name.length, kind: "place", i, loc });
    }
  });
  const cuts = new Set([0, text.length]);
  for (const sp of spans) { cuts.add(Math.max(0, Math.min(text.length, sp.s))); cuts.add(Math.max(0, Math.min(text.length, sp.e))); }
  const points = [...cuts].sort((a, b) => a - b);
  const segs = [];
  for (let k = 0; k < points.length - 1; k++) {
    const a = points[k], b = points[k + 1];
    const cover = spans.filter((sp) => sp.s <= a && sp.e >= b);
    segs.push({ a, b, cover });
  }
  return segs;
}

function renderCoded(result, res) {
  clear(result);
  const text = res.article.text;
  const events = res.events;
  const textEl = h("div", { class: "article-text", id: "coded-text" });
  for (const seg of buildSegments(text, events)) {
    const piece = text.slice(seg.a, seg.b);
    if (!seg.cover.length) { textEl.appendChild(document.createTextNode(piece)); continue; }
    const evs = [...new Set(seg.cover.filter((c) => c.kind === "ev").map((c) => c.i))];
    const actor = seg.cover.find((c) => c.kind === "actor");
    const place = seg.cover.find((c) => c.kind === "place");
    const cls = ["hl"];
    if (evs.length) cls.push("hl-ev");
    if (evs.length > 1) cls.push("hl-ev2");
    if (actor) cls.push("hl-actor");
    if (place) cls.push("hl-place");
    const tip = [];
    if (actor) tip.push(`${actor.side}: ${actor.a.name} [${actor.a.code}]`);
    if (place) tip.push(`place: ${placeText(place.loc.name, place.loc.country)}`);
    for (const i of evs) tip.push(`event ${i + 1}: ${events[i].cameo} ${events[i].cameo_name}`);
    const span = h("span", { class: cls.join(" "), title: tip.join("\n"), dataset: { ev: evs.join(" ") } }, piece);
    if (evs.length) span.addEventListener("click", () => selectEvent(evs[0], true));
    textEl.appendChild(span);
  }
  const list = h("div", { class: "event-list", id: "event-list" });
  events.forEach((e, i) => list.appendChild(eventCard(e, i)));
  if (!events.length) list.appendChild(h("div", { class: "empty", text: "No events found in this text." }));
  const savedNote = res.saved ? h("div", { class: "notice ok", id: "saved-note",
    text: `Saved into the store: ${res.saved.added} added, ${res.saved.replaced} replaced, ${res.saved.unchanged} unchanged · ${res.saved.mentions} mentions.` }) : null;
  put(result, h("div", { class: "grid grid-code", style: null },
    h("section", { class: "panel" },
      h("div", { class: "panel-head" }, h("h2", { text: res.article.id }),
        h("div", { class: "legend" },
          h("span", {}, h("i", { class: "sw sw-ev" }), "evidence"),
          h("span", {}, h("i", { class: "sw sw-actor" }), "actor"),
          h("span", {}, h("i", { class: "sw sw-place" }), "place"))),
      textEl),
    h("section", { class: "panel" },
      h("div", { class: "panel-head" }, h("h2", { text: `Events (${events.length})` }),
        h("span", { class: "muted small", text: res.article.published ? `published ${res.article.published}` : "no publication date" })),
      list, savedNote)));
  result.querySelector(".grid").classList.add("coded");
  result.style.marginTop = "16px";
  colorDots(result);
}

function eventCard(e, i) {
  const card = h("div", { class: "event-card", dataset: { index: String(i) }, tabindex: "0" },
    h("div", { class: "row-between" },
      h("div", { class: "dyad" }, h("span", { class: "num", text: String(i + 1) }),
        h("span", {}, e.source.name, h("span", { class: "code", text: ` ${e.source.code}` })),
        h("span", { class: "arrow", text: "→" }),
        e.target ? h("span", {}, e.target.name, h("span", { class: "code", text: ` ${e.target.code}` })) : h("span", { class: "muted", text: "—" })),
      statusBadge(e.status)),
    h("div", { class: "what" }, h("span", { class: "mono", text: `${e.cameo} ` }), e.cameo_name),
    h("div", { class: "meta" }, ploverChip(e.plover, e.plover_mode),
      h("span", {}, ...dateText(e.date, e.date_fallback)),
      h("span", { text: e.location ? placeText(e.location.name, e.location.country) + (e.location.inferred ? " (from context)" : "") : "no place" }),
      confBar(e.confidence),
      e.event_id ? h("a", { href: `#/event/${e.event_id}`, text: "open event →", onclick: (ev) => ev.stopPropagation() }) : null));
  card.addEventListener("mouseenter", () => markEvent(i, true));
  card.addEventListener("mouseleave", () => markEvent(i, false));
  card.addEventListener("click", () => selectEvent(i, false));
  return card;
}
function markEvent(i, on) {
  for (const el of document.querySelectorAll("#coded-text .hl-ev")) {
    if (el.dataset.ev.split(" ").includes(String(i))) el.classList.toggle("active", on);
  }
}
function selectEvent(i, fromText) {
  for (const c of document.querySelectorAll(".event-card")) c.classList.toggle("active", c.dataset.index === String(i));
  for (const el of document.querySelectorAll("#coded-text .hl-ev")) el.classList.toggle("active", el.dataset.ev.split(" ").includes(String(i)));
  const target = fromText ? document.querySelector(`.event-card[data-index="${i}"]`)
    : [...document.querySelectorAll("#coded-text .hl-ev")].find((el) => el.dataset.ev.split(" ").includes(String(i)));
  if (target) target.scrollIntoView({ block: "nearest", behavior: "smooth" });
}

/* ================================================================== Explore */
const FILTER_KEYS = ["start", "end", "actor", "type", "status", "min_reports", "q"];
function apiFilters(f) {
  const out = {};
  for (const k of ["start", "end", "status", "min_reports", "q"]) if (f[k]) out[k] = f[k];
  if (f.actor) {
    const a = f.actor.trim();
    if (/^[A-Za-z0-9]+$/.test(a)) out.actor = a.toUpperCase(); else out.entity = a;
  }
  if (f.type) { const [kind, v] = f.type.split(":"); if (kind === "plover") out.plover = v; if (kind === "root") out.root = v; }
  return out;
}

async function explorePage(params) {
  const m = await meta(true);
  const f = Object.fromEntries(FILTER_KEYS.map((k) => [k, params[k] || ""]));
  const page = Math.max(0, parseInt(params.page || "0", 10) || 0);
  const inp = (k, type, attrs) => { const el = h("input", Object.assign({ type, name: k, id: `f-${k}` }, attrs || {})); el.value = f[k]; return el; };
  const typeSel = h("select", { name: "type", id: "f-type" }, h("option", { value: "", text: "All types" }),
    h("optgroup", { label: "PLOVER type" }, m.plover.map((p) => h("option", { value: `plover:${p}`, text: p }))),
    h("optgroup", { label: "CAMEO root" }, m.roots.map((r) => h("option", { value: `root:${r.code}`, text: `${r.code} ${r.name}` }))));
  typeSel.value = f.type;
  const statusSel = h("select", { name: "status", id: "f-status" }, h("option", { value: "", text: "Any status" }),
    m.statuses.map((st) => h("option", { value: st, text: st })));
  statusSel.value = f.status;
  const form = h("form", { class: "filters", id: "filters", onsubmit: (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    const q = new URLSearchParams();
    for (const k of FILTER_KEYS) { const v = String(data.get(k) || "").trim(); if (v) q.set(k, v); }
    location.hash = "#/explore" + ([...q].length ? "?" + q : "");
  } },
    h("label", { class: "field" }, "From", inp("start", "date")),
    h("label", { class: "field" }, "To", inp("end", "date")),
    h("label", { class: "field f-actor" }, "Actor / country", inp("actor", "text", { placeholder: "ISR, RUSGOV, vladimir-putin" })),
    h("label", { class: "field f-type" }, "Event type", typeSel),
    h("label", { class: "field" }, "Status", statusSel),
    h("label", { class: "field" }, "Min. reports", inp("min_reports", "number", { min: "1", placeholder: "1" })),
    h("label", { class: "field f-q" }, "Evidence contains", inp("q", "search", { placeholder: "e.g. sanctions" })),
    h("div", { class: "actions" },
      h("button", { class: "btn btn-primary", type: "submit", id: "apply", text: "Apply" }),
      h("button", { class: "btn", type: "button", text: "Reset", onclick: () => { location.hash = "#/explore"; } })));

  const kpis = h("div", { class: "kpis", id: "kpis" });
  const timeline = h("div", { id: "timeline" }, loading());
  const map = h("div", { id: "map", class: "map-wrap" }, loading());
  const countries = h("div", { id: "countries" });
  const dyads = h("div", { id: "dyads" }, loading());
  const table = h("div", { id: "events-table" }, loading());
  put(app, 
    h("div", { class: "page-head" }, h("div", {}, h("h1", { text: "Explore the store" }),
      h("p", { text: `${fmtNum(m.counts.events)} events from ${fmtNum(m.counts.articles)} articles` +
        (m.first_date ? ` · ${m.first_date} to ${m.last_date}` : "") })),
      h("a", { class: "btn", href: "/api/export?format=csv" + "", text: "Export CSV" })),
    panel(null, form), kpis,
    h("section", { class: "panel" }, h("div", { class: "panel-head" }, h("h2", { text: "Events over time by PLOVER type" }),
      h("span", { class: "muted small", id: "timeline-note" })), timeline),
    h("div", { class: "grid grid-map", style: null },
      h("section", { class: "panel" }, h("div", { class: "panel-head" }, h("h2", { text: "Where" }),
        h("span", { class: "muted small", id: "map-note" })), map),
      h("section", { class: "panel" }, h("div", { class: "panel-head" }, h("h2", { text: "Top dyads" }),
        h("span", { class: "legend" }, h("span", {}, h("i", { class: "sw", dataset: { c: "coop" } }), "cooperative"),
          h("span", {}, h("i", { class: "sw", dataset: { c: "conf" } }), "conflictual"))), dyads)),
    h("section", { class: "panel" }, h("div", { class: "panel-head" }, h("h2", { text: "Events" }),
      h("span", { class: "muted small", id: "table-note" })), table, countries));
  for (const sw of app.querySelectorAll(".sw[data-c]")) sw.style.background = sw.dataset.c === "coop" ? "var(--coop)" : "var(--conf)";
  app.querySelector(".grid-map").style.marginTop = "16px";
  app.querySelectorAll(".panel")[2].style.marginTop = "0";

  const af = apiFilters(f);
  const limit = 25;
  const [tl, pl, dy, ev] = await Promise.all([
    api("/api/stats/timeline", af), api("/api/stats/places", af), api("/api/stats/dyads", Object.assign({ limit: 10 }, af)),
    api("/api/events", Object.assign({ limit, offset: page * limit, sort: "-date" }, af)),
  ]).catch((err) => { app.appendChild(errorBox(err)); throw err; });

  put(kpis, 
    kpi(fmtNum(ev.total), "matching events"), kpi(fmtNum(pl.located), "with coordinates"),
    kpi(fmtNum(dy.total), "dyads"), kpi(fmtNum(tl.types.length), "PLOVER types"));
  clear(timeline).appendChild(timelineChart(tl));
  document.getElementById("timeline-note").textContent = `by ${tl.bucket}` + (tl.undated ? ` · ${tl.undated} undated not shown` : "");
  clear(map).appendChild(worldMap(pl.places, pl.countries, { total: pl.total }));
  document.getElementById("map-note").textContent = `${fmtNum(pl.located)} of ${fmtNum(pl.total)} events placed · ${pl.places.length} places`;
  clear(dyads).appendChild(dyadTable(dy.items));
  clear(table).appendChild(eventsTable(ev.items));
  document.getElementById("table-note").textContent = ev.total ? `${fmtNum(ev.offset + 1)}–${fmtNum(ev.offset + ev.items.length)} of ${fmtNum(ev.total)}, newest first` : "";
  if (ev.total > limit) {
    const go = (p) => { const q = new URLSearchParams(Object.entries(f).filter(([, v]) => v)); if (p) q.set("page", p); location.hash = "#/explore?" + q; };
    table.appendChild(h("div", { class: "pager" },
      h("button", { class: "btn btn-small", text: "← Newer", disabled: page === 0, onclick: () => go(page - 1) }),
      `page ${page + 1} of ${Math.ceil(ev.total / limit)}`,
      h("button", { class: "btn btn-small", text: "Older →", disabled: (page + 1) * limit >= ev.total, onclick: () => go(page + 1) })));
  }
  colorDots(app);
}
function kpi(v, l) { return h("div", { class: "kpi" }, h("div", { class: "v", text: v }), h("div", { class: "l", text: l })); }

function timelineChart(tl) {
  const W = 1000, H = 230, L = 40, R = 10, T = 12, B = 30;
  const periods = tl.periods;
  const svgEl = s("svg", { class: "chart", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Events over time",
    id: "timeline-svg", "data-total": String(periods.reduce((a, p) => a + p.total, 0)), "data-periods": String(periods.length) });
  const wrap = h("div", {}, svgEl);
  if (!periods.length) {
    svgEl.appendChild(s("text", { x: W / 2, y: H / 2, "text-anchor": "middle", text: "No dated events match these filters." }));
    return wrap;
  }
  const max = Math.max(1, ...periods.map((p) => p.total));
  const nice = niceMax(max);
  const iw = W - L - R, ih = H - T - B;
  const bw = iw / periods.length;
  for (let k = 0; k <= 4; k++) {
    const v = (nice / 4) * k, y = T + ih - (v / nice) * ih;
    svgEl.appendChild(s("line", { x1: L, x2: W - R, y1: y, y2: y, stroke: k ? "#eef1f5" : "#d0d5dd" }));
    if (Number.isInteger(v)) svgEl.appendChild(s("text", { x: L - 6, y: y + 3, "text-anchor": "end", text: String(v) }));
  }
  const order = tl.types;
  periods.forEach((p, i) => {
    let y = T + ih;
    const x = L + i * bw + Math.min(2, bw * 0.12);
    const w = Math.max(1, bw - 2 * Math.min(2, bw * 0.12));
    for (const t of order) {
      const n = p.counts[t] || 0;
      if (!n) continue;
      const hgt = (n / nice) * ih;
      y -= hgt;
      svgEl.appendChild(s("rect", { x, y, width: w, height: Math.max(hgt, 0.5), fill: PLOVER_COLORS[t] || "#98a2b3", rx: 1.5 },
        s("title", { text: `${p.period} · ${t}: ${n}` })));
    }
    if (p.total) svgEl.appendChild(s("rect", { x: L + i * bw, y: T, width: bw, height: ih, fill: "transparent" },
      s("title", { text: `${p.period}: ${p.total} event${p.total === 1 ? "" : "s"}` })));
  });
  const every = Math.ceil(periods.length / 12);
  periods.forEach((p, i) => {
    if (i % every) return;
    svgEl.appendChild(s("text", { x: L + i * bw + bw / 2, y: H - 10, "text-anchor": "middle", text: p.period }));
  });
  const legend = h("div", { class: "chart-legend" });
  for (const t of order) {
    const sw = h("i"); sw.style.background = PLOVER_COLORS[t] || "#98a2b3";
    const n = periods.reduce((a, p) => a + (p.counts[t] || 0), 0);
    legend.appendChild(h("span", {}, sw, `${t} ${n}`));
  }
  wrap.appendChild(legend);
  return wrap;
}
function niceMax(v) {
  const raw = v / 4, p = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((x) => x >= raw) || raw;
  return Math.max(4, step * 4);
}

function worldMap(places, countries, opts) {
  const W = window.TACITUS_WORLD || { step: 2, land: [], countries: {} };
  const LAT_TOP = 84, LAT_BOTTOM = -58, K = 2.5;
  const px = (lon) => (lon + 180) * K, py = (lat) => (LAT_TOP - lat) * K;
  const width = 360 * K, height = (LAT_TOP - LAT_BOTTOM) * K;
  const svgEl = s("svg", { class: "map", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "Map of event locations",
    id: "map-svg", "data-points": String(places.length), "data-events": String(places.reduce((a, p) => a + p.events, 0)) });
  // graticule
  const grat = s("g", { stroke: "#d8e1ec", "stroke-width": 0.6, fill: "none" });
  for (let lon = -180; lon <= 180; lon += 30) grat.appendChild(s("line", { x1: px(lon), x2: px(lon), y1: 0, y2: height }));
  for (let lat = -30; lat <= 60; lat += 30) grat.appendChild(s("line", { x1: 0, x2: width, y1: py(lat), y2: py(lat), "stroke-dasharray": lat === 0 ? null : "2 3" }));
  svgEl.appendChild(grat);
  // land dot grid (generated from populated places, see tacitus/web/make_world.py)
  const land = s("g", { fill: "#c7d2de" });
  const st = W.step, r = st * K * 0.42;
  for (const [cx, cy] of W.land) {
    const lon = (cx + 0.5) * st, lat = (cy + 0.5) * st;
    if (lat > LAT_TOP || lat < LAT_BOTTOM) continue;
    land.appendChild(s("circle", { cx: px(lon).toFixed(1), cy: py(lat).toFixed(1), r: r.toFixed(2) }));
  }
  svgEl.appendChild(land);
  // countries with located events: labels
  const byCountry = Object.fromEntries((countries || []).map((c) => [c.country, c.events]));
  const labels = s("g", {});
  for (const [iso, n] of Object.entries(byCountry)) {
    const c = W.countries[iso];
    if (!c) continue;
    labels.appendChild(s("circle", { cx: px(c.lon), cy: py(c.lat), r: 2, fill: "#667085" }));
    labels.appendChild(s("text", { x: px(c.lon) + 4, y: py(c.lat) - 4, class: "map-label", "font-size": 12, fill: "#344054", stroke: "#eef3f8", "stroke-width": 3, "paint-order": "stroke",
      "font-weight": 600, text: `${c.name} (${n})` }));
  }
  // places: bubbles by event count, colored by the most frequent PLOVER type
  const maxN = Math.max(1, ...places.map((p) => p.events));
  const pts = s("g", {});
  for (const p of [...places].sort((a, b) => b.events - a.events)) {
    const rad = 3.5 + 9 * Math.sqrt(p.events / maxN);
    pts.appendChild(s("circle", { cx: px(p.lon), cy: py(p.lat), r: rad, fill: PLOVER_COLORS[p.top_plover] || "#2457c5",
      "fill-opacity": 0.72, stroke: "#fff", "stroke-width": 1.2, class: "place-dot" },
      s("title", { text: `${placeText(p.name, p.country)}: ${p.events} event${p.events === 1 ? "" : "s"} (mostly ${p.top_plover})` })));
  }
  svgEl.appendChild(pts);
  svgEl.appendChild(labels);
  const wrap = h("div", {}, svgEl);
  if (!places.length) wrap.appendChild(h("div", { class: "muted small", text: "No located events match these filters." }));
  return wrap;
}

function dyadTable(items) {
  if (!items.length) return h("div", { class: "empty", text: "No two-sided events." });
  return h("table", { class: "data", id: "dyad-table" },
    h("thead", {}, h("tr", {}, h("th", { text: "Source → target" }), h("th", { text: "Events", class: "n" }), h("th", { text: "Goldstein" }))),
    h("tbody", {}, items.map((d) => {
      const split = h("div", { class: "split", title: `${d.cooperative} cooperative, ${d.conflictual} conflictual` },
        h("span", { class: "c" }), h("span", { class: "x" }));
      split.children[0].style.width = `${(100 * d.cooperative) / d.events}%`;
      split.children[1].style.width = `${(100 * d.conflictual) / d.events}%`;
      return h("tr", {},
        h("td", {}, actorLink(d.source_id, d.source_name, d.source_code), h("span", { class: "muted", text: " → " }),
          actorLink(d.target_id, d.target_name, d.target_code), split),
        h("td", { class: "n", text: String(d.events) }),
        h("td", { class: "n", text: d.goldstein_mean === null ? "—" : d.goldstein_mean.toFixed(1) }));
    })));
}

function eventsTable(items, opts) {
  if (!items.length) return h("div", { class: "empty", text: "No events match these filters." });
  return h("table", { class: "data events" },
    h("thead", {}, h("tr", {}, ["Date", "Source", "Event", "Target", "Status", "Place", "Reports", "Confidence"].map((t) =>
      h("th", { text: t, class: t === "Reports" ? "n" : null })))),
    h("tbody", {}, items.map((e) => h("tr", { class: "clickable", dataset: { event: e.event_id }, onclick: (ev) => {
      if (ev.target.closest("a")) return; location.hash = `#/event/${e.event_id}`; } },
      h("td", { class: "nowrap" }, ...dateText(e.date, e.date_fallback)),
      h("td", {}, actorLink(e.source_entity || e.source_code, e.source_name, e.source_code)),
      h("td", {}, h("a", { href: `#/event/${e.event_id}` }, h("span", { class: "mono", text: `${e.cameo} ` }), e.cameo_name), h("div", {}, ploverChip(e.plover, e.plover_mode))),
      h("td", {}, e.target_code ? actorLink(e.target_entity || e.target_code, e.target_name, e.target_code) : h("span", { class: "muted", text: "—" })),
      h("td", {}, statusBadge(e.status)),
      h("td", { text: placeText(e.location_name, e.location_country) }),
      h("td", { class: "n", text: String(e.article_count) }),
      h("td", {}, confBar(e.confidence))))));
}

/* ================================================================== Event page */
async function eventPage(id) {
  const e = await api(`/api/events/${enc(id)}`);
  const facts = [
    ["Date", dateText(e.date, e.date_fallback)], ["Precision", e.date_precision || "—"],
    ["CAMEO", `${e.cameo} ${e.cameo_name}`], ["PLOVER", ploverChip(e.plover, e.plover_mode)],
    ["QuadClass", ["", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"][e.quad_class] || "—"],
    ["Goldstein", e.goldstein === null ? "—" : e.goldstein.toFixed(1)],
    ["Location", placeText(e.location_name, e.location_country) + (e.location_precision ? ` (${e.location_precision}${e.location_inferred ? ", from the story's context" : ""})` : "")],
    ["Reports", `${e.article_count} article${e.article_count === 1 ? "" : "s"} · ${e.source_count} outlet${e.source_count === 1 ? "" : "s"} · ${e.mention_count} mention${e.mention_count === 1 ? "" : "s"}`],
    ["First / last report", `${e.first_report || "—"} / ${e.last_report || "—"}`],
    ["Confidence", confBar(e.confidence)],
    ["Linked event", e.linked_event ? h("a", { href: `#/event/${e.linked_event.event_id}`, text: `${e.linked_event.status} · ${e.linked_event.date || "undated"}` }) : "—"],
    ["Event id", h("span", { class: "mono", text: e.event_id })],
  ];
  const mapBox = h("div", {});
  if (e.location_lat !== null && e.location_lon !== null) {
    mapBox.appendChild(worldMap([{ name: e.location_name, country: e.location_country, lat: e.location_lat, lon: e.location_lon, events: 1, top_plover: e.plover }],
      e.location_country ? [{ country: e.location_country, events: 1 }] : []));
  } else mapBox.appendChild(h("div", { class: "empty", text: e.location_country ? `Country-level location: ${e.location_country} (no coordinates)` : "No location." }));
  const reports = h("div", { id: "reports" }, e.reports.map(reportCard));
  put(app, 
    h("div", { class: "crumbs" }, h("a", { href: "#/explore", text: "Explore" }), " / event"),
    h("div", { class: "page-head" }, h("div", {},
      h("h1", { class: "title-dyad" }, actorLink(e.source_entity || e.source_code, e.source_name, e.source_code),
        h("span", { class: "arrow", text: "→" }),
        e.target_code ? actorLink(e.target_entity || e.target_code, e.target_name, e.target_code) : h("span", { class: "muted", text: "(no target)" })),
      h("p", {}, h("span", { text: `${e.cameo_name} ` }), statusBadge(e.status)))),
    h("div", { class: "grid grid-map" },
      panel("Event", h("div", { class: "facts" }, facts.map(([k, v]) => h("div", { class: "fact" }, h("div", { class: "k", text: k }), h("div", { class: "v" }, v))))),
      panel("Location", mapBox)),
    h("section", { class: "panel", id: "reports-panel" }, h("div", { class: "panel-head" }, h("h2", { text: `Reports (${e.reports.length})` }),
      h("span", { class: "muted small", text: "every article sentence coded as this event" })), reports));
  app.querySelector("#reports-panel").style.marginTop = "16px";
  colorDots(app);
}

function reportCard(r) {
  const sentence = r.sentence || r.evidence_text || "";
  const ev = r.evidence_text || "";
  const k = ev ? sentence.indexOf(ev) : -1;
  const sent = h("div", { class: "sentence" });
  if (k >= 0) put(sent, sentence.slice(0, k), h("mark", { text: ev }), sentence.slice(k + ev.length));
  else put(sent, h("mark", { text: ev || sentence }));
  const title = r.title || r.article_id;
  return h("article", { class: "report" },
    h("div", { class: "head" },
      h("div", {}, r.url ? h("a", { href: r.url, target: "_blank", rel: "noopener noreferrer", text: title }) : h("strong", { text: title }),
        h("span", { class: "muted small", text: ` · ${r.outlet || "unknown outlet"} · published ${r.published || "—"}` })),
      h("div", { class: "tag-list" }, statusBadge(r.status), h("span", { class: "chip", text: `${r.cameo} ${r.cameo_name}` }))),
    sent,
    h("div", { class: "muted small" },
      `${r.source_name || r.source_code} → ${r.target_name || r.target_code || "—"} · date ${r.date || "—"}${r.date_fallback ? " (pub.)" : ""} · rule ${r.rule} · confidence ${(r.confidence || 0).toFixed(2)} · chars ${r.evidence_start}–${r.evidence_end}`));
}

/* ================================================================== Actors */
async function actorsPage(params) {
  const q = params.q || "";
  const input = h("input", { type: "search", name: "q", id: "actor-q", placeholder: "Search by name, code or id" });
  input.value = q;
  const form = h("form", { class: "search-row", onsubmit: (ev) => { ev.preventDefault(); location.hash = "#/actors" + (input.value.trim() ? "?q=" + enc(input.value.trim()) : ""); } },
    input, h("button", { class: "btn btn-primary", type: "submit", text: "Search" }));
  const res = await api("/api/actors", { q, limit: 100 });
  const body = res.items.length ? h("table", { class: "data" },
    h("thead", {}, h("tr", {}, ["Actor", "Code", "Country", "Role", "Events", "Mentions"].map((t) => h("th", { text: t, class: ["Events", "Mentions"].includes(t) ? "n" : null })))),
    h("tbody", {}, res.items.map((a) => h("tr", { class: "clickable", onclick: () => { location.hash = `#/actor/${enc(a.actor_id)}`; } },
      h("td", {}, h("a", { href: `#/actor/${enc(a.actor_id)}`, text: a.name || a.actor_id }), h("div", { class: "muted small mono", text: a.actor_id })),
      h("td", { class: "mono", text: a.code }), h("td", { text: a.country || "—" }), h("td", { text: a.role || "—" }),
      h("td", { class: "n", text: String(a.event_count) }), h("td", { class: "n", text: String(a.mention_count) })))))
    : h("div", { class: "empty", text: "No actors." });
  put(app, h("div", { class: "page-head" }, h("div", {}, h("h1", { text: "Actors" }), h("p", { text: `${fmtNum(res.total)} actor codes in the store` }))),
    panel(null, form, body));
}

async function actorPage(id) {
  const a = await api(`/api/actors/${enc(id)}`);
  const kb = a.kb;
  const head = h("div", { class: "page-head" }, h("div", {},
    h("h1", { text: a.name }),
    h("p", {}, h("span", { class: "mono", text: a.actor_id }),
      kb ? ` · ${kb.kind}${kb.nationality ? " · " + kb.nationality : ""}` : " · not in the knowledge base",
      a.codes.length ? " · codes: " : "", a.codes.map((c) => h("span", { class: "chip mono", text: `${c.code} (${c.event_count})` })))));
  const evs = [...a.as_source.map((e) => ({ e, side: "source" })), ...a.as_target.map((e) => ({ e, side: "target" }))];
  const rolesPanel = kb && kb.roles && kb.roles.length ? panel("Roles over time (knowledge base)", rolesChart(kb.roles, evs),
    h("table", { class: "data" }, h("thead", {}, h("tr", {}, ["Title", "Code", "From", "To"].map((t) => h("th", { text: t })))),
      h("tbody", {}, kb.roles.map((r) => h("tr", {}, h("td", { text: r.title }), h("td", { class: "mono", text: r.code }),
        h("td", { text: r.start || "—" }), h("td", { text: r.end || "present" }))))))
    : null;
  put(app, h("div", { class: "crumbs" }, h("a", { href: "#/actors", text: "Actors" }), " / actor"), head,
    rolesPanel,
    h("div", { class: "stack", id: "actor-events" },
      panel(`As source (${a.as_source.length})`, eventsTable(a.as_source)),
      panel(`As target (${a.as_target.length})`, eventsTable(a.as_target))));
  colorDots(app);
}

function rolesChart(roles, evs) {
  const today = new Date().toISOString().slice(0, 10);
  const dates = roles.flatMap((r) => [r.start, r.end || today]).concat(evs.map((x) => x.e.date_start)).filter(Boolean);
  const yr = (d) => { const t = new Date(d + (d.length === 7 ? "-01" : "")); return t.getUTCFullYear() + t.getUTCMonth() / 12 + (t.getUTCDate() - 1) / 365; };
  let y0 = Math.floor(Math.min(...dates.map(yr))), y1 = Math.ceil(Math.max(...dates.map(yr)));
  if (y1 - y0 < 4) { y0 -= 1; y1 += 1; }
  const W = 1000, L = 260, R = 14, T = 8, rowH = 22, rows = roles.length, H = T + rows * rowH + 40;
  const x = (v) => L + ((v - y0) / (y1 - y0)) * (W - L - R);
  const svgEl = s("svg", { class: "chart", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Roles over time", id: "roles-svg" });
  const step = Math.max(1, Math.ceil((y1 - y0) / 14));
  for (let y = y0; y <= y1; y += step) {
    svgEl.appendChild(s("line", { x1: x(y), x2: x(y), y1: T, y2: T + rows * rowH, stroke: "#eef1f5" }));
    svgEl.appendChild(s("text", { x: x(y), y: T + rows * rowH + 14, "text-anchor": "middle", text: String(y) }));
  }
  roles.forEach((r, i) => {
    const yy = T + i * rowH;
    const a = r.start ? yr(r.start) : y0, b = yr(r.end || today);
    svgEl.appendChild(s("text", { x: L - 8, y: yy + 14, "text-anchor": "end", text: `${r.title} (${r.code})` }));
    svgEl.appendChild(s("rect", { x: x(a), y: yy + 4, width: Math.max(2, x(b) - x(a)), height: rowH - 8, rx: 3,
      fill: r.code.endsWith("GOV") ? "#3b7dd8" : r.code.endsWith("OPP") ? "#e0a43a" : "#8d7bd6", "fill-opacity": 0.85 },
      s("title", { text: `${r.title} [${r.code}]: ${r.start || "?"} – ${r.end || "present"}` })));
  });
  const ey = T + rows * rowH + 24;
  svgEl.appendChild(s("text", { x: L - 8, y: ey + 4, "text-anchor": "end", text: "events in store" }));
  for (const { e, side } of evs) {
    if (!e.date_start) continue;
    svgEl.appendChild(s("circle", { cx: x(yr(e.date_start)), cy: ey, r: 4, fill: side === "source" ? "#2457c5" : "#c2413a", "fill-opacity": 0.7 },
      s("title", { text: `${e.date} · ${side} · ${e.cameo} ${e.cameo_name}` })));
  }
  return svgEl;
}

route();
