import { Inject } from '@nestjs/common';
import { ClosedPeriods, periodsStreamId } from '../../ledger/application/closed-periods.js';
import { yearOf } from '../../shared/domain/local-date.js';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WriteContext } from '../../write/write-context.js';
import type { WriteResponse } from '../../write/write-decision.js';
import { policyCatalogueToken } from '../../policy/policy.module.js';
import { findPolicy, type Catalogue } from '../../policy/domain/catalogue.js';
import { PersonCommandPath } from '../../person-stream/application/person-command-path.js';
import { isPersonId } from '../../persons/domain/person-id.js';
import type { PersonState } from '../../person-stream/domain/person-state.js';
import { missing, Refusal } from '../../shared/domain/refusal.js';
import { RefusalSignals } from '../../alerts/application/refusal-signals.js';
import { invoiceStreamId } from '../domain/claim-id.js';
import { OpaqueIds } from '../../identity/opaque-ids.js';
import {
  claimPolicyKey,
  decideSettleClaim,
  invoiceTaken,
  recordedDates,
  serviceDateOf,
  type ClaimSubmission,
  type InvoiceState,
  type SettleClaim,
} from '../domain/settle-claim.decider.js';
import { legacyClaimIdFor, submittedClaimHash } from './claim-hashes.js';
import { ClaimRepository } from './claim.repository.js';
import { claimCreatedView } from './claim-view.js';
import { InstitutionRepository } from '../../institutions/application/institution.repository.js';
import {
  institutionStreamId,
  levelOn,
  type Institution,
} from '../../institutions/domain/institution-registry.js';
import type { RecordedEvent } from '../../eventstore/event-store.port.js';

function registered(events: readonly RecordedEvent[]): Institution | undefined {
  return InstitutionRepository.fromEvents(events).institution;
}

interface Prepared {
  readonly claimId: string;
  /** the sealed coverage years, read with the person */
  readonly closedYears: ReadonlySet<number>;
  readonly invoice: InvoiceState;
  readonly institution: Institution | undefined;
}

/** The caller may act for the claim's institution: checked at the edge (claims.controller.ts) before this runs. */
export class SettleClaimCommand {
  constructor(
    readonly input: ClaimSubmission,
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
    private readonly path: PersonCommandPath,
    private readonly claims: ClaimRepository,
    private readonly signals: RefusalSignals,
    private readonly ids: OpaqueIds,
    @Inject(policyCatalogueToken) private readonly catalogue: Catalogue,
  ) {}

  async execute({ input, context }: SettleClaimCommand): Promise<WriteResponse> {
    try {
      return await this.settle(input, context);
    } catch (error) {
      if (error instanceof Refusal) {
        const claimId = await this.claimIdOf(input.institutionId, input.invoiceNo);
        const request = { ...input, ...recordedDates(input) };
        await this.signals.record(
          error,
          {
            personId: input.personId,
            institutionId: input.institutionId,
            collidedWith: error.code === 'duplicate-invoice' ? claimId : null,
            request,
            signals: ['person-deceased', 'duplicate-invoice'],
          },
          context,
        );
      }
      throw error;
    }
  }

  private settle(input: ClaimSubmission, context: WriteContext): Promise<WriteResponse> {
    if (!isPersonId(input.personId)) throw missing('not-found', `no person ${input.personId}`);
    return this.path.execute<SettleClaim, Prepared>(context, {
      personId: input.personId,
      // the invoices and the registry read with the person, as of one moment (or before it): the
      // claim that took the invoice is then in the state a repeat answers from, and a suspension
      // acknowledged before this claim arrived is seen. Every attempt reads them anew.
      prepareFrom: this.reads(input),
      command: (state, _, { claimId, closedYears, invoice, institution }) => {
        const serviceDate = serviceDateOf(input);
        ClosedPeriods.refuseIfClosedIn(
          closedYears,
          yearOf(serviceDate),
          `the claim of ${serviceDate}`,
        );
        return {
          ...input,
          claimId,
          // the level as settled: a claim that leaves it to the registry hashes as one that states it
          contentHash: submittedClaimHash({
            ...input,
            institutionLevel:
              input.institutionLevel ?? (institution ? levelOn(institution, serviceDate) : null),
          }),
          invoice,
          institution,
          policy: this.policyFor(state, input),
        };
      },
      decide: decideSettleClaim,
      alongside: (_, events) => ({
        after: events.flatMap((e) =>
          e.type === 'ClaimSettled'
            ? [
                {
                  streamId: invoiceStreamId(e.data.claimId),
                  expectedVersion: 'no-stream' as const,
                  events: [{ type: 'InvoiceRegistered', data: invoiceTaken(e.data) }],
                },
              ]
            : [],
        ),
      }),
      policyId: (c) => c.policy?.policyId,
      view: (c, person) => claimCreatedView(person.claims.get(c.claimId)!),
      // API.md: a replayed claim answers 201 with the first answer, at the invoice's position
      repeat: {
        statusCode: 201,
        position: (c, person) =>
          c.invoice.status === 'taken'
            ? c.invoice.position
            : person.claims.get(c.claimId)!.settledAt,
      },
    });
  }

  /** The legacy invoice, the keyed invoice, the institution's registry record and the sealed years, in one read with the person. */
  private reads(input: ClaimSubmission) {
    const legacyId = legacyClaimIdFor(input.institutionId, input.invoiceNo);
    const keyedId = this.ids.claimId(input.institutionId, input.invoiceNo);
    return {
      streams: [
        invoiceStreamId(legacyId),
        invoiceStreamId(keyedId),
        institutionStreamId(input.institutionId),
        periodsStreamId,
      ],
      prepare: ([
        legacy,
        keyed,
        institution,
        periods,
      ]: readonly (readonly RecordedEvent[])[]): Prepared => {
        // the keyed claim id, unless the invoice was taken before 1.1 under its unkeyed id (claimIdOf)
        const legacyInvoice = ClaimRepository.invoiceOf(legacy!);
        const closedYears = ClosedPeriods.yearsIn(periods!);
        return legacyInvoice.status === 'taken'
          ? {
              claimId: legacyId,
              closedYears,
              invoice: legacyInvoice,
              institution: registered(institution!),
            }
          : {
              claimId: keyedId,
              closedYears,
              invoice: ClaimRepository.invoiceOf(keyed!),
              institution: registered(institution!),
            };
      },
    };
  }

  private policyFor(state: PersonState, input: ClaimSubmission) {
    const key = state.status === 'registered' ? claimPolicyKey(state, input) : undefined;
    return key && findPolicy(this.catalogue, key.regionCode, key.coverageYear);
  }

  /** The keyed claim id, unless the invoice was taken before 1.1 under its unkeyed id: then that claim's id, so the invoice stays taken. */
  private async claimIdOf(institutionId: string, invoiceNo: string): Promise<string> {
    const legacyId = legacyClaimIdFor(institutionId, invoiceNo);
    return (await this.claims.invoice(legacyId)).status === 'taken'
      ? legacyId
      : this.ids.claimId(institutionId, invoiceNo);
  }
}
