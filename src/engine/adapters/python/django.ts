/**
 * The Django adapter: `class Migration` -> the shared model. Every operation runs inside one transaction unless
 * `atomic = False` (then RunPython(atomic=True) still gets its own). Django derives the rollback itself, so the
 * down is `derived`, or irreversible at the first RunPython / RunSQL without a reverse.
 */
import { ALL_RULES } from "../../waivers/peer-waivers.js";
import type { AdapterInput, DjangoProject } from "../index.js";
import { installedAppsReader, type InstalledApps } from "../../repository/django-uninstalled-apps.js";
import { dirOf } from "../../paths.js";
import type { Down, MigrationInput, OperationInput, ParseProblem } from "../../model.js";
import { historyOf } from "./django-history.js";
import { translateOperations } from "./django-operations.js";
import type { AppState } from "./django-state.js";
import { projectUserModel } from "./django-user-model.js";
import { projectModulesFor } from "./project-modules.js";

const unquoted = (name: string) => name.replace(/"/g, "").split(".").pop()!.toLowerCase();

/** Drops of tables and columns an earlier migration already took out of Django's state: the planned last step. */
function markPlannedDrops(ops: OperationInput[], leftState: ReadonlyMap<string, string>): void {
  if (leftState.size === 0) return;
  for (const op of ops) {
    if (op.kind === "drop_table") {
      const origins = op.tables.map((t) => leftState.get(unquoted(t)));
      if (origins.every((o) => o !== undefined)) op.leftOrmIn = origins[0];
    } else if (op.kind === "drop_column") {
      const origin = leftState.get(`${unquoted(op.table)}.${op.column.toLowerCase()}`);
      if (origin) op.leftOrmIn = origin;
    }
  }
}

/**
 * A squash whose `replaces` list its team removed once every deployment had moved past the migrations it replaced
 * (Django's advice; bookwyrm's 0006_..._squashed_0064_...): squashmigrations names it `<first>_squashed_<last>`.
 * Every database that ran them has it recorded applied, so it runs only on a new one, as with `replaces`: the
 * number of migrations its name spans.
 */
function squashedByName(path: string): number {
  const m = /(?:^|\/)(\d{4,})_\w*_squashed_(\d{4,})_\w*\.py$/.exec(path);
  const [first, last] = m ? [Number(m[1]), Number(m[2])] : [0, -1];
  return last >= first ? last - first + 1 : 0;
}

/** The primary key columns of each table of the app's models (tables, not proxies or unmanaged models), by lower-case table name. */
function primaryKeysOf(state: AppState): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const model of state.models.values()) {
    if (model.noTable) continue;
    const keys = [...model.fields.values()].filter((f) => f.primaryKey && !f.manyToMany).map((f) => f.column);
    if (keys.length) out[state.table(model.name).toLowerCase()] = keys;
  }
  return out;
}

/** one reader per analysis's project: its settings modules are parsed once, not once per migration */
const installedReaders = new WeakMap<DjangoProject, (folder: string) => InstalledApps | undefined>();

/** What the project's settings install, for the migration's folder (django-uninstalled-apps.ts), when known whole. */
function installedAppsField(input: AdapterInput): { djangoInstalledApps?: InstalledApps } {
  const project = input.djangoProject;
  if (!project) return {};
  let read = installedReaders.get(project);
  if (!read) installedReaders.set(project, (read = installedAppsReader(new Map(project.settings.map((f) => [f.path, f])))));
  const installed = read(dirOf(input.file.path));
  return installed ? { djangoInstalledApps: installed } : {};
}

export function djangoMigration(input: AdapterInput): MigrationInput {
  const modules = projectModulesFor(input.projectFile);
  const history = historyOf(input.history, modules);
  const file = history.file(input.file.path, input.content);
  const label = history.appLabel(input.file.path);
  const notes = [];
  if (!file.found) notes.push({ line: 1, message: "no `class Migration` found: nothing to check in this file" });
  // what the project's modules say a call is given is named: the call picks among those operations as it runs
  const hidden = file.operationsUnreadable.map(({ line, text, holds, unread }) => ({
    line,
    message: `the operations are built at run time (\`${text}\`${holds ? `; ${holds}, of which the call picks what runs` : ""}), so they cannot be checked statically${unread ? ` (${unread})` : ""}`,
  }));
  const { state, known } = history.stateBefore(file, label);
  const user = input.djangoProject ? projectUserModel(input.djangoProject, modules) : undefined;
  state.userTable = user?.table;
  state.userKeyType = user?.keyType;
  // what earlier migrations removed from the state only, before translating changes the state
  const leftState = new Map(state.leftState);
  const tableKeys = primaryKeysOf(state);
  const translation = translateOperations(file.operations, { state, stateKnown: known, atomic: file.atomic, functions: file.functions });
  markPlannedDrops(translation.up, leftState);
  // django-safemigrate: a drop that runs after the deploy is the planned second step of a two-step removal
  if (file.safe === "after_deploy") for (const op of translation.up) if (op.kind === "drop_table" || op.kind === "drop_column") op.afterDeploy = true;
  // a call a syntax error cut short is reported as that error already, not as a hidden operation too
  const broken = (p: ParseProblem) => file.syntaxErrors.some((e) => e.line <= (p.endLine ?? p.line) && (e.endLine ?? e.line) >= p.line);
  // every operation without a reverse is named: a reverse given to one changes nothing while another still blocks
  const oneWay = translation.oneWay ?? [];
  // every way back refused by a reverse written to raise, in a migration Django unapplies in one transaction: what it
  // undid before the raise is rolled back with it, so the raise stops the rollback before anything is undone
  const declared = oneWay.length > 0 && oneWay.every((o) => o.declared) && file.atomic;
  const down: Down = oneWay.length
    ? {
        status: "irreversible",
        loc: oneWay[0].loc,
        reason: `${oneWay.map((o, i) => (i > 0 && i === oneWay.length - 1 ? `and ${o.what}` : o.what)).join(oneWay.length > 2 ? ", " : " ")}, so Django ${declared ? "stops unapplying it there" : "refuses to unapply it"}`,
        ...(oneWay.length > 1 ? { alsoAt: oneWay.slice(1).map((o) => o.loc) } : {}),
        ...(declared ? { declared: true } : {}),
      }
    : { status: "present", ops: translation.down as never, derived: true };
  // the migrations of other apps that ran before it (`__first__` / `__latest__` name no migration)
  const otherApps = file.dependencies.filter((d) => d.app !== (label ?? input.file.path.split("/").at(-3)) && !d.name.startsWith("__"));
  return {
    path: input.file.path,
    framework: "django",
    layout: "django",
    version: input.file.version,
    name: input.file.name,
    transactional: file.atomic,
    ...(file.initial ? { initial: true } : {}),
    ...(file.generatedOn ? { generatedOn: file.generatedOn } : {}),
    up: translation.up as never,
    down,
    squashes: file.replaces.length || squashedByName(input.file.path),
    djangoLabel: label,
    ...installedAppsField(input),
    ...(Object.keys(tableKeys).length ? { djangoTableKeys: tableKeys } : {}),
    dependsOn: file.dependencies.filter((d) => d.app === (label ?? input.file.path.split("/").at(-3))).map((d) => d.name),
    ...(otherApps.length ? { djangoAppDependencies: otherApps } : {}),
    ...(file.replaces.length ? { djangoReplaces: file.replaces.filter((d) => d.app === (label ?? input.file.path.split("/").at(-3))).map((d) => d.name) } : {}),
    waivers: translation.ignored
      ? // django-migration-linter's waiver of the whole migration: like every other linter's, it gives no reason (peer-waivers.ts)
        [...file.waivers, { line: translation.ignored.line, rules: [ALL_RULES], reason: "", wholeFile: true, peer: "django-migration-linter's IgnoreMigration()" }]
      : file.waivers,
    sizeNotes: file.sizeNotes,
    comments: file.comments,
    syntaxErrors: [...file.syntaxErrors, ...translation.errors],
    hidden: [...hidden, ...translation.hidden.filter((h) => !broken(h))],
    notes: [...notes, ...translation.notes, ...translation.hidden.filter(broken).map(({ line, endLine, message }) => ({ line, endLine, message }))],
  };
}
