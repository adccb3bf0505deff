import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{endWithHeredocs,rubyMethodStatements,rubyMoved,rubyNodeLines,rubyNodeText}from"./chunk-LE7LKMMV.js";import"./chunk-HWHK3JWC.js";import"./chunk-D6XAAJGK.js";import"./chunk-JCYTKI7V.js";import"./chunk-NUZVKDOT.js";import"./chunk-F45QMQ66.js";import"./chunk-2PV4P3SH.js";import"./chunk-RYDXXG5N.js";import"./chunk-FF4FG3K4.js";import"./chunk-7B3IGGFL.js";import"./chunk-B5PBWWKU.js";import"./chunk-QYA5NCKE.js";import"./chunk-6E7SBJZC.js";import"./chunk-SL54QWOZ.js";export{endWithHeredocs,rubyMethodStatements,rubyMoved,rubyNodeLines,rubyNodeText};
