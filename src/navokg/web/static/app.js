// Marks the evidence a link pointed at (#ev-START-END) in the document view.
// The pages work without it; it only adds emphasis and scrolls the highlight into view.
(function () {
  "use strict";
  function markTarget() {
    var key = decodeURIComponent(window.location.hash.slice(1));
    document.querySelectorAll(".hl.current").forEach(function (el) {
      el.classList.remove("current");
    });
    if (!/^ev-\d+-\d+$/.test(key)) {
      return;
    }
    var first = null;
    document.querySelectorAll(".hl[data-ev]").forEach(function (el) {
      if (el.getAttribute("data-ev").split(" ").indexOf(key) !== -1) {
        el.classList.add("current");
        first = first || el;
      }
    });
    if (first) {
      first.scrollIntoView({ block: "center" });
    }
  }
  window.addEventListener("hashchange", markTarget);
  document.addEventListener("DOMContentLoaded", markTarget);
})();
