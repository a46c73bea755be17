// Live updates for the provisioning dashboard: server-sent events from /events patch the page in place.
(function () {
  "use strict";
  if (!window.EventSource || location.pathname === "/sign-in") {
    return;
  }
  var source = new EventSource("/events");
  var leaving = false;
  // A form on its way to the server must not be overtaken by a reload for the change it causes.
  document.addEventListener("submit", function () { leaving = true; source.close(); });
  function reload() { if (!leaving) { location.reload(); } }
  var live = document.getElementById("live");
  source.onopen = function () {
    if (live) { live.textContent = "live"; live.dataset.live = "on"; }
  };
  source.onerror = function () {
    if (live) { live.textContent = "reconnecting…"; live.dataset.live = "off"; }
  };
  function byData(attribute, value) {
    var found = null;
    document.querySelectorAll("[" + attribute + "]").forEach(function (el) {
      if (el.getAttribute(attribute) === value) { found = el; }
    });
    return found;
  }
  source.addEventListener("host", function (event) {
    var change = JSON.parse(event.data);
    var page = document.getElementById("host");
    if (page) {
      if (page.dataset.host === change.id) { reload(); }
      return;
    }
    var hosts = document.getElementById("hosts");
    if (!hosts) { return; }
    var tile = byData("data-host", change.id);
    if (!tile) { reload(); return; }   // a host this page has not seen yet
    tile.className = "tile state-" + change.state + " changed";
    tile.querySelector(".state").textContent = change.state;
    tile.querySelector(".since").textContent = "since " + change.since;
    var detail = tile.querySelector(".detail");
    if (detail) { detail.textContent = change.cause || ""; }
  });
  source.addEventListener("pxe", function (event) {
    var status = JSON.parse(event.data);
    var badge = document.getElementById("pxe-state");
    if (badge) {
      badge.textContent = status.state;
      badge.className = "badge " + (status.healthy ? "ok" : "bad");
    }
    var detail = document.getElementById("pxe-detail");
    if (detail) { detail.textContent = status.detail; }
  });
})();
