/**
 * A minimal GGUF v3 encoder (ggml's docs/gguf.md): header, metadata key/values, tensor infos,
 * then the tensor data, each tensor at an offset that is a multiple of `general.alignment`.
 * Only what tiny test models need: scalar/string/array metadata and F32 tensors.
 */

const GGUF_MAGIC = 0x46554747; // "GGUF" read as a little-endian u32
const GGUF_VERSION = 3;
const GGML_TYPE_F32 = 0;

// gguf_metadata_value_type
const T_UINT32 = 4;
const T_INT32 = 5;
const T_FLOAT32 = 6;
const T_BOOL = 7;
const T_STRING = 8;
const T_ARRAY = 9;

export type GgufValue =
  | { type: 'u32'; value: number }
  | { type: 'i32'; value: number }
  | { type: 'f32'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'string[]'; value: string[] }
  | { type: 'i32[]'; value: number[] }
  | { type: 'f32[]'; value: number[] };

export interface GgufTensor {
  name: string;
  /** ggml order: dims[0] is the contiguous (innermost) dimension, e.g. [n_embd, n_vocab]. */
  dims: number[];
  data: Float32Array;
}

/** Little-endian byte sink that grows as needed. */
class ByteWriter {
  private buf = Buffer.alloc(1 << 16);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = Buffer.alloc(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }
  u32(v: number): void {
    this.reserve(4);
    this.buf.writeUInt32LE(v, this.length);
    this.length += 4;
  }
  i32(v: number): void {
    this.reserve(4);
    this.buf.writeInt32LE(v, this.length);
    this.length += 4;
  }
  u64(v: number): void {
    this.reserve(8);
    this.buf.writeBigUInt64LE(BigInt(v), this.length);
    this.length += 8;
  }
  f32(v: number): void {
    this.reserve(4);
    this.buf.writeFloatLE(v, this.length);
    this.length += 4;
  }
  u8(v: number): void {
    this.reserve(1);
    this.buf.writeUInt8(v, this.length);
    this.length += 1;
  }
  /** gguf_string_t: u64 byte length, then UTF-8 bytes without a terminator. */
  str(s: string): void {
    const bytes = Buffer.from(s, 'utf8');
    this.u64(bytes.length);
    this.bytes(bytes);
  }
  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  padTo(alignment: number): void {
    const pad = (alignment - (this.length % alignment)) % alignment;
    this.bytes(new Uint8Array(pad));
  }
  result(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}

function writeValue(w: ByteWriter, v: GgufValue): void {
  switch (v.type) {
    case 'u32': w.u32(T_UINT32); w.u32(v.value); return;
    case 'i32': w.u32(T_INT32); w.i32(v.value); return;
    case 'f32': w.u32(T_FLOAT32); w.f32(v.value); return;
    case 'bool': w.u32(T_BOOL); w.u8(v.value ? 1 : 0); return;
    case 'string': w.u32(T_STRING); w.str(v.value); return;
    case 'string[]':
      w.u32(T_ARRAY); w.u32(T_STRING); w.u64(v.value.length);
      for (const s of v.value) w.str(s);
      return;
    case 'i32[]':
      w.u32(T_ARRAY); w.u32(T_INT32); w.u64(v.value.length);
      for (const n of v.value) w.i32(n);
      return;
    case 'f32[]':
      w.u32(T_ARRAY); w.u32(T_FLOAT32); w.u64(v.value.length);
      for (const n of v.value) w.f32(n);
      return;
  }
}

/** Encodes a whole GGUF v3 file. `general.alignment` (if present, a u32) sets the data alignment. */
export function encodeGguf(metadata: Record<string, GgufValue>, tensors: GgufTensor[]): Buffer {
  const alignmentKv = metadata['general.alignment'];
  const alignment = alignmentKv?.type === 'u32' ? alignmentKv.value : 32;
  for (const t of tensors) {
    const count = t.dims.reduce((a, b) => a * b, 1);
    if (count !== t.data.length) {
      throw new Error(`tensor ${t.name}: dims ${t.dims.join('x')} need ${count} values, got ${t.data.length}`);
    }
  }

  const w = new ByteWriter();
  w.u32(GGUF_MAGIC);
  w.u32(GGUF_VERSION);
  w.u64(tensors.length);
  w.u64(Object.keys(metadata).length);
  for (const [key, value] of Object.entries(metadata)) {
    w.str(key);
    writeValue(w, value);
  }

  // Offsets are relative to the start of the data section, each aligned.
  let offset = 0;
  const offsets: number[] = [];
  for (const t of tensors) {
    offset = alignUp(offset, alignment);
    offsets.push(offset);
    offset += t.data.byteLength;
  }
  tensors.forEach((t, i) => {
    w.str(t.name);
    w.u32(t.dims.length);
    for (const d of t.dims) w.u64(d);
    w.u32(GGML_TYPE_F32);
    w.u64(offsets[i]);
  });

  w.padTo(alignment);
  const dataStart = w.length;
  tensors.forEach((t, i) => {
    w.bytes(new Uint8Array(w.length < dataStart + offsets[i] ? dataStart + offsets[i] - w.length : 0));
    // Float32Array is host-endian; GGUF is little-endian, as is every machine node-llama-cpp supports.
    w.bytes(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
  });
  return w.result();
}

function alignUp(n: number, alignment: number): number {
  return Math.ceil(n / alignment) * alignment;
}
