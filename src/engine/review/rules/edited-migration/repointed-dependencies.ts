/**
 * A merged Django migration edited only to point its `dependencies` (or `run_before`) at other migrations of the
 * same apps, all outside the repository: an installed package squashed its migrations and deleted the one it named
 * (galaxy_ng 1c1894cfb8: pulp_ansible 0.30 folded ansible 0016 into 0001_initial_squashed_0040; 299b12a416: pulpcore
 * 3.85 deleted core 0032, so 0003 now follows core 0091, the first migration after the squash). No operation changed,
 * so no database that ran it differs; only the order `migrate` plans changes. Putting the old name back is no fix:
 * a dependency on a migration that is gone stops every load with NodeNotFoundError.
 */
import type { DjangoGraphNode } from "../../history/django-graph.js";
import { andList } from "../../../in-words.js";

type Pair = { app: string; name: string };

export interface Repoint {
  /** the settings repointed: "dependencies", "run_before" */
  settings: Set<string>;
  /** per setting, what it named and names now ("ansible.0016_add_extension") */
  moves: Array<{ setting: string; from: string[]; to: string[] }>;
}

const key = (p: Pair) => `${p.app}.${p.name}`;

/** What one setting's list lost and gained; undefined when it gained or lost nothing. */
function moved(setting: string, base: readonly Pair[], head: readonly Pair[]): Repoint["moves"][number] | undefined {
  const before = new Set(base.map(key));
  const after = new Set(head.map(key));
  const from = base.filter((p) => !after.has(key(p)));
  const to = head.filter((p) => !before.has(key(p)));
  if (from.length === 0 && to.length === 0) return undefined;
  return { setting, from: from.map(key), to: to.map(key) };
}

/** The apps of a list of pairs, counted: a repoint keeps them. */
const apps = (pairs: readonly Pair[]) => pairs.map((p) => p.app).sort().join("\u0000");

/**
 * The edit repoints `dependencies` or `run_before` from migrations to others of the same apps, every one of them
 * a migration the repository does not hold (`known`: the names of its Django migrations, base branch and change),
 * and changes nothing else of the graph (replaces, swappable dependencies); undefined otherwise.
 */
export function repointedOutside(base: DjangoGraphNode | undefined, head: DjangoGraphNode | undefined, known: ReadonlySet<string> | undefined): Repoint | undefined {
  if (!base || !head || !known) return undefined;
  if (base.replaces.map(key).join("\n") !== head.replaces.map(key).join("\n")) return undefined;
  if ((base.otherDependencies ?? []).join("\n") !== (head.otherDependencies ?? []).join("\n")) return undefined;
  const moves: Repoint["moves"] = [];
  const lists: Array<[string, readonly Pair[], readonly Pair[]]> = [
    ["dependencies", base.dependencies, head.dependencies],
    ["run_before", base.runBefore ?? [], head.runBefore ?? []],
  ];
  for (const [setting, before, after] of lists) {
    const move = moved(setting, before, after);
    if (!move) continue;
    const gone = before.filter((p) => move.from.includes(key(p)));
    const come = after.filter((p) => move.to.includes(key(p)));
    // a repoint: as many taken away as put in their place, app by app (a dependency only added or removed is another edit)
    if (gone.length === 0 || apps(gone) !== apps(come)) return undefined;
    // every one outside the repository, and named by a real name (`__first__` and `__latest__` move with the package)
    if ([...gone, ...come].some((p) => known.has(p.name) || p.name.startsWith("__"))) return undefined;
    moves.push(move);
  }
  return moves.length ? { settings: new Set(moves.map((m) => m.setting)), moves } : undefined;
}

/** The note for a repoint (see the module comment); `besides` names what else the edit changed that no database sees. */
export function repointNote(repoint: Repoint, version: string, line: number, besides: string | undefined): { message: string; fix: string } {
  const words = repoint.moves.map((m) => `${m.setting === "run_before" ? "its run_before entry" : m.from.length > 1 ? "its dependencies" : "its dependency"} on ${andList(m.from)} to ${andList(m.to)}`);
  const targets = repoint.moves.filter((m) => m.setting === "dependencies").flatMap((m) => m.to);
  const before = repoint.moves.filter((m) => m.setting === "run_before").flatMap((m) => m.to);
  const appNames = [...new Set(repoint.moves.flatMap((m) => m.to.map((t) => t.slice(0, t.indexOf(".")))))];
  const must = [
    targets.length
      ? `every database that ran it must already have ${andList(targets)} applied: true when ${targets.length > 1 ? "each" : "it"} is a squash that replaces the old one (Django counts a squash applied once everything it replaces is), or a migration the package's previous release already applied`
      : "",
    before.length ? `a database that has applied ${andList(before)} must have applied this migration too, which the new graph now runs first` : "",
  ].filter((s) => s !== "");
  return {
    message:
      `Migration${version} is on the base branch; this edit only repoints ${andList(words)} (line ${line}), migrations of an app this repository does not hold (an installed package's). ` +
      `No operation changed, so no database that ran it differs: only the order \`migrate\` plans changes. ` +
      `Django stops with InconsistentMigrationHistory where an applied migration depends on one that is not applied, so ${must.join("; and ")}.` +
      (besides ? ` Besides, the edit changes ${besides}.` : ""),
    fix:
      `Nothing to do when the package squashed or deleted what the migration named: putting the old name back makes every load stop with NodeNotFoundError. ` +
      `Check on a database of the previous release that the new target is applied (\`python manage.py showmigrations ${appNames.join(" ")}\`); one that lacks it must first migrate with the release that brings it.`,
  };
}
