import { type Answer, api } from '../api.ts';

/** The care pages' calls to /api/v1/care, always under the purpose care_coordination. */
export const purpose = 'care_coordination';

export type ClientRow = Answer<'/api/v1/care/clients', 'get'>[number];
export type ClientView = Answer<'/api/v1/care/clients/{id}', 'get'>;
export type RequestView = Answer<'/api/v1/care/placement-requests', 'get'>[number];
export type Match = Answer<'/api/v1/care/placement-requests/{id}/matches', 'get'>;
export type PlaceView = Answer<'/api/v1/care/places', 'get'>[number];
export type Registration = Answer<'/api/v1/care/registrations', 'get'>[number];
export type RegistrationFigures = Answer<'/api/v1/care/registrations/figures', 'get'>;
export type Trajectory = Answer<'/api/v1/care/clients/{id}/trajectories', 'get'>[number];
export type Handover = Answer<'/api/v1/care/handovers', 'get'>[number];
export type Period = Answer<'/api/v1/care/reflection-clocks', 'get'>[number];

const call = <T>(method: string, path: string, body?: unknown) =>
  api<T>(method, `/care${path}`, { body, purpose });

export const careApi = {
  clients: () => call<ClientRow[]>('GET', '/clients'),
  client: (id: string) => call<ClientView>('GET', `/clients/${id}`),
  createClient: (body: Record<string, unknown>) => call<{ id: string }>('POST', '/clients', body),
  consent: (id: string, body: Record<string, unknown>) =>
    call<{ id: string }>('POST', `/clients/${id}/consents`, body),
  reflection: (id: string, body: Record<string, unknown>) =>
    call<unknown>('POST', `/clients/${id}/reflection`, body),
  clocks: () => call<Period[]>('GET', '/reflection-clocks'),
  fileRequest: (id: string) => call<{ id: string }>('POST', `/clients/${id}/placement-requests`, {}),
  requests: () => call<RequestView[]>('GET', '/placement-requests'),
  matches: (id: string) => call<Match>('GET', `/placement-requests/${id}/matches`),
  transition: (id: string, body: Record<string, unknown>) =>
    call<{ id: string; state: string }>('POST', `/placement-requests/${id}/transitions`, body),
  safeAddress: (id: string) => call<{ address: string }>('GET', `/placement-requests/${id}/safe-address`),
  places: () => call<PlaceView[]>('GET', '/places'),
  createLocation: (body: Record<string, unknown>) => call<{ id: string }>('POST', '/locations', body),
  updatePlace: (id: string, body: Record<string, unknown>) => call<unknown>('PATCH', `/places/${id}`, body),
  trajectories: (id: string) => call<Trajectory[]>('GET', `/clients/${id}/trajectories`),
  planTrajectory: (id: string, body: Record<string, unknown>) =>
    call<{ id: string }>('POST', `/clients/${id}/trajectories`, body),
  phaseStep: (id: string, body: Record<string, unknown>) =>
    call<{ id: string; state: string }>('POST', `/trajectory-phases/${id}/steps`, body),
  closeTrajectory: (id: string, body: Record<string, unknown>) =>
    call<{ id: string; state: string }>('POST', `/trajectories/${id}/close`, body),
  handovers: () => call<Handover[]>('GET', '/handovers'),
  decideHandover: (id: string, body: Record<string, unknown>) =>
    call<{ id: string; state: string }>('POST', `/handovers/${id}/decision`, body),
};

/** Registration with CoMensha: under the purpose victim_registration. */
const registration = <T>(method: string, path: string, body?: unknown) =>
  api<T>(method, `/care${path}`, { body, purpose: 'victim_registration' });

export const registrationApi = {
  register: (body: Record<string, unknown>) => registration<{ id: string }>('POST', '/registrations', body),
  list: (year: number) => registration<Registration[]>('GET', `/registrations?year=${year}`),
  figures: (year: number) => registration<RegistrationFigures>('GET', `/registrations/figures?year=${year}`),
};

export const today = () => {
  const parts = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date());
  return parts;
};
