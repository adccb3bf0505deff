import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{setFlagsFromString}from"node:v8";var V8_FLAGS=["--liftoff-only","--interrupt-budget=300000"];function setV8Flags(){for(let flag of V8_FLAGS)setFlagsFromString(flag)}function setUpProcess(){setV8Flags();let emitWarning=process.emitWarning;process.emitWarning=((warning,...rest)=>{let text=typeof warning=="string"?warning:warning?.message;if(!(typeof text=="string"&&text.includes("WASI")))return emitWarning.call(process,warning,...rest)})}var escapeData=s=>s.replace(/%/g,"%25").replace(/\r/g,"%0D").replace(/\n/g,"%0A"),escapeProperty=s=>escapeData(s).replace(/:/g,"%3A").replace(/,/g,"%2C");function workflowCommand(command,properties,message){let props=Object.entries(properties).filter(([,v])=>v!==void 0&&v!=="").map(([k,v])=>`${k}=${escapeProperty(String(v))}`).join(",");return`::${command}${props?` ${props}`:""}::${escapeData(message)}`}export{setUpProcess,workflowCommand};
