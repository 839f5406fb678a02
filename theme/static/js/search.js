/* Search page: Ukrainian stemming of the query, Pagefind loaded on first use, results in Ukrainian.
 *
 * Loaded only by search/ (theme/templates/search.html); no inline code, so the page's
 * Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval') holds. pagefind.js is imported
 * the first time the reader searches. The index holds stemmed words with the readable lead of each
 * page beside them (plugins/visnyk/domain/searchindex.py): the query is stemmed here exactly as the
 * index was (stemWord() is a port of plugins/visnyk/domain/stemmer.py, checked word for word by
 * tests/test_search.py), and excerpts are cut from the readable lead at the matched positions. Forms whose
 * root changes ("року", "Києва") are looked up in the site's form → lemma table (pagefind/lemmas.txt,
 * fetched with pagefind.js) and searched by their lemma's stem, which the index holds beside each form's.
 */
(function () {
  "use strict";

  // --- stemmer: keep identical to plugins/visnyk/domain/stemmer.py -----------------------------
  var VOWELS = "аеиоуюяіїє";
  var MIN_STEM = 3;
  var WORD = /[а-яіїєґ]+/g;
  var APOSTROPHES = /['’ʼ]/g;
  var REFLEXIVE = ["ся", "сь"];
  var ENDINGS = [
    "ючись", "учись", "ячись", "ачись", "вшись", "ючи", "учи", "ячи", "ачи", "вши",
    "ього", "ьому", "ого", "ому", "ими", "іми", "ьою", "ьої", "ою", "ої", "ий", "ій", "їй", "их", "іх",
    "им", "ім",
    "ьми", "ом", "ям", "ах", "ях", "ів", "їв", "ею", "єю", "а", "я", "о", "е", "є", "у", "ю", "і", "ї",
    "и", "ь", "й",
    "ють", "уть", "ать", "ять", "ить", "їть", "емо", "ємо", "имо", "їмо", "ете", "єте", "ите", "їте",
    "еш", "єш", "иш", "їш"
  ];
  var ABSTRACT = ["остями", "остям", "остях", "остей", "ості", "осте", "ість", "істю"];

  function byLength(list) {
    return list.slice().sort(function (a, b) {
      return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);
    });
  }
  REFLEXIVE = byLength(REFLEXIVE);
  ENDINGS = byLength(ENDINGS);

  function endsWith(word, ending) {
    return word.length >= ending.length && word.slice(word.length - ending.length) === ending;
  }

  function strip(word, region, endings) {
    for (var i = 0; i < endings.length; i++) {
      var cut = word.length - endings[i].length;
      if (cut >= region && cut >= MIN_STEM && endsWith(word, endings[i])) return word.slice(0, cut);
    }
    return null;
  }

  function stemWord(word) {
    var first = -1;
    for (var i = 0; i < word.length; i++) {
      if (VOWELS.indexOf(word.charAt(i)) >= 0) { first = i; break; }
    }
    if (first < 0) return word;
    var region = first + 1;
    for (var j = 0; j < ABSTRACT.length; j++) {
      var cut = word.length - ABSTRACT[j].length;
      if (cut >= region && endsWith(word, ABSTRACT[j])) return word.slice(0, cut) + "ост";
    }
    var stem = strip(word, region, REFLEXIVE) || word;
    stem = strip(stem, region, ENDINGS) || stem;
    if (endsWith(stem, "нн")) stem = stem.slice(0, -1);
    return stem;
  }

  var SKIP = "—";

  function shortWord(token) {
    var letters = 0, uppers = 0;
    for (var i = 0; i < token.length; i++) {
      var ch = token.charAt(i);
      if (ch >= "0" && ch <= "9") return false;
      if (/\p{L}/u.test(ch)) {
        letters += 1;
        if (/\p{Lu}/u.test(ch)) uppers += 1;
      }
    }
    return letters > 0 && letters <= 2 && uppers < 2;
  }

  // lemmas: the site's form → lemma table (pagefind/lemmas.txt, plugins/visnyk/domain/lemmas.py), a Map;
  // a listed form is searched by its lemma's stem ("року" → "рік"), which the index holds for every form.
  // (Only a Map counts: Array.prototype.map passes an index as the second argument.)
  function stemToken(token, lemmas) {
    if (shortWord(token)) return SKIP;
    var table = lemmas instanceof Map ? lemmas : null;
    return token.toLowerCase().replace(APOSTROPHES, "").replace(WORD, function (word) {
      return stemWord((table && table.get(word)) || word);
    });
  }

  function stemQuery(query, lemmas) {
    return query.split(/\s+/).filter(Boolean).map(function (t) { return stemToken(t, lemmas); })
      .filter(function (t) { return t !== SKIP; }).join(" ");
  }

  // One lemma a line, then its forms: "рік року році років".
  function readLemmas(text) {
    var table = new Map();
    text.split("\n").forEach(function (line) {
      var words = line.split(" ");
      for (var i = 1; i < words.length; i++) table.set(words[i], words[0]);
    });
    return table;
  }

  // --- Ukrainian counts (CLDR plural rule for integers) ----------------------------------------
  function pluralForm(n) {
    n = Math.abs(n);
    var d = n % 10, h = n % 100;
    if (d === 1 && h !== 11) return "one";
    if (d >= 2 && d <= 4 && (h < 12 || h > 14)) return "few";
    return "many";
  }

  function resultsCount(n) {
    var forms = { one: "результат", few: "результати", many: "результатів" };
    return n + " " + forms[pluralForm(n)];
  }

  // A word of the lead split around its letters and digits: "«Київ," → ["«", "Київ", ","]; only the middle
  // is marked, so a highlight never takes in the punctuation beside the word.
  function markParts(word) {
    var m = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u.exec(word);
    return m[2] ? [m[1], m[2], m[3]] : [word, "", ""];
  }

  // The numbers of a query ("1" in "рішення 1"): Pagefind extends a short query word to every indexed word it
  // starts with ("1" → 19, 1516, 16:00); a number is found only as a whole number of the page's text.
  function queryNumbers(query) {
    return query.split(/\s+/).filter(function (t) { return /^\d+$/.test(t); });
  }

  function hasNumbers(content, numbers) {
    var found = new Set((content || "").split(/[^\p{L}\p{N}]+/u));
    return numbers.every(function (n) { return found.has(n); });
  }

  var api = { stemWord: stemWord, stemToken: stemToken, stemQuery: stemQuery, readLemmas: readLemmas,
              pluralForm: pluralForm, resultsCount: resultsCount, markParts: markParts,
              queryNumbers: queryNumbers, hasNumbers: hasNumbers };
  if (typeof module === "object" && module.exports) module.exports = api;  // tests run it in node
  if (typeof document === "undefined") return;

  // --- the page ----------------------------------------------------------------------------------
  var PAGE = 10;          // results shown at a time
  var EXCERPT = 30;       // words in an excerpt
  var script = document.currentScript;
  var form = document.querySelector("form[role=search]");
  var input = document.getElementById("search-input");
  var box = document.getElementById("search-results");
  if (!script || !form || !input || !box) return;
  var root = new URL("../../", script.src);  // this file is theme/js/search.js under the site's root
  var pagefind = null;
  var lemmas = null;  // the form → lemma table, once loaded (an empty Map if the site has none)
  var latest = 0;
  var timer = null;

  var status = document.createElement("p");
  status.className = "search-status";
  status.setAttribute("role", "status");
  var list = document.createElement("ol");
  list.className = "search-list";
  var more = document.createElement("button");
  more.type = "button";
  more.className = "search-more";
  more.textContent = "Показати ще";
  more.hidden = true;
  box.append(status, list, more);

  function load() {
    if (!pagefind) {
      // A large archive is indexed in shards (pagefind/shards.json lists the ones beside the first);
      // Pagefind merges them into one set of results.
      var table = fetch(new URL("pagefind/lemmas.txt", root).href).then(function (r) {
        return r.ok ? r.text() : "";
      }).then(function (text) { lemmas = readLemmas(text); });
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
        return module.options({ baseUrl: root.pathname }).then(function () {
          return fetch(new URL("pagefind/shards.json", root).href).then(function (r) { return r.ok ? r.json() : []; });
        }).then(function (shards) {
          return Promise.all(shards.map(function (path) {
            return module.mergeIndex(new URL("pagefind/" + path, root).pathname, { baseUrl: root.pathname });
          }));
        }).then(function () { return table; }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  function excerpt(data) {
    // meta.text is the readable lead of the page, word for word with the indexed stems; a final
    // "…" says the page goes on. A match beyond the lead shows the lead itself.
    var words = (data.meta.text || "").split(" ");
    var cut = words[words.length - 1] === "…";
    if (cut) words.pop();
    var hits = (data.locations || []).filter(function (at) { return at < words.length; });
    var start = 0;
    var best = 0;
    hits.forEach(function (at) {
      var from = Math.max(0, at - Math.floor(EXCERPT / 3));
      var count = hits.filter(function (x) { return x >= from && x < from + EXCERPT; }).length;
      if (count > best) { best = count; start = from; }
    });
    var end = Math.min(words.length, start + EXCERPT);
    var p = document.createElement("p");
    p.className = "search-excerpt";
    if (start > 0) p.append("… ");
    for (var i = start; i < end; i++) {
      if (i > start) p.append(" ");
      if (hits.indexOf(i) >= 0) {
        var parts = markParts(words[i]);
        var mark = document.createElement("mark");
        mark.textContent = parts[1];
        p.append(parts[0], mark, parts[2]);
      } else {
        p.append(words[i]);
      }
    }
    if (end < words.length || cut) p.append(" …");
    return p;
  }

  function item(data) {
    var li = document.createElement("li");
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    heading.append(link);
    var about = document.createElement("p");
    about.className = "search-meta";
    about.textContent = [data.meta.kind, data.meta.date, data.meta.status].filter(Boolean).join(" · ");
    li.append(heading, about);
    if (data.meta.text) li.append(excerpt(data));
    return li;
  }

  function show(results, shown, ticket) {
    var next = results.slice(shown, shown + PAGE);
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (all) {
      if (ticket !== latest) return;
      all.forEach(function (data) { list.append(item(data)); });
      var total = shown + next.length;
      more.hidden = total >= results.length;
      more.onclick = function () { more.hidden = true; show(results, total, ticket); };
    });
  }

  function run(query) {
    var ticket = ++latest;
    var stems = stemQuery(query);
    if (!stems) {
      box.removeAttribute("aria-busy");
      status.textContent = "";
      list.replaceChildren();
      more.hidden = true;
      return Promise.resolve();
    }
    status.textContent = "Шукаю…";
    box.setAttribute("aria-busy", "true");
    return load().then(function (module) { return module.search(stemQuery(query, lemmas)); }).then(function (search) {
      if (ticket !== latest || !search) return;
      // Pagefind also searches the meta values (the readable lead, the date, the type) and, for a
      // word it cannot find, any indexed word the query word starts with; a result whose text and
      // title matched nothing (no word positions) is such a stray match, and is left out.
      var results = search.results.filter(function (r) { return r.words && r.words.length > 0; });
      var numbers = queryNumbers(query);
      if (!numbers.length) return results;
      return Promise.all(results.map(function (r) { return r.data(); })).then(function (all) {
        return results.filter(function (r, i) {
          return hasNumbers([all[i].content, all[i].meta.title, all[i].meta.text].join(" "), numbers);
        });
      });
    }).then(function (results) {
      if (ticket !== latest || !results) return;
      var n = results.length;
      list.replaceChildren();
      status.textContent = n
        ? "За запитом «" + query + "» знайдено " + resultsCount(n) + "."
        : "За запитом «" + query + "» нічого не знайдено. Спробуйте інше слово.";
      return show(results, 0, ticket);
    }).catch(function () {
      if (ticket === latest) status.textContent = "Пошук зараз не працює. Спробуйте пізніше.";
    }).then(function () {
      if (ticket === latest) box.removeAttribute("aria-busy");
    });
  }

  function update(query) {
    var url = new URL(window.location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    window.history.replaceState(null, "", url.href);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    update(input.value.trim());
    run(input.value.trim());
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { update(input.value.trim()); run(input.value.trim()); }, 300);
  });

  var initial = new URL(window.location.href).searchParams.get("q");
  if (initial) {
    input.value = initial;
    run(initial.trim());
  }
})();
