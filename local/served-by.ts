// Both api entries read SERVED_BY from the environment once, when their first invocation builds the
// app, but one process hosts both clouds. So each cloud gets one request (GET /api/hello, which
// touches no store) through its front door right after SERVED_BY is set to that cloud's value.

async function firstRequest(baseUrl: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/hello`);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${baseUrl}/api/hello answered ${response.status} at start-up`);
}

export async function warmUpWithServedBy(urls: { awsUrl: string; azureUrl: string }): Promise<void> {
  process.env.SERVED_BY = 'local-aws';
  await firstRequest(urls.awsUrl);
  process.env.SERVED_BY = 'local-azure';
  await firstRequest(urls.azureUrl);
  delete process.env.SERVED_BY;
}
