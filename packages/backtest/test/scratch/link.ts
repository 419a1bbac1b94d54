import { writeFileSync } from 'node:fs';
import { runBacktest, toHtml } from '../../src/index';
import { linkSpatialOptions } from '../support/link-spatial';
const t0 = performance.now();
const r = await runBacktest(linkSpatialOptions());
console.log('ms', (performance.now() - t0).toFixed(0), 'opps', r.opportunities, 'reports', r.reports.length, r.reports.map((x) => x.status).join(','), 'fills', r.fills.length, 'trades', r.metrics.trades, 'open', r.metrics.openTrades, 'pnl', r.metrics.pnl.toString());
console.log(r.trades.slice(0, 5).map((t) => `${t.status} ${t.pnl.toString()} ${t.venues}`));
writeFileSync('/tmp/bt-link.html', toHtml(r, { title: 'Spatial LINK/USDT · binance × huobi · 2021-08-20' }));
