import { startFakeExchange, createCcxtExchangeForFake } from './src/testing/index';
const L = 50;
const side = (s: number, st: number) => Array.from({ length: L }, (_, i) => [s + i * st, 1 + (i % 7)] as [number, number]);
const fake = await startFakeExchange({ markets: [{ symbol: 'BTC/USDT' }] });
fake.setBook('BTC/USDT', { bids: side(30000, -0.5), asks: side(30000.5, 0.5) });
const ex = await createCcxtExchangeForFake('binance', fake, { enableRateLimit: false });
await ex.watchOrderBook('BTC/USDT');
const N = 20000;
let t0 = performance.now();
for (let i = 0; i < N; i++) fake.updateBook('BTC/USDT', { bids: [[30000 - (i % 10) * 0.5, 1 + (i % 5)]], asks: [[30000.5 + (i % 10) * 0.5, 1 + (i % 3)]] });
console.log('push ms', performance.now() - t0);
const target = fake.book('BTC/USDT').lastUpdateId;
let n = 0;
while (true) { const ob = await ex.watchOrderBook('BTC/USDT'); n++; if (ob.nonce >= target) break; }
console.log('total ms', performance.now() - t0, 'resolves', n);
await ex.close(); await fake.close();
