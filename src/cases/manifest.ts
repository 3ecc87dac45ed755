import { defineCapability } from '../capability.ts';
import { consultationGrants, notificationGrants } from './consultation-grants.ts';
import { documentGrants } from './document-grants.ts';
import { caseGrants } from './grants.ts';

/** Cases: one case file shared between partners by referral (issue 15); holds persons (personal-data.ts). */
export const casesCapability = defineCapability({
  name: 'cases',
  label: { nl: 'Zaken', en: 'Cases' },
  migrations: { dir: new URL('./migrations/', import.meta.url), range: [200, 299] },
  grants: [...caseGrants, ...consultationGrants, ...notificationGrants, ...documentGrants],
  routes: [
    { prefix: '/api/v1', load: async () => (await import('./http.ts')).caseRoutes },
    {
      prefix: '/api/v1',
      load: async () => (await import('./consultations/http.ts')).consultationRoutes,
    },
    { prefix: '/api/v1', load: async () => (await import('./notifications/http.ts')).notificationRoutes },
    { prefix: '/api/v1', load: async () => (await import('./documents/http.ts')).documentRoutes },
  ],
  jobs: {
    kinds: ['cases.notify_mail'],
    load: async () => (await import('./notifications/mail.ts')).notificationMailHandlers(),
  },
  personalData: async () => (await import('./personal-data.ts')).casePersonalData,
});
