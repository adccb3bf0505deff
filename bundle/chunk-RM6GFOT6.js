import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{argumentText,asBlockColumn,withArgument,withOption,withoutOption,withoutPostgresOptions}from"./chunk-7CFXKHY2.js";import"./chunk-2E6UU3CX.js";import"./chunk-RYDXXG5N.js";import"./chunk-FF4FG3K4.js";import"./chunk-7B3IGGFL.js";import"./chunk-B5PBWWKU.js";import"./chunk-QYA5NCKE.js";import"./chunk-6E7SBJZC.js";import"./chunk-SL54QWOZ.js";export{argumentText,asBlockColumn,withArgument,withOption,withoutOption,withoutPostgresOptions};
