/**
 * The database URLs a project's install documentation and sample configuration files give
 * (`connection = mysql+pymysql://octavia:OCTAVIA_DBPASS@controller/octavia` in Octavia's install guide): where the
 * application reads its URL from a config file the repository does not hold, the guide that tells operators what to
 * write there names the database. Text, not code: a URL is a token of the prose or of a `key = value` line.
 */
import type { Database } from "../model.js";
import { baseOf } from "../paths.js";
import { urlDatabase } from "./names.js";

/** A guide about installing, configuring, deploying or upgrading, in a doc/ or docs/ folder (or INSTALL at any level). */
export function isInstallDocPath(path: string): boolean {
  const base = baseOf(path);
  if (!/\.(?:rst|md|txt)$/i.test(base)) return false;
  if (/^install/i.test(base)) return true;
  const segments = path.split("/");
  if (!segments.slice(0, -1).some((s) => s === "doc" || s === "docs")) return false;
  return segments.some((s) => /install|setup|deploy|configur|getting[-_]?started|quick[-_]?start|admin|upgrad|operat/i.test(s));
}

/** A committed sample of a configuration file (`octavia.conf.sample`, `app.ini.example`, `.env.example`), or a `.conf` in an `etc/` folder. */
export function isSampleConfigPath(path: string): boolean {
  const base = baseOf(path).toLowerCase();
  if (base === "alembic.ini") return false;
  if (/\.(?:conf|ini|cfg|env|ya?ml|toml)\.(?:sample|example|dist|template|tmpl)$/.test(base)) return true;
  if (/(?:^|\.)(?:sample|example)\.(?:conf|ini|cfg)$/.test(base) || /^\.env\.(?:sample|example|dist|template)$/.test(base)) return true;
  return base.endsWith(".conf") && path.split("/").slice(0, -1).includes("etc");
}

export interface DocumentedUrls {
  databases: Map<Database, string>;
}

/** The databases the SQLAlchemy / Rails / Django URLs of a text name (`mysql+pymysql://...`), each with the first scheme seen. */
export function documentedUrls(content: string): DocumentedUrls {
  const databases = new Map<Database, string>();
  for (const match of content.matchAll(/(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9]*(?:\+[A-Za-z0-9_]+)?):\/\//g)) {
    const scheme = match[1];
    const database = urlDatabase(`${scheme}://`);
    if (database && !databases.has(database)) databases.set(database, `${scheme}://...`);
  }
  return { databases };
}
