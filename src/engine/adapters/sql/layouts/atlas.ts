/**
 * Atlas's versioned migrations (ariga/atlas): `<version>_<name>.sql` files in a folder holding atlas.sum, applied in
 * the order of their names. `atlas migrate apply` runs each file in a transaction of its own (`--tx-mode file`, the
 * default); a file whose header says `-- atlas:txmode none` runs without one (`-- atlas:txmode file` keeps it). The
 * header is the comment block at the top of the file that an empty line ends: a comment right above a statement is
 * that statement's, not a directive. There are no down files: `atlas migrate down` computes the down from the schema
 * the migrations leave.
 */
import { findMarkers } from "./markers.js";
import type { SqlLayoutInput, SqlSections } from "./sections.js";

const TXMODE = /^atlas:txmode\s+(\S+)/;

/** The directive a new or fixed file starts with to run outside a transaction. */
export const ATLAS_NO_TRANSACTION = "-- atlas:txmode none";

/** The number of lines of the file's header: its leading `--` comment lines, when an empty line follows them (else 0). */
function headerLines(content: string): number {
  const lines = content.split("\n");
  let at = 0;
  while (at < lines.length && lines[at].trimStart().startsWith("--")) at++;
  return at > 0 && at < lines.length && lines[at].trim() === "" ? at : 0;
}

/** The transaction mode the file's header directive names, if it names one. */
export function atlasTxMode(content: string): string | undefined {
  const header = headerLines(content);
  if (header === 0) return undefined;
  const source = Buffer.from(content, "utf8");
  const lineOf = (byte: number) => source.subarray(0, byte).filter((b) => b === 0x0a).length + 1;
  const directive = findMarkers(content, (body) => TXMODE.test(body)).find((m) => lineOf(m.comment.startByte) <= header);
  return directive && TXMODE.exec(directive.body)?.[1];
}

export function splitAtlas(input: SqlLayoutInput): SqlSections {
  return {
    up: [{ text: input.content, transaction: atlasTxMode(input.content) === "none" ? "none" : "wrapped" }],
    down: { kind: "unsupported", reason: "Atlas has no down files: `atlas migrate down` computes the down from the schema" },
    notes: [],
  };
}

/** A new Atlas migration's text: the directive that leaves the transaction when it must, and a reminder that atlas.sum lists every file. */
export const atlasFile = (up: string, noTransaction: boolean): string =>
  [...(noTransaction ? [ATLAS_NO_TRANSACTION, ""] : []), "-- a new file: run `atlas migrate hash` so atlas.sum lists it (atlas migrate apply refuses a directory out of step with it)", up].join("\n");
