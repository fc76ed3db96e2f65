// The price history chart of one item, drawn with Chart.js as the listing page draws its own, from
// the points the history table carries (data-at in epoch millis; data-buy, data-sell, data-median
// in the item's unit). Three series: best buy, best sell and median sell per hour; an hour without
// events is a gap. Without JavaScript the table shows the same data.
"use strict";

(() => {
  const canvas = document.getElementById("item-chart");
  const figure = document.getElementById("item-chart-figure");
  const page = document.getElementById("item-page");
  const format = window.TradewatchFormat;
  if (!canvas || !figure || !page || typeof Chart === "undefined" || !format) {
    return;
  }
  const unit = page.dataset.unit || null;
  const HOUR = 3600 * 1000;
  const rows = [];
  for (const row of document.querySelectorAll("#item-history tr.hour-row")) {
    const at = Number(row.dataset.at);
    if (Number.isFinite(at)) {
      rows.push({ at, buy: row.dataset.buy, sell: row.dataset.sell, median: row.dataset.median });
    }
  }
  rows.sort((a, b) => a.at - b.at);
  if (rows.length === 0) {
    return;
  }
  // A point per hour with a value; a null between hours that are not next to each other breaks
  // the line, so a quiet hour does not look like a steady price.
  function series(name) {
    const points = [];
    let last = null;
    for (const row of rows) {
      const value = row[name];
      if (value === undefined || value === "") {
        continue;
      }
      if (last !== null && row.at - last > HOUR) {
        points.push({ x: last + HOUR, y: null });
      }
      points.push({ x: row.at, y: Number(value) });
      last = row.at;
    }
    return points;
  }

  const pad = (n) => String(n).padStart(2, "0");
  function when(ms) {
    const d = new Date(ms);
    return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) + " " +
      pad(d.getUTCHours()) + ":00 UTC";
  }
  function short(ms) {
    const d = new Date(ms);
    return pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) + " " + pad(d.getUTCHours()) + ":00";
  }

  const first = rows[0].at;
  const last = rows[rows.length - 1].at;
  const unitLabel = unit ? " " + unit : "";
  const line = (label, data, color, dash) => ({
    label,
    data,
    borderColor: color,
    backgroundColor: color,
    borderDash: dash,
    pointRadius: 2,
    spanGaps: false,
  });

  figure.hidden = false;
  new Chart(canvas, {
    type: "line",
    data: {
      datasets: [
        line("Best buy", series("buy"), "#1a7f37", []),
        line("Best sell", series("sell"), "#cf222e", []),
        line("Median sell", series("median"), "#1f6feb", [6, 4]),
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
          min: first - HOUR / 2,
          max: last + HOUR / 2,
          ticks: { maxTicksLimit: 8, callback: (value) => short(value) },
        },
        y: {
          title: { display: unit !== null, text: unit || "" },
          ticks: { callback: (value) => format.twoDecimals(Number(value), false) },
        },
      },
      plugins: {
        legend: { display: true },
        tooltip: {
          callbacks: {
            title: (items) => (items.length ? when(items[0].parsed.x) : ""),
            label: (item) =>
              item.dataset.label + ": " + format.twoDecimals(item.parsed.y, false) + unitLabel,
          },
        },
      },
    },
  });
})();
