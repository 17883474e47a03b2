/* How to Cite: switch the style in place and copy a citation (the GET form works without this). */
(function () {
  "use strict";

  function setUp(widget) {
    var form = widget.querySelector(".cite-form");
    var select = widget.querySelector("#cite-style");
    var output = widget.querySelector(".cite-output");
    var feedback = widget.querySelector(".cite-feedback");
    var submit = widget.querySelector(".cite-show");

    function showCopyButtons() {
      widget.querySelectorAll(".cite-copy").forEach(function (button) {
        button.hidden = false;
      });
    }

    function say(message) {
      feedback.textContent = "";
      window.setTimeout(function () { feedback.textContent = message; }, 50);
    }

    function switchStyle(style) {
      var url = widget.dataset.citeUrl + "?style=" + encodeURIComponent(style);
      output.setAttribute("aria-busy", "true");
      return fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.text();
        })
        .then(function (html) {
          output.innerHTML = html;
          showCopyButtons();
          var page = new URL(window.location.href);
          page.searchParams.set("style", style);
          window.history.replaceState(null, "", page);
        })
        .catch(function () { form.submit(); })
        .finally(function () { output.removeAttribute("aria-busy"); });
    }

    function copy(text) {
      if (navigator.clipboard && window.isSecureContext) {
        return navigator.clipboard.writeText(text);
      }
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = document.execCommand("copy");
      document.body.removeChild(area);
      return done ? Promise.resolve() : Promise.reject(new Error("copy"));
    }

    if (form && select) {
      if (submit) { submit.hidden = true; }
      select.addEventListener("change", function () { switchStyle(select.value); });
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        switchStyle(select.value);
      });
    }
    widget.addEventListener("click", function (event) {
      var button = event.target.closest(".cite-copy");
      if (!button) { return; }
      var citation = button.parentElement.querySelector(".citation");
      copy(citation.dataset.text).then(
        function () { say(widget.dataset.copied); },
        function () { say(widget.dataset.copyFailed); }
      );
    });
    showCopyButtons();
  }

  document.querySelectorAll(".how-to-cite[data-cite-url]").forEach(setUp);
})();
