import { harness } from './app-harness';

// Regression (test/reliability fuzzing): the 404 detail quoted the path as the front door passed it, so
// API Gateway's decoded rawPath and the Functions host's encoded one gave different bodies.

async function detailOf(path: string): Promise<string> {
  const response = await harness().app.request(path);
  expect(response.status).toBe(404);
  return ((await response.json()) as { detail: string }).detail;
}

describe('the 404 detail for an unknown path', () => {
  it.each([
    ['/api/x%3B%3F', '/api/x;?'],
    ['/api/x%24%20', '/api/x$ '],
    ['/api/x%C3%A9', '/api/xé'],
  ])('quotes %s decoded, as it is spelled once decoded', async (encoded, decoded) => {
    expect(await detailOf(encoded)).toBe(`There is no route GET ${decoded}.`);
  });

  it('is the same whether the path arrives encoded or already decoded', async () => {
    expect(await detailOf('/api/x%3B')).toBe(await detailOf('/api/x;'));
  });

  it('keeps a malformed escape as sent and decodes the valid ones around it', async () => {
    expect(await detailOf('/api/x%zz')).toBe('There is no route GET /api/x%zz.');
    expect(await detailOf('/api/x%%41')).toBe('There is no route GET /api/x%A.');
    expect(await detailOf('/api/x%C3%A9%E0%A4')).toBe('There is no route GET /api/x%C3%A9%E0%A4.');
  });
});
