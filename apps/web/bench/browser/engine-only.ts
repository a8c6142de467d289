/** Everything `@hoist/client/browser` exports, bundled alone: the engine's own weight in a browser. */
export * from "@hoist/client/browser";
