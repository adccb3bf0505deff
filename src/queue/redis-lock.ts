/**
 * A per-pull-request lock shared by every worker process, so two workers never reconcile the comments of
 * one pull request at the same moment (each would see no comment yet and post the same one). The standard
 * single-instance Redis lock: SET NX PX with a random token, renewed while held, released only by its owner.
 * Tasks of one process queue on the in-process lock first, so only one of them polls Redis per key.
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { KeyedLock, type PerKeyLock } from "../review/keyed-lock.js";

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

export interface RedisLockOptions {
  /** prefix of the lock keys */
  prefix: string;
  /** a lock whose holder died frees itself after this long */
  ttlMs: number;
  /** give up waiting for a lock after this long */
  waitMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class RedisKeyedLock implements PerKeyLock {
  readonly #local = new KeyedLock();

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisLockOptions,
  ) {}

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.#local.run(key, () => this.#exclusive(key, task));
  }

  async #exclusive<T>(key: string, task: () => Promise<T>): Promise<T> {
    const lockKey = `${this.options.prefix}:${key}`;
    const token = randomUUID();
    const deadline = Date.now() + this.options.waitMs;
    let pause = 10;
    while ((await this.redis.set(lockKey, token, "PX", this.options.ttlMs, "NX")) !== "OK") {
      if (Date.now() > deadline) throw new Error(`could not take the lock of ${key} within ${this.options.waitMs} ms: another worker holds it`);
      await sleep(pause + Math.random() * pause);
      pause = Math.min(pause * 2, 250);
    }
    const renewal = setInterval(() => {
      this.redis.eval(RENEW, 1, lockKey, token, String(this.options.ttlMs)).catch(() => undefined);
    }, Math.max(100, Math.floor(this.options.ttlMs / 3)));
    renewal.unref();
    try {
      return await task();
    } finally {
      clearInterval(renewal);
      // if this fails the key still expires after ttlMs
      await this.redis.eval(RELEASE, 1, lockKey, token).catch(() => undefined);
    }
  }
}
