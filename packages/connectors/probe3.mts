import { startFakeExchange, createCcxtExchangeForFake } from './src/testing/index';
const fake = await startFakeExchange({});
fake.setBook('BTC/USDT', { bids: [[100, 1], [99, 2]], asks: [[101, 1.5], [102, 3]] });
const ex = await createCcxtExchangeForFake('okx', fake, { verbose: false });
await ex.loadMarkets();
ex.verbose = true;
setTimeout(async () => { console.log('conns', fake.connectionCount(), fake.subscriptions()); await ex.close(); await fake.close(); process.exit(0); }, 1500);
const ob = await ex.watchOrderBook('BTC/USDT');
console.log('ob1', ob.bids, ob.asks, ob.nonce);
