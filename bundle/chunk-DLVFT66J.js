import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
var POSTGRES_SQL_FILE=/\.(?:pgsql|psql|postgresql)$/,isPostgresSqlPath=path=>POSTGRES_SQL_FILE.test(path),isSqlPath=path=>path.endsWith(".sql")||isPostgresSqlPath(path),sqlExtensionOf=path=>isSqlPath(path)?path.slice(path.lastIndexOf(".")):"";export{isPostgresSqlPath,isSqlPath,sqlExtensionOf};
