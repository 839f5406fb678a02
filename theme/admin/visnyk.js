// The council's additions to Decap CMS (the build copies this file to /admin/visnyk.js):
// 1. file names: the slug the build derives from the title with the official transliteration (KMU No. 55,
//    tables generated from the build's own translitua in translit.js), so news/2026/<slug>.md is the page's
//    address; the slug is not written into the file, the build derives the same one;
// 2. a front-matter format that changes only the lines of the fields the editor changed: comments, key
//    order, quotes and the untouched values of a hand-written file stay byte for byte as they were.
import { parseDocument, stringify, isMap } from "./yaml/index.js";

const T = window.VISNYK_TRANSLIT;

// ---- 1. slugs: domain/slugs.py, line by line -------------------------------------------------------
const DASHES = /[\u2010-\u2015\u2212]/gu;
const NOT_SLUG = /[^a-z0-9]+/g;
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const DELETE = new RegExp(T.delete.map(escape).join("|"), "gu");
const SPECIAL = new RegExp(Object.keys(T.special).map(escape).join("|"), "gu");
// Python's \b in a Unicode pattern: letters, digits and "_" are word characters.
const FIRST = new RegExp("(?<![\\p{L}\\p{N}_])(" + Object.keys(T.first).map(escape).join("|") + ")", "gu");

function translit(text) {
  const upper = text === text.toUpperCase() && text !== text.toLowerCase();
  let s = text.replace(DELETE, "").replace(SPECIAL, (m) => T.special[m]).replace(FIRST, (m) => T.first[m]);
  s = Array.from(s, (c) => (c in T.main ? T.main[c] : c)).join("");
  return upper ? s.toUpperCase() : s;
}

async function shorten(slug) {
  if (slug.length <= T.max) return slug;
  let head = slug.slice(0, T.max - T.digest - 1);
  if (head.includes("-")) head = head.slice(0, head.lastIndexOf("-"));
  const sha = new Uint8Array(await crypto.subtle.digest("SHA-1", new TextEncoder().encode(slug)));
  const hex = Array.from(sha, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${head}-${hex.slice(0, T.digest)}`;
}

export async function slugify(text) {
  let s = text.normalize("NFC").replace(/[’ʼ]/g, "'").replace(DASHES, "-");
  s = translit(s).normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
  s = s.toLowerCase().replace(/'/g, "").replace(NOT_SLUG, "-").replace(/^-+|-+$/g, "");
  return shorten(s);
}
window.visnykSlugify = slugify; // for the tests, which compare it with the build's on many titles

// ---- 2. the front-matter format --------------------------------------------------------------------
// The Markdown after the front matter is the editor's field "text" ("body" is a meeting's field: who meets).
const TEXT = "text";
const OPTIONS = { lineWidth: 0, flowCollectionPadding: false };
let original = null; // the raw text of the file being saved (set by preSave), null for a new file

function split(text) {
  const m = /^\ufeff?---[ \t]*\r?\n([\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { front: "", body: text, head: "", found: false };
  return { front: m[1] || "", body: text.slice(m[0].length), head: m[0], found: true };
}

const empty = (v) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

function clean(value) {
  // Optional parts the editor leaves empty (a list entry's one/few/many) are left out, as a person would.
  if (Array.isArray(value)) return value.map(clean);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => !empty(v)).map(([k, v]) => [k, clean(v)]));
  }
  return value;
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const line = (key, value) => stringify({ [key]: value }, OPTIONS).replace(/\n$/, "");

function fromFile(text) {
  const { front, body } = split(text);
  const doc = parseDocument(front);
  const data = doc.toJS() || {};
  return { ...(isMap(doc.contents) ? data : {}), [TEXT]: body };
}

function toFile(data, sortedKeys = []) {
  const { [TEXT]: body = "", ...fields } = data;
  const wanted = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, clean(v)]));
  const old = original === null ? null : split(original);
  if (old === null || !old.found) {
    delete wanted.slug; // the build derives it from the title: the same as the file name
    const order = [...sortedKeys.filter((k) => k in wanted), ...Object.keys(wanted).filter((k) => !sortedKeys.includes(k))];
    const lines = order.filter((k) => !empty(wanted[k])).map((k) => line(k, wanted[k]));
    return `---\n${lines.join("\n")}\n---\n${body.replace(/^\n*/, "\n").replace(/\n*$/, "\n")}`;
  }
  // An existing file: splice only the changed pairs into its text.
  const eol = old.front.includes("\r\n") ? "\r\n" : "\n"; // new lines end as the file's lines do
  const doc = parseDocument(old.front, { keepSourceTokens: true });
  const before = doc.toJS() || {};
  const edits = []; // [start, end, text]
  const pairs = isMap(doc.contents) ? doc.contents.items : [];
  for (const pair of pairs) {
    const key = pair.key && pair.key.value;
    if (!(key in wanted)) continue; // a field the editor does not know: kept as written
    const value = wanted[key];
    if (same(before[key], value) || (empty(value) && empty(before[key]))) continue;
    const start = pair.key.range[0];
    const end = pair.value ? pair.value.range[1] : pair.key.range[1];
    if (empty(value)) {
      const lineStart = old.front.lastIndexOf("\n", start - 1) + 1;
      let lineEnd = old.front.indexOf("\n", end);
      lineEnd = lineEnd === -1 ? old.front.length : lineEnd + 1;
      edits.push([lineStart, lineEnd, ""]);
    } else {
      edits.push([start, end, line(key, value).trimEnd().replace(/\n/g, eol)]);
    }
  }
  let front = old.front;
  for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) {
    front = front.slice(0, start) + text + front.slice(end);
  }
  const added = Object.keys(wanted).filter((k) => !(k in before) && !empty(wanted[k]) && k !== "slug");
  if (added.length) {
    if (front && !front.endsWith("\n")) front += eol;
    front += added.map((k) => line(k, wanted[k]).replace(/\n/g, eol)).join(eol) + eol;
  }
  const text = body === old.body ? old.body : body;
  return rebuild(old, front, text);
}

function rebuild(old, front, body) {
  // The opening and closing lines as they were (BOM, "\r\n"), the new front matter between them.
  const open = /^\ufeff?---[ \t]*\r?\n/.exec(old.head)[0];
  const close = /---[ \t]*(?:\r?\n)?$/.exec(old.head)[0];
  return open + front + close + body;
}

// ---- 3. what a field's `required` cannot say (generated from the contract: window.VISNYK_RULES) -------
function ruleProblems(collection, data) {
  const get = (k) => data.get(k);
  const problems = [];
  for (const rule of (window.VISNYK_RULES || {})[collection] || []) {
    const value = get(rule.field);
    if (rule.only_when && !empty(value) && !rule.values.includes(get(rule.only_when))) problems.push(rule.message);
    if (rule.required_with && empty(value) && !empty(get(rule.required_with))) problems.push(rule.message);
  }
  return problems;
}

CMS.registerCustomFormat("visnyk-frontmatter", "md", { fromFile, toFile });
// For the tests: a saved file, as the editor writes it after `change` (field → value; null empties a field).
window.visnykRoundTrip = (text, change, sortedKeys = []) => {
  original = text;
  try {
    return toFile({ ...fromFile(text), ...change }, sortedKeys);
  } finally {
    original = null;
  }
};
CMS.registerEventListener({
  name: "preSave",
  handler: async ({ entry }) => {
    original = entry.get("newRecord") ? null : entry.get("raw") || null;
    const data = entry.get("data");
    const problems = ruleProblems(entry.get("collection"), data);
    if (problems.length) throw new Error(problems.join("; "));  // Decap shows it and does not save
    if (entry.get("newRecord") && !data.get("slug")) {
      return data.set("slug", await slugify(String(data.get("title") || "")));
    }
    return data;
  },
});
// ---- 4. the preview: the page as the site's own template draws it ---------------------------------------
// admin/shells.js holds, per collection, what the site's template (article.html, page.html) renders into <main>
// for an item whose every field is a marker: ⟦title⟧, ⟦date⟧, ⟦date@iso⟧, ⟦tag⟧… (adapters/outputs/editor_shells.py).
// Here the markers get the entry's values, always as text (never as markup); the body is Decap's rendering of
// the Markdown. The words come from the contract and the registry (window.VISNYK_PREVIEW).
const P = window.VISNYK_PREVIEW;
const SHELLS = window.VISNYK_SHELLS;
const h = window.h;
const PLURAL = new Intl.PluralRules("uk"); // CLDR's rules, as wording.plural_form (Babel) in the build
const form = (forms, n) => forms[{ one: 0, few: 1 }[PLURAL.select(n)] ?? 2];
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?/;
const MARKER = /⟦([a-z_]+)(?:@([a-z]+))?⟧/g;
const SITE = new URL("../", location.href).pathname.replace(/\/$/, ""); // the site's root: ⟦site⟧ in the shell
const OFFSET = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Kyiv", timeZoneName: "longOffset" });

function kyiv(value) {
  // "2025-12-12 09:00" (Kyiv wall-clock time, as the file means it) → its words and ISO form, as the filters write.
  const m = DATE.exec(String(value || ""));
  if (!m || +m[2] < 1 || +m[2] > 12) return null;
  const [hh, mm] = [m[4] || "00", m[5] || "00"];
  const day = `${+m[3]} ${P.months_genitive[+m[2] - 1]} ${m[1]} року`;
  const utc = Date.UTC(+m[1], +m[2] - 1, +m[3], +hh, +mm);
  const offset = (at) => OFFSET.formatToParts(new Date(at)).find((p) => p.type === "timeZoneName").value.slice(3) || "+00:00";
  const zone = offset(utc - 3 * 3600e3); // Kyiv's offset at that wall-clock time (two or three hours east)
  return { words: `${day}, ${hh}:${mm}`, iso: `${m[1]}-${m[2]}-${m[3]}T${hh}:${mm}:00${zone}`, day: `${m[1]}-${m[2]}-${m[3]}` };
}

const address = (path) => String(path).split("/").map((s) => encodeURIComponent(s)
  .replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase())).join("/"); // quote(path, safe="/")
const KINDS = { jpeg: "JPG", htm: "HTML" };
const fileKind = (path) => {
  const name = String(path).split("/").pop();
  const ext = name.includes(".") ? name.split(".").pop().toLowerCase() : "";
  return ext ? KINDS[ext] || ext.toUpperCase() : "файл";
};
const ONE_DECIMAL = new Intl.NumberFormat("uk", { maximumFractionDigits: 1, useGrouping: false });
function fileSize(size) {
  // media/attachments.file_size: "532 Б", "34 КБ", "1,2 МБ"
  if (size < 1024) return `${size} Б`;
  let value = size, unit;
  for (unit of ["КБ", "МБ", "ГБ"]) {
    value /= 1024;
    if (value < 1024) break;
  }
  return `${ONE_DECIMAL.format(value < 10 ? Math.round(value * 10) / 10 : Math.round(value))} ${unit}`;
}

function bodyHtml(html, slugOf) {
  // Pelican's own links in the Markdown ({filename}/acts/2024/x.md, {static}/files/…) as the build resolves them:
  // an item's address is its folders and the slug of its file's name (shortened as the build shortens it).
  return html.replace(/(href|src)="(?:\{|%7B)(filename|static|attach)(?:\}|%7D)\/?([^"#?]*)/g, (m, attr, kind, path) => {
    const item = kind === "filename" && /^(?:([a-z]+\/\d{4})|pages)\/([^/]+)\.md$/.exec(path);
    const url = item ? `${item[1] ? item[1] + "/" : ""}${slugOf(decodeURIComponent(item[2])) || item[2]}/` : path;
    return `${attr}="${SITE}/${url}`;
  });
}

// What the shell's markers become, from the entry (text; lists as one set of values per entry).
function values(get, cache, refill, media) {
  const v = { title: get("title") || "", text: "" };
  for (const field of ["date", "modified", "starts"]) {
    const d = kyiv(get(field));
    v[field] = d ? d.words : ""; v[`${field}@iso`] = d ? d.iso : "";
  }
  const ends = kyiv(get("ends")), starts = kyiv(get("starts"));
  v["ends@tail"] = !ends ? "" : starts && ends.day === starts.day ? `–${ends.words.slice(-5)}` : ` — ${ends.words}`;
  const dep = get("department");
  v.department = dep ? P.departments[dep] || dep : ""; v["department@slug"] = dep || "";
  v.act_kind = P.choices.act_kind[get("act_kind")] || "";
  v.number = String(get("number") || "").replace(/^№+/, "").trim();
  v.video_url = /^https?:\/\//.test(get("video_url") || "") ? get("video_url") : "";
  v.venue = get("venue") || ""; v.body = P.meeting_bodies[get("body")] || "";
  v.site = SITE;
  const list = (k) => (get(k) ? get(k).toJS() : []).filter((x) => x);
  const lists = {
    tag: list("tags").map((t) => ({ tag: String(t), "tag@slug": cache(`slug:${t}`, () => slugify(String(t)), refill) || "" })),
    file: list("attachments").filter((a) => a.file && a.title).map((a) => {
      const size = cache(`size:${a.file}`, () => measure(a.file, media), refill);
      return { file: a.title, "file@url": address(a.file),
               "file@label": `${fileKind(a.file)}${size == null ? "" : `, ${fileSize(size)}`}` };
    }),
    agenda: list("agenda").map((a) => ({ agenda: a.text || "" })),
  };
  return { v, lists, slugOf: (name) => cache(`slug:${name}`, () => slugify(name), refill) };
}

async function measure(path, media) {
  // The file's size as the build measures it: the published copy, or the one just uploaded (Decap's media).
  const answer = await fetch(`${SITE}/${address(path)}`, { method: "HEAD" });
  const length = answer.ok && answer.headers.get("content-length");
  if (length) return Number(length);
  const uploaded = String(media(path));
  return /^blob:/.test(uploaded) ? (await (await fetch(uploaded)).blob()).size : null;
}

function substitute(node, v) {
  const put = (text) => text.replace(MARKER, (m, name, variant) => {
    const key = variant ? `${name}@${variant}` : name;
    return key in v ? v[key] : m;
  });
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let n = node; n; n = walker.nextNode()) {
    if (n.nodeType === Node.TEXT_NODE) n.nodeValue = put(n.nodeValue);
    else if (n.attributes) for (const a of n.attributes) a.value = put(a.value);
  }
}

const OPTIONAL = ["modified", "department", "act_kind", "number", "video_url"];
const has = (el, name) => el.textContent.includes(`⟦${name}`) || [...el.querySelectorAll("*")].concat([el])
  .some((e) => e.attributes && [...e.attributes].some((a) => a.value.includes(`⟦${name}`)));

export function fillShell(shell, { v, lists, slugOf }, body, image) {
  const box = document.createElement("template");
  box.innerHTML = shell;
  const root = box.content;
  for (const [name, entries] of Object.entries(lists)) {
    for (const li of [...root.querySelectorAll("li")].filter((li) => has(li, name))) {
      if (!entries.length) { (li.closest("section") || li).remove(); continue; }
      for (const entry of entries) {
        const copy = li.cloneNode(true);
        substitute(copy, entry);
        li.before(copy);
      }
      li.remove();
    }
  }
  // A row or a paragraph whose optional field is empty is not on the page (as the template's {% if %}).
  for (const name of OPTIONAL.filter((n) => !v[n])) {
    for (const el of [...root.querySelectorAll("dl > div, p")].filter((e) => has(e, name))) el.remove();
  }
  substitute(root, v);
  const text = root.querySelector(".item-body");
  if (text) {
    text.innerHTML = `\n${bodyHtml(body, slugOf)}\n`;
    if (image) {
      const figure = document.createElement("figure");
      figure.className = "item-image";
      const img = figure.appendChild(document.createElement("img"));
      img.src = image.src; img.alt = image.alt;
      text.before(figure, "\n");
    }
  }
  return box.innerHTML;
}

const Preview = window.createClass({
  componentDidMount() {
    this.cache = new Map();
    this.observer = new MutationObserver(() => this.fill());
    this.observer.observe(this.source, { childList: true, subtree: true, characterData: true });
    this.fill();
  },
  componentDidUpdate() { this.fill(); },
  componentWillUnmount() { this.observer.disconnect(); },
  fill() {
    const { entry, collection, getAsset } = this.props;
    const get = (k) => entry.getIn(["data", k]);
    const cache = (key, make, refill) => {
      if (!this.cache.has(key)) {
        this.cache.set(key, null);
        Promise.resolve().then(make).then((value) => { this.cache.set(key, value); refill(); }, () => {});
      }
      return this.cache.get(key);
    };
    const field = (name, sub) => {
      const f = collection.get("fields").find((x) => x.get("name") === name);
      return f && sub ? f.get("fields").find((x) => x.get("name") === sub) : f;
    };
    const found = values(get, cache, () => this.fill(), (path) => getAsset(path, field("attachments", "file")));
    const imageField = field("image");
    const image = get("image") ? { src: getAsset(get("image"), imageField).toString(), alt: get("image_alt") || "" } : null;
    const rendered = this.source.firstElementChild;
    const body = rendered ? rendered.innerHTML : "";
    const name = collection.get("name");
    const shell = SHELLS[found.lists.agenda.length ? name : `${name}:no-agenda`] || SHELLS[name] || "";
    const html = fillShell(shell, found, body, image);
    if (this.main.innerHTML !== html) this.main.innerHTML = html;
  },
  render() {
    return h("div", null,
      h("div", { hidden: true, ref: (el) => { this.source = el; } }, this.props.widgetFor(TEXT)),
      h("main", { id: "main", className: "wrap", ref: (el) => { this.main = el; } }));
  },
});

CMS.registerPreviewStyle(new URL(P.css, location.href).href);
for (const collection of P.collections) {
  CMS.registerPreviewTemplate(collection, Preview);
}

// ---- 5. a list headed by its count with the noun agreeing: "1 пункт", "2 пункти", "5 пунктів" ---------
// Decap heads a list "<count> <label or label_singular>"; the forms come from the contract (list_nouns).
const List = CMS.getWidget("list");
class CountedList extends List.control {
  renderListControl() {
    const own = this.props;
    const forms = P.list_nouns[own.field.get("name")];
    if (!forms) return super.renderListControl();
    const noun = form(forms, own.value ? own.value.size : 0);
    this.props = { ...own, field: own.field.set("label", noun) }; // (label_singular: "Додати пункт")
    try {
      return super.renderListControl();
    } finally {
      this.props = own;
    }
  }
}
CMS.registerWidget("visnyk-list", CountedList, List.preview, List.schema);

// ---- 6. Decap's phrases in the editor's words (domain/editor/words.PHRASES): no «Колекція», no English switch ----
function merged(base, ours) {
  const out = { ...(base || {}) };
  for (const [k, v] of Object.entries(ours)) out[k] = v && typeof v === "object" ? merged(out[k], v) : v;
  return out;
}
CMS.registerLocale("uk", merged(CMS.getLocale ? CMS.getLocale("uk") : {}, P.phrases));

// ---- 7. a list card's status in words: the summary ends " · ⟦draft⟧" (editor.SUMMARY), shown «· Чернетка» ------
const MARK = / · ⟦([^⟧]*)⟧/;
function statusWords(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = root.nodeType === Node.TEXT_NODE ? [root] : [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
  for (const node of nodes) {
    const m = MARK.exec(node.nodeValue);
    if (!m) continue;
    const word = m[1] === "published" ? "" : ` · ${P.choices.status[m[1]] || m[1]}`;
    node.nodeValue = node.nodeValue.replace(MARK, word);
  }
}
new MutationObserver((changes) => changes.forEach((c) => statusWords(c.target))).observe(document.body, {
  childList: true, subtree: true, characterData: true,
});
CMS.init();
