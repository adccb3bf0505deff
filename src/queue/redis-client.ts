/** Redis connections from REDIS_URL, with the options BullMQ asks for. */
import { Redis } from "ioredis";
import type { Logger } from "pino";

/**
 * `blocking`: for BullMQ workers, which wait on Redis indefinitely and must retry commands forever
 * (maxRetriesPerRequest null). Otherwise commands fail after a few retries, so a web request or a health
 * check gets an answer instead of hanging while Redis is down.
 */
export function redisClient(url: string, role: { blocking: boolean; name: string }, log?: Pick<Logger, "warn">): Redis {
  const client = new Redis(url, {
    connectionName: role.name,
    maxRetriesPerRequest: role.blocking ? null : 2,
    // keep reconnecting (capped backoff): Redis restarting must not need a migguard restart
    retryStrategy: (times) => Math.min(times * 200, 5000),
    // a socket that never connected is destroyed this soon after disconnect() (ioredis waits 2 s)
    disconnectTimeout: 500,
  });
  // without a listener ioredis prints every failed reconnect to stderr; /readyz reports the outage
  let lastLogged = 0;
  client.on("error", (error: Error) => {
    if (Date.now() - lastLogged < 30_000) return;
    lastLogged = Date.now();
    log?.warn({ err: error, connection: role.name }, "Redis connection error (retrying)");
  });
  return client;
}
