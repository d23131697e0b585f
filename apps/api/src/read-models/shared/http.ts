// What the read-model controllers share: the campaign route prefix and who may watch a campaign's figures.
export const CAMPAIGN_ROUTE = 'campaigns/:campaignId';

/** The roles that see a whole campaign's figures (a secretary sees only their own branch's dashboard). */
export const WATCHERS = ['leading_group', 'auditor', 'administrator'] as const;
