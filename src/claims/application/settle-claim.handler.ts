import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WriteService } from '../../write/write.service.js';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import { policyCatalogueToken } from '../../policy/policy.module.js';
import { findPolicy, type Catalogue } from '../../policy/domain/catalogue.js';
import { PersonRepository } from '../../persons/application/person.repository.js';
import { personStreamId } from '../../persons/domain/person-events.js';
import { isPersonId } from '../../persons/domain/person-id.js';
import type { RegisteredPerson } from '../../persons/domain/person-state.js';
import { missing, Refusal } from '../../shared/domain/refusal.js';
import { RefusalSignals } from '../../alerts/application/refusal-signals.js';
import { claimContentHash, invoiceStreamId, legacyClaimIdFor } from '../domain/claim-id.js';
import { OpaqueIds } from '../../identity/opaque-ids.js';
import { ProblemError } from '../../http/problem-error.js';
import { mayActFor } from '../../auth/principal.js';
import { decideSettleClaim, type SettleClaim } from '../domain/settle-claim.decider.js';
import { ClaimRepository } from './claim.repository.js';
import { claimCreatedView } from './claim-view.js';

export type ClaimInput = Omit<SettleClaim, 'claimId' | 'contentHash' | 'serviceDate'> & { serviceDate: string | null };

export class SettleClaimCommand {
  constructor(
    readonly input: ClaimInput,
    readonly context: WriteContext,
  ) {}
}

/**
 * Settles against the person's stream at its current version together with the invoice stream
 * (no stream yet): a concurrent claim for the same person or invoice makes the append fail, and
 * the claim is decided again on the new state, so no annual cap is ever exceeded.
 */
@CommandHandler(SettleClaimCommand)
export class SettleClaimHandler implements ICommandHandler<SettleClaimCommand, WriteResponse> {
  constructor(
    private readonly writes: WriteService,
    private readonly persons: PersonRepository,
    private readonly claims: ClaimRepository,
    private readonly signals: RefusalSignals,
    private readonly ids: OpaqueIds,
    @Inject(policyCatalogueToken) private readonly catalogue: Catalogue,
  ) {}

  async execute({ input, context }: SettleClaimCommand): Promise<WriteResponse> {
    // Checked before anything is read or recorded: another hospital's claim is no fraud signal of this person's, just a refused key.
    if (!mayActFor(context.principal, input.institutionId)) {
      throw new ProblemError(403, 'institution-scope', 'Forbidden', 'this API key may not submit claims for that institution', [{ field: 'institutionId', message: 'outside the institutions of this API key' }]);
    }
    try {
      return await this.settle(input, context);
    } catch (error) {
      if (error instanceof Refusal) {
        const claimId = await this.claimIdOf(input.institutionId, input.invoiceNo);
        await this.signals.record(error, { personId: input.personId, institutionId: input.institutionId, collidedWith: error.code === 'duplicate-invoice' ? claimId : null, request: { ...input }, signals: ['person-deceased', 'duplicate-invoice'] }, context);
      }
      throw error;
    }
  }

  private settle(input: ClaimInput, context: WriteContext): Promise<WriteResponse> {
    if (!isPersonId(input.personId)) throw missing('not-found', `no person ${input.personId}`);
    const { serviceDate: given, ...rest } = input;
    const serviceDate = input.claimType === 'inpatient' ? input.admissionDate! : given!;
    const contentHash = claimContentHash({ ...input });
    const policyFor = (region: string, year: number) => findPolicy(this.catalogue, region, year);
    return this.writes.execute(
      context,
      async () => {
        const claimId = await this.claimIdOf(input.institutionId, input.invoiceNo);
        const command: SettleClaim = { ...rest, serviceDate, claimId, contentHash };
        const invoice = await this.claims.invoice(claimId);
        const ownerId = invoice.status === 'taken' ? invoice.invoice.personId : input.personId;
        const person = await this.persons.load(ownerId);
        const decision = decideSettleClaim(command, person, invoice, policyFor);
        if (decision.kind === 'repeat') {
          const claim = (person as RegisteredPerson).claims.get(claimId)!;
          const position = invoice.status === 'taken' ? invoice.position : claim.settledAt;
          return { kind: 'unchanged', position, response: { statusCode: 201, body: claimCreatedView(claim) } };
        }
        const after = PersonRepository.apply(person, [{ type: 'ClaimSettled', data: decision.settled }]) as RegisteredPerson;
        return {
          kind: 'append',
          policyId: decision.settled.policyId,
          streams: [
            this.persons.streamAppend(input.personId, person, [{ type: 'ClaimSettled', data: decision.settled }]),
            { streamId: invoiceStreamId(claimId), expectedVersion: 'no-stream', events: [{ type: 'InvoiceRegistered', data: decision.invoice }] },
          ],
          response: { statusCode: 201, body: claimCreatedView(after.claims.get(claimId)!) },
        };
      },
      personStreamId(input.personId),
    );
  }

  /** The keyed claim id, unless the invoice was taken before 1.1 under its unkeyed id: then that claim's id, so the invoice stays taken. */
  private async claimIdOf(institutionId: string, invoiceNo: string): Promise<string> {
    const legacyId = legacyClaimIdFor(institutionId, invoiceNo);
    return (await this.claims.invoice(legacyId)).status === 'taken' ? legacyId : this.ids.claimId(institutionId, invoiceNo);
  }
}
