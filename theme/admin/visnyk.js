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
CMS.init();
