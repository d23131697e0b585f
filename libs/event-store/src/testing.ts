// Test-only entry point: the contract suite every EventStore adapter runs.
export { describeEventStoreContract, contractClock, CONTRACT_CLOCK_INSTANT, type ContractHarness } from './testing/contract-suite';
