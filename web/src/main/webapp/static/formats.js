// Formatting shared by the pages' scripts, as the server formats the same values: relative times
// and UTC times as Formats (Java) writes them, prices as ListingView does. A change to either
// belongs in both. Loaded before the scripts that use it, as window.TradewatchFormat.
"use strict";

window.TradewatchFormat = (() => {
  // "just now", "5 min ago", "3 h ago", "2 days ago", "4 months ago", "9 years ago".
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

  // Thousands separators in the whole part of a plain number ("-12345.6" -> "-12,345.6").
  function grouped(plain) {
    const text = String(plain);
    const match = /^(-?)(\d+)(\.\d+)?$/.exec(text);
    if (!match) {
      return text;
    }
    return match[1] + match[2].replace(/\B(?=(\d{3})+$)/g, ",") + (match[3] || "");
  }

  function count(n) {
    return grouped(String(Math.trunc(Number(n))));
  }

  // The epsilons absorb binary floating point: 1.13 * 100 is 112.99999999999999.
  function twoDecimals(n, cut) {
    const scaled = cut ? Math.floor(n * 100 + 1e-6) : Math.round(n * 100 + 1e-7);
    return grouped(String(Number((scaled / 100).toFixed(2))));
  }

  function money(n) {
    return grouped((Math.round(n * 100 + 1e-7) / 100).toFixed(2));
  }

  // Refined metal is cut, not rounded: traders write 5 scrap (5/9 ref) as 0.55.
  function ref(n) {
    return twoDecimals(n, true) + " ref";
  }

  // Refined metal of a key's price or more in keys and the rest in metal, as Prices.amount with a
  // KeyPrice writes it: "2 keys, 11.33 ref", "1 key". keyPrice is refined metal per key.
  function keysAndRef(value, unit, keyPrice) {
    const n = Number(value);
    const key = Number(keyPrice);
    const isRef = unit != null && String(unit).trim().toUpperCase() === "REF";
    if (value == null || !isRef || !(key > 0) || Math.abs(n) < key) {
      return amount(value, unit);
    }
    const positive = Math.abs(n);
    const keys = Math.floor(positive / key + 1e-9);
    const metal = positive - keys * key;
    let text = grouped(String(keys)) + (keys === 1 ? " key" : " keys");
    if (Math.floor(metal * 100 + 1e-7) !== 0) {
      text += ", " + ref(metal);
    }
    return n < 0 ? "-" + text : text;
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

  // backpack.tf prices in the order traders say them: keys, then metal, then the rest.
  function priceText(listing) {
    const currencies = listing.currencies || {};
    const names = Object.keys(currencies);
    if (listing.source === "bptf" && names.length > 0) {
      const parts = [];
      const keys = Number(currencies.keys);
      if (currencies.keys != null && keys !== 0) {
        const number = twoDecimals(keys, false);
        parts.push(number + (number === "1" ? " key" : " keys"));
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

  return { ago, utc, grouped, count, twoDecimals, amount, keysAndRef, priceText };
})();
