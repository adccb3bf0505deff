/**
 * A local GitHub REST API for the App's tests and bench: one repository with commits, branches and pull
 * requests, answering the endpoints the App uses the way api.github.com does (pagination with Link
 * headers, the 3,000-file listing cap, contents as base64 JSON or raw, 422 for a review comment outside
 * the diff, annotations appended per update). Every request is recorded and its body validated against
 * GitHub's OpenAPI description; faults (5xx) can be injected per route.
 */
import { createHash } from "node:crypto";
import { posix } from "node:path";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { openApiValidator } from "./openapi.js";
import { gitArchive } from "./tarball.js";
import { unifiedDiff, type FileDiff } from "./unified-diff.js";

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  status: number;
  at: number;
}

export interface Fault {
  method?: string;
  path: RegExp;
  status: number;
  /** how many matching requests fail; Infinity for a persistent outage */
  times: number;
}

export interface FakePull {
  number: number;
  state: "open" | "closed";
  baseRef: string;
  baseSha: string;
  headSha: string;
  headRef: string;
  /** "owner/name" of the head repository: a fork when it is not the base repository */
  headRepo: string;
  /** login of the user who opened it */
  author: string;
  title: string;
  body: string | null;
  /** files GitHub's similarity would list as renamed: new path -> old path */
  renames?: Record<string, string>;
}

export interface FakeAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: string;
  message: string;
  title: string;
  raw_details?: string;
}

export interface FakeCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  external_id: string;
  output: { title?: string; summary?: string; text?: string };
  annotations: FakeAnnotation[];
  updates: number;
}

export interface FakeReviewComment {
  id: number;
  pullNumber: number;
  reviewId: number;
  path: string;
  line: number;
  start_line?: number;
  body: string;
  commit_id: string;
  user: { login: string; type: "Bot" | "User" };
  edits: number;
}

export interface FakeReview {
  id: number;
  pullNumber: number;
  commit_id: string;
  body: string;
  event: string;
  commentIds: number[];
}

/** A review by a person (approve, request changes, comment), as listed by GET .../pulls/{n}/reviews. */
export interface FakePersonReview {
  id: number;
  pullNumber: number;
  user: string;
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED";
  commit_id: string;
}

/** A symbolic link in a commit: git keeps its target path as the blob, under mode 120000. */
export interface FakeSymlink {
  symlinkTo: string;
}

type Json = Record<string, unknown>;
type Handler = (match: RegExpExecArray, request: { query: URLSearchParams; body: Json; accept: string; origin: string }) => { status: number; body?: unknown; headers?: Record<string, string>; raw?: string | Buffer };

export const BOT_LOGIN = "migguard[bot]";
const CONTENTS_API_LIMIT = 1_000_000;
const FILES_LISTING_LIMIT = 3000;

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");
/** git's object id of a blob (what GitHub lists as a file's `sha`) */
const blobSha = (data: Buffer) => createHash("sha1").update(`blob ${data.length}\0`).update(data).digest("hex");
/** GitHub cuts a recursive tree listing at 100,000 entries (and 7 MB) */
const TREE_LISTING_LIMIT = 100_000;
const isBinary = (data: Buffer) => data.includes(0);

export class FakeGitHub {
  readonly owner: string;
  readonly repo: string;
  url = "";
  readonly requests: RecordedRequest[] = [];
  /** requests GitHub would reject: unknown route or a body that does not match the OpenAPI schema */
  readonly violations: string[] = [];
  readonly faults: Fault[] = [];
  readonly commits = new Map<string, Map<string, Buffer>>();
  /** the paths of each commit that are symbolic links (their blob in `commits` is the target's path) */
  readonly symlinks = new Map<string, Set<string>>();
  readonly branches = new Map<string, string>();
  /** tag name -> commit (GitHub peels annotated tags); listed by name, newest name first, as GitHub does */
  readonly tags = new Map<string, string>();
  readonly pulls = new Map<number, FakePull>();
  readonly checkRuns: FakeCheckRun[] = [];
  readonly reviews: FakeReview[] = [];
  readonly reviewComments: FakeReviewComment[] = [];
  readonly issueComments: Array<{ id: number; issueNumber: number; body: string }> = [];
  readonly reactions: Array<{ commentId: number; content: string }> = [];
  readonly permissions = new Map<string, { permission: string; role_name: string }>();
  /** reviews people submitted (the app's own are in `reviews`) */
  readonly peopleReviews: FakePersonReview[] = [];
  /** downloads from the codeload host the tarball endpoint redirects to (not API requests) */
  readonly codeloadRequests: Array<{ path: string; authorization: boolean }> = [];
  /** cut recursive tree listings at this many entries (GitHub: 100,000) */
  treeListingLimit = TREE_LISTING_LIMIT;
  validateBodies = true;
  #server?: Server;
  #codeload?: Server;
  #codeloadUrl = "";
  readonly #archives = new Map<string, Buffer>();
  /** the trees listings have named, by SHA: what a later `git/trees/{sha}` lists */
  readonly #subtrees = new Map<string, { commit: string; dir: string }>();
  /** each commit's parent */
  readonly #parents = new Map<string, string>();
  /** each commit's committer date: a day after its parent's by default */
  readonly #dates = new Map<string, string>();
  #nextId = 1000;
  #commitCount = 0;
  readonly #routes: Array<[string, RegExp, Handler]>;

  constructor(owner = "Codertocat", repo = "Hello-World") {
    this.owner = owner;
    this.repo = repo;
    const r = `/repos/${owner}/${repo}`;
    this.#routes = [
      ["POST", /^\/app\/installations\/(\d+)\/access_tokens$/, () => this.#accessToken()],
      ["GET", /^\/app$/, () => ({ status: 200, body: { id: 1, slug: BOT_LOGIN.replace(/\[bot\]$/, ""), name: "migguard", owner: { login: this.owner }, permissions: {}, events: [] } })],
      ["GET", new RegExp(`^${r}/contents/(.*)$`), (m, q) => this.#contents(decodeURIComponent(m[1]), q.query.get("ref"), q.accept)],
      ["GET", new RegExp(`^${r}/pulls/(\\d+)/files$`), (m, q) => this.#pullFiles(Number(m[1]), q.query, q.origin)],
      ["GET", new RegExp(`^${r}/pulls/(\\d+)/comments$`), (m, q) => this.#listReviewComments(Number(m[1]), q.query, q.origin)],
      ["GET", new RegExp(`^${r}/pulls/(\\d+)/reviews$`), (m, q) => this.#listReviews(Number(m[1]), q.query, q.origin)],
      ["GET", new RegExp(`^${r}/git/trees/([^/]+)$`), (m, q) => this.#tree(decodeURIComponent(m[1]), q.query)],
      ["GET", new RegExp(`^${r}/tarball/(.+)$`), (m) => this.#tarball(decodeURIComponent(m[1]))],
      ["GET", new RegExp(`^${r}/tags$`), (_m, q) => this.#listTags(q.query, q.origin)],
      ["GET", new RegExp(`^${r}/compare/([^/]+)$`), (m, q) => this.#compare(decodeURIComponent(m[1]), q.query)],
      ["GET", new RegExp(`^${r}/commits$`), (_m, q) => this.#listCommits(q.query, q.origin)],
      ["POST", new RegExp(`^${r}/pulls/(\\d+)/reviews$`), (m, q) => this.#createReview(Number(m[1]), q.body)],
      ["PATCH", new RegExp(`^${r}/pulls/comments/(\\d+)$`), (m, q) => this.#editReviewComment(Number(m[1]), q.body)],
      ["GET", new RegExp(`^${r}/pulls/(\\d+)$`), (m) => this.#getPull(Number(m[1]))],
      ["GET", new RegExp(`^${r}/pulls$`), (_m, q) => this.#listPulls(q.query, q.origin)],
      ["POST", new RegExp(`^${r}/check-runs$`), (_m, q) => this.#createCheckRun(q.body)],
      ["PATCH", new RegExp(`^${r}/check-runs/(\\d+)$`), (m, q) => this.#updateCheckRun(Number(m[1]), q.body)],
      ["GET", new RegExp(`^${r}/collaborators/([^/]+)/permission$`), (m) => this.#permission(decodeURIComponent(m[1]))],
      ["POST", new RegExp(`^${r}/issues/comments/(\\d+)/reactions$`), (m, q) => this.#react(Number(m[1]), q.body)],
      ["POST", new RegExp(`^${r}/issues/(\\d+)/comments$`), (m, q) => this.#createIssueComment(Number(m[1]), q.body)],
    ];
  }

  // ---- repository state -------------------------------------------------------------------------

  /** A commit: the parent's files plus changes (null deletes a file, `{ symlinkTo }` makes a link). Returns its SHA. */
  commit(changes: Record<string, string | Buffer | FakeSymlink | null>, parent?: string, options: { date?: string } = {}): string {
    const files = new Map(parent ? this.commits.get(parent) : []);
    const links = new Set(parent ? this.symlinks.get(parent) : []);
    for (const [path, content] of Object.entries(changes)) {
      links.delete(path);
      if (content === null) files.delete(path);
      else if (Buffer.isBuffer(content) || typeof content === "string") files.set(path, Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8"));
      else {
        files.set(path, Buffer.from(content.symlinkTo, "utf8"));
        links.add(path);
      }
    }
    const sha = sha1(`${parent ?? ""}:${++this.#commitCount}:${[...files.keys()].join(",")}`);
    this.commits.set(sha, files);
    if (parent) this.#parents.set(sha, parent);
    const after = parent ? Date.parse(this.#dates.get(parent)!) + 24 * 3600_000 : Date.UTC(2024, 0, 1);
    this.#dates.set(sha, options.date ?? new Date(after).toISOString());
    this.symlinks.set(sha, links);
    return sha;
  }

  /** The newest commit both descend from (commits have one parent here): where a branch left its base. */
  mergeBase(a: string, b: string): string | undefined {
    const ancestors = new Set<string>();
    for (let at: string | undefined = a; at; at = this.#parents.get(at)) ancestors.add(at);
    for (let at: string | undefined = b; at; at = this.#parents.get(at)) if (ancestors.has(at)) return at;
    return undefined;
  }

  #isLink(sha: string, path: string): boolean {
    return this.symlinks.get(sha)?.has(path) ?? false;
  }

  setBranch(ref: string, sha: string): void {
    this.branches.set(ref, sha);
  }

  setTag(name: string, sha: string): void {
    this.tags.set(name, sha);
  }

  openPull(options: { number: number; baseRef: string; head: string; headRef?: string; headRepo?: string; author?: string; title?: string; body?: string; renames?: Record<string, string> }): FakePull {
    const baseSha = this.branches.get(options.baseRef);
    if (!baseSha) throw new Error(`no branch ${options.baseRef}`);
    const pull: FakePull = {
      number: options.number,
      state: "open",
      baseRef: options.baseRef,
      baseSha,
      headSha: options.head,
      headRef: options.headRef ?? `feature-${options.number}`,
      headRepo: options.headRepo ?? `${this.owner}/${this.repo}`,
      author: options.author ?? "octocat",
      title: options.title ?? `Pull request ${options.number}`,
      body: options.body ?? null,
      ...(options.renames ? { renames: options.renames } : {}),
    };
    this.pulls.set(pull.number, pull);
    return pull;
  }

  push(pullNumber: number, head: string): void {
    const pull = this.pulls.get(pullNumber);
    if (!pull) throw new Error(`no pull ${pullNumber}`);
    pull.headSha = head;
  }

  /**
   * The changed files of a pull request with their diffs, as GitHub computes them: the head against where it
   * left the base branch (three dots), so what the base merged since is not the pull request's change.
   */
  changedFiles(pull: FakePull): Array<{ filename: string; status: string; previousFilename?: string; diff?: FileDiff; binary: boolean; blob?: Buffer }> {
    const base = this.commits.get(this.mergeBase(pull.baseSha, pull.headSha) ?? pull.baseSha) ?? new Map<string, Buffer>();
    const head = this.commits.get(pull.headSha) ?? new Map<string, Buffer>();
    // a rename the pull request declares: an added file listed with the removed one it came from, which is not listed itself
    const renames = new Map(Object.entries(pull.renames ?? {}).filter(([to, from]) => head.has(to) && !base.has(to) && base.has(from) && !head.has(from)));
    const renamedFrom = new Set(renames.values());
    const paths = [...new Set([...base.keys(), ...head.keys()])].filter((path) => !renamedFrom.has(path)).sort();
    const out: Array<{ filename: string; status: string; previousFilename?: string; diff?: FileDiff; binary: boolean; blob?: Buffer }> = [];
    for (const path of paths) {
      const previousFilename = renames.get(path);
      const before = previousFilename ? base.get(previousFilename) : base.get(path);
      const after = head.get(path);
      if (before && after && before.equals(after) && !previousFilename) continue;
      const status = previousFilename ? "renamed" : !before ? "added" : !after ? "removed" : "modified";
      const binary = (before ? isBinary(before) : false) || (after ? isBinary(after) : false);
      const big = (before?.length ?? 0) + (after?.length ?? 0) > 500_000;
      const diff = binary || big ? undefined : unifiedDiff(before?.toString("utf8") ?? "", after?.toString("utf8") ?? "");
      // GitHub lists the head blob's id (the base blob's for a removed file)
      out.push({ filename: path, status, ...(previousFilename ? { previousFilename } : {}), diff, binary, blob: after ?? before });
    }
    return out;
  }

  checkRunsFor(sha: string): FakeCheckRun[] {
    return this.checkRuns.filter((c) => c.head_sha === sha);
  }

  commentsOn(pullNumber: number): FakeReviewComment[] {
    return this.reviewComments.filter((c) => c.pullNumber === pullNumber);
  }

  /** A review comment someone else left: a person, or another app's bot. */
  addForeignComment(pullNumber: number, path: string, line: number, body: string, user: FakeReviewComment["user"] = { login: "octocat", type: "User" }): FakeReviewComment {
    const comment: FakeReviewComment = { id: this.#nextId++, pullNumber, reviewId: 0, path, line, body, commit_id: this.pulls.get(pullNumber)!.headSha, user, edits: 0 };
    this.reviewComments.push(comment);
    return comment;
  }

  fail(fault: Fault): void {
    this.faults.push(fault);
  }

  requestsMatching(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  /** A person reviews the pull request (on its current head unless told otherwise). */
  submitReview(pullNumber: number, user: string, state: FakePersonReview["state"], commitId?: string): FakePersonReview {
    const pull = this.pulls.get(pullNumber);
    if (!pull) throw new Error(`no pull ${pullNumber}`);
    const review: FakePersonReview = { id: this.#nextId++, pullNumber, user, state, commit_id: commitId ?? pull.headSha };
    this.peopleReviews.push(review);
    return review;
  }

  dismissReview(id: number): FakePersonReview {
    const review = this.peopleReviews.find((r) => r.id === id);
    if (!review) throw new Error(`no review ${id}`);
    review.state = "DISMISSED";
    return review;
  }

  /** Build a commit's tarball now (GitHub's work, not the app's: the bench keeps it out of its timing). */
  prepareArchive(sha: string): void {
    this.#archive(sha);
  }

  // ---- server -----------------------------------------------------------------------------------

  async start(): Promise<string> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => this.#server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    // archives are served by another host (codeload.github.com), which the API redirects to
    this.#codeload = createServer((req, res) => this.#serveArchive(req, res));
    await new Promise<void>((resolve) => this.#codeload!.listen(0, "127.0.0.1", resolve));
    this.#codeloadUrl = `http://127.0.0.1:${(this.#codeload.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const server of [this.#server, this.#codeload]) {
      if (!server) continue;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", this.url);
    // GitHub Enterprise Server serves the same API under /api/v3 (probot's GHE_HOST)
    url.pathname = url.pathname.replace(/^\/api\/v3(?=\/)/, "");
    const method = req.method ?? "GET";
    let body: unknown;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        this.violations.push(`${method} ${url.pathname}: body is not JSON`);
      }
    }
    if (this.validateBodies) this.violations.push(...openApiValidator().validate(method, url.pathname, body, url.searchParams));

    const answer = this.#answer(method, url, body, req.headers.accept ?? "");
    this.requests.push({ method, path: url.pathname, query: url.searchParams, body, status: answer.status, at: performance.now() });
    if (answer.raw !== undefined || (answer.status >= 300 && answer.status < 400)) {
      res.writeHead(answer.status, { "content-type": "text/plain; charset=utf-8", ...answer.headers });
      res.end(answer.raw);
      return;
    }
    res.writeHead(answer.status, { "content-type": "application/json; charset=utf-8", ...answer.headers });
    res.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
  }

  #answer(method: string, url: URL, body: unknown, accept: string): ReturnType<Handler> {
    const fault = this.faults.find((f) => f.times > 0 && (!f.method || f.method === method) && f.path.test(url.pathname));
    if (fault) {
      fault.times--;
      return { status: fault.status, body: { message: "Server Error" } };
    }
    for (const [routeMethod, pattern, handler] of this.#routes) {
      if (routeMethod !== method) continue;
      const match = pattern.exec(url.pathname);
      if (match) return handler(match, { query: url.searchParams, body: (body ?? {}) as Json, accept, origin: this.url });
    }
    return { status: 404, body: { message: "Not Found", documentation_url: "https://docs.github.com/rest" } };
  }

  // ---- endpoints --------------------------------------------------------------------------------

  #accessToken(): ReturnType<Handler> {
    return {
      status: 201,
      body: {
        token: "ghs_faketoken",
        expires_at: new Date(Date.now() + 3600_000).toISOString(),
        permissions: { checks: "write", pull_requests: "write", contents: "read", issues: "write", metadata: "read" },
        repository_selection: "all",
      },
    };
  }

  #resolveRef(ref: string | null): string | undefined {
    if (!ref) return this.branches.get("master") ?? this.branches.values().next().value;
    if (this.commits.has(ref)) return ref;
    return this.branches.get(ref.replace(/^refs\/heads\//, ""));
  }

  #contents(path: string, ref: string | null, accept: string): ReturnType<Handler> {
    const sha = this.#resolveRef(ref);
    const files = sha ? this.commits.get(sha) : undefined;
    if (!files) return { status: 404, body: { message: "No commit found for the ref" } };
    if (this.#isLink(sha!, path)) {
      // GitHub answers a link to a regular file of the repository with that file, any other link with itself
      const target = posix.normalize(posix.join(posix.dirname(path), files.get(path)!.toString("utf8")));
      if (files.has(target) && !this.#isLink(sha!, target) && !target.startsWith("../")) return this.#contents(target, sha!, accept);
      const link = files.get(path)!;
      return {
        status: 200,
        body: { type: "symlink", target: link.toString("utf8"), size: link.length, name: path.split("/").pop(), path, sha: blobSha(link), url: "", git_url: null, html_url: null, download_url: null, _links: { self: "", git: null, html: null } },
      };
    }
    const data = files.get(path);
    if (data) {
      if (accept.includes("raw")) return { status: 200, raw: data.toString("utf8") };
      const oversized = data.length > CONTENTS_API_LIMIT;
      return {
        status: 200,
        body: {
          type: "file",
          encoding: oversized ? "none" : "base64",
          size: data.length,
          name: path.split("/").pop(),
          path,
          content: oversized ? "" : (data.toString("base64").match(/.{1,60}/g) ?? []).join("\n"),
          sha: blobSha(data),
          url: `${this.url}/repos/${this.owner}/${this.repo}/contents/${path}`,
          git_url: null,
          html_url: null,
          download_url: null,
          _links: { self: "", git: null, html: null },
        },
      };
    }
    const prefix = path === "" ? "" : `${path.replace(/\/$/, "")}/`;
    const entries = new Map<string, { type: string; size: number }>();
    for (const [file, content] of files) {
      if (!file.startsWith(prefix)) continue;
      const rest = file.slice(prefix.length);
      const [first, ...deeper] = rest.split("/");
      entries.set(`${prefix}${first}`, deeper.length ? { type: "dir", size: 0 } : { type: "file", size: content.length });
    }
    if (entries.size === 0) return { status: 404, body: { message: "Not Found" } };
    return {
      status: 200,
      body: [...entries].map(([entryPath, entry]) => ({ type: entry.type, size: entry.size, name: entryPath.split("/").pop(), path: entryPath, sha: sha1(entryPath), url: "", git_url: null, html_url: null, download_url: null, _links: { self: "", git: null, html: null } })),
    };
  }

  #paginate<T>(items: readonly T[], query: URLSearchParams, origin: string, path: string): { body: T[]; headers: Record<string, string> } {
    const perPage = Math.min(100, Number(query.get("per_page") ?? 30));
    const page = Math.max(1, Number(query.get("page") ?? 1));
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const headers: Record<string, string> = {};
    if (page < last) {
      const link = (p: number) => {
        const next = new URLSearchParams(query);
        next.set("page", String(p));
        next.set("per_page", String(perPage));
        return `${origin}${path}?${next}`;
      };
      headers.link = `<${link(page + 1)}>; rel="next", <${link(last)}>; rel="last"`;
    }
    return { body: items.slice((page - 1) * perPage, page * perPage), headers };
  }

  #pullFiles(number: number, query: URLSearchParams, origin: string): ReturnType<Handler> {
    const pull = this.pulls.get(number);
    if (!pull) return { status: 404, body: { message: "Not Found" } };
    const files = this.changedFiles(pull)
      .slice(0, FILES_LISTING_LIMIT)
      .map((f) => ({
        sha: f.blob ? blobSha(f.blob) : sha1(f.filename),
        filename: f.filename,
        status: f.status,
        ...(f.previousFilename ? { previous_filename: f.previousFilename } : {}),
        additions: f.diff?.additions ?? 0,
        deletions: f.diff?.deletions ?? 0,
        changes: (f.diff?.additions ?? 0) + (f.diff?.deletions ?? 0),
        blob_url: "",
        raw_url: "",
        contents_url: "",
        ...(f.diff ? { patch: f.diff.patch } : {}),
      }));
    return { status: 200, ...this.#paginate(files, query, origin, `/repos/${this.owner}/${this.repo}/pulls/${number}/files`) };
  }

  #pullJson(pull: FakePull): Json {
    const [headOwner, headName] = pull.headRepo.split("/");
    return {
      number: pull.number,
      state: pull.state,
      title: pull.title,
      body: pull.body,
      head: { sha: pull.headSha, ref: pull.headRef, label: `${headOwner}:${pull.headRef}`, repo: { full_name: pull.headRepo, name: headName, owner: { login: headOwner } } },
      base: { sha: pull.baseSha, ref: pull.baseRef, label: `${this.owner}:${pull.baseRef}`, repo: { full_name: `${this.owner}/${this.repo}`, name: this.repo, owner: { login: this.owner } } },
      changed_files: this.changedFiles(pull).length,
      review_comments: this.commentsOn(pull.number).length,
      user: { login: pull.author, type: "User" },
    };
  }

  #getPull(number: number): ReturnType<Handler> {
    const pull = this.pulls.get(number);
    return pull ? { status: 200, body: this.#pullJson(pull) } : { status: 404, body: { message: "Not Found" } };
  }

  #listPulls(query: URLSearchParams, origin: string): ReturnType<Handler> {
    const state = query.get("state") ?? "open";
    const pulls = [...this.pulls.values()].filter((p) => state === "all" || p.state === state).map((p) => this.#pullJson(p));
    return { status: 200, ...this.#paginate(pulls, query, origin, `/repos/${this.owner}/${this.repo}/pulls`) };
  }

  #commentJson(c: FakeReviewComment): Json {
    return { id: c.id, pull_request_review_id: c.reviewId, path: c.path, line: c.line, ...(c.start_line ? { start_line: c.start_line } : {}), side: "RIGHT", commit_id: c.commit_id, body: c.body, user: c.user };
  }

  #listReviewComments(number: number, query: URLSearchParams, origin: string): ReturnType<Handler> {
    const comments = this.commentsOn(number).map((c) => this.#commentJson(c));
    return { status: 200, ...this.#paginate(comments, query, origin, `/repos/${this.owner}/${this.repo}/pulls/${number}/comments`) };
  }

  #createReview(number: number, body: Json): ReturnType<Handler> {
    const pull = this.pulls.get(number);
    if (!pull) return { status: 404, body: { message: "Not Found" } };
    const commitId = (body.commit_id as string | undefined) ?? pull.headSha;
    if (!this.commits.has(commitId)) return { status: 422, body: { message: "Unprocessable Entity", errors: ["commit_id is not part of the pull request"] } };
    const diffs = new Map(this.changedFiles({ ...pull, headSha: commitId }).map((f) => [f.filename, f.diff]));
    const comments = (body.comments as Json[] | undefined) ?? [];
    for (const c of comments) {
      const diff = diffs.get(c.path as string);
      const line = c.line as number | undefined;
      const start = c.start_line as number | undefined;
      if (!diff || line === undefined || !diff.commentableLines.has(line) || (start !== undefined && (!diff.commentableLines.has(start) || start >= line)))
        return { status: 422, body: { message: "Unprocessable Entity", errors: ["Line could not be resolved"] } };
    }
    const review: FakeReview = { id: this.#nextId++, pullNumber: number, commit_id: commitId, body: String(body.body ?? ""), event: String(body.event ?? "PENDING"), commentIds: [] };
    for (const c of comments) {
      const comment: FakeReviewComment = {
        id: this.#nextId++,
        pullNumber: number,
        reviewId: review.id,
        path: c.path as string,
        line: c.line as number,
        ...(c.start_line !== undefined ? { start_line: c.start_line as number } : {}),
        body: c.body as string,
        commit_id: commitId,
        user: { login: BOT_LOGIN, type: "Bot" },
        edits: 0,
      };
      this.reviewComments.push(comment);
      review.commentIds.push(comment.id);
    }
    this.reviews.push(review);
    return { status: 200, body: { id: review.id, body: review.body, state: "COMMENTED", commit_id: commitId, user: { login: BOT_LOGIN, type: "Bot" } } };
  }

  #editReviewComment(id: number, body: Json): ReturnType<Handler> {
    const comment = this.reviewComments.find((c) => c.id === id);
    if (!comment) return { status: 404, body: { message: "Not Found" } };
    if (comment.user.login !== BOT_LOGIN) return { status: 403, body: { message: "Resource not accessible by integration" } };
    comment.body = String(body.body);
    comment.edits++;
    return { status: 200, body: this.#commentJson(comment) };
  }

  #checkJson(run: FakeCheckRun): Json {
    return { id: run.id, name: run.name, head_sha: run.head_sha, status: run.status, conclusion: run.conclusion, external_id: run.external_id, output: { ...run.output, annotations_count: run.annotations.length }, app: { id: 1, slug: "migguard" } };
  }

  #applyOutput(run: FakeCheckRun, output: Json | undefined): void {
    if (!output) return;
    for (const key of ["title", "summary", "text"] as const) if (typeof output[key] === "string") run.output[key] = output[key] as string;
    run.annotations.push(...((output.annotations as FakeAnnotation[] | undefined) ?? []));
  }

  #createCheckRun(body: Json): ReturnType<Handler> {
    if (!this.commits.has(body.head_sha as string)) return { status: 422, body: { message: "No commit found for SHA" } };
    const run: FakeCheckRun = {
      id: this.#nextId++,
      name: String(body.name),
      head_sha: String(body.head_sha),
      status: String(body.status ?? "queued"),
      conclusion: (body.conclusion as string | undefined) ?? null,
      external_id: String(body.external_id ?? ""),
      output: {},
      annotations: [],
      updates: 0,
    };
    this.#applyOutput(run, body.output as Json | undefined);
    this.checkRuns.push(run);
    return { status: 201, body: this.#checkJson(run) };
  }

  #updateCheckRun(id: number, body: Json): ReturnType<Handler> {
    const run = this.checkRuns.find((c) => c.id === id);
    if (!run) return { status: 404, body: { message: "Not Found" } };
    if (typeof body.status === "string") run.status = body.status;
    if (typeof body.conclusion === "string") {
      run.conclusion = body.conclusion;
      run.status = "completed";
    }
    this.#applyOutput(run, body.output as Json | undefined);
    run.updates++;
    return { status: 200, body: this.#checkJson(run) };
  }

  #tree(ref: string, query: URLSearchParams): ReturnType<Handler> {
    // a commit (or branch), or a folder's tree by the SHA an earlier listing gave it
    const subtree = this.#subtrees.get(ref);
    const sha = subtree?.commit ?? this.#resolveRef(ref);
    const files = sha ? this.commits.get(sha) : undefined;
    if (!sha || !files) return { status: 404, body: { message: "Not Found" } };
    const prefix = subtree?.dir ? `${subtree.dir}/` : "";
    const treeSha = (dir: string) => {
      const id = sha1(dir ? `tree:${sha}:${dir}` : `tree:${sha}`);
      this.#subtrees.set(id, { commit: sha, dir });
      return id;
    };
    // any value of `recursive` lists the whole tree; without it, only the top level; paths relative to the tree listed
    const recursive = query.has("recursive");
    const entries = new Map<string, Json>();
    for (const [path, data] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
      if (!path.startsWith(prefix)) continue;
      const parts = path.slice(prefix.length).split("/");
      for (let depth = 1; depth < parts.length; depth++) {
        const dir = parts.slice(0, depth).join("/");
        if ((recursive || depth === 1) && !entries.has(dir)) entries.set(dir, { path: dir, mode: "040000", type: "tree", sha: treeSha(`${prefix}${dir}`), url: "" });
      }
      const rel = parts.join("/");
      if (recursive || parts.length === 1) entries.set(rel, { path: rel, mode: this.#isLink(sha, path) ? "120000" : "100644", type: "blob", sha: blobSha(data), size: data.length, url: "" });
    }
    const all = [...entries.values()];
    const truncated = all.length > this.treeListingLimit;
    return { status: 200, body: { sha: treeSha(subtree?.dir ?? ""), url: "", tree: all.slice(0, this.treeListingLimit), truncated } };
  }

  #archive(sha: string): Buffer {
    let archive = this.#archives.get(sha);
    if (!archive) {
      archive = gitArchive(this.commits.get(sha)!, `${this.owner}-${this.repo}-${sha.slice(0, 7)}/`, this.symlinks.get(sha));
      this.#archives.set(sha, archive);
    }
    return archive;
  }

  #listTags(query: URLSearchParams, origin: string): ReturnType<Handler> {
    const tags = [...this.tags]
      .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
      .map(([name, sha]) => ({
        name,
        commit: { sha, url: `${this.url}/repos/${this.owner}/${this.repo}/commits/${sha}` },
        zipball_url: `${this.url}/repos/${this.owner}/${this.repo}/zipball/refs/tags/${name}`,
        tarball_url: `${this.url}/repos/${this.owner}/${this.repo}/tarball/refs/tags/${name}`,
        node_id: `REF_${sha1(name)}`,
      }));
    return { status: 200, ...this.#paginate(tags, query, origin, `/repos/${this.owner}/${this.repo}/tags`) };
  }

  #commitJson(sha: string): Json {
    const date = this.#dates.get(sha);
    const parent = this.#parents.get(sha);
    return {
      sha,
      node_id: `C_${sha}`,
      commit: { author: { name: "octocat", email: "octocat@github.com", date }, committer: { name: "octocat", email: "octocat@github.com", date }, message: `commit ${sha.slice(0, 7)}`, tree: { sha: sha1(`tree:${sha}`), url: "" }, url: "", comment_count: 0 },
      url: "",
      html_url: "",
      comments_url: "",
      author: null,
      committer: null,
      parents: parent ? [{ sha: parent, url: "" }] : [],
    };
  }

  /**
   * `GET /commits?sha=&path=`: the history of `sha` (a commit or branch; the default branch without it), newest first,
   * only the commits that changed `path` when one is given (added, edited or deleted it against their parent).
   */
  #listCommits(query: URLSearchParams, origin: string): ReturnType<Handler> {
    const from = this.#resolveRef(query.get("sha"));
    if (!from || !this.commits.has(from)) return { status: 404, body: { message: "No commit found for SHA" } };
    const path = query.get("path");
    const touched = (sha: string) => {
      if (path === null) return true;
      const [is, was] = [this.commits.get(sha)!.get(path), this.commits.get(this.#parents.get(sha) ?? "")?.get(path)];
      return is === undefined ? was !== undefined : was === undefined || !is.equals(was);
    };
    const history: Json[] = [];
    for (let at: string | undefined = from; at; at = this.#parents.get(at)) if (touched(at)) history.push(this.#commitJson(at));
    return { status: 200, ...this.#paginate(history, query, origin, `/repos/${this.owner}/${this.repo}/commits`) };
  }

  /** `{base}...{head}`: status and counts from the one-parent history, files from where head left base (three dots), at most 300. */
  #compare(basehead: string, query: URLSearchParams): ReturnType<Handler> {
    const [baseRef, headRef] = basehead.split("...");
    const base = this.#resolveRef(this.tags.get(baseRef ?? "") ?? baseRef ?? null);
    const head = this.#resolveRef(this.tags.get(headRef ?? "") ?? headRef ?? null);
    if (!baseRef || !headRef || !base || !head || !this.commits.has(base) || !this.commits.has(head)) return { status: 404, body: { message: "Not Found" } };
    const mergeBase = this.mergeBase(base, head);
    if (!mergeBase) return { status: 404, body: { message: "No common ancestor between the two commits" } };
    const between = (from: string, to: string) => {
      const out: string[] = [];
      for (let at: string | undefined = to; at && at !== from; at = this.#parents.get(at)) out.unshift(at);
      return out;
    };
    const ahead = between(mergeBase, head);
    const behind = between(mergeBase, base);
    const status = ahead.length === 0 && behind.length === 0 ? "identical" : behind.length === 0 ? "ahead" : ahead.length === 0 ? "behind" : "diverged";
    const before = this.commits.get(mergeBase)!;
    const after = this.commits.get(head)!;
    const files = [...new Set([...before.keys(), ...after.keys()])]
      .sort()
      .flatMap((filename) => {
        const [was, is] = [before.get(filename), after.get(filename)];
        if (was && is && was.equals(is)) return [];
        const status = !was ? "added" : !is ? "removed" : "modified";
        return [{ sha: blobSha((is ?? was)!), filename, status, additions: 0, deletions: 0, changes: 0, blob_url: "", raw_url: "", contents_url: "" }];
      })
      .slice(0, 300);
    const perPage = Math.min(100, Number(query.get("per_page") ?? 250));
    const page = Math.max(1, Number(query.get("page") ?? 1));
    return {
      status: 200,
      body: {
        url: "",
        html_url: "",
        permalink_url: "",
        diff_url: "",
        patch_url: "",
        base_commit: this.#commitJson(base),
        merge_base_commit: this.#commitJson(mergeBase),
        status,
        ahead_by: ahead.length,
        behind_by: behind.length,
        total_commits: ahead.length,
        commits: ahead.slice((page - 1) * perPage, page * perPage).map((sha) => this.#commitJson(sha)),
        // the file list comes on the first page only
        ...(page === 1 ? { files } : {}),
      },
    };
  }

  #tarball(ref: string): ReturnType<Handler> {
    const sha = this.#resolveRef(ref);
    if (!sha || !this.commits.has(sha)) return { status: 404, body: { message: "Not Found" } };
    // as api.github.com: a redirect to codeload, with a short-lived token in the query for private repositories
    return { status: 302, headers: { location: `${this.#codeloadUrl}/${this.owner}/${this.repo}/legacy.tar.gz/${sha}?token=CODELOADTOKEN` } };
  }

  #serveArchive(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? "/", this.#codeloadUrl);
    this.codeloadRequests.push({ path: url.pathname, authorization: req.headers.authorization !== undefined });
    const match = new RegExp(`^/${this.owner}/${this.repo}/legacy\\.tar\\.gz/([0-9a-f]{40})$`).exec(url.pathname);
    if (req.method !== "GET" || !match || !this.commits.has(match[1]) || url.searchParams.get("token") !== "CODELOADTOKEN") {
      res.writeHead(404).end();
      return;
    }
    const archive = this.#archive(match[1]);
    res.writeHead(200, { "content-type": "application/x-gzip", "content-length": String(archive.length), "content-disposition": `attachment; filename=${this.owner}-${this.repo}-${match[1].slice(0, 7)}.tar.gz` });
    res.end(archive);
  }

  #reviewJson(review: { id: number; pullNumber: number; user: string; type: "User" | "Bot"; state: string; commit_id: string; body: string }): Json {
    const html = `https://github.com/${this.owner}/${this.repo}/pull/${review.pullNumber}`;
    return {
      id: review.id,
      node_id: `PRR_${review.id}`,
      user: { login: review.user, id: review.id, type: review.type },
      body: review.body,
      state: review.state,
      html_url: `${html}#pullrequestreview-${review.id}`,
      pull_request_url: `${this.url}/repos/${this.owner}/${this.repo}/pulls/${review.pullNumber}`,
      _links: { html: { href: html }, pull_request: { href: html } },
      submitted_at: new Date().toISOString(),
      commit_id: review.commit_id,
      author_association: review.type === "Bot" ? "NONE" : "COLLABORATOR",
    };
  }

  #listReviews(number: number, query: URLSearchParams, origin: string): ReturnType<Handler> {
    if (!this.pulls.has(number)) return { status: 404, body: { message: "Not Found" } };
    const own = this.reviews.filter((r) => r.pullNumber === number).map((r) => ({ id: r.id, pullNumber: number, user: BOT_LOGIN, type: "Bot" as const, state: "COMMENTED", commit_id: r.commit_id, body: r.body }));
    const people = this.peopleReviews.filter((r) => r.pullNumber === number).map((r) => ({ ...r, type: "User" as const, body: "" }));
    const all = [...own, ...people].sort((a, b) => a.id - b.id).map((r) => this.#reviewJson(r));
    return { status: 200, ...this.#paginate(all, query, origin, `/repos/${this.owner}/${this.repo}/pulls/${number}/reviews`) };
  }

  #permission(username: string): ReturnType<Handler> {
    const permission = this.permissions.get(username);
    if (!permission) return { status: 404, body: { message: `${username} is not a user` } };
    return { status: 200, body: { ...permission, user: { login: username, type: "User" } } };
  }

  #react(commentId: number, body: Json): ReturnType<Handler> {
    this.reactions.push({ commentId, content: String(body.content) });
    return { status: 201, body: { id: this.#nextId++, content: body.content, user: { login: BOT_LOGIN, type: "Bot" } } };
  }

  #createIssueComment(issueNumber: number, body: Json): ReturnType<Handler> {
    const comment = { id: this.#nextId++, issueNumber, body: String(body.body) };
    this.issueComments.push(comment);
    return { status: 201, body: { ...comment, user: { login: BOT_LOGIN, type: "Bot" } } };
  }
}
