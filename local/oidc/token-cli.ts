// npm run token -- --user NAME [--issuer URL]: prints a token the running local issuer signed for NAME.
// --issuer defaults to the one a running local mode wrote into .local/urls.json.
import { issuerUrlProblem } from '../../handlers/core/auth/issuer-url';
import { parseFlags, showHelp, type Tool, UsageError, usageFailure } from '../../tools/cli';
import { LOCAL_URLS_FILE, readUrlsFile } from '../urls-file';
import { requestToken, TokenRequestError } from './request-token';
import { USER_NAME_PATTERN, USER_NAME_RULE } from './settings';

const TOKEN_TOOL: Tool = {
  usage: `Usage: npm run token -- --user <name> [--issuer <url>]

Prints (alone on stdout) a bearer token for <name>, signed by the local OIDC issuer at <url>.
  --user <name>    ${USER_NAME_RULE}; becomes the token's subject
  --issuer <url>   the local issuer's URL (default: the running local mode's, from ${LOCAL_URLS_FILE})
  -h, --help       show this help
Exit codes: 0 printed, 1 the issuer did not answer or refused, 2 usage error.`,
};

const FLAGS = { user: { type: 'string' }, issuer: { type: 'string' } } as const;

/** Exit 1: the issuer is missing, unreachable or refused (not the caller's typing). */
const EXIT_NO_TOKEN = 1;

async function main(argv: string[]): Promise<number> {
  try {
    const values = parseFlags(argv, FLAGS);
    if (values.help) return showHelp(TOKEN_TOOL);
    if (!values.user || !USER_NAME_PATTERN.test(values.user)) throw new UsageError(`--user must be ${USER_NAME_RULE}`);
    const issuer = values.issuer ?? readUrlsFile(LOCAL_URLS_FILE)?.issuer;
    if (issuer === undefined) {
      process.stderr.write(
        `no --issuer, and no running local mode with sign-in (${LOCAL_URLS_FILE} names no issuer): start it with npm start, or pass --issuer\n`,
      );
      return EXIT_NO_TOKEN;
    }
    const issuerProblem = issuerUrlProblem(issuer);
    if (issuerProblem) throw new UsageError(`--issuer ${issuerProblem}`);
    process.stdout.write(`${await requestToken(issuer, values.user)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof TokenRequestError)) return usageFailure(TOKEN_TOOL, error);
    process.stderr.write(`${error.message}\n`);
    return EXIT_NO_TOKEN;
  }
}

main(process.argv.slice(2)).then((code) => (process.exitCode = code));
