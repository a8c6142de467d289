/**
 * Node flags the `hoist` CLI runs with (root `pnpm hoist`, this package's `hoist` script, the shebang of
 * src/main.ts; a test keeps them in step).
 *
 * `--max-semi-space-size=2` (MiB): V8 grows the young generation of any long-running busy process up to 3 x 16 MiB,
 * and keeps it. An upload allocates little but steadily, so over a 10 GiB upload its young generation grew from
 * 8 to 48 MiB of RSS that holds nothing (measured with `pnpm --filter @hoist/cli bench memory`: peak 113 MiB with
 * Node's defaults, 86 MiB with this flag). The cost is more, smaller scavenges (~1 ms each).
 */
export const CLI_NODE_FLAGS = ["--max-semi-space-size=2"] as const;
