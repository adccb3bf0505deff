/**
 * The upgrade procedure the project documents: the operator's word on how it deploys. Backend.AI's
 * docs/install/upgrade-existing-cluster.rst, under "Upgrading Backend.AI Manager": "1. Stop the manager process ...
 * 2. pip install -U ... 3. ... executing ``alembic upgrade head``. 4. Restart the process." Nothing serves while it
 * migrates, the same as an entrypoint that migrates before the server starts (deploy-model.ts).
 * Read from README / UPGRADE / INSTALL / DEPLOY files near the root and the Markdown and reStructuredText files of a
 * docs folder (at most MAX_DEPLOY_DOCS, the ones named for upgrading first): in a section whose title (or one around
 * it) or whose file name speaks of upgrading, updating or deploying, the steps (an ordered list's items, a shell
 * block's lines: doc-steps.ts) where one that runs the migration command (the commands the deploy model knows:
 * deploy-commands.ts, or the project's own: project-commands.ts) comes after one that stops the application and
 * before one that starts it again. A rolling sign elsewhere in the repository still decides (deploy-model.ts).
 */
import type { SourceFile } from "../model.js";
import { baseOf } from "../paths.js";
import { runsMigrations, SERVER_START } from "./deploy-commands.js";
import type { DeployEvidence } from "./deploy-model.js";
import type { DocSection, DocStep } from "./doc-steps.js";
import { deployDocs } from "./deploy-readers.js";
import { ProjectCommands } from "./project-commands.js";
import { docRank, isDeployDocPath, MAX_DEPLOY_DOC_BYTES, SPEAKS_OF_UPGRADE } from "./deploy-doc-paths.js";

/** the application named as what the step stops or starts */
const THE_APPLICATION = String.raw`[^.\n]{0,60}\b(?:server|service|process|processes|app|application|daemon|container|containers|instance|instances|workers?|stack)\b`;
/** how a step may say to do it first (Octavia's "Gracefully stop all Octavia processes") */
const MANNER = String.raw`(?:(?:gracefully|cleanly|safely|carefully)\s+)?`;
/** a list item that says to stop the application, in words */
const STOP_WORDS = new RegExp(String.raw`^\s*(?:(?:first|then|next|now|finally),?\s+)?${MANNER}(?:stop|shut\s*down|shutdown|turn\s+off|bring\s+down|take\s+down)\b${THE_APPLICATION}`, "i");
/** a list item that says to start the application again, in words */
const START_WORDS = new RegExp(String.raw`^\s*(?:(?:first|then|next|now|finally),?\s+)?${MANNER}(?:re-?start|start|bring\s+up|turn\s+on|launch)\b${THE_APPLICATION}`, "i");
/** shell commands that stop the application */
const STOP_COMMAND = /\bsystemctl\s+(?:--\S+\s+)*stop\b|\bdocker(?:\s+|-)compose\b[^\n;&|]*\s(?:down|stop)\b|\bsupervisorctl\s+stop\b|\bservice\s+\S+\s+stop\b|\bpm2\s+stop\b|\b(?:kill|pkill|killall)\s/;
/** shell commands that start it */
const START_COMMAND = new RegExp(String.raw`\bsystemctl\s+(?:--\S+\s+)*(?:start|restart)\b|\bdocker(?:\s+|-)compose\b[^\n;&|]*\s(?:up|start|restart)\b|\bsupervisorctl\s+(?:start|restart)\b|\bservice\s+\S+\s+(?:start|restart)\b|\bpm2\s+(?:start|restart)\b|${SERVER_START.source}`);

/** an item's first words without its list marker (`1.`, `#.`, `(2)`) */
const withoutMarker = (text: string) => text.replace(/^\s*(?:\d+[.)]|#[.)]|[a-zA-Z][.)]|\(\d+\)|\(#\))\s+/, "");

const stops = (step: DocStep) => STOP_COMMAND.test(step.text) || (step.kind === "item" && STOP_WORDS.test(withoutMarker(step.text)));
const starts = (step: DocStep) => START_COMMAND.test(step.text) || (step.kind === "item" && START_WORDS.test(withoutMarker(step.text)));

/** The first stop, migrate, start steps of a section, in that order, if it has them. */
function stopMigrateStart(section: DocSection, migrates: (step: DocStep) => boolean): { stop: DocStep; migrate: DocStep; start: DocStep } | undefined {
  const { steps } = section;
  const stop = steps.findIndex((s) => stops(s) && !migrates(s));
  if (stop === -1) return undefined;
  const migrate = steps.findIndex((s, i) => i > stop && migrates(s));
  if (migrate === -1) return undefined;
  const start = steps.findIndex((s, i) => i > migrate && starts(s) && !migrates(s));
  if (start === -1) return undefined;
  return { stop: steps[stop]!, migrate: steps[migrate]!, start: steps[start]! };
}

/** The documented procedure that stops the application, migrates, then starts it, if the documentation writes one. */
export function documentedOfflineUpgrade(files: readonly SourceFile[]): DeployEvidence | undefined {
  const docs = files.filter((f) => isDeployDocPath(f.path) && f.content.length <= MAX_DEPLOY_DOC_BYTES);
  if (docs.length === 0) return undefined;
  const project = new ProjectCommands(files);
  const migrates = (step: DocStep) => runsMigrations(step.text) || project.migrationIn(step.text) !== undefined;
  for (const doc of docs.sort((a, b) => docRank(a.path) - docRank(b.path))) {
    const { markdownSections, rstSections } = deployDocs();
    const sections = /\.rst$/i.test(doc.path) ? rstSections(doc.content) : markdownSections(doc.content);
    const named = SPEAKS_OF_UPGRADE.test(baseOf(doc.path));
    for (const section of sections) {
      if (!named && !section.headings.some((h) => SPEAKS_OF_UPGRADE.test(h))) continue;
      const found = stopMigrateStart(section, migrates);
      if (!found) continue;
      const title = section.headings.at(-1);
      return {
        path: doc.path,
        line: found.migrate.line,
        what: `the documented upgrade procedure${title ? ` ("${title}")` : ""} stops the application (line ${found.stop.line}), runs the migrations, then starts it again (line ${found.start.line})`,
        reason: "nothing serves while it migrates",
      };
    }
  }
  return undefined;
}
