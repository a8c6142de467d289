/** True where workers can start from an inline script (browsers); false in Node. */
export const canStartInlineWorkers = (): boolean => typeof Worker !== "undefined" && typeof URL.createObjectURL === "function";

/**
 * A worker script from source text, served as a Blob URL: no extra file for bundlers to place. The URL is made on
 * the first `start()` and kept for later workers until `release()`. `start()` throws where a CSP refuses `blob:`.
 */
export class InlineScript {
  private url: string | undefined;

  constructor(private readonly source: string) {}

  start(): Worker {
    this.url ??= URL.createObjectURL(new Blob([this.source], { type: "text/javascript" }));
    return new Worker(this.url);
  }

  release(): void {
    if (this.url !== undefined) URL.revokeObjectURL(this.url);
    this.url = undefined;
  }
}
