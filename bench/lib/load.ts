/** A closed-loop load generator shared by the HTTP benchmarks: N clients, each sending the next request when the last returns. */
export interface LoadFigures {
  perSecond: number;
  p50: number;
  p99: number;
  requests: number;
}

export async function measureLoad(options: {
  seconds: number;
  concurrency: number;
  /** Sends request number i and returns its HTTP status. */
  run: (i: number) => Promise<number>;
  expectedStatus?: number;
}): Promise<LoadFigures> {
  const { seconds, concurrency, run, expectedStatus = 200 } = options;
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  let next = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const start = performance.now();
      const i = next++;
      const status = await run(i);
      if (status !== expectedStatus) throw new Error(`unexpected status ${status} (request ${i})`);
      latencies.push(performance.now() - start);
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / elapsed,
    p50: latencies[Math.floor(latencies.length * 0.5)],
    p99: latencies[Math.floor(latencies.length * 0.99)],
    requests: latencies.length,
  };
}

export const formatLoad = (f: LoadFigures) =>
  `${f.perSecond.toFixed(0).padStart(6)}/s  p50 ${f.p50.toFixed(2)} ms  p99 ${f.p99.toFixed(2)} ms`;
