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
// ---- 4. the preview, as citizens will read the item (words from the contract: window.VISNYK_PREVIEW) -----
const P = window.VISNYK_PREVIEW;
const h = window.h;
const PLURAL = new Intl.PluralRules("uk"); // CLDR's rules, as wording.plural_form (Babel) in the build
const form = (forms, n) => forms[{ one: 0, few: 1 }[PLURAL.select(n)] ?? 2];
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?/;

function ukDate(value) {
  // "2025-12-12 09:00" → "12 грудня 2025 року, 09:00" (wording.date_time); what is not a date stays as written.
  const m = DATE.exec(String(value || ""));
  if (!m || +m[2] < 1 || +m[2] > 12) return value ? String(value) : "";
  const day = `${+m[3]} ${P.months_genitive[+m[2] - 1]} ${m[1]} року`;
  return m[4] ? `${day}, ${m[4]}:${m[5]}` : day;
}

function period(value) {
  // "2025-11" → "за листопад 2025 року", "2025" → "за 2025 рік" (wording.for_month, for_year).
  const m = /^(\d{4})(?:-(\d{2}))?$/.exec(String(value || ""));
  if (!m) return value ? `${value} (не за зразком)` : "";
  if (!m[2]) return `за ${m[1]} рік`;
  const month = P.months[+m[2] - 1];
  return month ? `за ${month} ${m[1]} року` : `${value} (не за зразком)`;
}

function activity(item) {
  // wording.activity_phrase: "у {n} {прийомі|прийомах|прийомах} міського голови" → the form agreeing with
  // the count; the one/few/many keys give the noun for {n}; neither: "… — усього 7" (never "text: 7").
  const text = String(item.get("text") || "");
  const n = Number(item.get("count"));
  const shown = Number.isFinite(n) ? String(n) : "";
  const inline = /\{([^{}|]*)\|([^{}|]*)\|([^{}|]*)\}/;
  if (inline.test(text) && Number.isInteger(n)) {
    const placed = text.includes("{n}") ? text : text.replace(inline, (m) => `{n} ${m}`);
    return placed.replace(new RegExp(inline.source, "g"), (m, a, b, c) => form([a, b, c].map((f) => f.trim()), n))
      .split("{n}").join(shown);
  }
  const forms = ["one", "few", "many"].map((k) => item.get(k));
  const counted = forms.every((f) => f) && Number.isInteger(n) ? `${n} ${form(forms, n)}` : null;
  if (text.includes("{n}")) return text.replace("{n}", counted || shown);
  return counted ? `${text} ${counted}` : `${text} — усього ${shown}`;
}

function Preview({ entry, collection, widgetFor, getAsset }) {
  const get = (k) => entry.getIn(["data", k]);
  const L = P.labels[collection.get("name")] || {};
  const meta = [];
  const row = (term, value) => value && meta.push(h("div", { key: term }, h("dt", null, term), h("dd", null, value)));
  const date = get("date");
  row("Опубліковано", date && h("time", null, ukDate(date)));
  row("Оновлено", get("modified") && h("time", null, ukDate(get("modified"))));
  row(L.department, P.departments[get("department")] || get("department"));
  row(L.act_kind, P.choices.act_kind[get("act_kind")]);
  const number = String(get("number") || "").replace(/^№\s*/, "").trim();
  row(L.number, number && `№ ${number}`);
  row(L.adopted, get("adopted") && ukDate(get("adopted")));
  row(L.consideration, get("consideration") && ukDate(get("consideration")));
  row(L.body, P.choices.body[get("body")]);
  row(L.starts, get("starts") && ukDate(get("starts")));
  row(L.ends, get("ends") && ukDate(get("ends")));
  row(L.venue, get("venue"));
  row(L.period, get("period") && period(get("period")));
  row(L.status, get("status") && get("status") !== "published" && P.choices.status[get("status")]);
  const image = get("image");
  // The field is needed to find an upload in its own folder (images/{{year}}, per field in the config).
  const imageField = collection.get("fields").find((f) => f.get("name") === "image");
  const activities = get("activities");
  const agenda = get("agenda");
  return h("main", { id: "main", className: "wrap" },
    h("article", { className: "item" },
      h("header", { className: "item-header" },
        h("h1", null, get("title") || ""),
        h("dl", { className: "item-meta" }, ...meta)),
      image && h("figure", { className: "item-image" }, // as article.html: <figure class="item-image"><img>
        h("img", { src: getAsset(image, imageField).toString(), alt: get("image_alt") || "" })),
      h("div", { className: "item-body" },
        widgetFor(TEXT),
        agenda && agenda.size ? h("section", null, h("h2", null, L.agenda),
          h("ol", null, ...agenda.map((a, i) => h("li", { key: i }, a.get("text"))))) : null,
        activities && activities.size ? h("section", null, h("h2", null, L.activities),
          h("ul", null, ...activities.map((a, i) => h("li", { key: i }, activity(a))))) : null),
      ...tail(get, getAsset, collection)));
}

// What article.html shows after the body: the video's link, the documents (partials/attachments.html), the tags.
function tail(get, getAsset, collection) {
  const out = [];
  const video = get("video_url");
  if (video) {
    out.push(h("p", { key: "video", className: "video-link" },
      h("a", { href: video, rel: "noopener" }, `Дивитися відео «${get("title") || ""}»`), " ",
      h("span", { className: "file-info" }, "(на сайті відеосервісу)")));
  }
  const files = (get("attachments") || []).filter((a) => a && a.get("file") && a.get("title"));
  if (files.size) {
    const field = collection.get("fields").find((f) => f.get("name") === "attachments");
    const fileField = field && field.get("fields").find((f) => f.get("name") === "file");
    out.push(h("section", { key: "files", className: "attachments", "aria-labelledby": "attachments-title" },
      h("h2", { id: "attachments-title" }, "Документи"),
      h("ul", null, ...files.map((a, i) => h("li", { key: i },
        h("a", { href: getAsset(a.get("file"), fileField).toString() }, a.get("title")), " ",
        // The size is measured when the site is built; here the kind of file.
        h("span", { className: "file-info" }, `(${String(a.get("file")).split(".").pop().toUpperCase()})`))))));
  }
  const tags = (get("tags") || []).filter((t) => t);
  if (tags.size) {
    out.push(h("section", { key: "tags", className: "tags", "aria-labelledby": "tags-title" },
      h("h2", { id: "tags-title" }, "Теги"),
      h("ul", null, ...tags.map((t, i) => h("li", { key: i }, h("a", { href: "#" }, t))))));
  }
  return out;
}

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
