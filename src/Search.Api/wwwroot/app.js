// The plain search page: box, results and facets over GET /api/search.
// Partner data is only ever inserted as text; highlight fragments are rebuilt from an inert parse
// keeping nothing but text and <em>.
"use strict";

const TYPE_LABELS = {
  "journal-article": "期刊论文", "thesis": "学位论文", "conference-paper": "会议论文", "patent": "专利",
  "standard": "标准", "report": "报告", "book": "图书", "other": "其他"
};
// The short type marks of a hit, as CNKI's readers know them.
const BADGES = {
  "journal-article": "期刊", "thesis": "学位论文", "conference-paper": "会议", "patent": "专利",
  "standard": "标准", "report": "报告", "book": "图书", "other": "其他"
};
const LANGUAGE_LABELS = { "chi": "中文", "eng": "英文", "jpn": "日文", "ger": "德文", "fre": "法文", "rus": "俄文" };
const FACETS = [["type", "文献类型"], ["source", "来源"], ["year", "年份"], ["discipline", "学科（中图分类）"], ["subject", "主题"], ["kind", "专利类型"], ["language", "语种"]];
const FIELDS = [["SU", "主题"], ["TI", "篇名"], ["KY", "关键词"], ["AU", "作者"], ["AF", "单位"], ["JN", "刊名"], ["AB", "摘要"], ["CLC", "分类号"], ["YE", "年"]];
const FACET_LABELS = {};

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "text") node.textContent = v; else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child);
  return node;
}

function highlighted(fragment, fallback) {
  const holder = document.createElement("span");
  if (!fragment) { holder.textContent = fallback || ""; return holder; }
  const doc = new DOMParser().parseFromString("<body>" + fragment + "</body>", "text/html");
  for (const node of doc.body.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) holder.append(node.textContent);
    else if (node.nodeName === "EM") holder.append(el("em", { text: node.textContent }));
    else holder.append(node.textContent || "");
  }
  return holder;
}

function label(facet, value) {
  if (facet === "type") return TYPE_LABELS[value] || value;
  if (facet === "language") return LANGUAGE_LABELS[value] || value;
  if (FACET_LABELS[facet + ":" + value]) return value + " " + FACET_LABELS[facet + ":" + value];
  return value;
}

function currentParams() { return new URLSearchParams(location.search); }

function go(params) {
  history.pushState(null, "", "?" + params.toString());
  run();
}

async function run() {
  const params = currentParams();
  document.getElementById("q").value = params.get("q") || "";
  document.getElementById("sort").value = params.get("sort") || "relevance";
  document.getElementById("syntax").value = params.get("syntax") || "simple";
  document.getElementById("within").checked = false;
  showExpertHelp();
  const status = document.getElementById("status");
  const hits = document.getElementById("hits");
  status.textContent = "检索中……";
  status.className = "";
  let body;
  try {
    const response = await fetch("/api/search?" + params.toString(), { headers: { "Accept": "application/json" } });
    body = await response.json();
    if (!response.ok) {
      status.textContent = "无法检索：" + (body.detail || response.statusText)
        + (typeof body.position === "number" ? "（第 " + (body.position + 1) + " 个字符处）" : "");
      status.className = "error";
      hits.replaceChildren();
      return;
    }
  } catch (e) {
    status.textContent = "无法连接检索服务。";
    status.className = "error";
    return;
  }
  status.textContent = "共找到 " + body.total + " 条结果";
  renderFilters(params);
  renderHits(body, hits);
  renderFacets(body.facets, params);
  renderPager(body, params);
}

function renderFilters(params) {
  const box = document.getElementById("filters");
  box.replaceChildren();
  for (const [facet, name] of FACETS) {
    for (const value of params.getAll(facet)) {
      const remove = el("button", { type: "button", "aria-label": "移除", text: "×" });
      remove.addEventListener("click", () => {
        const next = currentParams();
        const kept = next.getAll(facet).filter(v => v !== value);
        next.delete(facet); kept.forEach(v => next.append(facet, v)); next.delete("page");
        go(next);
      });
      box.append(el("span", {}, name + "：" + label(facet, value), remove));
    }
  }
}

function renderHits(body, list) {
  list.replaceChildren();
  const page = body.page || 1, size = body.size || 20;
  list.start = (page - 1) * size + 1;
  for (const hit of body.hits) {
    const title = el("a", { class: "hit-title", href: "/records/" + encodeURIComponent(hit.id) }, highlighted(hit.highlights && hit.highlights.title, hit.title));
    const holdings = hit.sources.length > 1 ? hit.sources.length + " 个来源" : hit.sources.map(s => label("source", s)).join("");
    const meta = [hit.authors.join("；"), hit.year || "", holdings].filter(x => x).join(" · ");
    const badge = el("span", { class: "type-badge", text: BADGES[hit.type] || label("type", hit.type) });
    const item = el("li", {}, badge, " ", title, el("div", { class: "hit-meta", text: meta }));
    const access = fulltextLink(hit);
    if (access) item.querySelector(".hit-meta").append(" · ", access);
    if (hit.highlights && hit.highlights.abstract) item.append(el("div", { class: "hit-abstract" }, highlighted(hit.highlights.abstract)));
    list.append(item);
  }
}

// The full-text decision the engine made for this visitor (institution by address, or account).
const ACCESS_LABELS = {
  "login_required": "登录后获取全文", "no_license": "未订购全文", "limit_exceeded": "并发用户数已满"
};

function fulltextLink(hit) {
  const decision = hit.access && hit.access.fulltext;
  if (!decision) return null;
  if (decision === "available") {
    return el("a", { class: "fulltext", href: "/api/records/" + encodeURIComponent(hit.id) + "/fulltext", rel: "noopener", target: "_blank", text: "获取全文" });
  }
  return el("span", { class: "fulltext-denied", text: ACCESS_LABELS[decision] || decision });
}

// Who the engine takes the visitor to be: an institution by address, a personal account, or both.
async function refreshWho() {
  const who = document.getElementById("who");
  const form = document.getElementById("login-form");
  const logout = document.getElementById("logout");
  try {
    const response = await fetch("/api/auth/me", { headers: { "Accept": "application/json" } });
    if (!response.ok) return;
    const me = await response.json();
    const parts = [];
    if (me.institution) parts.push("机构：" + me.institution);
    if (me.user) parts.push("账号：" + me.user);
    who.textContent = parts.join("　");
    form.hidden = !!me.user;
    logout.hidden = !me.user;
  } catch (e) {
    who.textContent = "";
  }
}

document.getElementById("login-form").addEventListener("submit", async e => {
  e.preventDefault();
  const user = document.getElementById("login-user").value.trim();
  const password = document.getElementById("login-password").value;
  const response = await fetch("/api/auth/login", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ user, password })
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    document.getElementById("who").textContent = "登录失败：" + (problem.detail || response.statusText);
    return;
  }
  document.getElementById("login-password").value = "";
  await refreshWho();
  run();
});

document.getElementById("logout").addEventListener("click", async () => {
  await fetch("/api/auth/logout", { method: "POST" });
  await refreshWho();
  run();
});

function renderFacets(facets, params) {
  const aside = document.getElementById("facets");
  aside.replaceChildren();
  for (const [facet, name] of FACETS) {
    const values = (facets && facets[facet]) || [];
    if (values.length === 0) continue;
    const ul = el("ul");
    for (const { value, count, label: name } of values.slice(0, 15)) {
      if (name) FACET_LABELS[facet + ":" + value] = name;
      const active = params.getAll(facet).includes(value);
      const link = el("a", { href: "#", class: active ? "active" : "", text: label(facet, value) });
      link.addEventListener("click", e => {
        e.preventDefault();
        const next = currentParams();
        if (!active) next.append(facet, value);
        next.delete("page");
        go(next);
      });
      ul.append(el("li", {}, link, el("span", { class: "count", text: "(" + count + ")" })));
    }
    aside.append(el("h2", { text: name }), ul);
  }
}

function renderPager(body, params) {
  const nav = document.getElementById("pager");
  nav.replaceChildren();
  const page = body.page || 1, size = body.size || 20;
  const pages = Math.ceil(body.total / size);
  if (pages <= 1) return;
  const button = (text, target) => {
    const b = el("button", { type: "button", text });
    b.addEventListener("click", () => { const next = currentParams(); next.set("page", String(target)); go(next); });
    return b;
  };
  if (page > 1) nav.append(button("上一页", page - 1));
  nav.append(el("span", { text: " 第 " + page + " / " + pages + " 页 " }));
  if (page < pages) nav.append(button("下一页", page + 1));
}

document.getElementById("search-form").addEventListener("submit", e => {
  e.preventDefault();
  const next = new URLSearchParams();
  const q = document.getElementById("q").value.trim();
  if (q) next.set("q", q);
  const sort = document.getElementById("sort").value;
  if (sort !== "relevance") next.set("sort", sort);
  const syntax = document.getElementById("syntax").value;
  if (syntax !== "simple") next.set("syntax", syntax);
  const old = currentParams();
  for (const [facet] of FACETS) old.getAll(facet).forEach(v => next.append(facet, v));
  if (document.getElementById("within").checked) {
    // 二次检索: the earlier query (and the ones it ran within) must match too.
    old.getAll("within").forEach(w => next.append("within", w));
    if (old.get("q")) next.append("within", old.get("q"));
  }
  go(next);
});

function showExpertHelp() {
  document.getElementById("expert-help").hidden = document.getElementById("syntax").value !== "expert";
}

function fieldSelect(select) {
  for (const [code, name] of FIELDS) select.append(el("option", { value: code, text: name + "（" + code + "）" }));
  return select;
}

function quoteTerm(term) {
  return /[\s()*+\-=%'"]/.test(term) ? "'" + term.replace(/'/g, "") + "'" : term;
}

/** The advanced form as an expert expression: each row FIELD%(term*term) or FIELD=..., joined by *, + or -. */
function advancedExpression() {
  let expression = "";
  for (const row of document.querySelectorAll("#advanced-rows .row")) {
    const terms = row.querySelector(".terms").value.trim().split(/\s+/).filter(t => t).map(quoteTerm);
    if (terms.length === 0) continue;
    const clause = row.querySelector(".field").value + row.querySelector(".match").value
      + (terms.length === 1 ? terms[0] : "(" + terms.join("*") + ")");
    expression = expression === "" ? clause : "(" + expression + ")" + row.querySelector(".op").value + clause;
  }
  return expression;
}

function buildAdvancedForm() {
  const rows = document.getElementById("advanced-rows");
  for (let i = 0; i < 3; i++) {
    const op = el("select", { class: "op", "aria-label": "逻辑" },
      el("option", { value: "*", text: "并且" }), el("option", { value: "+", text: "或者" }), el("option", { value: "-", text: "不含" }));
    if (i === 0) op.style.visibility = "hidden";
    const match = el("select", { class: "match", "aria-label": "匹配" }, el("option", { value: "%", text: "模糊" }), el("option", { value: "=", text: "精确" }));
    rows.append(el("div", { class: "row" }, op, fieldSelect(el("select", { class: "field", "aria-label": "字段" })),
      el("input", { class: "terms", type: "text", "aria-label": "检索词" }), match));
  }
  const type = document.getElementById("adv-type");
  for (const [value, name] of Object.entries(TYPE_LABELS)) type.append(el("option", { value, text: name }));
  document.getElementById("advanced-form").addEventListener("submit", e => {
    e.preventDefault();
    const next = new URLSearchParams();
    const expression = advancedExpression();
    if (expression) { next.set("q", expression); next.set("syntax", "expert"); }
    const from = document.getElementById("adv-year-from").value, to = document.getElementById("adv-year-to").value;
    if (from || to) next.set("year", (from || "") + "-" + (to || ""));
    if (type.value) next.set("type", type.value);
    go(next);
  });
  fieldSelect(document.getElementById("expert-field"));
  document.getElementById("expert-insert").addEventListener("click", () => {
    const q = document.getElementById("q");
    q.value = (q.value.trim() ? q.value.trim() + "*" : "") + document.getElementById("expert-field").value + "=";
    q.focus();
  });
  document.getElementById("syntax").addEventListener("change", showExpertHelp);
}

buildAdvancedForm();
window.addEventListener("popstate", run);
refreshWho();
run();
