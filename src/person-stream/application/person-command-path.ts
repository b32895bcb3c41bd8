import { Injectable } from '@nestjs/common';
import type { RecordedEvent } from '../../eventstore/event-store.port.js';
import { WriteService } from '../../write/write.service.js';
import type { WriteContext } from '../../write/write-context.js';
import type { DecidedStream, WriteDecision, WriteResponse } from '../../write/write-decision.js';
import { personStreamId, type PersonEvent } from '../domain/person-events.js';
import type { PersonDecider } from '../domain/person-decider.js';
import type { PersonState, RegisteredPerson } from '../domain/person-state.js';
import { PersonStreamRepository } from './person-stream.repository.js';
import { missing } from '../../shared/domain/refusal.js';

// The one command path of the person stream: load -> decide -> append -> respond. Idempotency,
// per-stream queueing and the bounded retries on a concurrent writer are the WriteService's; a
// handler only says how to build its command and how to describe the result.

/** Body of an answer, derived from the person's state after the command (or, for a repeat, the state that records it). */
export type PersonView<C> = (
  command: C,
  person: RegisteredPerson,
) => Readonly<Record<string, unknown>>;

export interface PersonCommandPlan<C, P = undefined> {
  /** the stream decided on; a function when it is found anew on each attempt (a registration) */
  readonly personId: string | (() => Promise<string>);
  /**
   * what the command needs from other streams that must be read before the person's state: a
   * fact recorded in the same atomic append as person events (an invoice taken) read after the
   * state could be newer than it, and a repeat would be answered from a state without its record
   */
  readonly prepare?: () => Promise<P>;
  /**
   * instead of `prepare`: the other streams to read together with the person's new events
   * (PersonStreamRepository.loadAlong: one round trip and one snapshot where the store can, else
   * these first), and what the command needs from their events, given in the order named
   */
  readonly prepareFrom?: {
    readonly streams: readonly string[];
    readonly prepare: (events: readonly (readonly RecordedEvent[])[]) => P;
  };
  /** the command of this attempt, built from what the ledger holds now: ids, guard holders, the policy entry */
  readonly command: (state: PersonState, personId: string, prepared: P) => C | Promise<C>;
  readonly decide: PersonDecider<C>;
  /** other streams in the same atomic append (guards, lookups): `before` or `after` the person's events; the answer's position is the last event's */
  readonly alongside?: (
    command: C,
    events: readonly PersonEvent[],
    personId: string,
  ) => { readonly before?: readonly DecidedStream[]; readonly after?: readonly DecidedStream[] };
  /** the policy entry the events were decided under, for the events' metadata */
  readonly policyId?: (command: C) => string | undefined;
  readonly view: PersonView<C>;
  /** for a command that may repeat what is recorded: the status of the repeat (API.md) and where it is recorded */
  readonly repeat?: {
    readonly statusCode: number;
    readonly position: (command: C, person: RegisteredPerson) => number;
  };
}

export const createdStatus = 201;

@Injectable()
export class PersonCommandPath {
  constructor(
    private readonly writes: WriteService,
    private readonly persons: PersonStreamRepository,
  ) {}

  execute<C, P = undefined>(
    context: WriteContext,
    plan: PersonCommandPlan<C, P>,
  ): Promise<WriteResponse> {
    const serialiseOn =
      typeof plan.personId === 'string' ? personStreamId(plan.personId) : undefined;
    return this.writes.execute(context, () => this.attempt(plan), serialiseOn);
  }

  private async attempt<C, P>(plan: PersonCommandPlan<C, P>): Promise<WriteDecision> {
    const personId = typeof plan.personId === 'string' ? plan.personId : await plan.personId();
    const { state, prepared } = await this.read(plan, personId);
    const command = await plan.command(state, personId, prepared);
    const events = plan.decide(command, state);
    if (events.length === 0) return repeated(plan, command, state);
    const after = registered(PersonStreamRepository.apply(state, events));
    const { before = [], after: later = [] } = plan.alongside?.(command, events, personId) ?? {};
    return {
      kind: 'append',
      streams: [...before, await this.persons.streamAppend(personId, state, events), ...later],
      policyId: plan.policyId?.(command),
      response: { statusCode: createdStatus, body: plan.view(command, after) },
    };
  }

  private async read<C, P>(
    plan: PersonCommandPlan<C, P>,
    personId: string,
  ): Promise<{ readonly state: PersonState; readonly prepared: P }> {
    if (plan.prepareFrom) {
      const { streams, prepare } = plan.prepareFrom;
      const { state, others } = await this.persons.loadAlong(
        personId,
        streams.map((streamId) => ({ streamId })),
      );
      return { state, prepared: prepare(others) };
    }
    const prepared = (await plan.prepare?.()) as P;
    return { state: await this.persons.load(personId), prepared };
  }
}

/** No events: the command repeats what the stream records, answered as it was then. */
function repeated<C, P>(
  plan: PersonCommandPlan<C, P>,
  command: C,
  state: PersonState,
): WriteDecision {
  // A decider returns no events only for a command it may repeat; anything else is a bug, not a 201 without a record.
  if (!plan.repeat)
    throw new Error('a decider returned no events for a command that cannot repeat');
  const person = registered(state);
  return {
    kind: 'unchanged',
    position: plan.repeat.position(command, person),
    response: { statusCode: plan.repeat.statusCode, body: plan.view(command, person) },
  };
}

/** The state a view describes: registered (an erased person too, whose erasure is the command's event). */
function registered(state: PersonState): RegisteredPerson {
  if (state.status !== 'registered') throw missing('not-found', 'no such person');
  return state;
}
