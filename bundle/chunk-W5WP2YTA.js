import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{require_dist}from"./chunk-OVWCSQHW.js";import{isWorkflowPath}from"./chunk-HAIXN4ZG.js";import"./chunk-IPHJ2GXI.js";import"./chunk-E32RQJTY.js";import"./chunk-4XKDG7BP.js";import{__toESM}from"./chunk-SL54QWOZ.js";var import_yaml=__toESM(require_dist(),1);var entry=value=>value!==null&&typeof value=="object"&&!Array.isArray(value)?value:void 0,imageOf=value=>typeof value=="string"?value:typeof entry(value)?.image=="string"?entry(value).image:void 0;function yamlImages(path,content){let data;try{data=(0,import_yaml.parse)(content,{maxAliasCount:100})}catch{return[]}let root=entry(data);return root?isWorkflowPath(path)?Object.values(entry(root.jobs)??{}).flatMap(job=>{let j=entry(job);return j?[...Object.values(entry(j.services)??{}).map(imageOf),imageOf(j.container)].filter(image=>image!==void 0):[]}):Object.values(entry(root.services)??{}).flatMap(service=>imageOf(entry(service)?.image)??[]):[]}export{yamlImages};
