import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
var CONFIG_LIMITS={bytes:32768,depth:16,values:2e3,aliases:100},SYMLINK_NOT_READ="a symbolic link: migguard never follows links (the target may be outside the repository); not analysed",TooComplexError=class extends Error{constructor(message,line=1){super(message);this.line=line;this.name="TooComplexError"}line},isStackOverflow=error=>error instanceof RangeError&&/call stack size/i.test(error.message);export{CONFIG_LIMITS,SYMLINK_NOT_READ,TooComplexError,isStackOverflow};
