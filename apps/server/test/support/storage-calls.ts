import type { S3Client } from "@aws-sdk/client-s3";

/** Counts the S3 commands `client` sends while `run` runs (SDK middleware: the real client, nothing replaced). */
export async function storageCalls(client: S3Client, run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const name = `count-${Math.random()}`;
  client.middlewareStack.add((next, context) => (args) => {
    seen.push(String(context.commandName));
    return next(args);
  }, { step: "initialize", name });
  try {
    await run();
  } finally {
    client.middlewareStack.remove(name);
  }
  return seen;
}
