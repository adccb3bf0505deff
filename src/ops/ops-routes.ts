/**
 * The operations endpoints, as a Node request handler usable inside Probot's server (`addHandler`) and in
 * the worker's own small server:
 *   GET /healthz  liveness: the process answers (200 while it runs, draining included)
 *   GET /readyz   readiness: 503 while starting (parsers and test database warming up), while shutting
 *                 down, or when the queue's Redis does not answer
 *   GET /metrics  Prometheus text format
 * Any other request is left to the next handler (returns false).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Metrics } from "./metrics.js";

export interface Readiness {
  /** set when a shutdown starts: load balancers stop sending work */
  shuttingDown: boolean;
  /** set while the process warms up what reviews need (parsers, the test database) */
  starting?: boolean;
  /** throws when a dependency is unreachable; absent when there is none (no REDIS_URL) */
  check?: () => Promise<void>;
}

const send = (res: ServerResponse, status: number, contentType: string, body: string) => {
  res.writeHead(status, { "content-type": contentType, "cache-control": "no-store" }).end(body);
};

const json = (res: ServerResponse, status: number, body: unknown) => send(res, status, "application/json; charset=utf-8", JSON.stringify(body));

export function opsHandler(metrics: Metrics, readiness: Readiness) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const path = (req.url ?? "/").split("?")[0];
    switch (path) {
      case "/healthz":
        json(res, 200, { status: "ok" });
        return true;
      case "/readyz": {
        if (readiness.shuttingDown || readiness.starting) {
          json(res, 503, { status: readiness.shuttingDown ? "shutting down" : "starting" });
          return true;
        }
        try {
          await readiness.check?.();
          json(res, 200, { status: "ready", redis: readiness.check ? "ok" : "not configured" });
        } catch (error) {
          json(res, 503, { status: "not ready", redis: error instanceof Error ? error.message : String(error) });
        }
        return true;
      }
      case "/metrics":
        send(res, 200, metrics.registry.contentType, await metrics.registry.metrics());
        return true;
      default:
        return false;
    }
  };
}
