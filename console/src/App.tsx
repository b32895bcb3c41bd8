import { useEffect, useState } from 'react';
import { setApiKey } from './api';
import { texts, TextContext, type Lang } from './i18n';
import { forgetKey, recallKey, rememberKey } from './key-store';
import { Budget } from './screens/Budget';
import { PolicySimulation } from './screens/PolicySimulation';
import { MoneyFlow } from './screens/MoneyFlow';
import { Replay } from './screens/Replay';
import { Verification } from './screens/Verification';
import { AccessLog } from './screens/AccessLog';

const screens = {
  moneyFlow: MoneyFlow,
  replay: Replay,
  budget: Budget,
  verification: Verification,
  accessLog: AccessLog,
  simulation: PolicySimulation,
} as const;
type Screen = keyof typeof screens;
const langItem = 'ledger-console.lang'; // a preference, not a secret

export function App() {
  const [lang, setLang] = useState<Lang>(() =>
    localStorage.getItem(langItem) === 'en' ? 'en' : 'zh',
  );
  const [signedIn, setSignedIn] = useState<boolean | undefined>();
  const [screen, setScreen] = useState<Screen>('moneyFlow');
  const t = texts[lang];

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t.title;
    localStorage.setItem(langItem, lang);
  }, [lang, t]);
  useEffect(() => {
    void recallKey().then((key) => {
      setApiKey(key);
      setSignedIn(key !== undefined);
    });
  }, []);

  const signOut = () => {
    forgetKey();
    setApiKey(undefined);
    setSignedIn(false);
  };
  const Current = screens[screen];
  return (
    <TextContext.Provider value={t}>
      <header>
        <h1>{t.title}</h1>
        <button
          type="button"
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          aria-label={t.languageName}
          lang={lang === 'zh' ? 'en' : 'zh-CN'}
        >
          {t.language}
        </button>
        {signedIn && (
          <button type="button" onClick={signOut}>
            {t.signOut}
          </button>
        )}
      </header>
      {signedIn === false && <KeyPrompt onKey={() => setSignedIn(true)} />}
      {signedIn && (
        <>
          <nav aria-label={t.nav}>
            {(Object.keys(screens) as Screen[]).map((s) => (
              <button
                key={s}
                type="button"
                aria-current={s === screen ? 'page' : undefined}
                onClick={() => setScreen(s)}
              >
                {t[s]}
              </button>
            ))}
          </nav>
          <main>
            <Current key={`${screen}-${lang}`} />
          </main>
        </>
      )}
    </TextContext.Provider>
  );
}

function KeyPrompt({ onKey }: { onKey: () => void }) {
  const [lang] = useState(() => (localStorage.getItem(langItem) === 'en' ? 'en' : 'zh'));
  const t = texts[lang as Lang];
  const [key, setKey] = useState('');
  const submit = async () => {
    setApiKey(key.trim());
    await rememberKey(key.trim());
    setKey('');
    onKey();
  };
  return (
    <main>
      <form
        className="key-prompt"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p>{t.keyPrompt}</p>
        <label>
          {t.apiKey}
          <input
            type="password"
            autoComplete="off"
            value={key}
            onChange={(e) => setKey(e.target.value)}
            required
            minLength={16}
            autoFocus
          />
        </label>
        <button type="submit">{t.enter}</button>
      </form>
    </main>
  );
}
