import type { EstimateResult, Lang } from '../estimate.ts';

function fmt(x: number, lang: Lang, digits = 0): string {
  return x.toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

const TITLES: Record<string, [string, string]> = {
  dga: [
    'Bayesiaanse modelmiddeling over decomposeerbare grafen (Madigan & York; als dga)',
    'Bayesian model averaging over decomposable graphs (Madigan & York; as dga)',
  ],
  lcm: [
    'Latente-klassen-vangst–hervangst (Manrique-Vallier; als LCMCR)',
    'Latent-class capture–recapture (Manrique-Vallier; as LCMCR)',
  ],
};

/** The readable report of a `dga` or `lcm` result. */
export function formatBayesReport(r: EstimateResult, lang: Lang): string {
  const say = (nl: string, en: string) => (lang === 'en' ? en : nl);
  const s = r.settings;
  const method = s.method ?? 'dga';
  const lines = [
    TITLES[method][lang === 'en' ? 1 : 0],
    `  ${say('Lijsten', 'Lists')}: ${r.lists.join(', ')} (${r.lists.length})`,
    `  ${say('Waargenomen personen', 'Observed persons')}: ${fmt(r.observed, lang)}`,
  ];
  if (method === 'dga')
    lines.push(
      `  δ = ${s.delta}, ${say('prior op N', 'prior on N')}: ${s.nPrior === 'uniform' ? say('vlak', 'flat') : '∝ 1/N'}, ${r.model.graphsAveraged ?? '?'} ${say('grafen', 'graphs')}${s.grid ? `, ${say('rooster', 'grid')} ${fmt(s.grid.from, lang)}–${fmt(s.grid.to, lang)} (${fmt(s.grid.points, lang)} ${say('punten', 'points')})` : ''}`,
    );
  else
    lines.push(
      `  K = ${s.K}, α ~ Gamma(${s.aAlpha}, ${s.bAlpha}), burn-in ${fmt(s.burnin ?? 0, lang)}, ${say('trekkingen', 'draws')} ${fmt(s.samples ?? 0, lang)} × thin ${s.thin}, ${s.chains} ${say('ketens', 'chains')}, seed ${s.seed}`,
    );
  const e = r.estimate;
  if (!e?.posterior || !e.ci) lines.push('', `  ${say('Geen schatting', 'No estimate')}.`);
  else {
    lines.push(
      '',
      `  ${say('Geschat totaal (posteriormediaan)', 'Estimated total (posterior median)')}: ${fmt(e.total, lang)}  (${say('niet gezien', 'unseen')}: ${fmt(e.unobserved, lang)})`,
      `  ${say('Posteriorgemiddelde', 'Posterior mean')}: ${fmt(e.posterior.mean, lang, 1)}`,
      `  ${fmt(e.ci.level * 100, lang)}%-${say('geloofwaardigheidsinterval', 'credible interval')}: ${fmt(e.ci.lower, lang)} – ${e.ci.upper === null ? '?' : fmt(e.ci.upper, lang)}`,
    );
  }
  if (r.model.graphs?.length) {
    lines.push('', `  ${say('Grafen met het meeste gewicht', 'Graphs with most weight')}:`);
    for (const g of r.model.graphs.slice(0, 5))
      lines.push(
        `    ${fmt(g.weight * 100, lang, 1).padStart(5)}%  N ${fmt(g.mean, lang).padStart(9)}  ${g.cliques}`,
      );
  }
  const d = r.model.diagnostics;
  if (d)
    lines.push(
      '',
      `  ${say('Convergentie', 'Convergence')}: R-hat ${fmt(d.rhat, lang, 3)}, ${say('effectieve steekproef', 'effective sample size')} ${fmt(d.ess, lang)}; ${say('medianen per keten', 'medians per chain')}: ${d.perChain.map((c) => fmt(c.median, lang)).join(' / ')}`,
    );
  if (r.warnings.length > 0) {
    lines.push('', `  ${say('Waarschuwingen', 'Warnings')}:`);
    for (const w of r.warnings) lines.push(`    - ${w}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `--method all`: the three families side by side, with the reading of the differences. */
export function formatComparison(r: EstimateResult, lang: Lang): string {
  const say = (nl: string, en: string) => (lang === 'en' ? en : nl);
  if (!r.comparison || !r.alternatives) return '';
  const names: Record<string, string> = {
    loglinear: say('log-lineair', 'log-linear'),
    dga: say('dga (grafen)', 'dga (graphs)'),
    lcm: say('lcm (latente klassen)', 'lcm (latent classes)'),
  };
  const lines = ['', say('Drie methoden naast elkaar', 'Three methods side by side')];
  for (const row of r.comparison.rows) {
    const total = row.total === null ? '—' : fmt(row.total, lang);
    const interval =
      row.lower === null
        ? ''
        : `${fmt(row.lower, lang)} – ${row.upper === null ? '?' : fmt(row.upper, lang)}`;
    lines.push(`  ${names[row.method].padEnd(24)} ${total.padStart(10)}   ${interval}`);
  }
  lines.push('');
  for (const text of r.comparison.reading) lines.push(`  ${text}`);
  return `${lines.join('\n')}\n\n${formatBayesReport(r.alternatives.dga, lang)}\n${formatBayesReport(r.alternatives.lcm, lang)}`;
}
