// The lines `npm start` prints once both clouds answer, laid out as `pulumi stack output` lists a
// stack's outputs; whatever starts local mode (compare's cold starts, tests) reads them back from here.
export function urlsOutput(urls: { awsUrl: string; azureUrl: string; issuer?: string }): string {
  const lines = [`awsUrl    ${urls.awsUrl}`, `azureUrl  ${urls.azureUrl}`];
  // Sign-in on (the default): the issuer, and how to get a token for the notes routes.
  if (urls.issuer) lines.push(`issuer    ${urls.issuer}`, `token     ${TOKEN_COMMAND}`);
  return `${lines.join('\n')}\n`;
}

/** How to get a bearer token from a running local mode (its issuer is in .local/urls.json). */
export const TOKEN_COMMAND = 'npm run --silent token -- --user alice';

/** Matches the URL lines in what local mode printed: group 1 the AWS URL, group 2 the Azure URL. */
export const URLS_OUTPUT = /^awsUrl {4}(http:\/\/localhost:\d+)\nazureUrl {2}(http:\/\/localhost:\d+)$/m;

/** Matches the issuer line: group 1 the issuer URL (absent with --auth none). */
export const ISSUER_OUTPUT = /^issuer {4}(http:\/\/[^\s]+)$/m;
