// Live page: ask for entries newer than the newest shown, announce them, insert them when the reader asks.
// Without this script the page still works: the "Refresh" link reloads it.
(function () {
  "use strict";
  var section = document.querySelector("[data-live-updates]");
  if (!section || !window.fetch) return;
  var endpoint = section.getAttribute("data-live-updates");
  var seconds = Math.max(5, parseInt(section.getAttribute("data-poll-seconds"), 10) || 15);
  var received = parseInt(section.getAttribute("data-latest"), 10) || 0;
  var list = document.getElementById("live-entries");
  var status = document.getElementById("live-status");
  var button = document.getElementById("live-show");
  var pending = []; // HTML of entries received but not yet shown, oldest batch first
  var etag = null;
  var etagFor = null;

  function plural(count) {
    return count === 1 ? "1 new update" : count + " new updates";
  }

  function announce() {
    var count = pending.reduce(function (sum, batch) { return sum + batch.count; }, 0);
    status.textContent = count ? plural(count) + " available." : "";
    button.textContent = "Show " + plural(count);
    button.hidden = count === 0;
  }

  function poll() {
    var url = endpoint + "?after=" + received;
    var headers = {};
    if (etag && etagFor === url) headers["If-None-Match"] = etag;
    fetch(url, { headers: headers, credentials: "omit" })
      .then(function (response) {
        if (response.status === 304 || !response.ok) return null;
        etag = response.headers.get("ETag");
        etagFor = url;
        return response.json();
      })
      .then(function (data) {
        if (!data) return;
        if (data.count > 0 && data.latest > received) {
          received = data.latest;
          pending.push({ count: data.count, html: data.html });
          announce();
        }
        if (data.coverage === "ended") stop();
      })
      .catch(function () { /* offline for a moment: the next poll tries again */ });
  }

  function show() {
    var empty = list.querySelector(".live__empty");
    if (empty) empty.remove();
    var first = null;
    // Newest batch first, each batch already newest first.
    for (var i = pending.length - 1; i >= 0; i--) {
      list.insertAdjacentHTML("afterbegin", pending[i].html);
    }
    first = list.firstElementChild;
    pending = [];
    announce();
    status.textContent = "New updates shown.";
    if (first) first.focus();
  }

  var timer = window.setInterval(poll, seconds * 1000);
  function stop() { window.clearInterval(timer); }
  button.addEventListener("click", show);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") poll();
  });

  // Share links: the system share sheet where there is one, else copy the address.
  list.addEventListener("click", function (event) {
    var link = event.target.closest("[data-share]");
    if (!link) return;
    var url = new URL(link.getAttribute("href"), window.location.href).href;
    if (navigator.share) {
      event.preventDefault();
      navigator.share({ title: link.getAttribute("data-share"), url: url }).catch(function () {});
    } else if (navigator.clipboard) {
      event.preventDefault();
      navigator.clipboard.writeText(url).then(function () { status.textContent = "Link to the update copied."; });
    }
  });
})();
