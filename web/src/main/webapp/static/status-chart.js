// The status page's live part: every few seconds, read /api/streams, refresh the table's cells
// (marked data-field) and chart each stream's events applied per second (appliedPerSecond).
// The page is complete without this script. Values go in through textContent only; formats.js
// formats them as the server does.
"use strict";

(() => {
  const main = document.getElementById("status-page");
  const table = document.getElementById("streams-table");
  const canvas = document.getElementById("rate-chart");
  const figure = document.getElementById("rate-chart-figure");
  const refreshNote = document.getElementById("status-refresh");
  if (!main || !table || !window.TradewatchFormat) {
    return;
  }
  const base = document.body.dataset.base || "/";
  const refreshMs = Math.max(1000, Number(main.dataset.refreshMs) || 3000);
  const COLORS = { bptf: "#1f6feb", skinshark: "#cf6a32" };
  const SPARE_COLORS = ["#1a7f37", "#8650ac", "#9a6700", "#cf222e"];

  const format = window.TradewatchFormat;
  const pad = (n) => String(n).padStart(2, "0");

  function clock(ms) {
    const d = new Date(ms);
    return pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()) + ":" + pad(d.getUTCSeconds());
  }

  // As StreamRow.lag on the server.
  function lag(ms) {
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60000) {
      return (ms / 1000).toFixed(1) + " s";
    }
    const seconds = Math.floor(ms / 1000);
    return Math.floor(seconds / 60) + " min " + (seconds % 60) + " s";
  }

  function dash() {
    const span = document.createElement("span");
    span.className = "muted";
    span.textContent = "—";
    return span;
  }

  function timeCell(cell, iso) {
    if (iso == null) {
      cell.replaceChildren(dash());
      return;
    }
    const time = document.createElement("time");
    time.setAttribute("datetime", iso);
    time.title = format.utc(iso);
    time.textContent = format.ago(iso);
    cell.replaceChildren(time);
  }

  function updateRow(row, stream) {
    for (const cell of row.querySelectorAll("[data-field]")) {
      const field = cell.dataset.field;
      const value = stream[field];
      switch (field) {
        case "state": {
          const badge = document.createElement("span");
          badge.className = "state-badge state-" + String(value).replace(/[^a-z-]/g, "");
          badge.textContent = value;
          cell.replaceChildren(badge);
          break;
        }
        case "connectedSince":
        case "lastFrameAt":
          timeCell(cell, value);
          break;
        case "eventsPerSecond":
          cell.textContent = format.grouped(Number(value).toFixed(2));
          break;
        case "reconnects":
        case "eventsApplied":
        case "queueDepth":
        case "quarantined":
          cell.textContent = format.count(value);
          break;
        case "lagMillis":
          cell.textContent = lag(Number(value));
          break;
        case "consumer":
          if (value == null || value.instance == null) {
            cell.replaceChildren(dash());
          } else {
            cell.textContent = runsOn(value);
          }
          break;
        case "problem":
          if (value == null) {
            cell.replaceChildren(dash());
          } else {
            const text = document.createElement("span");
            text.className = "problem-text";
            text.textContent = value;
            cell.replaceChildren(text);
          }
          break;
        default:
          if (value !== undefined) {
            cell.textContent = String(value);
          }
      }
    }
  }

  /** Mirrors StreamRow.getRunsOn. */
  function runsOn(consumer) {
    return consumer.instance + (consumer.here ? " (this instance)" : "");
  }

  function rowFor(source) {
    for (const row of table.querySelectorAll("tr.stream-row")) {
      if (row.dataset.source === source) {
        return row;
      }
    }
    return null;
  }

  // ---- the chart ----

  let chart = null;

  function points(series) {
    if (!series || !Array.isArray(series.values)) {
      return [];
    }
    return series.values.map((v, i) => ({ x: (series.from + i) * 1000, y: v }));
  }

  function drawChart(streams) {
    if (!canvas || !figure || typeof Chart === "undefined") {
      return;
    }
    const datasets = streams.map((stream, i) => {
      const color = COLORS[stream.source] || SPARE_COLORS[i % SPARE_COLORS.length];
      return {
        label: stream.source,
        data: points(stream.appliedPerSecond),
        borderColor: color,
        backgroundColor: color,
        borderWidth: 1.5,
        pointRadius: 0,
      };
    });
    if (chart === null) {
      figure.hidden = false;
      chart = new Chart(canvas, {
        type: "line",
        data: { datasets },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          parsing: false,
          normalized: true,
          interaction: { mode: "nearest", axis: "x", intersect: false },
          scales: {
            // No date adapter here: epoch millis on a linear axis, labelled by a formatter.
            x: { type: "linear", ticks: { maxTicksLimit: 10, callback: (value) => clock(value) } },
            y: { beginAtZero: true, title: { display: true, text: "events / s" } },
          },
          plugins: {
            tooltip: {
              callbacks: { title: (items) => (items.length ? clock(items[0].parsed.x) + " UTC" : "") },
            },
          },
        },
      });
      return;
    }
    chart.data.datasets = datasets;
    chart.update("none");
  }

  // ---- refreshing ----

  async function refresh() {
    try {
      const response = await fetch(base + "api/streams", {
        headers: { Accept: "application/json" },
        cache: "no-store",
      });
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      const streams = await response.json();
      for (const stream of streams) {
        const row = rowFor(stream.source);
        if (row) {
          updateRow(row, stream);
        }
      }
      drawChart(streams);
      if (refreshNote) {
        refreshNote.textContent = "Updated " + clock(Date.now()) + " UTC";
        refreshNote.classList.remove("refresh-failed");
        refreshNote.hidden = false;
      }
    } catch (e) {
      if (refreshNote) {
        refreshNote.textContent = "Could not refresh (" + e.message + "); retrying";
        refreshNote.classList.add("refresh-failed");
        refreshNote.hidden = false;
      }
    } finally {
      setTimeout(refresh, refreshMs);
    }
  }

  refresh();
})();
