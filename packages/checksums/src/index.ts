export { createCrc64Nvme, crc64nvme, crc64ToBase64, crc64FromBase64 } from "./crc64nvme";
export type { Crc64Nvme } from "./crc64nvme";
export { combineCrc64Nvme, combineParts } from "./combine";
export { base64FromBytes, bytesFromBase64 } from "./base64";
