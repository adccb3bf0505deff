import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
var sha10=text=>process.getBuiltinModule("node:crypto").createHash("sha256").update(text).digest("hex").slice(0,10);function indexName(table,columns){let parts=columns.length===1&&/\W/.test(columns[0])?[(columns[0].match(/\w+/g)??[]).join("_")]:columns;return`index_${table}_on_${parts.join("_and_")}`}var foreignKeyName=(table,column)=>`fk_rails_${sha10(`${table}_${column}_fk`)}`,checkConstraintName=(table,expression)=>`chk_rails_${sha10(`${table}_${expression}_chk`)}`;export{indexName,foreignKeyName,checkConstraintName};
