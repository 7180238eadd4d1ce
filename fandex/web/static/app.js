// fandex: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  var KEY = "fandex.reading";
  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "{}") || {}; } catch (e) { return {}; }
  }
  function save(s) {
    try { localStorage.setItem(KEY, JSON.stringify(s)); } catch (e) { /* private mode */ }
  }
  function apply(s) {
    var root = document.documentElement;
    root.setAttribute("data-theme", s.theme === "dark" ? "dark" : "light");
    if (s.size) root.style.setProperty("--reader-size", s.size + "%");
    if (s.width) root.style.setProperty("--reader-width", s.width);
  }
  // Run at once (this script is in <head>) so a dark page never flashes white.
  apply(load());

  function readingSettings() {
    var form = document.querySelector("[data-reading-settings]");
    if (!form) return;
    var s = load();
    ["size", "width", "theme"].forEach(function (name) {
      var el = form.elements[name];
      if (el && s[name]) el.value = s[name];
    });
    form.addEventListener("change", function () {
      var next = {
        size: form.elements.size.value,
        width: form.elements.width.value,
        theme: form.elements.theme.value
      };
      save(next);
      apply(next);
    });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  }

  function focusTarget() {
    // Following "why this tag?" or an evidence link: move focus to the passage so
    // keyboard and screen-reader users land where sighted users look.
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (el) { el.focus({ preventScroll: false }); }
  }

  function importProgress() {
    var box = document.querySelector("[data-import-job]");
    if (!box) return;
    var state = box.getAttribute("data-state");
    if (state === "done" || state === "failed") return;
    var id = box.getAttribute("data-import-job");
    function tick() {
      fetch("/import/" + encodeURIComponent(id) + ".json", { headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (job) {
          render(box, job);
          if (job.state === "done" || job.state === "failed") return;
          setTimeout(tick, 400);
        })
        .catch(function () { setTimeout(tick, 1500); });
    }
    setTimeout(tick, 200);
  }

  function cell(tr, text, href) {
    var td = document.createElement("td");
    if (href) {
      var a = document.createElement("a");
      a.href = href; a.textContent = text; td.appendChild(a);
    } else { td.textContent = text; }
    tr.appendChild(td);
  }

  function render(box, job) {
    var bar = box.querySelector("progress");
    var status = box.querySelector(".job-status");
    var total = job.total == null ? "?" : job.total;
    bar.max = job.total || 1; bar.value = job.done;
    var head = job.state === "done" ? "Done: " : job.state === "failed" ? "Failed: " + job.error + ". " : "Working: ";
    status.textContent = head + job.done + " of " + total + " files";
    box.setAttribute("data-state", job.state);
    var body = box.querySelector("tbody");
    while (body.rows.length < job.results.length) {
      var r = job.results[body.rows.length];
      var tr = document.createElement("tr");
      tr.className = "st-" + r.status;
      cell(tr, r.path.split("/").pop());
      cell(tr, r.status);
      cell(tr, r.work_id ? (r.title || r.work_id) : "", r.work_id ? "/works/" + r.work_id : null);
      var notes = [];
      if (r.reason) notes.push(r.reason);
      (r.notices || []).forEach(function (n) { notes.push(n); });
      (r.failures || []).forEach(function (f) { notes.push("tagger " + f.tagger + " failed: " + f.error); });
      cell(tr, notes.join("; "));
      body.appendChild(tr);
    }
    if (job.state === "done") {
      var after = box.querySelector(".after");
      if (after) after.hidden = false;
    }
  }

  function compactFilters() {
    // On a phone the sidebar sits above the results: fold the groups with nothing
    // chosen so the works are one scroll away.
    if (!window.matchMedia("(max-width: 52em)").matches) return;
    document.querySelectorAll("details.facet").forEach(function (d) {
      if (!d.querySelector("li.include, li.exclude")) d.open = false;
    });
  }

  function pendingFacets(tries) {
    // The listing did not wait for its facet counts (or showed older ones): fetch the
    // sidebar once counted. 503: still counting, so ask again a little later.
    var box = document.querySelector("[data-facets-url]");
    if (!box) return;
    tries = tries || 0;
    fetch(box.getAttribute("data-facets-url"), { headers: { Accept: "text/html" } })
      .then(function (r) {
        if (r.status === 503 && tries < 10) {
          setTimeout(function () { pendingFacets(tries + 1); }, 2000);
          return null;
        }
        if (!r.ok) throw new Error(r.status);
        return r.text();
      })
      .then(function (html) {
        if (html === null) return;
        box.innerHTML = html; // our own escaped fragment (CSP forbids scripts in it anyway)
        box.removeAttribute("data-facets-url");
        compactFilters();
      })
      .catch(function () {
        var p = box.querySelector(".counting");
        if (p) p.textContent = "Could not count the filters; reload to try again.";
      });
  }

  function chapterKeys() {
    // ← and → turn chapters in the reader (and pages in a listing), as e-readers do.
    document.addEventListener("keydown", function (ev) {
      if (ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
      var t = ev.target;
      if (t && (t.isContentEditable || /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(t.tagName))) return;
      var rel = ev.key === "ArrowRight" ? "next" : ev.key === "ArrowLeft" ? "prev" : null;
      if (!rel) return;
      var link = document.querySelector("a[rel=" + rel + "]");
      if (link) { ev.preventDefault(); location.href = link.href; }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    chapterKeys();
    pendingFacets();
    compactFilters();
    readingSettings();
    importProgress();
    focusTarget();
  });
  window.addEventListener("hashchange", focusTarget);
})();
