// Local mode's sign-in, set up before the emulated clouds serve: its own OIDC issuer on loopback, and
// the AUTH_* settings both emulated clouds' functions read (as the stacks set them in the cloud).
import { AUTH_MODE_NONE, AUTH_SETTINGS } from '../contract/settings';
import { PortInUseError } from './listen';
import { type LocalIssuer, startLocalIssuer } from './oidc/issuer';
import { LOCAL_AUDIENCE, type LocalAuth } from './oidc/settings';

/** The functions' sign-in settings: an issuer and audience, or AUTH_MODE=none; the other keys unset. */
export function authSettings(issuer: LocalIssuer | undefined): Record<string, string | undefined> {
  return issuer
    ? {
        [AUTH_SETTINGS.issuer]: issuer.issuer,
        [AUTH_SETTINGS.audience]: LOCAL_AUDIENCE,
        [AUTH_SETTINGS.mode]: undefined,
      }
    : { [AUTH_SETTINGS.issuer]: undefined, [AUTH_SETTINGS.audience]: undefined, [AUTH_SETTINGS.mode]: AUTH_MODE_NONE };
}

/**
 * Starts the issuer (unless `none`) and puts the settings into this process's environment, which the
 * api entries read on their first invocation. A variable left from a previous start is removed, so
 * the two choices never mix (that is an AuthConfigError).
 */
export async function startSignIn(auth: LocalAuth, port: number): Promise<LocalIssuer | undefined> {
  let issuer: LocalIssuer | undefined;
  try {
    issuer = auth === 'none' ? undefined : await startLocalIssuer({ audience: LOCAL_AUDIENCE, port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES')
      throw new PortInUseError(port, 'choose another with --issuer-port or LOCAL_ISSUER_PORT');
    throw error;
  }
  for (const [name, value] of Object.entries(authSettings(issuer))) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return issuer;
}
