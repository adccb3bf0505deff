import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
var DEFAULT_LIMITS={statementTimeoutMs:5e3,budgetMs:6e4,memoryMb:1024},QueryError=class extends Error{constructor(failure){super(failure.message);this.failure=failure;this.name="QueryError"}failure},LimitError=class extends Error{constructor(limit,message){super(message);this.limit=limit;this.name="LimitError"}limit};function pgFailureOf(error){if(error&&typeof error=="object"){let e=error,text=key=>typeof e[key]=="string"&&e[key]!==""?e[key]:void 0,position=Number(e.position);return{message:text("message")??String(error),code:text("code"),position:Number.isFinite(position)&&position>0?position:void 0,detail:text("detail"),hint:text("hint"),where:text("where")}}return{message:String(error)}}export{DEFAULT_LIMITS,QueryError,LimitError,pgFailureOf};
