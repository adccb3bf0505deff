import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{plainModelClasses,projectAcronyms,readModelFiles}from"./chunk-DNPAFAXZ.js";import"./chunk-VQ2RU42L.js";import"./chunk-XDJRG3KG.js";import"./chunk-G26KMLWC.js";import{isModelPath}from"./chunk-MBFFQKDL.js";import"./chunk-LH3MMMH4.js";import"./chunk-5CXS3UGK.js";import"./chunk-JCYTKI7V.js";import"./chunk-RYDXXG5N.js";import"./chunk-I6Q36JY2.js";import"./chunk-7B3IGGFL.js";import"./chunk-2TFGQX5P.js";import"./chunk-QYA5NCKE.js";import"./chunk-6E7SBJZC.js";import"./chunk-SL54QWOZ.js";export{isModelPath,plainModelClasses,projectAcronyms,readModelFiles};
