// Live alerts for a logged-in user, on every page: the unread count beside Notifications, a short
// notice per new alert, and, on opt-in (the Watches page), the browser's notification and a sound.
// Every page works without it; the alerts are in Notifications → Tradewatch alerts.
(() => {
  "use strict";
  const script = document.currentScript;
  const path = script && script.dataset.socket;
  if (!path || !("WebSocket" in window)) {
    return;
  }
  const root = path.replace(/\/api\/alerts\/live$/, "");
  const NOTIFY = "tradewatch.alerts.notify";
  const SOUND = "tradewatch.alerts.sound";
  const stored = (key) => {
    try {
      return window.localStorage.getItem(key) === "on";
    } catch (e) {
      return false;
    }
  };
  const store = (key, on) => {
    try {
      window.localStorage.setItem(key, on ? "on" : "off");
    } catch (e) {
      // Private mode: the choice lasts this page only.
    }
  };

  const badge = document.getElementById("nav-alerts");
  let unread = 0;
  const showUnread = () => {
    if (badge) {
      badge.textContent = String(unread);
      badge.hidden = unread === 0;
      badge.title = unread + " unread alert" + (unread === 1 ? "" : "s");
    }
  };

  const price = (alert) => {
    if (alert.value === null || alert.value === undefined) {
      return "";
    }
    return alert.valueUnit === "USD" ? "$" + alert.value : alert.value + " " + alert.valueUnit;
  };
  const text = (alert) =>
    [alert.intent, alert.itemName || "an unnamed item", price(alert)].filter(Boolean).join(" · ");
  const link = (alert) =>
    root + "/listings/" + encodeURIComponent(alert.source) + "/" + encodeURIComponent(alert.listingId);

  // One notice, bottom right: the latest alert and how many came with it. Closing it quiets it
  // for this page (the count beside Notifications goes on), so it never keeps covering the page.
  let notice = null;
  let count = 0;
  let hideTimer = 0;
  let quiet = false;
  const hide = () => {
    if (notice) {
      notice.hidden = true;
    }
    count = 0;
  };
  const build = () => {
    notice = document.createElement("div");
    notice.className = "alert-toast";
    notice.setAttribute("role", "status");
    notice.setAttribute("aria-live", "polite");
    const title = document.createElement("strong");
    title.className = "alert-toast-title";
    const item = document.createElement("a");
    item.className = "alert-toast-link";
    const close = document.createElement("button");
    close.type = "button";
    close.className = "alert-toast-close link";
    close.setAttribute("aria-label", "Close; no more notices on this page");
    close.textContent = "×";
    close.addEventListener("click", () => {
      quiet = true;
      hide();
    });
    notice.append(close, title, item);
    document.body.appendChild(notice);
  };
  const toast = (alert) => {
    if (quiet) {
      return;
    }
    if (!notice) {
      build();
    }
    count = notice.hidden ? 1 : count + 1;
    notice.dataset.id = alert.id;
    notice.querySelector(".alert-toast-title").textContent =
      (alert.reason === "crossed" ? "Back within your price" : "New match")
      + (count > 1 ? " (" + count + " new)" : "");
    const item = notice.querySelector(".alert-toast-link");
    item.href = link(alert);
    item.textContent = text(alert);
    notice.hidden = false;
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(hide, 10000);
  };

  const beep = () => {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) {
      return;
    }
    try {
      const context = new Context();
      const tone = context.createOscillator();
      const gain = context.createGain();
      tone.frequency.value = 880;
      gain.gain.value = 0.08;
      tone.connect(gain).connect(context.destination);
      tone.onended = () => context.close();
      tone.start();
      tone.stop(context.currentTime + 0.15);
    } catch (e) {
      // No sound, then.
    }
  };
  const notify = (alert) => {
    if (!stored(NOTIFY) || !("Notification" in window) || Notification.permission !== "granted") {
      return;
    }
    const shown = new Notification("Tradewatch alert", { body: text(alert), tag: alert.id });
    shown.onclick = () => {
      window.focus();
      window.location.href = link(alert);
    };
  };

  let delay = 1000;
  const connect = () => {
    const socket = new WebSocket(
      (window.location.protocol === "https:" ? "wss://" : "ws://") + window.location.host + path);
    socket.addEventListener("open", () => {
      delay = 1000;
    });
    socket.addEventListener("message", (event) => {
      const message = JSON.parse(event.data);
      if (message.event === "ready") {
        unread = message.data.unread;
        showUnread();
      } else if (message.event === "alert") {
        unread += 1;
        showUnread();
        toast(message.data);
        notify(message.data);
        if (stored(SOUND)) {
          beep();
        }
      }
    });
    socket.addEventListener("close", () => {
      window.setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    });
  };
  connect();

  // The Watches page's opt-ins, shown only where this script runs.
  const optIn = (id, key, allowed) => {
    const box = document.getElementById(id);
    if (!box) {
      return;
    }
    box.checked = stored(key);
    box.addEventListener("change", async () => {
      if (box.checked && !(await allowed())) {
        box.checked = false;
        return;
      }
      store(key, box.checked);
      if (box.checked && key === SOUND) {
        beep();
      }
    });
  };
  const section = document.getElementById("alerts-in-browser");
  if (section) {
    section.hidden = false;
    optIn("notify-optin", NOTIFY, async () =>
      "Notification" in window
        && (Notification.permission === "granted"
          || (await Notification.requestPermission()) === "granted"));
    optIn("sound-optin", SOUND, async () => true);
  }
})();
