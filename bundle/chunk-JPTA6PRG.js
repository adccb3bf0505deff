import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
function oneSyntaxError(problems,leftOpen){if(problems.length<=1)return[...problems];let ordered=[...problems].sort((a,b)=>a.line-b.line),cause=ordered.find(leftOpen)??ordered[0],others=ordered.filter(p=>p!==cause),lines=[...new Set(others.map(p=>p.line))],shown=lines.length>5?`${lines.slice(0,5).join(", ")}, ...`:lines.join(", "),more=`${others.length} more syntax error${others.length===1?"":"s"} in this file (line${lines.length===1?"":"s"} ${shown}) likely follow${others.length===1?"s":""} from it`;return[{...cause,message:`${cause.message}; ${more}`}]}export{oneSyntaxError};
