import { defineCapability } from '../capability.ts';
import { crawlerRules } from './grants.ts';

/** The webcrawler: mandates, polite crawling, snapshots, risk indicators, operator linking. */
export const crawlerCapability = defineCapability({
  name: 'crawler',
  label: { nl: 'Webcrawler', en: 'Web crawler' },
  migrations: { dir: new URL('./migrations/', import.meta.url), range: [400, 499] },
  grants: crawlerRules,
  routes: [
    {
      prefix: '/api/v1/crawler',
      load: async () => (await import('./http.ts')).crawlerRoutes,
    },
  ],
  cli: {
    ads: {
      summary: {
        nl: 'Advertenties clusteren per exploitant, met bewijs per koppeling',
        en: 'Cluster ads by operator, with evidence per link',
      },
      load: async () => (await import('./cli.ts')).adsCommand,
    },
    crawl: {
      summary: {
        nl: 'Een site crawlen binnen een onderzoek (mandaat)',
        en: 'Crawl a site inside an investigation (mandate)',
      },
      load: async () => (await import('./cli.ts')).crawlCommand,
    },
  },
  jobs: {
    kinds: ['crawler.crawl'],
    load: async () => (await import('./service.ts')).crawlerJobHandlers,
    // Crawls wait on the network (and on their politeness delay), so two at once by default.
    concurrency: { 'crawler.crawl': 2 },
  },
  schedules: {
    kinds: ['crawler.retention'],
    load: async () => [(await import('./service.ts')).crawlerRetentionJob],
  },
});
