/**
 * An HTTP proxy in front of the local GitHub API that can hold matching requests until released: a way to
 * catch a worker in the middle of a review (to kill it there, or shut it down) without timing guesses.
 * It can also add a fixed latency to every request, as a GitHub across the internet has.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Gate {
  /** requests held right now */
  readonly held: number;
  /** let the held requests (and every later one) through */
  release(): void;
}

interface GateState {
  method: string;
  path: RegExp;
  open: boolean;
  waiters: Array<() => void>;
}

export class GatedProxy {
  url = "";
  readonly #gates: GateState[] = [];
  #server?: Server;

  constructor(
    private readonly target: string,
    private readonly latencyMs = 0,
  ) {}

  hold(method: string, path: RegExp): Gate {
    const state: GateState = { method, path, open: false, waiters: [] };
    this.#gates.push(state);
    return {
      get held() {
        return state.waiters.length;
      },
      release() {
        state.open = true;
        for (const wake of state.waiters.splice(0)) wake();
      },
    };
  }

  async start(): Promise<string> {
    this.#server = createServer((req, res) => void this.#forward(req, res));
    await new Promise<void>((resolve) => this.#server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const gate of this.#gates) gate.open = true;
    for (const gate of this.#gates) for (const wake of gate.waiters.splice(0)) wake();
    if (!this.#server) return;
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server!.close(() => resolve()));
  }

  async #forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? "/").split("?")[0];
    const gate = this.#gates.find((g) => !g.open && g.method === req.method && g.path.test(path));
    if (gate) await new Promise<void>((resolve) => gate.waiters.push(resolve));
    if (this.latencyMs) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    const target = new URL(req.url ?? "/", this.target);
    const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    upstream.end(Buffer.concat(chunks));
  }
}
