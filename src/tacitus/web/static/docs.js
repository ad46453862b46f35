/* Self-contained API reference rendered from /openapi.json (no CDN). DOM is built with textContent only. */
"use strict";
function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") el.textContent = String(v);
    else if (k === "class") el.className = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}
function deref(spec, schema) {
  let s = schema || {};
  for (let i = 0; i < 10 && s.$ref; i++) s = s.$ref.split("/").slice(1).reduce((o, k) => o[k], spec);
  return s;
}
function typeOf(spec, schema) {
  const s = deref(spec, schema);
  if (s.anyOf) return s.anyOf.map((x) => typeOf(spec, x)).filter((t) => t !== "null").join(" | ") + " (optional)";
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  let t = s.type || "object";
  if (s.format) t += ` (${s.format})`;
  return t;
}
function constraints(spec, schema) {
  const s = deref(spec, schema), out = [];
  const all = [s, ...(s.anyOf || []).map((x) => deref(spec, x))];
  for (const x of all) {
    for (const k of ["minimum", "maximum", "minLength", "maxLength", "pattern"]) if (x[k] !== undefined) out.push(`${k} ${x[k]}`);
  }
  if (s.default !== undefined && s.default !== null) out.push(`default ${JSON.stringify(s.default)}`);
  return out.join(", ");
}
function schemaTable(spec, schema) {
  const s = deref(spec, schema);
  const req = new Set(s.required || []);
  return h("table", { class: "data" }, h("thead", {}, h("tr", {}, ["Field", "Type", "Required", "Description"].map((t) => h("th", { text: t })))),
    h("tbody", {}, Object.entries(s.properties || {}).map(([name, p]) => h("tr", {},
      h("td", { class: "mono", text: name }), h("td", { class: "mono", text: typeOf(spec, p) }),
      h("td", { text: req.has(name) ? "yes" : "" }),
      h("td", { text: [p.description, constraints(spec, p)].filter(Boolean).join(" — ") })))));
}
async function main() {
  const root = document.getElementById("docs");
  const spec = await (await fetch("/openapi.json")).json();
  root.textContent = "";
  const toc = h("nav", { class: "toc" }, h("div", { class: "grp", text: "Endpoints" }));
  const ops = h("div", {});
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const anchor = `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, "-");
      toc.appendChild(h("a", { href: `#${anchor}` }, h("span", { class: "mono", text: `${method.toUpperCase()} ` }), path));
      const params = op.parameters || [];
      const box = h("section", { class: "op", id: anchor },
        h("div", { class: "op-head" }, h("span", { class: `method m-${method}`, text: method.toUpperCase() }),
          h("span", { class: "path", text: path }), h("span", { class: "muted", text: op.summary || "" })),
        op.description ? h("div", { class: "desc", text: op.description }) : null);
      if (params.length) {
        box.appendChild(h("h3", { text: "Parameters" }));
        box.appendChild(h("table", { class: "data" }, h("thead", {}, h("tr", {}, ["Name", "In", "Type", "Description"].map((t) => h("th", { text: t })))),
          h("tbody", {}, params.map((p) => h("tr", {}, h("td", { class: "mono", text: p.name + (p.required ? " *" : "") }),
            h("td", { text: p.in }), h("td", { class: "mono", text: typeOf(spec, p.schema) }),
            h("td", { text: [p.description || (p.schema || {}).description, constraints(spec, p.schema)].filter(Boolean).join(" — ") }))))));
      }
      const body = op.requestBody && op.requestBody.content && op.requestBody.content["application/json"];
      if (body) {
        box.appendChild(h("h3", { text: "JSON body" }));
        box.appendChild(schemaTable(spec, body.schema));
        const ex = (deref(spec, body.schema).examples || [])[0];
        if (ex) box.appendChild(h("pre", { text: JSON.stringify(ex, null, 2) }));
      }
      box.appendChild(h("h3", { text: "Responses" }));
      box.appendChild(h("div", { class: "muted small", text: Object.entries(op.responses || {}).map(([c, r]) => `${c} ${r.description}`).join(" · ") +
        " · errors: {\"error\": {\"code\", \"message\"}}" }));
      if (method === "get" && !path.includes("{") && path !== "/api/export") {
        const inputs = params.filter((p) => p.in === "query").slice(0, 6).map((p) => h("input", { type: "text", placeholder: p.name, "data-name": p.name }));
        const out = h("pre", { text: "" });
        out.hidden = true;
        box.appendChild(h("div", { class: "try" }, inputs, h("button", { class: "btn btn-small", text: "Try it", onclick: async () => {
          const q = new URLSearchParams();
          for (const i of inputs) if (i.value.trim()) q.set(i.dataset.name, i.value.trim());
          const res = await fetch(path + ([...q].length ? "?" + q : ""));
          out.hidden = false;
          out.textContent = `HTTP ${res.status}\n` + JSON.stringify(await res.json(), null, 2).slice(0, 20000);
        } })), out);
      }
      ops.appendChild(box);
    }
  }
  root.append(h("div", { class: "intro" }, h("h1", { text: `${spec.info.title} ${spec.info.version}` }),
    h("p", { text: spec.info.description || "" }),
    h("p", {}, "Machine-readable: ", h("a", { href: "/openapi.json", text: "/openapi.json" }), " (OpenAPI " + spec.openapi + ").")),
    h("div", { class: "layout" }, toc, ops));
}
main().catch((e) => { document.getElementById("docs").textContent = "Cannot load /openapi.json: " + e; });
