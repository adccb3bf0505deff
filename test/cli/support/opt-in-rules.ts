/**
 * A `.github/migguard.yml` that switches opt-in rules on (`true`: each finding at the severity its rule gives it),
 * for the tests of what those rules say once a repository enables them.
 */
export const optInRules = (...ids: string[]): Record<string, string> => ({ ".github/migguard.yml": `rules:\n${ids.map((id) => `  ${id}: true\n`).join("")}` });
