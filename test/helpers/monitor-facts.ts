import { mulberry32 } from '../../src/domain/random.ts';

const MUNICIPALITIES = ['GM0363', 'GM0344', 'GM0599', 'GM0518', 'GM0014', 'GM0034', 'GM0080', 'GM0772'];
const CHANNELS = ['web', 'phone', 'crawler', 'police'];
const FORMS = ['sexual', 'labour', 'criminal'];

/** Facts as the daily job writes them: many small cells (seeded), for 2026. */
export function syntheticFacts(seed: number, year: number) {
  const random = mulberry32(seed);
  const facts: Record<string, unknown>[] = [];
  for (let m = 1; m <= 12; m++) {
    for (const municipality of MUNICIPALITIES) {
      for (const channel of CHANNELS) {
        for (const form of FORMS) {
          if (random() < 0.55) continue;
          const minor = random() < 0.2;
          const signals = random() < 0.7 ? 1 + Math.floor(random() * 6) : 10 + Math.floor(random() * 30);
          const routed = Math.floor(signals * (0.5 + random() * 0.5));
          const within = Math.floor(routed * (0.6 + random() * 0.4));
          const accepted = Math.floor(routed * random());
          facts.push({
            month: `${year}-${String(m).padStart(2, '0')}`,
            channel,
            form,
            municipality,
            minor,
            signals,
            routed,
            accepted,
            routed_within_sla: within,
            routing_hours: routed * 50,
            acceptance_hours: accepted * 120,
          });
        }
      }
    }
  }
  return facts;
}
