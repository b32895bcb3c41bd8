// The four funds' shares of a claim (基本医保, 大病保险, 医疗救助, 再救助), in fen.

export interface FundShares {
  readonly basicFen: number;
  readonly criticalIllnessFen: number;
  readonly assistanceFen: number;
  readonly reAssistanceFen: number;
}

export type FundName = 'basic' | 'critical-illness' | 'assistance' | 're-assistance';

export const fundNames: readonly FundName[] = [
  'basic',
  'critical-illness',
  'assistance',
  're-assistance',
];

export const fundKey: Readonly<Record<FundName, keyof FundShares>> = {
  basic: 'basicFen',
  'critical-illness': 'criticalIllnessFen',
  assistance: 'assistanceFen',
  're-assistance': 'reAssistanceFen',
};

export const zeroShares = (): FundShares => ({
  basicFen: 0,
  criticalIllnessFen: 0,
  assistanceFen: 0,
  reAssistanceFen: 0,
});

export function sharesOf(b: FundShares): FundShares {
  return {
    basicFen: b.basicFen,
    criticalIllnessFen: b.criticalIllnessFen,
    assistanceFen: b.assistanceFen,
    reAssistanceFen: b.reAssistanceFen,
  };
}

/** a - b per fund */
export function minusShares(a: FundShares, b: FundShares): FundShares {
  return {
    basicFen: a.basicFen - b.basicFen,
    criticalIllnessFen: a.criticalIllnessFen - b.criticalIllnessFen,
    assistanceFen: a.assistanceFen - b.assistanceFen,
    reAssistanceFen: a.reAssistanceFen - b.reAssistanceFen,
  };
}

export function totalOf(s: FundShares): number {
  return s.basicFen + s.criticalIllnessFen + s.assistanceFen + s.reAssistanceFen;
}
