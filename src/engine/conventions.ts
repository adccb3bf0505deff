/**
 * The repository's own conventions, read from its other migrations. A team that rolls forward by policy never
 * writes a down (golang-migrate folders of ups alone) or mostly leaves it empty: its missing or empty down on a
 * new migration is a note that says this is the project's habit and which config line turns the rule off (or sets
 * its severity back), so the team can decide in one step.
 */
import type { Config } from "./config.js";
import { companionPaths, detectByPath } from "./detect.js";
import type { Migration } from "./model.js";
import { dirOf } from "./paths.js";

export interface DownConvention {
  /** `never`: none of the recent earlier migrations has a down; `empty`: most are missing or empty, some empty */
  kind: "never" | "empty";
  /** how many recent earlier migrations of the folder were read for the habit (at most DOWN_HABIT_WINDOW) */
  earlier: number;
  /** how many of them have no down or an empty one */
  without: number;
  folder: string;
  /**
   * No migration of the folder has a down that does anything (each is missing or empty), in a layout whose downs
   * are optional: the team chose up-only, so a missing or empty down is no gap. Set on every migration of such a
   * folder; `noteHere` on the one that carries the folder's single note (its newest without a down); `empty`: how
   * many of them have an empty down rather than none.
   */
  upOnly?: { migrations: number; empty: number; noteHere: boolean };
}

/** Django: the project's other RunPython steps are almost all written without a way back. */
export interface ReverseConvention {
  /** the RunPython steps of the project's other Django migrations */
  steps: number;
  /** how many of them have no reverse_code */
  without: number;
}

/** Many other migrations of the folder have a down written to raise: the team refuses rollbacks past them on purpose. */
export interface OneWayConvention {
  /** the other migrations of the folder (same layout) analysed with it */
  others: number;
  /** how many of them declare a one-way down (`Down.declared`) */
  declared: number;
  folder: string;
}

export interface Conventions {
  downs?: DownConvention;
  reverses?: ReverseConvention;
  oneWay?: OneWayConvention;
}

/** Fewer earlier migrations than this say nothing about a habit. */
const MIN_EARLIER = 3;

/**
 * The habit is read over the folder's most recent earlier migrations, not all of them: habits change (vaultwarden's
 * first migrations of 2019 have real downs, most of its ALTERs of 2021-2024 an empty one), and the team that writes
 * the next migration is the one of the last few. Ten is a few months of a busy
 * folder, and what a review reads of the base branch's downs (review/sibling-downs-on-base.ts) for it.
 */
export const DOWN_HABIT_WINDOW = 10;
/**
 * Of those, this share missing or empty is the folder's habit: at least every other one of its recent migrations
 * cannot be rolled back by its down, so a rollback through this folder already stops doing anything at every other
 * step, and the team that shipped each of those as its newest migration, without a way back, does not undo a deploy
 * by rolling back (it rolls forward or restores). A mixed folder, half real downs and half empty ones, is such a
 * habit as much as a mostly empty one: vaultwarden's MySQL folder (5 of the 10 before add_avatar_color, the
 * PostgreSQL folder 6 of 10 with the one migration MySQL did not need) got an error in one folder and a note in the
 * other for the same migration of the same pull request, judged false alarms both. One empty down among written
 * ones (or a few: up to 4 of 10) is a lapse where the team does roll back, and keeps the rule's severity. Judged on
 * vaultwarden (26 of its 46 PostgreSQL downs empty, embedded migrations that never run a down: its 40 empty-down errors
 * judged false alarms), supabase/auth and supabase/postgres.
 */
const HABIT_SHARE = 0.5;

/**
 * The folder whose migrations are one another's siblings: a layout with a folder per migration (diesel's and
 * Formance's `<name>/up.sql`) keeps them one level up, so the habit is read over every migration, not over the
 * one up.sql alone in its own folder (Formance ledger: 42 missing downs, each read as a folder of one).
 */
export const siblingFolder = (path: string): string => (/(?:^|\/)up\.sql$/.test(path) ? dirOf(dirOf(path)) : dirOf(path));

/**
 * Layouts whose runner needs no down: golang-migrate and rivermigrate run a folder of ups alone, goose and dbmate a
 * file without its Down section. Not sqitch (it reverts a failed deploy through revert/, so one missing breaks
 * that deploy) nor Flyway (its U files are optional already: a V file without one is not "missing").
 */
const OPTIONAL_DOWNS: ReadonlySet<string> = new Set(["golang-migrate", "diesel", "rivermigrate", "goose", "sql-migrate", "tern", "dbmate"]);

type DownState = "missing" | "empty" | "present";

interface Sibling {
  path: string;
  version?: string;
  down: DownState;
}

function stateOf(down: Migration["down"]): DownState | undefined {
  if (down.status === "missing") return "missing";
  if (down.status === "empty") return "empty";
  // a down written, derived by the framework (Rails' change, Django) or raising on purpose: the team thinks of rollbacks
  if (down.status === "present" || down.status === "irreversible") return "present";
  return undefined; // a layout without downs (Flyway without U files, Prisma) has no habit to read
}

/** What the conventions need of a migration: plain data, so it can cross to another thread. */
export interface ConventionSubject {
  path: string;
  layout: string;
  version?: string;
  /** undefined: the layout has no downs */
  down?: DownState;
  /** Django: its RunPython steps, and how many of them have no reverse_code */
  dataSteps?: { steps: number; without: number };
  /** its down raises before undoing anything, written so by its author */
  declaredOneWay?: boolean;
}

export const conventionSubject = (m: Migration): ConventionSubject => ({
  path: m.path,
  layout: m.layout,
  version: m.version,
  down: stateOf(m.down),
  dataSteps: djangoDataSteps(m),
  ...(m.down.status === "irreversible" && m.down.declared ? { declaredOneWay: true } : {}),
});

/**
 * A declared one-way down is the folder's convention when at least this many of its other migrations have one, and
 * they are at least this share of them. The hazard of a raising down is a rollback that stops there; a team that
 * wrote that raise again and again, by several hands over the years (warehouse: 26 of 288 revisions, "Order No. 227 -
 * Ни шагу назад!"; koschei: 17 of 123), rolls forward by policy and knows it, so the raise only needs showing. One or
 * two raises are one author's choice for one revision, still worth a warning; 5 % keeps a handful of old raises in a
 * folder of thousands from passing for a policy.
 */
const MIN_ONE_WAY = 5;
const ONE_WAY_SHARE = 0.05;

function oneWayConventionsOf(subjects: readonly ConventionSubject[], ownChange: (path: string) => boolean): Map<ConventionSubject, OneWayConvention> {
  const folders = new Map<string, ConventionSubject[]>();
  for (const m of subjects) {
    if (!m.down) continue;
    const key = `${m.layout}\u0000${siblingFolder(m.path)}`;
    const members = folders.get(key);
    if (members) members.push(m);
    else folders.set(key, [m]);
  }
  const out = new Map<ConventionSubject, OneWayConvention>();
  for (const members of folders.values()) {
    // the change's own migrations say what this change does, not what the team did before it
    const counted = members.filter((m) => !ownChange(m.path));
    const declared = counted.filter((m) => m.declaredOneWay).length;
    for (const m of members) {
      const self = ownChange(m.path) ? 0 : 1;
      const others = { others: counted.length - self, declared: declared - (self && m.declaredOneWay ? 1 : 0) };
      if (others.declared >= MIN_ONE_WAY && others.declared >= ONE_WAY_SHARE * others.others) out.set(m, { ...others, folder: siblingFolder(m.path) || "." });
    }
  }
  return out;
}

/** The RunPython steps of a Django migration (a no-op code step is none), and those without reverse_code. */
function djangoDataSteps(m: Migration): ConventionSubject["dataSteps"] {
  if (m.framework !== "django") return undefined;
  const steps = m.up.filter((op) => op.kind === "data_migration" && op.language === "python");
  if (steps.length === 0) return undefined;
  return { steps: steps.length, without: steps.filter((op) => op.kind === "data_migration" && !op.reversible).length };
}

/** A habit needs this many data steps in the project's other migrations, this share of them without a reverse. */
const MIN_DATA_STEPS = 5;
const REVERSE_HABIT_SHARE = 0.9;

/**
 * Django: the RunPython steps of the project's other migrations (every app: a team writes RunPython one way) are
 * almost all without reverse_code, so rolling back is a restore by policy (JumpServer: 27 of 28; its upgrades take a backup first).
 */
function reverseConventionsOf(subjects: readonly ConventionSubject[], ownChange: (path: string) => boolean): Map<ConventionSubject, ReverseConvention> {
  const out = new Map<ConventionSubject, ReverseConvention>();
  const django = subjects.filter((m) => m.dataSteps !== undefined);
  const counted = django.filter((m) => !ownChange(m.path));
  const steps = counted.reduce((n, m) => n + m.dataSteps!.steps, 0);
  const without = counted.reduce((n, m) => n + m.dataSteps!.without, 0);
  for (const m of django) {
    const self = ownChange(m.path) ? { steps: 0, without: 0 } : m.dataSteps!;
    const others = { steps: steps - self.steps, without: without - self.without };
    if (others.steps >= MIN_DATA_STEPS && others.without >= REVERSE_HABIT_SHARE * others.steps) out.set(m, others);
  }
  return out;
}

const numeric = (version: string | undefined): bigint | undefined => (version && /^\d+$/.test(version) ? BigInt(version) : undefined);

/** How many siblings say each down state. */
type Tally = Record<DownState, number>;
const tally = (): Tally => ({ missing: 0, empty: 0, present: 0 });
const DOWN_STATES: readonly DownState[] = ["missing", "empty", "present"];

/**
 * The siblings of one folder, ready for "which are earlier than this one": a sibling is earlier by version when
 * both versions are numbers (timestamps, 0001, 000042), else every other one counts. Numbered siblings are sorted
 * with running tallies, so each question is a binary search, not a pass over the folder.
 */
class Folder {
  private readonly unnumbered = tally();
  private readonly numbered: Array<{ version: bigint; down: DownState }> = [];
  /** tallies of numbered[0 .. i), i from 0 to numbered.length */
  private readonly before: Tally[] = [];
  readonly all = tally();

  constructor(private readonly siblings: ReadonlyMap<string, Sibling>) {
    for (const s of siblings.values()) {
      const version = numeric(s.version);
      if (version === undefined) this.unnumbered[s.down]++;
      else this.numbered.push({ version, down: s.down });
      this.all[s.down]++;
    }
    this.numbered.sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
    let running = tally();
    this.before.push(running);
    for (const s of this.numbered) {
      running = { ...running, [s.down]: running[s.down] + 1 };
      this.before.push(running);
    }
  }

  /** The down states of the siblings earlier than `subject`, itself left out. */
  earlier(subject: ConventionSubject): Tally {
    const version = numeric(subject.version);
    const out = tally();
    if (version === undefined) Object.assign(out, this.all);
    else {
      const low = this.indexOf(version);
      for (const state of DOWN_STATES) out[state] = this.unnumbered[state] + this.before[low][state];
    }
    const self = this.siblings.get(subject.path);
    if (self && isEarlier(self, subject)) out[self.down]--;
    return out;
  }

  /**
   * The down states of the DOWN_HABIT_WINDOW siblings just before `subject` by version (then, if fewer, of those
   * without a version number). A subject without a version number (an Alembic revision's hash) has no "just
   * before": every other sibling counts, as in `earlier`.
   */
  recent(subject: ConventionSubject): Tally {
    const version = numeric(subject.version);
    if (version === undefined) return this.earlier(subject);
    const low = this.indexOf(version);
    const out = tally();
    const numbered = this.numbered.slice(Math.max(0, low - DOWN_HABIT_WINDOW), low);
    for (const s of numbered) out[s.down]++;
    let room = DOWN_HABIT_WINDOW - numbered.length;
    for (const s of this.siblings.values()) {
      if (room === 0) break;
      if (numeric(s.version) !== undefined || s.path === subject.path) continue;
      out[s.down]++;
      room--;
    }
    return out;
  }

  /** How many numbered siblings have a version below `version`. */
  private indexOf(version: bigint): number {
    let low = 0;
    let high = this.numbered.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.numbered[mid].version < version) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

/** Earlier by version when both have one that is a number, else every other one counts. */
function isEarlier(sibling: Sibling, subject: ConventionSubject): boolean {
  const a = numeric(sibling.version);
  const b = numeric(subject.version);
  return a === undefined || b === undefined || a < b;
}

/**
 * For each migration, the down habit of the earlier migrations in its folder (same layout): from the migrations
 * analysed, and for golang-migrate folders from the repository's paths alone (an up without a .down.sql beside it).
 */
export function downConventions(migrations: readonly Migration[], repositoryPaths: readonly string[], config: Config, history: readonly Migration[] = [], changeAdds?: ReadonlySet<string>): Map<Migration, Conventions> {
  const subjects = migrations.map(conventionSubject);
  const found = downConventionsOf(subjects, repositoryPaths, config, history.map(conventionSubject), changeAdds);
  const out = new Map<Migration, Conventions>();
  migrations.forEach((m, i) => {
    const conventions = found.get(subjects[i]);
    if (conventions) out.set(m, conventions);
  });
  return out;
}

/**
 * `downConventions` on the plain data of the migrations. `history`: other migrations read only as the folders'
 * context (a review's sibling migrations of the base branch, their downs read: review/sibling-downs-on-base.ts): they
 * count as siblings, with their down's contents, and get no conventions of their own. `changeAdds`: in a review, the
 * migrations the change adds. A habit is what the team did before this change, so they are nobody's sibling (nor
 * counted among the other RunPython steps or raising downs): a pull request's own new migrations without downs
 * neither make nor break the habit their findings name, and a folder the change creates has none.
 */
export function downConventionsOf(
  subjects: readonly ConventionSubject[],
  repositoryPaths: readonly string[],
  config: Config,
  history: readonly ConventionSubject[] = [],
  changeAdds?: ReadonlySet<string>,
): Map<ConventionSubject, Conventions> {
  const ownChange = (path: string) => changeAdds?.has(path) ?? false;
  const groups = new Map<string, Map<string, Sibling>>();
  const groupOf = (dir: string, layout: string) => {
    const key = `${layout}\u0000${dir}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = new Map()));
    return group;
  };
  const paths = new Set(repositoryPaths);
  for (const path of paths) {
    if (ownChange(path)) continue;
    const file = detectByPath(path, config);
    if (!file || file === "sql-candidate" || (file.layout !== "golang-migrate" && file.layout !== "diesel" && file.layout !== "rivermigrate") || file.role !== "up") continue;
    const hasDown = companionPaths(file).some((p) => paths.has(p));
    // a .down.sql we have not read may be empty: only its absence is certain
    groupOf(siblingFolder(path), file.layout).set(path, { path, version: file.version, down: hasDown ? "present" : "missing" });
  }
  // read contents win over a path's presence; the analysed migrations over a history copy of the same path
  for (const m of [...history, ...subjects]) if (m.down && !ownChange(m.path)) groupOf(siblingFolder(m.path), m.layout).set(m.path, { path: m.path, version: m.version, down: m.down });
  const folders = new Map<string, Folder>();
  const out = new Map<ConventionSubject, Conventions>();
  for (const [m, reverses] of reverseConventionsOf(subjects, ownChange)) out.set(m, { reverses });
  for (const [m, oneWay] of oneWayConventionsOf(subjects, ownChange)) out.set(m, { ...out.get(m), oneWay });
  const carriers = noteCarriers(subjects);
  for (const m of subjects) {
    const folder = siblingFolder(m.path);
    const key = `${m.layout}\u0000${folder}`;
    const siblings = groups.get(key);
    if (!siblings) continue;
    let group = folders.get(key);
    if (!group) folders.set(key, (group = new Folder(siblings)));
    // dbmate's `-- migrate:down` left empty in every file is as up-only as no section at all (supabase/postgres: 30 of 30)
    const upOnly = OPTIONAL_DOWNS.has(m.layout) && siblings.size > MIN_EARLIER && group.all.present === 0;
    if (upOnly) {
      const earlier = group.earlier(m);
      const count = earlier.missing + earlier.empty + earlier.present;
      const downs: DownConvention = {
        kind: group.all.empty === 0 ? "never" : "empty",
        earlier: count,
        without: count,
        folder: folder || ".",
        upOnly: { migrations: siblings.size, empty: group.all.empty, noteHere: carriers.get(key) === m },
      };
      out.set(m, { ...out.get(m), downs });
      continue;
    }
    const recent = group.recent(m);
    const count = recent.missing + recent.empty + recent.present;
    const without = recent.missing + recent.empty;
    // a folder with fewer earlier migrations than the window says less: there the habit must be every one of them
    if (count < MIN_EARLIER || without < (count < DOWN_HABIT_WINDOW ? count : HABIT_SHARE * count)) continue;
    const kind = recent.missing === count ? "never" : "empty";
    out.set(m, { ...out.get(m), downs: { kind, earlier: count, without, folder: folder || "." } });
  }
  return out;
}

/** Per folder and layout, the newest analysed migration without a down (or with an empty one): it carries an up-only folder's one note. */
function noteCarriers(subjects: readonly ConventionSubject[]): Map<string, ConventionSubject> {
  const out = new Map<string, ConventionSubject>();
  const newer = (a: ConventionSubject, b: ConventionSubject) => {
    const [x, y] = [numeric(a.version), numeric(b.version)];
    return x !== undefined && y !== undefined ? x > y : a.path > b.path;
  };
  for (const m of subjects) {
    if (m.down !== "missing" && m.down !== "empty") continue;
    const key = `${m.layout}\u0000${siblingFolder(m.path)}`;
    const current = out.get(key);
    if (!current || newer(m, current)) out.set(key, m);
  }
  return out;
}
