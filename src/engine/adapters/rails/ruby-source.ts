/** A Ruby file's text with Prism's byte locations mapped to lines and source slices. */
import type { Location, Node } from "@ruby/prism";
import type { SourceRange } from "../../model.js";
import { SourceLines } from "../../source-lines.js";

export class RubySource {
  readonly lines: SourceLines;

  constructor(readonly text: string) {
    this.lines = new SourceLines(text);
  }

  lineOf(offset: number): number {
    return this.lines.lineOfByte(offset);
  }

  /** 1-based inclusive lines of a location */
  range(location: Location): SourceRange {
    const line = this.lines.lineOfByte(location.startOffset);
    const endLine = this.lines.lineOfByte(location.startOffset + Math.max(0, location.length - 1));
    return { line, endLine: Math.max(line, endLine) };
  }

  loc(node: Node): SourceRange {
    return this.range(node.location);
  }

  /** the node's source text as written */
  slice(location: Location): string {
    return this.lines.sliceBytes(location.startOffset, location.startOffset + location.length);
  }

  textOf(node: Node): string {
    return this.slice(node.location);
  }
}
