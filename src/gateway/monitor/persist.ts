/**
 * Typed arrays in and out of JSON, for saving monitor state in the gateway store: base64 of the
 * array's bytes (little-endian, as every platform Node runs on lays them out). A saved array is
 * about a third larger than its bytes, against five to ten times as a JSON list of numbers.
 */
type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;
type TypedArrayClass<T extends TypedArray> = { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number };

export function pack(a: TypedArray): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

/** The array `pack` wrote; throws if the bytes do not fit the element size. */
export function unpack<T extends TypedArray>(text: string, type: TypedArrayClass<T>): T {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % type.BYTES_PER_ELEMENT !== 0) throw new Error('saved monitor state is damaged');
  const copy = new ArrayBuffer(bytes.length); // aligned, and not shared with Buffer's pool
  new Uint8Array(copy).set(bytes);
  return new type(copy);
}

/** Copies a saved array into `target` (same length), so state objects can keep their arrays. */
export function unpackInto<T extends TypedArray>(target: T, text: string): void {
  const saved = unpack(text, target.constructor as TypedArrayClass<T>);
  if (saved.length !== target.length) throw new Error('saved monitor state does not fit (its sizes changed)');
  target.set(saved as never);
}
