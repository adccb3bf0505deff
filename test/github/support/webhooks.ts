/**
 * Webhook deliveries for the tests: real example payloads from @octokit/webhooks-examples, adapted to the
 * fake repository's state, signed with the webhook secret (HMAC SHA-256, as GitHub does) and POSTed over
 * HTTP to the running app.
 */
import { createHmac, randomUUID } from "node:crypto";
import { request } from "node:http";
import { createRequire } from "node:module";
import type { FakeGitHub, FakePersonReview, FakePull } from "./fake-github.js";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- payloads are free-form JSON

interface ExampleGroup {
  name: string;
  examples: Json[];
}

const require = createRequire(import.meta.url);
const EXAMPLES = require("@octokit/webhooks-examples") as ExampleGroup[];
export const INSTALLATION_ID = 4242;

function example(name: string, predicate: (payload: Json) => boolean): Json {
  const found = EXAMPLES.find((group) => group.name === name)?.examples.find(predicate);
  if (!found) throw new Error(`no ${name} example matches`);
  return structuredClone(found);
}

function repository(fake: FakeGitHub, base: Json): Json {
  return { ...base, name: fake.repo, full_name: `${fake.owner}/${fake.repo}`, owner: { ...base.owner, login: fake.owner } };
}

export function pullRequestPayload(fake: FakeGitHub, action: "opened" | "synchronize" | "reopened" | "ready_for_review", pull: FakePull): Json {
  const payload = example("pull_request", (p) => p.action === action && p.installation !== undefined);
  const repo = repository(fake, payload.repository);
  const [headOwner, headName] = pull.headRepo.split("/");
  payload.repository = repo;
  payload.number = pull.number;
  payload.installation = { ...(payload.installation ?? {}), id: INSTALLATION_ID };
  payload.pull_request = {
    ...payload.pull_request,
    number: pull.number,
    state: "open",
    draft: false,
    changed_files: fake.changedFiles(pull).length,
    head: { ...payload.pull_request.head, sha: pull.headSha, ref: pull.headRef, repo: { ...payload.pull_request.head.repo, name: headName, full_name: pull.headRepo, owner: { ...payload.pull_request.head.repo.owner, login: headOwner } } },
    base: { ...payload.pull_request.base, sha: pull.baseSha, ref: pull.baseRef, repo },
    user: { ...payload.pull_request.user, login: pull.author },
    title: pull.title,
    body: pull.body,
  };
  if (action === "synchronize") payload.after = pull.headSha;
  return payload;
}

/** pull_request_review submitted (approved, changes_requested, commented) or dismissed, by `review.user`. */
export function pullRequestReviewPayload(fake: FakeGitHub, action: "submitted" | "dismissed", pull: FakePull, review: FakePersonReview): Json {
  const payload = example("pull_request_review", (p) => p.action === action && p.installation !== undefined);
  const repo = repository(fake, payload.repository);
  const [headOwner, headName] = pull.headRepo.split("/");
  const user = { ...payload.review.user, login: review.user, type: "User" };
  payload.repository = repo;
  payload.installation = { ...(payload.installation ?? {}), id: INSTALLATION_ID };
  payload.sender = user;
  payload.review = { ...payload.review, id: review.id, user, commit_id: review.commit_id, state: review.state.toLowerCase() };
  payload.pull_request = {
    ...payload.pull_request,
    number: pull.number,
    state: pull.state,
    head: { ...payload.pull_request.head, sha: pull.headSha, ref: pull.headRef, repo: { ...payload.pull_request.head.repo, name: headName, full_name: pull.headRepo, owner: { ...payload.pull_request.head.repo.owner, login: headOwner } } },
    base: { ...payload.pull_request.base, sha: pull.baseSha, ref: pull.baseRef, repo },
    user: { ...payload.pull_request.user, login: pull.author },
  };
  return payload;
}

export function checkRunRerequestedPayload(fake: FakeGitHub, options: { headSha: string; externalId?: string; name?: string; pullRequests?: Json[] }): Json {
  const payload = example("check_run", (p) => p.action === "rerequested");
  payload.repository = repository(fake, payload.repository);
  payload.installation = { id: INSTALLATION_ID };
  payload.check_run = {
    ...payload.check_run,
    name: options.name ?? "migguard",
    head_sha: options.headSha,
    external_id: options.externalId ?? "",
    pull_requests: options.pullRequests ?? [],
    check_suite: { ...payload.check_run.check_suite, head_sha: options.headSha, pull_requests: options.pullRequests ?? [] },
  };
  return payload;
}

export function issueCommentPayload(fake: FakeGitHub, options: { issueNumber: number; body: string; login: string; type?: "User" | "Bot"; commentId?: number }): Json {
  const payload = example("issue_comment", (p) => p.action === "created");
  payload.repository = repository(fake, payload.repository);
  payload.installation = { id: INSTALLATION_ID };
  const user = { ...payload.comment.user, login: options.login, type: options.type ?? "User" };
  payload.issue = { ...payload.issue, number: options.issueNumber, pull_request: { url: `${fake.url}/repos/${fake.owner}/${fake.repo}/pulls/${options.issueNumber}` } };
  payload.comment = { ...payload.comment, id: options.commentId ?? 777_000 + options.issueNumber, body: options.body, user };
  payload.sender = user;
  return payload;
}

export const signature = (secret: string, body: string) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

export interface Delivery {
  id: string;
  status: number;
  ms: number;
}

/**
 * POST a webhook the way GitHub does, on a connection of its own (as each GitHub delivery is): a kept-alive
 * socket can be closed by the server's keep-alive timeout just as the next delivery is written on it.
 * Resolves when the app has answered (Probot answers after its handlers).
 */
export async function deliver(url: string, event: string, payload: Json, options: { secret: string; id?: string; forgedSignature?: boolean }): Promise<Delivery> {
  const body = JSON.stringify(payload);
  const id = options.id ?? randomUUID();
  const started = performance.now();
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent: false,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "user-agent": "GitHub-Hookshot/test",
          "x-github-event": event,
          "x-github-delivery": id,
          "x-github-hook-installation-target-type": "integration",
          "x-hub-signature-256": options.forgedSignature ? signature("not-the-secret", body) : signature(options.secret, body),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
  return { id, status, ms: performance.now() - started };
}
