export * from './campaign.types';
export * from './campaign.commands';
export * from './campaign.events';
export * from './campaign.errors';
export * from './campaign.state';
export * from './campaign.decider';
export { planFromTemplate, recurringWeeksIn, datesOfWeeks } from './plan';
export { plannedEnd } from './planned-end';
