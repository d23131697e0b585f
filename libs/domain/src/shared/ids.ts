/**
 * Reserved branch id under which a campaign's unit-level work (scope `unit` and `division`) is kept, unless the
 * campaign names a real office branch. Its branch-work stream is `branchWorkStream(campaignId, UNIT_LEVEL_BRANCH_ID)`.
 */
export const UNIT_LEVEL_BRANCH_ID = '_unit';
