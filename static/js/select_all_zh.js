/* Streamlit's multiselect offers an English "Select all" (and "Select N matches"); in the Chinese view the
   words are replaced where the menu draws them. geo/ui/briefing.py inlines this function on every page and
   calls it with {all, matches, lang}: the Chinese words, and the page's language. */
(function (opts) {
  window.__dashboardLang = opts.lang;
  if (window.__selectAllZh) { return; }
  window.__selectAllZh = true;
  const swap = function (root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeValue === 'Select all') n.nodeValue = opts.all;
      else if (/^Select \d+ matches$/.test(n.nodeValue))
        n.nodeValue = n.nodeValue.replace(/^Select (\d+) matches$/, opts.matches);
    }
  };
  new MutationObserver(function (changes) {
    if (window.__dashboardLang === 'en') return;
    changes.forEach(function (c) { c.addedNodes.forEach(function (n) { if (n.nodeType === 1) swap(n); }); });
  }).observe(document.body, {childList: true, subtree: true});
})
