// The script the HTML report runs in the browser (plain ES2020, no imports): it reads the embedded
// report JSON and draws the charts with the inlined Chart.js UMD bundle (window.Chart).
export const REPORT_BROWSER_SCRIPT = String.raw`(() => {
  const report = JSON.parse(document.getElementById('report-data').textContent);
  const clouds = ['aws', 'azure'];
  const colours = { aws: '#ff9900', azure: '#0078d4' };
  const perCloud = (values) => clouds.map((c) => ({ label: c, data: values(c), backgroundColor: colours[c] }));

  function bar(id, labels, datasets, xTitle) {
    const canvas = document.getElementById(id);
    if (!canvas) return;
    new Chart(canvas, {
      type: 'bar',
      data: { labels, datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { title: { display: Boolean(xTitle), text: xTitle || '' } },
          y: { beginAtZero: true, title: { display: true, text: id === 'latency-histogram' ? 'requests' : 'ms' } },
        },
      },
    });
  }

  // Steps that did not run (sign-in off) have no latency to draw.
  const ran = report.steps.filter((s) => !s.notApplicable);
  bar('step-latency', ran.map((s) => s.step), perCloud((c) => ran.map((s) => s[c].latencyMs)), 'scenario step');

  if (report.latency) {
    const samples = clouds.flatMap((c) => report.latency[c].samplesMs);
    if (samples.length > 0) {
      const bins = 20;
      const lo = Math.min(...samples);
      const width = (Math.max(...samples) - lo) / bins || 1;
      const binOf = (ms) => Math.min(bins - 1, Math.floor((ms - lo) / width));
      const labels = Array.from({ length: bins }, (_, i) => (lo + i * width).toFixed(1) + '–' + (lo + (i + 1) * width).toFixed(1));
      bar('latency-histogram', labels, perCloud((c) => {
        const counts = new Array(bins).fill(0);
        for (const ms of report.latency[c].samplesMs) counts[binOf(ms)] += 1;
        return counts;
      }), 'latency (ms)');
    }
    bar('latency-percentiles', ['run: first', 'p50', 'p95', 'p99', 'max'], perCloud((c) => {
      const l = report.latency[c];
      return [l.firstMs, l.p50, l.p95, l.p99, l.max].map((v) => (v === undefined ? null : v));
    }), '');
  }

  if (report.eventLatency) {
    const labels = report.eventLatency.aws.samplesMs.map((_, i) => 'note ' + (i + 1));
    bar('event-latency', labels, perCloud((c) => report.eventLatency[c].samplesMs), 'write → note.created visible');
  }
  document.body.dataset.rendered = 'true';
})();`;
