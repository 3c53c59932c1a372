/**
 * The judge panel drawn: pairwise Cohen's kappa as a matrix, each judge's self-preference (a
 * difference in differences with its bootstrap interval, 0 = none), and each judge's share of
 * unscored grades. Cells and bars link to the items the judges split on.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { PanelReport } from '../../panel-report.js';
import type { LinkTo } from './chart-data.js';

export function agreementMatrixSpec(panel: PanelReport, linkTo: LinkTo): TopLevelSpec | null {
  const all = panel.agreement[0];
  if (!all || panel.judges.length < 2) return null;
  const judges = panel.judges.map((j) => j.label);
  const href = linkTo({ disagree: true });
  const values = judges.flatMap((a) => judges.map((b) => {
    if (a === b) return { a, b, kappa: 1, text: '1', n: all.items, href, tip: `${a}: itself` };
    const k = all.pairwiseKappa.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
    const defined = k !== undefined && Number.isFinite(k.kappa);
    return {
      a, b, kappa: defined ? k.kappa : null, text: defined ? k.kappa.toFixed(2) : 'n/a', n: k?.n ?? 0, href,
      tip: `${a} ~ ${b}: Cohen's kappa ${defined ? k.kappa.toFixed(3) : 'n/a'} over ${k?.n ?? 0} items`,
    };
  }));
  const x = { field: 'b', type: 'nominal', title: null, sort: judges, axis: { labelAngle: -30, labelLimit: 160 } } as const;
  const y = { field: 'a', type: 'nominal', title: null, sort: judges, axis: { labelLimit: 200 } } as const;
  return {
    width: { step: 80 }, height: { step: 36 },
    data: { values },
    layer: [
      {
        mark: { type: 'rect', cursor: 'pointer' },
        encoding: {
          x, y, href: { field: 'href' }, description: { field: 'tip' },
          color: { field: 'kappa', type: 'quantitative', title: "Cohen's κ", scale: { domain: [-1, 1], scheme: 'redblue' } },
        },
      },
      { mark: { type: 'text', fontSize: 12 }, encoding: { x, y, text: { field: 'text' } } },
    ],
  } as TopLevelSpec;
}

export function selfPreferenceSpec(panel: PanelReport): TopLevelSpec | null {
  const values = panel.selfPreference.filter((s) => s.defined).map((s) => ({
    judge: s.judge, d: s.difference, lo: s.lower, hi: s.upper, flagged: s.flagged ? 'interval above 0' : 'interval includes 0 or below',
    tip: `${s.judge} (${s.lab}): ${s.difference.toFixed(3)} [${s.lower.toFixed(3)}, ${s.upper.toFixed(3)}], p = ${s.pValue.toFixed(3)}`,
  }));
  if (values.length === 0) return null;
  const y = { field: 'judge', type: 'nominal', title: null, axis: { labelLimit: 220 } } as const;
  // Symmetric about 0, at least ±0.1, so "no self-preference" sits in the middle.
  const reach = Math.max(0.1, ...values.flatMap((v) => [Math.abs(v.lo), Math.abs(v.hi)]));
  const x = { field: 'd', type: 'quantitative', title: 'self-preference (difference in differences)', scale: { domain: [-reach, reach] }, axis: { format: '+.2f' } } as const;
  const color = { field: 'flagged', type: 'nominal', title: null, scale: { domain: ['interval above 0', 'interval includes 0 or below'], range: ['#d1495b', '#4e79a7'] }, legend: { orient: 'bottom' } } as const;
  return {
    width: 420, height: { step: 26 },
    data: { values },
    layer: [
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#888', strokeDash: [4, 3] }, encoding: { x: { field: 'zero', type: 'quantitative' } } },
      { mark: { type: 'rule', strokeWidth: 2 }, encoding: { y, x: { ...x, field: 'lo' }, x2: { field: 'hi' }, color } },
      { mark: { type: 'point', filled: true, size: 80, opacity: 1 }, encoding: { y, x, color, description: { field: 'tip' } } },
    ],
  } as TopLevelSpec;
}

export function unscoredSpec(panel: PanelReport, linkTo: LinkTo): TopLevelSpec | null {
  const values = panel.unscored.filter((u) => u.graded > 0).map((u) => ({
    judge: u.judge, share: u.unscored / u.graded, label: `${u.unscored} / ${u.graded}`, href: linkTo({ outcome: 'unscored' }),
    tip: `${u.judge}: ${u.unscored} of ${u.graded} grades unscored`,
  }));
  if (values.length === 0) return null;
  const y = { field: 'judge', type: 'nominal', title: null, axis: { labelLimit: 220 } } as const;
  return {
    width: 420, height: { step: 26 },
    data: { values },
    layer: [
      {
        mark: { type: 'bar', color: '#bdbdbd', cursor: 'pointer' },
        encoding: { y, x: { field: 'share', type: 'quantitative', title: 'share of grades unscored', scale: { domain: [0, Math.max(0.1, ...values.map((v) => v.share))] }, axis: { format: '.0%' } }, href: { field: 'href' }, description: { field: 'tip' } },
      },
      { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { y, x: { field: 'share', type: 'quantitative' }, text: { field: 'label' } } },
    ],
  } as TopLevelSpec;
}
