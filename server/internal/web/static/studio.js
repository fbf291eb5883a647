// Aula studio: the lesson editor's live preview and the question editor's live check. As the
// author types, the text is posted (debounced) to the preview address, which answers the article
// the node would show; it replaces the preview. Without this file the "Vista previa" button does
// the same by form post, and a question's problems show after saving.
(function () {
  "use strict";
  // after waits ms after the last call before running fn.
  var after = function (ms, fn) {
    var timer = null;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  };
  // The question editor: the form as typed is checked (nothing saved) and each field's problems
  // replace those shown next to it (the boxes marked data-lint="FIELD").
  document.querySelectorAll("form[data-check]").forEach(function (form) {
    var seq = 0;
    var check = function () {
      var mine = ++seq;
      fetch(form.getAttribute("data-check"), {
        method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded" }
      }).then(function (r) { return r.ok ? r.json() : null; }).then(function (res) {
        if (!res || mine !== seq) { return; }
        document.querySelectorAll("[data-lint]").forEach(function (box) {
          var notes = res.fields[box.getAttribute("data-lint")] || [];
          box.textContent = "";
          if (notes.length === 0) { return; }
          var ul = document.createElement("ul");
          ul.className = "lint field-lint";
          notes.forEach(function (n) {
            var li = document.createElement("li");
            var strong = document.createElement("strong");
            li.className = "lint-" + n.severity;
            strong.textContent = n.label;
            li.appendChild(strong);
            li.appendChild(document.createTextNode(" " + n.message));
            ul.appendChild(li);
          });
          box.appendChild(ul);
        });
      }).catch(function () { /* the next change tries again */ });
    };
    var later = after(700, check);
    form.addEventListener("input", later);
    form.addEventListener("change", later);
  });
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
