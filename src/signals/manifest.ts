import { defineCapability } from '../capability.ts';
import { signalRules } from './grants.ts';

/** Signals: intake, triage, routing, lifecycle, link suggestions; holds persons (personal-data.ts). */
export const signalsCapability = defineCapability({
  name: 'signals',
  label: { nl: 'Signalen', en: 'Signals' },
  migrations: { dir: new URL('./migrations/', import.meta.url), range: [100, 199] },
  grants: signalRules,
  routes: [{ prefix: '/api/v1', load: async () => (await import('./http.ts')).signalRoutes }],
  cli: {
    signals: {
      summary: {
        nl: 'Meldingen: sjabloon, importcontrole, triage',
        en: 'Signals: template, import check, triage',
      },
      load: async () => (await import('./cli.ts')).command,
    },
  },
  personalData: async () => (await import('./personal-data.ts')).signalPersonalData,
});
