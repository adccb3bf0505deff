import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{setUpProcess,workflowCommand}from"./chunk-NTYWH6VR.js";import"./chunk-SL54QWOZ.js";setUpProcess();try{let{runAction}=await import("./chunk-XH3KAS54.js"),result=await runAction();for(let line of result.log)console.log(line);process.exitCode=result.exitCode}catch(error){console.log(workflowCommand("error",{title:"migguard failed"},String(error instanceof Error?error.stack??error.message:error))),process.exitCode=2}
