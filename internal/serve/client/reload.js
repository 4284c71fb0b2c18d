// Added by `sitegen serve` to every page it serves, never to the build:
// reloads the page when the site was rebuilt, keeping where the reader
// was on it, and shows the messages of a rebuild that failed.
(function () {
  "use strict";
  var me = document.currentScript;
  var build = me.getAttribute("data-build");
  var own = me.getAttribute("data-own"); // serve's own folder, under the site's base
  var key = "sitegen-serve-scroll " + location.pathname;

  // A page reloaded because its site changed opens where it was read.
  var saved = sessionStorage.getItem(key);
  if (saved) {
    sessionStorage.removeItem(key);
    var at = JSON.parse(saved);
    var restore = function () { window.scrollTo(at.x, at.y); };
    restore();
    window.addEventListener("load", restore);
  }

  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = own + "overlay.css";
  document.head.appendChild(css);

  // A browser opens at most six connections to one server, and every
  // open stream holds one: a page listens only while it is seen, and
  // when it is seen again the state it is told reloads it if the site
  // changed meanwhile.
  var events = null;
  function listen() {
    if (events || document.hidden) return;
    // The page names itself, so that a rebuild makes it first.
    events = new EventSource(own + "events?page=" + encodeURIComponent(location.pathname));
    events.addEventListener("state", function (e) {
      var state = JSON.parse(e.data);
      if (state.build && state.build !== build) {
        stop();
        sessionStorage.setItem(key, JSON.stringify({ x: window.scrollX, y: window.scrollY }));
        location.reload();
        return;
      }
      show(state);
    });
  }
  function stop() {
    if (events) events.close();
    events = null;
  }
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) stop(); else listen();
  });
  window.addEventListener("pagehide", stop);
  window.addEventListener("pageshow", listen);
  listen();

  // show draws the overlay of a failed rebuild, or takes it away.
  function show(state) {
    var old = document.getElementById("sitegen-serve-overlay");
    if (old) old.remove();
    if (!state.problems.length) return;
    var box = document.createElement("section");
    box.id = "sitegen-serve-overlay";
    box.setAttribute("role", "alert");
    var h = document.createElement("h2");
    h.textContent = state.title;
    box.appendChild(h);
    var hint = document.createElement("p");
    hint.textContent = state.hint;
    box.appendChild(hint);
    var list = document.createElement("ol");
    state.problems.forEach(function (p) {
      var li = document.createElement("li");
      if (p.place) {
        var place = document.createElement("button");
        place.type = "button";
        place.className = "place";
        place.textContent = p.place;
        place.addEventListener("click", function () { copy(place, p.place, state.copied); });
        li.appendChild(place);
      }
      var text = document.createElement("span");
      text.className = "text";
      text.textContent = p.text;
      li.appendChild(text);
      list.appendChild(li);
    });
    box.appendChild(list);
    document.body.appendChild(box);
  }

  // copy puts a message's place on the clipboard, for the editor's
  // "go to file".
  function copy(button, place, copied) {
    var done = function () {
      button.textContent = place + " · " + copied;
      setTimeout(function () { button.textContent = place; }, 1500);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(place).then(done, function () { fallback(place); done(); });
    } else {
      fallback(place);
      done();
    }
  }

  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
})();
