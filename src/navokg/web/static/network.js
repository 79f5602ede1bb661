// The network view: an entity's neighbourhood drawn with Cytoscape.js from
// /api/neighbours/{kind}/{key} (the JSON of `navokg neighbours`, docs/exports.md).
// Nodes are coloured by kind, edges by kind of fact; a click on a node opens its page,
// hovering (or clicking) an edge shows its fact and the words it rests on. The drawing is
// fetched with facts=0 (each edge names its fact); a line's facts are read from
// /api/facts when a reader first points at it, and kept. On entity
// pages the view has its own filters (hops, kinds of fact, dates); the network page has
// a form that reloads the page with its tables.
(function () {
  "use strict";
  var nk = window.navokg;
  var NODE_COLOURS = {
    person: "#1f4e8c", office: "#b45309", organization: "#7e22ce", country: "#047857", document: "#6b7280"
  };
  var EDGE_COLOURS = {
    holding: "#d97706", post: "#9ca3af", statement: "#2563eb", "said-in": "#93c5fd",
    aid: "#16a34a", mentions: "#cbd5e1", "co-mention": "#c4b5fd"
  };
  var KINDS = ["holding", "post", "statement", "said-in", "aid", "mentions", "co-mention"];

  function elements(doc) {
    var found = [];
    doc.nodes.forEach(function (node) {
      found.push({
        group: "nodes",
        data: {
          id: node.iri, label: node.label, short: nk.shorten(node.label, 32), kind: node.kind,
          distance: node.distance, href: nk.pathOf(node.iri), colour: NODE_COLOURS[node.kind] || "#444",
          centre: node.iri === doc.centre.iri ? 1 : 0
        }
      });
    });
    lines(doc).forEach(function (line) {
      var weight = line.edges.reduce(function (sum, edge) { return sum + (edge.weight || 1); }, 0);
      found.push({
        group: "edges",
        data: {
          id: line.id, source: line.source, target: line.target, kind: line.kind, count: line.edges.length,
          colour: EDGE_COLOURS[line.kind] || "#999", width: Math.min(1.5 + 1.5 * Math.log2(weight), 7)
        }
      });
    });
    return found;
  }

  // The edges drawn as lines: facts of one kind between the same two nodes share a line,
  // as thick as they are many (ten statements reported by one document are one said-in line).
  function lines(doc) {
    var byEnds = new Map();
    doc.edges.forEach(function (edge) {
      var id = edge.kind + " " + edge.source + " " + edge.target;
      if (!byEnds.has(id)) {
        byEnds.set(id, { id: id, source: edge.source, target: edge.target, kind: edge.kind, edges: [] });
      }
      byEnds.get(id).edges.push(edge);
    });
    return Array.from(byEnds.values());
  }

  var STYLE = [
    { selector: "node", style: {
      "background-color": "data(colour)", label: "data(short)", "font-size": 10, color: "#1d2330",
      "text-valign": "bottom", "text-margin-y": 3, width: 16, height: 16,
      "text-background-color": "#fdfcf9", "text-background-opacity": 0.8, "text-background-padding": 1
    } },
    { selector: "node[kind = 'document']", style: { shape: "round-rectangle" } },
    { selector: "node[kind = 'office']", style: { shape: "diamond" } },
    { selector: "node[centre = 1]", style: {
      width: 28, height: 28, "border-width": 4, "border-color": "#ff9f43", "font-size": 12, "font-weight": "bold"
    } },
    { selector: "edge", style: {
      width: "data(width)", "line-color": "data(colour)", "curve-style": "bezier", opacity: 0.85,
      "target-arrow-shape": "triangle", "target-arrow-color": "data(colour)", "arrow-scale": 0.7
    } },
    { selector: "edge.hover, edge:selected", style: { width: 4, opacity: 1, "z-index": 10 } },
    { selector: "node.hover", style: { "border-width": 2, "border-color": "#1d2330" } }
  ];

  var SHOWN = 3;  // facts a line's description shows; the table has the rest
  var read = new Map();  // fact IRI -> fact, as /api/facts gave it

  // The facts of a line's first edges not read yet, fetched in one call; then `done`.
  function readFacts(line, done) {
    var wanted = line.edges.slice(0, SHOWN).map(function (edge) { return edge.fact ? null : edge.fact_iri; })
      .filter(function (iri) { return iri && !read.has(iri); });
    if (!wanted.length) {
      return;
    }
    var query = wanted.map(function (iri) { return "iri=" + encodeURIComponent(iri); }).join("&");
    nk.fetchJSON("/api/facts?" + query).then(function (body) {
      body.facts.forEach(function (fact) { read.set(fact.iri, fact); });
      done();
    }, function () { /* the line keeps saying "reading"; its table row has the fact */ });
  }

  // What a line says: its kind and ends, then each fact (at most three) with its evidence.
  function describe(line, labels) {
    var box = nk.el("div", "edge-info");
    var head = nk.el("p", "edge-head");
    head.appendChild(nk.el("span", "key edge-" + line.kind, line.kind));
    head.appendChild(document.createTextNode(" " + (labels[line.source] || line.source) + " → " +
      (labels[line.target] || line.target) + (line.edges.length > 1 ? " (" + line.edges.length + " facts)" : "")));
    box.appendChild(head);
    line.edges.slice(0, SHOWN).forEach(function (edge) { box.appendChild(describeEdge(edge, labels)); });
    if (line.edges.length > SHOWN) {
      box.appendChild(nk.el("p", "edge-more", "and " + (line.edges.length - SHOWN) + " more: see the table of facts"));
    }
    return box;
  }

  // One edge: its date, fact and evidence, as DOM nodes (text only).
  function describeEdge(edge, labels) {
    var box = nk.el("div", "edge-fact-info");
    var when = edge.date && (edge.date.value || (edge.date.as_written ? "“" + edge.date.as_written + "”" : null));
    if (when) {
      box.appendChild(nk.el("p", "edge-date", "Date: " + when));
    }
    if (edge.weight > 1) {
      box.appendChild(nk.el("p", null, edge.weight + " documents"));
    }
    var fact = edge.fact || read.get(edge.fact_iri);
    if (!fact && edge.fact_iri) {
      box.appendChild(nk.el("p", "edge-reading", "Reading the fact…"));
    }
    if (fact) {
      if (fact.text) {
        box.appendChild(nk.el("p", "edge-text", fact.text));
      }
      if (fact.amount) {
        box.appendChild(nk.el("p", null, fact.amount + " " + (fact.currency || "") + (fact.status ? " (" + fact.status + ")" : "")));
      }
      fact.stretches.forEach(function (span) {
        box.appendChild(nk.el("p", null, span.certainty + " " + span.first + " – " + (span.last || "on")));
      });
      fact.evidence.slice(0, 2).forEach(function (ev) {
        var quote = nk.el("blockquote", null);
        quote.lang = "nl";
        var link = nk.el("a", null, "“" + ev.exact + "”");
        link.href = nk.pathOf(ev.document) + "#ev-" + ev.start + "-" + ev.end;
        quote.appendChild(link);
        quote.appendChild(nk.el("span", "edge-source", " — " + (labels[ev.document] || "document")));
        box.appendChild(quote);
      });
      var more = nk.el("a", "edge-fact", "fact details");
      more.href = nk.pathOf(fact.iri);
      box.appendChild(more);
    }
    return box;
  }

  function draw(view, doc) {
    var figure = view.closest("figure");
    var info = figure ? figure.querySelector(".net-info") : null;
    var note = figure ? figure.querySelector(".net-note") : null;
    var tip = view.querySelector(".net-tip");
    var canvas = view.querySelector(".net-canvas");
    if (!canvas) {
      canvas = nk.el("div", "net-canvas");
      tip = nk.el("div", "net-tip");
      tip.hidden = true;
      view.appendChild(canvas);
      view.appendChild(tip);
    }
    if (view.navokg) {
      view.navokg.cy.destroy();
    }
    var labels = {};
    var edges = {};
    doc.nodes.forEach(function (node) { labels[node.iri] = node.label; });
    lines(doc).forEach(function (line) { edges[line.id] = line; });
    var cy = window.cytoscape({
      container: canvas,
      elements: elements(doc),
      style: STYLE,
      layout: {
        name: "concentric", animate: false, minNodeSpacing: 28, avoidOverlap: true, equidistant: true,
        concentric: function (node) { return 10 - node.data("distance"); },
        levelWidth: function () { return 1; }
      },
      minZoom: 0.2, maxZoom: 4
    });
    if (cy.zoom() > 1.4) {  // a small neighbourhood: keep labels at reading size
      cy.zoom(1.4);
      cy.center();
    }
    cy.on("tap", "node", function (event) {
      window.location.href = event.target.data("href");
    });
    cy.on("mouseover", "node", function (event) {
      event.target.addClass("hover");
      canvas.classList.add("pointer");
    });
    cy.on("mouseout", "node", function (event) {
      event.target.removeClass("hover");
      canvas.classList.remove("pointer");
    });
    var pointed = null;  // the line under the pointer, if any
    function showTip(line) {
      tip.textContent = "";
      tip.appendChild(describe(line, labels));
    }
    function showInfo(line) {
      info.textContent = "";
      info.appendChild(describe(line, labels));
      info.dataset.line = line.id;
    }
    cy.on("mouseover", "edge", function (event) {
      var line = edges[event.target.id()];
      event.target.addClass("hover");
      pointed = line;
      showTip(line);
      var at = event.renderedPosition;
      tip.style.left = Math.min(at.x + 12, canvas.clientWidth - 280) + "px";
      tip.style.top = at.y + 12 + "px";
      tip.hidden = false;
      readFacts(line, function () {
        if (pointed === line) {
          showTip(line);
        }
      });
    });
    cy.on("mouseout", "edge", function (event) {
      event.target.removeClass("hover");
      pointed = null;
      tip.hidden = true;
    });
    cy.on("tap", "edge", function (event) {
      var line = edges[event.target.id()];
      if (info) {
        showInfo(line);
        readFacts(line, function () {
          if (info.dataset.line === line.id) {
            showInfo(line);
          }
        });
      }
    });
    if (note) {
      note.textContent = doc.note ? doc.note + " " : "";
    }
    view.navokg = { cy: cy, document: doc };
    view.dataset.nodes = String(cy.nodes().length);
    view.dataset.lines = String(cy.edges().length);
    view.dataset.edges = String(doc.edges.length);
    view.dataset.ready = "1";
  }

  // Filters for the view on an entity page: hops, kinds of fact, a date range.
  function controls(view, load) {
    var form = nk.el("form", "net-controls");
    form.setAttribute("aria-label", "Filter the network drawing");
    var depth = nk.el("select");
    depth.name = "depth";
    [1, 2].forEach(function (d) {
      var option = nk.el("option", null, d + (d === 1 ? " hop" : " hops"));
      option.value = String(d);
      depth.appendChild(option);
    });
    form.appendChild(depth);
    KINDS.forEach(function (kind) {
      var label = nk.el("label", "key edge-" + kind);
      var box = nk.el("input");
      box.type = "checkbox";
      box.name = "kinds";
      box.value = kind;
      box.checked = kind !== "co-mention";
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + kind));
      form.appendChild(label);
    });
    ["from", "to"].forEach(function (name) {
      var label = nk.el("label", null, name + " ");
      var input = nk.el("input");
      input.name = name;
      input.size = 10;
      input.placeholder = "YYYY";
      label.appendChild(input);
      form.appendChild(label);
    });
    var apply = nk.el("button", null, "Apply");
    apply.type = "submit";
    form.appendChild(apply);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var params = new URLSearchParams(new FormData(form));
      if (!params.getAll("kinds").length) {
        params.append("kinds", "holding");
      }
      load(view.dataset.src.split("?")[0] + "?" + params.toString());
    });
    view.parentNode.insertBefore(form, view);
  }

  function start(view) {
    function load(url) {
      view.dataset.ready = "";
      url += (url.indexOf("?") === -1 ? "?" : "&") + "facts=0";  // facts are read per line, when pointed at
      nk.fetchJSON(url).then(function (doc) { draw(view, doc); }, function (error) { nk.failed(view, error); });
    }
    if (!view.closest(".network-page")) {
      controls(view, load);
    }
    load(view.dataset.src);
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.cytoscape) {
      return;
    }
    document.querySelectorAll(".network-view[data-src]").forEach(start);
  });
})();
