// Optional: the report is complete without it (a CSP that blocks scripts, as Jenkins' does, changes nothing
// but these additions). Plots become <object>s, whose tooltips name each op, band and log line on hover;
// tables of log lines and nemesis ops get a filter box.
(function () {
  'use strict';
  document.querySelectorAll('img.plot[data-interactive]').forEach(function (img) {
    var object = document.createElement('object');
    object.type = 'image/svg+xml';
    object.data = img.getAttribute('src');
    object.className = img.className;
    object.setAttribute('aria-label', img.alt);
    img.replaceWith(object);
  });
  document.querySelectorAll('table.filterable').forEach(function (table) {
    var input = document.createElement('input');
    input.className = 'filter';
    input.placeholder = 'filter rows';
    input.addEventListener('input', function () {
      var needle = input.value.toLowerCase();
      table.querySelectorAll('tbody tr').forEach(function (row) {
        row.hidden = needle !== '' && row.textContent.toLowerCase().indexOf(needle) < 0;
      });
    });
    table.parentNode.insertBefore(input, table);
  });
})();
