import { defineCapability } from '../capability.ts';

/**
 * Entity resolution and privacy-preserving linkage: a library other capabilities use through
 * `src/linkage/index.ts`, and the `pprl` command. It holds no persons of its own (0501 dropped its table).
 */
export const linkageCapability = defineCapability({
  name: 'linkage',
  label: { nl: 'Koppelen', en: 'Linkage' },
  migrations: { dir: new URL('./migrations/', import.meta.url), range: [500, 599] },
  cli: {
    pprl: {
      summary: {
        nl: 'Privacy-beschermend koppelen van slachtofferlijsten (encode, link) voor de schatting',
        en: 'Privacy-preserving linkage of victim lists (encode, link) for the estimate',
      },
      load: async () => (await import('./cli.ts')).pprlCommand,
    },
  },
});
