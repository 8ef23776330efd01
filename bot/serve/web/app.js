// The CGIR chat widget. Talks Rasa's REST channel format to /webhooks/rest/webhook.
// Every piece of user or catalog text goes into the page with textContent, never as markup.
"use strict";

(function () {
  const WEBHOOK = "/webhooks/rest/webhook";
  const STORAGE_KEY = "cgir-sender";
  const log = document.getElementById("log");
  const form = document.getElementById("composer");
  const input = document.getElementById("message");
  const sendButton = document.getElementById("send");
  const suggestions = document.getElementById("suggestions");
  const strip = document.getElementById("strip");
  const current = document.getElementById("current");
  const direction = document.getElementById("direction");
  const syntheticBadge = document.getElementById("synthetic");
  const newChat = document.getElementById("new-chat");

  let sender = null;
  let busy = false;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function addBubble(who, text) {
    const item = el("li", "bubble " + who);
    // Keep the bot's line breaks (numbered lists) without interpreting anything as HTML.
    item.textContent = text;
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    return item;
  }

  async function ensureSender(forceNew) {
    if (!forceNew) {
      const saved = window.sessionStorage.getItem(STORAGE_KEY);
      if (saved) return saved;
    }
    // The server issues the id: 192 random bits, a capability for this conversation only.
    const res = await fetch("/session", { method: "POST" });
    if (!res.ok) throw new Error("could not start a session (" + res.status + ")");
    const body = await res.json();
    window.sessionStorage.setItem(STORAGE_KEY, body.sender);
    return body.sender;
  }

  function formatNumber(value, digits) {
    return typeof value === "number" && isFinite(value) ? value.toFixed(digits) : "–";
  }

  function renderTurn(custom) {
    if (!custom || custom.type !== "cgir.turn") return;
    syntheticBadge.hidden = !custom.synthetic;
    if (custom.current) {
      current.textContent = "";
      current.appendChild(el("span", "label", "Current item: "));
      current.appendChild(el("strong", "current-title", custom.current.title));
    }
    const seq = Array.isArray(custom.sequence) ? custom.sequence : [];
    if (seq.length === 0) {
      // Select, reference, undo: the strip keeps showing the last walk, marking the current item.
      markCurrent(custom.current);
      if (custom.intent === "reference" || custom.intent === "restart") {
        strip.textContent = "";
        direction.textContent = "";
      }
      return;
    }
    const tag = custom.tag || "";
    // The list was found from its reference (after a pick, the current item is another one).
    const origin = custom.reference || custom.current;
    const from = origin ? " from “" + origin.title + "”" : "";
    direction.textContent = tag
      ? (custom.alpha === -1 ? "less " : "more ") + tag + from + ": weakest change first, strongest last"
      : "";
    // A guess at what the catalog lacks (running time, budget): say so above the cards.
    const guess = custom.estimate;
    if (guess && guess.said) {
      direction.textContent = guess.said + from + ": " + guess.note
        + (Array.isArray(guess.user_tags) && guess.user_tags.length
          ? " (what people tagged " + guess.user_tags.join(", ") + ")" : "");
    }
    // A catalog fact ("well known") is a percentile of what the catalog records, not an estimate.
    const recorded = Array.isArray(custom.recorded) ? custom.recorded : [];
    const known = function (label) { return recorded.indexOf(label) >= 0 ? " pctl." : " est."; };
    strip.textContent = "";
    seq.forEach(function (item, i) {
      const position = item.index || i + 1;
      const card = el("li", "card");
      card.tabIndex = 0;
      card.setAttribute("role", "button");
      card.dataset.index = String(position);
      card.dataset.itemId = String(item.item_id);
      card.setAttribute("aria-label", "Select " + position + ": " + item.title);
      card.appendChild(el("span", "card-index", String(position)));
      card.appendChild(el("span", "card-title", item.title));
      // γ only where it chose the item (the gradient walk); list answers send none.
      if (typeof item.gamma === "number" && isFinite(item.gamma)) {
        card.appendChild(el("span", "card-gamma", "γ " + formatNumber(item.gamma, 2)));
      }
      // The bar is the model's estimated degree of the asked attribute (0-1 over the catalog);
      // the planted relevance of the demo world, where known, is shown beside it as the truth.
      const hasDegree = typeof item.degree === "number" && isFinite(item.degree);
      const hasTruth = typeof item.relevance === "number" && isFinite(item.relevance);
      const value = hasDegree ? item.degree : (hasTruth ? item.relevance : null);
      const degrees = item.degrees && typeof item.degrees === "object" ? Object.keys(item.degrees) : [];
      if (degrees.length > 1) {
        // Every asked attribute, beside the reference's degree of it.
        const ref = custom.reference && custom.reference.degrees ? custom.reference.degrees : {};
        degrees.forEach(function (label) {
          const mine = item.degrees[label];
          const theirs = typeof ref[label] === "number" ? " (ref " + formatNumber(ref[label], 2) + ")" : "";
          card.appendChild(el("span", "card-rel", label + " " + formatNumber(mine, 2) + known(label) + theirs));
        });
      } else if (tag && value !== null) {
        const bar = el("span", "bar");
        const fill = el("span", "bar-fill");
        fill.style.width = Math.round(Math.max(0, Math.min(1, value)) * 100) + "%";
        bar.appendChild(fill);
        bar.setAttribute("role", "meter");
        bar.setAttribute("aria-valuemin", "0");
        bar.setAttribute("aria-valuemax", "1");
        bar.setAttribute("aria-valuenow", formatNumber(value, 2));
        bar.setAttribute("aria-label", tag + (hasDegree ? (known(tag) === " est." ? " degree (estimated)"
          : " percentile of what the catalog records") : " relevance"));
        card.appendChild(bar);
        let label = tag + " " + formatNumber(value, 2) + (hasDegree ? known(tag) : "");
        if (hasDegree && hasTruth) label += " · planted " + formatNumber(item.relevance, 2);
        const refDegree = custom.reference && typeof custom.reference.degree === "number"
          ? custom.reference.degree : null;
        if (hasDegree && refDegree !== null) label += " (ref " + formatNumber(refDegree, 2) + ")";
        card.appendChild(el("span", "card-rel", label));
      }
      if (Array.isArray(item.shares) && item.shares.length) {
        card.appendChild(el("span", "card-shares", "shares: " + item.shares.join(", ")));
      }
      // Plain utterances the parser reads, so a click is the same turn as typing it.
      const actions = el("span", "card-actions");
      [["seen it", "I've seen #" + position], ["more like this", "show me more like #" + position],
       ["why?", "why #" + position]].forEach(function (pair) {
        const b = el("button", "card-action", pair[0]);
        b.type = "button";
        b.addEventListener("click", function (event) {
          event.stopPropagation();
          send(pair[1], pair[1] + " (" + item.title + ")");
        });
        b.addEventListener("keydown", function (event) { event.stopPropagation(); });
        actions.appendChild(b);
      });
      card.appendChild(actions);
      card.addEventListener("click", function () { choose(card); });
      card.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          choose(card);
        }
      });
      strip.appendChild(card);
    });
    markCurrent(custom.current);
  }

  function markCurrent(item) {
    const id = item ? String(item.item_id) : null;
    strip.querySelectorAll(".card").forEach(function (card) {
      const on = id !== null && card.dataset.itemId === id;
      card.classList.toggle("is-current", on);
      card.setAttribute("aria-current", on ? "true" : "false");
    });
  }

  function choose(card) {
    const title = card.querySelector(".card-title").textContent;
    send("#" + card.dataset.index, "#" + card.dataset.index + " " + title);
  }

  function renderButtons(buttons) {
    suggestions.textContent = "";
    (buttons || []).forEach(function (b) {
      const button = el("button", "chip", b.title);
      button.type = "button";
      button.addEventListener("click", function () { send(b.payload, b.title); });
      suggestions.appendChild(button);
    });
  }

  function setBusy(value) {
    busy = value;
    sendButton.disabled = value;
    document.body.classList.toggle("busy", value);
  }

  async function send(message, shown) {
    message = String(message || "").trim();
    if (!message || busy) return;
    addBubble("user", shown || message);
    setBusy(true);
    try {
      sender = sender || (await ensureSender(false));
      const res = await post(message);
      if (!res.ok) {
        let detail = res.status + "";
        try { detail = (await res.json()).error || detail; } catch (e) { /* not JSON */ }
        addBubble("error", "Sorry, that did not go through: " + detail);
        return;
      }
      const messages = await res.json();
      let buttons = [];
      messages.forEach(function (m) {
        // Our server sends the turn as `custom`; Rasa's socket.io wrapping puts it under `data`.
        const turn = m.custom ? (m.custom.type ? m.custom : m.custom.data) : null;
        const drawn = turn && turn.type === "cgir.turn";
        // The plain text repeats the sequence as a numbered list; the strip shows it already.
        const text = drawn && typeof turn.text === "string" ? turn.text : m.text;
        if (text) addBubble("bot", text);
        if (m.buttons && m.buttons.length) buttons = m.buttons;
        if (drawn) renderTurn(turn);
      });
      renderButtons(buttons);
      // The chips take room from the log: keep the newest bubble in view.
      log.scrollTop = log.scrollHeight;
    } catch (error) {
      addBubble("error", "The server could not be reached: " + error.message);
    } finally {
      // A counter the page's tests (and any embedding page) can wait on.
      document.body.dataset.turns = String(Number(document.body.dataset.turns || "0") + 1);
      setBusy(false);
      input.focus();
    }
  }

  function post(message) {
    return fetch(WEBHOOK, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: sender, message: message }),
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const text = input.value;
    input.value = "";
    send(text);
  });

  newChat.addEventListener("click", async function () {
    try {
      sender = await ensureSender(true);
    } catch (error) {
      addBubble("error", "Could not start a new conversation: " + error.message);
      return;
    }
    log.textContent = "";
    strip.textContent = "";
    suggestions.textContent = "";
    direction.textContent = "";
    current.textContent = "No reference yet: name a movie you like.";
    addBubble("bot", "New conversation. Name a movie you like to start.");
  });

  addBubble("bot", "Hi! Tell me a movie you like, then critique it: \"funnier\", \"less violent\", \"more epic\".");
  ensureSender(false).then(function (id) { sender = id; document.body.dataset.ready = "1"; })
    .catch(function (error) { addBubble("error", error.message); });
  input.focus();
})();
