/** @hoist/server: the Fastify host. `buildApp` for embedding and tests, `startServer` for a full process. */
export { buildApp, type AppOptions } from "./build-app";
export { configFromEnv, type ServerConfig, type StorageConfig } from "./config";
export { EnvError, readEnv, type Env } from "./env";
export { startServer, type RunningServer, type StartOptions } from "./start";
export { DEMO_USER } from "./auth-setup";
