import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import { policyCatalogueToken } from '../../policy/policy.module.js';
import type { Catalogue, PolicyEntry } from '../../policy/domain/catalogue.js';
import { PersonCommandPath } from '../../person-stream/application/person-command-path.js';
import type { PersonEvent } from '../../person-stream/domain/person-events.js';
import type { RegisteredPerson } from '../../person-stream/domain/person-state.js';
import { isPersonId } from '../../persons/domain/person-id.js';
import { chinaDate } from '../../shared/domain/business-date.js';
import { missing } from '../../shared/domain/refusal.js';
import {
  decideReadjudication,
  standingItems,
  type ReadjudicateYear,
} from '../domain/readjudicate-year.decider.js';
import { readjudicationView } from './readjudication-view.js';

export class ReadjudicateYearRequest {
  constructor(
    readonly personId: string,
    readonly input: { coverageYear: number; reason: string },
    readonly context: WriteContext,
  ) {}
}

/** The command of one attempt, and what its decision recorded (for the answer). */
interface Attempt extends ReadjudicateYear {
  readonly decided: { events: readonly PersonEvent[] };
}

/** POST /persons/{id}/readjudication: 201 with what changed, or 200 with `claims: []` and nothing recorded. */
@CommandHandler(ReadjudicateYearRequest)
export class ReadjudicateYearHandler implements ICommandHandler<
  ReadjudicateYearRequest,
  WriteResponse
> {
  private readonly policies: ReadonlyMap<string, PolicyEntry>;

  constructor(
    private readonly path: PersonCommandPath,
    @Inject(policyCatalogueToken) catalogue: Catalogue,
  ) {
    this.policies = new Map(catalogue.policies.map((p) => [p.policyId, p]));
  }

  execute({ personId, input, context }: ReadjudicateYearRequest): Promise<WriteResponse> {
    if (!isPersonId(personId)) throw missing('not-found', `no person ${personId}`);
    return this.path.execute<Attempt>(context, {
      personId,
      command: () => ({
        ...input,
        readjudicatedOn: chinaDate(context.now),
        policies: this.policies,
        decided: { events: [] },
      }),
      decide: (command, state) => {
        const events = decideReadjudication(command, state);
        command.decided.events = events;
        return events;
      },
      view: (command, person) => readjudicationView(person, command.coverageYear, command.decided),
      repeat: {
        statusCode: 200,
        position: (command, person) => standingPosition(person, command.coverageYear),
      },
    });
  }
}

/** Where what stands for the year was last recorded: its latest settlement, grant or re-adjudication. */
function standingPosition(person: RegisteredPerson, coverageYear: number): number {
  let position = person.registeredAt;
  for (const s of standingItems(person, coverageYear)) position = Math.max(position, s.position);
  for (const c of person.claims.values())
    if (c.settled.coverageYear === coverageYear)
      position = Math.max(position, c.readjudicatedAt ?? 0, c.reversedAt ?? 0);
  for (const g of person.grants.values())
    if (g.granted.coverageYear === coverageYear)
      position = Math.max(position, g.readjudicatedAt ?? 0);
  return position;
}
