/**
 * A deploy pipeline defined in another repository: the repository's release pipeline only hands over to it, so how
 * the new image goes live is not written here. berth-reservations' azure-pipelines-venepaikat-release.yml
 * `extends: template: azure-pipelines-venepaikat-api-release.yml@venepaikat-pipelines` (City of Helsinki's shared
 * pipelines, deploying to OpenShift), a GitHub deploy workflow whose job `uses: org/repo/.github/workflows/x.yml@ref`,
 * GitLab's `include: project:` of a deploy file. A container platform's default is a rolling update, where the new
 * pod's entrypoint migrates while the old pods serve: an image that migrates as it starts proves no offline deploy
 * then (deploy-model.ts reads it as online and names the pipeline). Read with the `yaml` parser.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import type { SourceFile } from "../model.js";
import type { DeployEvidence } from "./deploy-model.js";
import { baseOf } from "../paths.js";
import { isAzurePipelinePath, isDeployWorkflowPath, isDevelopmentPath, isGitlabCiPath } from "./deploy-paths.js";

/** a file or project name that speaks of deploying or releasing */
const NAMED_FOR_DEPLOY = /(?:^|[\W_])(?:deploy\w*|release\w*|rollout|cd|prod|production|k8s|kubernetes|helm|openshift)(?:[\W_]|$)/i;

/** a pipeline file named for deploying */
const isDeployPipelinePath = (path: string) => NAMED_FOR_DEPLOY.test(baseOf(path));

/** a GitHub reusable workflow of another repository: `org/repo/.github/workflows/deploy.yml@v1` (not `./...`) */
const REMOTE_WORKFLOW = /^[\w.-]+\/[\w.-]+\/\.github\/workflows\/[^@\s]+@\S+$/;

const WHY = "how it puts the new image live is not written in this repository, and a container platform's default is a rolling update, where the new instance's entrypoint migrates while the old ones serve";

/** The first sign in the deploy files that the deploy pipeline is another repository's, if any. */
export function remoteDeployPipeline(files: readonly SourceFile[]): DeployEvidence | undefined {
  for (const file of files) {
    const found = isAzurePipelinePath(file.path)
      ? azureTemplate(file)
      : isDeployWorkflowPath(file.path) && !isDevelopmentPath(file.path)
        ? githubReusableWorkflow(file)
        : isGitlabCiPath(file.path)
          ? gitlabProjectInclude(file)
          : undefined;
    if (found) return { path: file.path, line: found.line, what: `${found.what}: ${WHY}` };
  }
  return undefined;
}

interface Parsed {
  root: Node | null;
  line: (node: Node) => number;
}

function parse(file: SourceFile): Parsed | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(file.content, { lineCounter, uniqueKeys: false, prettyErrors: false });
  if (document.errors.length > 0) return undefined;
  return { root: document.contents, line: (node) => (node.range ? lineCounter.linePos(node.range[0]).line : 1) };
}

/** every `key: value` pair of the tree whose value is a string, depth first */
function* stringPairs(node: unknown): Generator<{ key: string; value: string; node: Node }> {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      if (isScalar(pair.key) && isScalar(pair.value) && typeof pair.value.value === "string") yield { key: String(pair.key.value), value: pair.value.value, node: pair.value };
      else yield* stringPairs(pair.value);
    }
  } else if (isSeq(node)) for (const item of node.items) yield* stringPairs(item);
}

/**
 * Azure Pipelines: a `template: file@alias` (under `extends:`, or a stage, job or step) whose alias is a repository
 * resource (not `@self`), in a pipeline named for deploying, or of a template named for it.
 */
function azureTemplate(file: SourceFile): { line: number; what: string } | undefined {
  // a pipeline for review apps or tests deploys no production, whatever template it extends
  const parsed = isDevelopmentPath(file.path) ? undefined : parse(file);
  if (!parsed) return undefined;
  for (const { key, value, node } of stringPairs(parsed.root)) {
    const remote = key === "template" ? /^(.+)@([\w.-]+)$/.exec(value.trim()) : null;
    if (!remote || remote[2] === "self") continue;
    if (!isDeployPipelinePath(file.path) && !NAMED_FOR_DEPLOY.test(baseOf(remote[1]))) continue;
    return { line: parsed.line(node), what: `an Azure Pipelines release pipeline whose deploy is the template \`${value.trim()}\` of another repository` };
  }
  return undefined;
}

/** GitHub: a deploy workflow's job that calls another repository's reusable workflow (`uses: org/repo/.github/workflows/...@ref`). */
function githubReusableWorkflow(file: SourceFile): { line: number; what: string } | undefined {
  const parsed = parse(file);
  const jobs = parsed && isMap(parsed.root) ? parsed.root.get("jobs", true) : undefined;
  if (!parsed || !isMap(jobs)) return undefined;
  for (const job of jobs.items) {
    const uses = isPair(job) && isMap(job.value) ? job.value.get("uses", true) : undefined;
    if (isScalar(uses) && typeof uses.value === "string" && REMOTE_WORKFLOW.test(uses.value.trim()))
      return { line: parsed.line(uses), what: `a deploy workflow whose job runs another repository's workflow \`${uses.value.trim()}\`` };
  }
  return undefined;
}

/** GitLab: `include: project:` of another project's file, when the project or the file is named for deploying. */
function gitlabProjectInclude(file: SourceFile): { line: number; what: string } | undefined {
  const parsed = parse(file);
  const include = parsed && isMap(parsed.root) ? parsed.root.get("include", true) : undefined;
  if (!parsed || !include) return undefined;
  for (const entry of isSeq(include) ? include.items : [include]) {
    if (!isMap(entry)) continue;
    const project = entry.get("project", true);
    if (!isScalar(project) || typeof project.value !== "string") continue;
    const included: unknown = (entry.toJSON() as Record<string, unknown>).file;
    const names = [project.value, ...(Array.isArray(included) ? included : [included]).filter((f): f is string => typeof f === "string")];
    if (!names.some((name) => NAMED_FOR_DEPLOY.test(name))) continue;
    return { line: parsed.line(project), what: `a GitLab pipeline that includes its deploy from the project \`${project.value}\`` };
  }
  return undefined;
}
