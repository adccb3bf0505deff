import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{plainModelClasses,projectAcronyms,readModelFiles}from"./chunk-OGZJ5SBC.js";import{isModelPath}from"./chunk-EVINCYOA.js";import"./chunk-YNWHSCQR.js";import"./chunk-5V7SI6EY.js";import"./chunk-H2RUDH23.js";import"./chunk-CSCAOPBE.js";import"./chunk-5CXS3UGK.js";import"./chunk-RYDXXG5N.js";import"./chunk-2PVJADMB.js";import"./chunk-7B3IGGFL.js";import"./chunk-3QLCGEOQ.js";import"./chunk-QYA5NCKE.js";import"./chunk-6E7SBJZC.js";import"./chunk-SL54QWOZ.js";export{isModelPath,plainModelClasses,projectAcronyms,readModelFiles};
