/* Phones in the room: the one script of every page. Plain JavaScript, no libraries.
   Everything a person typed is shown with textContent, never as HTML. */
(function () {
  "use strict";
  var WORDS = {
    nl: {
      join_title: "Meedoen", join_code: "Typ de code van het scherm", join_go: "Meedoen",
      question: "Vraag", members: "Aan tafel", your_notes: "Jullie punten", send: "Stuur",
      marks_help: "Begin met \" citaat, ? vraag, ! actie, > hefboom, + partner.",
      my_table: "Mijn tafel", pick_name: "Kies je naam (hoeft niet)", nobody: "— niet gekozen —",
      round: "Ronde", remote_title: "Afstandsbediening", pin: "PIN", next: "Volgende",
      pause: "Pauze / verder", extend: "+1 min", say: "Bericht",
      online: "verbonden", polling: "verbonden (langzaam)", offline: "geen verbinding — wordt bewaard",
      sending: "wordt verstuurd…", edit: "Wijzig", del: "Weg", save: "Bewaar",
      answer_sent: "Verstuurd, dank je!", dots_left: "Nog {n} stippen", answered: "Beantwoord",
      paused: "gepauzeerd", done: "Gedaan", your_table: "Jouw tafel", no_question: "Nog geen vraag",
      kind_inzicht: "punt", kind_citaat: "citaat", kind_vraag: "vraag", kind_actie: "actie",
      kind_hefboom: "hefboom", kind_partner: "partner", kind_overig: "overig"
    },
    en: {
      join_title: "Join", join_code: "Type the code on the screen", join_go: "Join",
      question: "Question", members: "At the table", your_notes: "Your points", send: "Send",
      marks_help: "Start with \" quote, ? question, ! action, > lever, + partner.",
      my_table: "My table", pick_name: "Pick your name (optional)", nobody: "— not chosen —",
      round: "Round", remote_title: "Remote", pin: "PIN", next: "Next",
      pause: "Pause / go on", extend: "+1 min", say: "Message",
      online: "connected", polling: "connected (slow)", offline: "offline — kept for later",
      sending: "sending…", edit: "Edit", del: "Delete", save: "Save",
      answer_sent: "Sent, thank you!", dots_left: "{n} dots left", answered: "Answered",
      paused: "paused", done: "Done", your_table: "Your table", no_question: "No question yet",
      kind_inzicht: "point", kind_citaat: "quote", kind_vraag: "question", kind_actie: "action",
      kind_hefboom: "lever", kind_partner: "partner", kind_overig: "other"
    }
  };
  var query = new URLSearchParams(location.search);
  var lang = query.get("lang") || localStorage.getItem("room.lang") ||
    ((navigator.language || "nl").slice(0, 2) === "en" ? "en" : "nl");
  if (!WORDS[lang]) { lang = "nl"; }
  document.documentElement.lang = lang;
  function t(key, n) { var s = WORDS[lang][key] || key; return n === undefined ? s : s.replace("{n}", n); }
  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function randomId() {
    var a = new Uint8Array(12); (window.crypto || window.msCrypto).getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-t]"), function (e) {
    e.textContent = t(e.getAttribute("data-t"));
  });

  var page = document.body.getAttribute("data-page");
  var token = query.get("t") || "";
  var group = page === "rapporteur" ? location.pathname.split("/")[2] : "";
  var device = localStorage.getItem("room.device");
  if (!device) { device = randomId(); localStorage.setItem("room.device", device); }
  var auth = "t=" + encodeURIComponent(token) + (group ? "&g=" + encodeURIComponent(group) : "") +
    "&d=" + encodeURIComponent(device);

  /* -- the timer: a deadline from the server, shown against the phone's clock ------------ */
  var timer = null, offset = 0;
  function shownSeconds(ms) { return Math.ceil(Math.round(ms) / 1000 - 1e-9); }
  function fmt(shown) {
    var sign = shown < 0 ? "+" : "", a = Math.abs(shown), m = Math.floor(a / 60), s = a % 60;
    return sign + (m < 10 ? "0" : "") + m + ":" + (s < 10 ? "0" : "") + s;
  }
  function drawTimer() {
    var box = $("timer");
    if (!box || !timer) { return; }
    var remaining = timer.running ? timer.deadline_ms - (Date.now() + offset) : timer.remaining_ms;
    var shown = shownSeconds(remaining);
    box.textContent = fmt(shown);
    box.className = "timer" + (shown <= 0 ? " red" : shown <= 120 ? " amber" : "");
    $("timer-label").textContent = (timer.label || "") + (timer.running ? "" : " · " + t("paused"));
  }
  setInterval(drawTimer, 250);
  function setTimer(value) {
    if (!value) { return; }
    timer = value;
    offset = value.server_ms - Date.now();
    drawTimer();
  }

  /* -- the link to the server: WebSocket, else polling; an outbox kept across reloads ------ */
  var ws = null, rev = -1, polling = null, failures = 0, state = null;
  var outboxKey = "room.outbox." + page + "." + group + "." + token.slice(0, 8);
  var outbox = JSON.parse(localStorage.getItem(outboxKey) || "[]");
  function saveOutbox() { localStorage.setItem(outboxKey, JSON.stringify(outbox)); }
  function setStatus(kind) {
    var s = $("status"); if (!s) { return; }
    s.textContent = t(kind); s.className = "status" + (kind === "offline" ? " off" : "");
  }
  function connect() {
    var proto = location.protocol === "https:" ? "wss://" : "ws://";
    try { ws = new WebSocket(proto + location.host + "/ws?" + auth); } catch (e) { ws = null; startPolling(); return; }
    ws.onopen = function () { failures = 0; stopPolling(); setStatus("online"); flush(); };
    ws.onmessage = function (ev) { var m; try { m = JSON.parse(ev.data); } catch (e) { return; } receive(m); };
    ws.onclose = function (ev) {
      ws = null;
      if (ev.code === 4003 || ev.code === 4001) { setStatus("offline"); return; }
      failures += 1;
      if (failures >= 2) { startPolling(); }
      setStatus(polling ? "polling" : "offline");
      setTimeout(connect, Math.min(10000, 500 * Math.pow(2, failures)));
    };
  }
  function startPolling() { if (!polling) { polling = setInterval(poll, 2000); poll(); } }
  function stopPolling() { if (polling) { clearInterval(polling); polling = null; } }
  function poll() {
    fetch("/api/state?" + auth + "&since=" + rev).then(function (r) {
      if (!r.ok) { throw new Error(r.status); }
      return r.json();
    }).then(function (m) { setStatus("polling"); receive(m); flush(); })
      .catch(function () { setStatus("offline"); });
  }
  function post(message) {
    return fetch("/api/send?" + auth, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(message)
    }).then(function (r) { return r.json(); });
  }
  function send(message) {
    if (ws && ws.readyState === 1) { ws.send(JSON.stringify(message)); return; }
    post(message).then(receive).catch(function () { setStatus("offline"); });
  }
  var flushing = false;
  function flush() {
    if (flushing) { return; }
    flushing = true;
    outbox.forEach(function (m) { send(m); });
    flushing = false;
  }
  function queue(message) { outbox.push(message); saveOutbox(); send(message); render(); }
  setInterval(function () { if (outbox.length) { flush(); } }, 5000);
  function receive(m) {
    if (m.timer) { setTimer(m.timer); }
    if (m.op === "state") { rev = m.rev; state = m.view; showMessage(m.message); render(); }
    else if (m.op === "same") { showMessage(m.message); }
    else if (m.op === "timer") { setTimer(m.timer); }
    else if (m.op === "message") { showMessage(m.text); }
    else if (m.op === "ack") { drop(m.cid); done(m); }
    else if (m.op === "error") {
      if (m.code !== "slow") { drop(m.cid); }
      var e = $("error"); if (e) { e.textContent = m.message || ""; }
      if (m.code === "slow") { setTimeout(flush, 2000); }
    } else if (m.op === "done") { done(m); }
  }
  function drop(cid) {
    if (!cid) { return; }
    outbox = outbox.filter(function (x) { return x.cid !== cid; }); saveOutbox(); render();
  }
  function showMessage(text) {
    var box = $("message"); if (!box) { return; }
    box.textContent = text || ""; box.className = "message" + (text ? "" : " hidden");
  }
  var answered = JSON.parse(localStorage.getItem("room.answered") || "{}");
  function done(m) {
    if (page === "participant" && m.op === "ack") {
      var e = $("error"); if (e) { e.textContent = ""; }
    }
    if (page === "remote") { $("ok").textContent = t("done"); $("error").textContent = ""; }
  }

  /* -- pages ------------------------------------------------------------------------------- */
  function render() {
    if (page === "rapporteur") { renderRapporteur(); }
    else if (page === "participant") { renderParticipant(); }
    else if (page === "remote" && state) { $("item").textContent = state.session.item ? state.session.item.title : ""; }
  }

  function noteItem(kind, text, cls) {
    var li = el("li", cls);
    li.appendChild(el("span", "kind", t("kind_" + kind)));
    li.appendChild(el("span", "text", text));
    return li;
  }
  function renderRapporteur() {
    var list = $("notes");
    if (!state || !state.group || editing) { return; }
    var g = state.group;
    $("group").textContent = g.title;
    $("table").textContent = g.table;
    $("question").textContent = g.question || "";
    var members = $("members"); members.textContent = "";
    g.members.forEach(function (name) { members.appendChild(el("li", "", name)); });
    list.textContent = "";
    var stored = {};
    state.notes.forEach(function (n) {
      stored[n.cid] = true;
      var li = noteItem(n.kind, n.text, "");
      var edit = el("button", "light", t("edit"));
      edit.onclick = function () { startEdit(li, n); };
      var del = el("button", "light", t("del"));
      del.onclick = function () { send({ op: "delete", id: n.id }); };
      li.appendChild(edit); li.appendChild(del);
      list.appendChild(li);
    });
    outbox.forEach(function (m) {
      if (m.op === "note" && !stored[m.cid]) {
        var li = noteItem("inzicht", m.text, "pending");
        li.appendChild(el("span", "muted", t("sending")));
        list.appendChild(li);
      }
    });
  }
  var editing = false;
  function startEdit(li, n) {
    editing = true;
    li.textContent = "";
    var input = el("input"); input.type = "text"; input.value = n.text; input.maxLength = 2000;
    var save = el("button", "", t("save"));
    save.onclick = function () {
      editing = false;
      if (input.value.trim()) { send({ op: "edit", id: n.id, text: input.value }); }
      render();
    };
    li.appendChild(input); li.appendChild(save); input.focus();
  }

  function myName() { return localStorage.getItem("room.me") || ""; }
  function renderParticipant() {
    if (!state) { return; }
    $("title").textContent = state.session.title;
    $("item").textContent = state.session.item ? state.session.item.title : "";
    var select = $("me"), me = myName(), names = {};
    state.rounds.forEach(function (r) { r.groups.forEach(function (g) { g.members.forEach(function (n) { names[n] = true; }); }); });
    select.textContent = "";
    var none = el("option", "", t("nobody")); none.value = ""; select.appendChild(none);
    Object.keys(names).sort().forEach(function (n) {
      var o = el("option", "", n); o.value = n; if (n === me) { o.selected = true; } select.appendChild(o);
    });
    var tables = $("tables"); tables.textContent = "";
    state.rounds.forEach(function (r) {
      r.groups.forEach(function (g) {
        if (me && g.members.indexOf(me) < 0) { return; }
        var box = el("div", "");
        box.appendChild(el("h2", "", (state.rounds.length > 1 ? t("round") + " " + r.number + ": " : "") + g.label));
        if (me) {
          var ul = el("ul", "members");
          g.members.forEach(function (n) { ul.appendChild(el("li", "", n)); });
          box.appendChild(ul);
        }
        tables.appendChild(box);
      });
    });
    if (!editingAnswer) { renderQuestions(); }
  }
  var editingAnswer = false;
  function answer(q, value) {
    queue({ op: "answer", cid: randomId(), question: q.id, value: value });
  }
  function renderQuestions() {
    var box = $("questions"); box.textContent = "";
    state.questions.forEach(function (q) {
      var s = el("section", "question-box"); s.setAttribute("data-question", q.id);
      s.appendChild(el("h2", "", q.prompt));
      var key = "q" + q.id;
      if (q.kind === "text" || q.kind === "word") {
        var input = el(q.kind === "text" ? "textarea" : "input");
        if (q.kind === "word") { input.type = "text"; input.maxLength = 40; } else { input.maxLength = 500; }
        input.onfocus = function () { editingAnswer = true; };
        input.onblur = function () { editingAnswer = false; };
        var b = el("button", "", t("send"));
        b.onclick = function () {
          if (!input.value.trim()) { return; }
          answer(q, input.value); input.value = ""; editingAnswer = false;
          answered[key] = (answered[key] || 0) + 1; localStorage.setItem("room.answered", JSON.stringify(answered));
          s.appendChild(el("p", "ok", t("answer_sent")));
        };
        s.appendChild(input); s.appendChild(b);
      } else if (q.kind === "scale" || q.kind === "choice") {
        var values = [];
        if (q.kind === "scale") { for (var v = q.options[0]; v <= q.options[1]; v++) { values.push([String(v), String(v)]); } }
        else { q.options.forEach(function (o, i) { values.push([String(i), o]); }); }
        values.forEach(function (pair) {
          var b = el("button", answered[key] === pair[0] ? "" : "light", pair[1]);
          b.disabled = answered[key] !== undefined;
          b.onclick = function () {
            answered[key] = pair[0]; localStorage.setItem("room.answered", JSON.stringify(answered));
            answer(q, pair[0]); renderQuestions();
          };
          s.appendChild(b);
        });
      } else if (q.kind === "dots") {
        var used = answered[key] || [];
        s.appendChild(el("p", "muted", t("dots_left", q.dots - used.length)));
        var ul = el("ul", "dots");
        q.options.forEach(function (noteId, i) {
          var li = el("li", "");
          li.appendChild(el("span", "text", q.texts[i]));
          var mine = used.filter(function (x) { return x === noteId; }).length;
          for (var k = 0; k < mine; k++) { li.appendChild(el("span", "dot")); }
          var b = el("button", "light", "+●");
          b.disabled = used.length >= q.dots;
          b.setAttribute("data-note", noteId);
          b.onclick = function () {
            used.push(noteId); answered[key] = used; localStorage.setItem("room.answered", JSON.stringify(answered));
            answer(q, noteId); renderQuestions();
          };
          li.appendChild(b); ul.appendChild(li);
        });
        s.appendChild(ul);
      }
      box.appendChild(s);
    });
  }

  /* -- start --------------------------------------------------------------------------------- */
  if (page === "join") {
    $("go").onclick = function () {
      fetch("/api/code", { method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ code: $("code").value }) })
        .then(function (r) { return r.json(); })
        .then(function (m) { if (m.url) { location.href = m.url; } else { $("error").textContent = m.error || ""; } })
        .catch(function () { $("error").textContent = t("offline"); });
    };
    return;
  }
  if (page === "rapporteur") {
    $("form").onsubmit = function (ev) {
      ev.preventDefault();
      var line = $("line").value;
      if (!line.trim()) { return; }
      $("line").value = ""; $("error").textContent = "";
      queue({ op: "note", cid: randomId(), text: line });
    };
  }
  if (page === "participant") {
    $("me").onchange = function () { localStorage.setItem("room.me", $("me").value); render(); };
  }
  if (page === "remote") {
    ["next", "pause", "extend"].forEach(function (a) {
      $(a).onclick = function () { $("ok").textContent = ""; send({ op: "remote", pin: $("pin").value, action: a }); };
    });
    $("say").onclick = function () {
      send({ op: "remote", pin: $("pin").value, action: "message", text: $("text").value });
    };
  }
  if (window.WebSocket) { connect(); } else { startPolling(); }
})();
