// Timelines drawn to scale with d3, from /api/timeline/{kind}/{key} (the JSON of
// `navokg timeline`, docs/exports.md). A person: one row per office held, its derived
// term as bars (solid where certain, hatched where likely, an arrow where it goes on),
// and rows of statements and aid as marks at their dates. An office: one row per holder,
// in succession. Year buttons zoom to a year; every bar and mark links to its fact.
(function () {
  "use strict";
  var nk = window.navokg;
  var d3 = window.d3;
  var DAY = 864e5;
  var ROW = 28;
  var MARGIN = { top: 8, right: 24, bottom: 28, left: 210 };
  var drawn = 0;

  function day(text) {
    return text ? new Date(text + "T00:00:00Z") : null;
  }

  function nextDay(date) {
    return new Date(date.getTime() + DAY);
  }

  // Rows to draw: offices (or holders) with their spans, then statements and aid as marks.
  function rows(doc) {
    var found = [];
    var marks = { statement: [], aid: [] };
    doc.entries.forEach(function (entry) {
      var fact = entry.fact;
      if (entry.kind === "holding") {
        var spans = fact.stretches.map(function (span) {
          return { first: day(span.first), last: day(span.last), certainty: span.certainty, basis: span.bases.join(", ") };
        });
        found.push({ label: entry.what, kind: "holding", spans: spans, entry: entry });
      } else if (entry.date && entry.date.earliest) {
        marks[entry.kind].push(entry);
      }
    });
    if (marks.statement.length) {
      found.push({ label: "Statements (" + marks.statement.length + ")", kind: "statement", marks: marks.statement });
    }
    if (marks.aid.length) {
      found.push({ label: "Aid through an office (" + marks.aid.length + ")", kind: "aid", marks: marks.aid });
    }
    return found;
  }

  // The years the facts reach: from January of the first to the end of the last.
  function extent(list) {
    var days = [];
    list.forEach(function (row) {
      (row.spans || []).forEach(function (span) {
        days.push(span.first);
        if (span.last) {
          days.push(nextDay(span.last));
        }
      });
      (row.marks || []).forEach(function (entry) {
        days.push(day(entry.date.earliest), nextDay(day(entry.date.latest || entry.date.earliest)));
      });
      if (row.entry && !(row.spans || []).length && row.entry.date && row.entry.date.earliest) {
        days.push(day(row.entry.date.earliest), nextDay(day(row.entry.date.latest || row.entry.date.earliest)));
      }
    });
    if (!days.length) {
      return null;
    }
    var first = d3.min(days).getUTCFullYear();
    var last = d3.max(days);
    var end = last.getUTCMonth() === 0 && last.getUTCDate() === 1 ? last.getUTCFullYear() : last.getUTCFullYear() + 1;
    return [Date.UTC(first, 0, 1), Date.UTC(end, 0, 1)].map(function (t) { return new Date(t); });
  }

  function tooltip(selection, text) {
    selection.append("title").text(text);
  }

  function draw(view, doc, domain, whole) {
    var list = rows(doc);
    var width = Math.max(view.clientWidth || 760, 480);
    var height = MARGIN.top + list.length * ROW + MARGIN.bottom;
    var x = d3.scaleUtc().domain(domain).range([MARGIN.left, width - MARGIN.right]);
    var id = "tl" + drawn++;
    d3.select(view).select("svg").remove();
    var svg = d3.select(view).append("svg")
      .attr("class", "timeline-svg").attr("width", width).attr("height", height)
      .attr("viewBox", "0 0 " + width + " " + height)
      .attr("data-domain-start", domain[0].toISOString().slice(0, 10))
      .attr("data-domain-end", domain[1].toISOString().slice(0, 10))
      .attr("data-range-start", x.range()[0]).attr("data-range-end", x.range()[1]);
    var defs = svg.append("defs");
    var hatch = defs.append("pattern").attr("id", id + "-hatch").attr("patternUnits", "userSpaceOnUse")
      .attr("width", 6).attr("height", 6).attr("patternTransform", "rotate(45)");
    hatch.append("rect").attr("width", 6).attr("height", 6).attr("class", "hatch-ground");
    hatch.append("line").attr("x1", 0).attr("y1", 0).attr("x2", 0).attr("y2", 6).attr("class", "hatch-line");
    defs.append("clipPath").attr("id", id + "-clip").append("rect")
      .attr("x", MARGIN.left).attr("y", 0).attr("width", width - MARGIN.left - MARGIN.right).attr("height", height);

    svg.append("g").attr("class", "axis").attr("transform", "translate(0," + (height - MARGIN.bottom) + ")")
      .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor((width - MARGIN.left) / 90))));
    svg.append("g").attr("class", "grid").selectAll("line").data(x.ticks(d3.utcYear.every(1))).join("line")
      .attr("x1", x).attr("x2", x).attr("y1", MARGIN.top).attr("y2", height - MARGIN.bottom);

    var body = svg.append("g").attr("clip-path", "url(#" + id + "-clip)");
    list.forEach(function (row, index) {
      var y = MARGIN.top + index * ROW;
      svg.append("text").attr("class", "row-label").attr("x", MARGIN.left - 8).attr("y", y + ROW / 2)
        .attr("dy", "0.35em").attr("text-anchor", "end").text(nk.shorten(row.label, 34))
        .call(tooltip, row.label);
      var group = body.append("g").attr("class", "row row-" + row.kind);
      if (row.kind === "holding") {
        var link = group.append("a").attr("href", nk.pathOf(row.entry.fact.iri));
        row.spans.forEach(function (span) {
          var left = x(span.first);
          var right = span.last ? x(nextDay(span.last)) : x.range()[1];
          var bar = link.append("rect")
            .attr("class", "bar " + span.certainty + (span.last ? "" : " open"))
            .attr("x", left).attr("y", y + 5).attr("width", Math.max(right - left, 1)).attr("height", ROW - 10)
            .attr("data-first", span.first.toISOString().slice(0, 10))
            .attr("data-last", span.last ? span.last.toISOString().slice(0, 10) : "")
            .attr("data-certainty", span.certainty).attr("data-fact", row.entry.fact.iri)
            .attr("fill", span.certainty === "likely" ? "url(#" + id + "-hatch)" : null);
          tooltip(bar, row.label + ": " + span.certainty + " " + span.first.toISOString().slice(0, 10) + " – " +
            (span.last ? span.last.toISOString().slice(0, 10) : "goes on") + " (" + span.basis + ")");
          if (!span.last) {
            var tip = x.range()[1];
            link.append("path").attr("class", "open-arrow")
              .attr("d", "M" + (tip - 8) + "," + (y + 3) + "L" + tip + "," + (y + ROW / 2) + "L" + (tip - 8) + "," + (y + ROW - 3) + "Z");
          }
        });
        if (!row.spans.length && row.entry.date && row.entry.date.earliest) {
          var from = day(row.entry.date.earliest);
          var to = nextDay(day(row.entry.date.latest || row.entry.date.earliest));
          link.append("rect").attr("class", "mark sighting").attr("x", x(from)).attr("y", y + 9)
            .attr("width", Math.max(x(to) - x(from), 4)).attr("height", ROW - 18)
            .call(tooltip, row.label + ": in office in " + row.entry.date.value + " (no term derived)");
        }
      } else {
        row.marks.forEach(function (entry) {
          var from = day(entry.date.earliest);
          var to = nextDay(day(entry.date.latest || entry.date.earliest));
          var mark = group.append("a").attr("href", nk.pathOf(entry.fact.iri)).append("rect")
            .attr("class", "mark " + row.kind).attr("x", x(from) - (x(to) - x(from) < 4 ? 2 : 0))
            .attr("y", y + 7).attr("width", Math.max(x(to) - x(from), 4)).attr("height", ROW - 14)
            .attr("data-date", entry.date.value).attr("data-fact", entry.fact.iri);
          tooltip(mark, entry.date.value + ": " + entry.what + (entry.detail ? " (" + entry.detail + ")" : ""));
        });
      }
    });
    view.dataset.ready = "1";
    view.dataset.rows = String(list.length);
    zoomButtons(view, doc, domain, whole);
  }

  function zoomButtons(view, doc, domain, whole) {
    var bar = view.parentNode.querySelector(".zoom");
    if (!bar) {
      bar = nk.el("div", "zoom");
      bar.setAttribute("role", "group");
      bar.setAttribute("aria-label", "Zoom the timeline to a year");
      view.parentNode.insertBefore(bar, view);
    }
    bar.textContent = "";
    var choices = [{ label: "All years", domain: whole }];
    for (var year = whole[0].getUTCFullYear(); year < whole[1].getUTCFullYear(); year++) {
      choices.push({ label: String(year), domain: [new Date(Date.UTC(year, 0, 1)), new Date(Date.UTC(year + 1, 0, 1))] });
    }
    choices.forEach(function (choice) {
      var button = nk.el("button", "zoom-year", choice.label);
      button.type = "button";
      var current = choice.domain[0].getTime() === domain[0].getTime() && choice.domain[1].getTime() === domain[1].getTime();
      button.setAttribute("aria-pressed", current ? "true" : "false");
      button.addEventListener("click", function () {
        var base = view.navokgWhole || doc;
        if (!base.left_out || choice.domain === whole) {
          draw(view, base, choice.domain, whole);
          return;
        }
        // The whole timeline was cut to its latest entries: ask for the year itself.
        var year = choice.label;
        nk.fetchJSON(view.dataset.src + "?from=" + year + "&to=" + year).then(function (part) {
          draw(view, part, choice.domain, whole);
        }, function (error) { nk.failed(view, error); });
      });
      bar.appendChild(button);
    });
  }

  function start(view) {
    nk.fetchJSON(view.dataset.src).then(function (doc) {
      var note = view.closest("figure").querySelector(".timeline-note");
      if (note && doc.note) {
        note.textContent = "Drawn: " + doc.note + ".";
        note.hidden = false;
      }
      view.navokgWhole = doc;
      var whole = extent(rows(doc));
      if (!whole) {
        view.closest("figure").hidden = true;
        return;
      }
      draw(view, doc, whole, whole);
      var resized = null;
      window.addEventListener("resize", function () {
        window.clearTimeout(resized);
        resized = window.setTimeout(function () {
          var svg = view.querySelector("svg");
          draw(view, doc, [day(svg.dataset.domainStart), day(svg.dataset.domainEnd)], whole);
        }, 150);
      });
    }, function (error) { nk.failed(view, error); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!d3) {
      return;
    }
    document.querySelectorAll(".timeline-view[data-src]").forEach(start);
  });
})();
