// Fleet page: refresh the table in place (every 60 s; every 3 s for 30 s after the tab becomes visible again),
// asking with the ETag it has, so an unchanged fleet costs a 304. The tab title carries the DOWN count.
(function () {
  var holder = document.querySelector('[data-refresh]');
  if (!holder) { return; }
  var etag = null;
  var fastUntil = 0;
  var timer = null;
  function url() {
    var base = holder.getAttribute('data-refresh');
    return base + (base.indexOf('?') >= 0 ? '&' : '?') + 'fragment=table';
  }
  function title(down) {
    var rest = document.title.replace(/^\(\d+ DOWN\) /, '');
    document.title = (down > 0 ? '(' + down + ' DOWN) ' : '') + rest;
  }
  function refresh() {
    var headers = { 'Accept': 'text/html' };
    if (etag) { headers['If-None-Match'] = etag; }
    fetch(url(), { headers: headers, credentials: 'same-origin', redirect: 'manual' }).then(function (r) {
      if (r.status === 200) {
        etag = r.headers.get('ETag');
        var down = parseInt(r.headers.get('X-Down-Count') || '0', 10);
        return r.text().then(function (html) {
          var focused = document.activeElement && document.activeElement.id;
          holder.innerHTML = html;
          title(down);
          if (focused) { var el = document.getElementById(focused); if (el) { el.focus(); } }
        });
      }
    }).catch(function () { /* offline for a moment: the next tick tries again */ }).then(schedule);
  }
  function schedule() {
    clearTimeout(timer);
    if (document.hidden) { return; }
    timer = setTimeout(refresh, Date.now() < fastUntil ? 3000 : 60000);
  }
  document.addEventListener('visibilitychange', function () {
    if (!document.hidden) { fastUntil = Date.now() + 30000; clearTimeout(timer); refresh(); }
  });
  schedule();
}());
