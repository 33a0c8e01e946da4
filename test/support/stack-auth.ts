// The sign-in config the component tests deploy with: an OIDC issuer, so the settings it sets are visible.
import type { AuthConfig } from '../../handlers/core/auth/config';

export const TEST_AUTH: AuthConfig = {
  mode: 'oidc',
  issuer: 'https://login.example.com/tenant/v2.0',
  audience: 'api://notes',
};
