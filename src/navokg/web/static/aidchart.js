// The aid chart, drawn with d3 from /api/aid (the JSON of `navokg aid-flow`, which is the
// saved aid-totals query): per donor → recipient, a bar per year in euros, stacked by
// status from planned to delivered. Only euros are drawn; other currencies are never
// added in (the page lists them apart). A click on a bar lists the commitments behind it,
// taken from the page's own table of commitments.
(function () {
  "use strict";
  var nk = window.navokg;
  var d3 = window.d3;
  var STATUSES = ["planned", "announced", "reserved", "committed", "delivered", "unknown"];
  var HEIGHT = 260;
  var MARGIN = { top: 24, right: 16, bottom: 30, left: 70 };
  var BAND = 64;

  function euros(value) {
    var units = [[1e9, " bn"], [1e6, " m"], [1e3, " k"]];
    for (var i = 0; i < units.length; i++) {
      if (Math.abs(value) >= units[i][0]) {
        return "€" + d3.format(",.4~r")(value / units[i][0]).replace(/,/g, "\u202f") + units[i][1];
      }
    }
    return "€" + d3.format(",")(value).replace(/,/g, "\u202f");
  }

  // Rows of the given currency grouped: pair -> year -> {status: total, facts}.
  function panels(doc, currency) {
    var pairs = new Map();
    doc.rows.forEach(function (row) {
      if (row.currency !== currency || row.total === null) {
        return;
      }
      var key = row.donor.iri + " " + row.recipient.iri;
      if (!pairs.has(key)) {
        pairs.set(key, { donor: row.donor, recipient: row.recipient, years: new Map() });
      }
      var years = pairs.get(key).years;
      var year = row.year === null ? "unknown" : String(row.year);
      if (!years.has(year)) {
        years.set(year, { year: year, byStatus: {}, facts: [], statusOf: {}, total: 0 });
      }
      var bar = years.get(year);
      var status = row.status || "unknown";
      bar.byStatus[status] = (bar.byStatus[status] || 0) + Number(row.total);
      bar.total += Number(row.total);
      row.facts.forEach(function (fact) {
        if (bar.facts.indexOf(fact) === -1) {
          bar.facts.push(fact);
        }
        bar.statusOf[fact] = status;
      });
    });
    return Array.from(pairs.values()).map(function (pair) {
      pair.bars = Array.from(pair.years.values()).sort(function (a, b) { return a.year < b.year ? -1 : 1; });
      return pair;
    });
  }

  function showCommitments(detail, pair, bar, currency) {
    detail.textContent = "";
    var heading = nk.el("h3", null, pair.donor.label + " → " + pair.recipient.label + ", " + bar.year + ": " +
      bar.facts.length + " commitment" + (bar.facts.length === 1 ? "" : "s") + ", " + euros(bar.total) +
      " (" + currency + ")");
    heading.tabIndex = -1;
    detail.appendChild(heading);
    var table = nk.el("table", "aid aid-detail-table");
    var source = document.querySelector("table.aid thead");
    if (source) {
      table.appendChild(source.cloneNode(true));
    }
    var body = nk.el("tbody");
    bar.facts.forEach(function (fact) {
      var row = document.querySelector('table.aid tbody tr[data-fact="' + CSS.escape(fact) + '"]');
      if (row) {
        body.appendChild(row.cloneNode(true));
      } else {
        var line = nk.el("tr");
        var cell = nk.el("td");
        var link = nk.el("a", null, fact);
        link.href = nk.pathOf(fact);
        cell.appendChild(link);
        line.appendChild(cell);
        body.appendChild(line);
      }
    });
    table.appendChild(body);
    detail.appendChild(table);
    heading.focus();
  }

  function draw(chart, doc) {
    var currency = chart.dataset.currency || "EUR";
    var detail = document.getElementById("aid-detail");
    var list = panels(doc, currency);
    var most = d3.max(list, function (pair) { return d3.max(pair.bars, function (b) { return b.total; }); }) || 1;
    var colour = d3.scaleOrdinal().domain(STATUSES).range(["#fde68a", "#fbbf24", "#93c5fd", "#3b82f6", "#16a34a", "#9ca3af"]);
    chart.textContent = "";
    var legend = nk.el("p", "aid-legend");
    STATUSES.slice(0, 5).forEach(function (status) {
      var item = nk.el("span", "key status-key status-" + status, status);
      legend.appendChild(item);
    });
    chart.appendChild(legend);
    list.forEach(function (pair) {
      var width = MARGIN.left + MARGIN.right + pair.bars.length * BAND;
      var x = d3.scaleBand().domain(pair.bars.map(function (b) { return b.year; }))
        .range([MARGIN.left, width - MARGIN.right]).padding(0.25);
      var y = d3.scaleLinear().domain([0, most]).nice().range([HEIGHT - MARGIN.bottom, MARGIN.top]);
      var panel = d3.select(chart).append("figure").attr("class", "aid-panel");
      panel.append("figcaption").text(pair.donor.label + " → " + pair.recipient.label);
      var svg = panel.append("svg").attr("width", width).attr("height", HEIGHT)
        .attr("viewBox", "0 0 " + width + " " + HEIGHT)
        .attr("data-donor", pair.donor.iri).attr("data-recipient", pair.recipient.iri);
      svg.append("g").attr("class", "axis").attr("transform", "translate(0," + (HEIGHT - MARGIN.bottom) + ")")
        .call(d3.axisBottom(x));
      svg.append("g").attr("class", "axis").attr("transform", "translate(" + MARGIN.left + ",0)")
        .call(d3.axisLeft(y).ticks(5).tickFormat(euros));
      pair.bars.forEach(function (bar) {
        var group = svg.append("g").attr("class", "bar")
          .attr("tabindex", 0).attr("role", "button")
          .attr("aria-label", pair.donor.label + " to " + pair.recipient.label + ", " + bar.year + ": " + euros(bar.total) +
            "; list the commitments")
          .attr("data-donor", pair.donor.iri).attr("data-recipient", pair.recipient.iri)
          .attr("data-year", bar.year).attr("data-total", String(bar.total)).attr("data-facts", bar.facts.join(" "));
        var base = 0;
        STATUSES.forEach(function (status) {
          var value = bar.byStatus[status];
          if (!value) {
            return;
          }
          var segment = group.append("rect").attr("class", "segment status-" + status)
            .attr("x", x(bar.year)).attr("width", x.bandwidth())
            .attr("y", y(base + value)).attr("height", y(base) - y(base + value))
            .attr("fill", colour(status))
            .attr("data-status", status).attr("data-total", String(value))
            .attr("data-facts", bar.facts.filter(function (f) { return bar.statusOf[f] === status; }).join(" "));
          segment.append("title").text(bar.year + ", " + status + ": " + euros(value) + " " + currency);
          base += value;
        });
        group.append("text").attr("class", "bar-total").attr("x", x(bar.year) + x.bandwidth() / 2)
          .attr("y", y(bar.total) - 4).attr("text-anchor", "middle").text(euros(bar.total));
        group.on("click", function () { showCommitments(detail, pair, bar, currency); });
        group.on("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            showCommitments(detail, pair, bar, currency);
          }
        });
      });
    });
    chart.dataset.ready = "1";
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!d3) {
      return;
    }
    document.querySelectorAll(".aid-chart[data-src]").forEach(function (chart) {
      nk.fetchJSON(chart.dataset.src).then(function (doc) { draw(chart, doc); }, function (error) { nk.failed(chart, error); });
    });
  });
})();
