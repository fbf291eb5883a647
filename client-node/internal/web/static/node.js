// Aula node: small enhancements only. Every page works without this file.
// A countdown for timed quizzes; the node enforces the time limit itself.
(function () {
  var el = document.getElementById('countdown');
  if (!el) return;
  var left = parseInt(el.getAttribute('data-seconds'), 10);
  if (isNaN(left)) return;
  var es = document.documentElement.lang !== 'en';
  function show() {
    var m = Math.floor(left / 60), s = left % 60;
    el.textContent = (es ? 'quedan ' : '') + m + ':' + (s < 10 ? '0' : '') + s + (es ? '' : ' left');
    if (left <= 60) el.className = 'warn-text';
  }
  show();
  var timer = setInterval(function () {
    left -= 1;
    if (left < 0) { clearInterval(timer); return; }
    show();
  }, 1000);
})();
