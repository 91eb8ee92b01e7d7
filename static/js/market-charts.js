// Draws the demand chart from the figures the page embeds (the same ones its tables show).
(function () {
  "use strict";
  const source = document.getElementById("demand-data");
  const canvas = document.getElementById("demand-chart");
  if (!source || !canvas || typeof window.Chart === "undefined") {
    return;
  }
  const data = JSON.parse(source.textContent);
  // Ten colours: the chart has at most ten lines (five of your skills, five busiest).
  const palette = ["#0d6efd", "#198754", "#d63384", "#fd7e14", "#6f42c1", "#20c997", "#dc3545", "#6c757d", "#0dcaf0", "#8c564b"];
  const datasets = data.series.map(function (series, index) {
    const colour = palette[index % palette.length];
    return {
      label: (series.yours ? "★ " : "") + series.label,
      data: series.data,
      borderColor: colour,
      backgroundColor: colour,
      borderWidth: series.yours ? 3 : 1.5,
      borderDash: series.yours ? [] : [4, 3],
      pointRadius: 0,
      tension: 0.25,
    };
  });
  new window.Chart(canvas, {
    type: "line",
    data: { labels: data.labels, datasets: datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        x: { ticks: { maxTicksLimit: 12 } },
        y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "Projects a week" } },
      },
      plugins: { legend: { position: "bottom" } },
    },
  });
})();
