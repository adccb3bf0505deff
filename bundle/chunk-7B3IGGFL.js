import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
var SourceLines=class{constructor(text){this.text=text;this.bytes=Buffer.from(text,"utf8")}text;bytes;byteStarts;charStarts;get byteLength(){return this.bytes.length}lineOfByte(offset){return this.byteStarts??=lineStarts(this.bytes),search(this.byteStarts,offset)}lineOfIndex(index){return this.charStarts??=stringLineStarts(this.text),search(this.charStarts,index)}lineOfCodePoint(codePoint){let index=0,seen=0;for(let ch of this.text){if(seen>=codePoint)break;index+=ch.length,seen++}return this.lineOfIndex(index)}byteAt(offset){return this.bytes[offset]}sliceBytes(start,end){return this.bytes.subarray(start,end).toString("utf8")}get lineCount(){this.charStarts??=stringLineStarts(this.text);let n=this.charStarts.length;return this.text.endsWith(`
`)&&n>1?n-1:n}};function lineStarts(bytes){let starts=[0],at=bytes.indexOf(10);for(;at!==-1;)starts.push(at+1),at=bytes.indexOf(10,at+1);return starts}function stringLineStarts(text){let starts=[0],at=text.indexOf(`
`);for(;at!==-1;)starts.push(at+1),at=text.indexOf(`
`,at+1);return starts}function search(starts,offset){let low=0,high=starts.length-1;for(;low<high;){let mid=low+high+1>>1;starts[mid]<=offset?low=mid:high=mid-1}return low+1}export{SourceLines};
