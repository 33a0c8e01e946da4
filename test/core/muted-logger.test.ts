import type { Logger, RequestLogEntry } from '../../handlers/core/log';
import { mutableLogger } from '../../handlers/core/muted-logger';

const entry = (route: string): RequestLogEntry => ({ method: 'GET', route, status: 200, durationMs: 1 });

describe('mutableLogger', () => {
  it('drops request lines while muted, keeps error lines, and speaks again afterwards, even after a failure', async () => {
    const requests: string[] = [];
    const errors: string[] = [];
    const inner: Logger = {
      request: (e) => requests.push(e.route),
      error: (_e, e) => errors.push('route' in e ? e.route : e.message),
      info: () => {},
    };
    const log = mutableLogger(inner);
    log.request(entry('/before'));
    await log.muted(async () => {
      log.request(entry('/muted'));
      log.error(new Error('x'), { method: 'GET', route: '/muted-error' });
    });
    await expect(log.muted(() => Promise.reject(new Error('warm-up failed')))).rejects.toThrow('warm-up failed');
    log.request(entry('/after'));
    expect(requests).toEqual(['/before', '/after']);
    expect(errors).toEqual(['/muted-error']);
  });
});
