// Only for aws/stack.ts until it imports contract/settings.ts itself (infra's branch); then delete this file.
export { FUNCTION_TIMEOUT_SETTING as FUNCTION_TIMEOUT_ENV } from '../../contract/settings';
