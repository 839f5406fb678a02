/*
 * The live preview's reload script (`./visnyk livereload`, adapters/preview/server.py). The preview server
 * adds it to every page it serves, as a file (the pages' Content-Security-Policy allows no inline
 * script); it is never part of the built site.
 *
 * It listens to the server's events (/_visnyk/events, Server-Sent Events) and
 * - reloads the page when a newer build is ready (the page knows the build it came from: data-generation);
 * - shows the build's problems over the page while the content is invalid, in Ukrainian, as the terminal
 *   shows them, and reloads by itself once the file is fixed;
 * - on the search page, says while the search index is being updated, and reloads when it is ready.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.EventSource || !window.JSON) return;
  var generation = script.getAttribute("data-generation");
  var searchGeneration = script.getAttribute("data-search");
  var panel = null;
  var note = null;

  function style(element, rules) {
    // CSSOM properties, not a style attribute: the page's style-src allows no inline styles.
    Object.keys(rules).forEach(function (name) { element.style[name] = rules[name]; });
  }

  function showProblems(text) {
    if (!panel) {
      panel = document.createElement("div");
      panel.id = "visnyk-preview-problems";
      panel.setAttribute("role", "alert");
      style(panel, {
        position: "fixed", top: "0", left: "0", right: "0", maxHeight: "80vh", overflow: "auto",
        zIndex: "2147483647", background: "#fff4f4", color: "#1a1a1a", borderBottom: "4px solid #b00020",
        padding: "1rem", font: "16px/1.5 system-ui, sans-serif", boxShadow: "0 2px 12px rgba(0,0,0,.3)"
      });
      var heading = document.createElement("h2");
      heading.textContent = "Сайт не зібрано"; // what to do: the last line of the problems, as in the terminal
      style(heading, { margin: "0 0 .5rem", fontSize: "1.1rem", color: "#b00020" });
      var list = document.createElement("pre");
      style(list, { margin: "0", whiteSpace: "pre-wrap", font: "14px/1.5 ui-monospace, monospace" });
      panel.append(heading, list);
      document.body.prepend(panel);
    }
    panel.lastChild.textContent = text;
  }

  function hideProblems() {
    if (panel) panel.remove();
    panel = null;
  }

  function searchNote(text) {
    var form = document.querySelector("form[role=search]");
    if (!form) return;
    if (!note) {
      note = document.createElement("p");
      note.id = "visnyk-preview-search";
      note.setAttribute("role", "status");
      form.after(note);
    }
    note.textContent = text;
  }

  // The page it shows: the server renders it first and lets this tab reload before the rest of the site is done.
  var events = new EventSource("/_visnyk/events?page=" + encodeURIComponent(location.pathname));
  events.addEventListener("state", function (event) {
    var state = JSON.parse(event.data);
    if (state.problems) {
      showProblems(state.problems);
      return;
    }
    if (String(state.generation) !== generation) {
      location.reload();
      return;
    }
    hideProblems();
    if (document.getElementById("search-input")) {
      if (state.search === "ready" && String(state.searchGeneration) !== searchGeneration) {
        location.reload();
        return;
      }
      searchNote(state.search === "updating"
        ? "Пошуковий індекс оновлюється: пошук запрацює, щойно він буде готовий (сторінка оновиться сама)."
        : state.search === "failed" ? "Пошуковий індекс не вдалося оновити: див. повідомлення в терміналі." : "");
    }
  });
})();
