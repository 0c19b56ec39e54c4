/**
 * The published ONNX schema (schema/onnx/onnx.proto) as a protobufjs JSON descriptor; the module
 * itself is generated at build time by scripts/build-onnx-schema.mjs.
 */
import type { INamespace } from 'protobufjs/light.js';

export declare const ONNX_SCHEMA: INamespace;
