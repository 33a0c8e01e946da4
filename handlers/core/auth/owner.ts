// Who owns a note: the token's issuer + subject, as one string usable as a partition key on both clouds.
import { MAX_SUBJECT_LENGTH } from './settings';

/**
 * The owner when sign-in is off (`auth: none`). It has no "|", so it cannot equal any signed-in owner.
 */
export const ANONYMOUS_OWNER = 'anonymous';

/**
 * `encodeURIComponent(iss) + "|" + encodeURIComponent(sub)`. A subject is unique only within its issuer
 * (OIDC Core §2), so both are needed. encodeURIComponent escapes "|" (as %7C), so the only "|" is the
 * separator: the string splits back into exactly one (iss, sub) pair and two pairs never collide. The
 * encoding also keeps "/", "\\", "?" and "#" out (Cosmos DB refuses them in ids), and it is plain ASCII.
 * Throws on a lone UTF-16 surrogate (encodeURIComponent's URIError): `subjectProblem` refuses those first.
 */
export function ownerOf(issuer: string, subject: string): string {
  return `${encodeURIComponent(issuer)}|${encodeURIComponent(subject)}`;
}

/** The (issuer, subject) an owner was made from; undefined for the anonymous owner or anything else. */
export function ownerParts(owner: string): { issuer: string; subject: string } | undefined {
  const parts = owner.split('|');
  if (parts.length !== 2) return undefined;
  try {
    return { issuer: decodeURIComponent(parts[0]!), subject: decodeURIComponent(parts[1]!) };
  } catch {
    return undefined;
  }
}

/** Why a `sub` claim cannot name an owner, or undefined. */
export function subjectProblem(subject: unknown): string | undefined {
  if (typeof subject !== 'string' || subject.length === 0) return 'The token has no subject';
  if (subject.length > MAX_SUBJECT_LENGTH) return `The token subject is longer than ${MAX_SUBJECT_LENGTH} characters`;
  try {
    encodeURIComponent(subject);
  } catch {
    // A lone UTF-16 surrogate (valid in JSON, not in text either store keeps).
    return 'The token subject is not well-formed text';
  }
  return undefined;
}
