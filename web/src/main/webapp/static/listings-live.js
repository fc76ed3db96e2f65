// Live updates for the listings page. The page is complete without this script: it only keeps the
// rows current over the live socket (/api/listings/live, with the page's own filters).
// No innerHTML with data: every value goes in through textContent or an attribute, and links and
// icons only from the "links" the server checked (ListingLinks). Prices and times are formatted
// by formats.js, as the server formats them; quality classes mirror ListingView.
//
// The table holds still while a trader works in it: changes wait while the pointer is over the
// table, while something in it has focus, or while "Pause live" is on, and are counted; otherwise
// they are applied in batches, at most twice a second. Away from the top of the default order,
// only listings that would land on this very page are counted in the "new listings" notice.
"use strict";

(() => {
  const main = document.getElementById("listings-page");
  const table = document.getElementById("listings-table");
  const body = document.getElementById("listings-body");
  const template = document.getElementById("listing-row-template");
  const stateEl = document.getElementById("live-state");
  const notice = document.getElementById("live-notice");
  const pauseButton = document.getElementById("live-pause");
  const waitingEl = document.getElementById("live-waiting");
  const format = window.TradewatchFormat;
  if (!main || !table || !body || !template || !stateEl || !format) {
    return;
  }

  const base = document.body.dataset.base || "/";
  const pageSize = Number(main.dataset.pageSize) || 50;
  const insertNew = main.dataset.insertNew === "true";
  const liveQuery = main.dataset.liveQuery || "";
  const sort = main.dataset.sort || "-updated";
  const firstPage = main.dataset.page === "1";
  const lastPage = main.dataset.lastPage === "true";

  const STATE_TEXT = {
    connecting: "Connecting…",
    live: "Live",
    reconnecting: "Reconnecting…",
    offline: "Offline",
  };
  const MIN_DELAY_MS = 1000;
  const MAX_DELAY_MS = 30000;
  const FADE_FALLBACK_MS = 1000;
  // Changes are applied together at most this often, so rows never flicker at the stream's pace.
  const BATCH_MS = 500;
  // Changes kept while the table is held; past this many listings, the page offers a reload.
  const MAX_WAITING = 2000;

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

  function qualityClass(quality) {
    if (quality == null) {
      return "q-other";
    }
    return QUALITY_CLASSES[String(quality).trim().toLowerCase()] || "q-other";
  }

  function listingHref(listing) {
    return base + "listings/" + encodeURIComponent(listing.source) + "/" + encodeURIComponent(listing.id);
  }

  // ---- the page's place in its order ----

  // ISO instants as the server writes them, with 0 to 9 decimals, made comparable as text.
  function instantKey(iso) {
    const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(iso || "");
    return match ? match[1] + "." + (match[2] || "").padEnd(9, "0") : "";
  }

  function sortKey(source, id, value, updated) {
    const number = value === "" || value == null ? null : Number(value);
    return { source, id, value: Number.isFinite(number) ? number : null, updated: instantKey(updated) };
  }

  function rowKey(row) {
    return sortKey(row.dataset.source, row.dataset.id, row.dataset.value, row.dataset.updated);
  }

  function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  // As the store orders a search: the sort, then source and id in the same direction; listings
  // without a value come last either way. Negative when a comes before b on the pages.
  function compare(a, b) {
    const descending = sort.startsWith("-");
    let order;
    if (sort.endsWith("value")) {
      if (a.value === null || b.value === null) {
        if (a.value !== b.value) {
          return a.value === null ? 1 : -1;
        }
        order = 0;
      } else {
        order = a.value - b.value;
      }
    } else {
      order = compareText(a.updated, b.updated);
    }
    if (order === 0) {
      order = compareText(a.source, b.source) || compareText(a.id, b.id);
    }
    return descending ? -order : order;
  }

  // The page's first and last rows as the server sent them: a listing lands on this page when it
  // sorts between them (the first page is open above, the last page below).
  const initialRows = body.querySelectorAll("tr.listing-row");
  const bounds =
    initialRows.length === 0
      ? null
      : { first: rowKey(initialRows[0]), last: rowKey(initialRows[initialRows.length - 1]) };

  function landsHere(listing) {
    const key = sortKey(listing.source, listing.id, listing.value, listing.updatedAt);
    if (bounds === null) {
      return firstPage && lastPage;
    }
    return (firstPage || compare(bounds.first, key) <= 0) && (lastPage || compare(key, bounds.last) <= 0);
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

  // Sets an optional element's link, or removes it when the listing has none.
  function setLink(el, href, text) {
    if (!el) {
      return;
    }
    if (href == null) {
      el.remove();
      return;
    }
    el.href = href;
    if (text != null) {
      el.textContent = text;
    }
  }

  // Fills a row from the live JSON; elements a listing does not have are removed, so the row ends
  // up as the server would have rendered it.
  function fill(row, listing) {
    const qualityCls = qualityClass(listing.quality);
    const links = listing.links || {};
    row.dataset.source = listing.source;
    row.dataset.id = listing.id;
    row.dataset.value = listing.value == null ? "" : String(listing.value);
    row.dataset.updated = listing.updatedAt || "";

    const cell = row.querySelector(".cell-item");
    const link = row.querySelector(".item-link");
    let icon = row.querySelector(".item-icon");
    if (links.image != null) {
      if (!icon) {
        icon = cell.insertBefore(document.createElement("img"), cell.firstChild);
        icon.className = "item-icon";
        icon.alt = "";
        icon.loading = "lazy";
        icon.decoding = "async";
        icon.width = 40;
        icon.height = 40;
      }
      if (icon.getAttribute("src") !== links.image) {
        icon.classList.remove("icon-failed");
        icon.src = links.image;
      }
    } else if (icon) {
      icon.remove();
    }
    const chip = row.querySelector(".quality-chip");
    if (listing.quality != null) {
      const fresh = chip || cell.insertBefore(document.createElement("span"), link);
      fresh.className = "quality-chip " + qualityCls;
      fresh.textContent = listing.quality;
    } else if (chip) {
      chip.remove();
    }
    link.className = "item-link " + qualityCls;
    link.href = listingHref(listing);
    link.textContent = listing.itemName == null ? "(unnamed item)" : listing.itemName;
    setExtra(cell, "particle", listing.particle);
    setExtra(cell, "wear", listing.wear);
    // The link to the listing's item page, as the server renders it: absent without an item.
    const itemLink = row.querySelector(".item-page-link");
    if (listing.itemKey != null) {
      const fresh = itemLink || cell.appendChild(document.createElement("a"));
      fresh.className = "item-page-link";
      fresh.title = "Every buy order and sell listing of this item";
      fresh.textContent = "item";
      fresh.href = base + "items/" + encodeURIComponent(listing.itemKey);
    } else if (itemLink) {
      itemLink.remove();
    }

    row.querySelector(".cell-price").textContent = format.priceText(listing);

    const intent = row.querySelector(".intent");
    intent.className = "intent " + (listing.intent == null ? "intent-none" : "intent-" + listing.intent);
    intent.textContent = listing.intent == null ? "—" : listing.intent;

    fillSeller(row.querySelector(".cell-seller"), listing, links);

    const linksCell = row.querySelector(".cell-links");
    setLink(linksCell.querySelector(".link-listing"), links.listing);
    setLink(linksCell.querySelector(".link-steam"), links.sellerSteam);
    setLink(linksCell.querySelector(".link-offer"), links.tradeOffer);
    setLink(
      linksCell.querySelector(".link-marketplace"),
      links.marketplace,
      links.marketplaceName == null ? null : "On " + links.marketplaceName);

    row.querySelector(".source-badge").textContent = listing.source;

    const time = row.querySelector(".cell-age time");
    const updated = listing.updatedAt || "";
    time.setAttribute("datetime", updated);
    time.title = format.utc(updated);
    time.textContent = format.ago(updated);
  }

  // The seller's name links to their backpack.tf profile when there is one; a dash when no name.
  function fillSeller(cell, listing, links) {
    const seller = listing.sellerName != null ? listing.sellerName : listing.sellerId;
    const wanted = seller == null ? "seller-none" : links.sellerProfile != null ? "seller-link" : "seller-name";
    for (const el of cell.querySelectorAll(".seller-link, .seller-name, .seller-none")) {
      if (!el.classList.contains(wanted)) {
        el.remove();
      }
    }
    let el = cell.querySelector("." + wanted);
    if (!el) {
      el = cell.appendChild(document.createElement(wanted === "seller-link" ? "a" : "span"));
      el.className = wanted === "seller-none" ? "seller-none muted" : wanted;
      if (wanted === "seller-link") {
        el.target = "_blank";
        el.rel = "noopener noreferrer";
        el.title = "The seller on backpack.tf";
      }
    }
    if (wanted === "seller-none") {
      el.textContent = "—";
      return;
    }
    el.textContent = seller;
    if (wanted === "seller-link") {
      el.href = links.sellerProfile;
    }
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

  // An icon that cannot be loaded (no network, a moved file) leaves a quiet placeholder.
  document.addEventListener(
    "error",
    (event) => {
      const target = event.target;
      if (target instanceof HTMLImageElement && target.classList.contains("item-icon")) {
        target.classList.add("icon-failed");
      }
    },
    true);
  for (const icon of body.querySelectorAll("img.item-icon")) {
    if (icon.complete && icon.naturalWidth === 0 && icon.getAttribute("src")) {
      icon.classList.add("icon-failed");
    }
  }

  // ---- the notice of what is not shown ----

  const unseen = new Set();
  let missedWhileAway = false;
  let overflowed = false;

  function showNotice() {
    if (!notice) {
      return;
    }
    const parts = [];
    if (unseen.size > 0) {
      parts.push(unseen.size === 1 ? "1 new listing" : format.count(unseen.size) + " new listings");
    }
    if (overflowed) {
      parts.push("too many changes to hold");
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

  // ---- holding still ----

  const waiting = new Map();
  let paused = false;
  let pointerInside = false;
  let focusInside = false;
  let lastBatchAt = 0;

  function held() {
    return paused || pointerInside || focusInside;
  }

  function showWaiting() {
    if (pauseButton) {
      pauseButton.textContent = paused ? "Resume" : "Pause live";
      pauseButton.setAttribute("aria-pressed", String(paused));
    }
    if (!waitingEl) {
      return;
    }
    const count = waiting.size;
    const reason = paused ? "Paused" : pointerInside || focusInside ? "Holding still" : null;
    if (reason === null || (count === 0 && !paused)) {
      waitingEl.hidden = true;
      return;
    }
    waitingEl.textContent =
      reason + " · " + (count === 1 ? "1 change waiting" : format.count(count) + " changes waiting");
    waitingEl.dataset.count = String(count);
    waitingEl.hidden = false;
  }

  function setHeld(change) {
    change();
    showWaiting();
    if (!held()) {
      applyWaiting();
    }
  }

  // Held by a pointer that moves onto the table. A page that loads under a resting pointer does not
  // freeze: the browser's own moves after a load or a layout change repeat the last position.
  let lastPoint = null;
  document.addEventListener(
    "mousemove",
    (event) => {
      const moved = lastPoint !== null && (event.clientX !== lastPoint.x || event.clientY !== lastPoint.y);
      lastPoint = { x: event.clientX, y: event.clientY };
      if (moved && !pointerInside && event.target instanceof Node && table.contains(event.target)) {
        setHeld(() => (pointerInside = true));
      }
    },
    true);
  table.addEventListener("mouseleave", () => setHeld(() => (pointerInside = false)));
  table.addEventListener("focusin", () => setHeld(() => (focusInside = true)));
  table.addEventListener("focusout", (event) =>
    setHeld(() => (focusInside = event.relatedTarget instanceof Node && table.contains(event.relatedTarget))));
  if (pauseButton) {
    pauseButton.hidden = false;
    pauseButton.addEventListener("click", () => setHeld(() => (paused = !paused)));
  }

  // Queues a change; the latest one for a listing replaces any earlier one still waiting.
  function queue(kind, data) {
    const key = data.source + "/" + data.id;
    waiting.delete(key);
    if (waiting.size >= MAX_WAITING) {
      waiting.clear();
      overflowed = true;
      showNotice();
    }
    waiting.set(key, { kind, data });
    if (held()) {
      showWaiting();
    }
  }

  function applyWaiting() {
    if (held() || waiting.size === 0) {
      return;
    }
    const batch = Array.from(waiting.values());
    waiting.clear();
    lastBatchAt = Date.now();
    apply(batch);
    showWaiting();
  }

  setInterval(() => {
    if (Date.now() - lastBatchAt >= BATCH_MS - 20) {
      applyWaiting();
    }
  }, BATCH_MS);

  // Applies one batch of changes to the table in one go.
  function apply(batch) {
    const toTop = [];
    for (const change of batch) {
      const data = change.data;
      const key = data.source + "/" + data.id;
      const row = findRow(data.source, data.id);
      if (change.kind === "remove") {
        if (row) {
          removeRow(row);
        }
        unseen.delete(key);
        continue;
      }
      if (row && !row.classList.contains("row-removing")) {
        fill(row, data);
        if (insertNew) {
          toTop.push(row);
        } else {
          flash(row);
        }
        continue;
      }
      if (insertNew) {
        toTop.push(newRow(data));
      } else if (landsHere(data)) {
        unseen.add(key);
      } else {
        unseen.delete(key);
      }
    }
    if (toTop.length > 0) {
      toTop.sort((a, b) => compare(rowKey(a), rowKey(b)));
      const empty = document.getElementById("listings-empty");
      if (empty) {
        empty.remove();
      }
      const arrivals = document.createDocumentFragment();
      for (const row of toTop.slice(0, pageSize)) {
        arrivals.appendChild(row);
      }
      body.insertBefore(arrivals, body.firstElementChild);
      for (const row of toTop.slice(pageSize)) {
        row.remove();
      }
      const rows = listingRows();
      for (let i = rows.length - 1; i >= pageSize; i--) {
        rows[i].remove();
      }
      toTop.slice(0, pageSize).forEach(flash);
    }
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
      queue("upsert", message.data);
    } else if (message.event === "listing.remove" && message.data) {
      queue("remove", message.data);
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
      time.textContent = format.ago(time.getAttribute("datetime"));
    }
  }, 30000);

  setState("connecting");
  connect();
})();
