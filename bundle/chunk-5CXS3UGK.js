import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
var PREFIXED=/^(-?)0([xXbBoOdD]?)([0-9a-fA-F_]+)$/;function rubyIntegerOf(text){let literal=text.trim();if(/^-?[1-9][0-9_]*$|^-?0$/.test(literal))return BigInt(literal.replace(/_/g,""));let prefixed=PREFIXED.exec(literal);if(!prefixed)return;let[,sign,kind,digits]=prefixed,base={x:"0x",b:"0b",o:"0o","":"0o",d:""}[kind.toLowerCase()];if(base!==void 0)try{let value=BigInt(`${base}${digits.replace(/_/g,"")}`);return sign?-value:value}catch{return}}export{rubyIntegerOf};
