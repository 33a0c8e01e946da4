// Promise: nobody uses another owner's notes. A stack deployed with `auth: none` is open to anyone;
// that is allowed for a trial, so the rule warns in preview instead of failing it.
import type { ResourceRule } from './types';

/**
 * The setting that turns sign-in off, and its value. The pack runs on its own (policy/package.json),
 * so it cannot import the app's names; test/policy/pack-project.test.ts holds these equal to them.
 */
export const SIGN_IN_OFF = { setting: 'AUTH_MODE', value: 'none' } as const;
const AUTH_SETTINGS = { mode: SIGN_IN_OFF.setting };
const AUTH_MODE_NONE = SIGN_IN_OFF.value;

const settingsOf = (type: string, props: Record<string, unknown>): Record<string, unknown> | undefined => {
  if (type === 'aws:lambda/function:Function')
    return (props.environment as { variables?: Record<string, unknown> } | undefined)?.variables;
  return props.properties as Record<string, unknown> | undefined;
};

export const signInRequired: ResourceRule = {
  name: 'sign-in-required',
  description: `Functions check sign-in tokens; ${AUTH_SETTINGS.mode}=${AUTH_MODE_NONE} (a trial stack, anyone can use every note) is reported.`,
  resourceTypes: ['aws:lambda/function:Function', 'azure-native:web:WebAppApplicationSettings'],
  enforcementLevel: 'advisory',
  check({ type, props }) {
    if (settingsOf(type, props)?.[AUTH_SETTINGS.mode] !== AUTH_MODE_NONE) return [];
    return [
      `sign-in is off (${AUTH_SETTINGS.mode}=${AUTH_MODE_NONE}): anyone on the internet can read, change and delete every note. ` +
        'For real users set authIssuer and authAudience (README "Sign-in").',
    ];
  },
};

export const signInRules: ResourceRule[] = [signInRequired];
