import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem } from '../components/Problem.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useLoad } from '../useLoad.ts';
import { registrationApi, today } from './api.ts';
import { useCode } from './labels.ts';
import { RegistrationForm } from './RegistrationForm.tsx';

/** CoMensha's registrar: register partners' reports, the pseudonymous list and the yearly table. */
export function RegistrationPage() {
  const { t } = useI18n();
  const v = useCode();
  const year = Number(today().slice(0, 4));
  const list = useLoad(() => registrationApi.list(year), `registrations-${year}`);
  const figures = useLoad(() => registrationApi.figures(year), `figures-${year}`);
  const reload = () => {
    void list.reload();
    void figures.reload();
  };
  const persons = figures.data?.totals.find((cell) => Object.keys(cell.dimensions).length === 0);
  const count = (value: number | null | undefined) =>
    value === null ? t('care.reg.suppressed') : String(value ?? '');
  return (
    <>
      <PageHeading title={t('module.victim_registration.title')}>
        {t('module.victim_registration.title')}
      </PageHeading>
      <Paragraph>{t('care.reg.intro')}</Paragraph>
      <RegistrationForm registrar onDone={reload} />
      <Heading2>{t('care.reg.figures')}</Heading2>
      <Problem error={figures.error} />
      {figures.data ? (
        <>
          <Paragraph>
            {t('care.reg.registrations')}:{' '}
            <span data-figure="registrations">{count(figures.data.registrations)}</span> –{' '}
            {t('care.reg.persons')}: <span data-figure="persons">{count(persons?.value)}</span>
          </Paragraph>
          <DataTable
            caption={t('care.reg.figuresCaption')}
            rows={figures.data.cells}
            rowKey={(cell) => JSON.stringify(cell.dimensions)}
            empty={t('care.reg.none')}
            columns={[
              {
                header: t('care.reg.variable'),
                rowHeader: true,
                cell: (cell) => Object.keys(cell.dimensions).join(', '),
              },
              {
                header: t('care.reg.value'),
                cell: (cell) => Object.values(cell.dimensions).map(v).join(', '),
              },
              { header: t('care.reg.count'), cell: (cell) => count(cell.value) },
            ]}
          />
        </>
      ) : null}
      <Heading2>{t('care.reg.list')}</Heading2>
      <Problem error={list.error} />
      {list.data ? (
        <DataTable
          caption={t('care.reg.listCaption')}
          rows={list.data}
          rowKey={(row) => row.id}
          empty={t('care.reg.none')}
          columns={[
            { header: t('care.reg.person'), rowHeader: true, cell: (row) => row.person ?? '' },
            { header: t('care.reg.registeredOn'), cell: (row) => row.registeredOn ?? '' },
            { header: t('care.reg.reportingOrgType'), cell: (row) => v(row.reportingOrgType) },
            { header: t('care.reg.sex'), cell: (row) => v(row.sex) },
            { header: t('care.reg.age'), cell: (row) => `${row.age ?? ''}${row.ageEstimated ? ' ±' : ''}` },
            { header: t('care.reg.nationality'), cell: (row) => row.nationality ?? '' },
            { header: t('care.reg.form'), cell: (row) => (row.forms ?? []).map(v).join(', ') },
            { header: t('care.reg.exploitedIn'), cell: (row) => v(row.exploitedIn) },
          ]}
        />
      ) : null}
    </>
  );
}
