/**
 * A user's standing on a repository (`GET /repos/{o}/{r}/collaborators/{user}/permission`). `role_name` is
 * the real role ("maintain", "triage", custom roles); the legacy `permission` reports maintain as "write".
 * A user GitHub does not know there (404: not a collaborator, a deleted account) has no role.
 */
import type { GitHub } from "./target.js";

export interface RepositoryRole {
  /** admin, maintain, write, triage, read, or a custom role */
  roleName: string;
  /** the legacy field: admin, write, read or none */
  permission: string;
}

const isNotFound = (error: unknown) => typeof error === "object" && error !== null && (error as { status?: number }).status === 404;

export async function repositoryRole(octokit: GitHub, at: { owner: string; repo: string; username: string }): Promise<RepositoryRole | undefined> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel(at);
    return { roleName: data.role_name, permission: data.permission };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
