// Progressive enhancement for /check: suggests phenotype terms from
// /api/v1/symptoms/suggest for the phrase being typed (the text after the
// last comma). Choosing a suggestion replaces just that phrase. Without
// JavaScript the form works the same: the server reads the words as typed.
(function () {
  'use strict';
  var inputs = document.querySelectorAll('.check-form input[list="symptom-suggestions"]');
  var list = document.getElementById('symptom-suggestions');
  if (!list) return;
  Array.prototype.forEach.call(inputs, function (input) {
    var timer = null;
    var last = '';
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var value = input.value;
        var cut = Math.max(value.lastIndexOf(','), value.lastIndexOf(';'));
        var head = cut >= 0 ? value.slice(0, cut + 1) + ' ' : '';
        var phrase = value.slice(cut + 1).trim();
        if (phrase.length < 2 || value === last) return;
        last = value;
        fetch('/api/v1/symptoms/suggest?limit=8&prefix=' + encodeURIComponent(phrase))
          .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (data) {
            while (list.firstChild) list.removeChild(list.firstChild);
            data.suggestions.forEach(function (s) {
              var option = document.createElement('option');
              // value/textContent: never parsed as HTML.
              option.value = head + (s.matched || s.label);
              if (s.matched) option.textContent = s.label;
              list.appendChild(option);
            });
          })
          .catch(function () {});
      }, 120);
    });
  });
})();
