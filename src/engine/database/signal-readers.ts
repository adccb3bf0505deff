/** One signal file -> what it says about the database (loaded lazily by decide.ts). */
import type { SourceFile } from "../model.js";
import { readAlembicEnv, readAlembicIni } from "./alembic-url.js";
import { readDjangoSettings } from "./django-settings.js";
import { literalAdapters, readRailsDatabaseYml } from "./rails-database-yml.js";
import type { SignalReading } from "./signal.js";
import { signalKind } from "./signal-paths.js";
import { readSettingsDatabases } from "./django-engines.js";
import { readCircleciDatabases, readWorkflowDatabases } from "./ci-matrix.js";
import { describeDrivers, driverDatabases } from "./python-drivers.js";
import { documentedUrls } from "./documented-urls.js";
import { DATABASE_LABEL } from "./names.js";
import type { Database } from "../model.js";
import { gemfileDatabases as readGemfileDatabases } from "./gemfile-databases.js";
import { dialectChecks } from "./dialect-checks.js";

export function readSignal(file: SourceFile): SignalReading {
  try {
    switch (signalKind(file.path)) {
      case "rails-database-yml":
        return readRailsDatabaseYml(file.path, file.content, false);
      case "rails-database-sample":
        return readRailsDatabaseYml(file.path, file.content, true);
      case "django-settings":
        return readDjangoSettings(file.path, file.content);
      case "alembic-ini":
        return readAlembicIni(file.path, file.content);
      case "alembic-env":
        return readAlembicEnv(file.path, file.content);
      case "python-manifest":
        return oneDatabase(file.path, driverDatabases(file.path, file.content).required, (found) => `installs ${describeDrivers(found)}`);
      case "documented-url":
        return oneDatabase(file.path, documentedUrls(file.content).databases, (found) => `gives the database URL ${[...found.values()].join(", ")}`);
      default:
        return undefined;
    }
  } catch (error) {
    return { path: file.path, why: `could not be read (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** A project file that names one database is a `project` signal; one that names several chooses none of them. */
function oneDatabase<T>(path: string, found: ReadonlyMap<Database, T>, says: (found: ReadonlyMap<Database, T>) => string): SignalReading {
  if (found.size === 0) return undefined;
  if (found.size === 1) return { database: [...found.keys()][0], path, says: says(found), strength: "project" };
  return { path, why: `${says(found)}: ${[...found.keys()].map((d) => DATABASE_LABEL[d]).join(" and ")}, so it names none of them alone` };
}

/** The databases a production settings module can choose (database/django-engines.ts). */
export const settingsDatabases = (file: SourceFile) => {
  try {
    return readSettingsDatabases(file.content);
  } catch {
    return undefined; // unreadable: it adds nothing
  }
};

/** The databases a CI workflow's job matrix runs on (database/ci-matrix.ts): GitHub Actions or CircleCI. */
export const workflowDatabases = (file: SourceFile) => (signalKind(file.path) === "circleci-config" ? readCircleciDatabases(file.content) : readWorkflowDatabases(file.content));

/** The databases a Python dependency file installs drivers of, always or as an optional extra (database/python-drivers.ts). */
export const manifestDrivers = (file: SourceFile) => driverDatabases(file.path, file.content);

/** The adapter gems a Gemfile installs outside its development and test groups (database/gemfile-databases.ts). */
export const gemfileDatabases = (file: SourceFile) => readGemfileDatabases(file.content);

/** Every database a database.yml's connections name as literals, all environments (rails-database-yml.ts); undefined when ERB or an unknown name leaves it open. */
export const databaseYmlAdapters = (file: SourceFile) => {
  try {
    return literalAdapters(file.content);
  } catch {
    return undefined;
  }
};

/** The databases an Alembic module compares `.dialect.name` with (database/dialect-checks.ts). */
export const dialectDatabases = (content: string) => {
  try {
    return dialectChecks(content);
  } catch {
    return [];
  }
};
