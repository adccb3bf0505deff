import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
var CONFIG_LIMITS={bytes:32768,depth:16,values:2e3,aliases:100},SYMLINK_NOT_READ="a symbolic link: migguard never follows links (the target may be outside the repository); not analysed",TooComplexError=class extends Error{constructor(message,line=1){super(message);this.line=line;this.name="TooComplexError"}line},isStackOverflow=error=>error instanceof RangeError&&/call stack size/i.test(error.message),PROJECT_MODULE_LIMITS={bytes:256*1024,count:40},projectModuleTooLarge=bytes=>`${bytes===void 0?"":`${bytes} bytes, `}larger than the ${PROJECT_MODULE_LIMITS.bytes/1024} KB migguard reads of a helper module`,PROJECT_MODULES_PAST_COUNT=`past the ${PROJECT_MODULE_LIMITS.count} project modules migguard reads in one analysis`;export{CONFIG_LIMITS,SYMLINK_NOT_READ,TooComplexError,isStackOverflow,PROJECT_MODULE_LIMITS,projectModuleTooLarge,PROJECT_MODULES_PAST_COUNT};
