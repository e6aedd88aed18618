// Clicking a figure or a fact jumps to its target and flashes it; n/p walk the conflicts.
(function () {
  "use strict";
  function flash(el) {
    el.classList.add("flash");
    window.setTimeout(function () { el.classList.remove("flash"); }, 2200);
  }
  function go(id) {
    var el = document.getElementById(id);
    if (!el) { return; }
    var box = el.closest("details");
    if (box) { box.open = true; }
    el.scrollIntoView({ block: "center" });
    flash(el.classList.contains("anchor") ? el.parentElement : el);
    if (history.replaceState) { history.replaceState(null, "", "#" + id); }
  }
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest("a[data-go]");
    if (!a) { return; }
    ev.preventDefault();
    go(a.getAttribute("data-go"));
  });
  var at = -1;
  document.addEventListener("keydown", function (ev) {
    // Looked up on each key: the N-source page redraws its alignment rows.
    var stops = Array.prototype.slice.call(document.querySelectorAll("[data-conflict-stop]"));
    if (ev.ctrlKey || ev.metaKey || ev.altKey || !stops.length) { return; }
    var tag = (ev.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select") { return; }
    if (ev.key === "n" || ev.key === "j") { at = (at + 1) % stops.length; }
    else if (ev.key === "p" || ev.key === "k") { at = (at - 1 + stops.length) % stops.length; }
    else { return; }
    ev.preventDefault();
    go(stops[at].id);
  });
  var only = document.getElementById("only-diff");
  if (only) {
    only.addEventListener("change", function () {
      document.body.classList.toggle("only-diff", only.checked);
    });
  }
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  if (location.hash.length > 1) { go(decodeURIComponent(location.hash.slice(1))); }
})();
