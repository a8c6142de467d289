/** `@hoist/bench`: what the apps' benchmarks share (no runtime code of Hoist depends on it). */
export { field, serveChild, startChild, type BenchChild, type CpuTime } from "./children";
