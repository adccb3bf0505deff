import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
var RIVER_TEMPLATE_MARKER=/\/\*\s*TEMPLATE:\s*schema\s*\*\//,RIVER_MIGRATION_PATH=/(?:^|\/)riverdriver\/[^/]+\/migration\/[^/]+\/\d+_[^/]+\.(?:up|down)\.sql$/;function splitRivermigrate(input){return{up:[{text:input.content,transaction:"wrapped"}],down:input.downFile?{kind:"sql",segments:[{text:input.downFile.content,transaction:"wrapped"}],path:input.downFile.path}:{kind:"missing",reason:`no ${input.path.replace(/up\.sql$/,"down.sql").split("/").pop()} beside the up migration`},notes:[]}}export{RIVER_TEMPLATE_MARKER,RIVER_MIGRATION_PATH,splitRivermigrate};
