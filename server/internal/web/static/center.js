// Aula center: small enhancements only. Every page works without this file.
(function () {
  "use strict";
  // "Select all": a header checkbox (hidden without JavaScript) ticks every row's checkbox.
  document.querySelectorAll("input[data-select-all]").forEach(function (all) {
    var name = all.getAttribute("data-select-all");
    var boxes = all.form.querySelectorAll('input[type=checkbox][name="' + name + '"]');
    all.hidden = false;
    all.addEventListener("change", function () {
      boxes.forEach(function (b) { b.checked = all.checked; });
    });
    boxes.forEach(function (b) {
      b.addEventListener("change", function () {
        var n = 0;
        boxes.forEach(function (x) { if (x.checked) { n++; } });
        all.checked = n === boxes.length;
        all.indeterminate = n > 0 && n < boxes.length;
      });
    });
  });
  // Copy buttons: data-copy names the element whose data-value (or text) is copied. Without the
  // clipboard API (plain http on the network), the text is selected and copied the old way.
  document.querySelectorAll("button[data-copy]").forEach(function (btn) {
    var src = document.getElementById(btn.getAttribute("data-copy"));
    if (!src) { return; }
    btn.hidden = false;
    var done = function () {
      var label = btn.textContent;
      btn.textContent = btn.getAttribute("data-done") || label;
      setTimeout(function () { btn.textContent = label; }, 2000);
    };
    btn.addEventListener("click", function () {
      var text = src.getAttribute("data-value") || src.textContent.trim();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done);
        return;
      }
      var range = document.createRange();
      range.selectNodeContents(src);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      try { if (document.execCommand("copy")) { done(); } } catch (e) { /* the text stays selected */ }
    });
  });
})();
