// The Emmett-style decider shape every aggregate of the domain follows.

/** A command or an event: a stable type string and its data. */
export interface Message<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/**
 * decide(command, state[, context]) → events; evolve(state, event) → state.
 * `Context` carries read-only facts from other streams (the branch-work decider needs the plan and the roster);
 * deciders without one use `void`, so `decide(command, state)` type-checks.
 */
export interface Decider<Command, State, Event, Context = void> {
  decide(command: Command, state: State, context: Context): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** Folds events over a decider's initial state. */
export function foldEvents<State, Event>(decider: { evolve(state: State, event: Event): State; initialState(): State }, events: readonly Event[]): State {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
}

/** Exhaustiveness guard for `switch` over a discriminated union. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
