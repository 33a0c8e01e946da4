// Durations of requests in ms, to the microsecond, for log lines and consumption reports. Node's
// `performance` global loads perf_hooks on first use, which a cold start pays; hrtime is at hand.

/** Starts timing now; the returned function answers the ms elapsed since, rounded to the microsecond. */
export function startStopwatch(): () => number {
  const started = process.hrtime.bigint();
  return () => Math.round(Number(process.hrtime.bigint() - started) / 1000) / 1000;
}
