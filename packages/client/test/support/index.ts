/**
 * `@hoist/client/testing`: Node helpers for tests that upload real files (the engine's own integration tests,
 * the CLI's): temp dirs, large files written in chunks, streamed SHA-256, an independent CRC64NVME. Never imported
 * by the library itself.
 */
export { independentCrc64 } from "./crc64";
export { sha256Of, tempDir, writeRandomFile } from "./temp-file";
