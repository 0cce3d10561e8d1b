// The index of a batch of reports: one link per page, made from the JSON
// list of {input, page} (both relative paths), never from markup.
"use strict";
(function () {
  const pages = JSON.parse(document.getElementById("index-data").textContent);
  const list = document.getElementById("reports");
  for (const p of pages) {
    const li = document.createElement("li"), a = document.createElement("a");
    // "./" and per-segment encoding keep every link a relative path
    // (a file named "javascript:x" stays a file name).
    a.setAttribute("href", "./" + p.page.split("/").map(encodeURIComponent).join("/"));
    a.textContent = p.input;
    li.append(a);
    list.append(li);
  }
})();
