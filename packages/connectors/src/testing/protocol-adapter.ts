import type { FakeConnection, FakeEndpoint } from './fake-connection';
import type { FakeMarketEvent } from './fake-events';

/** An HTTP request as the protocol adapters see it (host prefix removed, query and form body merged). */
export interface FakeHttpRequest {
  readonly method: string;
  /** Path without the original-host segment, e.g. `/api/v3/depth`. */
  readonly path: string;
  /** Query string and `application/x-www-form-urlencoded` body parameters. */
  readonly params: URLSearchParams;
}

/** An HTTP answer: status and a JSON body. */
export interface FakeHttpResponse {
  readonly status: number;
  readonly body: unknown;
}

/** One exchange protocol spoken by the fake exchange (Binance spot, OKX v5). */
export interface ProtocolAdapter {
  /** Answers an HTTP request of this protocol, or `undefined` when the path is not one of its own. */
  handleHttp(request: FakeHttpRequest): FakeHttpResponse | undefined;
  /** The websocket endpoint a path belongs to, if it is one of this protocol's. */
  endpointOf(path: string): FakeEndpoint | undefined;
  /** A text frame from a client. */
  onFrame(connection: FakeConnection, text: string): void;
  /** A change of the scripted market, to push to subscribed connections. */
  onMarketEvent(event: FakeMarketEvent, connections: ReadonlySet<FakeConnection>): void;
}
