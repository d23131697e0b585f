// Test helpers of the domain library (not part of the production bundle).
export { DeciderSpecification, type ThenStep, type WhenStep } from './testing/decider-specification';
export { deepEqual } from './testing/deep-equal';
