// Sends bytes to a presigned URL the way a Node client must (DESIGN.md: not fetch with a big Buffer).
import { request } from "node:http";

/** What the store answered. */
export interface SentResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Sends `body` with exactly `headers` (plus Host, which node:http adds) and collects the answer. */
export function send(method: string, url: string, headers: Record<string, string>, body?: Uint8Array): Promise<SentResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}
