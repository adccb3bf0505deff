/**
 * Instance counts written in the repository's infrastructure files: more than one instance of the application means
 * that a deploy replaces them while others serve, so a container that migrates before its server starts is not an
 * offline deploy (teaching-vacancies: eight AKS web pods, each running `db:migrate` before `rails s`, their count in
 * terraform/workspace-variables/production.tfvars.json). Read with real parsers: Terraform's JSON variables
 * (`*.tfvars.json`, `*.tf.json`) and YAML/JSON manifests with the `yaml` parser (JSON is YAML, and it gives lines),
 * fly.toml with smol-toml; Terraform's HCL files with tree-sitter (terraform-hcl.ts). Loaded lazily (deploy-readers.ts).
 */
import { parse as parseToml } from "smol-toml";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import type { SourceFile } from "../model.js";
import { baseOf } from "../paths.js";
import { lineAt } from "./deploy-commands.js";
import type { DeployEvidence } from "./deploy-model.js";
import { record } from "./deploy-yaml.js";
import { isCloudFoundryManifestPath, isTerraformHclPath, isTerraformJsonPath } from "./deploy-paths.js";
import { isInstanceCountKey } from "./instance-count-keys.js";
import { hclInstanceCountSign } from "./terraform-hcl.js";

export { loadHclParser, hclRollingSign } from "./terraform-hcl.js";

/** a whole number written as a number or a numeric string (`"3"`) */
function countOf(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

interface Count {
  key: string;
  count: number;
  line: number;
}

/**
 * The first count above one in a YAML or JSON tree: a key that counts instances with a number, or (a Terraform
 * variable in JSON) with a map whose `default` is one.
 */
function firstCount(node: unknown, lines: LineCounter): Count | undefined {
  if (isSeq(node)) {
    for (const item of node.items) {
      const found = firstCount(item, lines);
      if (found) return found;
    }
    return undefined;
  }
  if (!isMap(node)) return undefined;
  for (const pair of node.items) {
    if (!isScalar(pair.key) || !pair.key.range) continue;
    const key = String(pair.key.value);
    if (isInstanceCountKey(key)) {
      const value = pair.value as YamlNode | null;
      const direct = isScalar(value) ? countOf(value.value) : undefined;
      const byDefault = isMap(value) ? value.items.find((p) => isScalar(p.key) && p.key.value === "default") : undefined;
      const count = direct ?? (byDefault && isScalar(byDefault.value) ? countOf(byDefault.value.value) : undefined);
      if (count !== undefined && count > 1) return { key, count, line: lines.linePos(pair.key.range[0]).line };
    }
    const found = firstCount(pair.value, lines);
    if (found) return found;
  }
  return undefined;
}

/** What kind of file states the count, for the message. */
function sourceOf(path: string): string {
  if (isTerraformJsonPath(path)) return "Terraform variables";
  if (isCloudFoundryManifestPath(path)) return "a Cloud Foundry manifest";
  return "an infrastructure file";
}

/** A count above one of the application's instances in a Terraform, Cloud Foundry, ECS or CloudFormation file. */
export function instanceCountSign(file: SourceFile): DeployEvidence | undefined {
  if (isTerraformHclPath(file.path)) return hclInstanceCountSign(file);
  const lines = new LineCounter();
  const document = parseDocument(file.content, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  if (document.errors.length > 0) return undefined;
  const found = firstCount(document.contents, lines);
  if (!found) return undefined;
  return { path: file.path, line: found.line, what: `\`${found.key}: ${found.count}\` in ${sourceOf(file.path)}: ${found.count} instances run the code, and a deploy replaces them while the others serve` };
}

/**
 * fly.toml's signs of overlapping machines: `min_machines_running` above one (a rolling deploy replaces them one at
 * a time), or a `bluegreen` or `canary` deploy strategy (new machines start beside the old ones).
 */
export function flyInstanceSign(file: SourceFile): DeployEvidence | undefined {
  if (baseOf(file.path) !== "fly.toml") return undefined;
  let config: Record<string, unknown>;
  try {
    config = parseToml(file.content);
  } catch {
    // not valid TOML: fly cannot deploy it either
    return undefined;
  }
  const lineOf = (key: string) => {
    const at = new RegExp(`^\\s*${key}\\s*=`, "m").exec(file.content);
    return at ? lineAt(file.content, at.index) : 1;
  };
  const strategy = record(config.deploy)?.strategy;
  if (strategy === "bluegreen" || strategy === "canary") return { path: file.path, line: lineOf("strategy"), what: `fly.io's \`${strategy}\` deploy strategy: new machines start beside the old ones` };
  const services = [record(config.http_service), ...(Array.isArray(config.services) ? config.services.map(record) : [])];
  for (const service of services) {
    const count = countOf(service?.min_machines_running);
    if (count !== undefined && count > 1) return { path: file.path, line: lineOf("min_machines_running"), what: `fly.io's \`min_machines_running = ${count}\`: a rolling deploy replaces the machines while the others serve` };
  }
  return undefined;
}
