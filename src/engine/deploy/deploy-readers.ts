/**
 * The parsers some deploy files need, loaded only when a deploy decision meets such a file: the `yaml` package for
 * compose files and Spring's application*.yml (deploy-yaml.ts). The deploy decision is made inside the analysis,
 * which is synchronous: the analysis waits for `deployReadersToLoad` first (analyze.ts), so a lint of one SQL file,
 * whose repository has no compose file, never loads YAML (test/cli/startup.test.ts).
 */
import type { SourceFile } from "../model.js";
import { isComposePath, isSpringConfigPath } from "./deploy-paths.js";
import type * as deployYamlModule from "./deploy-yaml.js";

type DeployYaml = typeof deployYamlModule;

let yaml: DeployYaml | undefined;

/** A deploy file that only the YAML parser reads. */
export const needsYaml = (path: string): boolean => isComposePath(path) || (isSpringConfigPath(path) && /\.ya?ml$/.test(path));

export async function loadDeployReaders(): Promise<void> {
  yaml ??= await import("./deploy-yaml.js");
}

/** What to wait for before deciding on these files: undefined when their readers are there (or none is needed). */
export function deployReadersToLoad(files: readonly SourceFile[]): Promise<void> | undefined {
  return !yaml && files.some((f) => needsYaml(f.path)) ? loadDeployReaders() : undefined;
}

export function deployYaml(): DeployYaml {
  if (!yaml) throw new Error("the deploy's YAML reader is not loaded: wait for deployReadersToLoad (analyze does) or call loadDeployReaders first");
  return yaml;
}
