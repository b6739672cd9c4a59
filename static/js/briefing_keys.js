/* Briefing mode's keys, and maps that take the screen below what stands above them. Keys work on the page
   itself, without reloading it: they click the slideshow's own buttons. The listener is registered once per
   browser tab and does nothing on pages without the buttons. geo/ui/briefing.py inlines this function and
   calls it with {minMapPx: settings.BRIEFING_MAP_MIN_PX}. */
(function (opts) {
  if (window.__briefingKeys) { return; }
  window.__briefingKeys = true;
  const KEYS = {ArrowRight: 'brief_next', PageDown: 'brief_next', ' ': 'brief_next',
                ArrowLeft: 'brief_prev', PageUp: 'brief_prev',
                p: 'brief_pause', P: 'brief_pause', k: 'brief_pause', K: 'brief_pause', Escape: 'briefing_exit'};
  document.addEventListener('keydown', function (e) {
    const tag = (e.target && e.target.tagName || '').toLowerCase();
    if (tag === 'input' || tag === 'textarea' || e.ctrlKey || e.metaKey || e.altKey) return;
    const key = KEYS[e.key];
    const button = key && document.querySelector('.st-key-' + key + ' button');
    if (button) { e.preventDefault(); button.click(); }
  });
  setInterval(function () {
    // the slide counter; the slideshow's canvas sizes its own maps (static/js/slide_canvas.js)
    const slides = !!document.querySelector('[data-slide]') && !document.querySelector('.st-key-brief_canvas');
    document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]').forEach(function (frame) {
      // a map on a slide takes the screen below what stands above it (tiles, heading) less what the page keeps
      // under it, so the slide does not scroll at 1024x768; the CSS height above is only the first guess. Under
      // a map beside a chart only the page's own padding counts (the chart's column may run further).
      const main = document.querySelector('[data-testid="stMain"]');
      const block = main && main.querySelector('[data-testid="stMainBlockContainer"]');
      const r = frame.getBoundingClientRect();
      if (!slides || !main || !r.width) { frame.style.removeProperty('height'); }
      else {
        const m = main.getBoundingClientRect();
        const top = r.top - m.top + main.scrollTop;
        const pad = block ? parseFloat(getComputedStyle(block).paddingBottom) || 0 : 0;
        const below = block ? block.getBoundingClientRect().bottom - r.bottom : pad;  // moves with the frame
        const under = r.width < 0.8 * main.clientWidth ? pad : Math.max(pad, below);
        const rest = Math.max(opts.minMapPx, Math.floor(main.clientHeight - top - under));
        if (Math.abs(rest - r.height) > 1) frame.style.setProperty('height', rest + 'px', 'important');
      }
      const doc = frame.contentDocument;
      if (doc && doc.head && !doc.getElementById('brief-fill')) {
        const style = doc.createElement('style');
        style.id = 'brief-fill';
        style.textContent = '#map_div {height: 100vh !important;}';
        doc.head.appendChild(style);
      }
    });
  }, 500);
})
