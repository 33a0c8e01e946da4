import autocannon from 'autocannon';

// A bounded autocannon run on loopback: GET /api/hello and POST /api/notes in turn on every connection,
// each create with its own title, and every acknowledged create (201 + Location) remembered.

export interface Acknowledged {
  location: string;
  title: string;
}

export interface LoadOutcome {
  result: autocannon.Result;
  acknowledged: Acknowledged[];
  /** Creates answered with anything but 201 + Location (should be none). */
  refusedCreates: string[];
}

export function runMixedLoad(url: string, label: string, durationS = 3, connections = 10): Promise<LoadOutcome> {
  const acknowledged: Acknowledged[] = [];
  const refusedCreates: string[] = [];
  let sequence = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections,
        duration: durationS,
        requests: [
          { method: 'GET', path: '/api/hello?name=load' },
          {
            method: 'POST',
            path: '/api/notes',
            headers: { 'content-type': 'application/json' },
            setupRequest(request, context) {
              sequence += 1;
              const title = `${label} load note ${sequence} ✓`;
              context.title = title;
              return { ...request, body: JSON.stringify({ title, body: `written under load (${sequence})` }) };
            },
            onResponse(status, body, context, headers) {
              const location = headers.location;
              if (status === 201 && location) acknowledged.push({ location, title: String(context.title) });
              else refusedCreates.push(`${status} ${body.slice(0, 200)}`);
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve({ result, acknowledged, refusedCreates })),
    );
  });
}
