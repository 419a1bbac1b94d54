import type { FakeConnection, FakeEndpoint } from './fake-connection';
import type { FakeCandle, FakeMarket, FakeMarketEvent } from './fake-events';
import { okxBookChecksum } from './okx-checksum';
import type { FakeHttpRequest, FakeHttpResponse, ProtocolAdapter } from './protocol-adapter';
import type { ScriptedMarket } from './scripted-market';
import { intervalMs, wireLevel, wireNumber } from './wire-format';

const ok = (data: unknown[]): FakeHttpResponse => ({ status: 200, body: { code: '0', msg: '', data } });
const fail = (status: number, code: string, msg: string): FakeHttpResponse => ({ status, body: { code, msg, data: [] } });

/** Book channels and the depth each sends (`books` streams snapshot + updates; the others full top-N frames). */
const BOOK_DEPTH: Readonly<Record<string, number>> = { books: 400, books5: 5, 'bbo-tbt': 1 };

type OkxLevel = [string, string, string, string];

/**
 * OKX v5, as far as ccxt's `okx` class uses it for public market data: REST
 * `/api/v5/public/instruments` (SPOT), `public/time`, `market/books`,
 * `market/ticker`, `market/trades`, `market/candles`, and the websocket
 * endpoints `/ws/v5/public` and `/ws/v5/business` with the `books` channel
 * (snapshot, then updates carrying `prevSeqId`/`seqId` and OKX's CRC-32
 * checksum of the best 25 levels), `books5`, `bbo-tbt`, `trades`, `tickers`
 * and `candle<bar>`. Text `ping` is answered with `pong`.
 */
export class OkxProtocol implements ProtocolAdapter {
  private connectionIds = 0;

  constructor(private readonly market: ScriptedMarket) {}

  endpointOf(path: string): FakeEndpoint | undefined {
    return path.startsWith('/ws/v5/') ? 'okx' : undefined;
  }

  handleHttp(request: FakeHttpRequest): FakeHttpResponse | undefined {
    if (!request.path.startsWith('/api/v5/')) return undefined;
    const p = request.params;
    const route = `${request.method} ${request.path.slice('/api/v5/'.length)}`;
    switch (route) {
      case 'GET public/time':
        return ok([{ ts: String(this.market.now()) }]);
      case 'GET public/instruments':
        return (p.get('instType') ?? 'SPOT') === 'SPOT' ? ok(this.market.listed().map((m) => this.instrument(m))) : ok([]);
      case 'GET market/books':
        return this.withMarket(p, (m) => {
          const size = Number(p.get('sz') ?? 400);
          const frame = this.bookFrame(m, Number.isFinite(size) && size > 0 ? size : 400);
          return ok([{ asks: frame.asks, bids: frame.bids, ts: String(this.market.now()) }]);
        });
      case 'GET market/ticker':
        return this.withMarket(p, (m) => ok([this.ticker(m)]));
      case 'GET market/trades':
        return this.withMarket(p, (m) =>
          ok(
            this.market
              .recentTrades(m.symbol)
              .slice(-Math.max(1, Number(p.get('limit') ?? 100)))
              .reverse()
              .map((t) => ({
                instId: m.okxId,
                tradeId: String(t.id),
                px: wireNumber(t.price),
                sz: wireNumber(t.amount),
                side: t.side,
                ts: String(t.ts),
              })),
          ),
        );
      case 'GET market/candles':
        return this.withMarket(p, (m) => {
          const ms = intervalMs(p.get('bar') ?? '1m');
          if (ms === undefined) return fail(400, '51000', 'Parameter bar error');
          const candle = this.market.trackCandles(m.symbol, ms);
          return ok(candle === undefined ? [] : [okxCandle(candle)]);
        });
      default:
        return fail(404, '50000', `the fake exchange does not implement ${route}`);
    }
  }

  onFrame(connection: FakeConnection, text: string): void {
    if (text === 'ping') {
      connection.send('pong', 'reply');
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      connection.send({ event: 'error', code: '60012', msg: `Illegal request: ${text}` }, 'reply');
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const { op, args } = message as { op?: unknown; args?: unknown };
    if ((op !== 'subscribe' && op !== 'unsubscribe') || !Array.isArray(args)) {
      connection.send({ event: 'error', code: '60012', msg: `Illegal request: ${text}` }, 'reply');
      return;
    }
    for (const arg of args as { channel?: unknown; instId?: unknown }[]) {
      const channel = typeof arg.channel === 'string' ? arg.channel : '';
      const instId = typeof arg.instId === 'string' ? arg.instId : '';
      const market = this.market.marketById(instId);
      if (market === undefined || !isKnownChannel(channel)) {
        connection.send({ event: 'error', code: '60018', msg: `Wrong URL or channel:${channel},instId:${instId} doesn't exist.` }, 'reply');
        continue;
      }
      const key = `${channel}:${market.okxId}`;
      const reply = { event: op, arg: { channel, instId: market.okxId }, connId: `fake${++this.connectionIds}` };
      if (op === 'unsubscribe') {
        connection.unsubscribe(key);
        connection.send(reply, 'reply');
        continue;
      }
      connection.subscribe(key);
      connection.send(reply, 'reply');
      this.sendInitial(connection, channel, market);
    }
  }

  onMarketEvent(event: FakeMarketEvent, connections: ReadonlySet<FakeConnection>): void {
    if (event.kind === 'order' || event.kind === 'balances') return;
    const market = this.market.market(event.symbol);
    const suffix = `:${market.okxId}`;
    const frames = new Map<string, unknown>();
    for (const c of connections) {
      if (c.endpoint !== 'okx') continue;
      for (const key of c.subscriptions) {
        if (!key.endsWith(suffix)) continue;
        const channel = key.slice(0, -suffix.length);
        // Frames are built only for channels someone listens to, once per event.
        if (!frames.has(channel)) frames.set(channel, this.frameFor(event, market, channel));
        const frame = frames.get(channel);
        if (frame !== undefined) c.send(frame, 'data');
      }
    }
  }

  /** The frame of one market event on `channel`, or `undefined` when the event is not for that channel. */
  private frameFor(event: FakeMarketEvent, market: FakeMarket, channel: string): unknown {
    const arg = { channel, instId: market.okxId };
    switch (event.kind) {
      case 'book':
        if (channel === 'books') {
          return {
            arg,
            action: 'update',
            data: [
              {
                asks: event.asks.map(okxLevel),
                bids: event.bids.map(okxLevel),
                ts: String(event.ts),
                checksum: this.bookFrame(market, 25).checksum,
                prevSeqId: event.prevId,
                seqId: event.lastId,
              },
            ],
          };
        }
        return channel === 'books5' || channel === 'bbo-tbt' ? this.topFrame(market, channel, event.ts) : undefined;
      case 'trade':
        return channel === 'trades'
          ? {
              arg,
              data: [
                {
                  instId: market.okxId,
                  tradeId: String(event.id),
                  px: wireNumber(event.price),
                  sz: wireNumber(event.amount),
                  side: event.side,
                  ts: String(event.ts),
                  count: '1',
                },
              ],
            }
          : undefined;
      case 'ticker':
        return channel === 'tickers' ? { arg, data: [this.ticker(market)] } : undefined;
      case 'candle':
        return channel === `candle${okxBar(event.candle.timeframeMs)}` ? { arg, data: [okxCandle(event.candle)] } : undefined;
      default:
        return undefined;
    }
  }

  private sendInitial(connection: FakeConnection, channel: string, market: FakeMarket): void {
    const arg = { channel, instId: market.okxId };
    const now = this.market.now();
    if (channel === 'books') {
      const frame = this.bookFrame(market, BOOK_DEPTH.books ?? 400);
      const seqId = this.market.book(market.symbol).lastUpdateId;
      connection.send(
        {
          arg,
          action: 'snapshot',
          data: [{ asks: frame.asks, bids: frame.bids, ts: String(now), checksum: frame.checksum, prevSeqId: -1, seqId }],
        },
        'data',
      );
    } else if (channel === 'books5' || channel === 'bbo-tbt') {
      connection.send(this.topFrame(market, channel, now), 'data');
    } else if (channel === 'tickers') {
      connection.send({ arg, data: [this.ticker(market)] }, 'data');
    } else if (channel.startsWith('candle')) {
      const ms = intervalMs(channel.slice('candle'.length));
      const candle = ms === undefined ? undefined : this.market.trackCandles(market.symbol, ms);
      if (candle !== undefined) connection.send({ arg, data: [okxCandle(candle)] }, 'data');
    }
  }

  /** The best `depth` levels of both sides as OKX prints them, with the checksum of the best 25. */
  private bookFrame(market: FakeMarket, depth: number): { asks: OkxLevel[]; bids: OkxLevel[]; checksum: number } {
    const book = this.market.book(market.symbol);
    const bids = book.bids(depth).map(okxLevel);
    const asks = book.asks(depth).map(okxLevel);
    const checksum = okxBookChecksum(
      bids.slice(0, 25).map((l) => [l[0], l[1]]),
      asks.slice(0, 25).map((l) => [l[0], l[1]]),
    );
    return { asks, bids, checksum };
  }

  private topFrame(market: FakeMarket, channel: 'books5' | 'bbo-tbt', ts: number): unknown {
    const frame = this.bookFrame(market, BOOK_DEPTH[channel] ?? 5);
    const seqId = this.market.book(market.symbol).lastUpdateId;
    return {
      arg: { channel, instId: market.okxId },
      data: [{ asks: frame.asks, bids: frame.bids, instId: market.okxId, ts: String(ts), seqId }],
    };
  }

  private ticker(market: FakeMarket): Record<string, string> {
    const book = this.market.book(market.symbol);
    const [bid] = book.bids(1);
    const [ask] = book.asks(1);
    const last = this.market.lastPrice(market.symbol) ?? (bid !== undefined && ask !== undefined ? (bid[0] + ask[0]) / 2 : undefined);
    const volume = this.market.volume(market.symbol);
    const text = (n: number | undefined) => (n === undefined ? '' : wireNumber(n));
    return {
      instType: 'SPOT',
      instId: market.okxId,
      last: text(last),
      lastSz: '0',
      askPx: text(ask?.[0]),
      askSz: text(ask?.[1]),
      bidPx: text(bid?.[0]),
      bidSz: text(bid?.[1]),
      open24h: text(last),
      high24h: text(last),
      low24h: text(last),
      sodUtc0: text(last),
      sodUtc8: text(last),
      volCcy24h: wireNumber(volume.quote),
      vol24h: wireNumber(volume.base),
      ts: String(this.market.now()),
    };
  }

  private instrument(m: FakeMarket): Record<string, string> {
    return {
      instType: 'SPOT',
      instId: m.okxId,
      uly: '',
      instFamily: '',
      baseCcy: m.base,
      quoteCcy: m.quote,
      settleCcy: '',
      ctVal: '',
      ctMult: '',
      ctValCcy: '',
      optType: '',
      stk: '',
      listTime: '1606468572000',
      expTime: '',
      lever: '',
      tickSz: m.tickSize.toFixed(),
      lotSz: m.stepSize.toFixed(),
      minSz: m.minQty.toFixed(),
      ctType: '',
      alias: '',
      state: 'live',
      ruleType: 'normal',
      maxLmtSz: '9999999999',
      maxMktSz: '1000000',
      maxLmtAmt: '20000000',
      maxMktAmt: '1000000',
      maxTwapSz: '',
      maxIcebergSz: '',
      maxTriggerSz: '',
      maxStopSz: '',
    };
  }

  private withMarket(params: URLSearchParams, answer: (market: FakeMarket) => FakeHttpResponse): FakeHttpResponse {
    const market = this.market.marketById(params.get('instId') ?? '');
    return market === undefined ? fail(400, '51001', "Instrument ID doesn't exist.") : answer(market);
  }
}

function isKnownChannel(channel: string): boolean {
  return (
    channel in BOOK_DEPTH ||
    channel === 'trades' ||
    channel === 'tickers' ||
    (channel.startsWith('candle') && intervalMs(channel.slice(6)) !== undefined)
  );
}

function okxLevel(level: readonly [number, number]): OkxLevel {
  const [price, amount] = wireLevel(level);
  return [price, amount, '0', amount === '0' ? '0' : '1'];
}

function okxBar(ms: number): string {
  const units: [number, string][] = [
    [604_800_000, 'W'],
    [86_400_000, 'D'],
    [3_600_000, 'H'],
    [60_000, 'm'],
    [1_000, 's'],
  ];
  for (const [unit, suffix] of units) if (ms % unit === 0) return `${ms / unit}${suffix}`;
  return `${ms}ms`;
}

function okxCandle(c: FakeCandle): string[] {
  return [
    String(c.openTime),
    wireNumber(c.open),
    wireNumber(c.high),
    wireNumber(c.low),
    wireNumber(c.close),
    wireNumber(c.volume),
    wireNumber(c.quoteVolume),
    wireNumber(c.quoteVolume),
    '0',
  ];
}
