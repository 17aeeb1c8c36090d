// Progressive enhancement: fills the search box's <datalist> with condition
// names from /api/v1/suggest as the reader types. Without JavaScript the
// forms work exactly the same, just without suggestions.
(function () {
  'use strict';
  var inputs = document.querySelectorAll('input[data-suggest]');
  Array.prototype.forEach.call(inputs, function (input) {
    var list = document.getElementById(input.getAttribute('list'));
    if (!list) return;
    var timer = null;
    var last = '';
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var words = input.value.trim().split(/\s+/);
        var prefix = words[words.length - 1] || '';
        if (input.value.trim().length <= 40) prefix = input.value.trim();
        if (prefix.length < 2 || prefix === last) return;
        last = prefix;
        fetch('/api/v1/suggest?limit=8&prefix=' + encodeURIComponent(prefix))
          .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (data) {
            while (list.firstChild) list.removeChild(list.firstChild);
            data.suggestions.forEach(function (s) {
              var option = document.createElement('option');
              option.value = s.label;  // textContent/value: never parsed as HTML
              list.appendChild(option);
            });
          })
          .catch(function () {});
      }, 120);
    });
  });
})();
