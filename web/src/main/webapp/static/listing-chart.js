// The price chart of one listing, drawn with Chart.js from the points the events table carries
// (data-at in epoch millis, data-value in the unit the price is written in, data-unit: keys for a
// listing priced in keys). Without JavaScript the table shows the same data. Icons that cannot be
// loaded are marked, as on the listings page.
"use strict";

(() => {
  document.addEventListener(
    "error",
    (event) => {
      if (event.target instanceof HTMLImageElement && event.target.classList.contains("item-icon")) {
        event.target.classList.add("icon-failed");
      }
    },
    true);
  for (const icon of document.querySelectorAll("img.item-icon")) {
    if (icon.complete && icon.naturalWidth === 0 && icon.getAttribute("src")) {
      icon.classList.add("icon-failed");
    }
  }

  const canvas = document.getElementById("price-chart");
  const figure = document.getElementById("price-chart-figure");
  const format = window.TradewatchFormat;
  if (!canvas || !figure || typeof Chart === "undefined" || !format) {
    return;
  }

  // The table is newest first; the chart reads left to right, oldest first.
  const points = [];
  let unit = null;
  let deletedAt = null;
  for (const row of document.querySelectorAll("#history-table tr.history-row")) {
    const at = Number(row.dataset.at);
    if (!Number.isFinite(at)) {
      continue;
    }
    if (row.dataset.type === "delete") {
      deletedAt = deletedAt === null ? at : Math.max(deletedAt, at);
      continue;
    }
    const value = row.dataset.value;
    if (value === undefined || value === "") {
      continue;
    }
    points.push({ x: at, y: Number(value) });
    unit = unit || row.dataset.unit || null;
  }
  points.sort((a, b) => a.x - b.x);
  if (points.length === 0) {
    return;
  }
  // A deleted listing held its last price until the delete: the line runs on to a cross there.
  if (deletedAt !== null && deletedAt >= points[points.length - 1].x) {
    points.push({ x: deletedAt, y: points[points.length - 1].y, deleted: true });
  }

  // A bare date formatter: Chart.js has no date adapter here, so the x axis is plain epoch millis.
  const pad = (n) => String(n).padStart(2, "0");
  function when(ms, withSeconds) {
    const d = new Date(ms);
    const day = d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate());
    const time = pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes());
    return day + " " + time + (withSeconds ? ":" + pad(d.getUTCSeconds()) : "") + " UTC";
  }
  function short(ms, span) {
    const d = new Date(ms);
    const time = pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes());
    if (span < 36 * 3600 * 1000) {
      return span < 3600 * 1000 ? time + ":" + pad(d.getUTCSeconds()) : time;
    }
    return pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) + " " + time;
  }

  const first = points[0].x;
  const last = points[points.length - 1].x;
  // One point, or points in the same instant, still need an axis with some width.
  const margin = Math.max(60 * 1000, (last - first) * 0.05);
  const span = last - first + 2 * margin;
  const unitLabel = unit ? " " + unit : "";

  figure.hidden = false;
  new Chart(canvas, {
    type: "line",
    data: {
      datasets: [
        {
          label: "Value" + unitLabel,
          data: points,
          // The value holds from one event until the next, so the line steps rather than slopes.
          stepped: true,
          borderColor: "#1f6feb",
          backgroundColor: "#1f6feb",
          pointRadius: (ctx) => (ctx.raw && ctx.raw.deleted ? 6 : 3),
          pointStyle: (ctx) => (ctx.raw && ctx.raw.deleted ? "crossRot" : "circle"),
          pointBorderColor: (ctx) => (ctx.raw && ctx.raw.deleted ? "#cf222e" : "#1f6feb"),
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      parsing: false,
      scales: {
        x: {
          type: "linear",
          min: first - margin,
          max: last + margin,
          ticks: { maxTicksLimit: 8, callback: (value) => short(value, span) },
        },
        y: {
          title: { display: unit !== null, text: unit || "" },
          ticks: { callback: (value) => format.twoDecimals(Number(value), false) },
        },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => (items.length ? when(items[0].parsed.x, true) : ""),
            label: (item) =>
              (item.raw && item.raw.deleted ? "deleted at " : "") +
              format.twoDecimals(item.parsed.y, false) +
              unitLabel,
          },
        },
      },
    },
  });
})();
