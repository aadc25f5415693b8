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
  var since = section.getAttribute("data-since") || "0";
  var pending = []; // entries received but not yet shown, newest first: {id, html}
  var etag = null; // names the state of the last answer applied: the server says 304 while it still holds

  function plural(count) {
    return count === 1 ? "1 new update" : count + " new updates";
  }

  function announce() {
    status.textContent = pending.length ? plural(pending.length) + " available." : "";
    button.textContent = "Show " + plural(pending.length);
    button.hidden = pending.length === 0;
  }

  function entriesIn(html) {
    var holder = document.createElement("template");
    holder.innerHTML = html;
    return Array.prototype.map.call(holder.content.children, function (element) {
      return { id: element.id, html: element.outerHTML };
    });
  }

  function pendingIndex(id) {
    for (var i = 0; i < pending.length; i++) if (pending[i].id === id) return i;
    return -1;
  }

  // An edited entry is replaced where it stands (shown or waiting); a deleted one leaves the page.
  function applyEdits(edited) {
    edited.forEach(function (entry) {
      var id = "entry-" + entry.id;
      var index = pendingIndex(id);
      if (index >= 0) pending[index].html = entry.html;
      var shown = document.getElementById(id);
      if (shown) shown.outerHTML = entry.html;
    });
  }

  function applyDeletions(ids) {
    var kept = {};
    ids.forEach(function (id) { kept["entry-" + id] = true; });
    pending = pending.filter(function (entry) { return kept[entry.id]; });
    Array.prototype.forEach.call(list.querySelectorAll(".live-entry"), function (element) {
      if (!kept[element.id]) element.remove();
    });
  }

  function poll() {
    var url = endpoint + "?after=" + received + "&since=" + since;
    var headers = {};
    if (etag) headers["If-None-Match"] = etag;
    fetch(url, { headers: headers, credentials: "omit" })
      .then(function (response) {
        if (response.status === 304 || !response.ok) return null;
        var tag = response.headers.get("ETag");
        return response.json().then(function (data) { return { data: data, etag: tag }; });
      })
      .then(function (answer) {
        if (!answer) return;
        var data = answer.data;
        var waiting = pending.length;
        if (Array.isArray(data.ids)) applyDeletions(data.ids);
        applyEdits(data.edited || []);
        if (data.count > 0 && data.latest > received) {
          received = data.latest;
          pending = entriesIn(data.html).concat(pending);
        }
        if (data.since) since = String(data.since);
        if (pending.length !== waiting) announce();
        if (data.coverage === "ended") stop();
        etag = answer.etag; // set last: it names what this page now holds
      })
      .catch(function () { /* offline for a moment: the next poll tries again */ });
  }

  function show() {
    var empty = list.querySelector(".live__empty");
    if (empty) empty.remove();
    list.insertAdjacentHTML("afterbegin", pending.map(function (entry) { return entry.html; }).join(""));
    var first = list.firstElementChild;
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
