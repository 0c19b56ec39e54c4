/**
 * ONNX ModelProto bytes, encoded and decoded by protobufjs from the published ONNX schema (its
 * JSON descriptor, generated at build time). Field names are the schema's (`ir_version`,
 * `opset_import`, `raw_data`).
 */
import protobuf from 'protobufjs/light.js';
import { ONNX_SCHEMA } from './onnx-schema.js';

let modelType: protobuf.Type | null = null;

/** `onnx.ModelProto` of the schema, resolved once. */
function modelProto(): protobuf.Type {
  return (modelType ??= protobuf.Root.fromJSON(ONNX_SCHEMA).lookupType('onnx.ModelProto'));
}

/** The bytes of a ModelProto given as a plain object (int64 fields as numbers, bytes as Uint8Array). */
export function encodeModelProto(model: Record<string, unknown>): Uint8Array {
  const type = modelProto();
  const problem = type.verify(model);
  if (problem) throw new Error(`ONNX ModelProto: ${problem}`);
  return type.encode(type.fromObject(model)).finish();
}

/** A ModelProto read back as a plain object (int64 as numbers, enums as numbers, bytes as Uint8Array). */
export function decodeModelProto(bytes: Uint8Array): Record<string, unknown> {
  const type = modelProto();
  return type.toObject(type.decode(bytes), { longs: Number, defaults: false, arrays: true }) as Record<string, unknown>;
}
