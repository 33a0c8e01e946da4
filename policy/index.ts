// Entry point of the policy pack: `pulumi preview --policy-pack policy` (from the repository root).
// Constructing the pack starts the policy server the Pulumi engine talks to, so nothing else lives here.
import { PolicyPack } from '@pulumi/policy';
import { policies } from './policies';

new PolicyPack('serverless-aws-azure', {
  description:
    'Reliability and security promises of serverless-aws-azure: no keys, least privilege, encryption, backups, TLS, retained logs, alerted dead letters.',
  enforcementLevel: 'mandatory',
  policies,
});
