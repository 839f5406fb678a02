/* The register of acts (acts/register/): filters by kind, year, department and status, and an order (date,
 * number, title, status) on every screen width, over the rows the page already holds (each <tr> carries its values in data-* attributes). No
 * inline code and nothing fetched, so the page's Content-Security-Policy holds; without JavaScript the
 * whole register is shown as written, newest first, and the filter form stays hidden.
 */
(function () {
  "use strict";

  function forms(n, one, few, many) {
    var last = n % 10, lastTwo = n % 100;
    if (last === 1 && lastTwo !== 11) return one;
    if (last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14)) return few;
    return many;
  }

  function start() {
    var form = document.getElementById("register-filters");
    var table = document.getElementById("register");
    if (!form || !table) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var count = document.getElementById("register-count");
    var keys = ["kind", "year", "department", "status"];

    function filter() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = keys.every(function (key) {
          var wanted = form.elements[key].value;
          return !wanted || row.getAttribute("data-" + key) === wanted;
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = "Показано " + shown + " " + forms(shown, "акт", "акти", "актів") + " з " + rows.length + ".";
    }

    // The page is written newest first (data-order); the other orders, on every screen width.
    var CELL = {title: 4, status: 5};
    function value(row, key) {
      if (key === "number") return row.getAttribute("data-number");
      if (key === "date") return row.getAttribute("data-date");
      return row.cells[CELL[key]].textContent.trim();
    }
    function sort() {
      var choice = form.elements.sort.value.split("-"), key = choice[0], descending = choice[1] === "desc";
      rows.sort(function (a, b) {
        var order = value(a, key).localeCompare(value(b, key), "uk", {numeric: true});
        if (descending) order = -order;
        return order || Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order"));
      });
      rows.forEach(function (row) { body.appendChild(row); });
    }

    form.elements.sort.addEventListener("change", sort);
    form.addEventListener("change", filter);
    form.hidden = false;
    filter();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
