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
  /** Optional: the same as reducing `evolve`, for deciders whose state is large enough that a batch fold pays. */
  evolveAll?(state: State, events: readonly Event[]): State;
  initialState(): State;
}

/** Folds events over a decider's initial state. */
export function foldEvents<State, Event>(
  decider: { evolve(state: State, event: Event): State; evolveAll?(state: State, events: readonly Event[]): State; initialState(): State },
  events: readonly Event[],
): State {
  return evolveEach(decider, decider.initialState(), events);
}

/** Folds events over a given state, in one batch when the decider can. */
export function evolveEach<State, Event>(
  decider: { evolve(state: State, event: Event): State; evolveAll?(state: State, events: readonly Event[]): State },
  state: State,
  events: readonly Event[],
): State {
  if (decider.evolveAll) return decider.evolveAll(state, events);
  return events.reduce((current, event) => decider.evolve(current, event), state);
}

/** Exhaustiveness guard for `switch` over a discriminated union. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
