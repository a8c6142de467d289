import type { ConnectionFlags } from "../config";
import type { CliIo } from "../io";

/** Options every command accepts (declared once on the program). */
export interface GlobalFlags extends ConnectionFlags {
  debug?: boolean;
}

/** What a command runs with besides its own arguments. */
export interface CommandContext {
  io: CliIo;
  globals: GlobalFlags;
}
