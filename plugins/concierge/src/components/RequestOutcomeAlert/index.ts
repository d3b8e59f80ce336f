export { RequestOutcomeAlert, describeRequestOutcome } from './RequestOutcomeAlert';
export type { RequestOutcomeAlertProps } from './RequestOutcomeAlert';
