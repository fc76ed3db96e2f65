// Live updates for the listings page. The page is complete without this script: it only keeps the
// rows current over the live socket (/api/listings/live, with the page's own filters).
// No innerHTML with data: every value goes in through textContent or an attribute.
// Price and quality rules mirror ListingView (Java); a change there belongs here too.
"use strict";

(() => {
  const main = document.getElementById("listings-page");
  const body = document.getElementById("listings-body");
  const template = document.getElementById("listing-row-template");
  const stateEl = document.getElementById("live-state");
  const notice = document.getElementById("live-notice");
  if (!main || !body || !template || !stateEl) {
    return;
  }

  const base = document.body.dataset.base || "/";
  const pageSize = Number(main.dataset.pageSize) || 50;
  const insertNew = main.dataset.insertNew === "true";
  const liveQuery = main.dataset.liveQuery || "";

  const STATE_TEXT = {
    connecting: "Connecting…",
    live: "Live",
    reconnecting: "Reconnecting…",
    offline: "Offline",
  };
  const MIN_DELAY_MS = 1000;
  const MAX_DELAY_MS = 30000;
  const FADE_FALLBACK_MS = 1000;

  const QUALITY_CLASSES = {
    "normal": "q-normal",
    "genuine": "q-genuine",
    "vintage": "q-vintage",
    "unusual": "q-unusual",
    "unique": "q-unique",
    "strange": "q-strange",
    "haunted": "q-haunted",
    "collector's": "q-collectors",
    "decorated": "q-decorated",
    "decorated weapon": "q-decorated",
    "self-made": "q-self-made",
    "consumer grade": "q-consumer",
    "industrial grade": "q-industrial",
    "mil-spec": "q-mil-spec",
    "mil-spec grade": "q-mil-spec",
    "restricted": "q-restricted",
    "classified": "q-classified",
    "covert": "q-covert",
    "contraband": "q-contraband",
  };

  // ---- formatting (as ListingView and Formats do on the server) ----

  function qualityClass(quality) {
    if (quality == null) {
      return "q-other";
    }
    return QUALITY_CLASSES[String(quality).trim().toLowerCase()] || "q-other";
  }

  // The epsilons absorb binary floating point: 1.13 * 100 is 112.99999999999999.
  function twoDecimals(n, cut) {
    const scaled = cut ? Math.floor(n * 100 + 1e-6) : Math.round(n * 100 + 1e-7);
    return String(Number((scaled / 100).toFixed(2)));
  }

  function money(n) {
    return (Math.round(n * 100 + 1e-7) / 100).toFixed(2);
  }

  // Refined metal is cut, not rounded: traders write 5 scrap (5/9 ref) as 0.55.
  function ref(n) {
    return twoDecimals(n, true) + " ref";
  }

  function amount(value, unit) {
    if (value == null) {
      return "—";
    }
    const n = Number(value);
    if (unit == null) {
      return twoDecimals(n, false);
    }
    const code = String(unit).trim().toUpperCase();
    switch (code) {
      case "REF":
      case "METAL":
        return ref(n);
      case "USD":
        return "$" + money(n);
      case "EUR":
        return "€" + money(n);
      case "GBP":
        return "£" + money(n);
      default:
        return /^[A-Z]{3}$/.test(code) ? money(n) + " " + code : twoDecimals(n, false) + " " + unit;
    }
  }

  function priceText(listing) {
    const currencies = listing.currencies || {};
    const names = Object.keys(currencies);
    if (listing.source === "bptf" && names.length > 0) {
      const parts = [];
      const keys = Number(currencies.keys);
      if (currencies.keys != null && keys !== 0) {
        const count = twoDecimals(keys, false);
        parts.push(count + (count === "1" ? " key" : " keys"));
      }
      const metal = Number(currencies.metal);
      if (currencies.metal != null && metal !== 0) {
        parts.push(ref(metal));
      }
      for (const name of names) {
        if (name !== "keys" && name !== "metal" && Number(currencies[name]) !== 0) {
          parts.push(amount(currencies[name], name));
        }
      }
      return parts.length === 0 ? "0 ref" : parts.join(", ");
    }
    return amount(listing.value, listing.valueUnit);
  }

  function ago(iso) {
    const when = Date.parse(iso);
    if (Number.isNaN(when)) {
      return "";
    }
    const seconds = Math.max(0, Math.floor((Date.now() - when) / 1000));
    if (seconds < 45) {
      return "just now";
    }
    if (seconds < 90 * 60) {
      return Math.max(1, Math.round(seconds / 60)) + " min ago";
    }
    if (seconds < 36 * 3600) {
      return Math.round(seconds / 3600) + " h ago";
    }
    const days = Math.round(seconds / 86400);
    if (days < 60) {
      return days + " days ago";
    }
    const months = Math.round(days / 30.44);
    return months < 24 ? months + " months ago" : Math.round(days / 365.25) + " years ago";
  }

  function utc(iso) {
    return iso ? iso.slice(0, 19).replace("T", " ") + " UTC" : "";
  }

  function listingHref(listing) {
    return base + "listings/" + encodeURIComponent(listing.source) + "/" + encodeURIComponent(listing.id);
  }

  // ---- rows ----

  function findRow(source, id) {
    for (const row of body.querySelectorAll("tr.listing-row")) {
      if (row.dataset.source === source && row.dataset.id === id) {
        return row;
      }
    }
    return null;
  }

  function listingRows() {
    return body.querySelectorAll("tr.listing-row:not(.row-removing)");
  }

  // Fills a row from the live JSON; elements a listing does not have are removed, so the row ends
  // up as the server would have rendered it.
  function fill(row, listing) {
    const qualityCls = qualityClass(listing.quality);
    const href = listingHref(listing);
    row.dataset.source = listing.source;
    row.dataset.id = listing.id;

    const chip = row.querySelector(".quality-chip");
    const link = row.querySelector(".item-link");
    const cell = row.querySelector(".cell-item");
    if (listing.quality != null) {
      const fresh = chip || cell.insertBefore(document.createElement("span"), link);
      fresh.className = "quality-chip " + qualityCls;
      fresh.textContent = listing.quality;
    } else if (chip) {
      chip.remove();
    }
    link.className = "item-link " + qualityCls;
    link.href = href;
    link.textContent = listing.itemName == null ? "(unnamed item)" : listing.itemName;
    setExtra(cell, "particle", listing.particle);
    setExtra(cell, "wear", listing.wear);

    row.querySelector(".cell-price").textContent = priceText(listing);

    const intent = row.querySelector(".intent");
    intent.className = "intent " + (listing.intent == null ? "intent-none" : "intent-" + listing.intent);
    intent.textContent = listing.intent == null ? "—" : listing.intent;

    const seller = listing.sellerName != null ? listing.sellerName : listing.sellerId;
    const sellerCell = row.querySelector(".cell-seller");
    let sellerLink = sellerCell.querySelector(".seller-link");
    let sellerNone = sellerCell.querySelector(".seller-none");
    if (seller != null) {
      if (!sellerLink) {
        sellerLink = sellerCell.appendChild(document.createElement("a"));
        sellerLink.className = "seller-link";
      }
      sellerLink.href = href;
      sellerLink.textContent = seller;
      if (sellerNone) {
        sellerNone.remove();
      }
    } else {
      if (!sellerNone) {
        sellerNone = sellerCell.appendChild(document.createElement("span"));
        sellerNone.className = "seller-none muted";
        sellerNone.textContent = "—";
      }
      if (sellerLink) {
        sellerLink.remove();
      }
    }

    row.querySelector(".source-badge").textContent = listing.source;

    const time = row.querySelector(".cell-age time");
    const updated = listing.updatedAt || "";
    time.setAttribute("datetime", updated);
    time.title = utc(updated);
    time.textContent = ago(updated);
  }

  function setExtra(cell, kind, value) {
    let el = cell.querySelector(".item-extra." + kind);
    if (value == null) {
      if (el) {
        el.remove();
      }
      return;
    }
    if (!el) {
      el = cell.appendChild(document.createElement("span"));
      el.className = "item-extra " + kind;
    }
    el.textContent = value;
  }

  function flash(row) {
    row.classList.remove("row-flash");
    void row.offsetWidth; // restarts the animation when a row changes twice in a row
    row.classList.add("row-flash");
  }

  function newRow(listing) {
    const row = template.content.firstElementChild.cloneNode(true);
    fill(row, listing);
    return row;
  }

  function removeRow(row) {
    if (row.classList.contains("row-removing")) {
      return;
    }
    row.classList.remove("row-flash");
    row.classList.add("row-removing");
    let gone = false;
    const drop = () => {
      if (!gone) {
        gone = true;
        row.remove();
      }
    };
    row.addEventListener("animationend", (event) => {
      if (event.animationName === "row-fade") {
        drop();
      }
    });
    setTimeout(drop, FADE_FALLBACK_MS);
  }

  // ---- the notice of what is not shown ----

  const unseen = new Set();
  let missedWhileAway = false;

  function showNotice() {
    if (!notice) {
      return;
    }
    const parts = [];
    if (unseen.size > 0) {
      parts.push(unseen.size === 1 ? "1 new listing" : unseen.size + " new listings");
    }
    if (missedWhileAway) {
      parts.push("reconnected, changes may have been missed");
    }
    if (parts.length === 0) {
      notice.hidden = true;
      return;
    }
    notice.textContent = parts.join("; ") + " — reload";
    notice.dataset.count = String(unseen.size);
    notice.hidden = false;
  }

  // ---- applying messages ----

  function upsert(listing) {
    const row = findRow(listing.source, listing.id);
    if (row && !row.classList.contains("row-removing")) {
      fill(row, listing);
      if (insertNew && row !== body.firstElementChild) {
        body.insertBefore(row, body.firstElementChild);
      }
      flash(row);
      return;
    }
    if (insertNew) {
      const empty = document.getElementById("listings-empty");
      if (empty) {
        empty.remove();
      }
      const created = newRow(listing);
      body.insertBefore(created, body.firstElementChild);
      flash(created);
      const rows = listingRows();
      for (let i = rows.length - 1; i >= pageSize; i--) {
        rows[i].remove();
      }
      return;
    }
    unseen.add(listing.source + "/" + listing.id);
    showNotice();
  }

  function remove(data) {
    const row = findRow(data.source, data.id);
    if (row) {
      removeRow(row);
    }
    unseen.delete(data.source + "/" + data.id);
    showNotice();
  }

  function onMessage(event) {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (message.event === "ready") {
      setState("live");
      delay = MIN_DELAY_MS;
    } else if (message.event === "listing.upsert" && message.data) {
      upsert(message.data);
    } else if (message.event === "listing.remove" && message.data) {
      remove(message.data);
    }
  }

  // ---- the socket ----

  let socket = null;
  let delay = MIN_DELAY_MS;
  let retryTimer = null;
  let everLive = false;

  function setState(state) {
    if (state === "live") {
      if (everLive) {
        missedWhileAway = true;
        showNotice();
      }
      everLive = true;
    }
    stateEl.dataset.state = state;
    stateEl.textContent = STATE_TEXT[state];
    stateEl.hidden = false;
  }

  function url() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    return scheme + "//" + location.host + base + "api/listings/live" + (liveQuery ? "?" + liveQuery : "");
  }

  function connect() {
    retryTimer = null;
    if (navigator.onLine === false) {
      setState("offline");
      return;
    }
    try {
      socket = new WebSocket(url());
    } catch (e) {
      setState("offline");
      return;
    }
    socket.addEventListener("message", onMessage);
    socket.addEventListener("close", onClose);
  }

  function onClose(event) {
    socket = null;
    // 1003: the server refused these filters; asking again would be refused again.
    if (event.code === 1003) {
      setState("offline");
      return;
    }
    scheduleReconnect();
  }

  function scheduleReconnect() {
    if (retryTimer !== null) {
      return;
    }
    if (navigator.onLine === false) {
      setState("offline");
      return;
    }
    setState("reconnecting");
    // Jitter, so that many pages cut off together do not all come back in the same instant.
    const wait = delay * (0.8 + Math.random() * 0.4);
    delay = Math.min(MAX_DELAY_MS, delay * 2);
    retryTimer = setTimeout(connect, wait);
  }

  window.addEventListener("online", () => {
    if (socket === null) {
      if (retryTimer !== null) {
        clearTimeout(retryTimer);
      }
      delay = MIN_DELAY_MS;
      setState("reconnecting");
      connect();
    }
  });
  window.addEventListener("offline", () => {
    if (socket === null) {
      if (retryTimer !== null) {
        clearTimeout(retryTimer);
        retryTimer = null;
      }
      setState("offline");
    }
  });

  // Relative ages drift while the page is open; refresh them now and then.
  setInterval(() => {
    for (const time of body.querySelectorAll(".cell-age time")) {
      time.textContent = ago(time.getAttribute("datetime"));
    }
  }, 30000);

  setState("connecting");
  connect();
})();
