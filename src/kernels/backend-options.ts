/** Options a backend factory understands. */
export interface BackendOptions {
  /** Worker threads for backends that use them; 1 means none spawned. */
  threads?: number;
}
