"use strict";
// One item's page kept current over the live socket (/api/listings/live?item=<key>): a listing of
// the item that changes is rewritten in place or placed on its side of the book by value (buys
// highest first, sells cheapest first, at most the page's 50 a side), one that goes is taken
// away, and item.update rewrites the best prices and counts; whatever changed flashes.
(() => {
  const page = document.getElementById("item-page");
  const stateEl = document.getElementById("live-state");
  const template = document.getElementById("entry-template");
  const format = window.TradewatchFormat;
  if (!page || !stateEl || !template || !format) {
    return;
  }
  const base = document.body.dataset.base || "/";
  const liveQuery = page.dataset.liveQuery;
  const BOOK_SIZE = 50;
  const STATE_TEXT = { connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…", offline: "Offline" };
  const MIN_DELAY_MS = 1000;
  const MAX_DELAY_MS = 30000;
  const sides = {
    buy: document.getElementById("buys-body"),
    sell: document.getElementById("sells-body"),
  };

  function flash(el) {
    el.classList.remove("row-flash");
    void el.offsetWidth; // restarts the animation when something changes twice in a row
    el.classList.add("row-flash", "live-changed");
  }

  function findRow(source, id) {
    for (const body of Object.values(sides)) {
      for (const row of body.querySelectorAll("tr.book-row")) {
        if (row.dataset.source === source && row.dataset.id === id) {
          return row;
        }
      }
    }
    return null;
  }

  function fill(row, listing) {
    row.dataset.source = listing.source;
    row.dataset.id = listing.id;
    row.dataset.value = listing.value == null ? "" : String(listing.value);
    const link = row.querySelector(".entry-link");
    link.href = base + "listings/" + encodeURIComponent(listing.source) + "/" + encodeURIComponent(listing.id);
    link.textContent = format.priceText(listing);
    const who = listing.sellerName != null ? listing.sellerName : listing.sellerId;
    row.querySelector(".seller-name").textContent = who == null ? "—" : who;
    const cell = row.querySelector(".cell-age");
    let time = cell.querySelector("time");
    if (listing.listedAt != null) {
      time = time || cell.appendChild(document.createElement("time"));
      time.setAttribute("datetime", listing.listedAt);
      time.title = format.utc(listing.listedAt);
      time.textContent = format.ago(listing.listedAt);
    } else if (time) {
      time.remove();
    }
  }

  // Whether a row of value a comes before one of value b on the side: no value last.
  function before(side, a, b) {
    if (a === "" || b === "") {
      return a !== "" && b === "";
    }
    return side === "buy" ? Number(a) > Number(b) : Number(a) < Number(b);
  }

  function place(side, row) {
    const body = sides[side];
    let next = null;
    for (const other of body.querySelectorAll("tr.book-row")) {
      if (other !== row && before(side, row.dataset.value, other.dataset.value)) {
        next = other;
        break;
      }
    }
    const rows = body.querySelectorAll("tr.book-row");
    if (next === null && rows.length >= BOOK_SIZE && !row.parentNode) {
      return; // past the 50 shown: not on this page
    }
    body.insertBefore(row, next);
    const empty = body.querySelector(".book-empty");
    if (empty) {
      empty.remove();
    }
    const all = body.querySelectorAll("tr.book-row");
    for (let i = BOOK_SIZE; i < all.length; i++) {
      all[i].remove();
    }
  }

  function upsert(listing) {
    const side = listing.intent === "buy" || listing.intent === "sell" ? listing.intent : null;
    let row = findRow(listing.source, listing.id);
    if (side === null || listing.value == null) {
      if (row) {
        row.remove();
      }
      return;
    }
    if (row && row.parentNode !== sides[side]) {
      row.remove();
      row = null;
    }
    const fresh = row || template.content.firstElementChild.cloneNode(true);
    fill(fresh, listing);
    if (!row) {
      fresh.classList.add("live-new");
    }
    place(side, fresh);
    if (fresh.parentNode) {
      flash(fresh);
    }
  }

  function remove(data) {
    const row = findRow(data.source, data.id);
    if (row) {
      row.remove();
    }
  }

  function setText(id, text) {
    const el = document.getElementById(id);
    if (el && el.textContent !== text) {
      el.textContent = text;
      flash(el);
    }
  }

  const keyPrice = page.dataset.keyPrice;

  function update(item) {
    const unit = item.valueUnit;
    setText("item-best-buy", format.keysAndRef(item.bestBuy == null ? null : item.bestBuy.value, unit, keyPrice));
    setText("item-best-sell", format.keysAndRef(item.bestSell == null ? null : item.bestSell.value, unit, keyPrice));
    setText("item-spread", format.amount(item.spread, unit));
    document.getElementById("item-spread").classList.toggle("crossed", item.spread != null && Number(item.spread) < 0);
    setText("item-buy-count", String(item.buyCount));
    setText("item-sell-count", String(item.sellCount));
    setText("item-suggested", format.keysAndRef(item.suggested, unit, keyPrice));
  }

  let delay = MIN_DELAY_MS;

  function setState(state) {
    stateEl.dataset.state = state;
    stateEl.textContent = STATE_TEXT[state];
    stateEl.hidden = false;
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    let socket;
    try {
      socket = new WebSocket(scheme + "//" + location.host + base + "api/listings/live?" + liveQuery);
    } catch (e) {
      setState("offline");
      return;
    }
    socket.addEventListener("message", (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      if (message.event === "ready") {
        delay = MIN_DELAY_MS;
        setState("live");
      } else if (message.event === "listing.upsert") {
        upsert(message.data);
      } else if (message.event === "listing.remove") {
        remove(message.data);
      } else if (message.event === "item.update") {
        update(message.data);
      }
    });
    socket.addEventListener("close", (event) => {
      if (event.code === 1003) {
        setState("offline");
        return;
      }
      setState("reconnecting");
      const wait = delay * (0.8 + Math.random() * 0.4);
      delay = Math.min(MAX_DELAY_MS, delay * 2);
      setTimeout(connect, wait);
    });
  }

  setState("connecting");
  connect();
})();
