import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { unstableSetRender } from 'antd-mobile';
import { App } from './App';
import { boot } from './store/session';
import { useLang } from './i18n';
import { registerServiceWorker } from './push/push';
import './styles.css';

// antd-mobile 5 renders its Toast/Dialog/ActionSheet with React 18's API; React 19 needs this shim.
unstableSetRender((node, container) => {
  const c = container as (Element | DocumentFragment) & { _reactRoot?: Root };
  c._reactRoot ||= createRoot(c);
  const root = c._reactRoot;
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
  };
});

document.documentElement.lang = useLang.getState().lang;
boot();
registerServiceWorker();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
