/** The queue suites need a real Redis: skipped, with a warning saying why, where redis-server is not installed. */
import { describe } from "@jest/globals";
import { redisServerBinary } from "./redis-server.js";

export function describeWithRedis(name: string, body: () => void): void {
  if (redisServerBinary()) {
    describe(name, body);
    return;
  }
  console.warn(`"${name}" skipped: redis-server is not installed (npm test installs it with apt-get when run as root or with sudo)`);
  describe.skip(name, body);
}
