/**
 * Typed-array scratch memory reused across calls of the bulk aggregation.
 *
 * buildReport runs on every slash command and Home-tab open over ~240k records. Fresh multi-megabyte typed arrays on
 * each call live outside the JS heap, and V8 lets tens of megabytes of such garbage pile up before collecting it, which
 * pushed the process's peak RSS far up in the benchmark. Reusing one growing buffer per named use keeps the working
 * set flat. Nothing in it outlives a call: every user fills what it takes before reading it, and results handed back
 * to callers are always fresh arrays. Safe because the aggregation runs synchronously, one call at a time.
 */

/** One buffer per use, so two uses in the same call never share memory. */
export type ScratchUse = "authorOf" | "authorIds" | "authorSlots" | "perAuthor" | "perAuthorMonth";

const float64s = new Map<ScratchUse, Float64Array>();
const int32s = new Map<ScratchUse, Int32Array>();

const grown = (needed: number, current: number): number => Math.max(needed, Math.ceil(current * 1.5));

type TypedArray = Float64Array | Int32Array;

/** The buffer of `use` in `pool`, grown (by half again, at least to `length`) when too short; a view of `length`. */
function scratch<T extends TypedArray>(
  pool: Map<ScratchUse, T>,
  allocate: (length: number) => T,
  use: ScratchUse,
  length: number,
): T {
  let buffer = pool.get(use);
  if (!buffer || buffer.length < length) {
    buffer = allocate(grown(length, buffer?.length ?? 0));
    pool.set(use, buffer);
  }
  return buffer.subarray(0, length) as T;
}

/** A Float64Array of `length` elements for `use` (contents undefined until filled), valid until its next request. */
export function scratchFloat64(use: ScratchUse, length: number): Float64Array {
  return scratch(float64s, (n) => new Float64Array(n), use, length);
}

/** An Int32Array of `length` elements for `use` (contents undefined until filled), valid until its next request. */
export function scratchInt32(use: ScratchUse, length: number): Int32Array {
  return scratch(int32s, (n) => new Int32Array(n), use, length);
}
