import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{SourceLines}from"./chunk-7B3IGGFL.js";var RubySource=class{constructor(text){this.text=text;this.lines=new SourceLines(text)}text;lines;lineOf(offset){return this.lines.lineOfByte(offset)}range(location){let line=this.lines.lineOfByte(location.startOffset),endLine=this.lines.lineOfByte(location.startOffset+Math.max(0,location.length-1));return{line,endLine:Math.max(line,endLine)}}loc(node){return this.range(node.location)}slice(location){return this.lines.sliceBytes(location.startOffset,location.startOffset+location.length)}textOf(node){return this.slice(node.location)}textWithHeredocs(node){let end=node.location.startOffset+node.location.length,stack=[node];for(let n=stack.pop();n;n=stack.pop()){let{openingLoc,closingLoc}=n;openingLoc&&closingLoc&&this.slice(openingLoc).startsWith("<<")&&(end=Math.max(end,closingLoc.startOffset+closingLoc.length)),stack.push(...n.compactChildNodes())}return this.lines.sliceBytes(node.location.startOffset,end).replace(/\n$/,"")}};export{RubySource};
