/**
 * The judge panel: how far the judges agree (a kappa matrix, Fleiss' kappa and Krippendorff's
 * alpha per scope), each judge's self-preference with its interval, and each judge's share of
 * unscored grades. Only for runs a panel graded.
 */
import type { RunReport } from '../build-report.js';
import { agreementTable, labelWays, selfPreferenceTable } from '../tables.js';
import type { LinkTo } from './charts/chart-data.js';
import { agreementMatrixSpec, selfPreferenceSpec, unscoredSpec } from './charts/judges.js';
import { chartFigure } from './figure.js';
import { html, type Markup } from './markup.js';
import { anchor } from './summary.js';
import { htmlTable, linked } from './table.js';

export async function judgesSection(report: RunReport, linkTo: LinkTo): Promise<Markup> {
  const panel = report.panel;
  if (!panel) return html``;
  const agreement = agreementTable(panel);
  const self = selfPreferenceTable(panel);
  const [matrix, preference, unscored] = await Promise.all([
    chartFigure('agreement', "Pairwise Cohen's kappa, all models", agreementMatrixSpec(panel, linkTo), 'cells open the items the judges split on'),
    chartFigure('self-preference', 'Self-preference per judge', selfPreferenceSpec(panel),
      "the judge's excess over the rest of the panel on its own lab's items, minus that on other labs' items; 95% cluster bootstrap by sample"),
    chartFigure('unscored', 'Share of each judge\'s grades unscored', unscoredSpec(panel, linkTo), 'bars open the samples the panel left unscored'),
  ]);
  return html`<section id="${anchor(report, 'judges')}"><h2>Judges</h2>
    <p>Blind grading: self-identifying text was removed from ${panel.redactedTranscripts} transcripts before judging.
      ${linked('Items the judges split on', linkTo({ disagree: true }), 'open the items where the judges gave different labels')}.</p>
    <div class="charts">${matrix}${preference}${unscored}</div>
    <h3>Agreement (${labelWays(panel)} outcome; unscored grades count as missing)</h3>${htmlTable(agreement.headers, agreement.rows)}
    ${self.rows.length
      ? html`<h3>Self-preference</h3>${htmlTable(self.headers, self.rows)}
        <p class="note">A judge that is kind (or harsh) to every lab alike has a difference near 0; "self-preferring" means the interval lies above 0.</p>`
      : html`<p class="note">Self-preference: needs at least two judges and a judge from a target's lab.</p>`}
    </section>`;
}
