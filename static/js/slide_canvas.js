// The briefing slideshow's canvas (static/css/slide_canvas.css): scale the 1920x1080 canvas to fit the window,
// centred, and give each map on it the height from its top down to the canvas's bottom padding. The frames' own
// scripts tell Leaflet when their size changes (invalidateSize), so tiles, labels and the fit follow.
(function () {
  const W = 1920, H = 1080, MIN_MAP = 240;
  if (window.__slideCanvas) return;
  window.__slideCanvas = true;
  let pending = false;
  function fit() {
    pending = false;
    const canvas = document.querySelector('.st-key-brief_canvas');
    if (!canvas) return;
    const root = document.documentElement;
    const vw = window.innerWidth, vh = window.innerHeight;
    const s = Math.min(vw / W, vh / H);
    root.style.setProperty('--slide-scale', String(s));
    root.style.setProperty('--slide-x', ((vw - W * s) / 2) + 'px');
    root.style.setProperty('--slide-y', ((vh - H * s) / 2) + 'px');
    const c = canvas.getBoundingClientRect();
    const pad = parseFloat(getComputedStyle(canvas).paddingBottom) || 0;
    canvas.querySelectorAll('iframe[title="streamlit_folium.st_folium"]').forEach(function (frame) {
      const r = frame.getBoundingClientRect();
      if (!r.width) return;
      const h = Math.max(MIN_MAP, Math.floor(H - pad - (r.top - c.top) / s));
      const now = parseFloat(frame.style.getPropertyValue('--map-h')) || 0;
      if (Math.abs(now - h) > 1) frame.style.setProperty('--map-h', h + 'px');
    });
    canvas.dataset.scale = s.toFixed(4);
  }
  function later() { if (!pending) { pending = true; requestAnimationFrame(fit); } }
  window.addEventListener('resize', later);
  new MutationObserver(later).observe(document.body, {childList: true, subtree: true});
  setInterval(fit, 1000);  // a late layout change (fonts, a chart drawn) that no mutation announced
  later();
})();
