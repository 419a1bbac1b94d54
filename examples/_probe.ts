import { ccxtVenue } from '@arbot/connectors';
const t0 = Date.now();
const v = ccxtVenue('binance', { exchangeConfig: { timeout: 5000 } });
try { const m = await v.markets(); console.log('markets', m.length); } catch (e) { console.log('ERR', (e as Error).constructor.name, (e as Error).message.slice(0, 300), Date.now() - t0); }
await v.close();
