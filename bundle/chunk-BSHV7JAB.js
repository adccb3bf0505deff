import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
var isUnknownName=name=>name==="?",usesUnknownName=text=>/\\?"\?\\?"|'\?'|`\?`|(^|[^\w?])\?(_|\.\w)|\w_\?(?![\w?(])/m.test(text),NOT_NAMES=new Set(["text","loc","statement","sql","kind","description","language"]);function namesUnknown(op){if(!op)return!1;for(let[key,value]of Object.entries(op))if(!NOT_NAMES.has(key)&&(isUnknownName(value)||Array.isArray(value)&&value.some(v=>isUnknownName(v))||value&&typeof value=="object"&&!Array.isArray(value)&&isUnknownName(value.name)))return!0;return!1}function sayUnknownNames(message){return message.replace(/(^|[^\w?])["`]?\?["`]?\.(\w+)/g,(_,before,column)=>`${before}${column} (of a table named at run time)`).replace(/(^|[^\w?])(["`]\?["`]|\?)(?=[^\w?(]|$)/g,(_,before)=>`${before}(a name set at run time)`)}export{isUnknownName,usesUnknownName,namesUnknown,sayUnknownNames};
