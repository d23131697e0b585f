// What every read model's queries share: the day figures are evaluated on, and the order of ids.

export interface QueryOptions {
  /** The day figures are evaluated on (overdue, colours, half-year check): 'YYYY-MM-DD'. */
  readonly asOf: string;
  /** Due within this many days counts as amber (the domain's overdueColour; DEFAULT_AMBER_DAYS when left out). */
  readonly amberWithinDays?: number;
}

export const byText = (a: string | null | undefined, b: string | null | undefined): number => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);
