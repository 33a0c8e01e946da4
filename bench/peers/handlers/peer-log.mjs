// One JSON request line per request, as ours writes (handlers/core/log.ts: method, route, status,
// durationMs): the same work in the cold call, where ours logs to the console as deployed. Off unless
// PEER_REQUEST_LOG=console, as in the servers comparison, where local mode's lines go nowhere either.
import { startStopwatch } from '../../../handlers/core/stopwatch.ts';
import { PEER_REQUEST_LOG } from './peer-log-setting.ts';

const enabled = process.env[PEER_REQUEST_LOG] === 'console';

/** Starts timing a request; the returned function writes its line once the status is known. */
export function requestLine(method) {
  if (!enabled) return () => {};
  const elapsedMs = startStopwatch();
  return (route, status) => {
    console.log(JSON.stringify({ level: 'info', cloud: 'aws', method, route, status, durationMs: elapsedMs() }));
  };
}
