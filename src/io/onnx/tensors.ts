/** ONNX TensorProto and ValueInfoProto objects, as the schema's plain-object form. */

/** TensorProto.DataType values used here. */
export const FLOAT = 1;
export const INT64 = 7;

/** A float32 initializer: dims and little-endian `raw_data`. */
export function floatTensor(name: string, dims: readonly number[], values: Float32Array): Record<string, unknown> {
  const raw = new Uint8Array(values.length * 4);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i]!, true);
  return { name, dims: [...dims], data_type: FLOAT, raw_data: raw };
}

/** An int64 initializer (shapes, axes). */
export function int64Tensor(name: string, dims: readonly number[], values: readonly number[]): Record<string, unknown> {
  return { name, dims: [...dims], data_type: INT64, int64_data: [...values] };
}

/** A float32 tensor value of shape `[batch, ...shape]`, the batch dimension named `batch` (dynamic). */
export function floatValueInfo(name: string, shape: readonly number[]): Record<string, unknown> {
  const dim = [{ dim_param: 'batch' }, ...shape.map((d) => ({ dim_value: d }))];
  return { name, type: { tensor_type: { elem_type: FLOAT, shape: { dim } } } };
}
