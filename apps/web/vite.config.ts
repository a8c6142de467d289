import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The API during `pnpm dev` (on HOIST_PORT, as the server reads it); the built app is served by apps/server
// itself, on the same origin as /trpc. Loopback host: /dev/token answers loopback host names only.
const api = `http://127.0.0.1:${process.env.HOIST_PORT ?? "3000"}`;

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { "/trpc": api, "/dev": api },
  },
  preview: { proxy: { "/trpc": api, "/dev": api } },
  build: {
    outDir: "dist",
    assetsDir: "assets", // hashed names: apps/server serves /assets/* as immutable
    sourcemap: false,
    target: "es2022",
  },
});
