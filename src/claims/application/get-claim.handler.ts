import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { eventStoreToken, type EventStore } from '../../eventstore/event-store.port.js';
import { missing } from '../../shared/domain/refusal.js';
import { mayActFor, type Principal } from '../../auth/principal.js';
import { PersonStreamRepository } from '../../person-stream/application/person-stream.repository.js';
import { personStreamId } from '../../person-stream/domain/person-events.js';
import { isClaimId, invoiceStreamId } from '../domain/claim-id.js';
import { ClaimRepository } from './claim.repository.js';
import { claimView } from './claim-view.js';

export class GetClaimQuery {
  constructor(
    readonly claimId: string,
    readonly principal: Principal,
    readonly asOfPosition?: number,
  ) {}
}

/** The settlement as returned at creation, its status, the inputs that explain it, and its events. */
@QueryHandler(GetClaimQuery)
export class GetClaimHandler implements IQueryHandler<GetClaimQuery> {
  constructor(
    private readonly claims: ClaimRepository,
    private readonly persons: PersonStreamRepository,
    @Inject(eventStoreToken) private readonly store: EventStore,
  ) {}

  async execute({
    claimId,
    principal,
    asOfPosition,
  }: GetClaimQuery): Promise<Record<string, unknown>> {
    const invoice = isClaimId(claimId)
      ? await this.claims.invoice(claimId, asOfPosition)
      : undefined;
    // Another institution's claim answers exactly as a claim that does not exist: a scoped key learns nothing of it.
    if (invoice?.status !== 'taken' || !mayActFor(principal, invoice.invoice.institutionId))
      throw missing('not-found', `no claim ${claimId}`);
    const person = await this.persons.load(invoice.invoice.personId, asOfPosition);
    const claim = person.status === 'registered' ? person.claims.get(claimId) : undefined;
    if (!claim) throw missing('not-found', `no claim ${claimId}`);
    const streams = [personStreamId(invoice.invoice.personId), invoiceStreamId(claimId)];
    const events = (
      await Promise.all(streams.map((s) => this.store.readStream(s, { toPosition: asOfPosition })))
    )
      .flat()
      .filter((e) => (e.data as { claimId?: string }).claimId === claimId)
      .sort((a, b) => a.position - b.position)
      .map((e) => ({
        position: e.position,
        eventId: e.eventId,
        type: e.type,
        recordedAt: e.recordedAt,
        data: e.data,
      }));
    const s = claim.settled;
    return {
      ...claimView(claim),
      personId: s.personId,
      institutionId: s.institutionId,
      institutionLevel: s.institutionLevel,
      claimType: s.claimType,
      invoiceNo: s.invoiceNo,
      admissionDate: s.admissionDate,
      dischargeDate: s.dischargeDate,
      serviceDate: s.serviceDate,
      totalCostFen: s.totalCostFen,
      policyCostFen: s.policyCostFen,
      assistanceCategory: s.assistanceCategory,
      tiers: s.tiers,
      reversal: claim.reversal
        ? {
            reason: claim.reversal.reason,
            reversedOn: claim.reversal.reversedOn,
            returned: claim.reversal.returned,
          }
        : null,
      // each correction (违规费用 disallowed): the amounts before and after and what each fund recovered
      corrections: (claim.corrections ?? []).map(({ corrected }) => ({
        reason: corrected.reason,
        correctedOn: corrected.correctedOn,
        before: corrected.before,
        after: corrected.after,
        recoveredFen: corrected.recovered,
      })),
      events,
    };
  }
}
