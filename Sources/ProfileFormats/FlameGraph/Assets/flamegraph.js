// profconv flame graph: zoom, search and details for the frames drawn by
// profconv. Frames are <g> elements under #frames; each rect carries its
// position in samples (fg:x, fg:w), so every view is recomputed from those
// numbers and nothing depends on earlier zooms. State lives in the URL
// (x = zoomed frame's offset, y = its depth, s = search term).
"use strict";
(function () {
  var svg, details, matched, unzoomButton, searchButton, caseButton;
  var frames = [];
  var total = 0, xpad = 10, fontSize = 12, fontWidth = 0.59, frameHeight = 16;
  var fluid = false, nameType = "Function:";
  var zoomed = null, searchTerm = "", ignoreCase = false;

  function attr(el, name, fallback) {
    var v = parseFloat(el.getAttribute(name));
    return isNaN(v) ? fallback : v;
  }

  function init() {
    svg = document.documentElement;
    var group = document.getElementById("frames");
    if (!group) return;
    details = document.getElementById("details");
    matched = document.getElementById("matched");
    unzoomButton = document.getElementById("unzoom");
    searchButton = document.getElementById("search");
    caseButton = document.getElementById("ignorecase");
    total = attr(group, "fg:total", 0);
    xpad = attr(svg, "fg:xpad", 10);
    fontSize = attr(svg, "fg:fontsize", 12);
    fontWidth = attr(svg, "fg:fontwidth", 0.59);
    frameHeight = attr(svg, "fg:frameheight", 16);
    fluid = svg.getAttribute("fg:fluid") === "1";
    nameType = svg.getAttribute("fg:nametype") || "Function:";

    var rootY = null;
    for (var g = group.firstElementChild; g; g = g.nextElementSibling) {
      var rect = g.querySelector("rect"), title = g.querySelector("title");
      if (!rect || !title) continue;
      var t = title.textContent, open = t.lastIndexOf(" (");
      var f = {
        g: g, rect: rect, text: g.querySelector("text"), title: t,
        name: open > 0 ? t.substring(0, open) : t,
        x: attr(rect, "fg:x", 0), w: attr(rect, "fg:w", 0), y: attr(rect, "y", 0),
        fill: rect.getAttribute("fill"), depth: 0
      };
      if (rootY === null) rootY = f.y;  // the root is drawn first
      f.depth = Math.round(Math.abs(rootY - f.y) / frameHeight);
      g.fgIndex = frames.length;
      frames.push(f);
    }

    group.addEventListener("click", function (e) {
      var f = frameOf(e.target);
      if (f) { zoom(f); updateURL(); }
    });
    group.addEventListener("mouseover", function (e) {
      var f = frameOf(e.target);
      if (f) details.textContent = nameType + " " + f.title;
    });
    group.addEventListener("mouseout", function () { details.textContent = " "; });
    unzoomButton.addEventListener("click", function () { zoom(null); updateURL(); });
    searchButton.addEventListener("click", function () {
      if (searchTerm) { search(""); } else { askSearch(); }
      updateURL();
    });
    caseButton.addEventListener("click", toggleCase);
    window.addEventListener("keydown", function (e) {
      if ((e.ctrlKey || e.metaKey) && (e.key === "i" || e.key === "I")) {
        // The prompt promises Ctrl-I: the same toggle as the "ic" button.
        e.preventDefault();
        toggleCase();
      } else if (e.key === "F3" || ((e.ctrlKey || e.metaKey) && (e.key === "f" || e.key === "F"))) {
        e.preventDefault();
        askSearch();
        updateURL();
      } else if (e.key === "Escape" && searchTerm) {
        search("");
        updateURL();
      }
    });
    if (fluid) window.addEventListener("resize", render);
    restoreFromURL();
    render();
  }

  function frameOf(el) {
    while (el && el.fgIndex === undefined) el = el.parentNode;
    return el ? frames[el.fgIndex] : null;
  }

  function viewWidth() {
    if (!fluid) return attr(svg, "width", 1200);
    return svg.getBoundingClientRect().width || 1200;
  }

  // Positions every frame for the current zoom: frames under the zoomed one
  // are stretched, its ancestors span the width and fade, the rest hide.
  function render() {
    var avail = viewWidth() - 2 * xpad;
    var lo = zoomed ? zoomed.x : 0, span = zoomed ? zoomed.w : total, d0 = zoomed ? zoomed.depth : 0;
    if (span <= 0) span = 1;
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i], x, w;
      var inside = f.depth >= d0 && f.x >= lo && f.x + f.w <= lo + span;
      var ancestor = zoomed && f.depth < d0 && f.x <= lo && f.x + f.w >= lo + span;
      f.g.classList.toggle("hide", !inside && !ancestor);
      f.g.classList.toggle("parent", !!ancestor);
      if (ancestor) {
        x = xpad; w = avail;
      } else if (inside) {
        x = xpad + (f.x - lo) / span * avail; w = f.w / span * avail;
      } else {
        continue;
      }
      f.rect.setAttribute("x", x.toFixed(1));
      f.rect.setAttribute("width", w.toFixed(1));
      if (f.text) {
        f.text.setAttribute("x", (x + 3).toFixed(2));
        f.text.textContent = label(f.name, w);
      }
    }
    unzoomButton.classList.toggle("hide", !zoomed);
  }

  function label(name, w) {
    var chars = Math.floor(w / (fontSize * fontWidth));
    if (chars < 3) return "";
    return name.length <= chars ? name : name.substring(0, chars - 2) + "..";
  }

  function zoom(f) {
    zoomed = f && f.depth > 0 ? f : null;
    render();
    if (searchTerm) search(searchTerm);
  }

  function toggleCase() {
    ignoreCase = !ignoreCase;
    caseButton.classList.toggle("show", ignoreCase);
    if (searchTerm) search(searchTerm);
  }

  function askSearch() {
    var term = window.prompt("Enter a search term (regexp allowed, eg: ^runtime\\.)" +
      (ignoreCase ? ", ignoring case" : "") + ". Press Ctrl-I to toggle case sensitivity.", searchTerm);
    if (term !== null) search(term);
  }

  // Highlights frames whose name matches `term`; the matched share counts
  // each sample once, however many nested frames match it.
  function search(term) {
    searchTerm = term || "";
    var re = null;
    if (searchTerm) {
      try { re = new RegExp(searchTerm, ignoreCase ? "i" : ""); } catch (err) {
        matched.textContent = "Invalid regular expression";
        return;
      }
    }
    var hits = [];
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i], hit = re !== null && re.test(f.name);
      f.rect.setAttribute("fill", hit ? "rgb(230,0,230)" : f.fill);
      if (hit) hits.push(f);
    }
    searchButton.classList.toggle("show", re !== null);
    searchButton.textContent = re !== null ? "Reset Search" : "Search";
    if (re === null) { matched.textContent = " "; return; }
    hits.sort(function (a, b) { return a.x - b.x || b.w - a.w; });
    var sum = 0, end = -1;
    for (var k = 0; k < hits.length; k++) {
      var h = hits[k];
      if (h.x >= end) { sum += h.w; end = h.x + h.w; }
      else if (h.x + h.w > end) { sum += h.x + h.w - end; end = h.x + h.w; }
    }
    var pct = total > 0 ? 100 * sum / total : 0;
    matched.textContent = "Matched: " + pct.toFixed(1) + "%";
  }

  function updateURL() {
    try {
      var params = new URLSearchParams(window.location.search);
      if (zoomed) { params.set("x", zoomed.x); params.set("y", zoomed.depth); }
      else { params.delete("x"); params.delete("y"); }
      if (searchTerm) params.set("s", searchTerm); else params.delete("s");
      var q = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (q ? "?" + q : "") + window.location.hash);
    } catch (err) {
      // Some viewers forbid history changes (sandboxed frames): zoom still works.
    }
  }

  function restoreFromURL() {
    var params;
    try { params = new URLSearchParams(window.location.search); } catch (err) { return; }
    if (params.has("x") && params.has("y")) {
      var x = parseFloat(params.get("x")), y = parseInt(params.get("y"), 10);
      for (var i = 0; i < frames.length; i++) {
        if (frames[i].x === x && frames[i].depth === y) { zoomed = frames[i].depth > 0 ? frames[i] : null; break; }
      }
    }
    if (params.get("s")) {
      render();
      search(params.get("s"));
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
