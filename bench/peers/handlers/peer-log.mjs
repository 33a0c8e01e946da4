// One JSON request line per request, as ours writes (handlers/core/log.ts: method, route, status,
// durationMs): the same work in the cold call, where ours logs to the console as deployed. Off unless
// PEER_REQUEST_LOG=console, as in the servers comparison, where local mode's lines go nowhere either.
import { PEER_REQUEST_LOG } from './peer-log-setting.ts';

const enabled = process.env[PEER_REQUEST_LOG] === 'console';

/** Starts timing a request; the returned function writes its line once the status is known. */
export function requestLine(method) {
  if (!enabled) return () => {};
  const started = process.hrtime.bigint();
  return (route, status) => {
    const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1000) / 1000;
    console.log(JSON.stringify({ level: 'info', cloud: 'aws', method, route, status, durationMs }));
  };
}
