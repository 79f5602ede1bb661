// Review mode: keys for the decisions and names from the registry as you type.
// The page works without it (the buttons and the form post as they are).
(function () {
  "use strict";
  var form = document.getElementById("decide");
  if (!form) {
    return;
  }
  var correct = document.getElementById("correct");

  function typing(target) {
    var name = target && target.tagName;
    return name === "INPUT" || name === "TEXTAREA" || name === "SELECT" || (target && target.isContentEditable);
  }

  function press(id) {
    var button = document.getElementById(id);
    if (button) {
      form.requestSubmit(button);
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (event.key === "Escape" && correct.open) {
      correct.open = false;
      document.activeElement.blur();
      return;
    }
    if (typing(event.target)) {
      if (event.key === "Enter" && event.target.tagName === "INPUT" && correct.contains(event.target)) {
        event.preventDefault();
        press("save-correction");
      }
      return;
    }
    if (event.key === "a") {
      event.preventDefault();
      press("accept");
    } else if (event.key === "r") {
      event.preventDefault();
      press("reject");
    } else if (event.key === "e") {
      event.preventDefault();
      correct.open = true;
      var first = correct.querySelector("input:not([type=hidden]), textarea");
      if (first) {
        first.focus();
        first.select();
      }
    } else if (event.key === "n" || event.key === "j") {
      event.preventDefault();
      window.location.href = document.getElementById("next").href;
    }
  });

  // Autocompletion: ask the server for entities of the role's kinds whose names match.
  form.querySelectorAll("input[data-role]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var asked = "";
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var text = input.value.split(";").pop().trim();
        if (text.length < 2 || text === asked) {
          return;
        }
        asked = text;
        var url = "/review/names?role=" + encodeURIComponent(input.getAttribute("data-role")) +
          "&q=" + encodeURIComponent(text);
        fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (hits) {
            list.textContent = "";
            hits.forEach(function (hit) {
              var option = document.createElement("option");
              option.value = hit.label;
              option.label = hit.kind + (hit.matched ? " (" + hit.matched + ")" : "");
              list.appendChild(option);
            });
          })
          .catch(function () { /* no names: the field still takes any text */ });
      }, 150);
    });
  });

  var first = document.querySelector(".review-body .hl");
  if (first) {
    first.scrollIntoView({ block: "center" });
  }
})();
