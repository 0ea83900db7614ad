// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Live character counters: <span data-counter-for="field-id" data-max="1000">.
  function bindCounter(counter) {
    var field = document.getElementById(counter.dataset.counterFor);
    if (!field) return;
    var max = parseInt(counter.dataset.max, 10);
    function update() {
      // Count characters (code points), as the server does, not UTF-16 units.
      var length = Array.from(field.value).length;
      counter.textContent = length + "/" + max;
      counter.classList.toggle("counter--over", length > max);
    }
    field.addEventListener("input", update);
    update();
  }

  document.querySelectorAll("[data-counter-for]").forEach(bindCounter);
})();
