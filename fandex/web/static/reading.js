// fandex: the web reader remembers where you stopped and takes you back there.
// Loaded by the work page only; the page works without it.
(function () {
  "use strict";
  var panel = document.querySelector("[data-reading-work]");
  if (!panel) return;
  var workId = panel.getAttribute("data-reading-work");
  var url = "/api/works/" + encodeURIComponent(workId) + "/reading";
  var canRecord = panel.getAttribute("data-reading-record") === "1";

  function post(body, keepalive) {
    if (!canRecord) return Promise.resolve(null);
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
      keepalive: !!keepalive
    }).catch(function () { return null; });
  }

  function chapters() {
    return Array.prototype.slice.call(document.querySelectorAll("section.chapter[id^='chapter-']"));
  }

  // Where the top of the window is: a chapter and how far into it (0..1).
  function place() {
    var list = chapters();
    if (!list.length) return null;
    var y = window.scrollY || window.pageYOffset;
    var chosen = list[0];
    for (var i = 0; i < list.length; i++) {
      if (list[i].getBoundingClientRect().top + y <= y + 1) chosen = list[i];
    }
    var top = chosen.getBoundingClientRect().top + y;
    var span = Math.max(1, chosen.offsetHeight - window.innerHeight);
    var pos = Math.min(1, Math.max(0, (y - top) / span));
    return { chapter: parseInt(chosen.id.slice(8), 10), position: Math.round(pos * 10000) / 10000 };
  }

  function scrollTo(chapter, position) {
    var el = document.getElementById("chapter-" + chapter);
    if (!el) return false;
    var y = window.scrollY || window.pageYOffset;
    var top = el.getBoundingClientRect().top + y;
    var span = Math.max(1, el.offsetHeight - window.innerHeight);
    window.scrollTo(0, top + position * span);
    return true;
  }

  var params = new URLSearchParams(location.search);
  var savedChapter = panel.getAttribute("data-resume-chapter");
  var savedPosition = parseFloat(panel.getAttribute("data-resume-position") || "");
  var asked = params.get("chapter");
  if (savedChapter && !isNaN(savedPosition) && !location.hash && !params.get("why") &&
      (!asked || asked === savedChapter) && savedPosition > 0) {
    if (scrollTo(savedChapter, savedPosition)) panel.setAttribute("data-resumed", "1");
  }

  // A visit counts once: turning chapters within the work is the same visit.
  var from = "";
  try { from = document.referrer ? new URL(document.referrer).pathname : ""; } catch (e) { from = ""; }
  if (from !== location.pathname) post({ view: true });

  var last = place();
  var timer = null;
  function record(keepalive) {
    var now = place();
    if (!now) return;
    if (last && now.chapter === last.chapter && Math.abs(now.position - last.position) < 0.005 && !keepalive) return;
    last = now;
    post(now, keepalive).then(function (r) {
      if (r && r.ok) panel.setAttribute("data-recorded", now.chapter + ":" + now.position);
    });
  }
  window.addEventListener("scroll", function () {
    if (timer) clearTimeout(timer);
    timer = setTimeout(function () { record(false); }, 1200);
  }, { passive: true });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") record(true);
  });
  window.addEventListener("pagehide", function () { record(true); });
})();
