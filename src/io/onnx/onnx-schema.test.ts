import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ONNX_SCHEMA } from './onnx-schema.js';

const DEBIAN = '/usr/lib/python3/dist-packages/onnx/onnx.proto';
const OURS = fileURLToPath(new URL('../../../schema/onnx/onnx.proto', import.meta.url));

test("the schema the exporter encodes with is Debian python3-onnx's onnx.proto, unchanged", { skip: existsSync(DEBIAN) ? false : `${DEBIAN} not installed (Debian's python3-onnx)` }, () => {
  assert.equal(readFileSync(OURS, 'utf8'), readFileSync(DEBIAN, 'utf8'));
});

test('the generated descriptor holds the messages of a model', () => {
  const onnx = (ONNX_SCHEMA.nested!['onnx'] as { nested: Record<string, unknown> }).nested;
  for (const name of ['ModelProto', 'GraphProto', 'NodeProto', 'TensorProto', 'ValueInfoProto', 'AttributeProto', 'OperatorSetIdProto']) assert.ok(onnx[name], name);
});
