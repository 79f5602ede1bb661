// Marks the evidence a link pointed at (#ev-START-END) in the document view, and gives
// the page scripts (network.js, timeline.js, aidchart.js) what they share.
// The pages work without it; it only adds emphasis and scrolls the highlight into view.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var ID_BASE = "https://w3id.org/navokg/id/";
  var PAGES = { person: 1, organization: 1, country: 1, office: 1 };

  // The page of a resource, as the server links it (web/facts.py path_of).
  function pathOf(iri) {
    if (iri.indexOf(ID_BASE) === 0) {
      var rest = iri.slice(ID_BASE.length);
      var cut = rest.indexOf("/");
      var kind = rest.slice(0, cut);
      var key = rest.slice(cut + 1);
      if (cut > 0 && key && key.indexOf("/") === -1) {
        if (PAGES[kind]) {
          return "/" + kind + "/" + key;
        }
        if (kind === "doc") {
          return "/document/" + key;
        }
      }
    }
    return "/entity?iri=" + encodeURIComponent(iri);
  }

  // JSON from an endpoint; a failure becomes the error body's message.
  function fetchJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) {
          throw new Error(body && body.error ? body.error.message : "HTTP " + response.status);
        }
        return body;
      });
    });
  }

  // An element with text (never HTML: every text comes from the graph).
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  function failed(container, error) {
    container.textContent = "";
    container.appendChild(el("p", "chart-error", "The drawing could not be loaded: " + error.message +
      ". The tables on this page hold the same facts."));
  }

  function shorten(text, most) {
    return text.length > most ? text.slice(0, most - 1) + "…" : text;
  }

  window.navokg = { pathOf: pathOf, fetchJSON: fetchJSON, el: el, failed: failed, shorten: shorten };

  function markTarget() {
    var key = decodeURIComponent(window.location.hash.slice(1));
    document.querySelectorAll(".hl.current").forEach(function (node) {
      node.classList.remove("current");
    });
    if (!/^ev-\d+-\d+$/.test(key)) {
      return;
    }
    var first = null;
    document.querySelectorAll(".hl[data-ev]").forEach(function (node) {
      if (node.getAttribute("data-ev").split(" ").indexOf(key) !== -1) {
        node.classList.add("current");
        first = first || node;
      }
    });
    if (first) {
      first.scrollIntoView({ block: "center" });
    }
  }
  window.addEventListener("hashchange", markTarget);
  document.addEventListener("DOMContentLoaded", markTarget);
})();
