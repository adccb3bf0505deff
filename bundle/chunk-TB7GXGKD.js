import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
var DEFAULT_DOCS_URL="https://github.com/migguard/migguard/blob/main/docs/rules",ruleDocsUrl=(rule,base=DEFAULT_DOCS_URL)=>`${base.replace(/\/$/,"")}/${rule}.md`;export{ruleDocsUrl};
