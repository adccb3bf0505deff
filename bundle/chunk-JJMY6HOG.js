import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{callParts,plainString}from"./chunk-C7IHGAAY.js";import{withPythonTree}from"./chunk-F45QMQ66.js";import{TooComplexError}from"./chunk-QYA5NCKE.js";var isCallCommand=fn=>fn.text==="call_command"||fn.type==="attribute"&&fn.childForFieldName("attribute")?.text==="call_command",callsMigrate=parts=>isCallCommand(parts.function)&&plainString(parts.positional[0])==="migrate";function migrateCallLine(file){try{return withPythonTree(file.content,root=>{for(let call of root.descendantsOfType("call")){if(!call)continue;let parts=callParts(call);if(parts&&callsMigrate(parts))return call.startPosition.row+1}})}catch(error){if(error instanceof TooComplexError)return;throw error}}export{callsMigrate,migrateCallLine};
