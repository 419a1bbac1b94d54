import { startFakeExchange, createCcxtExchangeForFake } from './src/testing/index';
const fake = await startFakeExchange({});
fake.setBook('BTC/USDT', { bids: [[100, 1], [99, 2]], asks: [[101, 1.5], [102, 3]] });
const ex = await createCcxtExchangeForFake('okx', fake);
await ex.loadMarkets();
const ob = await ex.watchOrderBook('BTC/USDT');
console.log('ob1', ob.bids, ob.asks, ob.nonce);
let p: Promise<any> = ex.watchTrades('BTC/USDT');
await fake.waitForSubscription('trades:BTC-USDT');
fake.publishTrade('BTC/USDT', { price: 101, amount: 0.1, side: 'buy' });
const t = await p;
console.log('trades', t.map(x => [x.id, x.price, x.amount, x.side]));
const tk = await ex.watchTicker('BTC/USDT');
console.log('ticker', tk.bid, tk.ask, tk.last, tk.timestamp);
p = ex.watchOHLCV('BTC/USDT', '1m');
await fake.waitForSubscription('candle1m:BTC-USDT');
fake.publishTrade('BTC/USDT', { price: 102, amount: 0.1, side: 'buy' });
console.log('ohlcv', await p);
fake.skipUpdateIds('BTC/USDT', 2);
setTimeout(() => fake.updateBook('BTC/USDT', { bids: [[100.6, 1]] }), 10);
try { await ex.watchOrderBook('BTC/USDT'); console.log('no error!') } catch (e) { console.log('gap ->', e.constructor.name, e.message) }
const ob3 = await ex.watchOrderBook('BTC/USDT');
console.log('ob3', ob3.bids.slice(0,2), ob3.nonce);
setTimeout(() => fake.sendGarbage('garbage-text'), 10);
setTimeout(() => fake.updateBook('BTC/USDT', { bids: [[100.7, 1]] }), 30);
try { const ob4 = await ex.watchOrderBook('BTC/USDT'); console.log('ob4', ob4.bids[0]) } catch (e) { console.log('garbage ->', e.constructor.name, e.message) }
console.log(fake.subscriptions(), fake.requests().map(r => r.method + ' ' + r.path));
console.log('time', await ex.fetchTime(), Date.now());
await ex.close(); await fake.close();
