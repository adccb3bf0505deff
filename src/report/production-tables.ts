/** Production snapshots in words, for rule pages: one line per table with its rows, size and the shape of its columns. */
import { formatBytes, formatRows } from "../engine/production/estimates.js";
import type { ProductionSnapshot } from "../engine/production/snapshot-file.js";

/** "users: 50,000 rows, 6.1 MB; phone text, 5% NULL" for each table, for the rule pages. */
export function describeSnapshot(snapshot: ProductionSnapshot): string[] {
  return snapshot.tables.map((t) => {
    const columns = snapshot.schema
      .filter((o) => o.kind === "column" && o.parent === t.name)
      .map((o) => {
        const name = o.name.slice(t.name.length + 1);
        const stats = t.columns.find((c) => c.name === name);
        const shape = [o.definition];
        if (stats) {
          if (stats.nullFrac > 0) shape.push(`${Math.round(stats.nullFrac * 1000) / 10}% NULL`);
          shape.push(`n_distinct ${stats.nDistinct}`);
        }
        return `${name} ${shape.join(", ")}`;
      });
    const rows = t.rows === null ? "never analyzed" : formatRows(t.rows);
    return `${t.name.replace(/^public\./, "")}: ${rows}, ${formatBytes(t.totalBytes)}${columns.length ? `; ${columns.join("; ")}` : ""}`;
  });
}
