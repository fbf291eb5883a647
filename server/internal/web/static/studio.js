// Aula studio: the lesson editor's live preview. As the author types, the text is posted
// (debounced) to the preview address, which answers the article the node would show; it
// replaces the preview. Without this file the "Vista previa" button does the same by form post.
(function () {
  "use strict";
  document.querySelectorAll("textarea[data-preview]").forEach(function (area) {
    var form = area.form;
    var target = document.getElementById(area.getAttribute("data-target"));
    var state = document.getElementById("preview-state");
    if (!form || !target) { return; }
    form.querySelectorAll(".no-js-only").forEach(function (b) { b.hidden = true; });
    var timer = null, seq = 0;
    var send = function () {
      var mine = ++seq;
      var body = new URLSearchParams(new FormData(form));
      body.set("fragment", "1");
      if (state) { state.textContent = state.getAttribute("data-busy"); }
      fetch(area.getAttribute("data-preview"), {
        method: "POST", body: body, credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded" }
      }).then(function (r) { return r.ok ? r.text() : null; }).then(function (html) {
        if (html === null || mine !== seq) { return; }
        target.innerHTML = html;
        if (state) { state.textContent = state.getAttribute("data-done"); }
      }).catch(function () { /* offline for a moment: the next keystroke tries again */ });
    };
    area.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(send, 400);
    });
  });
})();
