import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{setFlagsFromString}from"node:v8";function setUpProcess(){setFlagsFromString("--liftoff-only");let emitWarning=process.emitWarning;process.emitWarning=((warning,...rest)=>{let text=typeof warning=="string"?warning:warning?.message;if(!(typeof text=="string"&&text.includes("WASI")))return emitWarning.call(process,warning,...rest)})}export{setUpProcess};
