/** The worker's HTTP server: only the operations endpoints (the web process serves them on Probot's port). */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { opsHandler } from "./ops-routes.js";

export interface OpsServer {
  url: string;
  close(): Promise<void>;
}

export async function startOpsServer(handler: ReturnType<typeof opsHandler>, at: { port: number; host: string }): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    handler(req, res).then(
      (handled) => {
        if (!handled) res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      },
      (error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new Error(`METRICS_PORT ${at.port} is already in use on ${at.host}; set METRICS_PORT to a free port`) : error),
    );
    server.listen(at.port, at.host, resolve);
  });
  const { address, port, family } = server.address() as AddressInfo;
  return {
    url: `http://${family === "IPv6" ? `[${address}]` : address}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
