/**
 * Review mode's public face, for the CLI (`migguard review`) and the GitHub App:
 *   const plan = planReview(changedFiles, config, basePaths);   // which files to fetch
 *   let result = await review({ changes, head, base, basePaths, config });
 *   if (result.codeSearch.needed) result = await review({ ...input, codeFiles });   // only when something is dropped/renamed
 *   // regulated data: regulatedWaiverFindings(result.regulatedWaivers, decideRegulatedApproval(...))
 */
export { ChangedFile, ChangeStatus } from "./changes.js";
export { planReview, type ReviewPlan } from "./plan.js";
export { review, reviewLoaded, loadReviewEngine, type ReviewInput, type ReviewResult, type CodeSearchRequest } from "./review.js";
export { isSearchableCodePath, isSearchableContent } from "../code/searchable.js";
export { REVIEW_RULES } from "./rules/index.js";
export { approversToCheck, decideRegulatedApproval, regulatedWaiverFindings, APPROVER_ROLES, type PullRequestReview, type RegulatedApproval, type ApprovalInput } from "../regulated/approval.js";
export type { RegulatedWaiver } from "../regulated/waivers.js";
