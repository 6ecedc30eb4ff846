// The episode player: seek links, the cue being spoken, speed, shortcuts and the remembered position.
// The page works without it: seek links are media fragments (episode.mp3#t=SECONDS) the browser plays.
(function () {
  "use strict";
  var STORE = "narrator:";
  var SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2];
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var players = [];
  var single = document.querySelectorAll("audio[data-player]").length === 1;
  var active = null;

  function load(key) {
    try { return window.localStorage.getItem(STORE + key); } catch (e) { return null; }
  }
  function save(key, value) {
    // Private windows and full storage refuse writes; the page still works, it only forgets.
    try {
      if (value === null) window.localStorage.removeItem(STORE + key);
      else window.localStorage.setItem(STORE + key, value);
    } catch (e) { /* nothing to do */ }
  }
  function clock(seconds) {
    var whole = Math.floor(seconds), h = Math.floor(whole / 3600), m = Math.floor(whole % 3600 / 60);
    var s = whole % 60, ss = (s < 10 ? "0" : "") + s;
    return h ? h + ":" + (m < 10 ? "0" : "") + m + ":" + ss : m + ":" + ss;
  }
  function fragmentTime(hash) {
    var match = /^#t=(?:npt:)?(\d+(?:\.\d+)?)/.exec(hash || "");
    return match ? parseFloat(match[1]) : null;
  }

  function Player(audio) {
    this.audio = audio;
    this.root = audio.closest("article") || document;
    this.key = "position:" + new URL(audio.getAttribute("src"), window.location.href).pathname;
    this.cues = Array.prototype.slice.call(this.root.querySelectorAll(".cue")).map(function (el) {
      return { el: el, start: parseFloat(el.dataset.start), end: parseFloat(el.dataset.end) };
    });
    this.chapters = Array.prototype.slice.call(this.root.querySelectorAll(".chapters .seek")).map(
      function (el) { return parseFloat(el.dataset.start); });
    this.current = null;
    this.follow = this.root.querySelector(".follow");
    this.speed = this.root.querySelector(".speed");
    this.resume = this.root.querySelector(".resume");
    this.savedAt = 0;
    var controls = this.root.querySelector(".controls");
    if (controls) controls.hidden = false;
    this.bind();
  }

  Player.prototype.bind = function () {
    var self = this, audio = this.audio;
    Array.prototype.forEach.call(this.root.querySelectorAll("a.seek"), function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        self.seek(parseFloat(link.dataset.start), true);
      });
    });
    if (this.speed) {
      var rate = parseFloat(load("speed"));
      if (SPEEDS.indexOf(rate) >= 0) this.setRate(rate);
      this.speed.addEventListener("change", function () { self.setRate(parseFloat(self.speed.value)); });
    }
    audio.addEventListener("ratechange", function () {
      if (self.speed && SPEEDS.indexOf(audio.playbackRate) >= 0) self.speed.value = String(audio.playbackRate);
    });
    audio.addEventListener("timeupdate", function () { self.update(); });
    audio.addEventListener("seeked", function () { self.update(); });
    audio.addEventListener("play", function () { active = self; });
    audio.addEventListener("pause", function () { self.remember(true); });
    audio.addEventListener("ended", function () { save(self.key, null); });
    var restart = this.root.querySelector(".restart");
    if (restart) restart.addEventListener("click", function () {
      self.seek(0, false);
      self.resume.hidden = true;
      save(self.key, null);
    });
    if (audio.readyState >= 1) this.restore();
    else audio.addEventListener("loadedmetadata", function () { self.restore(); }, { once: true });
  };

  Player.prototype.setRate = function (rate) {
    this.audio.playbackRate = rate;
    this.audio.defaultPlaybackRate = rate;
    if (this.speed) this.speed.value = String(rate);
    save("speed", String(rate));
  };

  Player.prototype.seek = function (seconds, play) {
    this.audio.currentTime = seconds;
    active = this;
    if (play) {
      var started = this.audio.play();
      if (started && started.catch) started.catch(function () { /* the user presses play */ });
    }
    this.update();
  };

  // A page opened with #t=SECONDS starts there; otherwise the place this browser stopped at, unless it
  // was the very start or the very end.
  Player.prototype.restore = function () {
    var wanted = single ? fragmentTime(window.location.hash) : null;
    if (wanted !== null) { this.audio.currentTime = wanted; return; }
    var saved = parseFloat(load(this.key));
    var duration = this.audio.duration;
    if (!(saved > 5) || (isFinite(duration) && saved > duration - 10)) return;
    this.audio.currentTime = saved;
    if (this.resume) {
      this.resume.querySelector(".resume-text").textContent = "Continuing from " + clock(saved) + ".";
      this.resume.hidden = false;
    }
  };

  Player.prototype.remember = function (now) {
    var t = this.audio.currentTime;
    if (!now && Math.abs(t - this.savedAt) < 5) return;
    this.savedAt = t;
    save(this.key, t > 0 ? t.toFixed(1) : null);
  };

  Player.prototype.cueAt = function (t) {
    // The last cue that has started; it stays lit through the pause after it.
    var low = 0, high = this.cues.length - 1, found = null;
    while (low <= high) {
      var mid = (low + high) >> 1;
      if (this.cues[mid].start <= t + 0.05) { found = this.cues[mid]; low = mid + 1; } else high = mid - 1;
    }
    return found;
  };

  Player.prototype.update = function () {
    var audio = this.audio;
    if (!audio.paused) this.remember(false);
    var cue = this.cueAt(audio.currentTime);
    if (cue === this.current) return;
    if (this.current) {
      this.current.el.classList.remove("current");
      this.current.el.removeAttribute("aria-current");
    }
    this.current = cue;
    if (!cue) return;
    // A class and aria-current, never focus or a live region: a screen reader is not interrupted at
    // every sentence, and keyboard focus stays where the listener left it.
    cue.el.classList.add("current");
    cue.el.setAttribute("aria-current", "time");
    if (this.follow && this.follow.checked && !audio.paused && this.isVisible(cue.el) && !this.inView(cue.el)) {
      cue.el.scrollIntoView({ block: "center", behavior: reduceMotion ? "auto" : "smooth" });
    }
  };

  Player.prototype.isVisible = function (el) {
    var details = el.closest("details");
    return !details || details.open;
  };

  Player.prototype.inView = function (el) {
    var box = el.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  };

  Player.prototype.chapter = function (step) {
    var t = this.audio.currentTime, starts = this.chapters, index = -1;
    for (var i = 0; i < starts.length; i++) if (starts[i] <= t + 0.5) index = i;
    // "Previous" more than 3 s into a chapter goes back to its start, as in podcast apps.
    if (step < 0 && index >= 0 && t - starts[index] > 3) step = 0;
    var target = starts[Math.max(0, Math.min(starts.length - 1, index + step))];
    if (target !== undefined) this.seek(target, false);
  };

  function shortcutsOn() {
    return load("shortcuts") !== "off";
  }

  function onKey(event) {
    var player = active || players[0];
    if (!player || !shortcutsOn() || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.closest && target.closest("input, select, textarea, button, audio, [contenteditable]")) return;
    var audio = player.audio, rate;
    switch (event.key) {
      case "k":
        if (audio.paused) player.seek(audio.currentTime, true); else audio.pause();
        break;
      case "j": audio.currentTime = Math.max(0, audio.currentTime - 10); break;
      case "l": audio.currentTime = Math.min(audio.duration || Infinity, audio.currentTime + 10); break;
      case "ArrowLeft": audio.currentTime = Math.max(0, audio.currentTime - 5); break;
      case "ArrowRight": audio.currentTime = Math.min(audio.duration || Infinity, audio.currentTime + 5); break;
      case "[": player.chapter(-1); break;
      case "]": player.chapter(1); break;
      case "<":
      case ">":
        rate = SPEEDS.indexOf(audio.playbackRate);
        if (rate < 0) rate = 1;
        player.setRate(SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, rate + (event.key === ">" ? 1 : -1)))]);
        break;
      case "f":
        if (player.follow) player.follow.checked = !player.follow.checked;
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  Array.prototype.forEach.call(document.querySelectorAll("audio[data-player]"), function (audio) {
    players.push(new Player(audio));
  });
  Array.prototype.forEach.call(document.querySelectorAll(".shortcuts"), function (details) {
    var toggle = details.querySelector(".shortcuts-on");
    toggle.checked = shortcutsOn();
    toggle.addEventListener("change", function () { save("shortcuts", toggle.checked ? null : "off"); });
    details.hidden = players.length === 0;
  });
  document.addEventListener("keydown", onKey);
  window.addEventListener("pagehide", function () {
    players.forEach(function (player) { if (player.audio.currentTime > 0) player.remember(true); });
  });
})();
