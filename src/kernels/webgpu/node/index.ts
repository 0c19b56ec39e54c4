/** The webgpu backend's Node adapter: WebGPU from the optional package `webgpu`. */
export { nodeWebGpu, NODE_WEBGPU_PACKAGE, type NodeWebGpu, type NodeWebGpuOptions } from './node-webgpu.js';
