// Sets or clears the dashboard's session cookie on the page that embeds this (a same-origin component frame).
// The token comes in a data attribute, never in a URL; an empty value clears the cookie. No Max-Age: the cookie
// ends with the browser session, and the server ends idle sessions itself.
(function () {
  var me = document.currentScript;
  var name = me.dataset.name;
  var value = me.dataset.value || '';
  var page = window.parent;
  var secure = page.location.protocol === 'https:' ? '; Secure' : '';
  var life = value ? '' : '; Max-Age=0';
  page.document.cookie = name + '=' + encodeURIComponent(value) + '; Path=/; SameSite=Strict' + life + secure;
})();
