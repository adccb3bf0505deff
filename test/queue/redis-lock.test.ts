/**
 * The per-pull-request lock the workers share, against a real Redis: tasks of two processes (two
 * connections here) never overlap on one key, different keys run in parallel, a lock whose holder died
 * frees itself after its TTL, and a lock held too long makes the waiter give up with a clear error.
 */
import { afterAll, beforeAll, expect, it } from "@jest/globals";
import { Redis } from "ioredis";
import { RedisKeyedLock } from "../../src/queue/redis-lock.js";
import { describeWithRedis } from "./support/describe-with-redis.js";
import { startRedis, type RunningRedis } from "./support/redis-server.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithRedis("RedisKeyedLock", () => {
  let redis: RunningRedis;
  const clients: Redis[] = [];
  const client = () => {
    const c = new Redis(redis.url);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    redis = await startRedis();
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit()));
    await redis?.stop();
  });

  it("never lets two processes run a task for the same key at once, and lets other keys run meanwhile", async () => {
    const options = { prefix: "test:lock", ttlMs: 5000, waitMs: 10_000 };
    const [a, b] = [new RedisKeyedLock(client(), options), new RedisKeyedLock(client(), options)];
    const events: string[] = [];
    let inside = 0;
    let maxInside = 0;
    const task = (name: string) => async () => {
      inside++;
      maxInside = Math.max(maxInside, inside);
      events.push(`start ${name}`);
      await sleep(30);
      events.push(`end ${name}`);
      inside--;
      return name;
    };
    const other = { started: 0 };
    const results = await Promise.all([
      ...Array.from({ length: 4 }, (_, i) => (i % 2 ? a : b).run("o/r#1", task(`t${i}`))),
      a.run("o/r#2", async () => {
        other.started = events.length;
        return "other";
      }),
    ]);
    expect(results).toEqual(["t0", "t1", "t2", "t3", "other"]);
    expect(maxInside).toBe(1);
    for (let i = 0; i < events.length; i += 2) expect([events[i].split(" ")[0], events[i + 1].split(" ")[0]]).toEqual(["start", "end"]);
    // the other pull request did not wait for the four tasks of the first
    expect(other.started).toBeLessThan(events.length);
  });

  it("frees the lock of a holder that died once its TTL ends", async () => {
    const c = client();
    // a holder that never released: the key as a crashed worker leaves it
    await c.set("test:lock:o/r#3", "dead-worker-token", "PX", 300);
    const lock = new RedisKeyedLock(client(), { prefix: "test:lock", ttlMs: 300, waitMs: 5000 });
    const started = Date.now();
    expect(await lock.run("o/r#3", async () => "ran")).toBe("ran");
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(await c.get("test:lock:o/r#3")).toBeNull();
  });

  it("keeps a lock alive while its task runs longer than the TTL", async () => {
    const options = { prefix: "test:lock", ttlMs: 200, waitMs: 5000 };
    const [a, b] = [new RedisKeyedLock(client(), options), new RedisKeyedLock(client(), options)];
    let overlapped = false;
    let longRunning = true;
    const long = a.run("o/r#4", async () => {
      await sleep(700);
      longRunning = false;
    });
    await sleep(50);
    await b.run("o/r#4", async () => {
      overlapped = longRunning;
    });
    await long;
    expect(overlapped).toBe(false);
  });

  it("gives up waiting with an error naming the key", async () => {
    await client().set("test:lock:o/r#5", "someone-else", "PX", 10_000);
    const lock = new RedisKeyedLock(client(), { prefix: "test:lock", ttlMs: 1000, waitMs: 300 });
    await expect(lock.run("o/r#5", async () => "never")).rejects.toThrow("could not take the lock of o/r#5 within 300 ms: another worker holds it");
  });
});
