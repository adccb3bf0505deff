/** Where a repository keeps its migguard config (the first is canonical; the second is accepted). */
export const CONFIG_PATHS: readonly string[] = [".github/migguard.yml", ".github/migguard.yaml"];
