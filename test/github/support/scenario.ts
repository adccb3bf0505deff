/** A fake repository with the App running against it, and one-line deliveries, for the end-to-end tests. */
import { afterEach, expect } from "@jest/globals";
import { startApp, WEBHOOK_SECRET, type AppOptions, type RunningApp } from "./app-harness.js";
import { FakeGitHub } from "./fake-github.js";
import type { FakePersonReview, FakeSymlink } from "./fake-github.js";
import { checkRunRerequestedPayload, deliver, issueCommentPayload, pullRequestPayload, pullRequestReviewPayload, type Delivery } from "./webhooks.js";

export interface Scenario {
  fake: FakeGitHub;
  app: RunningApp;
  /** the base branch's first commit */
  base: string;
  stop(): Promise<void>;
  /** commit on top of the base branch and open a pull request for it */
  /** `renames`: new path -> old path, listed as GitHub lists a rename it detected */
  openPull(number: number, files: Record<string, string | Buffer | FakeSymlink | null>, options?: { headRepo?: string; parent?: string; author?: string; title?: string; body?: string; renames?: Record<string, string> }): string;
  pullRequest(action: "opened" | "synchronize" | "reopened" | "ready_for_review", number: number, options?: { id?: string }): Promise<Delivery>;
  recheckComment(number: number, login: string, options?: { type?: "User" | "Bot"; body?: string; commentId?: number }): Promise<Delivery>;
  rerequest(headSha: string, options?: { externalId?: string; name?: string; pullRequests?: Array<Record<string, unknown>> }): Promise<Delivery>;
  /** a person reviews the pull request's head, and GitHub delivers pull_request_review.submitted */
  submitReview(number: number, login: string, state: Exclude<FakePersonReview["state"], "DISMISSED">): Promise<Delivery & { review: FakePersonReview }>;
  /** a review is dismissed, and GitHub delivers pull_request_review.dismissed */
  dismissReview(number: number, reviewId: number): Promise<Delivery>;
}

export const BASE_FILES: Record<string, string> = {
  "README.md": "# Hello\n",
  "db/migrations/20230101000000_init.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text, phone_number text);\n",
  "db/migrations/20230101000000_init.down.sql": "DROP TABLE users;\n",
};

/** The scenarios started since useScenario's last cleanup, and whether each is still running. */
const started = new Map<Scenario, { running: boolean }>();

/**
 * Every scenario a test starts is checked and stopped after it: the local GitHub API saw no request off GitHub's
 * OpenAPI description, and the App and the API shut down. Call once at a test file's top level.
 */
export function useScenario(): void {
  afterEach(async () => {
    const scenarios = [...started];
    started.clear();
    try {
      for (const [scenario] of scenarios) expect(scenario.fake.violations).toEqual([]);
    } finally {
      for (const [scenario, state] of scenarios) if (state.running) await scenario.stop();
    }
  });
}

/** `baseDate`: the base commit's committer date (default 2024-01-01; each later commit a day after its parent). */
export async function startScenario(options: { baseFiles?: Record<string, string | Buffer>; app?: Partial<AppOptions>; baseDate?: string } = {}): Promise<Scenario> {
  const fake = new FakeGitHub();
  await fake.start();
  const app = await startApp({ baseUrl: fake.url, ...options.app });
  const base = fake.commit(options.baseFiles ?? BASE_FILES, undefined, { date: options.baseDate });
  fake.setBranch("master", base);
  const secret = { secret: WEBHOOK_SECRET };
  const state = { running: true };
  const scenario: Scenario = {
    fake,
    app,
    base,
    async stop() {
      state.running = false;
      await app.stop();
      await fake.stop();
    },
    openPull(number, files, pullOptions = {}) {
      const head = fake.commit(files, pullOptions.parent ?? fake.branches.get("master"));
      fake.openPull({ number, baseRef: "master", head, headRepo: pullOptions.headRepo, author: pullOptions.author, title: pullOptions.title, body: pullOptions.body, renames: pullOptions.renames });
      return head;
    },
    pullRequest: (action, number, deliveryOptions = {}) => deliver(app.webhookUrl, "pull_request", pullRequestPayload(fake, action, fake.pulls.get(number)!), { ...secret, ...deliveryOptions }),
    recheckComment: (number, login, commentOptions = {}) =>
      deliver(app.webhookUrl, "issue_comment", issueCommentPayload(fake, { issueNumber: number, login, body: commentOptions.body ?? "/migguard recheck", type: commentOptions.type, commentId: commentOptions.commentId }), secret),
    rerequest: (headSha, rerequestOptions = {}) => deliver(app.webhookUrl, "check_run", checkRunRerequestedPayload(fake, { headSha, ...rerequestOptions }), secret),
    async submitReview(number, login, state) {
      const review = fake.submitReview(number, login, state);
      return { ...(await deliver(app.webhookUrl, "pull_request_review", pullRequestReviewPayload(fake, "submitted", fake.pulls.get(number)!, review), secret)), review };
    },
    dismissReview: (number, reviewId) => deliver(app.webhookUrl, "pull_request_review", pullRequestReviewPayload(fake, "dismissed", fake.pulls.get(number)!, fake.dismissReview(reviewId)), secret),
  };
  started.set(scenario, state);
  return scenario;
}

export const DANGEROUS_INDEX = {
  "db/migrations/20240101000000_add_email_index.up.sql": "CREATE INDEX idx_users_email ON users (email);\n",
  "db/migrations/20240101000000_add_email_index.down.sql": "DROP INDEX idx_users_email;\n",
};
export const DANGEROUS_INDEX_PATH = "db/migrations/20240101000000_add_email_index.up.sql";
