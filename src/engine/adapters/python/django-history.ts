/**
 * The migrations of one Django app folder given to an analysis, read once each: the state before a migration
 * is its ancestors' operations (same-app `dependencies`, transitively) replayed in order. One history per
 * folder array (the grouping step shares one array per folder), so 1,000 migrations are read 1,000 times, not 1,000².
 */
import { readDjangoFile, type DjangoFile } from "./django-reader.js";
import { AppState } from "./django-state.js";
import type { ProjectModules } from "./project-modules.js";
import { baseOf } from "../../paths.js";

type HistoryFiles = ReadonlyArray<{ path: string; content: string }>;

/** The app label of a `<app>/migrations/<file>.py` path: the folder above `migrations/`. */
export function folderLabel(path: string): string {
  const parts = path.split("/");
  return parts.length >= 3 ? parts[parts.length - 3] : "app";
}

export class DjangoHistory {
  private readonly byName = new Map<string, { path: string; content: string }>();
  private readonly read = new Map<string, DjangoFile>();
  /** files that could not be read (too complex, say): each reports its own error, never a later migration's */
  private readonly failed = new Map<string, unknown>();
  private label?: string;

  /** the project's Python modules the migrations import from (set by the first adapter input that has them) */
  modules?: ProjectModules;

  constructor(private readonly files: HistoryFiles) {
    for (const f of files) this.byName.set(baseOf(f.path).replace(/\.py$/, ""), f);
  }

  /** The file read once; `content` given for a file that is not part of the history (a lone unit). */
  file(path: string, content?: string): DjangoFile {
    if (this.failed.has(path)) throw this.failed.get(path);
    let file = this.read.get(path);
    if (!file) {
      const source = content ?? this.files.find((f) => f.path === path)?.content ?? "";
      try {
        file = readDjangoFile(path, source, this.modules);
      } catch (error) {
        this.failed.set(path, error);
        throw error;
      }
      this.read.set(path, file);
    }
    return file;
  }

  /** An earlier migration as history; one that cannot be read is left out (the state after it is then unknown). */
  private fileByName(name: string): DjangoFile | undefined {
    const f = this.byName.get(name);
    if (!f) return undefined;
    try {
      return this.file(f.path, f.content);
    } catch {
      return undefined;
    }
  }

  /**
   * The app label Django knows this app by: the folder name, unless the migrations' dependencies on each other
   * consistently use another label (an AppConfig with its own `label`).
   */
  appLabel(anyPath: string): string {
    if (this.label !== undefined) return this.label;
    const counts = new Map<string, number>();
    for (const name of this.byName.keys()) {
      // only cheap reads: dependencies need the file parsed, which the state needs anyway
      for (const dep of this.fileByName(name)?.dependencies ?? []) {
        // a migration never depends on itself: games' 0001_initial depending on ("platforms", "0001_initial") names another app
        if (this.byName.has(dep.name) && dep.name !== name) counts.set(dep.app, (counts.get(dep.app) ?? 0) + 1);
      }
    }
    const fallback = folderLabel(anyPath);
    const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    this.label = best && best[0] !== fallback && best[1] > (counts.get(fallback) ?? 0) ? best[0] : fallback;
    return this.label;
  }

  /** The same-app migrations a migration depends on directly (present in this history). */
  private parentsOf(f: DjangoFile, label: string): string[] {
    const declared = f.dependencies.filter((d) => d.app === label);
    const same = declared.filter((d) => this.byName.has(d.name)).map((d) => d.name);
    // a dependency that is not here (a migration without a number prefix, one left out of the review): the
    // app's other migrations, up to their last ones, stand in for its own history
    if (same.length < declared.length) return [...new Set([...same, ...this.standIns(f, label)])].sort();
    if (same.length > 0) return same.sort();
    // no same-app dependency written: the migration named just before it (hand-written or test migrations)
    return [...this.byName.keys()].filter((n) => n < f.name).sort().slice(-1);
  }

  /** Same-app dependencies present in this history, by migration name (the graph as written, no stand-ins). */
  private declaredParents?: Map<string, string[]>;

  /** The last migrations (that nothing here depends on) among those that do not descend from `f`. */
  private standIns(f: DjangoFile, label: string): string[] {
    if (!this.declaredParents) {
      this.declaredParents = new Map();
      for (const name of this.byName.keys())
        this.declaredParents.set(name, (this.fileByName(name)?.dependencies ?? []).filter((d) => d.app === label && this.byName.has(d.name)).map((d) => d.name));
    }
    const parents = this.declaredParents;
    const descends = new Map<string, boolean>();
    const fromF = (name: string, seen = new Set<string>()): boolean => {
      if (name === f.name) return true;
      const known = descends.get(name);
      if (known !== undefined) return known;
      if (seen.has(name)) return false;
      seen.add(name);
      const result = (parents.get(name) ?? []).some((p) => fromF(p, seen));
      descends.set(name, result);
      return result;
    };
    const others = [...this.byName.keys()].filter((n) => !fromF(n));
    const depended = new Set(others.flatMap((n) => parents.get(n) ?? []));
    return others.filter((n) => !depended.has(n));
  }

  /**
   * Migrations this one depends on within the app, in Django's forwards plan: depth first, each after its parents,
   * the last parent's line (by name) first, as MigrationGraph.iterative_dfs pops it (django-plan.ts)
   */
  ancestors(file: DjangoFile, label: string): DjangoFile[] {
    const order: DjangoFile[] = [];
    const seen = new Set<string>([file.name]);
    const visit = (f: DjangoFile) => {
      for (const parent of this.parentsOf(f, label).reverse()) {
        if (seen.has(parent)) continue;
        seen.add(parent);
        const p = this.fileByName(parent);
        if (!p) continue;
        visit(p);
        order.push(p);
      }
    };
    visit(file);
    return order;
  }

  private readonly after = new Map<string, AppState>();

  /** The state once `file` has run (memoised: a linear history is replayed once, not once per migration). */
  private stateAfter(file: DjangoFile, label: string, depth = 0): AppState {
    let state = this.after.get(file.name);
    if (!state) {
      state = this.stateBefore(file, label, depth + 1).state;
      for (const op of file.operations) state.apply(op, file.name);
      this.after.set(file.name, state);
    }
    return state;
  }

  /** The app's state once every migration here has run (the last by name among those nothing depends on). */
  stateAtEnd(label: string): AppState {
    const files = [...this.byName.keys()].sort().flatMap((n) => this.fileByName(n) ?? []);
    const parents = new Set(files.flatMap((f) => this.parentsOf(f, label)));
    const last = files.filter((f) => !parents.has(f.name)).pop();
    return last ? this.stateAfter(last, label) : new AppState(label);
  }

  /** The app's state before `file` (a copy the caller may change), and whether any earlier migration was available to build it. */
  stateBefore(file: DjangoFile, label: string, depth = 0): { state: AppState; known: boolean } {
    const parents = this.parentsOf(file, label).filter((p) => p !== file.name);
    // Django walks the last parent's line first: its state, then what the merge's other branches did after it
    const first = parents.length > 0 ? this.fileByName(parents[parents.length - 1]) : undefined;
    if (first && depth < 400) {
      // continue from that parent's state; a merge adds what its other branches did
      const state = this.stateAfter(first, label, depth).clone();
      if (parents.length > 1) {
        const have = new Set([first.name, ...this.ancestors(first, label).map((a) => a.name)]);
        for (const ancestor of this.ancestors(file, label)) if (!have.has(ancestor.name)) for (const op of ancestor.operations) state.apply(op, ancestor.name);
      }
      return { state, known: true };
    }
    const state = new AppState(label);
    const ancestors = this.ancestors(file, label);
    for (const ancestor of ancestors) for (const op of ancestor.operations) state.apply(op, ancestor.name);
    return { state, known: ancestors.length > 0 };
  }
}

const histories = new WeakMap<object, DjangoHistory>();

/** The history shared by every migration of a folder (keyed by the folder's array), or a private one. */
export function historyOf(files: HistoryFiles | undefined, modules?: ProjectModules): DjangoHistory {
  if (!files) {
    const lone = new DjangoHistory([]);
    lone.modules = modules;
    return lone;
  }
  let history = histories.get(files);
  if (!history) {
    history = new DjangoHistory(files);
    histories.set(files, history);
  }
  history.modules ??= modules;
  return history;
}
