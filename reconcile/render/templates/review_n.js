// The alignment of N sources, drawn from the data embedded in the page for the chosen
// base source and layout. One copy of the data serves every base (the changed runs of
// each reading against each other one are computed by reconcile, not here), so the page
// stays small where a server-drawn view per base would grow with N. Input text only ever
// reaches the page through textContent: nothing here parses markup.
(function () {
  "use strict";
  var box = document.getElementById("align");
  var holder = document.getElementById("align-data");
  if (!box || !holder) { return; }
  var data = JSON.parse(holder.textContent);
  var src = data.sources;
  var rows = data.rows;
  var baseSel = document.getElementById("base");
  var layoutSel = document.getElementById("layout");
  var showSel = document.getElementById("show");

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function badge(i) {
    var b = el("span", "badge s-" + i, src[i].k);
    b.title = src[i].id;
    return b;
  }
  function cellOf(row, i) {
    for (var k = 0; k < row.c.length; k++) { if (row.c[k][0] === i) { return row.c[k]; } }
    return null;
  }
  // The runs of source `other` that differ from the reference reading: the base's when
  // the base states the row, else the merged text's (the row's first cell).
  function changed(row, base, other) {
    var ref = cellOf(row, base) ? base : row.c[0][0];
    if (ref === other || !row.d) { return []; }
    for (var k = 0; k < row.d.length; k++) {
      if (row.d[k][0] === ref && row.d[k][1] === other) { return row.d[k][2]; }
    }
    return [];  // worded as the reference
  }
  function inRuns(runs, at) {
    for (var k = 0; k < runs.length; k += 2) { if (runs[k] <= at && at < runs[k + 1]) { return true; } }
    return false;
  }
  function factAt(marks, at) {
    for (var k = 0; k < marks.length; k++) { if (marks[k][0] <= at && at < marks[k][1]) { return marks[k][2]; } }
    return null;
  }
  // The reading's text cut at every changed-run and figure boundary; a figure is one
  // link to its fact (and the target of the fact table's link back).
  function drawText(parent, cell, runs) {
    var text = cell[2];
    var marks = cell[3];
    var cuts = [0, text.length];
    var k;
    for (k = 0; k < runs.length; k++) { cuts.push(runs[k]); }
    for (k = 0; k < marks.length; k++) { cuts.push(marks[k][0], marks[k][1]); }
    cuts = cuts.filter(function (x, i, a) { return a.indexOf(x) === i && x <= text.length; });
    cuts.sort(function (a, b) { return a - b; });
    var fig = null;
    var figId = null;
    for (k = 0; k + 1 < cuts.length; k++) {
      var a = cuts[k];
      var piece = text.slice(a, cuts[k + 1]);
      var fid = factAt(marks, a);
      if (fid !== figId) {
        fig = null;
        figId = fid;
        if (fid !== null) {
          fig = el("a", "fig");
          fig.href = "#fact-" + fid;
          fig.setAttribute("data-go", "fact-" + fid);
          fig.title = "fact " + fid + ": go to the fact table";
          fig.id = "fig-" + fid;
          parent.appendChild(fig);
        }
      }
      var into = fig || parent;
      if (inRuns(runs, a)) { into.appendChild(el("span", "chg", piece)); }
      else { into.appendChild(document.createTextNode(piece)); }
    }
  }
  function drawCell(row, cell, base, cls) {
    var i = cell[0];
    var d = el("div", "cell c-" + i + (cls ? " " + cls : ""));
    d.id = "seg-" + cell[1][0];
    for (var k = 1; k < cell[1].length; k++) {
      var anchor = el("span", "anchor");
      anchor.id = "seg-" + cell[1][k];
      d.appendChild(anchor);
    }
    var tag = el("span", "src");
    tag.appendChild(badge(i));
    tag.appendChild(document.createTextNode(" "));
    d.appendChild(tag);
    if (row.m && row.m.indexOf(i) >= 0) {
      d.classList.add("moved");
      d.appendChild(el("span", "moved-mark", "↕ "));
    }
    var runs = changed(row, base, i);
    if (cellOf(row, base) && i !== base && !runs.length) { d.classList.add("same"); }
    drawText(d, cell, runs);
    return d;
  }
  // Beside the base, sources that word the row alike share one line (ten sources would
  // otherwise repeat a sentence nine times): their badges lead it, and each one's
  // sentences and figures keep an anchor there, so every link still lands.
  function drawOthers(row, base, cls) {
    var others = el("div", "others");
    var lines = [];
    row.c.forEach(function (cell) {
      if (cell[0] === base) { return; }
      var moved = !!(row.m && row.m.indexOf(cell[0]) >= 0);
      var same = lines.filter(function (l) { return l.text === cell[2] && l.moved === moved; })[0];
      if (same) { same.cells.push(cell); }
      else { lines.push({ text: cell[2], moved: moved, cells: [cell] }); }
    });
    lines.forEach(function (l) {
      var d = drawCell(row, l.cells[0], base, cls);
      var tag = d.querySelector(".src");
      l.cells.slice(1).forEach(function (cell) {
        tag.insertBefore(badge(cell[0]), tag.lastChild);
        cell[1].forEach(function (sid) {
          var a = el("span", "anchor");
          a.id = "seg-" + sid;
          d.insertBefore(a, d.firstChild);
        });
        cell[3].forEach(function (m) {
          var a = el("span", "anchor");
          a.id = "fig-" + m[2];
          d.insertBefore(a, d.firstChild);
        });
      });
      others.appendChild(d);
    });
    return others;
  }
  function mark(row, index) {
    var label = row.k === "same" ? "=" : row.k === "var" ? "≈" : "+" + src[row.c[0][0]].k;
    var title = row.k === "same" ? "worded alike by every source stating it"
      : row.k === "var" ? "worded differently" : "stated by one source only";
    if (row.m) { label += " ↕"; title += "; found out of order"; }
    if (row.x) { label = "⚠ " + label; title += "; the sources' figures conflict"; }
    var m = el("div", "mark" + (row.x ? " has-conflict" : ""), label);
    m.title = title;
    if (row.x) {
      m.id = "row-" + index;
      m.setAttribute("data-conflict-stop", "");
    }
    return m;
  }
  function head(cls, children) {
    var h = el("div", "head " + cls);
    children.forEach(function (c) { h.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return h;
  }
  function draw() {
    var base = Number(baseSel.value);
    var beside = layoutSel.value === "beside";
    var frag = document.createDocumentFragment();
    box.className = "grid " + (beside ? "beside" : "columns");
    box.style.setProperty("--n", String(src.length));
    frag.appendChild(el("div", "head"));
    if (beside) {
      frag.appendChild(head("base-head", [badge(base), " base: " + src[base].id]));
      frag.appendChild(head("", ["the other sources"]));
    } else {
      src.forEach(function (s, i) {
        frag.appendChild(head(i === base ? "base-head" : "", [badge(i), i === base ? " base" : ""]));
      });
    }
    rows.forEach(function (row, index) {
      var line = el("div", "row row-" + row.k + (row.x ? " row-x" : ""));
      line.setAttribute("data-only", row.k === "one" ? String(row.c[0][0]) : "");
      line.appendChild(mark(row, index));
      var cls = row.x ? "has-conflict" : "";
      if (beside) {
        var own = cellOf(row, base);
        line.appendChild(own ? drawCell(row, own, base, cls) : el("div", "cell empty"));
        line.appendChild(drawOthers(row, base, cls));
      } else {
        for (var i = 0; i < src.length; i++) {
          var cell = cellOf(row, i);
          if (cell) { line.appendChild(drawCell(row, cell, base, cls)); }
          else {
            var empty = el("div", "cell empty");
            empty.setAttribute("aria-label", "not in " + src[i].id);
            line.appendChild(empty);
          }
        }
      }
      frag.appendChild(line);
    });
    box.textContent = "";
    box.appendChild(frag);
    filter();
  }
  function filter() {
    var show = showSel.value;
    box.querySelectorAll(".row").forEach(function (line) {
      var hide = false;
      if (show === "differ") { hide = line.classList.contains("row-same") && !line.classList.contains("row-x"); }
      else if (show.indexOf("only-") === 0) { hide = line.getAttribute("data-only") !== show.slice(5); }
      line.classList.toggle("hidden", hide);
    });
  }
  // A link into a row the `show` menu hides shows every row again first (this runs in
  // the capture phase, before the jump itself), so no link ever lands on nothing.
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest("a[data-go]");
    var el = a && document.getElementById(a.getAttribute("data-go"));
    if (el && el.closest(".row.hidden")) {
      showSel.value = "all";
      filter();
    }
  }, true);
  baseSel.addEventListener("change", draw);
  layoutSel.addEventListener("change", draw);
  showSel.addEventListener("change", filter);
  draw();
})();
