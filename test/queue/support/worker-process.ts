/**
 * A worker process for the queue tests and the bench: exactly `npm run worker` (src/worker/main.ts, from
 * source through tsx), except that Octokit's write pacing and retries are off, as in the App's tests: the
 * local GitHub API answers in microseconds and the tests measure migguard, not GitHub's pacing.
 */
import { ProbotOctokit } from "probot";
import { SettingsError } from "../../../src/ops/settings.js";
import { startWorker } from "../../../src/worker/main.js";

const Octokit = ProbotOctokit.defaults((instanceOptions: Record<string, unknown>) => ({
  ...instanceOptions,
  retry: { enabled: false },
  throttle: { ...(instanceOptions.throttle as object | undefined), enabled: false },
}));

startWorker({ Octokit, handleSignals: true }).then(
  // one line the test harness waits for, whatever the log level
  (worker) => process.stdout.write(`${JSON.stringify({ msg: "test worker ready", worker: worker.name, opsUrl: worker.opsUrl })}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof SettingsError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
