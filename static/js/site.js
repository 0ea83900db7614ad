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

  // Cached pages carry absolute times, <time datetime="…" data-relative>2 December 2026,
  // 14:05 UTC</time>; within a week of now, say how long ago instead, keeping the exact
  // time as the tooltip, and keep saying it while the page stays open.
  var WEEK = 7 * 24 * 3600;
  var UNITS = [["day", 24 * 3600], ["hour", 3600], ["minute", 60]];
  var relative = window.Intl && Intl.RelativeTimeFormat && new Intl.RelativeTimeFormat("en", {numeric: "auto"});

  function sayHowLongAgo(time) {
    var seconds = (Date.now() - Date.parse(time.dateTime)) / 1000;
    if (!relative || isNaN(seconds)) return;
    if (!time.title) time.title = time.textContent;
    if (seconds >= WEEK) {
      time.textContent = time.title;
      return;
    }
    var unit = UNITS.find(function (unit) { return seconds >= unit[1]; });
    time.textContent = unit ? relative.format(-Math.floor(seconds / unit[1]), unit[0]) : "just now";
  }

  function sayAllHowLongAgo() {
    document.querySelectorAll("time[data-relative]").forEach(sayHowLongAgo);
  }

  sayAllHowLongAgo();
  setInterval(sayAllHowLongAgo, 60 * 1000);
})();
