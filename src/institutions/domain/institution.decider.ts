import type { InstitutionLevel } from '../../policy/domain/catalogue.js';
import { conflictWith, invalid, missing } from '../../shared/domain/refusal.js';
import type { InstitutionEvent, InstitutionState } from './institution-registry.js';

// The registry's commands (定点医疗机构管理, by the fund's agreement office): register an
// institution, change its level from a date, suspend its agreement from a date. Each returns the
// events to record, [] when it repeats what is recorded, or throws a Refusal.

export type InstitutionCommand =
  | {
      readonly type: 'RegisterInstitution';
      readonly data: {
        readonly institutionId: string;
        readonly name: string;
        readonly level: InstitutionLevel;
        readonly regionCode: string;
        readonly agreementFrom: string;
        readonly agreementTo: string | null;
      };
    }
  | {
      readonly type: 'ChangeInstitutionLevel';
      readonly data: {
        readonly institutionId: string;
        readonly level: InstitutionLevel;
        readonly effectiveFrom: string;
      };
    }
  | {
      readonly type: 'SuspendInstitution';
      readonly data: {
        readonly institutionId: string;
        readonly from: string;
        readonly to: string | null;
        readonly reason: string;
      };
    };

export function decideInstitution(
  command: InstitutionCommand,
  state: InstitutionState,
): InstitutionEvent[] {
  switch (command.type) {
    case 'RegisterInstitution':
      return register(command.data, state);
    case 'ChangeInstitutionLevel':
      return changeLevel(command.data, state);
    case 'SuspendInstitution':
      return suspend(command.data, state);
    default: {
      const exhaustive: never = command;
      return exhaustive;
    }
  }
}

function register(
  data: Extract<InstitutionCommand, { type: 'RegisterInstitution' }>['data'],
  state: InstitutionState,
): InstitutionEvent[] {
  if (data.agreementTo !== null && data.agreementTo < data.agreementFrom)
    throw invalid('agreementTo', 'agreementTo must not be before agreementFrom');
  const recorded = state.institution?.registered;
  if (recorded) {
    const same =
      recorded.name === data.name &&
      recorded.level === data.level &&
      recorded.regionCode === data.regionCode &&
      recorded.agreementFrom === data.agreementFrom &&
      recorded.agreementTo === data.agreementTo;
    if (same) return [];
    throw conflictWith(
      'institution-conflict',
      `institution ${data.institutionId} is registered with other data (level changes and suspensions have their own routes)`,
    );
  }
  return [{ type: 'InstitutionRegistered', data: { ...data } }];
}

function changeLevel(
  data: Extract<InstitutionCommand, { type: 'ChangeInstitutionLevel' }>['data'],
  state: InstitutionState,
): InstitutionEvent[] {
  const institution = state.institution;
  if (!institution) throw missing('not-found', `no institution ${data.institutionId}`);
  if (data.effectiveFrom < institution.agreement.from)
    throw invalid(
      'effectiveFrom',
      `effectiveFrom must not be before the agreement starts (${institution.agreement.from})`,
    );
  const onThatDate = institution.levels.find((l) => l.effectiveFrom === data.effectiveFrom);
  if (onThatDate?.level === data.level) return [];
  return [{ type: 'InstitutionLevelChanged', data: { ...data } }];
}

function suspend(
  data: Extract<InstitutionCommand, { type: 'SuspendInstitution' }>['data'],
  state: InstitutionState,
): InstitutionEvent[] {
  const institution = state.institution;
  if (!institution) throw missing('not-found', `no institution ${data.institutionId}`);
  if (data.to !== null && data.to < data.from) throw invalid('to', 'to must not be before from');
  const same = institution.suspensions.find(
    (s) => s.from === data.from && s.to === data.to && s.reason === data.reason,
  );
  if (same) return [];
  return [{ type: 'InstitutionSuspended', data: { ...data } }];
}
