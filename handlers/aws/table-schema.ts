// Only for aws/data.ts and aws/iam.ts until they import contract/aws.ts themselves (infra's branch); then delete this file.
export { ACTIVITY_KEYS, activityTableSchema, NOTE_KIND, NOTES_KEYS, notesTableSchema } from '../../contract/aws';
