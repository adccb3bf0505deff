/**
 * `tsx scripts/bench-app.ts`: the GitHub App's cost per review, measured end to end over HTTP against the
 * local GitHub API of the tests (test/github/support): webhook delivery -> check run completed, and the
 * number of GitHub API requests, for a pull request that adds 10 migrations (10 changed files), without and
 * with running them (config `execute`: each migration up -> down -> up in PGlite after the earlier ones).
 * Goals: < 300 ms and <= changed files + 6 requests.
 *
 * Octokit's write pacing (>= 1 s between writes on github.com) is switched off, as in the tests: the bench
 * measures migguard, not the pacing GitHub asks for. The local API answers in well under a millisecond,
 * so on github.com add one round trip per request (most reads run in parallel). The head's tarball (the
 * pull request drops and renames columns, so the code is searched) is built by `git archive` before the
 * webhook is sent: making it is GitHub's work; downloading, unpacking and searching it is timed.
 */
import { pathToFileURL } from "node:url";
import { startApp, WEBHOOK_SECRET } from "../test/github/support/app-harness.js";
import { FakeGitHub } from "../test/github/support/fake-github.js";
import { openApiValidator } from "../test/github/support/openapi.js";
import { deliver, pullRequestPayload } from "../test/github/support/webhooks.js";

const MIGRATIONS = 10;
const WARM_RUNS = 20;
const GOAL_MS = 300;
const GOAL_EXTRA_CALLS = 6;

/** The base branch's schema: what the ten migrations build on when they are run for real. */
const INIT = "-- migrate:up\nCREATE TABLE users (id bigint PRIMARY KEY, email text, name text, legacy text);\nCREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, total numeric);\n\n-- migrate:down\nDROP TABLE orders;\nDROP TABLE users;\n";

/** Ten dbmate migrations (one file each) that apply in order on INIT: a realistic mix of safe and dangerous changes. */
function migrationFiles(seed: number): Record<string, string> {
  const statements = [
    "CREATE INDEX idx_orders_user_{n} ON orders (user_id);",
    "ALTER TABLE users ADD COLUMN nickname_{seed} text;",
    "ALTER TABLE users DROP COLUMN legacy;",
    "CREATE TABLE audit_{n} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload jsonb NOT NULL);",
    "ALTER TABLE orders ADD CONSTRAINT orders_user_fk_{n} FOREIGN KEY (user_id) REFERENCES users (id);",
    "UPDATE users SET nickname_{seed} = name;",
    "ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);",
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email_{n} ON users (email);",
    "SET lock_timeout = '5s';\nALTER TABLE users ALTER COLUMN email SET NOT NULL;",
    "ALTER TABLE users RENAME COLUMN name TO full_name;",
  ];
  const files: Record<string, string> = {};
  statements.forEach((statement, i) => {
    const n = `${seed}_${i}`;
    const version = String(20240101000000 + seed * 100 + i);
    files[`db/migrations/${version}_change_${i}.sql`] = `-- migrate:up\n${statement.replaceAll("{n}", n).replaceAll("{seed}", String(seed))}\n\n-- migrate:down\nSELECT 1;\n`;
  });
  return files;
}

/** A small service's code: what the usage search reads from the head's tarball when a column is dropped or renamed. */
function applicationCode(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 60; i++) {
    files[`app/services/service_${i}.rb`] = `class Service${i}\n  def call(user)\n    User.where(id: user.id).pluck(:email, :name)\n  end\nend\n`;
    files[`web/src/component_${i}.ts`] = `export function component${i}(user: { email: string; name: string }) {\n  return \`\${user.name} <\${user.email}>\`;\n}\n`;
  }
  return files;
}

export interface AppBenchRun {
  ms: number;
  apiCalls: number;
  /** the requests, as "METHOD /route" with numbers and SHAs folded, in order */
  calls: string[];
  conclusion: string | null;
  annotations: number;
  comments: number;
}

export interface AppBenchResult {
  /** config `execute`: the migrations were run up -> down -> up in PGlite */
  execute: boolean;
  changedFiles: number;
  cold: AppBenchRun;
  warmOpened: AppBenchRun[];
  warmSynchronize: AppBenchRun[];
  violations: string[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))];

export async function runAppBench(options: { execute?: boolean } = {}): Promise<AppBenchResult> {
  const execute = options.execute ?? true;
  // the local API's OpenAPI validator is the harness's cost, not the app's: load it before timing
  openApiValidator();
  const fake = new FakeGitHub();
  await fake.start();
  const app = await startApp({ baseUrl: fake.url, logLevel: "warn" });
  try {
    const base = fake.commit({
      ".github/migguard.yml": `postgres_version: 15\nexecute: ${execute}\n`,
      "db/migrations/20230101000000_init.sql": INIT,
      ...applicationCode(),
    });
    fake.setBranch("master", base);

    /** one delivery; time from sending the webhook to the request that completed the check */
    const review = async (number: number, action: "opened" | "synchronize", countToken: boolean): Promise<AppBenchRun> => {
      const pull = fake.pulls.get(number)!;
      const first = fake.requests.length;
      const started = performance.now();
      await deliver(app.webhookUrl, "pull_request", pullRequestPayload(fake, action, pull), { secret: WEBHOOK_SECRET });
      // Probot answers 202 after 9 s and the review goes on (a cold start on a busy machine): wait for the check
      const isCompletion = (r: (typeof fake.requests)[number]) => r.method === "PATCH" && (r.body as { status?: string } | undefined)?.status === "completed";
      for (const deadline = Date.now() + 120_000; !fake.requests.slice(first).some(isCompletion) && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
      const requests = fake.requests.slice(first);
      const completed = requests.find(isCompletion);
      if (!completed) throw new Error(`the check of #${number} was not completed`);
      const run = fake.checkRunsFor(pull.headSha).at(-1)!;
      const counted = requests.filter((r) => countToken || !r.path.endsWith("/access_tokens"));
      return {
        ms: completed.at - started,
        apiCalls: counted.length,
        calls: counted.map((r) => `${r.method} ${r.path.replace(`/repos/${fake.owner}/${fake.repo}`, "").replace(/\/[0-9a-f]{40}$/, "/{sha}").replace(/\/\d+(?=\/|$)/g, "/{n}").replace(/\/contents\/.*$/, "/contents/{path}")}`),
        conclusion: run.conclusion,
        annotations: run.annotations.length,
        comments: fake.commentsOn(number).length,
      };
    };

    let number = 100;
    const open = () => {
      const head = fake.commit(migrationFiles(number), base);
      fake.openPull({ number, baseRef: "master", head });
      fake.prepareArchive(head);
      return number++;
    };

    // as a real server, the parsers load and the test database starts before the first webhook (startApp waits for them)
    const cold = await review(open(), "opened", true);
    const warmOpened: AppBenchRun[] = [];
    const warmSynchronize: AppBenchRun[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      const pr = open();
      warmOpened.push(await review(pr, "opened", false));
      // a push that changes one migration: the existing comments are read and reconciled
      const pull = fake.pulls.get(pr)!;
      const [firstPath] = Object.keys(migrationFiles(pr));
      const pushed = fake.commit({ [firstPath]: "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY IF NOT EXISTS idx_fixed ON orders (user_id);\n\n-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY IF EXISTS idx_fixed;\n" }, pull.headSha);
      fake.push(pr, pushed);
      fake.prepareArchive(pushed);
      warmSynchronize.push(await review(pr, "synchronize", false));
    }
    return { execute, changedFiles: MIGRATIONS, cold, warmOpened, warmSynchronize, violations: [...fake.violations] };
  } finally {
    await app.stop();
    await fake.stop();
  }
}

/** "GET /git/trees/{sha} x2, ..." in first-seen order */
function foldCalls(calls: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(call, (counts.get(call) ?? 0) + 1);
  return [...counts].map(([call, n]) => (n > 1 ? `${call} x${n}` : call)).join(", ");
}

export function formatAppBench(result: AppBenchResult): string {
  const budget = result.changedFiles + GOAL_EXTRA_CALLS;
  const line = (label: string, runs: AppBenchRun[]) => {
    const ms = runs.map((r) => r.ms);
    const calls = [...new Set(runs.map((r) => r.apiCalls))].join("/");
    return `  ${label.padEnd(34)} median ${median(ms).toFixed(0).padStart(4)} ms, p90 ${p90(ms).toFixed(0).padStart(4)} ms; ${calls} API calls (budget ${budget})`;
  };
  const warmMs = median(result.warmOpened.map((r) => r.ms));
  const warmCalls = Math.max(...result.warmOpened.map((r) => r.apiCalls));
  const sample = result.warmOpened[0];
  return [
    `migguard App: ${result.changedFiles}-migration pull request (${result.changedFiles} changed files), local GitHub API, write pacing off, ${result.execute ? "migrations run in PGlite (execute: true, the default)" : "execute: false"}`,
    `  first delivery after start-up       ${result.cold.ms.toFixed(0).padStart(4)} ms; ${result.cold.apiCalls} API calls incl. the installation token and GET /app`,
    line(`warm, opened (n=${result.warmOpened.length})`, result.warmOpened),
    line(`warm, synchronize (n=${result.warmSynchronize.length})`, result.warmSynchronize),
    `  each review: conclusion ${sample.conclusion}, ${sample.annotations} annotations, ${sample.comments} inline comments in 1 review`,
    `  calls of a warm opened review: ${foldCalls(sample.calls)}`,
    `  goals: < ${GOAL_MS} ms ${warmMs < GOAL_MS ? "met" : "MISSED"}; <= ${budget} calls ${warmCalls <= budget ? "met" : "MISSED"}` +
      (result.violations.length ? `; ${result.violations.length} requests GitHub would reject: ${result.violations[0]}` : "; every request valid against GitHub's OpenAPI description"),
  ].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const execute of [false, true]) {
    const result = await runAppBench({ execute });
    process.stdout.write(`${formatAppBench(result)}\n`);
    if (result.violations.length) process.exitCode = 1;
  }
}
