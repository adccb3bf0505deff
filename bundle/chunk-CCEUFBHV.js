import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
var WAIVER=/migguard:(ignore-file|ignore)\b[ \t]*([\w*,-]*)[ \t]*(.*)$/;function parseWaiver(commentText,line){let body=commentText.replace(/^\s*(--|#|\/\*)\s?/,"").replace(/\*\/\s*$/,"").trim(),m=WAIVER.exec(body);if(!m)return;let rules=m[2].split(",").map(r=>r.trim()).filter(Boolean);return{line,rules,reason:m[3].trim().replace(/^[-:]\s*/,""),wholeFile:m[1]==="ignore-file"}}var mayHaveWaivers=content=>content.includes("migguard:"),names=(waiver,rule)=>waiver.rules.length===0||waiver.rules.includes(rule)||waiver.rules.includes("*");function isWaived(finding,migration){if(!migration||migration.path!==finding.path||migration.waivers.length===0)return!1;let starts=[...migration.up,...migration.down.status==="present"?migration.down.ops:[]].map(op=>op.loc.line).sort((a,b)=>a-b);return migration.waivers.some(w=>!w.reason||!names(w,finding.rule)?!1:w.wholeFile||w.line===finding.line?!0:(starts.find(start=>start>=w.line)??w.line+1)===finding.line)}export{parseWaiver,mayHaveWaivers,isWaived};
