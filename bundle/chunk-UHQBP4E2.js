import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import"./chunk-SL54QWOZ.js";function toJson(findings,errors,baseline){let out={findings:findings.map(({path,line,endLine,rule,category,severity,message,fix})=>({path,line,endLine,rule,category,severity,message,fix})),errors:errors.map(({path,message})=>({path,message})),...baseline?{baseline:{skipped:baseline.skipped,lines:baseline.lines.map(({version,said,path,line,skipped})=>({version,said,path,line,skipped}))}}:{}};return`${JSON.stringify(out,null,2)}
`}export{toJson};
