// The alert settings both clouds' operations tests give their stacks: every threshold set, none a default.
import type { AlertSettings } from '../../program/alerts';

export const TEST_ALERTS: AlertSettings = {
  email: 'ops@example.com',
  functionErrors: 3,
  throttles: 7,
  serverErrorPercent: 2,
  streamAgeSeconds: 120,
};
