import { runBacktest } from '../../src/index';
import { linkSpatialOptions } from '../support/link-spatial';
const r = await runBacktest(linkSpatialOptions());
const rep = r.reports[0]!;
const show = (l: any) => ({ venue: l.venue, side: l.side, req: l.requested.toString(), filled: l.filled.toString(), orders: l.orders.map((o: any) => `${o.type}/${o.timeInForce} ${o.status} ${o.amount} @${o.price} ts${o.ts} upd${o.updatedTs} ${o.reason ?? ''}`), fills: l.fills.map((f: any) => `${f.amount}@${f.price} ts${f.ts}`) });
console.log(rep.status, rep.startedAt, rep.finishedAt, rep.reason, JSON.stringify(rep.legs.map(show), null, 1), JSON.stringify(rep.repairs.map(show), null, 1));
