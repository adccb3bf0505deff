/**
 * The change's own upgrade notes, when they prescribe downtime for its migrations: takahe's 7f483af8d3 adds 27
 * index rebuilds and, in the same commit, docs/releases/0.10.rst, which tells operators to stop every web and Stator
 * instance, apply the migrations, then restart them. Nothing live waits on those locks, so the change's migrations
 * are reviewed as an offline deploy (deploy-model.ts), the note quoted with its file and line.
 * Only notes the change adds or modifies, and in a modified one only the lines it wrote (added-lines.ts): an older
 * release's notes speak of that release. The sentences are read as prose (downtime-notes.ts), where the project's own
 * names (the repository's, its manifests' packages: repository/project-names.ts) may stand for the application.
 */
import type { Config } from "../config.js";
import type { SourceFile } from "../model.js";
import { baseOf } from "../paths.js";
import { loadPythonParser } from "../adapters/python/parser.js";
import { projectNames } from "../repository/project-names.js";
import type { DeployEvidence } from "../deploy/deploy-model.js";
import { loadOnce } from "../load-once.js";
import type { Change } from "./changes.js";
import { addedLines } from "./added-lines.js";
import { isChangeNotePath, MAX_CHANGE_NOTES } from "./change-note-paths.js";

let notes: typeof import("../deploy/downtime-notes.js") | undefined;
/** the prose reader (marked) is loaded only for a change that writes notes */
const loadNotes = loadOnce(async () => {
  notes ??= await import("../deploy/downtime-notes.js");
});

/** The notes a change writes, in path order: added, modified or renamed, at most MAX_CHANGE_NOTES. */
export const changeNotes = (changes: readonly Change[]): Change[] =>
  changes
    .filter((c) => c.status !== "removed" && isChangeNotePath(c.path))
    .sort((a, b) => a.path.localeCompare(b.path))
    .slice(0, MAX_CHANGE_NOTES);

/** The project as its notes may name it: the repository's name and the manifests among `files`. */
export interface ProjectIdentity {
  repository?: string;
  files: readonly SourceFile[];
}

/**
 * Where the change's notes prescribe downtime for its migrations; undefined when none does, or when the config sets
 * the deploy (`deploy:` wins over any file). `head` and `base`: the files' contents, by path.
 */
export async function changeDowntime(
  changes: readonly Change[],
  head: ReadonlyMap<string, string>,
  base: ReadonlyMap<string, string>,
  config: Pick<Config, "deploy">,
  project: ProjectIdentity = { files: [] },
): Promise<DeployEvidence | undefined> {
  if ((config.deploy ?? "auto") !== "auto") return undefined;
  const written = changeNotes(changes).filter((c) => head.has(c.path));
  if (written.length === 0) return undefined;
  // setup.py declares its name in Python: its grammar loads only for a change that writes notes
  const setupPy = project.files.some((f) => baseOf(f.path) === "setup.py");
  await Promise.all([loadNotes(), setupPy ? loadPythonParser() : undefined]);
  const names = projectNames(project.repository, project.files, setupPy);
  for (const change of written) {
    const before = change.status === "added" ? undefined : base.get(change.previousPath ?? change.path);
    // a modified note the review could not read on the base branch: which lines are new is unknown
    if (change.status !== "added" && before === undefined) continue;
    const content = head.get(change.path)!;
    const added = addedLines(before, content);
    const what = change.status === "added" ? "the upgrade notes this change adds" : "the upgrade notes this change writes";
    const found = notes!.downtimeNote(change.path, content, (line) => added.has(line), what, names);
    if (found) return found;
  }
  return undefined;
}
