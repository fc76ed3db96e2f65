"use strict";
// The deals page kept current over the live socket (/api/listings/live?deals=true&listings=false,
// with the page's own filters): on the first page a deal that opens comes in at the top (the page
// is newest first) and one that closes goes; on later pages, deals already shown change or go.
// Rows are built from #deal-row-template with DealView's rules (a change there belongs here too).
(() => {
  const page = document.getElementById("deals-page");
  const body = document.getElementById("deals-body");
  const template = document.getElementById("deal-row-template");
  const stateEl = document.getElementById("live-state");
  if (!page || !body || !template || !stateEl) {
    return;
  }
  const format = window.TradewatchFormat;
  const base = document.body.dataset.base || "/";
  const liveQuery = page.dataset.liveQuery || "deals=true&listings=false";
  const pageSize = Number(page.dataset.pageSize) || 50;
  const firstPage = page.dataset.firstPage === "true";
  const totalEl = document.getElementById("deals-total");
  const countedAt = Date.parse(page.dataset.countedAt || "");
  let total = Number(page.dataset.total);
  const STATE_TEXT = { connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…", offline: "Offline" };
  const MIN_DELAY_MS = 1000;
  const MAX_DELAY_MS = 30000;

  function findRow(source, id) {
    for (const row of body.querySelectorAll("tr.deal-row")) {
      if (row.dataset.source === source && row.dataset.id === id) {
        return row;
      }
    }
    return null;
  }

  function fill(row, deal) {
    const unit = deal.valueUnit;
    row.dataset.source = deal.source;
    row.dataset.id = deal.listingId;
    row.dataset.reason = deal.reason;
    const link = row.querySelector(".item-link");
    link.textContent = deal.itemName;
    link.href = base + "listings/" + encodeURIComponent(deal.source) + "/" + encodeURIComponent(deal.listingId);
    row.querySelector(".item-page-link").href = base + "items/" + encodeURIComponent(deal.itemKey);
    row.querySelector(".cell-price").textContent = format.amount(deal.price, unit);
    row.querySelector(".deal-reason").textContent =
      deal.reason === "belowBestBuy" ? "below the best buy"
        : deal.reason === "underMedian" ? "under 7-day median" : "under suggested";
    const reference = deal.reason === "belowBestBuy" ? deal.bestBuy
      : deal.reason === "underMedian" ? deal.medianSell : deal.suggested;
    row.querySelector(".cell-reference").textContent = format.amount(reference, unit);
    row.querySelector(".cell-profit").textContent = format.amount(deal.profit, unit);
    row.querySelector(".cell-discount").textContent = Number(deal.discountPercent).toFixed(2) + "%";
    row.querySelector(".source-badge").textContent = deal.source;
    const time = row.querySelector(".cell-age time");
    time.setAttribute("datetime", deal.openedAt);
    time.title = format.utc(deal.openedAt);
    time.textContent = format.ago(deal.openedAt);
  }

  // The count follows the socket: a deal opened after the server counted comes in, and a close
  // (sent only for a deal that passed these filters) goes out. A deal that comes to pass the
  // filters by a change keeps its older opening time and is not counted in until a reload.
  function recount(change) {
    if (!totalEl || !Number.isFinite(total)) {
      return;
    }
    total = Math.max(0, total + change);
    totalEl.textContent = total === 1 ? "1 open deal" : total.toLocaleString("en-US") + " open deals";
  }

  function open(deal) {
    const shown = findRow(deal.source, deal.listingId);
    if (!shown && Number.isFinite(countedAt) && Date.parse(deal.openedAt) > countedAt) {
      recount(1);
    }
    if (shown) {
      // Its figures changed; it stays where it is, open since it opened.
      fill(shown, deal);
      shown.classList.remove("row-flash");
      void shown.offsetWidth; // restarts the animation when a row changes twice in a row
      shown.classList.add("row-flash");
      return;
    }
    if (!firstPage) {
      return;
    }
    const row = template.content.firstElementChild.cloneNode(true);
    fill(row, deal);
    // live-new marks a row the socket brought; row-flash draws the eye to it, as on the listings.
    row.classList.add("live-new", "row-flash");
    body.insertBefore(row, body.firstChild);
    const empty = document.getElementById("deals-empty");
    if (empty) {
      empty.remove();
    }
    const rows = body.querySelectorAll("tr.deal-row");
    for (let i = pageSize; i < rows.length; i++) {
      rows[i].remove();
    }
  }

  function close(data) {
    recount(-1);
    const row = findRow(data.source, data.listingId);
    if (row) {
      row.remove();
    }
    // The last deal shown closed: say so, as the server renders a page without deals.
    const emptyTemplate = document.getElementById("deals-empty-template");
    if (!body.querySelector("tr.deal-row") && !document.getElementById("deals-empty") && emptyTemplate) {
      body.appendChild(emptyTemplate.content.firstElementChild.cloneNode(true));
    }
  }

  function onMessage(event) {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (message.event === "ready") {
      delay = MIN_DELAY_MS;
      setState("live");
    } else if (message.event === "deal.open") {
      open(message.data);
    } else if (message.event === "deal.close") {
      close(message.data);
    }
  }

  let socket = null;
  let delay = MIN_DELAY_MS;

  function setState(state) {
    stateEl.dataset.state = state;
    stateEl.textContent = STATE_TEXT[state];
    stateEl.hidden = false;
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    try {
      socket = new WebSocket(scheme + "//" + location.host + base + "api/listings/live?" + liveQuery);
    } catch (e) {
      setState("offline");
      return;
    }
    socket.addEventListener("message", onMessage);
    socket.addEventListener("close", (event) => {
      socket = null;
      // 1003: the server refused these filters; asking again would be refused again.
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

  setInterval(() => {
    for (const time of body.querySelectorAll(".cell-age time")) {
      time.textContent = format.ago(time.getAttribute("datetime"));
    }
  }, 30000);

  setState("connecting");
  connect();
})();
