import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
var reader;async function loadScriptSyntax(){reader??=await import("./chunk-4JI3PZB4.js")}var scriptSyntaxToLoad=()=>reader?void 0:loadScriptSyntax(),isScriptPath=path=>/\.(?:[mc]?[jt]s|[jt]sx)$/.test(path),scriptSyntaxReader=()=>reader;export{loadScriptSyntax,scriptSyntaxToLoad,isScriptPath,scriptSyntaxReader};
