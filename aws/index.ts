// The AWS component and its argument type; index.ts at the root constructs it.
export {
  AwsNotesApp,
  defaultNamePrefix,
  AWS_NOTES_APP_TYPE,
  AWS_NOTES_APP_PREVIOUS_TYPE,
  type AwsNotesAppArgs,
} from './component';
