// Given-when-then for deciders (after emmett's DeciderSpecification), runner-agnostic: failures throw plain Errors.
import type { Decider } from '../shared/decider';
import { DomainError } from '../shared/errors';
import { deepEqual } from './deep-equal';

/** A DomainError subclass (their constructors are protected, so this is structural). */
type ErrorClass = { readonly code: string; readonly name: string; readonly prototype: DomainError };

const show = (value: unknown): string => JSON.stringify(value, null, 2);

export interface ThenStep<Event> {
  /** The command produced exactly these events (in order). */
  then(expected: readonly Event[]): void;
  /** The command produced no events (an idempotent repeat, or a no-op). */
  thenNothingHappened(): void;
  /** The command was refused with this error class or code; `check` may inspect the error further. */
  thenThrows(expected: ErrorClass | string, check?: (error: DomainError) => void): void;
  /** The raw outcome, for assertions the steps above do not cover. */
  events(): Event[];
}

export interface WhenStep<Command, Event, Context> {
  when(command: Command, ...context: Context extends void ? [] : [Context]): ThenStep<Event>;
}

export const DeciderSpecification = {
  for<Command, State, Event, Context = void>(decider: Decider<Command, State, Event, Context>) {
    return {
      given(events: readonly Event[] = []): WhenStep<Command, Event, Context> {
        return {
          when(command: Command, ...context: Context extends void ? [] : [Context]): ThenStep<Event> {
            const run = (): Event[] => {
              const state = events.reduce((s, e) => decider.evolve(s, e), decider.initialState());
              return decider.decide(command, state, context[0] as Context);
            };
            return {
              events: run,
              then(expected) {
                const actual = run();
                if (!deepEqual(actual, expected)) throw new Error(`Expected events:\n${show(expected)}\nbut got:\n${show(actual)}`);
                // Replaying the produced events must not throw either.
                actual.reduce(
                  (s, e) => decider.evolve(s, e),
                  events.reduce((s, e) => decider.evolve(s, e), decider.initialState()),
                );
              },
              thenNothingHappened() {
                const actual = run();
                if (actual.length !== 0) throw new Error(`Expected no events but got:\n${show(actual)}`);
              },
              thenThrows(expected, check) {
                let produced: Event[];
                try {
                  produced = run();
                } catch (error) {
                  if (!(error instanceof DomainError)) throw new Error(`Expected a DomainError but got: ${String(error)}`);
                  const matches =
                    typeof expected === 'string' ? error.code === expected : error instanceof (expected as unknown as abstract new () => DomainError);
                  const label = typeof expected === 'string' ? expected : expected.name;
                  if (!matches) throw new Error(`Expected ${label} but got ${error.code} (${error.name}): ${error.message}`);
                  check?.(error);
                  return;
                }
                throw new Error(
                  `Expected the command to be refused with ${typeof expected === 'string' ? expected : expected.name} but it produced:\n${show(produced)}`,
                );
              },
            };
          },
        };
      },
    };
  },
};
