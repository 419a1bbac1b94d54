import { lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { readTardisTradesCsv } from '../../src/formats/index';
import { fixture, tempDir } from './temp-dir';

const FILE = fixture('tardis_binance_BTCUSDT_trades_2019-12-01_rows_1_100.csv');
const tmp = tempDir('tardis-trades');

describe('readTardisTradesCsv', () => {
  it('reads the real sample into trades with exchange and local times in ms', async () => {
    const trades = await lastValueFrom(readTardisTradesCsv(FILE).pipe(toArray()));
    expect(trades).toHaveLength(100);
    // Row 2: binance,BTCUSDT,1575158403572000,1575158403820370,211646077,sell,7540.78,0.039741
    expect(trades[0]).toEqual({
      venue: 'binance',
      symbol: 'BTC/USDT',
      id: '211646077',
      ts: 1_575_158_403_572,
      recvTs: 1_575_158_403_820,
      price: 7540.78,
      amount: 0.039741,
      side: 'sell',
    });
    // `cut -d, -f6 | sort | uniq -c` on the file: 52 buy, 48 sell.
    expect(trades.filter((t) => t.side === 'buy')).toHaveLength(52);
    expect(trades.at(-1)?.id).toBe('211646176');
  });

  it('rejects a trade of unknown side, or skips it when asked', async () => {
    const path = tmp.write(
      'unknown.csv',
      'exchange,symbol,timestamp,local_timestamp,id,side,price,amount\nbitmex,XBTUSD,1000,2000,a,unknown,100,1\nbitmex,XBTUSD,3000,4000,b,buy,100,1\n',
    );
    await expect(lastValueFrom(readTardisTradesCsv(path))).rejects.toMatchObject({ line: 2, field: 'side', context: { value: 'unknown' } });
    const skipped: number[] = [];
    const trades = await lastValueFrom(
      readTardisTradesCsv(path, { symbol: 'BTC/USD', invalidLines: 'skip', onSkippedLine: (e) => skipped.push(e.line) }).pipe(toArray()),
    );
    expect(skipped).toEqual([2]);
    expect(trades).toEqual([{ venue: 'bitmex', symbol: 'BTC/USD', id: 'b', ts: 3, recvTs: 4, price: 100, amount: 1, side: 'buy' }]);
  });

  it('names the symbol when it cannot be split and no symbol option is given', async () => {
    const path = tmp.write('sym.csv', 'deribit,BTC-PERPETUAL,1000,2000,a,buy,100,1\n');
    await expect(lastValueFrom(readTardisTradesCsv(path))).rejects.toMatchObject({ line: 1, field: 'symbol' });
  });
});
