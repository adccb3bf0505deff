/**
 * The container images a compose file or a GitHub Actions workflow runs, read as YAML data (postgres-version.ts
 * loads this module only when such a file is given): a compose file's `services.<name>.image`, a workflow job's
 * `services.<name>.image` (or the image alone) and `container` (or `container.image`).
 */
import { parse } from "yaml";
import { isWorkflowPath } from "../deploy/deploy-paths.js";

const entry = (value: unknown): Record<string, unknown> | undefined => (value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);

/** `image: x` of a service or container, or the image written alone (`container: postgres:13`). */
const imageOf = (value: unknown): string | undefined => (typeof value === "string" ? value : typeof entry(value)?.image === "string" ? (entry(value)!.image as string) : undefined);

export function yamlImages(path: string, content: string): string[] {
  let data: unknown;
  try {
    data = parse(content, { maxAliasCount: 100 });
  } catch {
    return []; // not YAML: it names nothing
  }
  const root = entry(data);
  if (!root) return [];
  if (!isWorkflowPath(path)) return Object.values(entry(root.services) ?? {}).flatMap((service) => imageOf(entry(service)?.image) ?? []);
  return Object.values(entry(root.jobs) ?? {}).flatMap((job) => {
    const j = entry(job);
    if (!j) return [];
    return [...Object.values(entry(j.services) ?? {}).map(imageOf), imageOf(j.container)].filter((image): image is string => image !== undefined);
  });
}
