import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { I18nProvider } from './i18n/index.tsx';
import { SessionProvider } from './session.tsx';
// NL Design System: the font, the open (EUPL-1.2) example design tokens (theme class `voorbeeld-theme`) and the
// component CSS. Utrecht's own tokens are proprietary to Gemeente Utrecht, so Ketenplein does not ship them.
// The build keeps only the component CSS and tokens the app uses (web/build-plugins.ts).
import './font.css';
import '@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css';
import '@utrecht/component-library-css/dist/index.css';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <App />
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
