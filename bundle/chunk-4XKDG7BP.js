import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
var dirOf=path=>path.includes("/")?path.slice(0,path.lastIndexOf("/")):"",literalGlob=path=>path.replace(/[\\*?[\]{}()!+@|]/g,"\\$&"),baseOf=path=>path.slice(path.lastIndexOf("/")+1),FOLDER_MIGRATION_FILES=new Set(["migration.sql","up.sql","down.sql"]);function migrationLabel(path){let base=baseOf(path),folder=baseOf(dirOf(path));return FOLDER_MIGRATION_FILES.has(base)&&folder?`${folder}/${base}`:base}var folderPrefix=path=>path.includes("/")?path.slice(0,path.lastIndexOf("/")+1):"";function djangoAppOf(path){let parts=path.split("/");return parts[parts.length-3]??""}export{dirOf,literalGlob,baseOf,migrationLabel,folderPrefix,djangoAppOf};
