import {
  Button,
  ButtonGroup,
  FormFieldTextarea,
  Heading2,
  Heading3,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { type ChangeEvent, type FormEvent, useEffect, useState } from 'react';
import { type Answer, ApiError, api } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem, Success } from '../components/Problem.tsx';
import { TextField } from '../components/TextField.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useLoad } from '../useLoad.ts';

/** The webcrawler: mandates, site adapters, crawls with progress, and what they found (ads, clusters). */
const purpose = 'criminal_investigation';

interface Investigation {
  id: string;
  caseRef: string;
  legalBasis: string;
  endsOn: string;
  sites: string[];
  terms: string[];
  status: 'open' | 'closed';
}
interface Crawl {
  id: string;
  status: string;
  progress: { queued: number; pending: number; pagesFetched: number; adsFound: number; errors: number };
  errors: { url: string; kind: string; detail: string }[];
}
interface Hit {
  id: string;
  version: number;
  weight: number;
  label: { nl: string; en: string };
  evidence: string;
  notScoredBecause?: { nl: string; en: string };
}
interface Ad {
  id: string;
  title: string;
  city?: string;
  assessment: { score: number; indicators: Hit[]; information: Hit[] };
}
/** Operator clusters as the API answers them (generated from the OpenAPI document). */
type Clusters = Answer<'/api/v1/crawler/investigations/{id}/clusters', 'get'>;

const list = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

export function CrawlerPage() {
  const { t } = useI18n();
  const {
    data: investigations,
    error,
    reload,
  } = useLoad(() => api<Investigation[]>('GET', '/crawler/investigations', { purpose }), 'investigations');
  const [selected, setSelected] = useState<string | null>(null);
  const current = investigations?.find((i) => i.id === selected);
  return (
    <>
      <PageHeading title={t('crawler.title')}>{t('crawler.title')}</PageHeading>
      <Paragraph className="kp-lead">{t('crawler.lead')}</Paragraph>
      <Problem error={error} />
      {investigations && (
        <section className="kp-panel" aria-labelledby="crawler-mandates">
          <Heading2 id="crawler-mandates">{t('crawler.mandates')}</Heading2>
          <DataTable
            caption={t('crawler.mandates')}
            empty={t('crawler.noMandates')}
            rows={investigations}
            rowKey={(i) => i.id}
            columns={[
              {
                header: t('crawler.caseRef'),
                cell: (i) => (
                  <Button
                    appearance="subtle-button"
                    onClick={() => setSelected(i.id)}
                    aria-pressed={selected === i.id}
                  >
                    {i.caseRef}
                  </Button>
                ),
                rowHeader: true,
              },
              { header: t('crawler.legalBasis'), cell: (i) => i.legalBasis },
              { header: t('crawler.endsOn'), cell: (i) => i.endsOn },
              { header: t('crawler.sites'), cell: (i) => i.sites.join(', ') },
              {
                header: t('crawler.status'),
                cell: (i) => t(i.status === 'open' ? 'crawler.open' : 'crawler.closed'),
              },
            ]}
          />
        </section>
      )}
      <NewMandate onCreated={() => void reload()} />
      <NewAdapter />
      {current && <InvestigationView key={current.id} investigation={current} />}
    </>
  );
}

function NewMandate({ onCreated }: { onCreated: () => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ caseRef: '', legalBasis: '', endsOn: '', sites: '', terms: '' });
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setDone(false);
    try {
      await api('POST', '/crawler/investigations', {
        purpose,
        body: { ...form, sites: list(form.sites), terms: list(form.terms) },
      });
      setDone(true);
      onCreated();
    } catch (error) {
      setFailure(error);
    }
  };
  const field = (name: keyof typeof form) =>
    failure instanceof ApiError && failure.field?.startsWith(name) ? failure.message : undefined;
  return (
    <section className="kp-panel" aria-labelledby="crawler-new-mandate">
      <Heading2 id="crawler-new-mandate">{t('crawler.newMandate')}</Heading2>
      <Paragraph>{t('crawler.newMandateHelp')}</Paragraph>
      <form noValidate onSubmit={(event) => void submit(event)}>
        {(['caseRef', 'legalBasis', 'endsOn', 'sites', 'terms'] as const).map((name) => (
          <TextField
            key={name}
            name={name}
            type={name === 'endsOn' ? 'date' : 'text'}
            label={t(`crawler.field.${name}`)}
            error={field(name)}
            value={form[name]}
            onValue={(value) => setForm({ ...form, [name]: value })}
          />
        ))}
        {!(failure instanceof ApiError && failure.field) && <Problem error={failure} />}
        {done && <Success>{t('crawler.mandateSaved')}</Success>}
        <ButtonGroup className="kp-form-actions">
          <Button type="submit" appearance="primary-action-button">
            {t('crawler.saveMandate')}
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}

function NewAdapter() {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setSaved(null);
    let config: unknown;
    try {
      config = JSON.parse(text);
    } catch {
      setFailure(new ApiError(400, 'invalid_input', t('crawler.adapterNotJson')));
      return;
    }
    try {
      const adapter = await api<{ id: string }>('POST', '/crawler/adapters', { purpose, body: { config } });
      setSaved(adapter.id);
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <section className="kp-panel" aria-labelledby="crawler-adapter">
      <Heading2 id="crawler-adapter">{t('crawler.adapter')}</Heading2>
      <Paragraph>{t('crawler.adapterHelp')}</Paragraph>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <FormFieldTextarea
          label={t('crawler.adapterJson')}
          name="adapter"
          rows={10}
          value={text}
          invalid={Boolean(failure)}
          errorMessage={failure instanceof ApiError ? failure.message : undefined}
          onChange={(event: ChangeEvent<HTMLTextAreaElement>) => setText(event.currentTarget.value)}
        />
        {saved && <Success>{t('crawler.adapterSaved', { id: saved })}</Success>}
        <ButtonGroup className="kp-form-actions">
          <Button type="submit" appearance="primary-action-button">
            {t('crawler.saveAdapter')}
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}

function InvestigationView({ investigation }: { investigation: Investigation }) {
  const { t } = useI18n();
  const [site, setSite] = useState(investigation.sites[0] ?? '');
  const [maxPages, setMaxPages] = useState('');
  const [crawlId, setCrawlId] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const start = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    try {
      const run = await api<{ id: string }>('POST', '/crawler/crawls', {
        purpose,
        body: {
          investigationId: investigation.id,
          site,
          ...(maxPages ? { maxPages: Number(maxPages) } : {}),
        },
      });
      setCrawlId(run.id);
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <section className="kp-panel" aria-labelledby="crawler-investigation">
      <Heading2 id="crawler-investigation">
        {t('crawler.investigation', { ref: investigation.caseRef })}
      </Heading2>
      <form noValidate onSubmit={(event) => void start(event)}>
        <div className="kp-filters">
          <TextField name="site" label={t('crawler.site')} value={site} onValue={setSite} />
          <TextField
            name="maxPages"
            type="number"
            label={t('crawler.maxPages')}
            value={maxPages}
            onValue={setMaxPages}
          />
        </div>
        <Problem error={failure} title={t('crawler.refused')} />
        <ButtonGroup className="kp-form-actions">
          <Button type="submit" appearance="primary-action-button">
            {t('crawler.start')}
          </Button>
        </ButtonGroup>
      </form>
      {crawlId && <CrawlProgress id={crawlId} />}
      <Findings investigationId={investigation.id} />
    </section>
  );
}

function CrawlProgress({ id }: { id: string }) {
  const { t } = useI18n();
  const [tick, setTick] = useState(0);
  const { data, error } = useLoad(
    () => api<Crawl>('GET', `/crawler/crawls/${id}`, { purpose }),
    `${id}:${tick}`,
  );
  const finished = data && ['done', 'failed'].includes(data.status);
  useEffect(() => {
    if (finished) return;
    const timer = setInterval(() => setTick((n) => n + 1), 2000);
    return () => clearInterval(timer);
  }, [finished]);
  if (!data) return <Problem error={error} />;
  const p = data.progress;
  return (
    <div aria-live="polite">
      <Heading3>{t('crawler.progress')}</Heading3>
      <progress max={Math.max(1, p.queued)} value={p.queued - p.pending} aria-label={t('crawler.progress')} />
      <Paragraph>
        {t('crawler.progressText', {
          status: data.status,
          pages: p.pagesFetched,
          ads: p.adsFound,
          errors: p.errors,
        })}
      </Paragraph>
      {data.errors.length > 0 && (
        <UnorderedList>
          {data.errors.slice(0, 20).map((e) => (
            <UnorderedListItem key={e.url}>
              <span className="kp-mono">{e.url}</span>: {e.kind} — {e.detail}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      )}
    </div>
  );
}

function Findings({ investigationId }: { investigationId: string }) {
  const { t, language } = useI18n();
  const [shown, setShown] = useState<'none' | 'ads' | 'clusters'>('none');
  const { data: ads, error: adsError } = useLoad(
    () =>
      shown === 'ads'
        ? api<Ad[]>('GET', `/crawler/investigations/${investigationId}/ads`, { purpose })
        : Promise.resolve(null),
    `ads:${shown}`,
  );
  const { data: clusters, error: clustersError } = useLoad(
    () =>
      shown === 'clusters'
        ? api<Clusters>('GET', `/crawler/investigations/${investigationId}/clusters`, { purpose })
        : Promise.resolve(null),
    `clusters:${shown}`,
  );
  const text = (value: { nl: string; en: string }) => value[language];
  return (
    <>
      <Paragraph>{t('crawler.viewsAudited')}</Paragraph>
      <ButtonGroup className="kp-form-actions">
        <Button appearance="secondary-action-button" onClick={() => setShown('ads')}>
          {t('crawler.showAds')}
        </Button>
        <Button appearance="secondary-action-button" onClick={() => setShown('clusters')}>
          {t('crawler.showClusters')}
        </Button>
      </ButtonGroup>
      <Problem error={adsError ?? clustersError} />
      {shown === 'ads' &&
        ads
          ?.filter((ad) => ad.assessment.indicators.length + ad.assessment.information.length > 0)
          .sort((a, b) => b.assessment.score - a.assessment.score)
          .slice(0, 100)
          .map((ad) => (
            <article key={ad.id} className="kp-card">
              <Heading3>
                {ad.title} — {t('crawler.score', { score: ad.assessment.score })}
              </Heading3>
              <UnorderedList>
                {ad.assessment.indicators.map((hit) => (
                  <UnorderedListItem key={hit.id}>
                    <strong>{text(hit.label)}</strong> (v{hit.version},{' '}
                    {t('crawler.weight', { weight: hit.weight })}): “{hit.evidence}”
                  </UnorderedListItem>
                ))}
                {ad.assessment.information.map((hit) => (
                  <UnorderedListItem key={hit.id}>
                    <em>{text(hit.label)}</em>: “{hit.evidence}” —{' '}
                    {hit.notScoredBecause && text(hit.notScoredBecause)}
                  </UnorderedListItem>
                ))}
              </UnorderedList>
            </article>
          ))}
      {shown === 'clusters' && clusters && (
        <>
          {clusters.guarded.length > 0 && (
            <>
              <Heading3>{t('crawler.guarded')}</Heading3>
              <UnorderedList>
                {clusters.guarded.map((g) => (
                  <UnorderedListItem key={`${g.kind}:${g.value}`}>{text(g.reason)}</UnorderedListItem>
                ))}
              </UnorderedList>
            </>
          )}
          {clusters.clusters
            .filter((c) => c.ads.length > 1)
            .sort((a, b) => b.ads.length - a.ads.length)
            .slice(0, 50)
            .map((cluster) => (
              <article key={cluster.id} className="kp-card">
                <Heading3>{t('crawler.cluster', { count: cluster.ads.length })}</Heading3>
                <Paragraph>
                  {t('crawler.clusterWhereWhen', {
                    cities: cluster.cities.map((c) => `${c.city} (${c.ads})`).join(', ') || '–',
                    from: cluster.timeline[0]?.postedAt?.slice(0, 10) ?? '–',
                    to: cluster.timeline.at(-1)?.postedAt?.slice(0, 10) ?? '–',
                  })}
                </Paragraph>
                <UnorderedList>
                  {cluster.evidence.slice(0, 30).map((e) => (
                    <UnorderedListItem key={`${e.a}|${e.b}|${e.kind}`}>
                      <span className="kp-mono">{e.a}</span> ↔ <span className="kp-mono">{e.b}</span>:{' '}
                      {e.detail} ({e.score})
                    </UnorderedListItem>
                  ))}
                </UnorderedList>
                <ClusterToSignal investigationId={investigationId} clusterId={cluster.id} />
              </article>
            ))}
        </>
      )}
    </>
  );
}

/** Hands a cluster to triage as a signal (identifiers, cities, indicator evidence; no ad text or images). */
function ClusterToSignal({ investigationId, clusterId }: { investigationId: string; clusterId: string }) {
  const { t } = useI18n();
  const [made, setMade] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const send = async () => {
    setError(null);
    try {
      const result = await api<{ signal: { id: string } }>(
        'POST',
        `/crawler/investigations/${investigationId}/cluster-signals`,
        { purpose, body: { clusterId: clusterId } },
      );
      setMade(result.signal.id);
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <>
      <Problem error={error} />
      {made ? (
        <Success>{t('crawler.clusterSignalMade', { id: made })}</Success>
      ) : (
        <Button appearance="secondary-action-button" onClick={send}>
          {t('crawler.clusterToSignal')}
        </Button>
      )}
    </>
  );
}
