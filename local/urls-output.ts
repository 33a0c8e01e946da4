// The two lines `npm start` prints once both clouds answer, laid out as `pulumi stack output` lists a
// stack's outputs; whatever starts local mode (compare's cold starts, tests) reads them back from here.
export function urlsOutput(urls: { awsUrl: string; azureUrl: string }): string {
  return `awsUrl    ${urls.awsUrl}\nazureUrl  ${urls.azureUrl}\n`;
}

/** Matches those lines in what local mode printed: group 1 the AWS URL, group 2 the Azure URL. */
export const URLS_OUTPUT = /^awsUrl {4}(http:\/\/localhost:\d+)\nazureUrl {2}(http:\/\/localhost:\d+)$/m;
