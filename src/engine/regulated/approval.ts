/**
 * Who may sign off a waiver of regulated data: an approving review of the pull request by a user with
 * maintain or admin permission on the repository, on the current head commit, from someone other than its
 * author. Pure: the App passes the PR's reviews and the permissions it looked up.
 *
 * GitHub trap: the permission API's legacy `permission` field reports maintain as "write"; pass its
 * `role_name` ("admin", "maintain", "write", "triage", "read") instead.
 */
import type { ReportedFinding } from "../model.js";
import { REGULATED_DATA_RULE, type RegulatedWaiver } from "./waivers.js";

export const APPROVER_ROLES: readonly string[] = ["admin", "maintain"];

export interface PullRequestReview {
  /** reviewer login */
  user: string;
  /** GitHub review state: APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING */
  state: string;
  /** the commit the review was made on */
  commitId?: string;
}

export interface ApprovalInput {
  reviews: readonly PullRequestReview[];
  /** role_name per reviewer login, for the users `approversToCheck` returned */
  roles: Readonly<Record<string, string | undefined>>;
  /** the pull request's author cannot sign off their own waiver */
  author?: string;
  /** when given, only approvals of this commit count (a later push needs a new sign-off) */
  headSha?: string;
}

export interface RegulatedApproval {
  approved: boolean;
  /** logins whose approval counts */
  approvedBy: string[];
  /** what is missing, for the check's text */
  reason: string;
}

/** Each reviewer's standing review: the last one that approves, requests changes or was dismissed (comments do not change it). */
function standingReviews(reviews: readonly PullRequestReview[]): Map<string, PullRequestReview> {
  const standing = new Map<string, PullRequestReview>();
  for (const review of reviews) {
    const state = review.state.toUpperCase();
    if (state === "APPROVED" || state === "CHANGES_REQUESTED" || state === "DISMISSED") standing.set(review.user.toLowerCase(), { ...review, state });
  }
  return standing;
}

/** Reviewers whose permission the App must look up (GET /repos/{o}/{r}/collaborators/{user}/permission -> role_name). */
export function approversToCheck(reviews: readonly PullRequestReview[], author?: string): string[] {
  return [...standingReviews(reviews).values()].filter((r) => r.state === "APPROVED" && r.user.toLowerCase() !== author?.toLowerCase()).map((r) => r.user);
}

export function decideRegulatedApproval(input: ApprovalInput): RegulatedApproval {
  const approvals = [...standingReviews(input.reviews).values()].filter((r) => r.state === "APPROVED" && r.user.toLowerCase() !== input.author?.toLowerCase());
  const roleOf = (user: string) => {
    const entry = Object.entries(input.roles).find(([login]) => login.toLowerCase() === user.toLowerCase());
    return entry?.[1]?.toLowerCase();
  };
  const entitled = approvals.filter((r) => APPROVER_ROLES.includes(roleOf(r.user) ?? ""));
  const current = entitled.filter((r) => !input.headSha || !r.commitId || r.commitId === input.headSha);
  if (current.length > 0) return { approved: true, approvedBy: current.map((r) => r.user), reason: `approved by ${current.map((r) => `@${r.user}`).join(", ")}` };
  if (entitled.length > 0)
    return {
      approved: false,
      approvedBy: [],
      reason: `${entitled.map((r) => `@${r.user}`).join(", ")} approved an earlier commit; a user with maintain or admin permission must approve the current head${input.headSha ? ` (${input.headSha.slice(0, 7)})` : ""}`,
    };
  if (approvals.length > 0)
    return {
      approved: false,
      approvedBy: [],
      reason: `approved only by ${approvals.map((r) => `@${r.user} (${roleOf(r.user) ?? "unknown permission"})`).join(", ")}; a user with maintain or admin permission must approve`,
    };
  const own = input.author && [...standingReviews(input.reviews).values()].find((r) => r.state === "APPROVED" && r.user.toLowerCase() === input.author!.toLowerCase());
  if (own) return { approved: false, approvedBy: [], reason: `@${own.user} wrote this pull request, and an author's own approval does not count; another user with maintain or admin permission must approve` };
  return { approved: false, approvedBy: [], reason: "no approving review yet from a user with maintain or admin permission" };
}

/**
 * One finding per waived regulated-data statement: an error until the sign-off is there, a note after.
 * `approval` undefined: nobody can check (the CLI), so the finding says what the App will require.
 */
export function regulatedWaiverFindings(waivers: readonly RegulatedWaiver[], approval?: RegulatedApproval): ReportedFinding[] {
  return waivers.map((w) => {
    const base = {
      path: w.path,
      line: w.line,
      endLine: w.endLine,
      rule: REGULATED_DATA_RULE,
      category: "data-loss" as const,
      statement: w.statement,
      details: [`waiver on line ${w.waiverLine}: ${w.reason}`],
    };
    if (!approval)
      return {
        ...base,
        severity: "info" as const,
        message: `This migration ${w.what} (regulated data), waived: "${w.reason}". In the GitHub App the waiver holds only once the pull request is approved by a user with maintain or admin permission on the repository.`,
        fix: "Ask a repository maintainer or admin to approve the pull request.",
      };
    if (approval.approved)
      return {
        ...base,
        severity: "info" as const,
        message: `This migration ${w.what} (regulated data), waived: "${w.reason}"; ${approval.reason}.`,
        fix: "Nothing to do: the waiver is signed off.",
      };
    return {
      ...base,
      severity: "error" as const,
      message: `This migration ${w.what} (regulated data). The waiver ("${w.reason}") needs an approving review from a user with maintain or admin permission on the repository: ${approval.reason}.`,
      fix: "Ask a repository maintainer or admin to review and approve the pull request; the check runs again on their review.",
    };
  });
}
