import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{PRISM_NESTING,loadRubyParser,parseRuby}from"./chunk-I6Q36JY2.js";import"./chunk-7B3IGGFL.js";import"./chunk-2TFGQX5P.js";import"./chunk-QYA5NCKE.js";import"./chunk-6E7SBJZC.js";import"./chunk-SL54QWOZ.js";export{PRISM_NESTING,loadRubyParser,parseRuby};
