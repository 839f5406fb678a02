// Sorting a table by any column in the browser (the site is static: no server to ask). Each header of a
// table.sortable becomes a button; pressing it sorts the rows by that column (Ukrainian alphabetical order),
// again to reverse, and aria-sort tells a screen reader which column and direction. Without JavaScript the
// table stays as the page wrote it (grouped by faction).
(function () {
  "use strict";
  var collator = new Intl.Collator("uk", {numeric: true, sensitivity: "base"});
  function setUp(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    var body = table.tBodies[0];
    Array.prototype.forEach.call(headers, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var order = collator.compare(a.cells[column].textContent.trim(), b.cells[column].textContent.trim());
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), setUp);
})();
