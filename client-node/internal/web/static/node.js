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

// Shared terminals: when the officer's session ends by inactivity (the node ends it after
// data-idle seconds without a request), the page is replaced by the login page, so that his
// name, course or answers do not stay on screen for the next person. A minute before, a notice
// says so. Without JavaScript a meta refresh does the same a few seconds later.
(function () {
  var body = document.body;
  var idle = parseInt(body.getAttribute('data-idle'), 10);
  var target = body.getAttribute('data-expired');
  if (isNaN(idle) || !target) return;
  if (idle > 90) {
    setTimeout(function () {
      var main = document.querySelector('main');
      if (!main) return;
      var p = document.createElement('p');
      p.className = 'notice';
      p.setAttribute('role', 'status');
      p.textContent = body.getAttribute('data-idle-warn');
      main.insertBefore(p, main.firstChild);
    }, (idle - 60) * 1000);
  }
  setTimeout(function () { location.replace(target); }, (idle + 1) * 1000);
})();

// The commander's page: the print button opens the browser's print dialogue (without
// JavaScript, the browser's own Print does the same).
(function () {
  var b = document.querySelector('button[data-print]');
  if (b) b.addEventListener('click', function () { window.print(); });
})();
