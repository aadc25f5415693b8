/* Masthead narration player: progressive enhancement of a plain <audio controls>.
   Adds play/pause, 15 s skips, a seek slider, speed, a remembered position, and highlights the sentence
   being read in the article (sentences are found in the page's text at run time from the recorded timings;
   clicking a sentence or pressing Enter on it plays from there). */
(function () {
  "use strict";
  var root = document.querySelector("[data-narration]");
  if (!root) return;
  var audio = root.querySelector("audio");
  var controls = root.querySelector(".narration__controls");
  var toggle = root.querySelector('[data-action="toggle"]');
  var seek = root.querySelector(".narration__seek");
  var speed = root.querySelector('[data-action="speed"]');
  var announcer = root.querySelector("[data-announce]");
  var currentLabel = root.querySelector("[data-current]");
  var totalLabel = root.querySelector("[data-total]");
  var timings = [];
  try { timings = JSON.parse(document.getElementById("narration-timings").textContent) || []; } catch (e) { timings = []; }

  var POSITION_KEY = "masthead:narration:position:" + audio.getAttribute("src");
  var SPEED_KEY = "masthead:narration:speed";
  var SKIP = 15;
  var EXCLUDED = "figure.body-image, figcaption, .teaser, .embed-card, script, style, .visually-hidden";
  var ALNUM = /[\p{L}\p{N}]/u;

  function store(action) { try { return action(window.localStorage); } catch (e) { return null; } }
  function duration() {
    return isFinite(audio.duration) && audio.duration > 0 ? audio.duration : parseFloat(audio.dataset.duration) || 0;
  }
  function clock(seconds) {
    seconds = Math.max(0, Math.floor(seconds || 0));
    var rest = seconds % 60;
    return Math.floor(seconds / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }
  function spoken(seconds) {
    seconds = Math.max(0, Math.floor(seconds || 0));
    var minutes = Math.floor(seconds / 60), rest = seconds % 60, parts = [];
    if (minutes) parts.push(minutes + (minutes === 1 ? " minute" : " minutes"));
    parts.push(rest + (rest === 1 ? " second" : " seconds"));
    return parts.join(" ");
  }
  function announce(message) { announcer.textContent = message; }

  // --- Sentences in the page ------------------------------------------------------------------------
  // The words a reader hears are in the headline, the byline and the body; captions and teasers are not read.
  function textNodes() {
    var containers = ["#headline", ".article__meta .byline", ".article__body"]
      .map(function (selector) { return document.querySelector(selector); })
      .filter(Boolean);
    var nodes = [];
    containers.forEach(function (container) {
      var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, {
        acceptNode: function (node) {
          return node.parentElement.closest(EXCLUDED) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
        }
      });
      while (walker.nextNode()) nodes.push(walker.currentNode);
    });
    return nodes;
  }

  // Letters and digits only, lower-cased: quotes, dashes, spaces and markup may differ between page and timings.
  function key(text, onChar) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (!ALNUM.test(c)) continue;
      var lower = c.toLowerCase();
      out += lower.length === 1 ? lower : c;
      if (onChar) onChar(i);
    }
    return out;
  }

  function wrap(node, start, end, index) {
    if (!node.data.slice(start, end).trim()) return null;
    var middle = node.splitText(start);
    middle.splitText(end - start);
    var span = document.createElement("span");
    span.className = "narration-sentence";
    span.dataset.sentence = index;
    middle.parentNode.insertBefore(span, middle);
    span.appendChild(middle);
    return span;
  }

  var sentenceSpans = {};
  function markSentences() {
    var nodes = textNodes(), pageKey = "", places = [];
    nodes.forEach(function (node, n) {
      pageKey += key(node.data, function (offset) { places.push([n, offset]); });
    });
    var found = [], cursor = 0;
    timings.forEach(function (timing, index) {
      var wanted = key(timing.text || "");
      if (!wanted) return;
      var at = pageKey.indexOf(wanted, cursor);
      if (at < 0) return; // not on the page as written (edited since narrating): no highlight for it
      found.push({ index: index, first: places[at], last: places[at + wanted.length - 1] });
      cursor = at + wanted.length;
    });
    // Wrap from the end backwards: splitting a text node keeps the offsets before the split valid.
    for (var f = found.length - 1; f >= 0; f--) {
      var item = found[f], spans = [];
      for (var n = item.last[0]; n >= item.first[0]; n--) {
        var node = nodes[n];
        var start = n === item.first[0] ? item.first[1] : 0;
        var end = n === item.last[0] ? item.last[1] + 1 : node.data.length;
        if (n === item.last[0]) {
          // The sentence's closing punctuation (".", "?”") belongs to it, though the match is letters and digits.
          while (end < node.data.length && /[^\s\p{L}\p{N}]/u.test(node.data[end])) end++;
        }
        var span = wrap(node, start, end, item.index);
        if (span) spans.unshift(span);
      }
      if (spans.length) {
        spans[0].classList.add("narration-sentence--first");
        sentenceSpans[item.index] = spans;
      }
    }
  }

  var current = -1;
  function sentenceAt(time) {
    var low = 0, high = timings.length - 1, best = -1;
    while (low <= high) {
      var mid = (low + high) >> 1;
      if (timings[mid].start <= time) { best = mid; low = mid + 1; } else { high = mid - 1; }
    }
    return best;
  }
  function highlight() {
    var index = audio.paused && audio.currentTime === 0 ? -1 : sentenceAt(audio.currentTime);
    if (index === current) return;
    (sentenceSpans[current] || []).forEach(function (span) { span.classList.remove("is-current"); });
    (sentenceSpans[index] || []).forEach(function (span) { span.classList.add("is-current"); });
    current = index;
  }

  var activated = false;
  function activateSentences() {
    if (activated) return;
    activated = true;
    document.body.classList.add("narration-active");
    var hint = document.createElement("span");
    hint.id = "narration-sentence-hint";
    hint.className = "visually-hidden";
    hint.textContent = "Press Enter to play the audio from this sentence.";
    root.appendChild(hint);
    Object.keys(sentenceSpans).forEach(function (index) {
      var first = sentenceSpans[index][0];
      first.tabIndex = 0;
      first.setAttribute("aria-describedby", hint.id);
    });
  }
  function playFromSentence(span) {
    var timing = timings[parseInt(span.dataset.sentence, 10)];
    if (!timing) return;
    audio.currentTime = timing.start;
    highlight();
    if (audio.paused) play();
    announce("Playing from: " + timing.text.slice(0, 80));
  }
  document.addEventListener("click", function (event) {
    var span = event.target.closest && event.target.closest(".narration-sentence");
    if (!span || !activated || event.target.closest("a")) return;
    if (String(window.getSelection ? window.getSelection() : "")) return; // the reader is selecting text
    playFromSentence(span);
  });
  document.addEventListener("keydown", function (event) {
    var span = event.target.closest && event.target.closest(".narration-sentence");
    if (!span || !activated || (event.key !== "Enter" && event.key !== " ")) return;
    event.preventDefault();
    playFromSentence(span);
  });

  // --- Controls ---------------------------------------------------------------------------------------
  function play() {
    var promise = audio.play();
    if (promise && promise.catch) promise.catch(function () { announce("The audio could not be played."); });
  }
  function showTime() {
    var now = audio.currentTime || 0, total = duration();
    currentLabel.textContent = clock(now);
    totalLabel.textContent = clock(Math.round(total));
    seek.max = Math.max(1, Math.ceil(total));
    if (!seeking) seek.value = Math.floor(now);
    seek.setAttribute("aria-valuetext", spoken(now) + " of " + spoken(total));
  }
  function showPlaying(playing) {
    toggle.setAttribute("aria-label", playing ? "Pause" : "Play");
    toggle.querySelector(".narration__icon").textContent = playing ? "❚❚" : "▶";
    toggle.querySelector(".narration__play-label").textContent = playing ? "Pause" : "Play";
  }
  function jump(seconds) {
    audio.currentTime = Math.min(Math.max(0, audio.currentTime + seconds), duration());
    showTime();
    highlight();
    announce((seconds < 0 ? "Back " : "Forward ") + SKIP + " seconds, at " + spoken(audio.currentTime));
  }
  function savePosition() {
    var now = audio.currentTime;
    store(function (s) { now > 5 && now < duration() - 5 ? s.setItem(POSITION_KEY, String(now)) : s.removeItem(POSITION_KEY); });
  }

  var seeking = false, lastSaved = 0, frame = 0;
  toggle.addEventListener("click", function () { audio.paused ? play() : audio.pause(); });
  root.querySelector('[data-action="back"]').addEventListener("click", function () { jump(-SKIP); });
  root.querySelector('[data-action="forward"]').addEventListener("click", function () { jump(SKIP); });
  seek.addEventListener("input", function () {
    seeking = true;
    audio.currentTime = parseFloat(seek.value);
    showTime();
    highlight();
  });
  seek.addEventListener("change", function () { seeking = false; savePosition(); });
  speed.addEventListener("change", function () {
    audio.playbackRate = parseFloat(speed.value);
    store(function (s) { s.setItem(SPEED_KEY, speed.value); });
    announce("Speed " + speed.value + " times");
  });

  function tick() {
    highlight();
    frame = audio.paused ? 0 : window.requestAnimationFrame(tick);
  }
  audio.addEventListener("play", function () {
    activateSentences();
    showPlaying(true);
    announce("Playing");
    if (!frame) frame = window.requestAnimationFrame(tick);
  });
  audio.addEventListener("pause", function () { showPlaying(false); announce("Paused"); savePosition(); highlight(); });
  audio.addEventListener("ended", function () {
    store(function (s) { s.removeItem(POSITION_KEY); });
    announce("Finished");
  });
  audio.addEventListener("timeupdate", function () {
    showTime();
    highlight();
    if (Math.abs(audio.currentTime - lastSaved) > 5) { lastSaved = audio.currentTime; savePosition(); }
  });
  audio.addEventListener("seeked", function () { showTime(); highlight(); });
  audio.addEventListener("loadedmetadata", function () {
    var saved = parseFloat(store(function (s) { return s.getItem(POSITION_KEY); }));
    if (saved > 5 && saved < duration() - 5 && audio.currentTime === 0) audio.currentTime = saved;
    showTime();
  });

  var savedSpeed = store(function (s) { return s.getItem(SPEED_KEY); });
  if (savedSpeed && speed.querySelector('option[value="' + savedSpeed + '"]')) {
    speed.value = savedSpeed;
    audio.playbackRate = parseFloat(savedSpeed);
  }
  audio.defaultPlaybackRate = 1;
  markSentences();
  audio.controls = false;
  controls.hidden = false;
  root.classList.add("narration--enhanced");
  showTime();
}());
