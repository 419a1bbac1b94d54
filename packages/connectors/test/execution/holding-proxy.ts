import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';

/**
 * A pass-through proxy in front of a fake exchange (HTTP and websocket
 * upgrades). With `holdOrders` set, an order request is forwarded and
 * executed by the exchange but its answer never comes back: the client
 * sees a timeout while the order exists.
 */
export class HoldingProxy {
  holdOrders = false;
  held = 0;
  private readonly sockets = new Set<Socket>();
  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetPort: number): Promise<HoldingProxy> {
    let proxy: HoldingProxy | undefined;
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const hold = proxy?.holdOrders === true && req.method === 'POST' && /\/api\/v3\/order(\?|$)/.test(req.url ?? '');
      const upstream = httpRequest(
        { host: '127.0.0.1', port: targetPort, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          if (hold) {
            answer.resume();
            if (proxy !== undefined) proxy.held++;
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(upstream);
    });
    server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
      const target = connect(targetPort, '127.0.0.1', () => {
        const headers = Object.entries(req.headers).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => `${k}: ${x}`) : [`${k}: ${v}`]));
        target.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
        target.write(head);
        socket.pipe(target).pipe(socket);
      });
      for (const s of [socket, target]) {
        proxy?.sockets.add(s);
        s.on('error', () => undefined);
      }
    });
    server.on('connection', (s) => proxy?.sockets.add(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    proxy = new HoldingProxy(server, typeof address === 'object' && address !== null ? address.port : 0);
    return proxy;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
