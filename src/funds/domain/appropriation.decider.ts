import type { EventData } from '../../../events/event-definition.js';
import type { AppropriationReceived } from '../../../events/index.js';
import { accounts, transfer } from '../../ledger/domain/accounts.js';
import { conflictWith } from '../../shared/domain/refusal.js';

// Appropriations into a region's assistance fund (医疗救助资金: fiscal budget, lottery fund,
// donations). The reference (the transfer's voucher number) is the natural key within a region:
// the same reference with the same content is a replay, with other content a conflict.

export type AppropriationData = EventData<typeof AppropriationReceived>;

export interface AssistanceFundState {
  readonly version: number;
  readonly byReference: ReadonlyMap<
    string,
    { readonly data: AppropriationData; readonly position: number }
  >;
}

export const initialAssistanceFundState = (): AssistanceFundState => ({
  version: 0,
  byReference: new Map(),
});

export const assistanceFundStreamId = (regionCode: string): string =>
  `assistance-fund-${regionCode}`;

export function evolveAssistanceFund(
  state: AssistanceFundState,
  data: AppropriationData,
  position: number,
): AssistanceFundState {
  const byReference = new Map(state.byReference);
  byReference.set(data.reference, { data, position });
  return { version: state.version + 1, byReference };
}

export interface ReceiveAppropriation {
  readonly appropriationId: string;
  readonly regionCode: string;
  readonly amountFen: number;
  readonly source: 'fiscal' | 'lottery' | 'donation';
  readonly receivedOn: string;
  readonly reference: string;
}

/** Returns the event to append, or the recorded one when this repeats it. */
export function decideAppropriation(
  command: ReceiveAppropriation,
  state: AssistanceFundState,
):
  | { readonly event: AppropriationData }
  | { readonly repeatOf: { readonly data: AppropriationData; readonly position: number } } {
  const earlier = state.byReference.get(command.reference);
  if (earlier) {
    const d = earlier.data;
    if (
      d.amountFen === command.amountFen &&
      d.source === command.source &&
      d.receivedOn === command.receivedOn
    )
      return { repeatOf: earlier };
    throw conflictWith(
      'reference-reused',
      `reference ${command.reference} was recorded with other content (${d.appropriationId})`,
    );
  }
  return {
    event: {
      ...command,
      postings: transfer(
        accounts.appropriation,
        accounts.assistanceFund(command.regionCode),
        command.amountFen,
      ),
    },
  };
}
