/** "about 200,000 rows, 19 MB" for a relation the lock table names, from the production snapshot. */
import { formatBytes, formatRows } from "../engine/production/estimates.js";
import type { Production } from "../engine/production/production.js";

export type SizeOf = (relation: string) => string | undefined;

export function productionSizes(production: Production): SizeOf {
  return (relation) => {
    const statistics = production.table(relation)?.statistics;
    if (!statistics) return undefined;
    const rows = statistics.rows === null ? "rows unknown" : `${statistics.rows >= 1000 ? "about " : ""}${formatRows(statistics.rows)}`;
    return `${rows}, ${formatBytes(statistics.totalBytes)}`;
  };
}
