/** Redis connections from REDIS_URL, with the options BullMQ asks for. */
import { Redis } from "ioredis";

/**
 * `blocking`: for BullMQ workers, which wait on Redis indefinitely and must retry commands forever
 * (maxRetriesPerRequest null). Otherwise commands fail after a few retries, so a web request or a health
 * check gets an answer instead of hanging while Redis is down.
 */
export function redisClient(url: string, role: { blocking: boolean; name: string }): Redis {
  return new Redis(url, {
    connectionName: role.name,
    maxRetriesPerRequest: role.blocking ? null : 2,
    // keep reconnecting (capped backoff): Redis restarting must not need a migguard restart
    retryStrategy: (times) => Math.min(times * 200, 5000),
  });
}
