/**
 * Upgrade or release notes that prescribe downtime for the migrations: takahe's docs/releases/0.10.rst, written in
 * the change that adds 27 index rebuilds, recommends "Temporarily stopping all instances of the webserver and
 * Stator", then "Applying the migration", then restarting them. Read from prose (doc-prose.ts), sentence by
 * sentence, never from code blocks; strict, because the note turns lock findings into notes:
 * - one sentence that stops the application before migrating or upgrading ("Stop all web and worker processes before
 *   running the migrations", "Before upgrading, shut down every instance"), or migrates with it stopped ("apply the
 *   migrations with the application stopped");
 * - one that says the release or its migrations require downtime ("This release requires downtime");
 * - items of one list where one stops the application and a later one migrates (takahe's).
 * The application stopped must be all of it: a word for the whole (the application, all instances, the server, the
 * site, the services), or the web tier and the workers together; the web server alone leaves workers on the tables,
 * the database stopped is no downtime of the application. The project may stand for "the application" by one of its
 * own names (repository/project-names.ts: Octavia's "Gracefully stop all Octavia processes", "stop the Octavia API and
 * workers", "stop Octavia"), never a part named after it ("the octavia-worker") nor a process of another name beside
 * it ("all Octavia health-manager processes"). A sentence that negates ("no downtime", "you do not need
 * to stop") or leaves it to the reader ("you can stop", "optionally") prescribes nothing, nor does "run the
 * migrations" or "back up first" alone.
 */
import type { DeployEvidence } from "./deploy-model.js";
import { proseBlocks, sentencesOf, type ProseBlock, type ProseSentence } from "./doc-prose.js";
import { runsMigrations } from "./deploy-commands.js";
import { comparableName } from "../repository/project-names.js";

/** The project's own names, comparable (repository/project-names.ts `projectNames`). */
export type ProjectNames = ReadonlySet<string>;
const NO_NAMES: ProjectNames = new Set();

/** a verb that stops something, in any of its forms */
const STOP_VERB = String.raw`(?:stop|stops|stopping|shut\s*down|shutting\s+down|shuts\s+down|take\s+down|taking\s+down|bring\s+down|bringing\s+down|turn\s+off|turning\s+off|scale\s+down|scaling\s+down|halt|halting)`;
/** migrating or upgrading, as words or the command */
const MIGRATE_WORDS = /\bmigrat(?:e|es|ed|ing|ion|ions)\b|\bupgrad(?:e|es|ing)\b|\b(?:database|schema)\s+(?:upgrade|update|changes?)\b/i;
const migrates = (text: string) => MIGRATE_WORDS.test(text) || runsMigrations(text);
/** what ends the object of a stop: the clause that says when */
const OBJECT_END = /\s*(?:\bbefore\b|\bprior\s+to\b|\bahead\s+of\b|\bthen\b|\bwhile\b|\bduring\b|\buntil\b|\bso\s+that\b|\bto\s+(?:avoid|prevent|apply|run)\b|\band\s+(?:then\s+)?(?:run|apply|upgrade|migrate|start|restart)\b|[,;:.(])/i;
/** words that say the whole application */
const WHOLE_APPLICATION = /\b(?:application|applications|app|apps|site|instances?|services?|stack|deployments?|containers?|processes|daemons?|everything)\b|(?<!\b(?:web|database|db|mail|cache|redis|postgres(?:ql)?|mysql|sql|dns|proxy)[\s-]?)\bservers?\b/i;
/** the web tier */
const WEB = /\bweb\s*servers?\b|\bweb\b|\bwebapp\b|\bfrontends?\b|\bapi\b|\b(?:gunicorn|uwsgi|puma|unicorn|uvicorn|daphne|passenger)\b/i;
/** background workers */
const WORKERS = /\bworkers?\b|\b(?:celery|sidekiq|resque|rq|delayed[_\s]job|good[_\s]job|cron|scheduler|background|queues?|jobs?)\b/i;
/** a sentence that negates, leaves the stop to the reader, or leaves part of the application running */
const NEGATED = /\b(?:not|no|never|without|none|nothing|unnecessary|optional|optionally|zero[\s-]downtime|instead)\b|n't\b|\bif\s+you\s+(?:want|prefer|like|wish)\b|\byou\s+(?:can|could|may|might)\b|\b(?:leav|keep)(?:e|es|ing)?\b[^.]{0,60}\b(?:going|running|up|serving|online)\b/i;
/** downtime as a requirement: "requires downtime", "downtime is required" */
const DOWNTIME_REQUIRED =
  /\b(?:requires?|required|needs?|needed|necessary|must\s+(?:have|take|plan\s+for|schedule))\b(?:\s+\S+){0,3}?\s+(?:downtime|a\s+maintenance\s+window|to\s+be\s+(?:taken\s+)?offline)\b|\bdowntime\s+(?:is|will\s+be)\s+(?:required|necessary|needed|mandatory)\b|\b(?:must|have\s+to|need\s+to)\s+be\s+(?:applied|run|performed)\s+offline\b/i;
/** a list item that starts by stopping: "Stop ...", "Temporarily stopping ...", "First, shut down ..." */
const STOP_ITEM = new RegExp(String.raw`^(?:(?:first|then|next|now|temporarily|please|always|completely|fully|gracefully|cleanly|make\s+sure\s+(?:to|you)|be\s+sure\s+to|you\s+(?:must|should|need\s+to|have\s+to)|we\s+recommend)[,:]?\s+)*${STOP_VERB}\b`, "i");
const STOP_AT = new RegExp(String.raw`\b${STOP_VERB}\b`, "gi");
/** migrating with the application down: "with the application stopped", "while the site is offline" */
const WITH_STOPPED = /\b(?:with|while)\s+((?:\S+\s+){0,6}?)(?:is\s+|are\s+|being\s+)?(?:stopped|shut\s+down|down|offline|not\s+running)\b/i;

/** words that may stand before a word for the whole without narrowing it to one component ("all running instances") */
const DETERMINERS = new Set(["all", "every", "each", "the", "your", "any", "of", "its", "their", "our", "running", "active", "existing", "old", "current", "whole", "entire", "live", "production", "both", "app", "application"]);

/** A word of the object that is one of the project's names, as written or possessive ("Octavia's"). */
const isProjectName = (word: string, names: ProjectNames) => names.size > 0 && names.has(comparableName(word.replace(/['’]s$/i, "")));

/**
 * Whether the words after a stop verb name the whole application (up to what says when): a word for the whole with
 * nothing but determiners or the project's names before it ("all Stator processes" are one component's, "all Octavia
 * processes" the project's), the project named alone ("stop Octavia"), or the web tier with the workers, or with
 * another process named beside it ("the webserver and Stator").
 */
function stopsTheApplication(object: string, names: ProjectNames): boolean {
  const end = OBJECT_END.exec(object);
  const words = end ? object.slice(0, end.index) : object;
  const plain = (w: string) => w === "" || DETERMINERS.has(w.toLowerCase()) || isProjectName(w, names);
  const whole = WHOLE_APPLICATION.exec(words);
  if (whole && words.slice(0, whole.index).trim().split(/\s+/).every(plain)) return true;
  const all = words.trim().split(/\s+/);
  if (all.some((w) => isProjectName(w, names)) && all.every(plain)) return true;
  return WEB.test(words) && (WORKERS.test(words) || /\band\s+\S+/i.test(words));
}

/** The stop verbs of a text that stop the whole application, with where each ends. */
function applicationStops(text: string, names: ProjectNames): Array<{ index: number; end: number }> {
  const out: Array<{ index: number; end: number }> = [];
  for (const m of text.matchAll(STOP_AT)) {
    const after = text.slice(m.index + m[0].length);
    if (stopsTheApplication(after, names)) out.push({ index: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** One sentence that stops the application for the migration, or says the migration needs downtime. */
export function prescribesDowntime(sentence: string, names: ProjectNames = NO_NAMES): boolean {
  if (NEGATED.test(sentence)) return false;
  if (DOWNTIME_REQUIRED.test(sentence)) return true;
  for (const stop of applicationStops(sentence, names)) {
    // stop ... before migrating / upgrading
    const after = sentence.slice(stop.end);
    const when = /\b(?:before|prior\s+to|ahead\s+of|then)\b/i.exec(after);
    if (when && migrates(after.slice(when.index))) return true;
    // before migrating / upgrading, stop ...
    const before = sentence.slice(0, stop.index);
    const lead = /^\W*(?:before|prior\s+to)\b/i.exec(before);
    if (lead && migrates(before)) return true;
  }
  // migrate with the application stopped
  const stopped = WITH_STOPPED.exec(sentence);
  return stopped !== null && migrates(sentence.slice(0, stopped.index)) && (WHOLE_APPLICATION.test(stopped[1]!) || (WEB.test(stopped[1]!) && WORKERS.test(stopped[1]!)));
}

/** A list item that starts by stopping the whole application. */
export function stopsFirst(item: string, names: ProjectNames = NO_NAMES): boolean {
  const lead = NEGATED.test(item) ? null : STOP_ITEM.exec(item);
  return lead !== null && stopsTheApplication(item.slice(lead[0].length), names);
}

const QUOTE_LIMIT = 160;
const quoted = (text: string) => `"${text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT - 3)}...` : text}"`;
const sectionOf = (block: ProseBlock) => (block.headings.length ? ` (under "${block.headings.join(" > ")}")` : "");

/**
 * The first place in a documentation file the change wrote that prescribes downtime for the migrations: only
 * sentences whose every line `written` holds count (the lines the change added), so an older release's entry in
 * the same changelog says nothing of this one. `names`: the project's own names, which may stand for the application.
 */
export function downtimeNote(path: string, content: string, written: (line: number) => boolean, what: string, names: ProjectNames = NO_NAMES): DeployEvidence | undefined {
  const blocks = proseBlocks(path, content);
  const isNew = (s: ProseSentence) => s.lines.every(written);
  const reason = "nothing serves while its migrations run";
  for (const block of blocks) {
    const said = sentencesOf(block).find((s) => isNew(s) && prescribesDowntime(s.text, names));
    if (said) return { path, line: said.line, what: `${what}${sectionOf(block)} prescribe downtime: ${quoted(said.text)}`, reason };
  }
  // the steps of one list: an item that stops the application, then a later one that migrates
  const items = blocks.filter((b) => b.kind === "item" && b.list !== undefined);
  for (const [i, stop] of items.entries()) {
    const text = stop.lines.map((l) => l.text).join(" ");
    if (!stop.lines.every((l) => written(l.line)) || !stopsFirst(text, names)) continue;
    const migrate = items.slice(i + 1).find((b) => b.list === stop.list && b.lines.every((l) => written(l.line)) && migrates(b.lines.map((l) => l.text).join(" ")));
    if (!migrate) continue;
    const migrateText = migrate.lines.map((l) => l.text).join(" ");
    return {
      path,
      line: stop.lines[0]!.line,
      what: `${what}${sectionOf(stop)} stop the application for the migrations: ${quoted(text)}, then (line ${migrate.lines[0]!.line}) ${quoted(migrateText)}`,
      reason,
    };
  }
  return undefined;
}
