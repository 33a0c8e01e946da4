// npm run token -- --user NAME [--issuer URL]: prints a token the running local issuer signed for NAME.
// --issuer defaults to the one a running local mode wrote into .local/urls.json.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readUrlsFile } from '../urls-file';
import { issuerUrlProblem } from '../../handlers/core/auth/issuer-url';
import { requestToken, TokenRequestError } from './request-token';
import { USER_NAME_PATTERN, USER_NAME_RULE } from './settings';

/** Where `npm start` (default data directory) writes its URLs and issuer. */
const LOCAL_URLS_FILE = join('.local', 'urls.json');

const usage = `Usage: npm run token -- --user <name> [--issuer <url>]

Prints (alone on stdout) a bearer token for <name>, signed by the local OIDC issuer at <url>.
  --user <name>    ${USER_NAME_RULE}; becomes the token's subject
  --issuer <url>   the local issuer's URL (default: the running local mode's, from ${LOCAL_URLS_FILE})
  -h, --help       show this help
Exit codes: 0 printed, 1 the issuer did not answer or refused, 2 usage error.`;

async function main(argv: string[]): Promise<number> {
  let values: { user?: string; issuer?: string; help?: boolean };
  try {
    values = parseArgs({
      args: argv,
      options: { user: { type: 'string' }, issuer: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (!values.user || !USER_NAME_PATTERN.test(values.user)) {
    process.stderr.write(`--user must be ${USER_NAME_RULE}\n${usage}\n`);
    return 2;
  }
  const issuer = values.issuer ?? readUrlsFile(LOCAL_URLS_FILE)?.issuer;
  if (issuer === undefined) {
    process.stderr.write(
      `no --issuer, and no running local mode with sign-in (${LOCAL_URLS_FILE} names no issuer): start it with npm start, or pass --issuer\n`,
    );
    return 1;
  }
  const issuerProblem = issuerUrlProblem(issuer);
  if (issuerProblem) {
    process.stderr.write(`--issuer ${issuerProblem}\n${usage}\n`);
    return 2;
  }
  try {
    process.stdout.write(`${await requestToken(issuer, values.user)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof TokenRequestError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => (process.exitCode = code));
