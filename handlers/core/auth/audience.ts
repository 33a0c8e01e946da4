// Whether a token was issued for our API: `aud`, or `client_id` when there is no `aud`.
import type { JWTPayload } from 'jose';

/**
 * Cognito's access tokens carry no `aud`, only `client_id`. API Gateway's JWT authorizer accepts
 * `client_id` "only if aud is not present. When both aud and client_id are present, API Gateway
 * evaluates aud" (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html);
 * we follow the same rule on both clouds so the same tokens work everywhere.
 */
export function isForAudience(payload: JWTPayload, audience: string): boolean {
  if (payload.aud !== undefined)
    return Array.isArray(payload.aud) ? payload.aud.includes(audience) : payload.aud === audience;
  return payload.client_id === audience;
}
