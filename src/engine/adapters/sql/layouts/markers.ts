/** Marker comments (dbmate, goose, sql-migrate, Liquibase) found by PostgreSQL's scanner, so markers inside strings do not count. */
import type { Layout } from "../../../model.js";
import { scanComments, type SqlComment } from "../pg-parser.js";

/**
 * The layouts whose files are migrations only with their marker comments (goose's `-- +goose Up`, sql-migrate's `-- +migrate Up`, tern's `---- create above / drop below ----`, Atlas's `-- atlas:txmode none`, dbmate's
 * `-- migrate:up`, Liquibase's `--liquibase formatted sql` and `--changeset`): a fix that shows a whole file keeps
 * them, as its statements alone would be a file the runner refuses or reads as no migration.
 */
export const MARKER_LAYOUTS: ReadonlySet<Layout> = new Set<Layout>(["goose", "sql-migrate", "tern", "atlas", "dbmate", "liquibase"]);

export interface Marker {
  comment: SqlComment;
  /** the marker's words after the comment opener, e.g. "+goose Up" or "migrate:down transaction:false" */
  body: string;
}

export function findMarkers(content: string, accept: (body: string) => boolean): Marker[] {
  return scanComments(content)
    .filter((c) => c.text.startsWith("--"))
    .map((comment) => ({ comment, body: comment.text.replace(/^--\s*/, "").trim() }))
    .filter((m) => accept(m.body));
}

/** Byte ranges between consecutive markers: each marker owns the text up to the next one. */
export function sectionsBetween(markers: Marker[], contentBytes: number): Array<{ marker: Marker; start: number; end: number }> {
  return markers.map((marker, i) => ({
    marker,
    start: marker.comment.endByte,
    end: i + 1 < markers.length ? markers[i + 1].comment.startByte : contentBytes,
  }));
}
