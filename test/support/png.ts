/** Reading a PNG's header in tests. */
import assert from "node:assert/strict";

/** Width and height from the PNG's IHDR chunk (right after the 8-byte signature and the chunk's length and type). */
export function pngSize(png: Buffer): { width: number; height: number } {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "PNG signature");
  assert.equal(png.subarray(12, 16).toString("ascii"), "IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
