/**
 * A streaming reader for the .tar.gz archives GitHub serves (`GET /repos/{o}/{r}/tarball/{ref}`): ustar
 * headers with pax and GNU long names. Files are filtered by path and size as their headers arrive, so only
 * what the caller keeps is ever held in memory, however large the repository, and the caller can stop the
 * download at any entry. Only regular files are ever returned: a symbolic or hard link is never followed (its
 * target may be outside the repository).
 */
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";

export interface TarFile {
  /** path inside the archive, without GitHub's `<owner>-<repo>-<sha>/` top folder */
  path: string;
  content: Buffer;
}

const BLOCK = 512;

function octal(field: Buffer): number {
  // base-256 for sizes over 8 GB: the high bit of the first byte is set
  if (field[0] & 0x80) {
    let value = 0;
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i];
    return value;
  }
  const text = field.toString("ascii").replace(/\0.*$/s, "").trim();
  return text ? parseInt(text, 8) : 0;
}

const cString = (field: Buffer) => {
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString("utf8");
};

/** `path=` of a pax extended header ("<len> key=value\n" records). */
function paxPath(data: Buffer): string | undefined {
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    if (space === -1) break;
    const length = parseInt(data.subarray(at, space).toString("ascii"), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = data.subarray(space + 1, at + length - 1).toString("utf8");
    if (record.startsWith("path=")) return record.slice("path=".length);
    at += length;
  }
  return undefined;
}

const stripTopFolder = (path: string) => (path.includes("/") ? path.slice(path.indexOf("/") + 1) : "");

/**
 * What to do with a regular file, decided from its header: keep it, skip it, or stop reading the archive
 * there (what was kept before is returned, the rest is not downloaded).
 */
export type TarDecision = boolean | "stop";

/**
 * Read a gzipped tar stream; `keep(path, size)` decides per regular file (before its content is read)
 * whether to return it, or to stop.
 */
export async function readTarball(stream: Readable, keep: (path: string, size: number) => TarDecision): Promise<TarFile[]> {
  const out: TarFile[] = [];
  let pending: Buffer = Buffer.alloc(0);
  // the entry being read: its remaining bytes, padding, and where its bytes go
  let remaining = 0;
  let padding = 0;
  let sink: Buffer[] | undefined;
  let onDone: ((data: Buffer) => void) | undefined;
  let nextPath: string | undefined;
  let ended = false;
  let stopped = false;

  const startEntry = (header: Buffer) => {
    const size = octal(header.subarray(124, 136));
    const type = String.fromCharCode(header[156] || 48);
    const prefix = cString(header.subarray(345, 500));
    const name = cString(header.subarray(0, 100));
    const path = nextPath ?? (prefix && header.subarray(257, 262).toString("ascii") === "ustar" ? `${prefix}/${name}` : name);
    remaining = size;
    padding = (BLOCK - (size % BLOCK)) % BLOCK;
    sink = undefined;
    onDone = undefined;
    if (type === "x" || type === "L") {
      // metadata for the next entry: a pax path or a GNU long name
      sink = [];
      onDone = (data) => (nextPath = type === "x" ? (paxPath(data) ?? nextPath) : cString(data));
      return;
    }
    nextPath = undefined;
    // links (1, 2), devices, folders: never read
    if (type !== "0" && type !== "7") return;
    const decision = keep(stripTopFolder(path), size);
    if (decision === "stop") {
      ended = stopped = true;
      return;
    }
    if (decision) {
      const chunks: Buffer[] = [];
      sink = chunks;
      onDone = (data) => out.push({ path: stripTopFolder(path), content: data });
    }
  };

  const consume = (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let at = 0;
    while (!ended) {
      if (remaining > 0) {
        const take = Math.min(remaining, pending.length - at);
        if (take === 0) break;
        sink?.push(pending.subarray(at, at + take));
        at += take;
        remaining -= take;
        if (remaining > 0) break;
        if (onDone) onDone(Buffer.concat(sink ?? []));
        onDone = undefined;
        sink = undefined;
        continue;
      }
      if (padding > 0) {
        const skip = Math.min(padding, pending.length - at);
        if (skip === 0) break;
        at += skip;
        padding -= skip;
        continue;
      }
      if (pending.length - at < BLOCK) break;
      const header = pending.subarray(at, at + BLOCK);
      at += BLOCK;
      if (header.every((b) => b === 0)) {
        ended = true; // end-of-archive blocks
        break;
      }
      startEntry(header);
      if (stopped) break;
      if (remaining === 0 && onDone) {
        onDone(Buffer.alloc(0));
        onDone = undefined;
      }
    }
    // keep only the unread tail (copied, so a big chunk is not retained through a small slice)
    pending = at >= pending.length ? Buffer.alloc(0) : Buffer.from(pending.subarray(at));
  };

  const gunzip = stream.pipe(createGunzip());
  stream.on("error", (error) => gunzip.destroy(error));
  for await (const chunk of gunzip) {
    consume(chunk as Buffer);
    if (stopped) break; // leaving the loop destroys the gunzip stream
  }
  if (stopped) {
    stream.destroy();
    return out;
  }
  if (!ended && (remaining > 0 || padding > 0 || pending.length > 0)) throw new Error("the tarball ended in the middle of a file");
  return out;
}
