import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
var SCHEMA_DRIFT={id:"schema-drift",category:"drift",severity:"error",title:"Production's schema differs from what the migrations build",why:"A hotfix made by hand in production (an index created in psql, a column widened during an incident) is in no migration: every other environment lacks it, a later migration meets a schema nobody reviewed, and rebuilding the database from the migrations silently loses it. migguard builds the schema the migrations produce and compares it, object by object, with a production snapshot."},DRIFT_RULES=[SCHEMA_DRIFT];export{SCHEMA_DRIFT,DRIFT_RULES};
