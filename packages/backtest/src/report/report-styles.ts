/** The report's whole style sheet, inlined in its `<style>`: system fonts only, nothing fetched. */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #0f172a; --muted: #64748b; --line: #e2e8f0; --panel: #ffffff; --bg: #f1f5f9;
  --up: #15803d; --down: #b91c1c; --accent: #2563eb; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 28px 24px 48px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 15px; margin: 28px 0 10px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.sub { color: var(--muted); margin: 0 0 20px; }
.cards { display: grid; grid-template-columns: repeat(6, 1fr); gap: 12px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card .value { font-size: 20px; font-weight: 650; margin-top: 2px; font-variant-numeric: tabular-nums; }
.up { color: var(--up); } .down { color: var(--down); }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 12px; margin-top: 12px; }
.panel svg { display: block; width: 100%; height: auto; }
.chart-title { font-size: 13px; font-weight: 600; fill: var(--ink); }
.chart-empty { font-size: 13px; fill: var(--muted); }
.tick { font-size: 11px; fill: var(--muted); font-variant-numeric: tabular-nums; }
.grid { stroke: var(--line); stroke-width: 1; } .axis { stroke: #94a3b8; stroke-width: 1; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
table { width: 100%; border-collapse: collapse; background: var(--panel); font-variant-numeric: tabular-nums; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
th:first-child, td:first-child, th.text, td.text { text-align: left; }
th { font-size: 12px; color: var(--muted); font-weight: 600; background: #f8fafc; }
.metrics td:first-child { color: var(--muted); }
.scroll { max-height: 520px; overflow: auto; border: 1px solid var(--line); border-radius: 10px; }
.scroll th, .scroll td { padding: 5px 8px; font-size: 12.5px; }
.scroll table th { position: sticky; top: 0; }
.note { color: var(--muted); font-size: 12px; margin-top: 6px; }
footer { color: var(--muted); font-size: 12px; margin-top: 32px; }
`;
