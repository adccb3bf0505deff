/**
 * Rails dumps that copy another dump instead of describing migrations of their own: the dump of a database
 * config/database.yml declares a replica (Rails neither migrates nor dumps a replica, so whatever writes its dump
 * copies the database it replicates), or a named database's dump whose content at head is the primary's byte for
 * byte (a task that mirrors db/structure.sql). Such a dump changes when its source does, by the source's migrations.
 */
import type { RailsReplica } from "../../database/rails-replicas.js";
import { RailsDatabases } from "../../repository/rails-databases.js";
import type { DumpMirror, SchemaDumpState } from "../review-rule.js";
import { dumpAtHead } from "./dump-coverage.js";


/**
 * `unchanged`: the content at head of dumps the change leaves alone, when read (the repository facts), so that a
 * copy written again from an untouched source is known for one.
 */
export function dumpMirrors(states: readonly SchemaDumpState[], replicas: readonly RailsReplica[], unchanged: ReadonlyMap<string, string> = new Map()): Map<string, DumpMirror> {
  const databaseOf = new Map(states.map((s) => [s, RailsDatabases.databaseOfDump(s.dump.path)]));
  const atHead = (s: SchemaDumpState) => (s.change ? s.headContent : unchanged.get(s.dump.path));
  const out = new Map<string, DumpMirror>();
  const mirror = (state: SchemaDumpState, source: SchemaDumpState, why: string) => {
    const content = atHead(state);
    out.set(state.dump.path, { source: source.dump.path, why, identical: content !== undefined && content === atHead(source) });
  };
  for (const state of states) {
    const database = databaseOf.get(state);
    if (database === undefined || database === RailsDatabases.primaryOf(database)) continue;
    const replica = replicas.find((r) => r.database === database);
    if (replica?.source !== undefined) {
      // the source database's dump that exists once the change is merged, in the same format when it keeps two
      const sources = states.filter((s) => s !== state && databaseOf.get(s) === replica.source && dumpAtHead(s));
      const source = sources.find((s) => s.dump.format === state.dump.format) ?? sources[0];
      if (source) {
        mirror(state, source, replica.says);
        continue;
      }
    }
    const content = atHead(state);
    if (content === undefined) continue;
    const primary = states.find((s) => databaseOf.get(s) === RailsDatabases.primaryOf(database) && atHead(s) === content);
    if (primary) mirror(state, primary, `its content is ${primary.dump.path}'s, byte for byte`);
  }
  return out;
}
