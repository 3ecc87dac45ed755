import { formatBayesReport, formatComparison } from './bayes/report.ts';
import type { EstimateResult, Lang } from './estimate.ts';
import type { StratumEstimate, Trend } from './strata.ts';

const METHOD_NAMES: Record<string, [string, string]> = {
  wald: ['Wald, op log van het ongeziene aantal', 'Wald, on the log of the unseen count'],
  profile: ['profiel-likelihood, multinomiaal', 'profile likelihood, multinomial'],
  bootstrap: ['BCa-bootstrap met herselectie', 'BCa bootstrap with reselection'],
};

function fmt(x: number, lang: Lang, digits = 0): string {
  return x.toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** The readable report of one estimate, in Dutch or English. */
export function formatReport(r: EstimateResult, lang: Lang): string {
  if (r.settings.method === 'dga' || r.settings.method === 'lcm') return formatBayesReport(r, lang);
  if (r.settings.method === 'all') return formatLoglinear(r, lang) + formatComparison(r, lang);
  return formatLoglinear(r, lang);
}

function formatLoglinear(r: EstimateResult, lang: Lang): string {
  const say = (nl: string, en: string) => (lang === 'en' ? en : nl);
  const lines: string[] = [];
  lines.push(
    say('Meervoudige-systeemschatting', 'Multiple systems estimation'),
    `  ${say('Lijsten', 'Lists')}: ${r.lists.join(', ')} (${r.lists.length})`,
    `  ${say('Waargenomen personen', 'Observed persons')}: ${fmt(r.observed, lang)}`,
  );
  const how = r.settings.select === 'fixed' ? say('opgegeven', 'given') : r.settings.select;
  const terms =
    r.model.terms.length > 0 ? r.model.terms.join(' + ') : say('alleen hoofdeffecten', 'main effects only');
  lines.push(`  Model (${how}): ${terms}`);
  if (r.model.negInf.length > 0)
    lines.push(`  ${say('Op −∞ (geen overlap)', 'At −∞ (no overlap)')}: ${r.model.negInf.join(', ')}`);
  if (r.model.deviance !== undefined)
    lines.push(
      `  ${say('Deviantie', 'Deviance')} ${fmt(r.model.deviance, lang, 3)} (${say('vg', 'df')} ${r.model.df}), AIC ${fmt(r.model.aic!, lang, 3)}, BIC ${fmt(r.model.bic!, lang, 4)}`,
    );
  if (!r.estimate) {
    lines.push('', `  ${say('Geen schatting', 'No estimate')} (status ${r.status}).`);
  } else {
    lines.push(
      '',
      `  ${say('Geschat totaal', 'Estimated total')}: ${fmt(r.estimate.total, lang, 1)}  (${say('niet gezien', 'unseen')}: ${fmt(r.estimate.unobserved, lang, 1)})`,
    );
    const ci = r.estimate.ci;
    if (ci) {
      const upper = ci.upper === null ? '?' : fmt(ci.upper, lang, 1);
      const name = (METHOD_NAMES[ci.method] ?? [ci.method, ci.method])[lang === 'en' ? 1 : 0];
      lines.push(
        `  ${fmt(ci.level * 100, lang)}%-${say('interval', 'interval')} (${name}): ${fmt(ci.lower, lang, 1)} – ${upper}`,
      );
      if (ci.multinomialTotal !== undefined)
        lines.push(
          `  ${say('Multinomiale schatting', 'Multinomial estimate')}: ${fmt(ci.multinomialTotal, lang, 1)}`,
        );
    }
  }
  if (r.average)
    lines.push(
      `  ${say('Gemiddeld over modellen (BIC-gewichten)', 'Averaged over models (BIC weights)')}: ${fmt(r.average.total, lang, 1)} (${r.average.models} ${say('modellen', 'models')})`,
    );
  if (r.candidates.length > 0) {
    lines.push('', `  ${say('Kandidaatmodellen', 'Candidate models')}:`);
    for (const c of r.candidates) {
      const name = c.terms.length > 0 ? c.terms.join(' + ') : say('hoofdeffecten', 'main effects');
      lines.push(
        `    BIC ${fmt(c.bic, lang, 3).padStart(10)}  N ${fmt(c.total, lang, 1).padStart(12)}  ${name}`,
      );
    }
  }
  if (r.warnings.length > 0) {
    lines.push('', `  ${say('Waarschuwingen', 'Warnings')}:`);
    for (const w of r.warnings) lines.push(`    - ${w}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Report for estimates per stratum, with the trend over years when available. */
export function formatStrataReport(
  strata: StratumEstimate[],
  trend: Trend | null,
  skipped: number,
  lang: Lang,
): string {
  const say = (nl: string, en: string) => (lang === 'en' ? en : nl);
  const parts = strata.map((s) => `== ${s.label || say('alle', 'all')} ==\n${formatReport(s.result, lang)}`);
  if (skipped > 0)
    parts.push(
      say(
        `${skipped} records op geen enkele lijst overgeslagen\n`,
        `${skipped} records on no list skipped\n`,
      ),
    );
  if (trend) {
    const pct = (f: number) => fmt((f - 1) * 100, lang, 1);
    parts.push(
      say(
        `Trend ${trend.years[0]}–${trend.years.at(-1)}: ${pct(trend.factor)}% per jaar (${pct(trend.lower)}% tot ${pct(trend.upper)}%)\n`,
        `Trend ${trend.years[0]}–${trend.years.at(-1)}: ${pct(trend.factor)}% a year (${pct(trend.lower)}% to ${pct(trend.upper)}%)\n`,
      ),
    );
  }
  return parts.join('\n');
}
