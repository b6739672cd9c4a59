// The year stepper of the map pages (geo/ui/stepper.py). While it plays, any interaction with the page or with
// a map (a click, a key, the wheel, a touch) pauses it by clicking its own pause button. Registered once per tab;
// does nothing while the stepper is not playing.
(function () {
  if (window.__yearStepperPause) { return; }
  window.__yearStepperPause = true;
  function pause(e) {
    var button = document.querySelector('.st-key-year_pause button');
    if (!button || (e.target && e.target.closest && e.target.closest('.st-key-year_pause'))) { return; }
    button.click();
  }
  var EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'];
  function watch(doc) {
    if (!doc || doc.__yearStepperWatched) { return; }
    doc.__yearStepperWatched = true;
    EVENTS.forEach(function (name) { doc.addEventListener(name, pause, {capture: true, passive: true}); });
  }
  watch(document);
  // the year's layers (window.__yearStepRows, set by the stepper's script) go to the map once it can take them,
  // and again to a map frame that was rebuilt
  window.__yearStepDeliver = function () {
    var rows = window.__yearStepRows;
    document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]').forEach(function (frame) {
      try {
        var w = frame.contentWindow;
        if (rows && w && w.dashStep && w.__yearStepShown !== rows) { w.dashStep(rows); w.__yearStepShown = rows; }
      } catch (err) { /* a frame still loading */ }
    });
  };
  setInterval(window.__yearStepDeliver, 100);
  // map frames are same-origin documents of their own: their events never reach this one
  setInterval(function () {
    document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]').forEach(function (frame) {
      try { watch(frame.contentDocument); } catch (err) { /* a frame still loading */ }
    });
  }, 500);
})();
