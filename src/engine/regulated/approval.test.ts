import { approversToCheck, decideRegulatedApproval, regulatedWaiverFindings } from "./approval.js";
import type { RegulatedWaiver } from "./waivers.js";

const waiver: RegulatedWaiver = {
  path: "db/migrate/20240201000000_drop_phone.rb",
  line: 4,
  endLine: 4,
  waiverLine: 3,
  reason: "retention ended, LEGAL-42",
  what: "drops users.phone_number",
  statement: "remove_column :users, :phone_number, :string",
};

describe("who may sign off a waiver of regulated data", () => {
  const head = "a".repeat(40);

  it("looks up only the reviewers whose standing review approves, never the author", () => {
    const reviews = [
      { user: "ana", state: "APPROVED", commitId: head },
      { user: "bo", state: "APPROVED", commitId: head },
      { user: "bo", state: "CHANGES_REQUESTED", commitId: head },
      { user: "cy", state: "CHANGES_REQUESTED", commitId: head },
      { user: "cy", state: "APPROVED", commitId: head },
      { user: "cy", state: "COMMENTED", commitId: head }, // a comment does not withdraw an approval
      { user: "dev", state: "APPROVED", commitId: head },
    ];
    expect(approversToCheck(reviews, "dev")).toEqual(["ana", "cy"]);
  });

  it("approves with a maintainer's or admin's approval of the head commit", () => {
    const decision = decideRegulatedApproval({ reviews: [{ user: "Ana", state: "approved", commitId: head }], roles: { ana: "maintain" }, headSha: head, author: "dev" });
    expect(decision).toEqual({ approved: true, approvedBy: ["Ana"], reason: "approved by @Ana" });
  });

  it("does not count write permission, the author, stale or dismissed approvals", () => {
    const writer = decideRegulatedApproval({ reviews: [{ user: "wes", state: "APPROVED", commitId: head }], roles: { wes: "write" }, headSha: head });
    expect(writer.approved).toBe(false);
    expect(writer.reason).toContain("@wes (write)");
    const author = decideRegulatedApproval({ reviews: [{ user: "dev", state: "APPROVED", commitId: head }], roles: { dev: "admin" }, author: "dev", headSha: head });
    expect(author).toMatchObject({ approved: false, reason: expect.stringContaining("@dev wrote this pull request, and an author's own approval does not count") });
    const stale = decideRegulatedApproval({ reviews: [{ user: "ana", state: "APPROVED", commitId: "b".repeat(40) }], roles: { ana: "admin" }, headSha: head });
    expect(stale).toMatchObject({ approved: false, reason: expect.stringContaining("earlier commit") });
    const dismissed = decideRegulatedApproval({ reviews: [{ user: "ana", state: "APPROVED" }, { user: "ana", state: "DISMISSED" }], roles: { ana: "admin" } });
    expect(dismissed.approved).toBe(false);
    expect(decideRegulatedApproval({ reviews: [], roles: {} }).reason).toMatch(/no approving review/);
  });

  it("turns each waiver into an error until signed off, a note after, and a note saying what the App requires when nobody can check", () => {
    const [pending] = regulatedWaiverFindings([waiver], decideRegulatedApproval({ reviews: [], roles: {} }));
    expect(pending).toMatchObject({ rule: "regulated-data", severity: "error", path: waiver.path, line: 4, category: "data-loss" });
    expect(pending.message).toMatch(/maintain or admin permission/);
    const [approved] = regulatedWaiverFindings([waiver], { approved: true, approvedBy: ["ana"], reason: "approved by @ana" });
    expect(approved.severity).toBe("info");
    const [local] = regulatedWaiverFindings([waiver]);
    expect(local.severity).toBe("info");
    expect(local.message).toMatch(/GitHub App .* maintain or admin/);
  });
});
