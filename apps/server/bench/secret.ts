/** HS256 secret shared by the bench driver and the API child. */
export const BENCH_SECRET = "bench-jwt-secret-0123456789abcdefghij";
