import { Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { PageHeading } from '../components/PageHeading.tsx';
import { useI18n } from '../i18n/index.tsx';
import { modulesFor, moduleText, moduleTitle, roleLabel } from '../modules.ts';
import { RouterLink } from '../router.tsx';
import { useAuthenticated } from '../session.tsx';

/** A start page per role: for each of the user's roles, the parts of the chain that role works in. */
export function StartPage() {
  const { t } = useI18n();
  const session = useAuthenticated();
  const { user } = session;
  const roleNames = user.roles.map((role) => t(roleLabel(role)));
  return (
    <>
      <PageHeading title={t('nav.start')}>{t('start.title', { name: user.name })}</PageHeading>
      <Paragraph className="kp-lead">
        {t('start.lead', { organisation: user.organisation.name, roles: roleNames.join(', ') })}
      </Paragraph>
      <Paragraph>{t('start.intro', { count: user.roles.length })}</Paragraph>
      {user.roles.map((role) => (
        <section key={role} aria-labelledby={`role-${role}`}>
          <Heading2 id={`role-${role}`}>
            {t('start.yourRole', { role: t(roleLabel(role)).toLowerCase() })}
          </Heading2>
          <ul className="kp-cards">
            {modulesFor(session, role).map((module) => (
              <li key={module.key}>
                <article className={module.path ? 'kp-card' : 'kp-card kp-card--soon'}>
                  <Heading3>
                    {module.path ? (
                      <RouterLink href={module.path} className="utrecht-link">
                        {t(moduleTitle(module))}
                      </RouterLink>
                    ) : (
                      t(moduleTitle(module))
                    )}
                  </Heading3>
                  <Paragraph>{t(moduleText(module))}</Paragraph>
                  <p className="kp-card__status">
                    {module.path ? (
                      <span className="kp-badge-ok">{t('start.available')}</span>
                    ) : (
                      <span className="kp-badge-soon">{t('start.soon')}</span>
                    )}
                  </p>
                </article>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
