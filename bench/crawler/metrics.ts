/**
 * Pairwise precision, recall and F1 of a clustering against the truth, without listing pairs:
 * pairs within predicted clusters, within true entities, and within their intersections.
 */
export interface PairwiseScores {
  precision: number;
  recall: number;
  f1: number;
  predictedPairs: number;
  truePairs: number;
  correctPairs: number;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

export function pairwiseScores(
  clusters: readonly (readonly string[])[],
  truth: ReadonlyMap<string, string>,
): PairwiseScores {
  let predictedPairs = 0;
  let correctPairs = 0;
  const entitySizes = new Map<string, number>();
  for (const entity of truth.values()) entitySizes.set(entity, (entitySizes.get(entity) ?? 0) + 1);
  for (const cluster of clusters) {
    predictedPairs += pairs(cluster.length);
    const cells = new Map<string, number>();
    for (const ad of cluster) {
      const entity = truth.get(ad);
      if (entity === undefined) throw new Error(`ad ${ad} has no ground truth`);
      cells.set(entity, (cells.get(entity) ?? 0) + 1);
    }
    for (const n of cells.values()) correctPairs += pairs(n);
  }
  let truePairs = 0;
  for (const n of entitySizes.values()) truePairs += pairs(n);
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, predictedPairs, truePairs, correctPairs };
}
