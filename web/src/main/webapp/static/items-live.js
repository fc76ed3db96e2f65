"use strict";
// The items page kept current over the live socket (/api/listings/live?items=true&listings=false,
// with the page's source and game): each item.update of an item shown rewrites its row's best
// prices (in keys and ref at the page's key price), spread, counts and last change with ItemRow's
// rules, and flashes the row. Items not on
// the page are left alone: which page they belong on depends on the sort, and a reload says.
(() => {
  const page = document.getElementById("items-page");
  const body = document.getElementById("items-body");
  const stateEl = document.getElementById("live-state");
  const format = window.TradewatchFormat;
  if (!page || !body || !stateEl || !format) {
    return;
  }
  const base = document.body.dataset.base || "/";
  const liveQuery = page.dataset.liveQuery || "items=true&listings=false";
  const STATE_TEXT = { connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…", offline: "Offline" };
  const MIN_DELAY_MS = 1000;
  const MAX_DELAY_MS = 30000;

  function findRow(key) {
    for (const row of body.querySelectorAll("tr.item-row")) {
      if (row.dataset.key === key) {
        return row;
      }
    }
    return null;
  }

  const keyPrice = page.dataset.keyPrice;

  function best(side, unit) {
    return format.keysAndRef(side == null ? null : side.value, unit, keyPrice);
  }

  function update(item) {
    const row = findRow(item.itemKey);
    if (!row) {
      return;
    }
    const unit = item.valueUnit;
    row.querySelector(".cell-best-buy").textContent = best(item.bestBuy, unit);
    row.querySelector(".cell-best-sell").textContent = best(item.bestSell, unit);
    const spread = row.querySelector(".cell-spread");
    spread.textContent = format.amount(item.spread, unit);
    spread.classList.toggle("crossed", item.spread != null && Number(item.spread) < 0);
    row.querySelector(".cell-buys").textContent = String(item.buyCount);
    row.querySelector(".cell-sells").textContent = String(item.sellCount);
    row.querySelector(".cell-suggested").textContent = format.keysAndRef(item.suggested, unit, keyPrice);
    const time = row.querySelector(".cell-age time");
    time.setAttribute("datetime", item.lastChange);
    time.title = format.utc(item.lastChange);
    time.textContent = format.ago(item.lastChange);
    row.classList.remove("row-flash");
    void row.offsetWidth; // restarts the animation when a row changes twice in a row
    row.classList.add("row-flash", "live-changed");
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
      } else if (message.event === "item.update") {
        update(message.data);
      }
    });
    socket.addEventListener("close", (event) => {
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
