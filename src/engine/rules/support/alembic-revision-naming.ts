/**
 * How a project names its Alembic revisions, read from an existing one (its id and its file name), so the new
 * revisions a fix writes follow it: projects that number their revisions (`revision = "0450_t_has_unsub_link"`
 * in 0450_t_has_unsub_link.py) often test that every file starts with the number and sort the files to find
 * the head, which a hex id from `alembic revision` breaks. Anything else gets a stable hex id.
 */
import type { Migration } from "../../model.js";
import { baseOf } from "../../paths.js";

/** Alembic's alembic_version.version_num is VARCHAR(32): a longer id fails the upgrade that stamps it. */
const MAX_REVISION_ID = 32;

export interface RevisionNaming {
  /** the id of the `index`-th new revision (0-based) described as `name`, snake_case `file`, after `previous` (hex ids hash it) */
  id(name: string, file: string, index: number, previous: string): string;
  /** its file name (no folder) */
  file(id: string, name: string): string;
  /** the project numbers its revisions */
  numbered: boolean;
}

/** A stable 12-hex-digit id for a new Alembic revision (FNV-1a 64 of the revision it follows and its name). */
function hexId(after: string, name: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(`${after}/${name}`, "utf8")) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
  return hash.toString(16).padStart(16, "0").slice(0, 12);
}

const HEX: RevisionNaming = { id: (name, _file, _index, previous) => hexId(previous, name), file: (id, name) => `${id}_${name}.py`, numbered: false };

/** The number a numbered revision id starts with (`0450` of `0450_t_has_unsub_link`), when the project numbers them. */
function numbered(migration: Migration): { digits: string; named: boolean } | undefined {
  const id = migration.revision?.id;
  if (id === undefined) return undefined;
  const stem = baseOf(migration.path).replace(/\.py$/, "");
  const named = /^(\d+)_\w+$/.exec(id);
  // the id is the file's name (0450_t_has_unsub_link.py): new ids are number_name, files id.py
  if (named && stem === id) return { digits: named[1], named: true };
  // a bare number (revision = "0043" in 0043_add_users.py): new ids are the number, files number_name.py
  if (/^\d+$/.test(id) && stem.startsWith(`${id}_`)) return { digits: id, named: false };
  return undefined;
}

/**
 * The naming of `sample`'s project: numbered after the highest number of `sample` and `newest` (the folder's
 * newest revision) when `sample` is numbered, else hex ids.
 */
export function revisionNaming(sample: Migration, newest: Migration | undefined, folder: readonly Migration[] = []): RevisionNaming {
  const scheme = numbered(sample);
  if (!scheme) return HEX;
  const other = newest ? numbered(newest) : undefined;
  // every number the folder's numbered revisions use too, so a revision numbered past the head (files merged out of
  // order) is not repeated; no wider than the sequence's own numbers: a 12-digit id among 4-digit ones is a hex id
  // of `alembic revision` that happens to hold only digits (digitalmarketplace-api's 550715127385)
  const width = Math.max(scheme.digits.length, other?.digits.length ?? 0);
  const used = folder.flatMap((m) => numbered(m)?.digits ?? []).filter((d) => d.length <= width);
  const last = [scheme.digits, other?.digits, ...used].filter((d): d is string => d !== undefined).reduce((a, b) => (BigInt(b) > BigInt(a) ? b : a));
  const number = (index: number) => (BigInt(last) + BigInt(index + 1)).toString().padStart(scheme.digits.length, "0");
  if (!scheme.named) return { id: (_name, _file, index) => number(index), file: (id, name) => `${id}_${name}.py`, numbered: true };
  return {
    numbered: true,
    id: (_name, file, index) => `${number(index)}_${file}`.slice(0, MAX_REVISION_ID).replace(/_+$/, ""),
    file: (id) => `${id}.py`,
  };
}
