import { Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { api } from '../api.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { modulesFor, moduleText, moduleTitle, roleLabel } from '../modules.ts';
import { RouterLink } from '../router.tsx';
import { useAuthenticated } from '../session.tsx';
import { useLoad } from '../useLoad.ts';

interface Work {
  cards: { kind: string; queue: string; purpose: string; count: number; link: string }[];
  notifications: { id: string; kind: string; link: string; createdAt: string; read: boolean }[];
}

/** What waits (issue 19, item 9): per queue the user handles, counts with a link to the list showing them. */
function WorkCards() {
  const { t, number, dateTime } = useI18n();
  const { data } = useLoad(() => api<Work>('GET', '/work'), 'work');
  if (!data || (data.cards.length === 0 && data.notifications.length === 0)) return null;
  return (
    <section aria-labelledby="kp-work">
      <Heading2 id="kp-work">{t('work.title')}</Heading2>
      <ul className="kp-cards">
        {data.cards.map((card) => (
          <li key={`${card.queue}-${card.kind}-${card.purpose}`}>
            <article className="kp-card kp-work-card" data-kind={card.kind} data-queue={card.queue}>
              <Heading3>
                <RouterLink href={card.link} className="utrecht-link">
                  {t(`work.${card.kind}` as MessageKey)}
                  {' – '}
                  {t(`work.queue.${card.queue}` as MessageKey)}
                </RouterLink>
              </Heading3>
              <p className="kp-work-card__count">{number(card.count)}</p>
            </article>
          </li>
        ))}
      </ul>
      {data.notifications.length > 0 && (
        <>
          <Heading3>{t('work.notifications')}</Heading3>
          <ul>
            {data.notifications.map((item) => (
              <li key={item.id}>
                <RouterLink href={item.link} className="utrecht-link">
                  {t('work.assignedNotice')}
                </RouterLink>{' '}
                ({dateTime(item.createdAt)})
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

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
      <WorkCards />
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
