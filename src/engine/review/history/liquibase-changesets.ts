/**
 * Liquibase formatted SQL keeps many changesets in one file and appending one is the normal workflow;
 * what Liquibase refuses is a changed checksum of a changeset it already ran. So edits are judged per
 * changeset (`--changeset author:id`), by its SQL without the rollback lines.
 */
import { findMarkers, sectionsBetween } from "../../adapters/sql/layouts/markers.js";

const CHANGESET = /^changeset\s+(\S+)(.*)$/i;

export interface Changeset {
  id: string;
  line: number;
  /** `runOnChange:true`: Liquibase re-runs it when it changes, by design */
  runOnChange: boolean;
  /** the SQL as Liquibase checksums it (trailing blanks and rollback lines aside) */
  body: string;
}

export function liquibaseChangesets(content: string): Changeset[] {
  const markers = findMarkers(content, (body) => CHANGESET.test(body));
  const bytes = Buffer.from(content, "utf8");
  return sectionsBetween(markers, bytes.length).map(({ marker, start, end }) => {
    const [, id, attributes] = CHANGESET.exec(marker.body)!;
    const body = bytes
      .subarray(start, end)
      .toString("utf8")
      .split("\n")
      .map((l) => l.trimEnd())
      .filter((l) => l !== "" && !/^--\s*rollback\b/i.test(l.trim()))
      .join("\n");
    return { id, line: marker.comment.line, runOnChange: /runOnChange:\s*true/i.test(attributes), body };
  });
}
